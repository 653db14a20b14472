"""Phases of the emulation year: dates, opening and closing by hand, and reminders before a phase closes."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.core.enums import NotificationLevel
from thidua.core.services import notify
from thidua.emulation import selectors
from thidua.emulation.enums import PhaseKind, PhaseOverride
from thidua.emulation.models import Phase
from thidua.emulation.services.common import notify_units


@transaction.atomic
def set_phase_dates(cluster_year, kind, *, starts_on, ends_on, actor):
    """Create or move a phase's dates. The secretariat of the year, the province's board or an administrator."""
    kernel.require(actor, "emulation.manage_phases", cluster_year)
    kind = PhaseKind(kind)
    if starts_on is None or ends_on is None:
        raise kernel.Refusal(_("Hãy nhập cả ngày bắt đầu và ngày kết thúc."))
    if ends_on < starts_on:
        raise kernel.Refusal(
            _("Giai đoạn “%(phase)s”: ngày kết thúc phải từ ngày bắt đầu trở đi.") % {"phase": kind.label}
        )
    phase = Phase.objects.select_for_update(of=("self",)).filter(cluster_year=cluster_year, kind=kind).first()
    old = {"starts_on": phase.starts_on, "ends_on": phase.ends_on} if phase else {}
    if phase is None:
        phase = Phase(cluster_year=cluster_year, kind=kind)
    elif (phase.starts_on, phase.ends_on) == (starts_on, ends_on):
        return phase
    phase.starts_on, phase.ends_on = starts_on, ends_on
    phase.save()
    kernel.log(
        actor,
        "phase.dates_set",
        phase,
        old=old,
        new={"kind": kind, "starts_on": starts_on, "ends_on": ends_on},
        scope=cluster_year,
    )
    return phase


@transaction.atomic
def set_phase_override(phase, override, *, actor, reason=""):
    """Open or close a phase by hand, or give it back to its dates. Members are told when it opens or closes."""
    phase = Phase.objects.select_for_update(of=("self",)).select_related("cluster_year__cluster").get(pk=phase.pk)
    cluster_year = phase.cluster_year
    kernel.require(actor, "emulation.manage_phases", cluster_year)
    try:
        override = PhaseOverride(override)
    except ValueError as bad:
        raise kernel.Refusal(_("Điều chỉnh không hợp lệ.")) from bad
    if override == phase.override:
        raise kernel.Refusal(
            _("Giai đoạn “%(phase)s” đã ở chế độ “%(mode)s”.")
            % {"phase": phase.get_kind_display(), "mode": override.label}
        )
    was_open = phase.is_open()
    old = phase.override
    phase.override = override
    phase.save(update_fields=["override"])
    kernel.log(
        actor,
        "phase.override_set",
        phase,
        old={"override": old},
        new={"override": override},
        note=reason,
        scope=cluster_year,
    )
    now_open = phase.is_open()
    if now_open != was_open:
        title = (
            _("Giai đoạn “%(phase)s” năm %(year)s đã mở")
            if now_open
            else _("Giai đoạn “%(phase)s” năm %(year)s đã đóng")
        ) % {"phase": phase.get_kind_display(), "year": cluster_year.year}
        members = selectors.member_units(cluster_year).values_list("pk", flat=True)
        notify_units(members, title, body=reason, url=reverse("emulation:year_detail", args=[cluster_year.pk]))
    return phase


def _a_year_later(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def count_phases(cluster_year):
    """How many phases "Mở năm sau từ năm này" would copy."""
    return Phase.objects.filter(cluster_year=cluster_year).count()


def copy_phases_to_next_year(source, target, actor):
    """The next-year copier (organizations.open_next_year, which asked organizations.change_cluster and runs this
    inside its transaction): every phase of `source` with its dates a year later, following its dates again (a
    phase opened or closed by hand last year is not opened or closed next year)."""
    phases = [
        Phase(cluster_year=target, kind=p.kind, starts_on=_a_year_later(p.starts_on), ends_on=_a_year_later(p.ends_on))
        for p in Phase.objects.filter(cluster_year=source).order_by("starts_on", "id")
    ]
    Phase.objects.bulk_create(phases)
    if phases:
        dates = {p.kind: [p.starts_on, p.ends_on] for p in phases}
        kernel.log(actor, "phase.copied", target, new={"from_year": source.year, "phases": dates})
    return len(phases)


def phase_url(cluster_year, kind):
    if kind == PhaseKind.PLEDGE:
        return reverse("emulation:pledge_of_year", args=[cluster_year.pk])
    return reverse("emulation:year_detail", args=[cluster_year.pk])


def send_phase_reminders(day=None):
    """Remind every unit still pending in a phase that closes within REMINDER_DAYS_BEFORE_PHASE_CLOSE days.

    Each unit's people are reminded once per phase (the notification's dedup key), however often this runs.
    Returns the number of notifications created.
    """
    day = day or timezone.localdate()
    sent = 0
    for phase in selectors.phases_closing_soon(day, settings.REMINDER_DAYS_BEFORE_PHASE_CLOSE):
        with transaction.atomic():
            sent += _remind_phase(phase, day)
    return sent


def _remind_phase(phase, day):
    cluster_year = phase.cluster_year
    pending = selectors.phase_pending_units(cluster_year, phase.kind)
    users = selectors.unit_users_by_unit([u.pk for u in pending])
    days_left = (phase.ends_on - day).days
    sent = 0
    for unit in pending:
        title = _("Nhắc hạn: “%(phase)s” năm %(year)s kết thúc ngày %(day)s") % {
            "phase": phase.get_kind_display(),
            "year": cluster_year.year,
            "day": phase.ends_on.strftime("%d/%m/%Y"),
        }
        body = _("%(unit)s chưa hoàn thành việc của giai đoạn này. Còn %(days)s ngày.") % {
            "unit": unit.full_name,
            "days": days_left,
        }
        sent += len(
            notify(
                users.get(unit.pk, []),
                title,
                body=body,
                url=phase_url(cluster_year, phase.kind),
                level=NotificationLevel.WARNING,
                dedup_key=f"phase-reminder:{phase.pk}:{unit.pk}",
            )
        )
    Phase.objects.filter(pk=phase.pk).update(reminder_sent_on=day)
    return sent
