"""Priority statistics among proposals: the share of people working directly in labour or production among the
people proposed, by cluster year and year (the awards app gives the same share among those awarded)."""

from collections import defaultdict

from django.utils.translation import gettext as _

from thidua.awards.statistics import PriorityRow, direct_labourer_share
from thidua.organizations.models import ClusterMembership, ClusterYear, Person
from thidua.organizations.selectors import province_and_predecessors, units_under
from thidua.proposals.enums import ProposalState
from thidua.proposals.models import ProposalItem


def proposal_priority_statistics(*, province=None, cluster=None, year=None):
    """One row per cluster year: people proposed (past the draft) by the cluster or working in its member units
    that year; and, without a cluster, one row per year for the whole province. Each person counts once a row."""
    province_ids = province_and_predecessors(province) if province is not None else None
    items = ProposalItem.objects.filter(person__isnull=False).exclude(proposal__state=ProposalState.DRAFT)
    years = ClusterYear.objects.select_related("cluster").order_by("-year", "cluster__name")
    if province_ids is not None:
        items = items.filter(proposal__province_id__in=province_ids)
        years = years.filter(cluster__province_id__in=province_ids)
    if cluster is not None:
        years = years.filter(cluster=cluster)
    if year:
        items = items.filter(year=year)
        years = years.filter(year=year)
    rows = list(items.values_list("year", "person_unit_id", "proposal__cluster_year_id", "person_id"))
    people = Person.objects.in_bulk({r[3] for r in rows})
    cluster_years = list(years)
    members = defaultdict(set)
    for cy_id, unit_id in ClusterMembership.objects.filter(cluster_year__in=cluster_years).values_list(
        "cluster_year_id", "unit_id"
    ):
        members[cy_id].add(unit_id)
    owner = units_under({u for ids in members.values() for u in ids})
    result = []
    for cy in cluster_years:
        mine = [
            r for r in rows if r[2] == cy.pk or (r[0] == cy.year and owner.get(r[1]) in members[cy.pk] and not r[2])
        ]
        share = direct_labourer_share(people[r[3]] for r in mine)
        result.append(PriorityRow(str(cy.cluster), cy.year, share, len(mine), cy))
    if cluster is None:
        by_year = defaultdict(list)
        for r in rows:
            by_year[r[0]].append(r)
        for each_year in sorted(by_year, reverse=True):
            mine = by_year[each_year]
            share = direct_labourer_share(people[r[3]] for r in mine)
            result.append(PriorityRow(_("Toàn tỉnh"), each_year, share, len(mine)))
    return result
