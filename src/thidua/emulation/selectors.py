"""Reads about the emulation year: phases, who is still pending, registrations, pledges, movements, exemplars."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from thidua.awards.enums import RecipientKind
from thidua.awards.models import AwardForm
from thidua.core.text import fold
from thidua.emulation.enums import ExemplarState, MovementLevel, PhaseKind, PledgeState, RegistrationState
from thidua.emulation.models import (
    Exemplar,
    GuidingDocument,
    Movement,
    MovementModel,
    MovementParticipation,
    MovementReport,
    Phase,
    Pledge,
    PledgeSignature,
    Registration,
)
from thidua.organizations.enums import Role
from thidua.organizations.models import Cluster, ClusterMembership, ClusterYear, Province, RoleAssignment, Unit
from thidua.organizations.scopes import scope_of
from thidua.organizations.selectors import province_and_successors


# Phases --------------------------------------------------------------------------------------------------------
def phase_of(cluster_year, kind):
    return Phase.objects.filter(cluster_year=cluster_year, kind=kind).first()


def phase_is_open(cluster_year, kind, day=None):
    """Whether the phase is open now. A year without that phase set up has it closed."""
    phase = phase_of(cluster_year, kind)
    return phase is not None and phase.is_open(day)


def phase_has_closed(cluster_year, kind, day=None):
    phase = phase_of(cluster_year, kind)
    return phase is not None and phase.has_closed(day)


def phases_by_kind(cluster_year):
    """Every PhaseKind in order, each with its Phase or None when the secretariat has not set it up."""
    found = {p.kind: p for p in Phase.objects.filter(cluster_year=cluster_year)}
    return [(kind, found.get(kind)) for kind in PhaseKind]


# Who has not acted yet in a phase: apps register fn(cluster_year) -> list of units; reminders read it.
_PHASE_PENDING = {}


def register_phase_pending(kind, fn):
    """Register fn(cluster_year) -> units that still have to act in that phase (used by the phase reminders)."""
    _PHASE_PENDING.setdefault(PhaseKind(kind), []).append(fn)
    return fn


def phase_pending_units(cluster_year, kind):
    units = {}
    for fn in _PHASE_PENDING.get(PhaseKind(kind), []):
        for unit in fn(cluster_year) or []:
            units[unit.pk] = unit
    return sorted(units.values(), key=lambda u: u.folded_name)


def member_units(cluster_year):
    return Unit.objects.filter(memberships__cluster_year=cluster_year).order_by("folded_name", "id")


def units_without_sent_registration(cluster_year):
    done = Registration.objects.filter(cluster_year=cluster_year, state__in=RegistrationState.done())
    return list(member_units(cluster_year).exclude(pk__in=done.values("unit_id")))


def units_without_pledge_signature(cluster_year):
    """Members whose head has not signed the pledge open for signing; none while there is nothing to sign."""
    pledge = current_pledge(cluster_year)
    if pledge is None or pledge.state != PledgeState.OPEN:
        return []
    signed = PledgeSignature.objects.filter(pledge=pledge, voided_at__isnull=True).values("unit_id")
    return list(member_units(cluster_year).exclude(pk__in=signed))


register_phase_pending(PhaseKind.REGISTRATION, units_without_sent_registration)
register_phase_pending(PhaseKind.PLEDGE, units_without_pledge_signature)


def phases_closing_soon(day, days_before):
    """Phases open on `day` that end within `days_before` days: the ones to remind about."""
    last = day + datetime.timedelta(days=days_before)
    candidates = Phase.objects.filter(ends_on__gte=day, ends_on__lte=last).select_related("cluster_year__cluster")
    return [p for p in candidates if p.is_open(day)]


# Recipients ----------------------------------------------------------------------------------------------------
def _valid_today(qs):
    today = timezone.localdate()
    return qs.exclude(valid_from__gt=today).exclude(valid_to__lt=today)


def unit_users(unit_ids, roles=(Role.UNIT_OFFICER, Role.UNIT_HEAD)):
    User = get_user_model()  # noqa: N806 - the model class
    assignments = _valid_today(RoleAssignment.objects.filter(unit_id__in=list(unit_ids), role__in=roles))
    return list(User.objects.filter(is_active=True, pk__in=assignments.values("user_id")))


def unit_users_by_unit(unit_ids, roles=(Role.UNIT_OFFICER, Role.UNIT_HEAD)):
    """{unit_id: [users]}, for reminders that name the unit in each message."""
    rows = _valid_today(
        RoleAssignment.objects.filter(unit_id__in=list(unit_ids), role__in=roles, user__is_active=True)
    ).select_related("user")
    found = {}
    for row in rows:
        found.setdefault(row.unit_id, {})[row.user_id] = row.user
    return {unit_id: list(users.values()) for unit_id, users in found.items()}


def secretariat_users(cluster_year):
    User = get_user_model()  # noqa: N806 - the model class
    assignments = _valid_today(
        RoleAssignment.objects.filter(role=Role.CLUSTER_SECRETARIAT, cluster_year_id=cluster_year.pk)
    )
    return list(User.objects.filter(is_active=True, pk__in=assignments.values("user_id")))


def board_users(province_id):
    User = get_user_model()  # noqa: N806 - the model class
    assignments = _valid_today(
        RoleAssignment.objects.filter(role=Role.BOARD_OFFICER, province_id__in=province_and_successors(province_id))
    )
    return list(User.objects.filter(is_active=True, pk__in=assignments.values("user_id")))


# Cluster years -------------------------------------------------------------------------------------------------
def cluster_years_visible_to(user):
    scope = scope_of(user)
    qs = ClusterYear.objects.select_related("cluster", "cluster__province", "leader", "deputy")
    if not scope.is_admin:
        qs = qs.filter(
            Q(pk__in=scope.secretariat_cluster_year_ids)
            | Q(memberships__unit_id__in=scope.unit_ids)
            | Q(cluster__province_id__in=scope.board_province_ids)
        ).distinct()
    return qs.order_by("-year", "cluster__name")


def cluster_year_detail(pk):
    return ClusterYear.objects.select_related("cluster", "cluster__province", "leader", "deputy").get(pk=pk)


# Registrations -------------------------------------------------------------------------------------------------
def registration_detail_qs():
    return Registration.objects.select_related(
        "cluster_year", "cluster_year__cluster", "unit", "decided_by"
    ).prefetch_related("collective_forms", "targets__award_form")


def registration_board(cluster_year):
    """One row per member: (unit, registration or None), members in name order."""
    registrations = {r.unit_id: r for r in registration_detail_qs().filter(cluster_year=cluster_year)}
    memberships = ClusterMembership.objects.filter(cluster_year=cluster_year).select_related("unit")
    return [(m.unit, registrations.get(m.unit_id)) for m in memberships.order_by("unit__folded_name")]


def registration_counts(cluster_year):
    counts = dict(
        Registration.objects.filter(cluster_year=cluster_year)
        .values_list("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    members = ClusterMembership.objects.filter(cluster_year=cluster_year).count()
    counts["missing"] = members - sum(counts.values())
    counts["members"] = members
    return counts


def registrations_of_user_units(user):
    return (
        registration_detail_qs()
        .filter(unit_id__in=scope_of(user).unit_ids)
        .order_by("-cluster_year__year", "unit__folded_name")
    )


def latest_cluster_years_of_units(unit_ids):
    """For each unit, its most recent cluster year (the year its officer works on first)."""
    rows = (
        ClusterMembership.objects.filter(unit_id__in=unit_ids)
        .select_related("unit", "cluster_year", "cluster_year__cluster")
        .order_by("unit_id", "-cluster_year__year")
    )
    latest = {}
    for row in rows:
        latest.setdefault(row.unit_id, (row.unit, row.cluster_year))
    return list(latest.values())


# Pledges -------------------------------------------------------------------------------------------------------
def current_pledge(cluster_year):
    return (
        Pledge.objects.filter(cluster_year=cluster_year)
        .exclude(state=PledgeState.SUPERSEDED)
        .select_related("cluster_year", "cluster_year__cluster", "cluster_year__cluster__province")
        .first()
    )


def pledge_detail_qs():
    return Pledge.objects.select_related(
        "cluster_year", "cluster_year__cluster", "cluster_year__cluster__province", "previous"
    ).prefetch_related("items")


def pledge_board(pledge):
    """One row per member of the pledge's year: (unit, signature or None)."""
    signatures = {
        s.unit_id: s
        for s in PledgeSignature.objects.filter(pledge=pledge, voided_at__isnull=True).select_related("scan")
    }
    memberships = ClusterMembership.objects.filter(cluster_year_id=pledge.cluster_year_id).select_related("unit")
    return [(m.unit, signatures.get(m.unit_id)) for m in memberships.order_by("unit__folded_name")]


