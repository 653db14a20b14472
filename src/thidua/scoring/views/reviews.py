"""Pages for reviews: assigning reviewers, the reviewer's per-criterion form (htmx), submit, reopen, flags."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.exports import Column, list_export
from thidua.core.web import form_error_text, report, run, visible_or_404
from thidua.scoring import selectors
from thidua.scoring.calculation import compute_totals
from thidua.scoring.enums import AssessmentState, ReviewState
from thidua.scoring.forms import AssignmentForm, ReasonForm, RotationForm
from thidua.scoring.models import Criterion, ReviewAssignment
from thidua.scoring.services import reviews as review_services
from thidua.scoring.views.assessments import Item
from thidua.scoring.views.common import get_year, is_htmx, save_score_from_form


@login_required
def assignments(request, pk):
    cluster_year = get_year(request, pk, perm="scoring.view_progress")
    tree = selectors.tree_of(selectors.current_table(cluster_year))
    form = AssignmentForm(request.POST or None, cluster_year=cluster_year, tree=tree)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, form_error_text(form))
        else:
            done, _result = run(
                request,
                lambda: review_services.assign_reviewer(cluster_year, actor=request.user, **form.cleaned_data),
                _("Đã phân công thẩm định."),
            )
            if done:
                return redirect("scoring:assignments", cluster_year.pk)
    return render(
        request,
        "scoring/assignments.html",
        {
            "cluster_year": cluster_year,
            "assignments": selectors.assignments_of_year(cluster_year),
            "form": form,
            "rotation_form": RotationForm(),
            "reason_form": ReasonForm(),
            "can_manage": request.user.has_perm("scoring.manage_reviews", cluster_year),
            "published": selectors.ranking_is_published(cluster_year),
        },
    )


def _assignment_columns():
    return [
        Column(_("Năm"), lambda a: a.cluster_year.year),
        Column(_("Đơn vị được thẩm định"), lambda a: a.reviewee.full_name),
        Column(_("Đơn vị thẩm định"), lambda a: a.reviewer.full_name),
        Column(_("Vai trò"), lambda a: a.get_role_display()),
        Column(_("Phạm vi"), lambda a: _("Nhóm %(code)s") % {"code": a.group_code} if a.group_code else _("Toàn bảng")),
        Column(_("Trạng thái"), lambda a: a.get_state_display()),
    ]


@login_required
def assignments_export(request, pk):
    cluster_year = get_year(request, pk, perm="scoring.view_progress")
    assignments = selectors.assignments_of_year(cluster_year).select_related("cluster_year")
    sheet = f"Phan cong {cluster_year.year}"
    return list_export(
        assignments, _assignment_columns(), sheet=sheet, filename=f"phan-cong-tham-dinh-{cluster_year.year}"
    )


@login_required
def my_reviews_export(request):
    assignments = selectors.assignments_for_user(request.user)
    return list_export(assignments, _assignment_columns(), sheet="Tham dinh", filename="tham-dinh-duoc-phan-cong")


@login_required
def flags_export(request, pk):
    cluster_year = get_year(request, pk, perm="scoring.view_progress")
    columns = [
        Column(_("Đơn vị"), lambda f: f.assessment.unit.full_name),
        Column(_("Tiêu chí"), lambda f: f"{f.criterion.code}. {f.criterion.title}"),
        Column(_("Điểm theo quy tắc"), lambda f: float(f.computed_points) if f.computed_points is not None else None),
        Column(_("Chênh lệch"), lambda f: f.flag_note),
    ]
    flags = selectors.flagged_finals(cluster_year)
    return list_export(
        flags, columns, sheet=f"Chenh lech {cluster_year.year}", filename=f"chenh-lech-{cluster_year.year}"
    )


@login_required
@require_POST
def rotation(request, pk):
    cluster_year = get_year(request, pk, perm="scoring.view_progress")
    form = RotationForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect("scoring:assignments", cluster_year.pk)
    try:
        created = review_services.generate_rotation(cluster_year, actor=request.user, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as refusal:
        report(request, refusal)
    else:
        messages.success(request, _("Đã tạo %(n)s phân công thẩm định mới.") % {"n": len(created)})
    return redirect("scoring:assignments", cluster_year.pk)


def _assignment(request, pk, perm="scoring.view_review"):
    assignment = get_object_or_404(
        ReviewAssignment.objects.select_related("reviewee", "reviewer", "cluster_year__cluster"), pk=pk
    )
    return visible_or_404(request, perm, assignment)


@login_required
@require_POST
def assignment_remove(request, pk):
    assignment = _assignment(request, pk)
    try:
        review_services.remove_assignment(assignment, actor=request.user)
    except (ValidationError, PermissionDenied) as refusal:
        report(request, refusal)
    else:
        messages.success(request, _("Đã xóa phân công."))
    return redirect("scoring:assignments", assignment.cluster_year_id)


@login_required
def my_reviews(request):
    return render(request, "scoring/my_reviews.html", {"assignments": selectors.assignments_for_user(request.user)})


def review_items(request, assignment, tree):
    """Covered leaves with the unit's self score and evidence, this review's score and, once the viewer has
    submitted their own review of the unit (or oversees the year), the other reviewers' submitted scores."""
    cluster_year, user = assignment.cluster_year, request.user
    assessment = selectors.assessment_for(cluster_year, assignment.reviewee)
    visible_assessment = assessment if assessment and user.has_perm("scoring.view_assessment", assessment) else None
    selfs = selectors.self_scores(visible_assessment) if visible_assessment else {}
    evidence = selectors.evidence_by_code(visible_assessment) if visible_assessment else {}
    own = selectors.review_scores(assignment)
    show_others = user.has_perm("scoring.view_progress", cluster_year) or selectors.has_submitted_review_of(
        user, cluster_year, assignment.reviewee
    )
    others = selectors.submitted_review_scores(cluster_year, assignment.reviewee) if show_others else {}
    editable = (
        user.has_perm("scoring.review", assignment)
        and assignment.state == ReviewState.ASSIGNED
        and assessment is not None
        and assessment.state == AssessmentState.SUBMITTED
        and selectors.review_open(cluster_year)
    )
    covered = {leaf.pk for leaf in selectors.covered_leaves(tree, assignment)}
    items = []
    for node, depth in tree.walk():
        leaf = tree.is_leaf(node)
        if leaf and node.pk not in covered:
            continue
        if not leaf and not any(c.pk in covered for c in tree.leaves_under(node)):
            continue
        item = Item(node, depth, leaf, editable=editable and leaf)
        if leaf:
            item.score, item.self_score = own.get(node.pk), selfs.get(node.pk)
            item.evidence = evidence.get(node.code, [])
            item.others = [(a, s) for a, s in others.get(node.pk, []) if a.pk != assignment.pk]
        items.append(item)
    return items, own, visible_assessment, show_others


