"""Pages that make documents: the annual summaries (page preview and .docx), form 0602.N (page and Excel), and the
buttons that start the batch jobs (all summaries of a province, screening of a cluster or province)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.documents import docx_response
from thidua.core.exports import xlsx_response
from thidua.core.web import require
from thidua.organizations.models import ClusterYear, Province
from thidua.reports import documents, form_0602, jobs
from thidua.reports.summary import build_cluster_summary
from thidua.reports.summary_province import build_province_summary
from thidua.reports.views.dashboards import year_param


def _cluster_year(request, pk):
    cluster_year = get_object_or_404(ClusterYear.objects.select_related("cluster__province"), pk=pk)
    require(request, "reports.make_cluster_summary", cluster_year)
    return cluster_year


@login_required
def cluster_summary(request, pk):
    cluster_year = _cluster_year(request, pk)
    summary = build_cluster_summary(cluster_year)
    return render(
        request,
        "reports/summary.html",
        {
            "summary": summary,
            "title": _("Báo cáo tổng kết năm %(y)s: %(c)s") % {"y": cluster_year.year, "c": cluster_year.cluster.name},
            "docx_url": request.path + "bao-cao.docx",
            "back": ("reports:cluster_dashboard", cluster_year.cluster_id),
        },
    )


@login_required
def cluster_summary_docx(request, pk):
    cluster_year = _cluster_year(request, pk)
    content = documents.summary_docx(build_cluster_summary(cluster_year))
    return docx_response(content, f"bao-cao-tong-ket-{cluster_year.year}-cum-{cluster_year.cluster_id}.docx")


def _province(request, pk, perm):
    province = get_object_or_404(Province, pk=pk)
    require(request, perm, province)
    return province


@login_required
def province_summary(request, pk, year):
    province = _province(request, pk, "reports.make_province_summary")
    summary = build_province_summary(province, year)
    return render(
        request,
        "reports/summary.html",
        {
            "summary": summary,
            "title": _("Báo cáo tổng kết năm %(y)s: tỉnh %(p)s") % {"y": year, "p": province.name},
            "docx_url": request.path + "bao-cao.docx",
            "back": ("reports:province_dashboard", province.pk),
            "batch_province": province,
            "batch_year": year,
        },
    )


@login_required
def province_summary_docx(request, pk, year):
    province = _province(request, pk, "reports.make_province_summary")
    content = documents.summary_docx(build_province_summary(province, year))
    return docx_response(content, f"bao-cao-tong-ket-{year}-{province.code}.docx")


@login_required
@require_POST
def province_summaries_batch(request, pk, year):
    province = _province(request, pk, "reports.make_province_summary")
    job = jobs.start_summaries(actor=request.user, province=province, year=year)
    return redirect("core:job_detail", job.pk)


def _form_province(request):
    scope_provinces = [
        p for p in Province.objects.order_by("name") if request.user.has_perm("reports.make_statistics_form", p)
    ]
    if not scope_provinces:
        raise PermissionDenied
    chosen = request.GET.get("tinh", "")
    province = next((p for p in scope_provinces if str(p.pk) == chosen), None)
    if province is None:
        province = next((p for p in scope_provinces if p.valid_to is None), scope_provinces[0])
    return province, scope_provinces


@login_required
def statistics_form(request):
    province, provinces = _form_province(request)
    year = year_param(request, timezone.localdate().year)
    filled = form_0602.fill(province, year)
    if request.GET.get("xuat") == "xlsx":
        return xlsx_response(documents.form_0602_xlsx(filled), f"bieu-0602N-{province.code}-{year}.xlsx")
    return render(
        request,
        "reports/form_0602.html",
        {"filled": filled, "form": form_0602, "provinces": provinces, "province": province, "year": year},
    )


@login_required
@require_POST
def screening_batch(request):
    try:
        job = jobs.start_screening(
            actor=request.user,
            target_value=request.POST.get("pham_vi", ""),
            year=request.POST.get("year") or timezone.localdate().year - 1,
            form_code=request.POST.get("award_form_code", ""),
            only_qualifying=request.POST.get("only_qualifying") == "on",
        )
    except (ValidationError, PermissionDenied) as refused:
        messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])) or _("Bạn không có quyền."))
        return redirect("awards:screening")
    return redirect("core:job_detail", job.pk)
