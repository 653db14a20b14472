"""Helpers the emulation services share: permission guards, stale-edit errors, uploads, notifications."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from thidua.core.files import EVIDENCE_KINDS, store_upload, validate_upload
from thidua.core.services import notify
from thidua.emulation import selectors
from thidua.organizations.scopes import scope_of


class StaleEditError(ValidationError):
    """Someone saved the same record after this user opened it; nothing was written."""


def require_perm(actor, perm, obj=None, message=None):
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(message or _("Bạn không có quyền thực hiện thao tác này."))


def require_unit_staff(actor, unit):
    if actor is None or unit is None or unit.pk not in scope_of(actor).unit_ids:
        raise PermissionDenied(
            _("Chỉ cán bộ hoặc Thủ trưởng của %(unit)s được thực hiện thao tác này.")
            % {"unit": unit.full_name if unit else _("đơn vị")}
        )


def require_phase_open(cluster_year, kind):
    if not selectors.phase_is_open(cluster_year, kind):
        phase = selectors.phase_of(cluster_year, kind)
        label = kind.label if hasattr(kind, "label") else kind
        if phase is None:
            raise ValidationError(
                _("Giai đoạn “%(phase)s” của năm %(year)s chưa được lập lịch.")
                % {"phase": label, "year": cluster_year.year}
            )
        if phase.has_closed():
            raise ValidationError(
                _("Giai đoạn “%(phase)s” của năm %(year)s đã đóng; không thể thay đổi nữa.")
                % {"phase": label, "year": cluster_year.year}
            )
        raise ValidationError(
            _("Giai đoạn “%(phase)s” của năm %(year)s chưa mở (bắt đầu ngày %(day)s).")
            % {"phase": label, "year": cluster_year.year, "day": phase.starts_on.strftime("%d/%m/%Y")}
        )


def require_reason(reason, message):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(message)
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


def log_scope(unit=None, cluster_year=None):
    """The scope columns of the activity log: the unit and the province whose board may read the entry."""
    if unit is not None:
        return {"unit_id": unit.pk, "province_id": unit.province_id}
    if cluster_year is not None:
        return {"province_id": cluster_year.cluster.province_id}
    return {}
