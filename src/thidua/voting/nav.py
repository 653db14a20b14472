from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.home import TASKS, HomePanel, register_home_panel
from thidua.core.navigation import YEAR, NavItem, register_nav
from thidua.organizations.scopes import scope_of
from thidua.voting import selectors
from thidua.voting.enums import MeetingState


@register_nav
def voting_nav(user):
    # From the cached scope, no query: every page draws the menu.
    scope = scope_of(user)
    if not (scope.is_admin or scope.unit_ids or scope.secretariat_cluster_year_ids or scope.province_ids):
        return []
    return [NavItem(_("Hội nghị, bỏ phiếu"), reverse("voting:meeting_list"), order=40, section=YEAR)]


@register_home_panel
def voting_panels(user):
    """Unit heads and council members (who sit on the rolls) see the ballots waiting for them; those who run
    meetings see the coming ones. Anyone else added to a roll is told by a notification when a ballot opens."""
    scope = scope_of(user)
    panels = []
    if scope.head_unit_ids or scope.council_province_ids:
        ballots = list(selectors.open_ballots_for_user(user)[:5])
        if ballots:
            panels.append(
                HomePanel(
                    _("Phiếu đang chờ bạn bỏ"),
                    "voting/_panel_open_ballots.html",
                    {"ballots": ballots},
                    order=1,
                    kind=TASKS,
                    waiting=len(ballots),
                )
            )
    if scope.is_admin or scope.secretariat_cluster_year_ids or scope.board_province_ids:
        meetings = list(selectors.meetings_visible_to(user).exclude(state=MeetingState.ENDED)[:5])
        if meetings:
            panels.append(
                HomePanel(
                    _("Hội nghị, phiên họp sắp tới"),
                    "voting/_panel_meetings.html",
                    {"meetings": meetings},
                    order=40,
                    kind=TASKS,
                    waiting=0,  # a date to keep, not a step the user must take from here
                )
            )
    return panels
