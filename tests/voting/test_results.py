import pytest
from django.core.exceptions import ValidationError

from tests.factories import board_shares
from tests.voting.factories import CLUSTER_RULES
from tests.voting.helpers import closed_ballot, make_ballot, vote
from thidua.core.models import ActivityLogEntry
from thidua.voting import selectors, services
from thidua.voting.enums import BallotState


@pytest.mark.parametrize(("comparison", "passes"), [("at_least", True), ("more_than", False)])
def test_a_candidate_exactly_at_the_threshold(conference, comparison, passes):
    conference.rule_set.parameters = {**CLUSTER_RULES, "comparison": comparison}
    conference.rule_set.save()
    ballot = closed_ballot(conference, [[0]] * 4 + [[1]] * 4, candidates=conference.units[:2], max_choices=1, seats=2)
    result = selectors.ballot_result(ballot)
    assert [(r.votes, str(r.percent), r.passed) for r in result.rows] == [(4, "50.00", passes), (4, "50.00", passes)]


def test_flag_vote_passes_three_in_vote_order(conference):
    ballots = [[0, 1, 2]] * 5 + [[0, 1, 3]] * 2 + [[0, 4]]
    ballot = closed_ballot(conference, ballots)
    result = selectors.ballot_result(ballot)
    u = conference.units
    assert [(r.name, r.votes, str(r.percent), r.rank) for r in result.rows] == [
        (u[0].full_name, 8, "100.00", 1),
        (u[1].full_name, 7, "87.50", 2),
        (u[2].full_name, 5, "62.50", 3),
        (u[3].full_name, 2, "25.00", 4),
        (u[4].full_name, 1, "12.50", 5),
    ]
    assert [r.name for r in result.passed] == [u[0].full_name, u[1].full_name, u[2].full_name]
    assert (result.seats, result.base, result.issued, result.returned, result.valid) == (3, 8, 8, 8, 8)
    assert result.quorum_met is True
    assert len(result.receipts) == 8


def test_quota_tie_makes_a_runoff_in_one_step(conference):
    # Units 0 and 1 have 8 and 6 votes; units 2 and 3 both 5 for the one seat left.
    tied = closed_ballot(conference, [[0, 1, 2]] * 3 + [[0, 1, 3]] * 3 + [[0, 2, 3]] * 2)
    result = selectors.ballot_result(tied)
    assert [r.name for r in result.passed] == [conference.units[0].full_name, conference.units[1].full_name]
    assert (result.tie.kind, result.tie.seats) == ("quota", 1)
    assert [r.name for r in result.tie.candidates] == [conference.units[2].full_name, conference.units[3].full_name]
    runoff = services.create_runoff(tied, actor=conference.secretary)
    assert (runoff.state, runoff.runoff_of, runoff.max_choices, runoff.seats) == (BallotState.DRAFT, tied, 1, 1)
    assert [c.unit for c in runoff.candidates.order_by("position")] == conference.units[2:4]
    with pytest.raises(ValidationError):
        services.create_runoff(tied, actor=conference.secretary)
    assert selectors.ballot_outcome(tied).pending is True
    vote(runoff, conference.secretary, [[0]] * 6 + [[1]] * 2)
    services.close_ballot(runoff, actor=conference.secretary, shares=board_shares(runoff))
    outcome = selectors.ballot_outcome(tied)
    assert (outcome.pending, [c.unit for c in outcome.candidates]) == (False, conference.units[:3])


def test_no_runoff_without_a_tie(conference):
    ballot = closed_ballot(conference, [[0, 1, 2]] * 8)
    with pytest.raises(ValidationError) as refused:
        services.create_runoff(ballot, actor=conference.secretary)
    assert refused.value.messages == ["Phiếu này không có trường hợp bằng phiếu cần giải quyết."]


def test_runoff_only_after_closing(conference):
    ballot = make_ballot(conference)
    with pytest.raises(ValidationError):
        services.create_runoff(ballot, actor=conference.secretary)


def test_chair_decides_a_quota_tie_and_it_is_recorded(conference):
    conference.rule_set.parameters = {**CLUSTER_RULES, "tie_rule": "chair_decides"}
    conference.rule_set.save()
    tied = closed_ballot(conference, [[0, 1, 2]] * 3 + [[0, 1, 3]] * 3 + [[0, 2, 3]] * 2)
    with pytest.raises(ValidationError):
        services.create_runoff(tied, actor=conference.secretary)
    third, fourth = tied.candidates.order_by("position")[2:4]
    with pytest.raises(ValidationError):
        services.decide_tie(tied, chosen=[third, fourth], note="Cả hai", actor=conference.secretary)
    with pytest.raises(ValidationError):
        services.decide_tie(tied, chosen=[third], note=" ", actor=conference.secretary)
    services.decide_tie(tied, chosen=[fourth], note="Chọn đơn vị có điểm cao hơn", actor=conference.secretary)
    result = selectors.ballot_result(tied)
    assert [r.candidate for r in result.passed][-1] == fourth
    assert result.tie.decided_by_chair is True
    assert (tied.tie_note, tied.tie_decided_by) == ("Chọn đơn vị có điểm cao hơn", conference.secretary)
    assert ActivityLogEntry.objects.get(action="ballot.tie_decided").new_values == {"chosen": [fourth.display_name]}
    with pytest.raises(ValidationError):
        services.decide_tie(tied, chosen=[third], note="Đổi ý", actor=conference.secretary)


def test_chair_may_not_decide_under_a_runoff_rule(conference):
    tied = closed_ballot(conference, [[0, 1, 2]] * 3 + [[0, 1, 3]] * 3 + [[0, 2, 3]] * 2)
    fourth = tied.candidates.order_by("position")[3]
    with pytest.raises(ValidationError):
        services.decide_tie(tied, chosen=[fourth], note="x", actor=conference.secretary)


def test_split_election_below_the_threshold_goes_to_a_runoff(conference):
    ballot = closed_ballot(
        conference, [[0]] * 4 + [[1]] * 4, candidates=None, purpose="leader", question="Bầu Trưởng cụm", max_choices=1
    )
    result = selectors.ballot_result(ballot)
    assert (result.passed, result.tie.kind, result.tie.seats) == ([], "threshold", 1)
    runoff = services.create_runoff(ballot, actor=conference.secretary)
    assert (runoff.purpose, runoff.seats, runoff.candidates.count()) == ("leader", 1, 2)


def test_percent_over_present_members(conference):
    conference.rule_set.parameters = {**CLUSTER_RULES, "denominator": "present"}
    conference.rule_set.save()
    conference.meeting.delegates.filter(unit=conference.units[7]).update(is_present=False)
    ballot = closed_ballot(conference, [[0]] * 4 + [[1]] * 3, max_choices=1)
    result = selectors.ballot_result(ballot)
    assert (result.base, result.member_count, result.present_count, result.issued) == (7, 8, 7, 7)
    assert [(r.votes, str(r.percent), r.passed) for r in result.rows[:2]] == [(4, "57.14", True), (3, "42.86", False)]
