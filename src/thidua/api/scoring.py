"""The scoring API: criteria tables, self-assessments with evidence, reviews, final scores and the ranking.

Same permissions and services as the pages: 401 anonymous, 404 out of scope, 403 not allowed, 422 with a
Vietnamese message for refused input, 409 with the current values when a concurrent save won."""

from decimal import Decimal

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from thidua.api.common import AUTH, JobStartedOut, job_started, require_perm
from thidua.api.scoring_schemas import (
    AssessmentDetail,
    AssessmentOut,
    AssignmentIn,
    AssignmentOut,
    ConflictOut,
    CopyIn,
    CriterionIn,
    CriterionOut,
    EvidenceOut,
    FinalOut,
    PublishIn,
    RankingOut,
    ReasonIn,
    ReviewDetail,
    RotationIn,
    ScoreIn,
    ScoreOut,
    SettleIn,
    StartIn,
    TableOut,
    TableSettingsIn,
    TieIn,
)
from thidua.core.documents import docx_response
from thidua.core.exports import xlsx_response
from thidua.core.kernel import StaleEdit
from thidua.core.web import visible_or_404
from thidua.organizations.models import ClusterYear, Unit
from thidua.scoring import excel, import_jobs, selectors
from thidua.scoring.calculation import compute_totals, describe_rule, parse_decimal, table_problems
from thidua.scoring.documents import ranking_docx, ranking_sheet, ranking_xlsx
from thidua.scoring.enums import AssessmentState, ReviewState
from thidua.scoring.models import Assessment, CriteriaTable, Criterion, Evidence, FinalScore, ReviewAssignment
from thidua.scoring.services import assessments as assessment_services
from thidua.scoring.services import ranking as ranking_services
from thidua.scoring.services import reviews as review_services
from thidua.scoring.services import tables as table_services

router = Router(tags=["scoring"], auth=AUTH)


# helpers ------------------------------------------------------------------------------------------------------
def _year(request, pk, perm="scoring.view_year"):
    return visible_or_404(request, perm, get_object_or_404(ClusterYear.objects.select_related("cluster"), pk=pk))


def _decimal(raw):
    return parse_decimal(None if raw is None else str(raw))


def _table_out(table):
    tree = selectors.tree_of(table)
    criteria = [
        {
            **{k: getattr(node, k) for k in ("id", "code", "title", "kind", "max_points", "target", "guidance")},
            **{k: getattr(node, k) for k in ("evidence_required", "evidence_description", "position")},
            "parent_code": tree.by_id[node.parent_id].code if node.parent_id else "",
            "depth": depth,
            "is_leaf": tree.is_leaf(node),
        }
        for node, depth in tree.walk()
    ]
    return {
        **{k: getattr(table, k) for k in ("id", "cluster_year_id", "version", "status", "name", "total_points")},
        **{k: getattr(table, k) for k in ("final_score_rule", "discrepancy_margin", "change_reason")},
        "tie_break_steps": table.tie_break_steps,
        "tie_break_text": describe_rule(table.tie_break_steps),
        "frozen": selectors.table_is_frozen(table),
        "problems": table_problems(table.total_points, tree),
        "criteria": criteria,
    }


def _score_out(row, note_field):
    return {
        "criterion_id": row.criterion_id,
        "code": row.criterion.code,
        "value": row.value,
        "points": row.points,
        "note": getattr(row, note_field),
        "version": row.version,
        "updated_by": row.updated_by.display_name if row.updated_by else None,
        "updated_at": row.updated_at,
    }


def _totals_out(totals):
    return {
        "regular": totals.regular,
        "bonus": totals.bonus,
        "penalty": totals.penalty,
        "total": totals.total,
        "missing": totals.missing,
        "vetoes": totals.vetoes,
    }


def _assessment_out(a):
    return {
        **{k: getattr(a, k) for k in ("id", "cluster_year_id", "unit_id", "state", "submitted_at", "return_reason")},
        "unit_name": a.unit.full_name,
        "is_invented": a.is_invented,
    }


