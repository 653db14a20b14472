"""Request and response shapes of the awards API (thidua.api.awards)."""

import datetime

from django.urls import reverse
from ninja import Schema
from pydantic import ConfigDict

from thidua.awards.enums import AchievementKind
from thidua.awards.kinds import shown_parameters


class AwardFormOut(Schema):
    id: int
    code: str
    name: str
    category: str
    recipient_kind: str
    level: str
    issuer: str
    legal_basis: str
    is_record_only: bool
    note: str
    version: int


class AwardFormPatch(Schema):
    # A coefficient sent here is refused, not dropped: coefficients are versioned by decree (awards.prizes).
    model_config = ConfigDict(extra="forbid")

    version: int
    name: str | None = None
    issuer: str | None = None
    legal_basis: str | None = None
    is_record_only: bool | None = None
    note: str | None = None


class RuleOut(Schema):
    id: int
    award_form: str | None
    condition: str
    condition_label: str
    citation: str
    parameters: dict
    is_verified: bool
    note: str


class ShownParamOut(Schema):
    name: str
    label: str
    unit: str
    value: object = None
    text: str


class RuleSetOut(Schema):
    id: int
    kind: str
    code: str
    name: str
    citation: str
    province_id: int | None
    valid_from: datetime.date
    valid_to: datetime.date | None
    is_verified: bool
    version: int
    is_current: bool
    supersedes_id: int | None
    note: str
    parameters: dict
    # Every parameter of the kind with its Vietnamese label, unit and value as read (awards.kinds).
    parameters_shown: list[ShownParamOut]
    source_url: str
    source_file_url: str | None

    # Resolved from a RuleSet row; a dict (already resolved, as in RuleSetDetail) passes through.
    @staticmethod
    def resolve_parameters_shown(obj):
        if isinstance(obj, dict):
            return obj["parameters_shown"]
        return [row.__dict__ for row in shown_parameters(obj.kind, obj.parameters)]

    @staticmethod
    def resolve_source_file_url(obj):
        if isinstance(obj, dict):
            return obj["source_file_url"]
        return reverse("core:file", args=[obj.source_file.uuid]) if obj.source_file_id else None


class RuleSetDetail(RuleSetOut):
    rules: list[RuleOut]
    versions: list[RuleSetOut]


class RuleSetIn(Schema):
    """A new rule set. With template_id, the template's parameters (unless given) and conditions are copied."""

    kind: str
    province_id: int | None = None
    name: str
    citation: str
    valid_from: datetime.date
    valid_to: datetime.date | None = None
    parameters: dict | None = None
    template_id: int | None = None
    code: str = ""
    is_verified: bool = False
    note: str = ""
    source_url: str = ""


class KindParamOut(Schema):
    name: str
    label: str
    unit: str
    type: str
    required: bool
    min_value: int | None
    max_value: int | None
    choices: list[list[str]]
    help: str


class RuleSetKindOut(Schema):
    kind: str
    label: str
    purpose: str
    holds_rules: bool
    parameters: list[KindParamOut]


class ChecklistRowOut(Schema):
    kind: str
    label: str
    purpose: str
    in_force: bool
    rule_set_id: int | None
    rule_set_name: str
    reach: str
    template_id: int | None
    create_url: str


class NewRule(Schema):
    award_form: str | None = None
    condition: str
    citation: str
    parameters: dict = {}
    is_verified: bool = False
    note: str = ""


class RuleSetRevision(Schema):
    version: int
    note: str = ""
    changes: dict = {}
    rule_changes: dict[int, dict] = {}
    added: list[NewRule] = []
    removed: list[int] = []


class RecordOut(Schema):
    id: int
    award_form: str
    award_form_name: str
    level: str
    year: int
    achievement_kind: str
    recipient_name: str
    unit_id: int | None
    person_id: int | None
    person_unit_id: int | None
    person_unit_name: str
    province_id: int
    decision_number: str
    decision_date: datetime.date
    issuer: str
    summary: str
    revoked_on: datetime.date | None
    revocation_reason: str
    version: int


class RecordIn(Schema):
    award_form: str
    year: int
    decision_number: str
    decision_date: datetime.date
    issuer: str
    unit_id: int | None = None
    person_id: int | None = None
    person_unit_id: int | None = None
    achievement_kind: str = AchievementKind.ANNUAL
    summary: str = ""


class RevokeIn(Schema):
    reason: str
    decision: str = ""
    revoked_on: datetime.date | None = None
    version: int | None = None


class FactOut(Schema):
    text: str
    kind: str
    year: int | None
    object_id: int | None


class ConditionOut(Schema):
    condition: str
    label: str
    status: str
    explanation: str
    citation: str
    is_verified: bool
    rule_id: int | None
    facts: list[FactOut]
    alternatives: list["AlternativeOut"] = []


class AlternativeOut(Schema):
    """One of "một trong các tiêu chuẩn": met only if all its conditions are met."""

    name: str
    status: str
    reasons: str
    conditions: list[ConditionOut]


ConditionOut.model_rebuild()


class EligibilityOut(Schema):
    candidate_type: str
    candidate_id: int
    candidate_name: str
    award_form: str
    year: int
    as_of: datetime.date
    status: str
    rule_set_ids: list[int]
    conditions: list[ConditionOut]
    notes: list[str]


class ScreeningRowOut(Schema):
    candidate_type: str
    candidate_id: int
    candidate_name: str
    results: list[EligibilityOut]


class ImportOut(Schema):
    id: int
    state: str
    file_name: str
    total_rows: int
    error_rows: int
    committed_count: int
    report: list[dict]


class RatingIn(Schema):
    unit_id: int | None = None
    person_id: int | None = None
    year: int
    completion: str
    basis: str = ""


class DisciplineIn(Schema):
    unit_id: int | None = None
    person_id: int | None = None
    level: str
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    decision: str = ""
    reason: str = ""


class FlagIn(Schema):
    unit_id: int | None = None
    person_id: int | None = None
    kind: str
    opened_on: datetime.date
    description: str = ""


class FlagCloseIn(Schema):
    closed_on: datetime.date
    outcome: str = ""
    version: int | None = None


class PriorityOut(Schema):
    cluster_year_id: int | None
    label: str
    year: int
    people: int
    direct_labourers: int
    percent: float | None
    records: int
