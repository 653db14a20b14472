import re
from pathlib import Path

import pytest

from tests.factories import ClusterYearFactory, ProvinceFactory, UnitFactory
from thidua.organizations.enums import Role


@pytest.fixture
def people(conference, council, make_user):
    province = conference.cluster_year.cluster.province
    return {
        "admin": make_user(Role.ADMIN),
        "secretary": conference.secretary,
        "other_secretary": make_user(Role.CLUSTER_SECRETARIAT, ClusterYearFactory()),
        "board": make_user(Role.BOARD_OFFICER, province),
        "other_board": make_user(Role.BOARD_OFFICER, ProvinceFactory()),
        "delegate": conference.heads[0],
        "member_officer": make_user(Role.UNIT_OFFICER, conference.units[1]),
        "outsider_officer": make_user(Role.UNIT_OFFICER, UnitFactory()),
        "council_member": council.members[0],
        "council_board": council.board,
        "nobody": make_user(),
    }


CONFERENCE_VIEW = {"admin", "secretary", "board", "delegate", "member_officer"}
CONFERENCE_MANAGE = {"admin", "secretary", "board"}
COUNCIL_VIEW = {"admin", "council_member", "council_board"}
COUNCIL_MANAGE = {"admin", "council_board"}


@pytest.mark.parametrize(
    ("perm", "meeting", "allowed"),
    [
        ("voting.view_meeting", "conference", CONFERENCE_VIEW),
        ("voting.manage_meeting", "conference", CONFERENCE_MANAGE),
        ("voting.view_meeting", "council", COUNCIL_VIEW),
        ("voting.manage_meeting", "council", COUNCIL_MANAGE),
    ],
)
def test_meeting_permissions_both_ways(people, conference, council, perm, meeting, allowed):
    target = conference.meeting if meeting == "conference" else council.meeting
    granted = {name for name, user in people.items() if user.has_perm(perm, target)}
    assert granted == allowed


def test_permissions_reach_ballots_through_their_meeting(people, conference):
    from tests.voting.helpers import make_ballot

    ballot = make_ballot(conference)
    candidate = ballot.candidates.first()
    for obj in (ballot, candidate):
        assert {n for n, u in people.items() if u.has_perm("voting.manage_meeting", obj)} == CONFERENCE_MANAGE


def test_who_may_create_meetings(people, conference, council):
    on_year = {n for n, u in people.items() if u.has_perm("voting.add_conference", conference.cluster_year)}
    assert on_year == {"admin", "secretary", "board"}
    on_province = {n for n, u in people.items() if u.has_perm("voting.add_council_session", council.meeting.province)}
    assert on_province == {"admin", "council_board"}


def test_who_sees_the_meetings_page(people):
    assert {n for n, u in people.items() if not u.has_perm("voting.list_meetings")} == {"nobody"}


def test_pages_carry_no_inline_script_or_style():
    folder = Path(__file__).resolve().parents[2] / "src/thidua/templates/voting"
    for template in folder.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert " style=" not in text, template.name
        assert "<style" not in text, template.name
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), template.name
