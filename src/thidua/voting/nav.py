from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.home import HomePanel, register_home_panel
from thidua.core.navigation import NavItem, register_nav
from thidua.voting import selectors
from thidua.voting.enums import MeetingState


@register_nav
def voting_nav(user):
    if not user.has_perm("voting.list_meetings"):
        return []
    return [NavItem(_("Hội nghị, bỏ phiếu"), reverse("voting:meeting_list"), order=40)]


@register_home_panel
def voting_panels(user):
    panels = []
    ballots = list(selectors.open_ballots_for_user(user)[:5])
    if ballots:
        panels.append(HomePanel(_("Phiếu đang chờ bạn bỏ"), "voting/_panel_open_ballots.html", {"ballots": ballots}, 1))
    if user.has_perm("voting.list_meetings"):
        meetings = list(selectors.meetings_visible_to(user).exclude(state=MeetingState.ENDED)[:5])
        if meetings:
            panels.append(
                HomePanel(_("Hội nghị, phiên họp sắp tới"), "voting/_panel_meetings.html", {"meetings": meetings}, 40)
            )
    return panels
