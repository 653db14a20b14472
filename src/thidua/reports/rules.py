"""Who may see which dashboard and make which report. Pages and the API ask the same permissions.

The province's board and council see their province (and the provinces merged into it); a cluster's secretariat
sees its cluster; a unit's officer and head see their own unit. Making the documents that go out (the annual
summary, form 0602.N) belongs to those who sign them off: the secretariat for its cluster year, the board.
"""

import rules

from thidua.organizations.models import ClusterYear, Province
from thidua.organizations.rules import has_any_role, is_admin, is_board_officer, no_object
from thidua.organizations.scopes import scope_of


def _province_id(obj):
    return obj.pk if isinstance(obj, Province) else getattr(obj, "province_id", None)


@rules.predicate
def is_province_staff_of(user, obj):
    """Board officer or council member of the province (of a province, unit or cluster)."""
    return obj is not None and _province_id(obj) in scope_of(user).province_ids


@rules.predicate
def is_board_of(user, obj):
    return obj is not None and _province_id(obj) in scope_of(user).board_province_ids


@rules.predicate
def keeps_a_year_of_cluster(user, cluster):
    ids = scope_of(user).secretariat_cluster_year_ids
    return bool(ids) and cluster is not None and ClusterYear.objects.filter(pk__in=ids, cluster=cluster).exists()


@rules.predicate
def works_in_unit(user, unit):
    return unit is not None and unit.pk in scope_of(user).unit_ids


@rules.predicate
def keeps_cluster_year(user, cluster_year):
    return cluster_year is not None and cluster_year.pk in scope_of(user).secretariat_cluster_year_ids


@rules.predicate
def is_board_of_cluster_year(user, cluster_year):
    return cluster_year is not None and cluster_year.cluster.province_id in scope_of(user).board_province_ids


rules.add_perm("reports.view_reports", has_any_role)
rules.add_perm("reports.view_province_dashboard", is_admin | is_province_staff_of)
rules.add_perm("reports.view_cluster_dashboard", is_admin | is_province_staff_of | keeps_a_year_of_cluster)
rules.add_perm("reports.view_unit_dashboard", is_admin | works_in_unit | is_province_staff_of)
rules.add_perm("reports.make_cluster_summary", is_admin | keeps_cluster_year | is_board_of_cluster_year)
rules.add_perm("reports.make_province_summary", is_admin | is_board_of)
# Asked without a province ("may this user make the form at all?"): the menu asks so.
rules.add_perm("reports.make_statistics_form", is_admin | is_board_of | (no_object & is_board_officer))
rules.add_perm("reports.import_data", is_admin | is_board_officer)