def _assignment_out(a):
    return {
        **{k: getattr(a, k) for k in ("id", "cluster_year_id", "reviewee_id", "reviewer_id", "role", "group_code")},
        "reviewee_name": a.reviewee.full_name,
        "reviewer_name": a.reviewer.full_name,
        "state": a.state,
        "submitted_at": a.submitted_at,
    }


# criteria tables ----------------------------------------------------------------------------------------------
@router.get("/scoring/years/{year_id}/table", response=TableOut, summary="Bảng tiêu chí đang áp dụng của năm")
def get_year_table(request, year_id: int):
    table = selectors.current_table(_year(request, year_id))
    if table is None:
        raise HttpError(404, _("Năm này chưa có bảng tiêu chí."))
    return _table_out(table)


@router.post("/scoring/years/{year_id}/table", response={201: TableOut}, summary="Tạo bảng tiêu chí")
def create_table(request, year_id: int, payload: TableSettingsIn):
    cluster_year = _year(request, year_id)
    values = _settings(payload)
    table = table_services.create_table(cluster_year, actor=request.user, **values)
    return Status(201, _table_out(table))


def _settings(payload):
    values = payload.dict(exclude_none=True)
    if "tie_break_steps" in values:
        values["tie_break_rule"] = ",".join(values.pop("tie_break_steps"))
    return values


def _table(request, pk):
    table = get_object_or_404(CriteriaTable.objects.select_related("cluster_year__cluster"), pk=pk)
    _year(request, table.cluster_year_id)
    return table


@router.get("/scoring/tables/{table_id}", response=TableOut, summary="Một phiên bản bảng tiêu chí")
def get_table(request, table_id: int):
    return _table_out(_table(request, table_id))


@router.patch("/scoring/tables/{table_id}", response=TableOut, summary="Sửa cài đặt bảng (khi chưa khóa)")
def update_table(request, table_id: int, payload: TableSettingsIn):
    table = _table(request, table_id)
    values = _settings(payload)
    table_services.update_table_settings(table, actor=request.user, **values)
    return _table_out(table)


def _criterion_values(table, payload, criterion=None):
    values = payload.dict(exclude_unset=True)
    parent_code = values.pop("parent_code", None)
    if parent_code is None and criterion is not None:
        parent = criterion.parent
    else:
        parent = Criterion.objects.filter(table=table, code=parent_code).first() if parent_code else None
        if parent_code and parent is None:
            raise HttpError(422, _("Không có mục %(code)s trong bảng.") % {"code": parent_code})
    return parent, values


@router.post("/scoring/tables/{table_id}/criteria", response={201: CriterionOut}, summary="Thêm tiêu chí")
def add_criterion(request, table_id: int, payload: CriterionIn):
    table = _table(request, table_id)
    parent, values = _criterion_values(table, payload)
    values.setdefault("max_points", Decimal(0))
    criterion = table_services.save_criterion(table, actor=request.user, parent=parent, **values)
    return Status(201, next(c for c in _table_out(table)["criteria"] if c["id"] == criterion.pk))


@router.patch("/scoring/criteria/{criterion_id}", response=CriterionOut, summary="Sửa tiêu chí")
def update_criterion(request, criterion_id: int, payload: CriterionIn):
    criterion = get_object_or_404(Criterion, pk=criterion_id)
    table = _table(request, criterion.table_id)
    parent, values = _criterion_values(table, payload, criterion)
    table_services.save_criterion(table, actor=request.user, criterion=criterion, parent=parent, **values)
    return next(c for c in _table_out(table)["criteria"] if c["id"] == criterion.pk)


@router.delete("/scoring/criteria/{criterion_id}", response={204: None}, summary="Xóa tiêu chí")
def delete_criterion(request, criterion_id: int):
    criterion = get_object_or_404(Criterion, pk=criterion_id)
    _table(request, criterion.table_id)
    table_services.delete_criterion(criterion, actor=request.user)
    return Status(204, None)


@router.post("/scoring/years/{year_id}/table/copy", response=TableOut, summary="Sao chép bảng của năm trước")
def copy_table(request, year_id: int, payload: CopyIn):
    cluster_year = _year(request, year_id)
    source = _table(request, payload.source_table_id)
    return _table_out(table_services.copy_table_from(source, cluster_year, actor=request.user))


