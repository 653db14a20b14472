"""The council's session through the voting services: roll of all members, the rule set's secrecy, threshold
over all members, written votes of absent members, and the result written onto the lines."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import board_shares
from tests.proposals.helpers import COUNCIL_DAY, before_council, checked, vote_all
from tests.voting.factories import MeetingFactory
from thidua.core.models import Notification
from thidua.proposals import services
from thidua.proposals.enums import ProposalState, Verdict
from thidua.voting import selectors as voting_selectors
from thidua.voting import services as voting
from thidua.voting.enums import BallotPurpose, MeetingKind, VotingMode


def test_submitting_creates_a_session_with_every_council_member_and_a_ballot_of_the_accepted_lines(world):
    proposal = checked(world, units=3)
    rejected = proposal.items.order_by("position").last()
    services.judge_item(rejected, actor=world.board, verdict=Verdict.REJECTED, reason="Không đủ hồ sơ.")
    ballot = services.submit_to_council(proposal, actor=world.board, held_on=COUNCIL_DAY, place="Hội trường tỉnh")
    proposal.refresh_from_db()
    meeting = ballot.meeting
    assert (meeting.kind, meeting.province, meeting.held_on) == (MeetingKind.COUNCIL, world.province, COUNCIL_DAY)
    assert sorted(meeting.delegates.values_list("user_id", flat=True)) == sorted(u.pk for u in world.council)
    assert (ballot.purpose, ballot.award_form.code, ballot.max_choices, ballot.rule_set) == (
        BallotPurpose.AWARD,
        "co-thi-dua-tinh",
        2,
        world.council_rules,
    )
    assert [c.unit for c in ballot.candidates.order_by("position")] == world.units[:2]
    assert [c.object_id for c in ballot.candidates.order_by("position")] == [
        str(i.pk) for i in proposal.items.filter(verdict=Verdict.ACCEPTED).order_by("position")
    ]
    assert (proposal.state, proposal.council_ballot) == (ProposalState.COUNCIL, ballot)
    told = Notification.objects.filter(title__startswith="Tờ trình trình Hội đồng").values_list(
        "recipient_id", flat=True
    )
    assert sorted(told) == sorted([*(u.pk for u in world.council), world.secretary.pk])


def test_a_proposal_may_join_an_existing_session_of_its_province_only(world):
    proposal = checked(world)
    other = MeetingFactory(kind=MeetingKind.COUNCIL, held_on=COUNCIL_DAY)
    with pytest.raises(ValidationError, match="không phải phiên họp Hội đồng của tỉnh này"):
        services.submit_to_council(proposal, actor=world.board, meeting=other)
    own = MeetingFactory(kind=MeetingKind.COUNCIL, province=world.province, held_on=COUNCIL_DAY)
    ballot = services.submit_to_council(proposal, actor=world.board, meeting=own)
    assert ballot.meeting == own


def test_only_the_board_takes_a_proposal_to_the_council(world):
    proposal = checked(world)
    for user in (world.secretary, world.council[0], world.outsider):
        with pytest.raises(PermissionDenied):
            services.submit_to_council(proposal, actor=user, held_on=COUNCIL_DAY)


def test_without_a_council_rule_set_in_force_the_session_is_refused(world):
    proposal = checked(world)
    world.council_rules.valid_from = datetime.date(2030, 1, 1)
    world.council_rules.save()
    with pytest.raises(ValidationError, match="Không có quy định bỏ phiếu nào có hiệu lực vào ngày họp"):
        services.submit_to_council(proposal, actor=world.board, held_on=COUNCIL_DAY)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.CHECKING


def test_a_secret_rule_set_refuses_a_show_of_hands(world):
    proposal = checked(world)
    ballot = services.submit_to_council(proposal, actor=world.board, held_on=COUNCIL_DAY, mode=VotingMode.ACCLAMATION)
    with pytest.raises(ValidationError, match="bỏ phiếu kín"):
        voting.open_ballot(ballot, actor=world.board)


def test_the_threshold_counts_over_all_members_and_an_absent_member_votes_in_writing(world):
    proposal = before_council(world)
    ballot = proposal.council_ballot
    absent = ballot.meeting.delegates.get(user=world.council[2])
    voting.set_attendance(absent, is_present=False, actor=world.board)
    voting.open_ballot(ballot, actor=world.board)
    first, second = ballot.candidates.order_by("position")
    for member in world.council[:2]:
        voting.cast_ballot_for_user(ballot, member, [first, second])
    written = voting.enter_written_vote(ballot, delegate=absent, choices=[first], actor=world.board)
    voting.confirm_written_vote(written, actor=world.second_board, choices=[first], matching_key=written.matching_key)
    voting.close_ballot(ballot, actor=world.board, shares=board_shares(ballot))
    services.record_council_result(proposal, actor=world.board)
    proposal.refresh_from_db()
    rows = list(proposal.items.order_by("position").values_list("council_votes", "council_percent", "council_passed"))
    # 3 of 3 members (100%) pass; 2 of 3 (66,67%) stay under 90% of ALL members although both present voted yes.
    assert [(v, str(p), ok) for v, p, ok in rows] == [(3, "100.00", True), (2, "66.67", False)]
    assert proposal.state == ProposalState.VOTED
    assert voting_selectors.ballot_result(ballot).base == 3


def test_the_result_waits_for_a_tie_to_be_settled(world):
    proposal = before_council(world)
    ballot = proposal.council_ballot
    ballot.seats = 1
    ballot.save()
    vote_all(world, proposal)  # both candidates reach 100%: a tie for the single seat
    with pytest.raises(ValidationError, match="bằng phiếu chưa giải quyết"):
        services.record_council_result(proposal, actor=world.board)
    runoff = voting.create_runoff(ballot, actor=world.board)
    voting.open_ballot(runoff, actor=world.board)
    first = runoff.candidates.order_by("position").first()
    for member in world.council:
        voting.cast_ballot_for_user(runoff, member, [first])
    voting.close_ballot(runoff, actor=world.board, shares=board_shares(runoff))
    services.record_council_result(proposal, actor=world.board)
    assert list(proposal.items.order_by("position").values_list("council_passed", flat=True)) == [True, False]


def test_the_same_unit_for_two_forms_stands_twice_by_name_and_form(world):
    from tests.proposals.factories import ProposalItemFactory

    proposal = checked(world, units=1)
    services.return_proposal(proposal, actor=world.board, reason="Thêm Bằng khen.")
    ProposalItemFactory(proposal=proposal, unit=world.units[0], award_form=world.forms["bang-khen-tinh"])
    services.send_proposal(proposal, actor=world.secretary)
    services.receive_proposal(proposal, actor=world.board)
    for item in proposal.items.all():
        services.judge_item(item, actor=world.board, verdict=Verdict.ACCEPTED, reason="Đủ điều kiện.")
    ballot = services.submit_to_council(proposal, actor=world.board, held_on=COUNCIL_DAY)
    unit = world.units[0].full_name
    assert list(ballot.candidates.order_by("position").values_list("label", flat=True)) == [
        f"{unit} – Cờ thi đua cấp tỉnh",
        f"{unit} – Bằng khen của Chủ tịch UBND tỉnh",
    ]
    assert ballot.award_form is None
