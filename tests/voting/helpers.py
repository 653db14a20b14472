"""Helpers the tests of this app share."""

from dataclasses import dataclass
from decimal import Decimal

from tests.factories import board_shares
from tests.voting.factories import CLUSTER_RULES
from thidua.voting import services
from thidua.voting.enums import VotingMode
from thidua.voting.parameters import parse_voting_rules
from thidua.voting.tally import compute

FIRST_FIVE = object()


def make_ballot(conf, *, candidates=FIRST_FIVE, mode=VotingMode.ELECTRONIC, max_choices=3, **kwargs):
    """candidates: the first five units unless given; None asks the service for its defaults."""
    return services.create_ballot(
        conf.meeting,
        question=kwargs.pop("question", "Bầu đơn vị đề nghị UBND tỉnh tặng Cờ thi đua năm 2023"),
        candidates=conf.units[:5] if candidates is FIRST_FIVE else candidates,
        max_choices=max_choices,
        mode=mode,
        actor=conf.secretary,
        **kwargs,
    )


def vote(ballot, actor, ballots):
    """Open if needed, issue codes, cast one ballot per list of candidate indexes; return the receipts."""
    if ballot.state == "draft":
        services.open_ballot(ballot, actor=actor)
    candidates = list(ballot.candidates.order_by("position"))
    codes = services.issue_codes(ballot, actor=actor)
    return [
        services.cast_ballot(issued.code, [candidates[i] for i in choice])
        for issued, choice in zip(codes, ballots, strict=False)
    ]


@dataclass
class FakeRow:
    unit: object
    total: Decimal
    rank: int
    is_vetoed: bool
    is_candidate: bool
    tie_break_note: str


def run(votes, *, members=8, present=8, seats=None, chair=(), **params):
    rules = parse_voting_rules({**CLUSTER_RULES, **params})
    counts = [(C(i), v) for i, v in enumerate(votes)]
    return compute(rules, counts, member_count=members, present_count=present, seats=seats, chair_chosen=chair)


def closed_ballot(conference, ballots, **kwargs):
    ballot = make_ballot(conference, **kwargs)
    vote(ballot, conference.secretary, ballots)
    services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    return ballot


@dataclass(frozen=True)
class C:
    pk: int

    @property
    def display_name(self):
        return f"C{self.pk}"