@login_required
def review_detail(request, pk):
    assignment = _assignment(request, pk)
    tree = selectors.tree_of(selectors.current_table(assignment.cluster_year))
    items, own, assessment, show_others = review_items(request, assignment, tree)
    user = request.user
    return render(
        request,
        "scoring/review.html",
        {
            "assignment": assignment,
            "cluster_year": assignment.cluster_year,
            "assessment": assessment,
            "items": items,
            "show_others": show_others,
            "totals": compute_totals(tree, {cid: (s.value, s.points) for cid, s in own.items()}),
            "problems": review_services.review_problems(assignment) if assignment.state == ReviewState.ASSIGNED else [],
            "can_submit": user.has_perm("scoring.review", assignment) and assignment.state == ReviewState.ASSIGNED,
            "can_reopen": user.has_perm("scoring.manage_reviews", assignment.cluster_year)
            and assignment.state == ReviewState.SUBMITTED,
            "phase_open": selectors.review_open(assignment.cluster_year),
            "reason_form": ReasonForm(),
        },
    )


@login_required
@require_POST
def review_score_save(request, pk, criterion_id):
    assignment = _assignment(request, pk)
    criterion = get_object_or_404(Criterion, pk=criterion_id)
    error, conflict, attempted = save_score_from_form(
        request,
        lambda value, note, version: review_services.save_review_score(
            assignment, criterion, actor=request.user, value=value, comment=note, seen_version=version
        ),
    )
    if is_htmx(request):
        tree = selectors.tree_of(selectors.current_table(assignment.cluster_year))
        items, own, _assessment, _show = review_items(request, assignment, tree)
        item = next(i for i in items if i.criterion.pk == criterion.pk)
        item.error, item.conflict, item.attempted = error, conflict, attempted
        totals = compute_totals(tree, {cid: (s.value, s.points) for cid, s in own.items()})
        return render(
            request, "scoring/_review_item_response.html", {"item": item, "assignment": assignment, "totals": totals}
        )
    if error or conflict:
        messages.error(request, error or conflict)
    else:
        messages.success(request, _("Đã lưu điểm thẩm định tiêu chí %(code)s.") % {"code": criterion.code})
    return redirect(reverse("scoring:review", args=[assignment.pk]) + f"#tc-{criterion.pk}")


@login_required
@require_POST
def review_submit(request, pk):
    assignment = _assignment(request, pk)
    try:
        review_services.set_review_state(assignment, ReviewState.SUBMITTED, actor=request.user)
    except (ValidationError, PermissionDenied) as refusal:
        report(request, refusal)
    else:
        messages.success(request, _("Đã nộp kết quả thẩm định."))
    return redirect("scoring:review", assignment.pk)


@login_required
@require_POST
def review_reopen(request, pk):
    assignment = _assignment(request, pk)
    run(
        request,
        lambda: review_services.set_review_state(
            assignment, ReviewState.ASSIGNED, actor=request.user, reason=request.POST.get("reason", "")
        ),
        _("Đã mở lại kết quả thẩm định."),
    )
    return redirect("scoring:review", assignment.pk)


@login_required
def flags(request, pk):
    cluster_year = get_year(request, pk, perm="scoring.view_progress")
    return render(
        request, "scoring/flags.html", {"cluster_year": cluster_year, "flags": selectors.flagged_finals(cluster_year)}
    )
