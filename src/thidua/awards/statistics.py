"""Priority statistics: the share of people working directly in labour or production among those awarded
(Luật 06/2022/QH15 asks to give them priority; the seed article reports it)."""

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from thidua.awards.models import AwardRecord
from thidua.organizations.models import ClusterMembership, ClusterYear
from thidua.organizations.selectors import province_and_predecessors, units_under


@dataclass
class PriorityShare:
    total: int
    direct: int

    @property
    def share(self):
        """Fraction of direct labourers, or None when nobody is counted."""
        return Fraction(self.direct, self.total) if self.total else None

    @property
    def percent(self):
        return None if self.share is None else round(float(self.share * 100), 1)


def direct_labourer_share(persons):
    """Share of direct labourers among any iterable of Person objects (award recipients, proposed people...).

    Each person counts once however often they appear.
    """
    people = {p.pk: p for p in persons}
    return PriorityShare(len(people), sum(1 for p in people.values() if p.is_direct_labourer))


@dataclass
class PriorityRow:
    label: str
    year: int
    share: PriorityShare
    records: int
    cluster_year: ClusterYear | None = None


def _cluster_years(province_ids, cluster, year):
    qs = ClusterYear.objects.select_related("cluster").order_by("-year", "cluster__name")
    if province_ids is not None:
        qs = qs.filter(cluster__province_id__in=province_ids)
    if cluster is not None:
        qs = qs.filter(cluster=cluster)
    if year:
        qs = qs.filter(year=year)
    return list(qs)


def _member_rows(unit_ids, province_ids, years):
    """(year, person_unit_id, person_id, direct) of live individual awards to people working under the given
    units, one row per distinct combination. Scoped to those units (never the whole country) and unordered."""
    records = AwardRecord.objects.filter(person__isnull=False, revoked_on__isnull=True, person_unit_id__in=unit_ids)
    if province_ids is not None:
        records = records.filter(province_id__in=province_ids)
    if years is not None:
        records = records.filter(year__in=years)
    by_year = defaultdict(list)
    rows = records.order_by().values_list("year", "person_unit_id", "person_id", "person__is_direct_labourer")
    for row in rows.annotate(n=Count("id")):
        by_year[row[0]].append(row)
    return by_year


def _province_rows(province_ids, year):
    """One PriorityRow per year for the whole province (every province when None), counted in SQL."""
    records = AwardRecord.objects.filter(person__isnull=False, revoked_on__isnull=True)
    if province_ids is not None:
        records = records.filter(province_id__in=province_ids)
    if year:
        records = records.filter(year=year)
    totals = (
        records.order_by()
        .values("year")
        .annotate(
            people=Count("person_id", distinct=True),
            direct=Count("person_id", distinct=True, filter=Q(person__is_direct_labourer=True)),
            records=Count("id"),
        )
        .order_by("-year")
    )
    return [
        PriorityRow(_("Toàn tỉnh"), t["year"], PriorityShare(t["people"], t["direct"]), t["records"]) for t in totals
    ]


def award_priority_statistics(*, province=None, cluster=None, year=None):
    """One row per cluster year (awards of people working in its member units, or under them, that year), and
    without a cluster one row per year for the whole province. Revoked awards do not count."""
    province_ids = province_and_predecessors(province) if province is not None else None
    cluster_years = _cluster_years(province_ids, cluster, year)
    members = defaultdict(set)
    for cy_id, unit_id in ClusterMembership.objects.filter(cluster_year__in=cluster_years).values_list(
        "cluster_year_id", "unit_id"
    ):
        members[cy_id].add(unit_id)
    owner = units_under({u for ids in members.values() for u in ids})
    years = {year} if year else {cy.year for cy in cluster_years}
    rows_by_year = _member_rows(list(owner), province_ids, years) if owner else {}
    result = []
    for cy in cluster_years:
        mine = [r for r in rows_by_year.get(cy.year, []) if owner.get(r[1]) in members[cy.pk]]
        result.append(PriorityRow(str(cy.cluster), cy.year, _share(mine), sum(r[4] for r in mine), cy))
    if cluster is None:
        result += _province_rows(province_ids, year)
    return result


def _share(rows):
    people = {row[2]: row[3] for row in rows}
    return PriorityShare(len(people), sum(1 for direct in people.values() if direct))
