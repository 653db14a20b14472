"""Writes about self-assessments: start, score a criterion, attach evidence, submit and return."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.core.files import store_upload
from thidua.core.services import notify
from thidua.organizations.rules import is_staff_of_unit
from thidua.scoring import selectors
from thidua.scoring.calculation import fmt, points_for, table_problems
from thidua.scoring.enums import AssessmentState, Category, CriterionKind
from thidua.scoring.models import Assessment, CriteriaTable, Evidence, SelfScore
from thidua.scoring.services.common import refuse_if_published, require_reason, save_score_row
from thidua.scoring.services.reviews import recompute_finals

LISTED = 12  # codes named in one refusal; more are summarised as "..."


def _codes(codes):
    shown = ", ".join(codes[:LISTED])
    return shown + (", …" if len(codes) > LISTED else "")


def _usable_table(cluster_year):
    table = selectors.current_table(cluster_year)
    if table is None:
        raise kernel.Refusal(_("Năm %(year)s chưa có bảng tiêu chí.") % {"year": cluster_year.year})
    tree = selectors.tree_of(table)
    if table_problems(table.total_points, tree):
        raise kernel.Refusal(
            _("Bảng tiêu chí năm %(year)s chưa hoàn chỉnh; hãy báo Thư ký cụm.") % {"year": cluster_year.year}
        )
    return table, tree


def _require_phase(cluster_year):
    if not selectors.self_assessment_open(cluster_year):
        raise kernel.Refusal(_("Giai đoạn tự chấm điểm năm %(year)s không mở.") % {"year": cluster_year.year})


def _require_editable(assessment):
    if assessment.state not in AssessmentState.editable():
        raise kernel.Refusal(_("Bản tự chấm đã nộp nên đã khóa. Chỉ Thư ký cụm trả lại (kèm lý do) thì mới sửa được."))
    _require_phase(assessment.cluster_year)


def _leaf(tree, criterion):
    leaf = tree.by_id.get(criterion.pk)
    if leaf is None or not tree.is_leaf(leaf):
        raise kernel.Refusal(
            _("Mục %(code)s không phải là tiêu chí chấm điểm của bảng đang áp dụng.") % {"code": criterion.code}
        )
    return leaf


@transaction.atomic
def start_assessment(cluster_year, unit, *, actor):
    """Open the unit's self-assessment for the year (idempotent). Freezes the table if it was not yet."""
    if actor is None or not is_staff_of_unit(actor, unit):
        raise PermissionDenied(_("Chỉ cán bộ, thủ trưởng của đơn vị mới bắt đầu được bản tự chấm của đơn vị."))
    if not cluster_year.memberships.filter(unit=unit).exists():
        raise kernel.Refusal(
            _("%(unit)s không là thành viên cụm năm %(year)s.") % {"unit": unit, "year": cluster_year.year}
        )
    existing = selectors.assessment_for(cluster_year, unit)
    if existing is not None:
        return existing
    _require_phase(cluster_year)
    table, _tree = _usable_table(cluster_year)
    assessment = Assessment.objects.create(cluster_year=cluster_year, unit=unit)
    if table.frozen_at is None:
        CriteriaTable.objects.filter(pk=table.pk).update(frozen_at=timezone.now())
    kernel.log(actor, "scoring.assessment.started", assessment, new={"state": assessment.state})
    return assessment


@transaction.atomic
def save_self_score(assessment, criterion, *, actor, value, explanation="", seen_version=0):
    """Save one criterion of a draft. A refused value raises ValidationError and changes nothing;
    a save that lost a race raises kernel.StaleEdit carrying the current row."""
    kernel.require(actor, "scoring.edit_assessment", assessment)
    assessment = Assessment.objects.select_for_update().select_related("cluster_year__cluster").get(pk=assessment.pk)
    _require_editable(assessment)
    _table, tree = _usable_table(assessment.cluster_year)
    leaf = _leaf(tree, criterion)
    points = points_for(leaf, value)
    lookup = {"assessment": assessment, "criterion": leaf}
    before = SelfScore.objects.filter(**lookup).first()
    row = save_score_row(
        SelfScore,
        lookup,
        seen_version,
        {"value": value, "points": points, "explanation": explanation.strip(), "updated_by": actor},
    )
    kernel.log(
        actor,
        "scoring.self_score.saved",
        assessment,
        old={"criterion": leaf.code, "value": before.value if before else None},
        new={"criterion": leaf.code, "value": value, "points": points, "version": row.version},
    )
    return row


@transaction.atomic
def add_evidence(assessment, criterion, uploaded, *, actor, note=""):
    kernel.require(actor, "scoring.edit_assessment", assessment)
    _require_editable(assessment)
    _table, tree = _usable_table(assessment.cluster_year)
    leaf = _leaf(tree, criterion)
    stored = store_upload(uploaded, actor=actor, owner_unit=assessment.unit)
    evidence = Evidence.objects.create(
        assessment=assessment, criterion_code=leaf.code, file=stored, note=note.strip()[:300], added_by=actor
    )
    kernel.log(actor, "scoring.evidence.added", assessment, new={"criterion": leaf.code, "file": stored.original_name})
    return evidence


