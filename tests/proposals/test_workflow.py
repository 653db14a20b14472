"""The one transition function: every step allowed and refused, returns with a reason, deadlines, notices."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.proposals.helpers import before_council, checked, draft, sent, vote_all, voted
from thidua.awards.enums import RuleSetKind
from thidua.core.models import ActivityLogEntry, Notification
from thidua.emulation.enums import PhaseOverride
from thidua.proposals import services
from thidua.proposals.enums import ProposalState, Verdict
from thidua.voting.enums import BallotState

S = ProposalState


def test_send_moves_a_draft_to_the_province_logs_and_tells_the_board(world):
    proposal = draft(world)
    services.send_proposal(proposal, actor=world.secretary)
    proposal.refresh_from_db()
    assert proposal.state == S.SENT
    entry = ActivityLogEntry.objects.get(action="proposal.sent")
    assert (entry.old_values, entry.new_values["state"], entry.actor) == ({"state": "draft"}, "sent", world.secretary)
    told = Notification.objects.filter(title=f"Tờ trình gửi tỉnh: {proposal.title}")
    assert sorted(n.recipient_id for n in told) == sorted([world.board.pk, world.second_board.pk])


def test_send_refused_without_lines(world):
    proposal = draft(world, units=0)
    with pytest.raises(ValidationError, match="chưa có dòng đề nghị"):
        services.send_proposal(proposal, actor=world.secretary)
    proposal.refresh_from_db()
    assert proposal.state == S.DRAFT


def test_send_refused_when_a_line_has_no_report_nor_summary(world):
    proposal = draft(world, units=1)
    proposal.items.update(summary="")
    with pytest.raises(ValidationError, match="Chưa có tóm tắt thành tích hoặc tệp báo cáo"):
        services.send_proposal(proposal, actor=world.secretary)


def test_send_refused_when_the_proposals_phase_is_closed(world):
    proposal = draft(world)
    world.phase.override = PhaseOverride.CLOSED
    world.phase.save()
    with pytest.raises(ValidationError, match="Giai đoạn “Đề nghị khen thưởng”"):
        services.send_proposal(proposal, actor=world.secretary)


def test_send_refused_to_another_unit_and_to_the_board(world):
    proposal = draft(world)
    for user in (world.officer, world.board):
        with pytest.raises(PermissionDenied):
            services.send_proposal(proposal, actor=user)


def test_the_board_receives_and_the_drafter_is_told(world):
    proposal = sent(world)
    services.receive_proposal(proposal, actor=world.board)
    proposal.refresh_from_db()
    assert proposal.state == S.CHECKING
    assert Notification.objects.filter(recipient=world.secretary, title__startswith="Ban Thi đua").count() == 1


def test_the_drafter_cannot_receive_its_own_proposal(world):
    proposal = sent(world)
    with pytest.raises(PermissionDenied):
        services.receive_proposal(proposal, actor=world.secretary)


@pytest.mark.parametrize("target", [S.COUNCIL, S.VOTED, S.DECIDED, S.AWARDED, S.RETURNED])
def test_a_draft_cannot_jump_steps(world, target):
    proposal = draft(world)
    with pytest.raises(ValidationError, match="Không chuyển được tờ trình"):
        services.set_proposal_state(proposal, target, actor=world.admin, reason="x")


def test_an_unknown_step_is_refused_with_a_message(world):
    # Found by the API fuzzing: the state's label was asked of an unknown value (a server error).
    proposal = draft(world)
    with pytest.raises(ValidationError) as refused:
        services.set_proposal_state(proposal, "cast_ballots", actor=world.secretary)
    assert refused.value.messages == ["Không có bước “cast_ballots” của tờ trình."]
    proposal.refresh_from_db()
    assert proposal.state == S.DRAFT


def test_a_proposal_cannot_reach_the_council_without_the_boards_check(world):
    proposal = sent(world)
    # Straight from "sent" (the board has not received it): not an allowed step.
    with pytest.raises(ValidationError, match="Không chuyển được tờ trình từ “Đã gửi tỉnh” sang “Trình Hội đồng”"):
        services.set_proposal_state(proposal, S.COUNCIL, actor=world.board)
    services.receive_proposal(proposal, actor=world.board)
    # Received but no line judged: refused, and submit_to_council refuses too.
    with pytest.raises(ValidationError, match="chưa thẩm định xong"):
        services.set_proposal_state(proposal, S.COUNCIL, actor=world.board)
    with pytest.raises(ValidationError, match="chưa thẩm định xong"):
        services.submit_to_council(proposal, actor=world.board, held_on=datetime.date(2024, 1, 25))
    proposal.refresh_from_db()
    assert (proposal.state, proposal.council_ballot) == (S.CHECKING, None)


def test_the_council_needs_one_accepted_line(world):
    proposal = sent(world, units=1)
    services.receive_proposal(proposal, actor=world.board)
    services.judge_item(proposal.items.get(), actor=world.board, verdict=Verdict.REJECTED, reason="Không dẫn đầu.")
    with pytest.raises(ValidationError, match="Không có dòng nào được thẩm định đủ điều kiện"):
        services.set_proposal_state(proposal, S.COUNCIL, actor=world.board)


def test_the_council_step_needs_a_ballot(world):
    proposal = checked(world)
    with pytest.raises(ValidationError, match="Chưa có phiếu của phiên họp Hội đồng"):
        services.set_proposal_state(proposal, S.COUNCIL, actor=world.board)


def test_voted_needs_a_closed_ballot(world):
    proposal = before_council(world)
    with pytest.raises(ValidationError, match="Phiếu của Hội đồng chưa kết thúc"):
        services.set_proposal_state(proposal, S.VOTED, actor=world.board)
    with pytest.raises(ValidationError, match="Phiếu của Hội đồng chưa kết thúc"):
        services.record_council_result(proposal, actor=world.board)


def test_decided_needs_a_decision_and_awarded_needs_the_records(world):
    proposal = voted(world)
    with pytest.raises(ValidationError, match="Chưa ghi quyết định"):
        services.set_proposal_state(proposal, S.DECIDED, actor=world.board)
    with pytest.raises(ValidationError, match="Không chuyển được"):
        services.set_proposal_state(proposal, S.AWARDED, actor=world.board)


@pytest.mark.parametrize(
    ("make", "back_to"),
    [(sent, S.RETURNED), (checked, S.RETURNED), (before_council, S.CHECKING), (voted, S.CHECKING)],
)
def test_every_step_returns_to_the_previous_owner_with_a_reason(world, make, back_to):
    proposal = make(world)
    with pytest.raises(ValidationError, match="Hãy ghi lý do trả lại"):
        services.return_proposal(proposal, actor=world.board, reason="  ")
    services.return_proposal(proposal, actor=world.board, reason="Thiếu báo cáo thành tích có xác nhận.")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.return_reason) == (back_to, "Thiếu báo cáo thành tích có xác nhận.")
    entry = ActivityLogEntry.objects.filter(action="proposal.returned").get()
    assert entry.note == "Thiếu báo cáo thành tích có xác nhận."


def test_returning_from_the_council_cancels_its_open_ballot_and_forgets_votes(world):
    proposal = before_council(world)
    ballot = proposal.council_ballot
    services.return_proposal(proposal, actor=world.board, reason="Cần thẩm định lại.")
    ballot.refresh_from_db()
    proposal.refresh_from_db()
    assert (ballot.state, proposal.council_ballot, proposal.state) == (BallotState.CANCELLED, None, S.CHECKING)


def test_returning_after_the_vote_keeps_the_closed_ballot_and_clears_the_lines(world):
    proposal = voted(world)
    ballot = proposal.council_ballot
    services.return_proposal(proposal, actor=world.board, reason="Chủ tịch yêu cầu xem lại.")
    ballot.refresh_from_db()
    assert ballot.state == BallotState.CLOSED
    assert list(proposal.items.values_list("council_passed", flat=True)) == [None, None]


def test_a_returned_proposal_is_edited_and_sent_again_for_a_fresh_check(world):
    proposal = checked(world)
    services.return_proposal(proposal, actor=world.board, reason="Bổ sung.")
    item = proposal.items.first()
    services.update_item(item, actor=world.secretary, seen_version=item.version, summary="Đã bổ sung.")
    services.send_proposal(proposal, actor=world.secretary)
    assert list(proposal.items.values_list("verdict", flat=True)) == [Verdict.PENDING, Verdict.PENDING]


def test_the_drafter_cannot_return_and_the_board_cannot_return_a_draft(world):
    proposal = sent(world)
    with pytest.raises(PermissionDenied):
        services.return_proposal(proposal, actor=world.secretary, reason="x")
    other = draft(world)
    with pytest.raises(ValidationError, match="không trả lại được"):
        services.return_proposal(other, actor=world.board, reason="x")


def test_deadlines_follow_the_rule_set_in_working_days(world):
    from tests.voting.factories import RuleSetFactory

    RuleSetFactory(
        kind=RuleSetKind.PROPOSAL_DEADLINES,
        province=world.province,
        parameters={"check_days": 5, "decision_days": 3, "resubmit_days": 2, "working_days": True},
    )
    proposal = draft(world)
    assert proposal.due_on is None  # made by the factory, not the service
    services.send_proposal(proposal, actor=world.secretary, day=datetime.date(2024, 1, 19))  # a Friday
    proposal.refresh_from_db()
    assert proposal.due_on == datetime.date(2024, 1, 26)  # five working days: Mon 22 .. Fri 26
    services.receive_proposal(proposal, actor=world.board, day=datetime.date(2024, 1, 22))
    proposal.refresh_from_db()
    assert proposal.due_on == datetime.date(2024, 1, 26)  # receiving keeps the deadline set on sending
    services.return_proposal(proposal, actor=world.board, reason="Bổ sung.", day=datetime.date(2024, 1, 22))
    proposal.refresh_from_db()
    assert proposal.due_on == datetime.date(2024, 1, 24)


def test_without_a_deadline_rule_set_no_deadline_is_set(world):
    proposal = sent(world)
    assert proposal.due_on is None


def test_the_drafts_deadline_is_the_end_of_the_proposals_phase(world):
    proposal = services.create_proposal(
        proposer_kind="cluster", cluster_year=world.cluster_year, year=2023, title="Đề nghị", actor=world.secretary
    )
    assert proposal.due_on == datetime.date(2024, 1, 31)


def test_the_council_step_is_due_on_the_session_day(world):
    proposal = before_council(world)
    assert proposal.due_on == datetime.date(2024, 1, 25)


def test_a_vote_with_two_of_three_members_does_not_pass_ninety_percent_of_all_members(world):
    proposal = before_council(world)
    vote_all(world, proposal, voters=2)
    services.record_council_result(proposal, actor=world.board)
    assert list(proposal.items.values_list("council_votes", "council_passed")) == [(2, False), (2, False)]