@router.post("/scoring/years/{year_id}/table/revisions", response={201: TableOut}, summary="Tạo bản sửa đổi")
def start_revision(request, year_id: int, payload: ReasonIn):
    cluster_year = _year(request, year_id)
    draft = table_services.start_revision(cluster_year, actor=request.user, reason=payload.reason)
    return Status(201, _table_out(draft))


@router.post("/scoring/tables/{table_id}/adopt", response=TableOut, summary="Ban hành bản sửa đổi")
def adopt_revision(request, table_id: int):
    draft = _table(request, table_id)
    return _table_out(table_services.adopt_revision(draft, actor=request.user))


@router.delete("/scoring/tables/{table_id}", response={204: None}, summary="Hủy bản sửa đổi chưa ban hành")
def discard_revision(request, table_id: int):
    draft = _table(request, table_id)
    table_services.discard_revision(draft, actor=request.user)
    return Status(204, None)


@router.get("/scoring/tables/{table_id}/xlsx", summary="Xuất bảng tiêu chí ra Excel (cũng là mẫu nhập)")
def export_table(request, table_id: int):
    table = _table(request, table_id)
    return xlsx_response(excel.export_table(table), f"bang-tieu-chi-{table.cluster_year.year}-v{table.version}.xlsx")


@router.post(
    "/scoring/tables/{table_id}/import",
    response={202: JobStartedOut},
    summary="Nhập tiêu chí từ Excel: kiểm tra chạy nền",
)
def import_table(request, table_id: int, file: UploadedFile = File(...), dry_run: bool = Form(default=True)):  # noqa: B008
    """Queues the dry run; GET /api/v1/jobs/{job_id} gives its state, then its result; a clean one is written with
    POST /api/v1/jobs/{job_id}/write. dry_run=false no longer writes in the same call (see docs/api-changelog.md)."""
    table = _table(request, table_id)
    require_perm(request, "scoring.manage_table", table.cluster_year)
    if not dry_run:
        raise HttpError(
            422, _("Nhập tiêu chí nay chạy nền: kiểm tra trước, rồi ghi bằng POST /api/v1/jobs/{id}/write.")
        )
    return job_started(import_jobs.start_import(table, file, actor=request.user))


# self-assessments ---------------------------------------------------------------------------------------------
@router.get("/scoring/years/{year_id}/assessments", response=list[AssessmentOut], summary="Bản tự chấm xem được")
def list_assessments(request, year_id: int):
    cluster_year = _year(request, year_id)
    return [
        _assessment_out(a)
        for a in selectors.assessments_of_year(cluster_year)
        if request.user.has_perm("scoring.view_assessment", a)
    ]


@router.post("/scoring/years/{year_id}/assessments", response={201: AssessmentOut}, summary="Bắt đầu tự chấm")
def start_assessment(request, year_id: int, payload: StartIn):
    cluster_year = _year(request, year_id)
    unit = get_object_or_404(Unit, pk=payload.unit_id)
    assessment = assessment_services.start_assessment(cluster_year, unit, actor=request.user)
    return Status(201, _assessment_out(assessment))


def _assessment(request, pk, perm="scoring.view_assessment"):
    assessment = get_object_or_404(Assessment.objects.select_related("unit", "cluster_year__cluster"), pk=pk)
    return visible_or_404(request, perm, assessment)


@router.get(
    "/scoring/assessments/{assessment_id}", response=AssessmentDetail, summary="Bản tự chấm với điểm, minh chứng"
)
def get_assessment(request, assessment_id: int):
    assessment = _assessment(request, assessment_id)
    tree = selectors.tree_of(selectors.current_table(assessment.cluster_year))
    scores = selectors.self_scores(assessment)
    leaf_ids = {leaf.pk for leaf in tree.leaves()}
    evidence = [e for rows in selectors.evidence_by_code(assessment).values() for e in rows]
    editable = assessment.state in AssessmentState.editable()
    return {
        **_assessment_out(assessment),
        "totals": _totals_out(compute_totals(tree, {k: (s.value, s.points) for k, s in scores.items()})),
        "problems": assessment_services.submission_problems(assessment, tree) if editable else [],
        "scores": [_score_out(s, "explanation") for k, s in scores.items() if k in leaf_ids],
        "evidence": [
            {
                "id": e.pk,
                "criterion_code": e.criterion_code,
                "file_name": e.file.original_name,
                "url": reverse("core:file", args=[e.file.uuid]),
                "note": e.note,
            }
            for e in evidence
        ],
    }


