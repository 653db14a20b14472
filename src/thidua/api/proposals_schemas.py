"""Request and response shapes of the proposals API (thidua.api.proposals)."""

import datetime
from decimal import Decimal

from ninja import Schema

from thidua.proposals import checks


class CheckOut(Schema):
    label: str
    ok: bool
    detail: str


class ConditionOut(Schema):
    label: str
    status: str
    explanation: str
    citation: str


class ItemOut(Schema):
    id: int
    position: int
    unit_id: int | None
    person_id: int | None
    person_unit_id: int | None
    name: str
    award_form: str
    year: int
    summary: str
    conference_votes: int | None
    conference_percent: Decimal | None
    verdict: str
    verdict_reason: str
    eligibility_status: str
    eligibility: list[ConditionOut]
    council_votes: int | None
    council_percent: Decimal | None
    council_passed: bool | None
    in_decision: bool
    award_record_id: int | None
    checklist: list[CheckOut]
    version: int


class DecisionOut(Schema):
    number: str
    decision_date: datetime.date
    issuer: str
    signer_name: str
    signer_title: str
    is_invented: bool


class ProposalOut(Schema):
    id: int
    title: str
    proposer_kind: str
    proposer_name: str
    cluster_year_id: int | None
    unit_id: int | None
    province_id: int
    year: int
    state: str
    state_label: str
    due_on: datetime.date | None
    sent_on: datetime.date | None
    return_reason: str
    submission_number: str
    submission_date: datetime.date | None
    signer_name: str
    signer_title: str
    conference_id: int | None
    council_ballot_id: int | None
    forward_number: str
    forwarded_on: datetime.date | None
    central_reference: str
    is_invented: bool
    version: int


class ProposalDetailOut(ProposalOut):
    items: list[ItemOut]
    checklist: list[CheckOut]
    decision: DecisionOut | None


class ProposalIn(Schema):
    proposer_kind: str
    year: int
    title: str
    cluster_year_id: int | None = None
    unit_id: int | None = None
    province_id: int | None = None


class FromConferenceIn(Schema):
    meeting_id: int


class ProposalPatch(Schema):
    version: int
    title: str | None = None
    submission_date: datetime.date | None = None
    signer_name: str | None = None
    signer_title: str | None = None


class ItemIn(Schema):
    award_form: str  # the catalogue code, e.g. "co-thi-dua-tinh"
    unit_id: int | None = None
    person_id: int | None = None
    year: int | None = None
    summary: str = ""


class ItemPatch(Schema):
    version: int
    summary: str


class StateIn(Schema):
    state: str
    reason: str = ""


class ReasonIn(Schema):
    reason: str


class VerdictIn(Schema):
    verdict: str
    reason: str = ""
    version: int | None = None


class CouncilIn(Schema):
    meeting_id: int | None = None
    held_on: datetime.date | None = None
    place: str = ""
    chair_name: str = ""
    secretary_name: str = ""
    mode: str = "electronic"


class BallotRef(Schema):
    ballot_id: int
    meeting_id: int


class ForwardIn(Schema):
    number: str
    forwarded_on: datetime.date
    central_reference: str = ""


class DecisionIn(Schema):
    number: str
    decision_date: datetime.date
    signer_name: str
    signer_title: str = "Chủ tịch"
    issuer: str = ""
    item_ids: list[int] | None = None


class AttachmentOut(Schema):
    id: int
    kind: str
    item_id: int | None
    file_uuid: str
    name: str
    note: str

    @classmethod
    def of(cls, attachment):
        return cls(
            id=attachment.pk,
            kind=attachment.kind,
            item_id=attachment.item_id,
            file_uuid=str(attachment.stored_file.uuid),
            name=attachment.stored_file.original_name,
            note=attachment.note,
        )


class EligibilityOut(Schema):
    item_id: int
    status: str
    conditions: list[ConditionOut]


class QuotaOut(Schema):
    award_form: str
    proposed: int
    limit: int | None
    exceeded: bool
    explanation: str
    citation: str


class PriorityRowOut(Schema):
    label: str
    year: int
    cluster_year_id: int | None
    people: int
    direct_labourers: int
    percent: float | None


def _conditions(rows):
    return [
        ConditionOut(label=c["label"], status=c["status"], explanation=c["explanation"], citation=c.get("citation", ""))
        for c in rows
    ]


def _checks(entries):
    return [CheckOut(label=str(e.label), ok=e.ok, detail=str(e.detail)) for e in entries]


def item_out(item, attachments):
    return ItemOut(
        id=item.pk,
        position=item.position,
        unit_id=item.unit_id,
        person_id=item.person_id,
        person_unit_id=item.person_unit_id,
        name=item.name,
        award_form=item.award_form.code,
        year=item.year,
        summary=item.summary,
        conference_votes=item.conference_votes,
        conference_percent=item.conference_percent,
        verdict=item.verdict,
        verdict_reason=item.verdict_reason,
        eligibility_status=item.eligibility_status,
        eligibility=_conditions(item.eligibility),
        council_votes=item.council_votes,
        council_percent=item.council_percent,
        council_passed=item.council_passed,
        in_decision=item.in_decision,
        award_record_id=item.award_record_id,
        checklist=_checks(checks.item_checklist(item, attachments)),
        version=item.version,
    )


FIELDS = (
    "forward_number",
    "forwarded_on",
    "central_reference",
    "title",
    "proposer_kind",
    "cluster_year_id",
    "unit_id",
    "province_id",
    "year",
    "state",
    "due_on",
    "sent_on",
    "return_reason",
    "submission_number",
    "submission_date",
    "signer_name",
    "signer_title",
    "conference_id",
    "council_ballot_id",
    "is_invented",
    "version",
)


def proposal_out(proposal):
    return ProposalOut(
        id=proposal.pk,
        proposer_name=proposal.proposer_name,
        state_label=str(proposal.get_state_display()),
        **{f: getattr(proposal, f) for f in FIELDS},
    )


def proposal_detail_out(proposal, items, attachments, decision):
    return ProposalDetailOut(
        id=proposal.pk,
        proposer_name=proposal.proposer_name,
        state_label=str(proposal.get_state_display()),
        items=[item_out(i, attachments) for i in items],
        checklist=_checks(checks.proposal_checklist(proposal, attachments)),
        decision=DecisionOut(
            number=decision.number,
            decision_date=decision.decision_date,
            issuer=decision.issuer,
            signer_name=decision.signer_name,
            signer_title=decision.signer_title,
            is_invented=decision.is_invented,
        )
        if decision
        else None,
        **{f: getattr(proposal, f) for f in FIELDS},
    )
