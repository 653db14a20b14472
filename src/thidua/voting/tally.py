"""Turning counts into a result under a rule set: pure functions, no database, so every rule is easy to test.

Order of work: each candidate's share of the denominator is compared with the threshold exactly; those who reach
it are taken by votes, most first, up to the seats (the quota). A tie that the seats cannot hold is reported:
- QUOTA: candidates who all reach the threshold share the votes of the last seat;
- THRESHOLD: seats stay empty and the best of those below the threshold share the same votes.
A QUOTA tie is settled by the chair when the rule says so; otherwise, and for THRESHOLD ties, by a run-off.
"""

from dataclasses import dataclass, field
from fractions import Fraction

from thidua.voting.enums import TieKind
from thidua.voting.parameters import ALL_MEMBERS, CHAIR_DECIDES, percent


@dataclass
class CandidateResult:
    candidate: object
    votes: int
    percent: object  # Decimal, two places
    meets_threshold: bool
    passed: bool = False
    rank: int = 0  # 1, 2, 2, 4 ... by votes
    tied: bool = False
    chosen_by_chair: bool = False

    @property
    def name(self):
        return self.candidate.display_name


@dataclass
class Tie:
    kind: str
    candidates: list  # the CandidateResult rows that share the votes
    seats: int  # how many of them can still pass
    decided_by_chair: bool = False

    @property
    def kind_label(self):
        return TieKind(self.kind).label


@dataclass
class Tally:
    rows: list
    base: int  # the denominator actually used
    seats: int | None
    tie: Tie | None = None
    passed: list = field(default_factory=list)


def compute(rules, counts, *, member_count, present_count, seats=None, chair_chosen=()):
    """counts: [(candidate, votes)] in the ballot's order. seats: the ballot's own number, else the rule's quota."""
    base = member_count if rules.denominator == ALL_MEMBERS else present_count
    rows = [
        CandidateResult(
            candidate=candidate,
            votes=votes,
            percent=percent(Fraction(votes, base)) if base else percent(Fraction(0)),
            meets_threshold=rules.meets_threshold(votes, base),
        )
        for candidate, votes in counts
    ]
    ordered = sorted(rows, key=lambda r: -r.votes)  # stable: equal votes keep the ballot's order
    for row in ordered:
        row.rank = 1 + sum(1 for other in rows if other.votes > row.votes)
    seats = seats if seats is not None else rules.quota
    tally = Tally(rows=ordered, base=base, seats=seats)
    eligible = [r for r in ordered if r.meets_threshold]
    if seats is None:
        tally.passed = eligible
    elif len(eligible) > seats:
        _apply_quota(tally, eligible, seats, rules, set(chair_chosen))
    else:
        tally.passed = eligible
        _find_threshold_tie(tally, ordered, seats - len(eligible))
    for row in tally.passed:
        row.passed = True
    return tally


def _apply_quota(tally, eligible, seats, rules, chair_chosen):
    boundary = eligible[seats - 1].votes
    above = [r for r in eligible if r.votes > boundary]
    at = [r for r in eligible if r.votes == boundary]
    if len(above) + len(at) <= seats:
        tally.passed = above + at
        return
    tie = Tie(kind=TieKind.QUOTA, candidates=at, seats=seats - len(above))
    for row in at:
        row.tied = True
    chosen = [r for r in at if getattr(r.candidate, "pk", None) in chair_chosen]
    if rules.tie_rule == CHAIR_DECIDES and len(chosen) == tie.seats:
        tie.decided_by_chair = True
        for row in chosen:
            row.chosen_by_chair = True
        tally.passed = above + chosen
    else:
        tally.passed = above
    tally.tie = tie


def _find_threshold_tie(tally, ordered, empty_seats):
    below = [r for r in ordered if not r.meets_threshold and r.votes > 0]
    if empty_seats <= 0 or not below:
        return
    best = below[0].votes
    group = [r for r in below if r.votes == best]
    if len(group) > empty_seats:
        for row in group:
            row.tied = True
        tally.tie = Tie(kind=TieKind.THRESHOLD, candidates=group, seats=empty_seats)
