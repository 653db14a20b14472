"""Request and response shapes of the voting API, and the functions that fill them."""

import datetime
import uuid

from ninja import Schema

from thidua.voting import selectors
from thidua.voting.enums import BallotState


class MeetingIn(Schema):
    kind: str
    cluster_year_id: int | None = None
    province_id: int | None = None
    title: str
    held_on: datetime.date
    place: str
    chair_name: str = ""
    chair_title: str = ""
    secretary_name: str = ""
    secretary_title: str = ""
    guests: str = ""


class MeetingPatch(Schema):
    version: int
    title: str | None = None
    held_on: datetime.date | None = None
    place: str | None = None
    chair_name: str | None = None
    chair_title: str | None = None
    secretary_name: str | None = None
    secretary_title: str | None = None
    guests: str | None = None
    conclusions: str | None = None


class MeetingOut(Schema):
    id: int
    kind: str
    cluster_year_id: int | None
    province_id: int
    title: str
    held_on: datetime.date
    place: str
    chair_name: str
    chair_title: str
    secretary_name: str
    secretary_title: str
    guests: list[str]
    state: str
    version: int
    next_leader_id: int | None
    next_deputy_id: int | None


class DelegateIn(Schema):
    full_name: str
    title: str = ""
    unit_id: int | None = None
    user_id: int | None = None
    is_present: bool = True


class DelegateOut(Schema):
    id: int
    role: str
    full_name: str
    title: str
    unit_id: int | None
    user_id: int | None
    is_present: bool


class AttendanceIn(Schema):
    is_present: bool


class StateIn(Schema):
    action: str
    reason: str = ""
    shares: list[str] = []  # close of a sealed ballot: the counting board's key-share texts, at least key_threshold


class KeyShareOut(Schema):
    number: int
    of: int
    needed: int
    text: str


class LeadershipIn(Schema):
    source: str = "ballot"


class ClusterYearOut(Schema):
    id: int
    year: int
    leader_id: int | None
    deputy_id: int | None


class CandidateIn(Schema):
    unit_id: int | None = None
    person_id: int | None = None
    label: str = ""


class CandidateOut(Schema):
    id: int
    kind: str
    name: str
    unit_id: int | None
    person_id: int | None
    label: str
    ranking_rank: int | None
    ranking_total: str | None
    note: str


class RuleSetOut(Schema):
    id: int
    code: str
    name: str
    citation: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    is_verified: bool
    version: int
    parameters: dict


class BallotIn(Schema):
    question: str
    candidates: list[CandidateIn] | None = None
    max_choices: int = 1
    rule_set_id: int | None = None
    mode: str = "electronic"
    purpose: str = "other"
    award_form_id: int | None = None
    seats: int | None = None
    # The counting board of an electronic ballot (k of n key shares); None takes the rule set's.
    key_threshold: int | None = None
    key_holders: int | None = None


class BallotOut(Schema):
    id: int
    meeting_id: int
    public_id: uuid.UUID
    position: int
    question: str
    purpose: str
    award_form_id: int | None
    mode: str
    rule_set: RuleSetOut
    max_choices: int
    seats: int | None
    state: str
    runoff_of_id: int | None
    opened_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    version: int
    key_threshold: int
    key_holders: int
    slip_kind: str
    public_key: str  # hex X25519 key papers are sealed under; empty for paper, show of hands and older ballots
    published_key: str  # hex private key, published once the ballot is closed
    candidates: list[CandidateOut]
    problems: list[str] = []
    warnings: list[str] = []
    key_shares: list[KeyShareOut] = []  # only in the answer to "open": the counting board's sheets, shown once


class CodeOut(Schema):
    delegate_id: int | None  # None on an unnamed slip
    full_name: str
    code: str
    url: str  # the code is in the fragment (#ma=...), which no server receives


class CodesIn(Schema):
    named: bool | None = None  # None: unnamed slips, or the kind the ballot already uses


class CastIn(Schema):
    code: str
    choices: list[int]


class ChoicesIn(Schema):
    choices: list[int]


class ReceiptOut(Schema):
    receipt: str
    ballot_public_id: uuid.UUID


class TurnoutOut(Schema):
    state: str
    mode: str
    roll: int
    present: int
    voted: int


class ResultRowOut(Schema):
    candidate_id: int
    name: str
    votes: int
    percent: str
    rank: int
    passed: bool
    tied: bool
    chosen_by_chair: bool
    outcome: str
    outcome_label: str
    reason: str


