"""Pages for self-assessments: the list and progress, the per-criterion form (htmx), evidence, submit, return,
and the final scores with the secretariat's settlement."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.exports import Column, list_export
from thidua.core.web import form_error_text, refusal_text, report, run, visible_or_404
from thidua.organizations.models import Unit
from thidua.organizations.scopes import scope_of
from thidua.scoring import selectors
from thidua.scoring.calculation import compute_totals, parse_decimal
from thidua.scoring.enums import AssessmentState
from thidua.scoring.forms import EvidenceForm, ReasonForm, SettleForm
from thidua.scoring.models import Assessment, Criterion, Evidence, FinalScore, SelfScore
from thidua.scoring.services import assessments as assessment_services
from thidua.scoring.services.reviews import settle_final_score
from thidua.scoring.views.common import get_year, is_htmx, save_score_from_form


@dataclass
class Item:
    """One line of the criteria tree on a scoring page, with what the viewer may see and do on it."""

    criterion: object
    depth: int
    is_leaf: bool
    score: object = None  # SelfScore or ReviewScore
    evidence: list = field(default_factory=list)
    self_score: object = None  # on review pages: the unit's own score
    others: list = field(default_factory=list)  # on review pages: other reviewers' submitted scores
    final: object = None
    editable: bool = False
    error: str = ""
    conflict: str = ""
    attempted: dict = field(default_factory=dict)


def _assessment(request, pk, perm="scoring.view_assessment"):
    assessment = get_object_or_404(Assessment.objects.select_related("unit", "cluster_year__cluster"), pk=pk)
    return visible_or_404(request, perm, assessment)


def _editable(request, assessment):
    return (
        request.user.has_perm("scoring.edit_assessment", assessment)
        and assessment.state in AssessmentState.editable()
        and selectors.self_assessment_open(assessment.cluster_year)
    )


def self_items(request, assessment, tree):
    scores = selectors.self_scores(assessment)
    evidence = selectors.evidence_by_code(assessment)
    finals = (
        selectors.final_scores(assessment) if request.user.has_perm("scoring.view_final_scores", assessment) else {}
    )
    editable = _editable(request, assessment)
    items = []
    for node, depth in tree.walk():
        leaf = tree.is_leaf(node)
        item = Item(node, depth, leaf, editable=editable and leaf)
        if leaf:
            item.score, item.evidence, item.final = (
                scores.get(node.pk),
                evidence.get(node.code, []),
                finals.get(node.pk),
            )
        items.append(item)
    return items, scores


def _totals(tree, scores):
    return compute_totals(tree, {cid: (s.value, s.points) for cid, s in scores.items()})


@login_required
def assessment_list(request, pk):
    cluster_year = get_year(request, pk)
    if not request.user.has_perm("scoring.view_progress", cluster_year):
        own = [u for u in cluster_year.members.all() if u.pk in scope_of(request.user).unit_ids]
        if len(own) == 1:
            return redirect("scoring:unit_assessment", cluster_year.pk, own[0].pk)
        raise PermissionDenied
    lines, leaf_count, table = _assessment_lines(cluster_year)
    return render(
        request,
        "scoring/assessment_list.html",
        {"cluster_year": cluster_year, "lines": lines, "leaf_count": leaf_count, "table": table},
    )


def _assessment_lines(cluster_year):
    """(unit, assessment or None, totals or None, leaves scored) per member, the leaf count, and the table."""
    table = selectors.current_table(cluster_year)
    tree = selectors.tree_of(table)
    assessments = {a.unit_id: a for a in selectors.assessments_of_year(cluster_year)}
    figures = {}
    rows = SelfScore.objects.filter(assessment__cluster_year=cluster_year, criterion__table=table).only(
        "assessment_id", "criterion_id", "value", "points"
    )
    for row in rows:
        figures.setdefault(row.assessment_id, {})[row.criterion_id] = (row.value, row.points)
    lines, leaf_count = [], len(tree.leaves())
    for membership in cluster_year.memberships.select_related("unit").order_by("unit__folded_name"):
        assessment = assessments.get(membership.unit_id)
        totals = compute_totals(tree, figures.get(assessment.pk, {})) if assessment else None
        scored = leaf_count - totals.missing if totals else 0
        lines.append((membership.unit, assessment, totals, scored))
    return lines, leaf_count, table


@login_required
def assessment_list_export(request, pk):
    cluster_year = get_year(request, pk, perm="scoring.view_progress")
    lines, leaf_count, _table = _assessment_lines(cluster_year)
    columns = [
        Column(_("Đơn vị"), lambda line: line[0].full_name),
        Column(_("Trạng thái"), lambda line: line[1].get_state_display() if line[1] else _("chưa bắt đầu")),
        Column(
            _("Nộp lúc"),
            lambda line: line[1].submitted_at if line[1] else None,
        ),
        Column(_("Đã chấm"), lambda line: f"{line[3]}/{leaf_count}" if line[2] else ""),
        Column(_("Tổng điểm tự chấm"), lambda line: float(line[2].total) if line[2] else None),
    ]
    return list_export(lines, columns, sheet=f"Tu cham {cluster_year.year}", filename=f"tu-cham-{cluster_year.year}")


@login_required
def unit_assessment(request, pk, unit_id):
    """The unit's self-assessment for the year, or the page to start it."""
    cluster_year = get_year(request, pk)
    unit = get_object_or_404(Unit, pk=unit_id)
    assessment = selectors.assessment_for(cluster_year, unit)
    if assessment is not None:
        return redirect("scoring:assessment", visible_or_404(request, "scoring.view_assessment", assessment).pk)
    if unit.pk not in scope_of(request.user).unit_ids and not request.user.has_perm(
        "scoring.view_progress", cluster_year
    ):
        raise PermissionDenied
    return render(
        request,
        "scoring/assessment_start.html",
        {
            "cluster_year": cluster_year,
            "unit": unit,
            "phase_open": selectors.self_assessment_open(cluster_year),
            "can_start": unit.pk in scope_of(request.user).unit_ids,
        },
    )


