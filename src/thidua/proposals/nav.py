from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.home import TASKS, HomePanel, register_home_panel
from thidua.core.navigation import YEAR, NavItem, register_nav
from thidua.organizations.scopes import scope_of
from thidua.proposals import selectors


@register_nav
def proposals_nav(user):
    # From the cached scope, no query: every page draws the menu.
    scope = scope_of(user)
    if not (scope.is_admin or scope.unit_ids or scope.secretariat_cluster_year_ids or scope.province_ids):
        return []
    return [NavItem(_("Đề nghị khen thưởng"), reverse("proposals:list"), order=45, section=YEAR)]


@register_home_panel
def proposals_panel(user):
    """The proposals waiting for this user (drafts and returned ones, the board's desk, the council's agenda)."""
    scope = scope_of(user)
    if not (scope.secretariat_cluster_year_ids or scope.unit_ids or scope.province_ids):
        return []
    rows = selectors.home_rows(user)
    if not rows:
        return []
    title = _("Tờ trình đề nghị khen thưởng cần xử lý")
    return [HomePanel(title, "proposals/_panel.html", {"rows": rows}, order=35, kind=TASKS, waiting=len(rows))]