@router.put(
    "/scoring/assessments/{assessment_id}/scores/{criterion_id}",
    response={200: ScoreOut, 409: ConflictOut},
    summary="Lưu điểm tự chấm một tiêu chí (khóa lạc quan theo version)",
)
def save_self_score(request, assessment_id: int, criterion_id: int, payload: ScoreIn):
    assessment = _assessment(request, assessment_id)
    criterion = get_object_or_404(Criterion, pk=criterion_id)
    value = _decimal(payload.value)
    try:
        row = assessment_services.save_self_score(
            assessment,
            criterion,
            actor=request.user,
            value=value,
            explanation=payload.note,
            seen_version=payload.version,
        )
    except StaleEdit as lost:
        return Status(409, {"detail": lost.messages[0], "current": _score_out(lost.current, "explanation")})
    return Status(200, _score_out(row, "explanation"))


@router.post(
    "/scoring/assessments/{assessment_id}/scores/{criterion_id}/evidence",
    response={201: EvidenceOut},
    summary="Đính kèm tệp minh chứng",
)
def add_evidence(request, assessment_id: int, criterion_id: int, file: UploadedFile = File(...), note: str = Form("")):  # noqa: B008
    assessment = _assessment(request, assessment_id)
    criterion = get_object_or_404(Criterion, pk=criterion_id)
    evidence = assessment_services.add_evidence(assessment, criterion, file, actor=request.user, note=note)
    return Status(
        201,
        {
            "id": evidence.pk,
            "criterion_code": evidence.criterion_code,
            "file_name": evidence.file.original_name,
            "url": reverse("core:file", args=[evidence.file.uuid]),
            "note": evidence.note,
        },
    )


@router.delete("/scoring/evidence/{evidence_id}", response={204: None}, summary="Gỡ tệp minh chứng")
def remove_evidence(request, evidence_id: int):
    evidence = get_object_or_404(Evidence.objects.select_related("assessment__unit", "file"), pk=evidence_id)
    visible_or_404(request, "scoring.view_assessment", evidence.assessment)
    assessment_services.remove_evidence(evidence, actor=request.user)
    return Status(204, None)


@router.post(
    "/scoring/assessments/{assessment_id}/submit", response=AssessmentOut, summary="Thủ trưởng nộp bản tự chấm"
)
def submit_assessment(request, assessment_id: int):
    assessment = _assessment(request, assessment_id)
    new = AssessmentState.SUBMITTED
    return _assessment_out(assessment_services.set_assessment_state(assessment, new, actor=request.user))


@router.post("/scoring/assessments/{assessment_id}/return", response=AssessmentOut, summary="Thư ký cụm trả lại")
def return_assessment(request, assessment_id: int, payload: ReasonIn):
    assessment = _assessment(request, assessment_id)
    result = assessment_services.set_assessment_state(
        assessment, AssessmentState.RETURNED, actor=request.user, reason=payload.reason
    )
    return _assessment_out(result)


def _final_out(f):
    return {
        **{k: getattr(f, k) for k in ("id", "criterion_id", "value", "points", "computed_points", "source")},
        **{k: getattr(f, k) for k in ("is_flagged", "flag_note", "settled_reason", "version")},
        "code": f.criterion.code,
    }


@router.get("/scoring/assessments/{assessment_id}/final-scores", response=list[FinalOut], summary="Điểm cuối cùng")
def list_final_scores(request, assessment_id: int):
    assessment = _assessment(request, assessment_id, perm="scoring.view_final_scores")
    rows = FinalScore.objects.filter(assessment=assessment).select_related("criterion").order_by("criterion__position")
    return [_final_out(f) for f in rows]


