from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.home import HomePanel, register_home_panel
from thidua.core.navigation import NavItem, register_nav
from thidua.organizations import selectors
from thidua.organizations.scopes import scope_of


@register_nav
def organizations_nav(user):
    if not user.has_perm("organizations.view_unit"):
        return []
    return [
        NavItem(_("Đơn vị"), reverse("organizations:unit_list"), order=10),
        NavItem(_("Cụm, khối"), reverse("organizations:cluster_list"), order=11),
        NavItem(_("Cá nhân"), reverse("organizations:person_list"), order=12),
        NavItem(_("Tìm kiếm"), reverse("organizations:search"), order=13),
    ]


@register_home_panel
def my_units_panel(user):
    scope = scope_of(user)
    panels = []
    if scope.unit_ids:
        panels.append(
            HomePanel(
                _("Đơn vị của tôi"),
                "organizations/_panel_units.html",
                {"units": list(selectors.user_units(user))},
                order=10,
            )
        )
    years = list(selectors.user_cluster_years(user)[:4])
    if years:
        panels.append(
            HomePanel(
                _("Cụm thi đua của tôi"), "organizations/_panel_cluster_years.html", {"cluster_years": years}, order=11
            )
        )
    return panels