# Movements -----------------------------------------------------------------------------------------------------
def movements_for_list(*, query="", level="", year=None):
    qs = Movement.objects.annotate(participant_count=Count("participations", distinct=True))
    for word in fold(query).split():
        qs = qs.filter(folded_name__contains=word)
    if level:
        qs = qs.filter(level=level)
    if year:
        qs = qs.filter(Q(starts_on__isnull=True) | Q(starts_on__year__lte=year)).filter(
            Q(ends_on__isnull=True) | Q(ends_on__year__gte=year)
        )
    return qs.order_by("level", "folded_name", "id")


def movement_detail(pk):
    return Movement.objects.select_related("launched_by_unit").prefetch_related("provinces", "clusters").get(pk=pk)


def movement_reaches_unit(movement, unit):
    """National movements reach every unit; provincial ones the units of their provinces (and of the provinces
    merged into them); local ones the members of their clusters and the launching unit with its children."""
    if movement.level == MovementLevel.NATIONAL:
        return True
    province_ids = {p.pk for p in movement.provinces.all()}
    if province_ids and province_and_successors(unit.province_id) & province_ids:
        return True
    if movement.launched_by_unit_id and movement.launched_by_unit_id in (unit.pk, unit.parent_id):
        return True
    cluster_ids = [c.pk for c in movement.clusters.all()]
    return bool(cluster_ids) and unit.memberships.filter(cluster_year__cluster_id__in=cluster_ids).exists()


