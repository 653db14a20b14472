from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tests.voting.helpers import run


def names(rows):
    return [r.candidate.pk for r in rows]


def test_quota_applied_in_vote_order():
    tally = run([5, 8, 6, 7, 1])
    assert names(tally.passed) == [1, 3, 2]
    assert [r.percent for r in tally.rows] == [
        Decimal("100.00"),
        Decimal("87.50"),
        Decimal(75),
        Decimal("62.50"),
        Decimal("12.50"),
    ]
    assert [r.rank for r in tally.rows] == [1, 2, 3, 4, 5]
    assert tally.tie is None


def test_exactly_half_passes_with_at_least_and_fails_with_more_than():
    assert names(run([4, 2], comparison="at_least", quota=None).passed) == [0]
    assert names(run([4, 2], comparison="more_than", quota=None).passed) == []


def test_denominator_present_or_all_members():
    # 4 of 7 present is more than half; 4 of all 8 members is not.
    assert names(run([4], present=7, denominator="present", quota=None).passed) == [0]
    assert names(run([4], present=7, denominator="all_members", quota=None).passed) == []


def test_tie_at_the_quota_boundary_leaves_the_seat_open():
    tally = run([8, 7, 6, 6, 2])
    assert names(tally.passed) == [0, 1]
    assert tally.tie.kind == "quota"
    assert names(tally.tie.candidates) == [2, 3]
    assert tally.tie.seats == 1
    assert [r.rank for r in tally.rows] == [1, 2, 3, 3, 5]


def test_chair_fills_the_tied_seat_when_the_rule_says_so():
    tally = run([8, 7, 6, 6], tie_rule="chair_decides", chair={3})
    assert names(tally.passed) == [0, 1, 3]
    assert tally.tie.decided_by_chair is True
    # The same choice is ignored under a run-off rule.
    assert names(run([8, 7, 6, 6], tie_rule="runoff", chair={3}).passed) == [0, 1]


def test_equal_votes_that_fit_in_the_quota_are_no_tie():
    tally = run([8, 6, 6, 1])
    assert names(tally.passed) == [0, 1, 2]
    assert tally.tie is None


def test_tie_below_the_threshold_for_an_empty_seat():
    tally = run([4, 4], seats=1)
    assert tally.passed == []
    assert tally.tie.kind == "threshold"
    assert (names(tally.tie.candidates), tally.tie.seats) == ([0, 1], 1)


def test_no_tie_when_the_best_below_threshold_stands_alone():
    tally = run([4, 3, 1], seats=1)
    assert (tally.passed, tally.tie) == ([], None)


def test_without_quota_everyone_above_threshold_passes():
    tally = run([8, 7, 6, 6, 5], quota=None)
    assert names(tally.passed) == [0, 1, 2, 3, 4]
    assert tally.tie is None


def test_ballot_seats_override_the_rule_quota():
    assert names(run([8, 7, 6], seats=1).passed) == [0]


def test_no_members_means_nothing_passes():
    tally = run([0, 0], members=0, present=0)
    assert tally.passed == []
    assert [r.percent for r in tally.rows] == [Decimal("0.00"), Decimal("0.00")]


@given(
    votes=st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=8),
    quota=st.one_of(st.none(), st.integers(min_value=1, max_value=5)),
    comparison=st.sampled_from(["at_least", "more_than"]),
)
def test_passed_never_exceed_quota_and_all_meet_threshold(votes, quota, comparison):
    tally = run(votes, members=20, present=20, quota=quota, comparison=comparison)
    assert all(r.meets_threshold for r in tally.passed)
    if quota is not None:
        assert len(tally.passed) <= quota
    passed_votes = [r.votes for r in tally.passed]
    others = [r.votes for r in tally.rows if r not in tally.passed and r.meets_threshold]
    assert not passed_votes or not others or min(passed_votes) >= max(others)
