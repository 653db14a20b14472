"""Writes about reviews: assign reviewers, score, submit, compute final scores and settle differences."""

from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.core.services import notify
from thidua.organizations.enums import UnitKind
from thidua.scoring import selectors
from thidua.scoring.calculation import aggregate, discrepancy, points_for
from thidua.scoring.enums import AssessmentState, CriterionKind, FinalSource, ReviewerRole, ReviewState
from thidua.scoring.models import Assessment, FinalScore, ReviewAssignment, ReviewScore
from thidua.scoring.services.common import refuse_if_published, require_reason, save_score_row

HALF = Decimal("0.5")


def _check_assignment(cluster_year, reviewee, reviewer, role, group_code):
    # A unit never appraises itself, whatever the page or the API sent (the database refuses it too).
    if reviewee.pk == reviewer.pk:
        raise kernel.Refusal(_("Một đơn vị không được thẩm định chính mình (%(unit)s).") % {"unit": reviewee})
    member_ids = set(cluster_year.memberships.values_list("unit_id", flat=True))
    if reviewee.pk not in member_ids:
        raise kernel.Refusal(
            _("%(unit)s không là thành viên cụm năm %(year)s.") % {"unit": reviewee, "year": cluster_year.year}
        )
    expected = {ReviewerRole.LEADER: cluster_year.leader_id, ReviewerRole.DEPUTY: cluster_year.deputy_id}
    if role in expected and reviewer.pk != expected[role]:
        raise kernel.Refusal(
            _("%(unit)s không phải là %(role)s năm %(year)s.")
            % {"unit": reviewer, "role": ReviewerRole(role).label, "year": cluster_year.year}
        )
    if role == ReviewerRole.PEER and reviewer.pk not in member_ids:
        raise kernel.Refusal(_("Chấm chéo chỉ giữa các thành viên của cụm."))
    if role == ReviewerRole.DEPARTMENT and reviewer.kind in (*UnitKind.district_level(), *UnitKind.commune_level()):
        raise kernel.Refusal(_("Đơn vị thẩm định theo nhóm tiêu chí phải là sở, ban, ngành của tỉnh."))
    if group_code:
        tree = selectors.tree_of(selectors.current_table(cluster_year))
        group = tree.by_code.get(group_code)
        if group is None or group.parent_id is not None:
            raise kernel.Refusal(_("Không có nhóm tiêu chí %(code)s trong bảng đang áp dụng.") % {"code": group_code})
    duplicate = ReviewAssignment.objects.filter(
        cluster_year=cluster_year, reviewee=reviewee, reviewer=reviewer, group_code=group_code
    )
    if duplicate.exists():
        raise kernel.Refusal(
            _("%(reviewer)s đã được phân công thẩm định %(unit)s.") % {"reviewer": reviewer, "unit": reviewee}
        )


@transaction.atomic
def assign_reviewer(cluster_year, *, actor, reviewee, reviewer, role, group_code=""):
    kernel.require(actor, "scoring.manage_reviews", cluster_year)
    refuse_if_published(cluster_year)
    group_code = (group_code or "").strip()
    _check_assignment(cluster_year, reviewee, reviewer, role, group_code)
    assignment = ReviewAssignment.objects.create(
        cluster_year=cluster_year,
        reviewee=reviewee,
        reviewer=reviewer,
        role=role,
        group_code=group_code,
        created_by=actor,
    )
    kernel.log(
        actor, "scoring.review.assigned", assignment, new={"reviewer": reviewer.pk, "role": role, "group": group_code}
    )
    notify(
        selectors.users_of_units([reviewer.pk]),
        _("Được phân công thẩm định %(unit)s năm %(year)s") % {"unit": reviewee, "year": cluster_year.year},
        url=reverse("scoring:review", args=[assignment.pk]),
        level="action",
    )
    return assignment


@transaction.atomic
def remove_assignment(assignment, *, actor):
    kernel.require(actor, "scoring.manage_reviews", assignment.cluster_year)
    refuse_if_published(assignment.cluster_year)
    if assignment.state == ReviewState.SUBMITTED or assignment.scores.exists():
        raise kernel.Refusal(_("Phân công này đã có điểm thẩm định nên không xóa được; hãy mở lại nếu cần chấm lại."))
    kernel.log(
        actor,
        "scoring.review.unassigned",
        assignment,
        old={"reviewer": assignment.reviewer_id, "role": assignment.role, "group": assignment.group_code},
    )
    assignment.delete()


