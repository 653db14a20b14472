"""The pledge (giao ước thi đua): the secretariat drafts it, each member's head signs it in the system."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.core.enums import FileKind, NotificationLevel
from thidua.core.services import notify
from thidua.emulation import selectors
from thidua.emulation.enums import PLEDGE_TRANSITIONS, PhaseKind, PledgeState
from thidua.emulation.models import Pledge, PledgeItem, PledgeSignature
from thidua.emulation.services.common import (
    notify_secretariat,
    notify_units,
    require_phase_open,
    require_reason,
    store_uploads,
)
from thidua.organizations.enums import Role
from thidua.organizations.models import ClusterMembership, Unit
from thidua.organizations.scopes import scope_of

P = PledgeState
SCAN_KINDS = (FileKind.PDF, FileKind.PNG, FileKind.JPEG)


def pledge_url(pledge):
    return reverse("emulation:pledge_detail", args=[pledge.pk])


def _clean_content(motto, items):
    motto = (motto or "").strip()
    items = [t.strip() for t in items or [] if t and t.strip()]
    if not motto:
        raise kernel.Refusal(_("Hãy nhập phương châm thi đua."))
    if not items:
        raise kernel.Refusal(_("Giao ước cần ít nhất một nội dung thi đua."))
    return motto, items


def _write_items(pledge, items):
    pledge.items.all().delete()
    PledgeItem.objects.bulk_create([PledgeItem(pledge=pledge, position=i, text=t) for i, t in enumerate(items, 1)])


def _content(pledge):
    return {
        "motto": pledge.motto,
        "preamble": pledge.preamble,
        "items": [i.text for i in pledge.items.all()],
        "signing_place": pledge.signing_place,
        "signing_date": pledge.signing_date,
    }


@transaction.atomic
def create_pledge(cluster_year, *, actor, motto, items, preamble="", signing_place="", signing_date=None):
    kernel.require(actor, "emulation.manage_pledges", cluster_year)
    if selectors.current_pledge(cluster_year) is not None:
        raise kernel.Refusal(_("Năm %(year)s đã có giao ước; hãy sửa giao ước hiện có.") % {"year": cluster_year.year})
    motto, items = _clean_content(motto, items)
    pledge = Pledge.objects.create(
        cluster_year=cluster_year,
        motto=motto,
        preamble=(preamble or "").strip(),
        signing_place=signing_place,
        signing_date=signing_date,
        created_by=actor,
    )
    _write_items(pledge, items)
    kernel.log(actor, "pledge.created", pledge, new=_content(pledge), scope=cluster_year)
    return pledge


@transaction.atomic
def update_pledge(
    pledge, *, actor, seen_version, motto, items, preamble="", signing_place="", signing_date=None, change_note=""
):
    """Change the pledge's content. Once signed, the change is a new edition: the old one is superseded, its
    signatures voided and the signers told. Returns the pledge now current (the same one or the new edition)."""
    pledge = Pledge.objects.select_for_update(of=("self",)).select_related("cluster_year__cluster").get(pk=pledge.pk)
    kernel.require(actor, "emulation.manage_pledge", pledge)
    if pledge.state == P.SUPERSEDED:
        raise kernel.Refusal(_("Phiên bản này đã được thay thế; hãy sửa phiên bản hiện hành."))
    if pledge.version != seen_version:
        raise kernel.StaleEdit(
            _("Giao ước vừa được người khác thay đổi sau khi bạn mở nó. Nội dung hiện tại được hiển thị dưới đây.")
        )
    motto, items = _clean_content(motto, items)
    if pledge.signatures.filter(voided_at__isnull=True).exists():
        # A new edition voids every signature; it must be signable again, so the signing phase must be open.
        require_phase_open(pledge.cluster_year, PhaseKind.PLEDGE)
        note = require_reason(change_note, _("Giao ước đã có chữ ký: hãy ghi lý do sửa đổi (phiên bản mới)."))
        return _new_edition(pledge, actor, motto, items, preamble, signing_place, signing_date, note)
    old = _content(pledge)
    Pledge.objects.filter(pk=pledge.pk).update(
        motto=motto,
        preamble=(preamble or "").strip(),
        signing_place=signing_place,
        signing_date=signing_date,
        version=F("version") + 1,
    )
    pledge.refresh_from_db()
    _write_items(pledge, items)
    kernel.log(actor, "pledge.updated", pledge, old=old, new=_content(pledge), scope=pledge.cluster_year)
    return pledge


def _new_edition(pledge, actor, motto, items, preamble, signing_place, signing_date, note):
    was_open = pledge.state in (P.OPEN, P.COMPLETED)
    set_pledge_state(pledge, P.SUPERSEDED, actor=actor, reason=note)
    new = Pledge.objects.create(
        cluster_year=pledge.cluster_year,
        edition=pledge.edition + 1,
        state=P.OPEN if was_open else P.DRAFT,
        motto=motto,
        preamble=(preamble or "").strip(),
        signing_place=signing_place,
        signing_date=signing_date,
        change_note=note,
        previous=pledge,
        created_by=actor,
        opened_at=timezone.now() if was_open else None,
        is_invented=pledge.is_invented,
    )
    _write_items(new, items)
    kernel.log(
        actor,
        "pledge.new_edition",
        new,
        old={"edition": pledge.edition},
        new={"edition": new.edition, **_content(new)},
        note=note,
        scope=new.cluster_year,
    )
    return new


def _check_transition(pledge, new_state, actor):
    if new_state == P.COMPLETED:
        # Reached by the last signature, not by anyone's hand.
        if selectors.units_without_pledge_signature(pledge.cluster_year):
            raise kernel.Refusal(_("Chưa đủ chữ ký của các thành viên."))
        return
    kernel.require(actor, "emulation.manage_pledge", pledge)
    if new_state == P.OPEN and not pledge.items.exists():
        raise kernel.Refusal(_("Giao ước cần ít nhất một nội dung thi đua."))
    if new_state == P.DRAFT and pledge.signatures.filter(voided_at__isnull=True).exists():
        raise kernel.Refusal(_("Giao ước đã có chữ ký; không thể đưa về dự thảo. Hãy sửa thành phiên bản mới."))


@transaction.atomic
def set_pledge_state(pledge, new_state, *, actor, reason=""):
    """The one way a pledge changes state. Superseding voids the signatures and tells the signers."""
    caller = pledge
    pledge = Pledge.objects.select_for_update(of=("self",)).select_related("cluster_year__cluster").get(pk=pledge.pk)
    old_state = P(pledge.state)
    new_state = kernel.check_transition(P, PLEDGE_TRANSITIONS, old_state, new_state, what=_("giao ước"))
    _check_transition(pledge, new_state, actor)
    now = timezone.now()
    pledge.state = new_state
    pledge.version += 1
    if new_state == P.OPEN:
        pledge.opened_at = now
    pledge.completed_at = now if new_state == P.COMPLETED else pledge.completed_at
    pledge.save(update_fields=["state", "version", "opened_at", "completed_at"])
    kernel.log(
        actor,
        f"pledge.{new_state}",
        pledge,
        old={"state": old_state},
        new={"state": new_state},
        note=reason,
        scope=pledge.cluster_year,
    )
    _after_transition(pledge, new_state, reason, now)
    return kernel.sync(caller, pledge)


def _after_transition(pledge, new_state, reason, now):
    cluster_year = pledge.cluster_year
    params = {"year": cluster_year.year, "edition": pledge.edition}
    members = list(ClusterMembership.objects.filter(cluster_year=cluster_year).values_list("unit_id", flat=True))
    if new_state == P.OPEN:
        notify_units(
            members,
            _("Giao ước thi đua năm %(year)s đã mở để ký") % params,
            url=pledge_url(pledge),
            level=NotificationLevel.ACTION,
            roles=(Role.UNIT_HEAD, Role.UNIT_OFFICER),
        )
    elif new_state == P.DRAFT:
        notify_units(
            members,
            _("Giao ước thi đua năm %(year)s tạm dừng ký để sửa nội dung") % params,
            body=reason,
            url=reverse("emulation:pledge_of_year", args=[cluster_year.pk]),
        )
    elif new_state == P.COMPLETED:
        notify_secretariat(
            cluster_year,
            _("Giao ước thi đua năm %(year)s đã đủ chữ ký các thành viên") % params,
            url=pledge_url(pledge),
        )
    elif new_state == P.SUPERSEDED:
        signatures = list(pledge.signatures.filter(voided_at__isnull=True).select_related("signed_by"))
        pledge.signatures.filter(voided_at__isnull=True).update(voided_at=now, void_reason=reason)
        signers = [s.signed_by for s in signatures] + selectors.unit_users(
            [s.unit_id for s in signatures], roles=(Role.UNIT_HEAD,)
        )
        notify(
            signers,
            _("Giao ước thi đua năm %(year)s đã được sửa đổi: chữ ký của đơn vị bị hủy, đề nghị ký lại") % params,
            body=_("Lý do sửa đổi: %(reason)s") % {"reason": reason},
            url=reverse("emulation:pledge_of_year", args=[cluster_year.pk]),
            level=NotificationLevel.ACTION,
        )


def _signing_unit(pledge, actor, unit):
    head_units = scope_of(actor).head_unit_ids
    members = set(ClusterMembership.objects.filter(cluster_year=pledge.cluster_year).values_list("unit_id", flat=True))
    if unit is None:
        candidates = sorted(head_units & members)
        if len(candidates) != 1:
            raise PermissionDenied(_("Chỉ Thủ trưởng đơn vị thành viên của cụm được ký giao ước."))

        return Unit.objects.get(pk=candidates[0])
    if unit.pk not in head_units or unit.pk not in members:
        raise PermissionDenied(_("Chỉ Thủ trưởng đơn vị thành viên của cụm được ký giao ước."))
    return unit


@transaction.atomic
def sign_pledge(pledge, *, actor, unit=None, scan=None):
    """The head of a member unit signs: who and when are recorded; a scan of the paper copy may come along."""
    pledge = Pledge.objects.select_for_update(of=("self",)).select_related("cluster_year__cluster").get(pk=pledge.pk)
    unit = _signing_unit(pledge, actor, unit)
    if pledge.state != P.OPEN:
        raise kernel.Refusal(
            _("Giao ước đang ở trạng thái “%(state)s”: không ký được.") % {"state": pledge.get_state_display()}
        )
    require_phase_open(pledge.cluster_year, PhaseKind.PLEDGE)
    if pledge.signatures.filter(unit=unit).exists():
        raise kernel.Refusal(_("%(unit)s đã ký giao ước này.") % {"unit": unit.full_name})
    stored = store_uploads([scan], actor=actor, owner_unit=unit, allowed_kinds=SCAN_KINDS)
    signature = PledgeSignature.objects.create(
        pledge=pledge,
        unit=unit,
        signed_by=actor,
        signer_name=actor.full_name or actor.username,
        signed_at=timezone.now(),
        scan=stored[0] if stored else None,
    )
    kernel.log(
        actor,
        "pledge.signed",
        pledge,
        new={"unit": unit.pk, "signer": signature.signer_name, "scan": bool(stored)},
        scope=unit,
    )
    notify_secretariat(
        pledge.cluster_year,
        _("%(unit)s đã ký giao ước thi đua năm %(year)s") % {"unit": unit.full_name, "year": pledge.cluster_year.year},
        url=pledge_url(pledge),
    )
    if not selectors.units_without_pledge_signature(pledge.cluster_year):
        set_pledge_state(pledge, P.COMPLETED, actor=actor)
    return signature


@transaction.atomic
def attach_pledge_scan(signature, *, actor, scan):
    """Attach (or replace) the scan of the signed paper copy: the unit's head or officer."""
    signature = (
        PledgeSignature.objects.select_for_update(of=("self",)).select_related("pledge", "unit").get(pk=signature.pk)
    )
    if signature.unit_id not in scope_of(actor).unit_ids:
        raise PermissionDenied(_("Chỉ cán bộ hoặc Thủ trưởng của đơn vị đã ký được đính kèm bản chụp."))
    if signature.voided_at is not None:
        raise kernel.Refusal(_("Chữ ký này đã bị hủy do giao ước có phiên bản mới."))
    if not scan:
        raise kernel.Refusal(_("Hãy chọn tệp bản chụp."))
    old = signature.scan_id
    signature.scan = store_uploads([scan], actor=actor, owner_unit=signature.unit, allowed_kinds=SCAN_KINDS)[0]
    signature.save(update_fields=["scan"])
    kernel.log(
        actor,
        "pledge.scan_attached",
        signature.pledge,
        old={"scan": old},
        new={"scan": signature.scan_id},
        scope=signature.unit,
    )
    return signature
