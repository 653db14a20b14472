"""Turning counts into a result under a rule set: pure functions, no database, so every rule is easy to test.

Order of work: each candidate's share of the denominator is compared with the threshold exactly; those who reach
it are taken by votes, most first, up to the seats (the quota). A tie that the seats cannot hold is reported:
- QUOTA: candidates who all reach the threshold share the votes of the last seat;
- THRESHOLD: seats stay empty and the best of those below the threshold share the same votes.
A QUOTA tie is settled by the chair when the rule says so; otherwise, and for THRESHOLD ties, by a run-off.

Every candidate then gets an outcome (CandidateOutcome) and a sentence with its numbers saying why it passed or not:
below the threshold, reached it but cut by the quota, or tied at the quota's edge.
"""

from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.voting.enums import CandidateOutcome, TieKind
from thidua.voting.parameters import ALL_MEMBERS, AT_LEAST, CHAIR_DECIDES, fmt_percent, percent


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
    outcome: str = ""  # CandidateOutcome
    reason: str = ""  # the sentence with the numbers, in Vietnamese

    @property
    def name(self):
        return self.candidate.display_name

    @property
    def outcome_label(self):
        return CandidateOutcome(self.outcome).label if self.outcome else ""


@dataclass
class Tie:
    kind: str
    candidates: list  # the CandidateResult rows that share the votes
    seats: int  # how many of them can still pass
    decided_by_chair: bool = False
    rule: str = ""  # the tie rule in force (runoff, chair_decides)

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
    _explain(tally, rules, base)
    return tally


def _apply_quota(tally, eligible, seats, rules, chair_chosen):
    boundary = eligible[seats - 1].votes
    above = [r for r in eligible if r.votes > boundary]
    at = [r for r in eligible if r.votes == boundary]
    if len(above) + len(at) <= seats:
        tally.passed = above + at
        return
    tie = Tie(kind=TieKind.QUOTA, candidates=at, seats=seats - len(above), rule=rules.tie_rule)
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


def _threshold_text(rules, base):
    whole = _("tổng số thành viên") if rules.denominator == ALL_MEMBERS else _("số thành viên có mặt")
    template = (
        _("từ %(t)s%% %(whole)s (%(base)s) trở lên")
        if rules.comparison == AT_LEAST
        else _("trên %(t)s%% %(whole)s (%(base)s)")
    )
    return template % {"t": fmt_percent(rules.threshold_percent), "whole": whole, "base": base}


def _outcome(row, tally):
    tie = tally.tie
    in_tie = tie is not None and row in tie.candidates
    if row.passed:
        return CandidateOutcome.CHAIR_CHOSE if row.chosen_by_chair else CandidateOutcome.PASSED
    if not row.meets_threshold:
        return CandidateOutcome.BELOW_TIED if in_tie else CandidateOutcome.BELOW
    if in_tie:
        if tie.decided_by_chair:
            return CandidateOutcome.CHAIR_OTHER
        return CandidateOutcome.TIED_CHAIR if tie.rule == CHAIR_DECIDES else CandidateOutcome.TIED_RUNOFF
    return CandidateOutcome.QUOTA_CUT


def _explain(tally, rules, base):
    """Give every row its outcome and the sentence that says why, with its votes, share, rank and the seats."""
    need = _threshold_text(rules, base)
    for row in tally.rows:
        row.outcome = _outcome(row, tally)
        others = ", ".join(r.name for r in (tally.tie.candidates if tally.tie else []) if r is not row)
        values = {
            "v": row.votes,
            "p": fmt_percent(row.percent),
            "need": need,
            "rank": row.rank,
            "seats": tally.seats,
            "others": others,
            "left": tally.tie.seats if tally.tie else 0,
        }
        template = PASSED_WITHOUT_QUOTA if row.outcome == CandidateOutcome.PASSED and tally.seats is None else None
        row.reason = str(template or REASONS[row.outcome]) % values


PASSED_WITHOUT_QUOTA = gettext_lazy("%(v)s phiếu (%(p)s%%), đạt tỷ lệ %(need)s.")
REASONS = {
    CandidateOutcome.PASSED: gettext_lazy(
        "%(v)s phiếu (%(p)s%%), đạt tỷ lệ %(need)s và xếp thứ %(rank)s trong %(seats)s chỗ được chọn."
    ),
    CandidateOutcome.CHAIR_CHOSE: gettext_lazy(
        "%(v)s phiếu (%(p)s%%), đạt tỷ lệ %(need)s, bằng phiếu với %(others)s cho %(left)s chỗ cuối; người chủ trì "
        "chọn ứng viên này."
    ),
    CandidateOutcome.QUOTA_CUT: gettext_lazy(
        "%(v)s phiếu (%(p)s%%), đạt tỷ lệ %(need)s nhưng xếp thứ %(rank)s, ngoài %(seats)s chỗ được chọn."
    ),
    CandidateOutcome.TIED_RUNOFF: gettext_lazy(
        "%(v)s phiếu (%(p)s%%), đạt tỷ lệ %(need)s, bằng phiếu với %(others)s cho %(left)s chỗ cuối trong %(seats)s "
        "chỗ được chọn: bỏ phiếu lại giữa các ứng viên bằng phiếu."
    ),
    CandidateOutcome.TIED_CHAIR: gettext_lazy(
        "%(v)s phiếu (%(p)s%%), đạt tỷ lệ %(need)s, bằng phiếu với %(others)s cho %(left)s chỗ cuối trong %(seats)s "
        "chỗ được chọn: chờ người chủ trì quyết định."
    ),
    CandidateOutcome.CHAIR_OTHER: gettext_lazy(
        "%(v)s phiếu (%(p)s%%), đạt tỷ lệ %(need)s, bằng phiếu với %(others)s cho %(left)s chỗ cuối; người chủ trì "
        "chọn ứng viên khác."
    ),
    CandidateOutcome.BELOW_TIED: gettext_lazy(
        "%(v)s phiếu (%(p)s%%), chưa đạt tỷ lệ %(need)s; bằng phiếu với %(others)s cho %(left)s chỗ còn trống: bỏ "
        "phiếu lại."
    ),
    CandidateOutcome.BELOW: gettext_lazy("%(v)s phiếu (%(p)s%%), chưa đạt tỷ lệ %(need)s."),
}
