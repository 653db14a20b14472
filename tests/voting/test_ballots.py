import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import PersonFactory, board_shares
from tests.voting.factories import CLUSTER_RULES, RuleSetFactory
from tests.voting.helpers import FakeRow, make_ballot, vote
from thidua.awards.enums import RuleSetKind
from thidua.core.models import ActivityLogEntry
from thidua.voting import selectors, services
from thidua.voting.enums import BallotPurpose, BallotState, VotingMode
from thidua.voting.models import Voter
from thidua.voting.selectors import CandidateSpec, ResultNotAvailable


def test_default_candidates_follow_the_ranking_without_vetoed_units(conference, fake_ranking):
    u = conference.units
    fake_ranking += [
        FakeRow(u[2], Decimal("95.50"), 1, is_vetoed=False, is_candidate=True, tie_break_note=""),
        FakeRow(u[0], Decimal("93.00"), 2, is_vetoed=False, is_candidate=True, tie_break_note="Hơn về tiêu chí 1"),
        FakeRow(u[5], Decimal("99.00"), 3, is_vetoed=True, is_candidate=False, tie_break_note=""),
        FakeRow(u[1], Decimal("93.00"), 3, is_vetoed=False, is_candidate=True, tie_break_note=""),
    ]
    ballot = services.create_ballot(
        conference.meeting, question="Cờ thi đua", max_choices=3, actor=conference.secretary, purpose="award"
    )
    rows = list(ballot.candidates.order_by("position").values_list("unit", "ranking_rank", "ranking_total", "note"))
    assert rows == [
        (u[2].pk, 1, Decimal("95.50"), ""),
        (u[0].pk, 2, Decimal("93.00"), "Hơn về tiêu chí 1"),
        (u[1].pk, 3, Decimal("93.00"), ""),
    ]


def test_without_a_ranking_every_member_is_a_candidate(conference, fake_ranking):
    ballot = services.create_ballot(conference.meeting, question="Cờ", actor=conference.secretary, purpose="award")
    assert ballot.candidates.count() == 8


def test_election_ballot_takes_members_and_one_seat(conference):
    ballot = services.create_ballot(
        conference.meeting, question="Bầu Trưởng cụm năm 2024", actor=conference.secretary, purpose="leader",
        max_choices=3, seats=4,
    )  # fmt: skip
    assert (ballot.seats, ballot.max_choices, ballot.candidates.count()) == (1, 1, 8)


def test_candidates_may_be_people_labels_and_references(conference):
    person = PersonFactory()
    ballot = make_ballot(
        conference,
        candidates=[person, "Phương án A", CandidateSpec(unit=conference.units[0], reference=conference.cluster_year)],
        max_choices=1,
    )
    kinds = [(c.kind, c.display_name) for c in ballot.candidates.order_by("position")]
    assert kinds == [("person", person.full_name), ("label", "Phương án A"), ("unit", conference.units[0].full_name)]
    assert ballot.candidates.get(kind="unit").reference == conference.cluster_year


def test_duplicate_unit_candidate_refused(conference):
    with pytest.raises(ValidationError):
        make_ballot(conference, candidates=[conference.units[0], conference.units[0]])


def test_rule_set_of_the_wrong_kind_is_refused(conference):
    council_rules = RuleSetFactory(kind=RuleSetKind.COUNCIL_VOTING)
    with pytest.raises(ValidationError) as refused:
        make_ballot(conference, rule_set=council_rules)
    assert "không dùng cho loại cuộc họp này" in refused.value.messages[0]


def test_rule_set_with_bad_parameters_is_refused(conference):
    broken = RuleSetFactory(parameters={**CLUSTER_RULES, "comparison": "roughly"})
    with pytest.raises(ValidationError):
        make_ballot(conference, rule_set=broken)


def test_only_managers_create_ballots(conference):
    with pytest.raises(PermissionDenied):
        services.create_ballot(conference.meeting, question="X", actor=conference.heads[0])


def _problems(ballot):
    return selectors.ballot_problems(ballot)


def test_checklist_is_empty_for_a_ready_ballot(conference):
    assert _problems(make_ballot(conference)) == []


def test_checklist_no_candidates(conference):
    assert _problems(make_ballot(conference, candidates=[], max_choices=1)) == ["Chưa có ứng viên nào."]


def test_checklist_more_choices_than_candidates(conference):
    assert _problems(make_ballot(conference, candidates=conference.units[:2], max_choices=3)) == [
        "Số lựa chọn tối đa (3) lớn hơn số ứng viên."
    ]


def test_checklist_no_voters(conference):
    ballot = make_ballot(conference)
    conference.meeting.delegates.all().delete()
    assert _problems(ballot) == ["Danh sách đại biểu, thành viên còn trống."]


def test_checklist_quorum_not_met(conference):
    ballot = make_ballot(conference)
    conference.meeting.delegates.filter(pk__in=conference.meeting.delegates.values("pk")[:5]).update(is_present=False)
    assert _problems(ballot) == ["Chưa đủ số thành viên có mặt theo quy định: 3/8, cần ít nhất 50,00%."]


def test_checklist_rule_set_not_in_force_on_the_meeting_date(conference):
    ballot = make_ballot(conference)
    conference.rule_set.valid_to = datetime.date(2023, 12, 31)
    conference.rule_set.save()
    assert _problems(ballot) == ["Không có quy định bỏ phiếu nào có hiệu lực vào ngày họp."]