class TieOut(Schema):
    kind: str
    candidate_ids: list[int]
    seats: int
    decided_by_chair: bool


class ResultOut(Schema):
    ballot_id: int
    question: str
    member_count: int
    present_count: int
    base: int
    denominator: str
    comparison: str
    threshold_percent: str
    quota: int | None
    quorum_met: bool
    issued: int
    returned: int
    valid: int
    invalid: int
    rule_set: RuleSetOut
    rows: list[ResultRowOut]
    passed: list[int]
    tie: TieOut | None
    receipts: list[str]


class PaperCountIn(Schema):
    issued: int | None = None
    returned: int | None = None
    valid: int
    invalid: int = 0
    counts: dict[int, int]
    note: str = ""


class PaperCountOut(Schema):
    id: int
    state: str
    issued: int
    returned: int
    valid: int
    invalid: int
    counts: dict[int, int]
    entered_by_id: int
    confirmed_by_id: int | None
    reject_reason: str


class DecisionIn(Schema):
    action: str
    reason: str = ""


class WrittenVoteIn(Schema):
    delegate_id: int
    choices: list[int]


class WrittenVoteDecisionIn(Schema):
    """confirm: the choices typed again from the paper and the matching key from its envelope; reject: a reason."""

    action: str
    reason: str = ""
    choices: list[int] = []
    matching_key: str = ""


class TieDecisionIn(Schema):
    chosen: list[int]
    note: str


def meeting_out(meeting):
    return {
        **{f: getattr(meeting, f) for f in MeetingOut.model_fields if f != "guests"},
        "guests": meeting.guest_list,
    }


def _candidate(c):
    return {
        "id": c.pk,
        "kind": c.kind,
        "name": c.display_name,
        "unit_id": c.unit_id,
        "person_id": c.person_id,
        "label": c.label,
        "ranking_rank": c.ranking_rank,
        "ranking_total": None if c.ranking_total is None else str(c.ranking_total),
        "note": c.note,
    }


def ballot_out(ballot, *, with_checklist=False):
    candidates = ballot.candidates.select_related("unit", "person").order_by("position", "id")
    data = {
        f: getattr(ballot, f)
        for f in BallotOut.model_fields
        if f not in ("rule_set", "candidates", "problems", "warnings", "key_shares")
    }
    data.update(rule_set=ballot.rule_set, candidates=[_candidate(c) for c in candidates], problems=[], warnings=[])
    data["key_shares"] = [vars(sheet) for sheet in getattr(ballot, "key_shares", None) or []]
    if with_checklist and ballot.state == BallotState.DRAFT:
        data.update(problems=selectors.ballot_problems(ballot), warnings=selectors.ballot_warnings(ballot))
    return data


def result_out(result):
    tie = result.tie
    return {
        "ballot_id": result.ballot.pk,
        "question": result.ballot.question,
        "member_count": result.member_count,
        "present_count": result.present_count,
        "base": result.base,
        "denominator": result.rules.denominator,
        "comparison": result.rules.comparison,
        "threshold_percent": str(result.rules.threshold_percent),
        "quota": result.seats,
        "quorum_met": result.quorum_met,
        "issued": result.issued,
        "returned": result.returned,
        "valid": result.valid,
        "invalid": result.invalid,
        "rule_set": result.ballot.rule_set,
        "rows": [
            {
                "candidate_id": r.candidate.pk,
                "name": r.name,
                "votes": r.votes,
                "percent": str(r.percent),
                "rank": r.rank,
                "passed": r.passed,
                "tied": r.tied,
                "chosen_by_chair": r.chosen_by_chair,
                "outcome": str(r.outcome),
                "outcome_label": str(r.outcome_label),
                "reason": r.reason,
            }
            for r in result.rows
        ],
        "passed": [r.candidate.pk for r in result.passed],
        "tie": None
        if tie is None
        else {
            "kind": str(tie.kind),
            "candidate_ids": [r.candidate.pk for r in tie.candidates],
            "seats": tie.seats,
            "decided_by_chair": tie.decided_by_chair,
        },
        "receipts": result.receipts,
    }


def paper_count_out(count):
    return {
        **{f: getattr(count, f) for f in PaperCountOut.model_fields if f != "counts"},
        "counts": {line.candidate_id: line.votes for line in count.lines.all()},
    }
