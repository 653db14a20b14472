"""Reads behind the dashboards and reports. Each figure is one grouped query (or a fixed few), whatever the number
of records, so the pages stay flat in their query count. Revoked awards never count.

The award register is read through the awards app (province_and_predecessors, units_under, the priority
statistics); rankings through scoring.selectors.ranking_details.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from thidua.awards.enums import AwardLevel, RecipientKind
from thidua.awards.models import AwardRecord
from thidua.awards.selectors import HONOUR_LEVELS
from thidua.organizations.models import Cluster, ClusterMembership, ClusterYear, Province, Unit
from thidua.organizations.scopes import scope_of
from thidua.organizations.selectors import all_predecessors, province_and_predecessors, units_under
from thidua.scoring.selectors import ranking_details

LEVELS = [AwardLevel.STATE, AwardLevel.GOVERNMENT, AwardLevel.PROVINCE, AwardLevel.GRASSROOTS]


# Scopes of records -----------------------------------------------------------------------------------------------
def live_records():
    return AwardRecord.objects.filter(revoked_on__isnull=True)


def province_records(province, *, year=None):
    qs = live_records().filter(province_id__in=province_and_predecessors(province))
    return qs.filter(year=year) if year else qs


def member_owner_map(cluster_year):
    """unit id -> the member unit it lies under, for every unit under the year's members (members included)."""
    member_ids = list(ClusterMembership.objects.filter(cluster_year=cluster_year).values_list("unit_id", flat=True))
    return units_under(member_ids) if member_ids else {}


def cluster_year_records(cluster_year, owners=None):
    """Awards of the year's achievements to the member units, the units under them and the people working there."""
    owners = member_owner_map(cluster_year) if owners is None else owners
    ids = list(owners)
    return live_records().filter(Q(unit_id__in=ids) | Q(person_unit_id__in=ids), year=cluster_year.year)


def unit_records(unit):
    """A unit's own awards (its predecessors' too: its history) and those of the people working in it."""
    ids = [unit.pk, *all_predecessors(unit).values_list("pk", flat=True)]
    return live_records().filter(Q(unit_id__in=ids) | Q(person_unit=unit))


def cluster_level_counts(cluster_years):
    """{(cluster year id, level): live awards} over several cluster years in one grouped query (plus one for the
    members and one per level of units under them): the records of each year counted as cluster_year_records."""
    member_years = defaultdict(set)
    for cy_id, unit_id in ClusterMembership.objects.filter(cluster_year__in=cluster_years).values_list(
        "cluster_year_id", "unit_id"
    ):
        member_years[unit_id].add(cy_id)
    owners = units_under(list(member_years)) if member_years else {}
    if not owners:
        return {}
    year_of = {cy.pk: cy.year for cy in cluster_years}
    ids = list(owners)
    grouped = (
        live_records()
        .filter(Q(unit_id__in=ids) | Q(person_unit_id__in=ids), year__in=set(year_of.values()))
        .order_by()
        .values_list("year", "unit_id", "person_unit_id", "award_form__level")
        .annotate(n=Count("id"))
    )
    counts = Counter()
    for year, unit_id, person_unit_id, level, n in grouped:
        # A record counts once for a cluster year when its unit or its person's unit lies under one of the members.
        hit = set()
        for owned in (unit_id, person_unit_id):
            member = owners.get(owned)
            if member is not None:
                hit |= {cy_id for cy_id in member_years[member] if year_of[cy_id] == year}
        for cy_id in hit:
            counts[(cy_id, level)] += n
    return counts


# Figures over a set of records -------------------------------------------------------------------------------------
def years_of(qs):
    # order_by() drops the model's default ordering, which would otherwise make DISTINCT run over (year, ordering
    # columns) and return one row per record instead of one per year.
    return sorted(qs.order_by().values_list("year", flat=True).distinct())


def by_form(qs):
    """[(form name, count)] in catalogue order."""
    rows = (
        qs.values("award_form__name", "award_form__sort_order")
        .annotate(n=Count("id"))
        .order_by("award_form__sort_order", "award_form__name")
    )
    return [(row["award_form__name"], row["n"]) for row in rows]


def by_level(qs):
    """[(level label, count)] for every level, highest first."""
    counts = dict(qs.values_list("award_form__level").annotate(n=Count("id")).values_list("award_form__level", "n"))
    return [(str(level.label), counts.get(level, 0)) for level in LEVELS]


