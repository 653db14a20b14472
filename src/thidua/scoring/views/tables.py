"""Pages for the scoring index, the year overview and the criteria table (edit, copy, Excel, revisions)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.exports import Column, list_export, xlsx_response
from thidua.core.imports import CHECK_JOB
from thidua.core.jobs import jobs_of
from thidua.core.web import form_error_text, report, require, run
from thidua.emulation.enums import PhaseKind
from thidua.emulation.selectors import phase_of
from thidua.organizations.scopes import scope_of
from thidua.scoring import excel, import_jobs, selectors
from thidua.scoring.calculation import describe_rule
from thidua.scoring.enums import AssessmentState, TableStatus
from thidua.scoring.forms import CopyForm, CriterionForm, ImportForm, ReasonForm, TableSettingsForm
from thidua.scoring.models import CriteriaTable, Criterion, RankingPublication
from thidua.scoring.services import tables as table_services
from thidua.scoring.views.common import get_year


@login_required
def index(request):
    in_force = CriteriaTable.objects.filter(cluster_year=OuterRef("pk"), status=TableStatus.IN_FORCE)
    years = selectors.scoring_years_for(request.user).annotate(
        has_table=Exists(in_force),
        submitted=Count("assessments", filter=Q(assessments__state=AssessmentState.SUBMITTED), distinct=True),
        published=Exists(RankingPublication.objects.filter(cluster_year=OuterRef("pk"))),
    )
    return render(request, "scoring/index.html", {"years": years})


@login_required
def index_export(request):
    in_force = CriteriaTable.objects.filter(cluster_year=OuterRef("pk"), status=TableStatus.IN_FORCE)
    years = selectors.scoring_years_for(request.user).annotate(
        has_table=Exists(in_force),
        submitted=Count("assessments", filter=Q(assessments__state=AssessmentState.SUBMITTED), distinct=True),
        published=Exists(RankingPublication.objects.filter(cluster_year=OuterRef("pk"))),
    )
    columns = [
        Column(_("Cụm, khối thi đua"), lambda cy: cy.cluster.name),
        Column(_("Năm"), lambda cy: cy.year),
        Column(_("Bảng tiêu chí"), lambda cy: _("đã có") if cy.has_table else _("chưa có")),
        Column(_("Bản tự chấm đã nộp"), lambda cy: cy.submitted),
        Column(_("Kết quả xếp hạng"), lambda cy: _("đã công bố") if cy.published else _("chưa công bố")),
    ]
    return list_export(years, columns, sheet="Cham diem", filename="cham-diem-thi-dua")


@login_required
def year_detail(request, pk):
    cluster_year = get_year(request, pk)
    user = request.user
    table = selectors.current_table(cluster_year)
    scope = scope_of(user)
    own_units = [m.unit for m in cluster_year.memberships.select_related("unit") if m.unit_id in scope.unit_ids]
    own = [(unit, selectors.assessment_for(cluster_year, unit)) for unit in own_units]
    return render(
        request,
        "scoring/year.html",
        {
            "cluster_year": cluster_year,
            "table": table,
            "draft": selectors.draft_table(cluster_year),
            "phases": [phase_of(cluster_year, kind) for kind in (PhaseKind.SELF_ASSESSMENT, PhaseKind.REVIEW)],
            "progress": selectors.year_progress(cluster_year),
            "own": own,
            "my_reviews": selectors.assignments_for_user(user).filter(cluster_year=cluster_year),
            "can_manage": user.has_perm("scoring.manage_table", cluster_year),
            "can_see_ranking": user.has_perm("scoring.view_ranking", cluster_year),
            "can_oversee": user.has_perm("scoring.view_progress", cluster_year),
        },
    )


def _table_context(request, table):
    tree = selectors.tree_of(table)
    cluster_year = table.cluster_year
    can_manage = request.user.has_perm("scoring.manage_table", cluster_year)
    frozen = selectors.table_is_frozen(table)
    return {
        "cluster_year": cluster_year,
        "table": table,
        "rows": [(node, depth, tree.is_leaf(node)) for node, depth in tree.walk()],
        "summary": table_services.table_summary(table, tree),
        "rule_text": describe_rule(table.tie_break_steps),
        "frozen": frozen,
        "can_edit": can_manage and not frozen,
        "can_manage": can_manage,
        "draft": selectors.draft_table(cluster_year),
        "versions": selectors.table_versions(cluster_year),
        "sources": selectors.previous_tables(cluster_year),
        "published": selectors.ranking_is_published(cluster_year),
    }


@login_required
def table_of_year(request, pk):
    cluster_year = get_year(request, pk)
    table = selectors.current_table(cluster_year)
    if table is None:
        can_manage = request.user.has_perm("scoring.manage_table", cluster_year)
        sources = selectors.previous_tables(cluster_year)
        return render(
            request,
            "scoring/table_missing.html",
            {"cluster_year": cluster_year, "can_manage": can_manage, "copy_form": CopyForm(sources=sources)},
        )
    return render(request, "scoring/table.html", _table_context(request, table))


@login_required
def table_version(request, pk):
    table = get_object_or_404(CriteriaTable.objects.select_related("cluster_year__cluster"), pk=pk)
    get_year(request, table.cluster_year_id)
    return render(request, "scoring/table.html", _table_context(request, table))


@login_required
@require_POST
def table_create(request, pk):
    cluster_year = get_year(request, pk)
    try:
        table_services.create_table(cluster_year, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        report(request, error)
    return redirect("scoring:table", cluster_year.pk)


@login_required
@require_POST
def table_copy(request, pk):
    cluster_year = get_year(request, pk)
    form = CopyForm(request.POST, sources=selectors.previous_tables(cluster_year))
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect("scoring:table", cluster_year.pk)
    try:
        table_services.copy_table_from(form.cleaned_data["source"], cluster_year, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        report(request, error)
    else:
        messages.success(
            request, _("Đã sao chép bảng tiêu chí từ %(source)s.") % {"source": form.cleaned_data["source"]}
        )
    return redirect("scoring:table", cluster_year.pk)


def _managed_table(request, pk):
    table = get_object_or_404(CriteriaTable.objects.select_related("cluster_year__cluster"), pk=pk)
    get_year(request, table.cluster_year_id)
    require(request, "scoring.manage_table", table.cluster_year)
    return table


def _refuse_frozen(request, table):
    try:
        table_services.refuse_if_frozen(table)
    except ValidationError as refusal:
        report(request, refusal)
    return _back(table)


def _back(table):
    if table.status == TableStatus.IN_FORCE:
        return redirect("scoring:table", table.cluster_year_id)
    return redirect("scoring:table_version", table.pk)


@login_required
def table_settings(request, pk):
    table = _managed_table(request, pk)
    if selectors.table_is_frozen(table):
        return _refuse_frozen(request, table)
    tree = selectors.tree_of(table)
    form = TableSettingsForm(request.POST or None, tree=tree, initial=TableSettingsForm.initial_for(table))
    if request.method == "POST" and form.is_valid():
        try:
            table_services.update_table_settings(table, actor=request.user, **form.settings())
        except (ValidationError, PermissionDenied) as error:
            report(request, error)
        else:
            messages.success(request, _("Đã lưu cài đặt bảng tiêu chí."))
            return _back(table)
    return render(
        request, "scoring/table_settings.html", {"table": table, "form": form, "cluster_year": table.cluster_year}
    )


@login_required
def criterion_edit(request, pk=None, table_pk=None):
    criterion = get_object_or_404(Criterion.objects.select_related("table"), pk=pk) if pk else None
    table = _managed_table(request, criterion.table_id if criterion else table_pk)
    if selectors.table_is_frozen(table):
        return _refuse_frozen(request, table)
    form = CriterionForm(request.POST or None, instance=criterion, table=table)
    if request.method == "POST" and form.is_valid():
        try:
            # The form works on a copy: the service decides whether the change is allowed and saves it.
            original = Criterion.objects.get(pk=criterion.pk) if criterion else None
            table_services.save_criterion(
                table, actor=request.user, criterion=original, parent=form.cleaned_data["parent"], **form.values()
            )
        except (ValidationError, PermissionDenied) as error:
            report(request, error)
        else:
            messages.success(request, _("Đã lưu tiêu chí %(code)s.") % {"code": form.cleaned_data["code"]})
            return _back(table)
    return render(
        request,
        "scoring/criterion_form.html",
        {"table": table, "form": form, "criterion": criterion, "cluster_year": table.cluster_year},
    )


@login_required
@require_POST
def criterion_delete(request, pk):
    criterion = get_object_or_404(Criterion.objects.select_related("table"), pk=pk)
    table = _managed_table(request, criterion.table_id)
    try:
        table_services.delete_criterion(criterion, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        report(request, error)
    else:
        messages.success(request, _("Đã xóa mục %(code)s.") % {"code": criterion.code})
    return _back(table)


@login_required
def table_export(request, pk):
    table = get_object_or_404(CriteriaTable.objects.select_related("cluster_year"), pk=pk)
    get_year(request, table.cluster_year_id)
    filename = f"bang-tieu-chi-{table.cluster_year.year}-v{table.version}.xlsx"
    return xlsx_response(excel.export_table(table), filename)


@login_required
def table_import(request, pk):
    """Upload: the file is stored and its dry run queued; the job page shows the progress, then the result with the
    button that writes it (a write job that replaces the criteria only if the table did not change meanwhile)."""
    table = _managed_table(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        ok, job = run(request, lambda: import_jobs.start_import(table, form.cleaned_data["file"], actor=request.user))
        if ok:
            return redirect("core:job_detail", job.pk)
    recent = jobs_of(request.user).filter(kind=CHECK_JOB, params__kind=import_jobs.KIND, params__table=table.pk)
    return render(
        request,
        "scoring/table_import.html",
        {
            "table": table,
            "cluster_year": table.cluster_year,
            "form": form,
            "frozen": selectors.table_is_frozen(table),
            "recent": recent[:10],
        },
    )


@login_required
def revision_start(request, pk):
    cluster_year = get_year(request, pk)
    require(request, "scoring.manage_table", cluster_year)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = table_services.start_revision(cluster_year, actor=request.user, reason=form.cleaned_data["reason"])
        except (ValidationError, PermissionDenied) as error:
            report(request, error)
        else:
            messages.success(request, _("Đã tạo bản sửa đổi phiên bản %(v)s.") % {"v": draft.version})
            return redirect("scoring:table_version", draft.pk)
    return render(request, "scoring/revision_start.html", {"cluster_year": cluster_year, "form": form})


@login_required
@require_POST
def revision_adopt(request, pk):
    draft = _managed_table(request, pk)
    try:
        table_services.adopt_revision(draft, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        report(request, error)
        return redirect("scoring:table_version", draft.pk)
    messages.success(request, _("Đã ban hành phiên bản %(v)s của bảng tiêu chí.") % {"v": draft.version})
    return redirect("scoring:table", draft.cluster_year_id)


@login_required
@require_POST
def revision_discard(request, pk):
    draft = _managed_table(request, pk)
    try:
        table_services.discard_revision(draft, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        report(request, error)
        return redirect("scoring:table_version", draft.pk)
    messages.success(request, _("Đã hủy bản sửa đổi."))
    return redirect("scoring:table", draft.cluster_year_id)
