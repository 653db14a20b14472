"""Dashboards: the start page of reports, and the province, cluster and unit dashboards with their Excel copy."""

import re
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.exports import workbook_bytes, xlsx_response
from thidua.core.routers import reads_from_replica
from thidua.core.web import require
from thidua.organizations.models import Cluster, Province, Unit
from thidua.reports import dashboards, selectors
from thidua.scoring.models import RankingPublication


def year_param(request, default):
    value = request.GET.get("nam", "")
    return int(value) if value.isdigit() and 1900 < int(value) < 3000 else default  # noqa: PLR2004 - sane years


@login_required
@reads_from_replica
def index(request):
    require(request, "reports.view_reports")
    user = request.user
    return render(
        request,
        "reports/index.html",
        {
            "provinces": selectors.dashboard_provinces(user),
            "clusters": selectors.dashboard_clusters(user),
            "units": selectors.dashboard_units(user),
            "can_import": user.has_perm("reports.import_data") or user.has_perm("awards.import_records"),
            "can_form": user.has_perm("reports.make_statistics_form"),
            "last_year": timezone.localdate().year - 1,
        },
    )


def _cell(value):
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def _export(figures, filename):
    """Every figure's table on its own sheet: the dashboard's numbers, for officials who work on in Excel."""
    sheets = [
        (
            re.sub(r"[\[\]:*?/\\]", " ", f"{index}. {figure.title}")[:31].strip(),
            [str(h) for h in figure.headers],
            [[_cell(c) for c in row] for row in figure.rows],
        )
        for index, figure in enumerate(figures, start=1)
    ]
    return xlsx_response(workbook_bytes(sheets), filename)


def _render(request, template_context, figures, filename):
    if request.GET.get("xuat") == "xlsx":
        return _export(figures, filename)
    return render(request, "reports/dashboard.html", {**template_context, "figures": figures})


def _province_year(province):
    years = selectors.years_of(selectors.province_records(province))
    return years, (years[-1] if years else timezone.localdate().year - 1)


@login_required
@reads_from_replica
def province_dashboard(request, pk):
    province = get_object_or_404(Province, pk=pk)
    require(request, "reports.view_province_dashboard", province)
    years, default = _province_year(province)
    year = year_param(request, default)
    figures = dashboards.province_dashboard(province, year)
    context = {
        "title": _("Tổng hợp thi đua, khen thưởng: %(name)s") % {"name": province.name},
        "year": year,
        "years": sorted(set(years) | {year}, reverse=True),
        "province": province,
        "can_summary": request.user.has_perm("reports.make_province_summary", province),
        "can_form": request.user.has_perm("reports.make_statistics_form", province),
    }
    return _render(request, context, figures, f"tong-hop-{province.code}-{year}.xlsx")


def _default_cluster_year(years):
    published = (
        RankingPublication.objects.filter(cluster_year__in=years)
        .order_by("-cluster_year__year")
        .values_list("cluster_year__year", flat=True)
        .first()
    )
    return published or (years[-1].year if years else timezone.localdate().year - 1)


@login_required
@reads_from_replica
def cluster_dashboard(request, pk):
    cluster = get_object_or_404(Cluster.objects.select_related("province"), pk=pk)
    require(request, "reports.view_cluster_dashboard", cluster)
    years = selectors.cluster_years_of(cluster)
    year = year_param(request, _default_cluster_year(years))
    figures = dashboards.cluster_dashboard(cluster, year, request.user)
    current = next((cy for cy in years if cy.year == year), None)
    context = {
        "title": _("Tổng hợp thi đua, khen thưởng: %(name)s") % {"name": cluster.name},
        "year": year,
        "years": sorted({cy.year for cy in years} | {year}, reverse=True),
        "cluster": cluster,
        "cluster_year": current,
        "can_summary": current is not None and request.user.has_perm("reports.make_cluster_summary", current),
    }
    return _render(request, context, figures, f"tong-hop-cum-{cluster.pk}-{year}.xlsx")


@login_required
@reads_from_replica
def unit_dashboard(request, pk):
    unit = get_object_or_404(Unit.objects.select_related("province"), pk=pk)
    require(request, "reports.view_unit_dashboard", unit)
    figures = dashboards.unit_dashboard(unit, request.user)
    context = {"title": _("Tổng hợp thi đua, khen thưởng: %(name)s") % {"name": unit.full_name}, "unit": unit}
    return _render(request, context, figures, f"tong-hop-{unit.code}.xlsx")