@router.post(
    "/scoring/final-scores/{final_id}/settle",
    response={200: FinalOut, 409: ConflictOut},
    summary="Thư ký cụm quyết định điểm một tiêu chí",
)
def settle_final(request, final_id: int, payload: SettleIn):
    final = get_object_or_404(FinalScore.objects.select_related("criterion", "assessment__unit"), pk=final_id)
    visible_or_404(request, "scoring.view_final_scores", final.assessment)
    value = _decimal(payload.value)
    try:
        row = review_services.settle_final_score(
            final, actor=request.user, value=value, reason=payload.reason, seen_version=payload.version
        )
    except StaleEdit as lost:
        return Status(409, {"detail": lost.messages[0], "current": _score_out(lost.current, "settled_reason")})
    return Status(200, _final_out(row))


# reviews ------------------------------------------------------------------------------------------------------
@router.get("/scoring/years/{year_id}/review-assignments", response=list[AssignmentOut], summary="Phân công thẩm định")
def list_assignments(request, year_id: int):
    cluster_year = _year(request, year_id)
    return [
        _assignment_out(a)
        for a in selectors.assignments_of_year(cluster_year)
        if request.user.has_perm("scoring.view_review", a)
    ]


@router.post("/scoring/years/{year_id}/review-assignments", response={201: AssignmentOut}, summary="Phân công")
def create_assignment(request, year_id: int, payload: AssignmentIn):
    cluster_year = _year(request, year_id)
    reviewee = get_object_or_404(Unit, pk=payload.reviewee_id)
    reviewer = get_object_or_404(Unit, pk=payload.reviewer_id)
    assignment = review_services.assign_reviewer(
        cluster_year,
        actor=request.user,
        reviewee=reviewee,
        reviewer=reviewer,
        role=payload.role,
        group_code=payload.group_code,
    )
    return Status(201, _assignment_out(assignment))


@router.post(
    "/scoring/years/{year_id}/review-assignments/rotation",
    response=list[AssignmentOut],
    summary="Tạo phân công chấm chéo luân phiên",
)
def create_rotation(request, year_id: int, payload: RotationIn):
    cluster_year = _year(request, year_id)
    created = review_services.generate_rotation(
        cluster_year, actor=request.user, step=payload.step, leader_reviews_all=payload.leader_reviews_all
    )
    return [_assignment_out(a) for a in created]


def _assignment(request, pk):
    assignment = get_object_or_404(
        ReviewAssignment.objects.select_related("reviewee", "reviewer", "cluster_year__cluster"), pk=pk
    )
    return visible_or_404(request, "scoring.view_review", assignment)


@router.delete("/scoring/review-assignments/{assignment_id}", response={204: None}, summary="Xóa phân công")
def delete_assignment(request, assignment_id: int):
    assignment = _assignment(request, assignment_id)
    review_services.remove_assignment(assignment, actor=request.user)
    return Status(204, None)


@router.get("/scoring/review-assignments/{assignment_id}", response=ReviewDetail, summary="Kết quả thẩm định")
def get_review(request, assignment_id: int):
    assignment = _assignment(request, assignment_id)
    others = [
        a
        for a in selectors.assignments_of_reviewee(assignment.cluster_year, assignment.reviewee)
        .select_related("reviewee")
        .exclude(pk=assignment.pk)
        .filter(state=ReviewState.SUBMITTED)
        if request.user.has_perm("scoring.view_review", a)
    ]
    scores = selectors.review_scores(assignment)
    return {
        **_assignment_out(assignment),
        "scores": [_score_out(s, "comment") for s in scores.values()],
        "other_reviews": [_assignment_out(a) for a in others],
    }


@router.put(
    "/scoring/review-assignments/{assignment_id}/scores/{criterion_id}",
    response={200: ScoreOut, 409: ConflictOut},
    summary="Lưu điểm thẩm định một tiêu chí",
)
def save_review_score(request, assignment_id: int, criterion_id: int, payload: ScoreIn):
    assignment = _assignment(request, assignment_id)
    criterion = get_object_or_404(Criterion, pk=criterion_id)
    value = _decimal(payload.value)
    try:
        row = review_services.save_review_score(
            assignment,
            criterion,
            actor=request.user,
            value=value,
            comment=payload.note,
            seen_version=payload.version,
        )
    except StaleEdit as lost:
        return Status(409, {"detail": lost.messages[0], "current": _score_out(lost.current, "comment")})
    return Status(200, _score_out(row, "comment"))


