"""The emulation services' own guards (unit staff, open phases, reasons), uploads and notifications; the plumbing
is the kernel's (core/kernel.py)."""

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.core.files import EVIDENCE_KINDS, store_upload, validate_upload
from thidua.core.services import notify
from thidua.emulation import selectors


def require_unit_staff(actor, unit):
    """Only the unit's own officers and head act for it: the rule `organizations.act_for_unit`, asked of the rule
    itself, because Django grants a superuser every permission and an administrator is nobody's unit staff."""
    if actor is not None and not rules.has_perm("organizations.act_for_unit", actor, unit):
        raise PermissionDenied(
            _("Chỉ cán bộ hoặc Thủ trưởng của %(unit)s được thực hiện thao tác này.")
            % {"unit": unit.full_name if unit else _("đơn vị")}
        )


def require_phase_open(cluster_year, kind):
    if not selectors.phase_is_open(cluster_year, kind):
        phase = selectors.phase_of(cluster_year, kind)
        label = kind.label if hasattr(kind, "label") else kind
        if phase is None:
            raise kernel.Refusal(
                _("Giai đoạn “%(phase)s” của năm %(year)s chưa được lập lịch.")
                % {"phase": label, "year": cluster_year.year}
            )
        if phase.has_closed():
            raise kernel.Refusal(
                _("Giai đoạn “%(phase)s” của năm %(year)s đã đóng; không thể thay đổi nữa.")
                % {"phase": label, "year": cluster_year.year}
            )
        raise kernel.Refusal(
            _("Giai đoạn “%(phase)s” của năm %(year)s chưa mở (bắt đầu ngày %(day)s).")
            % {"phase": label, "year": cluster_year.year, "day": phase.starts_on.strftime("%d/%m/%Y")}
        )


def require_reason(reason, message):
    reason = (reason or "").strip()
    if not reason:
        raise kernel.Refusal(message)
    return reason


def store_uploads(uploads, *, actor, owner_unit, allowed_kinds=EVIDENCE_KINDS):
    """Check every upload first so a bad one leaves nothing stored, then store them all."""
    uploads = [u for u in uploads or [] if u]
    for upload in uploads:
        validate_upload(upload, allowed_kinds)
    return [store_upload(u, actor=actor, owner_unit=owner_unit, allowed_kinds=allowed_kinds) for u in uploads]


def notify_units(unit_ids, title, *, body="", url="", level="info", roles=None):
    kwargs = {"roles": roles} if roles else {}
    return notify(selectors.unit_users(unit_ids, **kwargs), title, body=body, url=url, level=level)


def notify_secretariat(cluster_year, title, *, body="", url="", level="info"):
    if cluster_year is None:
        return []
    return notify(selectors.secretariat_users(cluster_year), title, body=body, url=url, level=level)
