from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.coverage import provinces_of, rule_set_gaps
from thidua.core.home import HomePanel, register_home_panel
from thidua.core.navigation import RECORDS, REPORTS, NavItem, register_nav
from thidua.organizations.scopes import scope_of


@register_nav
def awards_nav(user):
    if not user.has_perm("awards.view_register"):
        return []
    items = [
        NavItem(_("Sổ khen thưởng"), reverse("awards:register"), order=40, section=RECORDS),
        NavItem(_("Xét điều kiện"), reverse("awards:screening"), order=41, section=RECORDS),
        NavItem(_("Quy định khen thưởng"), reverse("awards:rule_set_list"), order=42, section=RECORDS),
    ]
    if user.has_perm("awards.view_statistics"):
        items.append(NavItem(_("Thống kê ưu tiên"), reverse("awards:priority_statistics"), order=43, section=REPORTS))
    return items


@register_home_panel
def awards_panel(user):
    scope = scope_of(user)
    if scope.unit_ids:
        # No query here: one unit links straight to its history; several go to the register, which names them.
        only = next(iter(scope.unit_ids)) if len(scope.unit_ids) == 1 else None
        return [HomePanel(_("Khen thưởng của đơn vị"), "awards/_panel_units.html", {"unit_id": only}, order=40)]
    if scope.board_province_ids or scope.is_admin:
        gaps = rule_set_gaps(timezone.localdate(), provinces=provinces_of(user))
        return [HomePanel(_("Khen thưởng"), "awards/_panel_board.html", {"gaps": gaps}, order=40)]
    return []
