"""The reports menu entry. No home panel: the dashboards are one click away and the home page stays light."""

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.navigation import REPORTS, NavItem, register_nav


@register_nav
def reports_nav(user):
    if not user.has_perm("reports.view_reports"):
        return []
    return [NavItem(_("Báo cáo, thống kê"), reverse("reports:index"), order=60, section=REPORTS)]