@router.post("/scoring/review-assignments/{assignment_id}/submit", response=AssignmentOut, summary="Nộp thẩm định")
def submit_review(request, assignment_id: int):
    assignment = _assignment(request, assignment_id)
    new = ReviewState.SUBMITTED
    return _assignment_out(review_services.set_review_state(assignment, new, actor=request.user))


@router.post("/scoring/review-assignments/{assignment_id}/reopen", response=AssignmentOut, summary="Mở lại thẩm định")
def reopen_review(request, assignment_id: int, payload: ReasonIn):
    assignment = _assignment(request, assignment_id)
    result = review_services.set_review_state(
        assignment, ReviewState.ASSIGNED, actor=request.user, reason=payload.reason
    )
    return _assignment_out(result)


# ranking ------------------------------------------------------------------------------------------------------
def _ranking_year(request, year_id):
    return _year(request, year_id, perm="scoring.view_ranking")


@router.get("/scoring/years/{year_id}/ranking", response=RankingOut, summary="Xếp hạng")
def get_ranking(request, year_id: int):
    cluster_year = _ranking_year(request, year_id)
    sheet = ranking_sheet(cluster_year)
    rows = []
    for item in sheet.ranked if sheet else []:
        row, totals = item.row, item.totals
        rows.append(
            {
                "rank": row.rank,
                "unit_id": row.unit.pk,
                "unit_name": row.unit.full_name,
                "total": row.total,
                "self_total": item.self_total,
                "group_scores": totals.group_scores,
                "bonus": totals.bonus,
                "penalty": totals.penalty,
                "is_vetoed": row.is_vetoed,
                "is_candidate": row.is_candidate,
                "tie_break_note": row.tie_break_note,
            }
        )
    return {
        "cluster_year_id": cluster_year.pk,
        "published": selectors.ranking_is_published(cluster_year),
        "tie_break_text": sheet.rule_text if sheet else "",
        "rows": rows,
    }


def _sheet_or_404(cluster_year):
    sheet = ranking_sheet(cluster_year)
    if sheet is None:
        raise HttpError(404, _("Năm này chưa có bảng tiêu chí."))
    return sheet


@router.get("/scoring/years/{year_id}/ranking/xlsx", summary="Xếp hạng dạng Excel")
def get_ranking_xlsx(request, year_id: int) -> HttpResponse:
    cluster_year = _ranking_year(request, year_id)
    return xlsx_response(ranking_xlsx(_sheet_or_404(cluster_year)), f"xep-hang-thi-dua-{cluster_year.year}.xlsx")


@router.get("/scoring/years/{year_id}/ranking/docx", summary="Bảng tổng hợp kết quả chấm điểm (.docx)")
def get_ranking_docx(request, year_id: int) -> HttpResponse:
    cluster_year = _ranking_year(request, year_id)
    content = ranking_docx(_sheet_or_404(cluster_year))
    return docx_response(content, f"bang-tong-hop-ket-qua-cham-diem-{cluster_year.year}.docx")


@router.post("/scoring/years/{year_id}/ranking/tie-decisions", response={201: dict}, summary="Ghi quyết định đồng hạng")
def record_tie(request, year_id: int, payload: TieIn):
    cluster_year = _ranking_year(request, year_id)
    decision = ranking_services.record_tie_decision(
        cluster_year, actor=request.user, unit_order=payload.unit_ids, reason=payload.reason
    )
    return Status(201, {"id": decision.pk, "unit_ids": decision.unit_order, "reason": decision.reason})


@router.post("/scoring/years/{year_id}/ranking/publish", response=RankingOut, summary="Công bố kết quả xếp hạng")
def publish_ranking(request, year_id: int, payload: PublishIn):
    cluster_year = _ranking_year(request, year_id)
    ranking_services.publish_ranking(cluster_year, actor=request.user, note=payload.note)
    return get_ranking(request, year_id)