def participations_of(movement):
    return MovementParticipation.objects.filter(movement=movement).select_related("unit").order_by("unit__folded_name")


def reports_visible_to(user, movement):
    """Reports of a movement the user may read: see rules.can_see_unit_work, as one query."""
    scope = scope_of(user)
    qs = MovementReport.objects.filter(participation__movement=movement).select_related(
        "participation__unit", "reported_by"
    )
    if not scope.is_admin:
        qs = qs.filter(
            Q(participation__unit_id__in=scope.unit_ids)
            | Q(participation__unit__province_id__in=scope.board_province_ids)
            | Q(participation__unit__memberships__cluster_year_id__in=scope.secretariat_cluster_year_ids)
        ).distinct()
    return qs.prefetch_related("files").order_by("-year", "-reported_at", "-id")


def models_of(movement):
    return MovementModel.objects.filter(movement=movement).select_related("unit").order_by("-year", "folded_name")


# Exemplars and the honour board --------------------------------------------------------------------------------
def exemplar_qs():
    return Exemplar.objects.select_related("unit", "province", "cluster_year__cluster", "movement")


def exemplars_visible_to(user):
    scope = scope_of(user)
    qs = exemplar_qs()
    if not scope.is_admin:
        qs = qs.filter(
            Q(state=ExemplarState.RECOGNISED)
            | Q(unit_id__in=scope.unit_ids)
            | Q(province_id__in=scope.board_province_ids)
            | Q(cluster_year_id__in=scope.secretariat_cluster_year_ids)
        )
    return qs.order_by("-year", "state", "name", "id")


def honour_board(*, query="", province=None, cluster=None, year=None):
    """Recognised exemplars for the public board: filter by province, cluster, year; search without accents."""
    qs = exemplar_qs().filter(state=ExemplarState.RECOGNISED)
    for word in fold(query).split():
        qs = qs.filter(folded_text__contains=word)
    if province:
        qs = qs.filter(province_id=province)
    if cluster:
        qs = qs.filter(cluster_year__cluster_id=cluster)
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "province__name", "name", "id")


def honour_board_facets():
    """The provinces, clusters and years that have something on the board, for the filter form."""
    recognised = Exemplar.objects.filter(state=ExemplarState.RECOGNISED)
    provinces = Province.objects.filter(pk__in=recognised.values("province_id")).order_by("name")
    years = sorted(set(recognised.values_list("year", flat=True)), reverse=True)
    clusters = Cluster.objects.filter(pk__in=recognised.values("cluster_year__cluster_id")).order_by("name")
    return {"provinces": list(provinces), "clusters": list(clusters), "years": years}


