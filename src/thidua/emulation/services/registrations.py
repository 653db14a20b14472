"""Registration (đăng ký thi đua): the unit drafts and sends; the secretariat returns or approves."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.core.enums import NotificationLevel
from thidua.emulation import selectors
from thidua.emulation.enums import REGISTRATION_TRANSITIONS, PhaseKind, RegistrationState
from thidua.emulation.models import Registration, RegistrationTarget
from thidua.emulation.services.common import (
    notify_secretariat,
    notify_units,
    require_phase_open,
    require_reason,
    require_unit_staff,
)
from thidua.organizations.models import ClusterMembership

S = RegistrationState


def registration_url(registration):
    return reverse("emulation:registration_detail", args=[registration.pk])


def _require_member(cluster_year, unit):
    if not ClusterMembership.objects.filter(cluster_year=cluster_year, unit=unit).exists():
        raise kernel.Refusal(
            _("%(unit)s không phải thành viên của cụm năm %(year)s.")
            % {"unit": unit.full_name, "year": cluster_year.year}
        )


def registration_for(cluster_year, unit, *, actor):
    """The unit's registration for the year, created as an empty draft the first time its staff opens it."""
    require_unit_staff(actor, unit)
    _require_member(cluster_year, unit)
    existing = Registration.objects.filter(cluster_year=cluster_year, unit=unit).first()
    if existing is not None:
        return existing
    require_phase_open(cluster_year, PhaseKind.REGISTRATION)
    try:
        with transaction.atomic():
            registration = Registration.objects.create(cluster_year=cluster_year, unit=unit)
            kernel.log(actor, "registration.created", registration, new={"state": S.DRAFT}, scope=unit)
    except IntegrityError:
        # A colleague opened it at the same moment: theirs is the one.
        return Registration.objects.get(cluster_year=cluster_year, unit=unit)
    return registration


def check_can_edit(registration, actor):
    """Raise the reason the actor may not change this registration now; return None when they may."""
    require_unit_staff(actor, registration.unit)
    if registration.state not in S.editable():
        raise kernel.Refusal(
            _("Đăng ký đang ở trạng thái “%(state)s”: chỉ sửa được khi là nháp hoặc bị trả lại.")
            % {"state": registration.get_state_display()}
        )
    require_phase_open(registration.cluster_year, PhaseKind.REGISTRATION)


def _clean_choices(collective_forms, targets):
    allowed_collective = set(selectors.registrable_collective_forms().values_list("pk", flat=True))
    allowed_individual = set(selectors.registrable_individual_forms().values_list("pk", flat=True))
    forms = list(collective_forms or [])
    if any(f.pk not in allowed_collective for f in forms):
        raise kernel.Refusal(_("Chỉ chọn được danh hiệu, hình thức khen thưởng dành cho tập thể."))
    cleaned = {}
    for form, count in (targets or {}).items():
        if form.pk not in allowed_individual:
            raise kernel.Refusal(_("Số người đăng ký chỉ nhập cho danh hiệu, hình thức dành cho cá nhân."))
        if count is None or int(count) < 0:
            raise kernel.Refusal(_("Số người đăng ký phải là số không âm."))
        if int(count):
            cleaned[form] = int(count)
    return forms, cleaned


def _content_snapshot(registration):
    return {
        "collective_forms": sorted(f.code for f in registration.collective_forms.all()),
        "targets": {t.award_form.code: t.count for t in registration.targets.select_related("award_form")},
        "commitments": registration.commitments,
    }