def by_recipient(qs):
    counts = dict(
        qs.values_list("award_form__recipient_kind")
        .annotate(n=Count("id"))
        .values_list("award_form__recipient_kind", "n")
    )
    return [(str(kind.label), counts.get(kind, 0)) for kind in RecipientKind]


def by_year_and_level(qs):
    """(years, [(level label, [count per year])]) for the trend across years."""
    counts = Counter()
    for year, level, n in qs.values_list("year", "award_form__level").annotate(n=Count("id")):
        counts[(year, level)] += n
    years = sorted({year for year, _level in counts})
    series = [(str(level.label), [counts[(year, level)] for year in years]) for level in LEVELS]
    return years, [s for s in series if any(s[1])]


@dataclass
class LevelRow:
    label: str
    collective: int = 0
    individual: int = 0

    @property
    def total(self):
        return self.collective + self.individual


def level_table(qs):
    """Commendation figures by level and kind of recipient, with a total row last (for reports)."""
    rows = {level: LevelRow(str(level.label)) for level in LEVELS}
    grouped = qs.values_list("award_form__level", "award_form__recipient_kind").annotate(n=Count("id"))
    for level, kind, n in grouped:
        row = rows[level]
        if kind == RecipientKind.COLLECTIVE:
            row.collective += n
        else:
            row.individual += n
    total = LevelRow(_("Tổng cộng"))
    for row in rows.values():
        total.collective += row.collective
        total.individual += row.individual
    return [*rows.values(), total]


# Rankings --------------------------------------------------------------------------------------------------------
def visible_rankings(cluster_years, user):
    """[(cluster year, [RankedUnit])] for the years whose ranking the user may see (published, or overseeing)."""
    found = []
    for cluster_year in cluster_years:
        if user.has_perm("scoring.view_ranking", cluster_year):
            details = ranking_details(cluster_year)
            if details:
                found.append((cluster_year, details))
    return found


def cluster_years_of(cluster):
    return list(
        ClusterYear.objects.filter(cluster=cluster).select_related("cluster", "leader", "deputy").order_by("year")
    )


# Clusters of a province side by side -----------------------------------------------------------------------------
@dataclass
class ClusterFigures:
    cluster_year: ClusterYear
    members: int = 0
    collective: int = 0
    individual: int = 0
    honours: int = 0  # provincial level and above
    by_form: Counter = field(default_factory=Counter)

    @property
    def total(self):
        return self.collective + self.individual


def province_cluster_years(province, year):
    return list(
        ClusterYear.objects.filter(cluster__province_id__in=province_and_predecessors(province), year=year)
        .select_related("cluster", "leader", "deputy")
        .order_by("cluster__name", "id")
    )


def cluster_comparison(province, year):
    """One ClusterFigures per cluster year of the province in that year (a fixed handful of queries)."""
    cluster_years = province_cluster_years(province, year)
    figures = {cy.pk: ClusterFigures(cy) for cy in cluster_years}
    years_of_member = defaultdict(set)
    for cy_id, unit_id in ClusterMembership.objects.filter(cluster_year__in=cluster_years).values_list(
        "cluster_year_id", "unit_id"
    ):
        figures[cy_id].members += 1
        years_of_member[unit_id].add(cy_id)
    owners = units_under(list(years_of_member)) if years_of_member else {}
    rows = (
        province_records(province, year=year)
        .order_by()
        .values_list("unit_id", "person_unit_id", "award_form__level", "award_form__name")
    )
    for unit_id, person_unit_id, level, form_name in rows:
        member = owners.get(unit_id) if unit_id else owners.get(person_unit_id)
        for cy_id in years_of_member.get(member, ()):
            figure = figures[cy_id]
            if unit_id:
                figure.collective += 1
            else:
                figure.individual += 1
            figure.honours += level in HONOUR_LEVELS
            figure.by_form[form_name] += 1
    return [figures[cy.pk] for cy in cluster_years]


# What a user may open ---------------------------------------------------------------------------------------------
def dashboard_provinces(user):
    scope = scope_of(user)
    qs = Province.objects.order_by("name")
    if not scope.is_admin:
        qs = qs.filter(pk__in=scope.province_ids)
    return list(qs)


def dashboard_clusters(user):
    scope = scope_of(user)
    qs = Cluster.objects.select_related("province").order_by("name")
    if not scope.is_admin:
        qs = qs.filter(
            Q(province_id__in=scope.province_ids) | Q(years__in=list(scope.secretariat_cluster_year_ids))
        ).distinct()
    return list(qs)


def dashboard_units(user):
    return list(Unit.objects.filter(pk__in=scope_of(user).unit_ids).select_related("province").order_by("folded_name"))
