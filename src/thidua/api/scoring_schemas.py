"""Request and response shapes of the scoring API (thidua.api.scoring)."""

import datetime
from decimal import Decimal

from ninja import Schema


class CriterionOut(Schema):
    id: int
    code: str
    parent_code: str
    title: str
    kind: str
    max_points: Decimal
    target: Decimal | None
    guidance: str
    evidence_required: bool
    evidence_description: str
    position: int
    depth: int
    is_leaf: bool


class TableOut(Schema):
    id: int
    cluster_year_id: int
    version: int
    status: str
    name: str
    total_points: Decimal
    final_score_rule: str
    discrepancy_margin: Decimal
    tie_break_steps: list[str]
    tie_break_text: str
    change_reason: str
    frozen: bool
    problems: list[str]
    criteria: list[CriterionOut]


class TableSettingsIn(Schema):
    name: str | None = None
    total_points: Decimal | None = None
    final_score_rule: str | None = None
    discrepancy_margin: Decimal | None = None
    tie_break_steps: list[str] | None = None


class CriterionIn(Schema):
    code: str | None = None
    parent_code: str | None = None
    title: str | None = None
    kind: str | None = None
    max_points: Decimal | None = None
    target: Decimal | None = None
    guidance: str | None = None
    evidence_required: bool | None = None
    evidence_description: str | None = None
    position: int | None = None


class ReasonIn(Schema):
    reason: str = ""


class CopyIn(Schema):
    source_table_id: int


class TotalsOut(Schema):
    regular: Decimal
    bonus: Decimal
    penalty: Decimal
    total: Decimal
    missing: int
    vetoes: list[str]


class EvidenceOut(Schema):
    id: int
    criterion_code: str
    file_name: str
    url: str
    note: str


class ScoreOut(Schema):
    criterion_id: int
    code: str
    value: Decimal | None
    points: Decimal | None
    note: str
    version: int
    updated_by: str | None
    updated_at: datetime.datetime | None


class ConflictOut(Schema):
    detail: str
    current: ScoreOut


class ScoreIn(Schema):
    value: str | int | float | None = None
    note: str = ""
    version: int = 0


class AssessmentOut(Schema):
    id: int
    cluster_year_id: int
    unit_id: int
    unit_name: str
    state: str
    submitted_at: datetime.datetime | None
    return_reason: str
    is_invented: bool


class AssessmentDetail(AssessmentOut):
    totals: TotalsOut
    problems: list[str]
    scores: list[ScoreOut]
    evidence: list[EvidenceOut]


class StartIn(Schema):
    unit_id: int


class FinalOut(Schema):
    id: int
    criterion_id: int
    code: str
    value: Decimal | None
    points: Decimal | None
    computed_points: Decimal | None
    source: str
    is_flagged: bool
    flag_note: str
    settled_reason: str
    version: int


class SettleIn(Schema):
    value: str | int | float
    reason: str
    version: int


class AssignmentOut(Schema):
    id: int
    cluster_year_id: int
    reviewee_id: int
    reviewee_name: str
    reviewer_id: int
    reviewer_name: str
    role: str
    group_code: str
    state: str
    submitted_at: datetime.datetime | None


class AssignmentIn(Schema):
    reviewee_id: int
    reviewer_id: int
    role: str
    group_code: str = ""


class RotationIn(Schema):
    step: int = 1
    leader_reviews_all: bool = True


class ReviewDetail(AssignmentOut):
    scores: list[ScoreOut]
    other_reviews: list[AssignmentOut]


class RankingRowOut(Schema):
    rank: int
    unit_id: int
    unit_name: str
    total: Decimal
    self_total: Decimal
    group_scores: dict[str, Decimal]
    bonus: Decimal
    penalty: Decimal
    is_vetoed: bool
    is_candidate: bool
    tie_break_note: str


class RankingOut(Schema):
    cluster_year_id: int
    published: bool
    tie_break_text: str
    rows: list[RankingRowOut]


class TieIn(Schema):
    unit_ids: list[int]
    reason: str


class PublishIn(Schema):
    note: str = ""