def test_checklist_secret_rule_refuses_show_of_hands(conference):
    ballot = make_ballot(conference, mode=VotingMode.ACCLAMATION)
    assert _problems(ballot) == ["Quy định yêu cầu bỏ phiếu kín; không dùng biểu quyết giơ tay."]


def test_an_unknown_ballot_state_is_refused_with_a_message(conference):
    ballot = make_ballot(conference)
    with pytest.raises(ValidationError) as refused:
        services.set_ballot_state(ballot, "finished", actor=conference.secretary)
    assert refused.value.messages == ["Không có trạng thái phiếu “finished”."]
    ballot.refresh_from_db()
    assert ballot.state == BallotState.DRAFT


def test_a_ballot_with_problems_does_not_open(conference):
    ballot = make_ballot(conference, candidates=[], max_choices=1)
    with pytest.raises(ValidationError) as refused:
        services.open_ballot(ballot, actor=conference.secretary)
    assert refused.value.messages == ["Chưa có ứng viên nào."]
    ballot.refresh_from_db()
    assert (ballot.state, Voter.objects.count()) == (BallotState.DRAFT, 0)


def test_opening_freezes_roll_rules_and_candidates(conference):
    conference.meeting.delegates.filter(unit=conference.units[7]).update(is_present=False)
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    ballot.refresh_from_db()
    assert (ballot.state, ballot.member_count, ballot.present_count) == (BallotState.OPEN, 8, 7)
    assert ballot.rules_snapshot == CLUSTER_RULES
    assert ballot.voters.filter(was_present=True).count() == 7
    assert ballot.meeting.state == "in_progress"
    with pytest.raises(ValidationError):
        services.add_candidates(ballot, [conference.units[6]], actor=conference.secretary)
    with pytest.raises(ValidationError):
        services.update_ballot(ballot, question="Khác", actor=conference.secretary)
    with pytest.raises(ValidationError):
        services.remove_candidate(ballot.candidates.first(), actor=conference.secretary)
    # Attendance marked later does not change this ballot's roll.
    services.set_attendance(conference.meeting.delegates.get(unit=conference.units[7]), is_present=True, actor=None)
    assert ballot.voters.filter(was_present=True).count() == 7


def test_the_frozen_rules_decide_the_result(conference):
    ballot = make_ballot(conference, candidates=conference.units[:2], max_choices=1)
    vote(ballot, conference.secretary, [[0]] * 4 + [[1]] * 4)
    conference.rule_set.parameters = {**CLUSTER_RULES, "comparison": "at_least"}
    conference.rule_set.save()
    services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    assert selectors.ballot_result(ballot).passed == []


def test_transitions_refused(conference):
    ballot = make_ballot(conference)
    with pytest.raises(ValidationError):
        services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    with pytest.raises(ValidationError) as refused:
        services.cancel_ballot(ballot, actor=conference.secretary, reason=" ")
    assert refused.value.messages == ["Hãy ghi lý do hủy phiếu."]
    services.open_ballot(ballot, actor=conference.secretary)
    services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    for step in (services.open_ballot, services.close_ballot):
        with pytest.raises(ValidationError):
            step(ballot, actor=conference.secretary)


def test_cancel_with_reason_is_logged(conference):
    ballot = make_ballot(conference)
    services.cancel_ballot(ballot, actor=conference.secretary, reason="Nhầm danh sách")
    ballot.refresh_from_db()
    assert (ballot.state, ballot.cancel_reason) == (BallotState.CANCELLED, "Nhầm danh sách")
    entry = ActivityLogEntry.objects.get(action="ballot.cancelled")
    assert (entry.old_values, entry.new_values, entry.note) == (
        {"state": "draft"},
        {"state": "cancelled"},
        "Nhầm danh sách",
    )


def test_delegates_may_not_open_or_close(conference):
    ballot = make_ballot(conference)
    with pytest.raises(PermissionDenied):
        services.open_ballot(ballot, actor=conference.heads[0])


def test_result_is_refused_before_closing_to_everyone(conference):
    ballot = make_ballot(conference)
    with pytest.raises(ResultNotAvailable):
        selectors.ballot_result(ballot)
    vote(ballot, conference.secretary, [[0]])
    with pytest.raises(ResultNotAvailable) as hidden:
        selectors.ballot_result(ballot)
    assert str(hidden.value) == "Kết quả chỉ được công bố sau khi kết thúc bỏ phiếu."


def test_update_ballot_with_a_stale_version_is_refused(conference):
    ballot = make_ballot(conference)
    services.update_ballot(ballot, question="Câu hỏi mới", actor=conference.secretary, seen_version=1)
    with pytest.raises(ValidationError) as refused:
        services.update_ballot(ballot, question="Câu hỏi khác", actor=conference.secretary, seen_version=1)
    assert refused.value.code == "stale"
    ballot.refresh_from_db()
    assert (ballot.question, ballot.version) == ("Câu hỏi mới", 2)


def test_election_purpose_keeps_one_seat_on_edit(conference):
    ballot = make_ballot(conference, purpose=BallotPurpose.LEADER, candidates=None)
    services.update_ballot(ballot, max_choices=3, actor=conference.secretary)
    ballot.refresh_from_db()
    assert (ballot.max_choices, ballot.seats) == (1, 1)
