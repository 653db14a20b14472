"""Who may read a register: the staff of its unit, the secretariat of its cluster's years, the board of its province
(and of a province it was merged into), administrators. Issuing a number asks the paper's own permission
(papers.PaperSpec.perm), so whoever may change a paper may number it.

The signing certificates of a province's issuing bodies (its units, clusters, board) are uploaded, replaced and
removed by the province's board, which keeps the province's official papers, and by administrators: a unit's own
staff do not hold the certificate's password in this system."""

import rules

from thidua.organizations.models import ClusterYear
from thidua.organizations.rules import has_any_role, is_admin, is_board_officer
from thidua.organizations.scopes import scope_of
from thidua.registers.enums import IssuerKind


@rules.predicate
def reads_register(user, register):
    if register is None:
        return False
    scope = scope_of(user)
    if register.province_id in scope.board_province_ids:
        return True
    if register.issuer_kind == IssuerKind.UNIT:
        return register.unit_id in scope.unit_ids
    if register.issuer_kind == IssuerKind.CLUSTER:
        return ClusterYear.objects.filter(
            cluster_id=register.cluster_id, pk__in=scope.secretariat_cluster_year_ids
        ).exists()
    return False


rules.add_perm("registers.list_registers", has_any_role)
rules.add_perm("registers.view_register", is_admin | reads_register)


@rules.predicate
def is_board_of_province(user, province):
    return province is not None and province.pk in scope_of(user).board_province_ids


rules.add_perm("registers.manage_certificates", is_admin | is_board_of_province)
rules.add_perm("registers.list_certificates", is_admin | is_board_officer)
