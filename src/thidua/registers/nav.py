from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.navigation import RECORDS, NavItem, register_nav
from thidua.organizations.scopes import scope_of


@register_nav
def registers_nav(user):
    scope = scope_of(user)
    if not (scope.is_admin or scope.unit_ids or scope.secretariat_cluster_year_ids or scope.board_province_ids):
        return []
    items = [NavItem(_("Sổ văn bản đi"), reverse("registers:list"), order=48, section=RECORDS)]
    if scope.is_admin or scope.board_province_ids:
        items.append(NavItem(_("Chứng thư số"), reverse("registers:certificates"), order=49, section=RECORDS))
    return items