@login_required
@require_POST
def assessment_start(request, pk, unit_id):
    cluster_year = get_year(request, pk)
    unit = get_object_or_404(Unit, pk=unit_id)
    try:
        assessment = assessment_services.start_assessment(cluster_year, unit, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        report(request, error)
        return redirect("scoring:unit_assessment", cluster_year.pk, unit.pk)
    return redirect("scoring:assessment", assessment.pk)


@login_required
def assessment_detail(request, pk):
    assessment = _assessment(request, pk)
    tree = selectors.tree_of(selectors.current_table(assessment.cluster_year))
    items, scores = self_items(request, assessment, tree)
    user = request.user
    return render(
        request,
        "scoring/assessment.html",
        {
            "assessment": assessment,
            "cluster_year": assessment.cluster_year,
            "items": items,
            "totals": _totals(tree, scores),
            "problems": _problems(assessment, tree),
            "can_submit": user.has_perm("scoring.submit_assessment", assessment)
            and assessment.state in AssessmentState.editable(),
            "can_return": user.has_perm("scoring.return_assessment", assessment)
            and assessment.state == AssessmentState.SUBMITTED,
            "can_see_finals": user.has_perm("scoring.view_final_scores", assessment),
            "phase_open": selectors.self_assessment_open(assessment.cluster_year),
            "evidence_form": EvidenceForm(),
            "reason_form": ReasonForm(),
        },
    )


def _render_self_item(request, assessment, criterion, *, error="", conflict="", attempted=None):
    tree = selectors.tree_of(selectors.current_table(assessment.cluster_year))
    items, scores = self_items(request, assessment, tree)
    item = next(i for i in items if i.criterion.pk == criterion.pk)
    item.error, item.conflict, item.attempted = error, conflict, attempted or {}
    return render(
        request,
        "scoring/_self_item_response.html",
        {
            "item": item,
            "assessment": assessment,
            "totals": _totals(tree, scores),
            "problems": _problems(assessment, tree),
            "evidence_form": EvidenceForm(),
        },
    )


def _problems(assessment, tree):
    # The list refreshes with each saved criterion, so the head sees what is left without reloading.
    if assessment.state not in AssessmentState.editable():
        return []
    return assessment_services.submission_problems(assessment, tree)


def _after_item_post(request, assessment, criterion, *, error="", conflict="", attempted=None, success=""):
    if is_htmx(request):
        return _render_self_item(request, assessment, criterion, error=error, conflict=conflict, attempted=attempted)
    if error or conflict:
        messages.error(request, error or conflict)
    elif success:
        messages.success(request, success)
    return redirect(reverse("scoring:assessment", args=[assessment.pk]) + f"#tc-{criterion.pk}")


@login_required
@require_POST
def self_score_save(request, pk, criterion_id):
    assessment = _assessment(request, pk)
    criterion = get_object_or_404(Criterion, pk=criterion_id)
    error, conflict, attempted = save_score_from_form(
        request,
        lambda value, note, version: assessment_services.save_self_score(
            assessment, criterion, actor=request.user, value=value, explanation=note, seen_version=version
        ),
    )
    success = _("Đã lưu tiêu chí %(code)s.") % {"code": criterion.code}
    return _after_item_post(
        request, assessment, criterion, error=error, conflict=conflict, attempted=attempted, success=success
    )


@login_required
@require_POST
def evidence_add(request, pk, criterion_id):
    assessment = _assessment(request, pk)
    criterion = get_object_or_404(Criterion, pk=criterion_id)
    form = EvidenceForm(request.POST, request.FILES)
    error = ""
    if not form.is_valid():
        error = form_error_text(form)
    else:
        try:
            assessment_services.add_evidence(
                assessment, criterion, form.cleaned_data["file"], actor=request.user, note=form.cleaned_data["note"]
            )
        except (ValidationError, PermissionDenied) as refusal:
            error = refusal_text(refusal)
    success = _("Đã đính kèm minh chứng cho tiêu chí %(code)s.") % {"code": criterion.code}
    return _after_item_post(request, assessment, criterion, error=error, success=success)


@login_required
@require_POST
def evidence_remove(request, pk):
    evidence = get_object_or_404(
        Evidence.objects.select_related("assessment__unit", "assessment__cluster_year__cluster", "file"), pk=pk
    )
    assessment = visible_or_404(request, "scoring.view_assessment", evidence.assessment)
    error = ""
    try:
        assessment_services.remove_evidence(evidence, actor=request.user)
    except (ValidationError, PermissionDenied) as refusal:
        error = refusal_text(refusal)
    tree = selectors.tree_of(selectors.current_table(assessment.cluster_year))
    criterion = tree.by_code.get(evidence.criterion_code)
    if criterion is None:
        return redirect("scoring:assessment", assessment.pk)
    return _after_item_post(request, assessment, criterion, error=error, success=_("Đã gỡ tệp minh chứng."))


@login_required
@require_POST
def assessment_submit(request, pk):
    assessment = _assessment(request, pk)
    try:
        assessment_services.set_assessment_state(assessment, AssessmentState.SUBMITTED, actor=request.user)
    except (ValidationError, PermissionDenied) as refusal:
        report(request, refusal)
    else:
        messages.success(request, _("Đã nộp bản tự chấm điểm. Bản đã khóa."))
    return redirect("scoring:assessment", assessment.pk)


@login_required
@require_POST
def assessment_return(request, pk):
    assessment = _assessment(request, pk)
    run(
        request,
        lambda: assessment_services.set_assessment_state(
            assessment, AssessmentState.RETURNED, actor=request.user, reason=request.POST.get("reason", "")
        ),
        _("Đã trả lại bản tự chấm cho %(unit)s.") % {"unit": assessment.unit},
    )
    return redirect("scoring:assessment", assessment.pk)


@login_required
def final_scores(request, pk):
    assessment = _assessment(request, pk, perm="scoring.view_final_scores")
    cluster_year = assessment.cluster_year
    tree = selectors.tree_of(selectors.current_table(cluster_year))
    selfs, finals = selectors.self_scores(assessment), selectors.final_scores(assessment)
    reviews = selectors.submitted_review_scores(cluster_year, assessment.unit)
    reviewers = sorted(
        {a for pairs in reviews.values() for a, _s in pairs}, key=lambda a: (a.role, a.reviewer.folded_name)
    )
    can_settle = request.user.has_perm("scoring.settle_score", assessment) and not selectors.ranking_is_published(
        cluster_year
    )
    lines = []
    for node, depth in tree.walk():
        if not tree.is_leaf(node):
            lines.append((node, depth, False, None, None, [], None))
            continue
        by_assignment = {a.pk: s for a, s in reviews.get(node.pk, [])}
        final = finals.get(node.pk)
        form = None
        if can_settle and final is not None:
            form = SettleForm(
                initial={"value": final.value.normalize() if final.value is not None else "", "version": final.version}
            )
        reviewed = [by_assignment.get(a.pk) for a in reviewers]
        lines.append((node, depth, True, selfs.get(node.pk), final, reviewed, form))
    return render(
        request,
        "scoring/final_scores.html",
        {
            "assessment": assessment,
            "cluster_year": cluster_year,
            "table": tree,
            "lines": lines,
            "reviewers": reviewers,
            "self_totals": _totals(tree, selfs),
            "final_totals": compute_totals(tree, {cid: (f.value, f.points) for cid, f in finals.items()}),
            "can_settle": can_settle,
        },
    )


@login_required
@require_POST
def settle(request, pk):
    final = get_object_or_404(
        FinalScore.objects.select_related("criterion", "assessment__unit", "assessment__cluster_year"), pk=pk
    )
    assessment = visible_or_404(request, "scoring.view_final_scores", final.assessment)
    form = SettleForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
    else:
        run(
            request,
            lambda: settle_final_score(
                final,
                actor=request.user,
                value=parse_decimal(form.cleaned_data["value"]),
                reason=form.cleaned_data["reason"],
                seen_version=form.cleaned_data["version"],
            ),
            _("Đã ghi quyết định điểm tiêu chí %(code)s.") % {"code": final.criterion.code},
        )
    return redirect(reverse("scoring:final_scores", args=[assessment.pk]) + f"#tc-{final.criterion_id}")