def rotation_plan(cluster_year, *, step=1, leader_reviews_all=True):
    """(reviewer, reviewee, role) for a ring of members (member i reviews member i+step, in name order), with the
    leader first reviewing every other member and the deputy reviewing the leader. A pair appears once."""
    members = list(cluster_year.members.order_by("folded_name", "id"))
    if len(members) < 2:  # noqa: PLR2004 - a ring needs two
        raise kernel.Refusal(_("Cần ít nhất hai thành viên để chấm chéo."))
    if not 1 <= step < len(members):
        raise kernel.Refusal(_("Bước luân phiên phải từ 1 đến %(n)s.") % {"n": len(members) - 1})
    planned = []
    if leader_reviews_all and cluster_year.leader_id:
        if cluster_year.deputy_id:
            planned.append((cluster_year.deputy, cluster_year.leader, ReviewerRole.DEPUTY))
        planned += [(cluster_year.leader, m, ReviewerRole.LEADER) for m in members if m.pk != cluster_year.leader_id]
    planned += [(m, members[(i + step) % len(members)], ReviewerRole.PEER) for i, m in enumerate(members)]
    seen, unique = set(), []
    for reviewer, reviewee, role in planned:
        if (reviewer.pk, reviewee.pk) not in seen:
            seen.add((reviewer.pk, reviewee.pk))
            unique.append((reviewer, reviewee, role))
    return unique


@transaction.atomic
def generate_rotation(cluster_year, *, actor, step=1, leader_reviews_all=True):
    """Create the rotation plan's assignments; pairs that already have an assignment are left as they are."""
    kernel.require(actor, "scoring.manage_reviews", cluster_year)
    refuse_if_published(cluster_year)
    plan = rotation_plan(cluster_year, step=step, leader_reviews_all=leader_reviews_all)
    existing = set(
        ReviewAssignment.objects.filter(cluster_year=cluster_year, group_code="").values_list(
            "reviewer_id", "reviewee_id"
        )
    )
    return [
        assign_reviewer(cluster_year, actor=actor, reviewee=reviewee, reviewer=reviewer, role=role)
        for reviewer, reviewee, role in plan
        if (reviewer.pk, reviewee.pk) not in existing
    ]


def _covered_leaf(assignment, criterion):
    tree = selectors.tree_of(selectors.current_table(assignment.cluster_year))
    leaf = tree.by_id.get(criterion.pk)
    if leaf is None or leaf not in selectors.covered_leaves(tree, assignment):
        raise kernel.Refusal(
            _("Tiêu chí %(code)s không thuộc phần được phân công thẩm định.") % {"code": criterion.code}
        )
    return leaf


def _reviewee_assessment(assignment):
    assessment = selectors.assessment_for(assignment.cluster_year, assignment.reviewee)
    if assessment is None or assessment.state != AssessmentState.SUBMITTED:
        raise kernel.Refusal(
            _("%(unit)s chưa nộp bản tự chấm (hoặc đã bị trả lại) nên chưa thẩm định được.")
            % {"unit": assignment.reviewee}
        )
    return assessment


def _require_review_phase(cluster_year):
    if not selectors.review_open(cluster_year):
        raise kernel.Refusal(_("Giai đoạn thẩm định, chấm chéo năm %(year)s không mở.") % {"year": cluster_year.year})


@transaction.atomic
def save_review_score(assignment, criterion, *, actor, value, comment="", seen_version=0):
    kernel.require(actor, "scoring.review", assignment)
    assignment = (
        ReviewAssignment.objects.select_for_update().select_related("cluster_year__cluster").get(pk=assignment.pk)
    )
    if assignment.state != ReviewState.ASSIGNED:
        raise kernel.Refusal(_("Kết quả thẩm định đã nộp nên đã khóa."))
    refuse_if_published(assignment.cluster_year)
    _require_review_phase(assignment.cluster_year)
    _reviewee_assessment(assignment)
    leaf = _covered_leaf(assignment, criterion)
    points = points_for(leaf, value)
    lookup = {"assignment": assignment, "criterion": leaf}
    row = save_score_row(
        ReviewScore,
        lookup,
        seen_version,
        {"value": value, "points": points, "comment": comment.strip(), "updated_by": actor},
    )
    kernel.log(
        actor,
        "scoring.review_score.saved",
        assignment,
        new={"criterion": leaf.code, "value": value, "points": points, "version": row.version},
    )
    return row


def review_problems(assignment):
    tree = selectors.tree_of(selectors.current_table(assignment.cluster_year))
    scores = selectors.review_scores(assignment)
    missing = [
        leaf.code
        for leaf in selectors.covered_leaves(tree, assignment)
        if getattr(scores.get(leaf.pk), "value", None) is None
    ]
    if missing:
        return [
            _("Còn %(n)s tiêu chí chưa chấm thẩm định: %(codes)s.")
            % {"n": len(missing), "codes": ", ".join(missing[:12])}
        ]
    return []