@transaction.atomic
def remove_evidence(evidence, *, actor):
    """Evidence is taken off the assessment, not deleted: the log and the file stay."""
    assessment = evidence.assessment
    kernel.require(actor, "scoring.edit_assessment", assessment)
    _require_editable(assessment)
    if evidence.removed_at is None:
        evidence.removed_at = timezone.now()
        evidence.save(update_fields=["removed_at"])
        kernel.log(
            actor,
            "scoring.evidence.removed",
            assessment,
            old={"criterion": evidence.criterion_code, "file": evidence.file.original_name},
        )


def submission_problems(assessment, tree=None):
    """Why the assessment cannot be submitted yet (Vietnamese sentences); empty when it can."""
    if tree is None:
        _table, tree = _usable_table(assessment.cluster_year)
    scores = selectors.self_scores(assessment)
    evidence = selectors.evidence_by_code(assessment)
    missing, unproven = [], []
    for leaf in tree.leaves():
        score = scores.get(leaf.pk)
        if score is None or score.value is None:
            missing.append(leaf.code)
        elif leaf.evidence_required and _claims_points(tree, leaf, score) and not evidence.get(leaf.code):
            unproven.append(leaf.code)
    problems = []
    if missing:
        problems.append(_("Còn %(n)s tiêu chí chưa chấm: %(codes)s.") % {"n": len(missing), "codes": _codes(missing)})
    if unproven:
        problems.append(
            _("Tiêu chí %(codes)s bắt buộc có tài liệu minh chứng nhưng chưa có tệp nào.") % {"codes": _codes(unproven)}
        )
    return problems


def _claims_points(tree, leaf, score):
    # Evidence backs what the unit claims: points earned or bonus. A penalty or veto the unit reports needs none.
    return tree.category(leaf) in (Category.REGULAR, Category.BONUS) and (score.points or 0) > 0


TRANSITIONS = {
    (AssessmentState.DRAFT, AssessmentState.SUBMITTED),
    (AssessmentState.RETURNED, AssessmentState.SUBMITTED),
    (AssessmentState.SUBMITTED, AssessmentState.RETURNED),
}


@transaction.atomic
def set_assessment_state(assessment, new_state, *, actor, reason=""):
    """The self-assessment workflow's one transition: the head submits; the secretariat returns with a reason."""
    assessment = (
        Assessment.objects.select_for_update().select_related("cluster_year__cluster", "unit").get(pk=assessment.pk)
    )
    cluster_year = assessment.cluster_year
    old_state = assessment.state
    if new_state not in AssessmentState.values:
        raise kernel.Refusal(_("Không có trạng thái bản tự chấm “%(state)s”.") % {"state": new_state})
    if (old_state, new_state) not in TRANSITIONS:
        raise kernel.Refusal(
            _("Không thể chuyển bản tự chấm từ “%(old)s” sang “%(new)s”.")
            % {"old": AssessmentState(old_state).label, "new": AssessmentState(new_state).label}
        )
    if new_state == AssessmentState.SUBMITTED:
        kernel.require(actor, "scoring.submit_assessment", assessment)
        refuse_if_published(cluster_year)
        _require_phase(cluster_year)
        problems = submission_problems(assessment)
        if problems:
            raise kernel.Refusal([_("Chưa thể nộp bản tự chấm:"), *problems])
        assessment.submitted_at, assessment.submitted_by = timezone.now(), actor
    else:
        kernel.require(actor, "scoring.return_assessment", assessment)
        refuse_if_published(cluster_year)
        assessment.return_reason = require_reason(reason, _("trả lại"))
    assessment.state = new_state
    assessment.save(update_fields=["state", "submitted_at", "submitted_by", "return_reason"])
    kernel.log(
        actor,
        f"scoring.assessment.{new_state}",
        assessment,
        old={"state": old_state},
        new={"state": new_state},
        note=reason,
    )
    _after_transition(assessment, new_state, actor)
    return assessment


def _after_transition(assessment, new_state, actor):
    cluster_year = assessment.cluster_year
    url = reverse("scoring:assessment", args=[assessment.pk])
    if new_state == AssessmentState.SUBMITTED:
        recompute_finals(assessment)
        notify(
            selectors.secretariat_users(cluster_year),
            _("%(unit)s đã nộp bản tự chấm điểm năm %(year)s") % {"unit": assessment.unit, "year": cluster_year.year},
            url=url,
        )
        reviewers = selectors.assignments_of_reviewee(cluster_year, assessment.unit).values("reviewer_id")
        notify(
            selectors.users_of_units(reviewers),
            _("Bản tự chấm của %(unit)s đã sẵn sàng để thẩm định") % {"unit": assessment.unit},
            url=reverse("scoring:my_reviews"),
            level="action",
        )
    else:
        notify(
            selectors.users_of_units([assessment.unit_id]),
            _("Bản tự chấm điểm năm %(year)s bị trả lại") % {"year": cluster_year.year},
            body=_("Lý do: %(reason)s") % {"reason": assessment.return_reason},
            url=url,
            level="action",
        )


def describe_value(criterion, value):
    """An entered value as the unit reads it back (Đạt/Không đạt, Có vi phạm, 95 / 100 ...)."""
    if value is None:
        return _("chưa chấm")
    if criterion.kind == CriterionKind.YES_NO:
        return _("Đạt") if value else _("Không đạt")
    if criterion.kind == CriterionKind.VETO:
        return _("Có vi phạm") if value else _("Không vi phạm")
    if criterion.kind == CriterionKind.PERCENT:
        return _("%(value)s / chỉ tiêu %(target)s") % {"value": fmt(value), "target": fmt(criterion.target)}
    return fmt(value)
