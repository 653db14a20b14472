"""Who may read a register: the staff of its unit, the secretariat of its cluster's years, the board of its province
(and of a province it was merged into), administrators. Issuing a number asks the paper's own permission
(papers.PaperSpec.perm), so whoever may change a paper may number it."""

import rules

from thidua.organizations.models import ClusterYear
from thidua.organizations.rules import has_any_role, is_admin
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