@transaction.atomic
def set_review_state(assignment, new_state, *, actor, reason=""):
    """The review workflow's one transition: the reviewer submits; the secretariat reopens with a reason."""
    assignment = (
        ReviewAssignment.objects.select_for_update()
        .select_related("cluster_year__cluster", "reviewee")
        .get(pk=assignment.pk)
    )
    cluster_year, old_state = assignment.cluster_year, assignment.state
    if (old_state, new_state) == (ReviewState.ASSIGNED, ReviewState.SUBMITTED):
        kernel.require(actor, "scoring.review", assignment)
        refuse_if_published(cluster_year)
        _require_review_phase(cluster_year)
        _reviewee_assessment(assignment)
        problems = review_problems(assignment)
        if problems:
            raise kernel.Refusal([_("Chưa thể nộp kết quả thẩm định:"), *problems])
        assignment.submitted_at, assignment.submitted_by = timezone.now(), actor
    elif (old_state, new_state) == (ReviewState.SUBMITTED, ReviewState.ASSIGNED):
        kernel.require(actor, "scoring.manage_reviews", cluster_year)
        refuse_if_published(cluster_year)
        assignment.reopen_reason = require_reason(reason, _("mở lại kết quả thẩm định"))
    else:
        raise kernel.Refusal(_("Không thể chuyển phân công thẩm định sang trạng thái này."))
    assignment.state = new_state
    assignment.save(update_fields=["state", "submitted_at", "submitted_by", "reopen_reason"])
    kernel.log(
        actor,
        f"scoring.review.{new_state}",
        assignment,
        old={"state": old_state},
        new={"state": new_state},
        note=reason,
    )
    assessment = selectors.assessment_for(cluster_year, assignment.reviewee)
    if assessment is not None and assessment.state == AssessmentState.SUBMITTED:
        recompute_finals(assessment)
    if new_state == ReviewState.SUBMITTED:
        notify(
            selectors.secretariat_users(cluster_year),
            _("%(reviewer)s đã nộp kết quả thẩm định %(unit)s")
            % {"reviewer": assignment.reviewer, "unit": assignment.reviewee},
            url=reverse("scoring:review", args=[assignment.pk]),
        )
    else:
        notify(
            selectors.users_of_units([assignment.reviewer_id]),
            _("Kết quả thẩm định %(unit)s được mở lại") % {"unit": assignment.reviewee},
            body=_("Lý do: %(reason)s") % {"reason": reason},
            url=reverse("scoring:review", args=[assignment.pk]),
            level="action",
        )
    return assignment


def _final_for(leaf, rule, margin, self_row, reviews, leader_id):
    """(value, points, source, flag note) of one leaf from the self score and the submitted reviews."""
    self_value = self_row.value if self_row else None
    self_points = self_row.points if self_row else None
    figures = [(a.reviewer_id == leader_id, s.value) for a, s in reviews if s.value is not None]
    if not figures:
        return self_value, self_points, FinalSource.SELF, ""
    value = aggregate(rule, figures)
    if leaf.kind in CriterionKind.binary():
        value = Decimal(1) if value >= HALF else Decimal(0)
        compare = [f for _leader, f in figures], self_value, value
    else:
        compare = [s.points for _a, s in reviews if s.points is not None], self_points, None
    points = points_for(leaf, value)
    review_figures, self_figure, final_figure = compare
    note = discrepancy(leaf, self_figure, review_figures, final_figure if final_figure is not None else points, margin)
    return value, points, FinalSource.REVIEW, note


def recompute_finals(assessment, table=None):
    """Bring the final scores of a submitted assessment in line with its self score and submitted reviews.

    Settled rows keep the secretariat's value; their computed figures and flag are still refreshed."""
    cluster_year = assessment.cluster_year
    table = table or selectors.current_table(cluster_year)
    tree = selectors.tree_of(table)
    selfs = selectors.self_scores(assessment)
    reviews = selectors.submitted_review_scores(cluster_year, assessment.unit)
    finals = selectors.final_scores(assessment)
    for leaf in tree.leaves():
        value, points, source, note = _final_for(
            leaf,
            table.final_score_rule,
            table.discrepancy_margin,
            selfs.get(leaf.pk),
            reviews.get(leaf.pk, []),
            cluster_year.leader_id,
        )
        row = finals.get(leaf.pk) or FinalScore(assessment=assessment, criterion=leaf)
        changed = (row.computed_value, row.computed_points, row.is_flagged, row.flag_note) != (
            value,
            points,
            bool(note),
            note,
        )
        row.computed_value, row.computed_points, row.is_flagged, row.flag_note = value, points, bool(note), note
        if row.source != FinalSource.SETTLED:
            changed = changed or (row.value, row.points, row.source) != (value, points, source)
            row.value, row.points, row.source = value, points, source
        if changed or row.pk is None:
            row.version += 1  # a settle form opened on the old figures must not overwrite the new ones unseen
            row.save()


@transaction.atomic
def settle_final_score(final, *, actor, value, reason, seen_version):
    """The secretariat sets the final value of a criterion (usually a flagged one), with a written reason."""
    assessment = Assessment.objects.select_related("cluster_year__cluster").get(pk=final.assessment_id)
    kernel.require(actor, "scoring.settle_score", assessment)
    refuse_if_published(assessment.cluster_year)
    reason = require_reason(reason, _("quyết định điểm"))
    points = points_for(final.criterion, value)
    row = save_score_row(
        FinalScore,
        {"pk": final.pk},
        seen_version,
        {
            "value": value,
            "points": points,
            "source": FinalSource.SETTLED,
            "settled_reason": reason,
            "settled_at": timezone.now(),
            "updated_by": actor,
        },
    )
    kernel.log(
        actor,
        "scoring.final_score.settled",
        assessment,
        old={"criterion": final.criterion.code, "points": final.points},
        new={"criterion": final.criterion.code, "points": points},
        note=reason,
    )
    return row