@transaction.atomic
def save_registration(registration, *, actor, seen_version, collective_forms, targets, commitments):
    """Save the unit's draft. Refused with StaleEdit when someone saved it after `seen_version` was read.

    targets: {AwardForm (individual): number of people}.
    """
    check_can_edit(registration, actor)
    forms, cleaned_targets = _clean_choices(collective_forms, targets)
    old = _content_snapshot(registration)
    # The version check and the write are one statement: of two people saving at once, exactly one wins.
    registration.commitments, registration.updated_at = (commitments or "").strip(), timezone.now()
    kernel.compare_and_set(
        registration,
        seen_version,
        ["commitments", "updated_at"],
        extra={"state__in": S.editable()},
        message=_(
            "Đăng ký này vừa được người khác thay đổi sau khi bạn mở nó. Nội dung hiện tại được hiển thị "
            "dưới đây; hãy xem lại và lưu lại nếu cần."
        ),
    )
    registration.refresh_from_db()
    registration.collective_forms.set(forms)
    registration.targets.all().delete()
    RegistrationTarget.objects.bulk_create(
        [RegistrationTarget(registration=registration, award_form=f, count=n) for f, n in cleaned_targets.items()]
    )
    kernel.log(
        actor, "registration.saved", registration, old=old, new=_content_snapshot(registration), scope=registration.unit
    )
    return registration


def _check_transition(registration, new_state, actor, reason):
    if new_state == S.SUBMITTED:
        require_unit_staff(actor, registration.unit)
        require_phase_open(registration.cluster_year, PhaseKind.REGISTRATION)
        if not registration.collective_forms.exists() and not registration.targets.exists():
            raise kernel.Refusal(
                _("Đăng ký chưa có nội dung: hãy chọn ít nhất một danh hiệu tập thể hoặc nhập số cá nhân đăng ký.")
            )
        return ""
    if not actor.has_perm("emulation.decide_registration", registration):
        raise PermissionDenied(_("Chỉ thư ký cụm hoặc Ban Thi đua - Khen thưởng tỉnh được duyệt hoặc trả lại đăng ký."))
    if new_state == S.RETURNED:
        reason = require_reason(reason, _("Hãy ghi lý do trả lại để đơn vị biết cần sửa gì."))
        # A return the unit cannot act on helps nobody: the phase must be open (the secretariat may reopen it).
        require_phase_open(registration.cluster_year, PhaseKind.REGISTRATION)
    return reason


@transaction.atomic
def set_registration_state(registration, new_state, *, actor, reason=""):
    """The one way a registration changes state: guard, save, log, notify. Returns the updated registration."""
    caller, registration = (
        registration,
        Registration.objects.select_for_update(of=("self",))
        .select_related("cluster_year__cluster", "unit")
        .get(pk=registration.pk),
    )
    old_state = S(registration.state)
    new_state = kernel.check_transition(S, REGISTRATION_TRANSITIONS, old_state, new_state, what=_("đăng ký"))
    reason = _check_transition(registration, new_state, actor, reason)
    now = timezone.now()
    registration.state = new_state
    registration.version += 1
    if new_state == S.SUBMITTED:
        registration.submitted_at = now
    else:
        registration.decided_at, registration.decided_by = now, actor
    if new_state == S.RETURNED:
        registration.return_reason = reason
    registration.save(update_fields=["state", "version", "submitted_at", "decided_at", "decided_by", "return_reason"])
    kernel.log(
        actor,
        f"registration.{new_state}",
        registration,
        old={"state": old_state},
        new={"state": new_state},
        note=reason,
        scope=registration.unit,
    )
    _notify(registration, new_state, reason)
    return kernel.sync(caller, registration)


def _notify(registration, new_state, reason):
    params = {"unit": registration.unit.full_name, "year": registration.cluster_year.year}
    url = registration_url(registration)
    if new_state == S.SUBMITTED:
        notify_secretariat(
            registration.cluster_year,
            _("%(unit)s đã gửi đăng ký thi đua năm %(year)s") % params,
            url=url,
            level=NotificationLevel.ACTION,
        )
    elif new_state == S.RETURNED:
        notify_units(
            [registration.unit_id],
            _("Đăng ký thi đua năm %(year)s của %(unit)s bị trả lại") % params,
            body=_("Lý do: %(reason)s") % {"reason": reason},
            url=url,
            level=NotificationLevel.ACTION,
        )
    elif new_state == S.APPROVED:
        notify_units(
            [registration.unit_id], _("Đăng ký thi đua năm %(year)s của %(unit)s đã được duyệt") % params, url=url
        )
