import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import PersonFactory, PositionFactory, ProvinceFactory, UnitFactory, board_shares
from tests.voting.helpers import make_ballot
from thidua.organizations.enums import Role
from thidua.voting import services
from thidua.voting.enums import MeetingKind


def _conference(cluster_year, actor):
    return services.create_meeting(
        kind=MeetingKind.CONFERENCE,
        cluster_year=cluster_year,
        title="Hội nghị tổng kết năm 2023",
        held_on=datetime.date(2024, 1, 10),
        place="Hội trường",
        actor=actor,
        guests="Đại diện Hội đồng Thi đua - Khen thưởng tỉnh\nĐại diện UBND các huyện",
    )


def test_secretariat_creates_the_conference(conference):
    meeting = _conference(conference.cluster_year, conference.secretary)
    assert (meeting.province, meeting.created_by) == (conference.cluster_year.cluster.province, conference.secretary)
    assert meeting.guest_list == ["Đại diện Hội đồng Thi đua - Khen thưởng tỉnh", "Đại diện UBND các huyện"]


def test_unit_staff_may_not_create_a_conference(conference):
    with pytest.raises(PermissionDenied):
        _conference(conference.cluster_year, conference.heads[0])


def test_a_conference_needs_its_cluster_year(conference):
    with pytest.raises(ValidationError):
        _conference(None, conference.secretary)


def test_board_creates_a_council_session_and_council_members_may_not(council, make_user):
    kwargs = {"kind": MeetingKind.COUNCIL, "title": "Phiên họp", "held_on": datetime.date(2025, 9, 1), "place": "UBND"}
    meeting = services.create_meeting(province=council.meeting.province, actor=council.board, **kwargs)
    assert meeting.cluster_year is None
    with pytest.raises(PermissionDenied):
        services.create_meeting(province=council.meeting.province, actor=council.members[0], **kwargs)


def test_member_delegates_are_the_unit_heads(conference, make_user):
    meeting = _conference(conference.cluster_year, conference.secretary)
    head = conference.heads[0]
    head.person = PersonFactory(full_name="Trần Văn Lợi")
    head.full_name = "Trần Văn Lợi"
    head.save()
    PositionFactory(
        person=head.person, unit=conference.units[0], title="Chủ tịch UBND", valid_from=datetime.date(2021, 1, 1)
    )
    added = services.add_member_delegates(meeting, actor=conference.secretary)
    assert len(added) == 8
    first = meeting.delegates.get(unit=conference.units[0])
    assert (first.full_name, first.title, first.user) == (
        "Trần Văn Lợi",
        f"Chủ tịch UBND {conference.units[0].full_name}",
        head,
    )
    assert services.add_member_delegates(meeting, actor=conference.secretary) == []


def test_council_roll_is_the_council_members(council):
    meeting = services.create_meeting(
        kind=MeetingKind.COUNCIL, province=council.meeting.province, title="Phiên 2", held_on=datetime.date(2025, 9, 1),
        place="UBND", actor=council.board,
    )  # fmt: skip
    added = services.add_member_delegates(meeting, actor=council.board)
    assert {d.user for d in added} == set(council.members)
    assert {d.role for d in added} == {"council_member"}


def test_delegate_must_belong_to_a_member_unit(conference):
    with pytest.raises(ValidationError):
        services.add_delegate(conference.meeting, full_name="Khách", unit=UnitFactory(), actor=conference.secretary)


def test_a_user_is_on_the_roll_once(conference):
    with pytest.raises(ValidationError):
        services.add_delegate(
            conference.meeting, full_name="Lần hai", user=conference.heads[0], actor=conference.secretary
        )


def test_delegate_on_an_opened_ballot_cannot_be_removed(conference):
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    with pytest.raises(ValidationError):
        services.remove_delegate(conference.meeting.delegates.first(), actor=conference.secretary)


def test_update_with_stale_version_is_refused(conference):
    meeting = conference.meeting
    services.update_meeting(meeting, place="Phòng họp A", actor=conference.secretary, seen_version=1)
    with pytest.raises(ValidationError) as refused:
        services.update_meeting(meeting, place="Phòng họp B", actor=conference.secretary, seen_version=1)
    assert refused.value.code == "stale"
    meeting.refresh_from_db()
    assert meeting.place == "Phòng họp A"


def test_an_unknown_meeting_state_is_refused_with_a_message(conference):
    # It used to end in a server error (the label of an unknown state), e.g. through the API's free-text action.
    with pytest.raises(ValidationError) as refused:
        services.set_meeting_state(conference.meeting, "done", actor=conference.secretary)
    assert refused.value.messages == ["Không có tình trạng hội nghị “done”."]
    conference.meeting.refresh_from_db()
    assert conference.meeting.state == "planned"


def test_meeting_state_transitions(conference):
    meeting = conference.meeting
    with pytest.raises(ValidationError):
        services.set_meeting_state(meeting, "ended", actor=conference.secretary)
    services.set_meeting_state(meeting, "in_progress", actor=conference.secretary)
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    with pytest.raises(ValidationError):
        services.set_meeting_state(meeting, "ended", actor=conference.secretary)
    services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    services.set_meeting_state(meeting, "ended", actor=conference.secretary)
    assert meeting.state == "ended"
    with pytest.raises(ValidationError):
        services.add_delegate(meeting, full_name="Muộn", actor=conference.secretary)
    with pytest.raises(ValidationError):
        make_ballot(conference)


def test_only_managers_change_attendance(conference, make_user):
    delegate = conference.meeting.delegates.first()
    with pytest.raises(PermissionDenied):
        services.set_attendance(delegate, is_present=False, actor=conference.heads[1])
    board = make_user(Role.BOARD_OFFICER, conference.cluster_year.cluster.province)
    services.set_attendance(delegate, is_present=False, actor=board)
    delegate.refresh_from_db()
    assert delegate.is_present is False


def test_only_a_council_member_of_the_province_goes_on_a_council_roll_with_an_account(council, make_user):
    # Found by probing the API: the board could put any account (a unit officer, another province's council member)
    # on the council's roll, and that account could then vote on the council's ballots.
    officer = make_user(Role.UNIT_OFFICER, UnitFactory(province=council.meeting.province))
    elsewhere = make_user(Role.COUNCIL_MEMBER, ProvinceFactory())
    for outsider in (officer, elsewhere):
        with pytest.raises(ValidationError) as refused:
            services.add_delegate(council.meeting, full_name="Người ngoài", user=outsider, actor=council.board)
        province = council.meeting.province.name
        expected = f"Tài khoản {outsider.username} không phải thành viên Hội đồng Thi đua - Khen thưởng của {province}."
        assert refused.value.messages == [expected]
    assert council.meeting.delegates.count() == 5
    sixth = make_user(Role.COUNCIL_MEMBER, council.meeting.province)
    added = services.add_delegate(council.meeting, full_name="Thành viên 6", user=sixth, actor=council.board)
    assert (added.user, added.role, council.meeting.delegates.count()) == (sixth, "council_member", 6)
    named = services.add_delegate(council.meeting, full_name="Thành viên ghi tên", actor=council.board)
    assert named.user is None