# Guiding documents ---------------------------------------------------------------------------------------------
def guiding_documents(*, query="", doc_type="", movement=None, cluster_year=None):
    qs = GuidingDocument.objects.select_related("file", "province")
    for word in fold(query).split():
        qs = qs.filter(folded_text__contains=word)
    if doc_type:
        qs = qs.filter(doc_type=doc_type)
    if movement is not None:
        qs = qs.filter(movements=movement)
    if cluster_year is not None:
        qs = qs.filter(cluster_years=cluster_year)
    return qs.order_by("-issued_on", "-id")


def guiding_document_detail(pk):
    return (
        GuidingDocument.objects.select_related("file", "province", "created_by")
        .prefetch_related(
            Prefetch("movements", queryset=Movement.objects.order_by("folded_name")),
            Prefetch("cluster_years", queryset=ClusterYear.objects.select_related("cluster")),
        )
        .get(pk=pk)
    )


# The catalogue as registration offers it ------------------------------------------------------------------------
def registrable_collective_forms():
    return AwardForm.objects.filter(recipient_kind=RecipientKind.COLLECTIVE, is_record_only=False)


def registrable_individual_forms():
    return AwardForm.objects.filter(recipient_kind=RecipientKind.INDIVIDUAL, is_record_only=False)


# Home panels -----------------------------------------------------------------------------------------------------
def _ended_on(unit, today):
    """The unit's last day if it has ended by today: its officers are then no longer asked for anything."""
    return unit.valid_to if unit.valid_to is not None and unit.valid_to < today else None


def home_registration_rows(unit_ids, today=None):
    """(unit, cluster year, registration or None, registration phase or None, last day if the unit has ended) for
    each unit's latest year. An ended unit is not asked to register: its row carries no phase to act in."""
    today = today or timezone.localdate()
    latest = latest_cluster_years_of_units(unit_ids)
    year_ids = [cy.pk for _u, cy in latest]
    registrations = {
        (r.cluster_year_id, r.unit_id): r
        for r in Registration.objects.filter(cluster_year_id__in=year_ids, unit_id__in=unit_ids)
    }
    phases = {
        p.cluster_year_id: p for p in Phase.objects.filter(cluster_year_id__in=year_ids, kind=PhaseKind.REGISTRATION)
    }
    rows = []
    for unit, cluster_year in latest:
        ended_on = _ended_on(unit, today)
        phase = None if ended_on else phases.get(cluster_year.pk)
        rows.append((unit, cluster_year, registrations.get((cluster_year.pk, unit.pk)), phase, ended_on))
    return rows


def home_pledge_rows(head_unit_ids, today=None):
    """(unit, cluster year, pledge open or completed or None, whether the unit signed it, last day if the unit
    has ended: an ended unit's head is not asked to sign)."""
    today = today or timezone.localdate()
    latest = latest_cluster_years_of_units(head_unit_ids)
    pledges = {
        p.cluster_year_id: p
        for p in Pledge.objects.filter(cluster_year_id__in=[cy.pk for _u, cy in latest]).exclude(
            state__in=(PledgeState.SUPERSEDED, PledgeState.DRAFT)
        )
    }
    signed = set(
        PledgeSignature.objects.filter(pledge__in=list(pledges.values()), voided_at__isnull=True).values_list(
            "pledge_id", "unit_id"
        )
    )
    rows = []
    for unit, cluster_year in latest:
        pledge = pledges.get(cluster_year.pk)
        signed_it = pledge is not None and (pledge.pk, unit.pk) in signed
        rows.append((unit, cluster_year, pledge, signed_it, _ended_on(unit, today)))
    return rows


def home_secretariat_rows(cluster_year_ids, limit=3):
    """(cluster year, registration counts, current pledge, signatures) for the secretariat's latest years."""
    rows = []
    years = ClusterYear.objects.filter(pk__in=cluster_year_ids).select_related("cluster").order_by("-year")
    for cluster_year in years[:limit]:
        pledge = current_pledge(cluster_year)
        signed = pledge.signatures.filter(voided_at__isnull=True).count() if pledge else 0
        rows.append((cluster_year, registration_counts(cluster_year), pledge, signed))
    return rows
