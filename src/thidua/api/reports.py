"""The reports API: the dashboards' figures, the annual summary's facts, form 0602.N, and the progress of a job.

Same permissions as the pages: 401 anonymous, 403 out of scope, 404 for an unknown object (and for someone else's
job, so that nobody learns which jobs exist).
"""

from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from thidua.api.common import AUTH, JobStartedOut, job_started, require_perm
from thidua.core.imports import start_write
from thidua.core.jobs import is_stale, job_kind
from thidua.core.models import JobRun
from thidua.organizations.models import Cluster, ClusterYear, Province, Unit
from thidua.organizations.scopes import scope_of
from thidua.reports import dashboards, form_0602
from thidua.reports.summary import build_cluster_summary

router = Router(tags=["reports"], auth=AUTH)


class FigureOut(Schema):
    key: str
    title: str
    headers: list[str]
    rows: list[list]


class FiguresOut(Schema):
    scope: str
    year: int | None
    figures: list[FigureOut]


class LevelOut(Schema):
    level: str
    collective: int
    individual: int
    total: int


class SummaryOut(Schema):
    cluster_year: int
    year: int
    flags: list[str]
    next_leader: str | None
    next_deputy: str | None
    levels: list[LevelOut]
    invented: bool
    text: str


class FormRowOut(Schema):
    code: str
    label: str
    unit: str
    values: list[int | None]


class FormOut(Schema):
    code: str
    title: str
    citation: str
    note: str
    province: str
    year: int
    columns: list[str]
    rows: list[FormRowOut]


class JobOut(Schema):
    id: int
    kind: str
    label: str
    state: str
    state_label: str
    done: int
    total: int
    percent: int
    message: str
    error: str
    stale: bool
    result: dict
    result_file: str | None


def _cell(value):
    if isinstance(value, (int, float)) or value is None:
        return value
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def _figures(scope, year, figures):
    return {
        "scope": scope,
        "year": year,
        "figures": [
            {
                "key": f.key,
                "title": f.title,
                "headers": [str(h) for h in f.headers],
                "rows": [[_cell(c) for c in row] for row in f.rows],
            }
            for f in figures
        ],
    }


def _year(year):
    return year or timezone.localdate().year - 1


@router.get("/reports/provinces/{province_id}/figures", response=FiguresOut)
def province_figures(request, province_id: int, year: int | None = None):
    province = get_object_or_404(Province, pk=province_id)
    require_perm(request, "reports.view_province_dashboard", province)
    year = _year(year)
    return _figures(province.name, year, dashboards.province_dashboard(province, year))


@router.get("/reports/clusters/{cluster_id}/figures", response=FiguresOut)
def cluster_figures(request, cluster_id: int, year: int | None = None):
    cluster = get_object_or_404(Cluster.objects.select_related("province"), pk=cluster_id)
    require_perm(request, "reports.view_cluster_dashboard", cluster)
    year = _year(year)
    return _figures(cluster.name, year, dashboards.cluster_dashboard(cluster, year, request.user))


@router.get("/reports/units/{unit_id}/figures", response=FiguresOut)
def unit_figures(request, unit_id: int):
    unit = get_object_or_404(Unit.objects.select_related("province"), pk=unit_id)
    require_perm(request, "reports.view_unit_dashboard", unit)
    return _figures(unit.full_name, None, dashboards.unit_dashboard(unit, request.user))


@router.get("/reports/cluster-years/{cluster_year_id}/summary", response=SummaryOut)
def cluster_summary(request, cluster_year_id: int):
    cluster_year = get_object_or_404(ClusterYear.objects.select_related("cluster__province"), pk=cluster_year_id)
    require_perm(request, "reports.make_cluster_summary", cluster_year)
    summary = build_cluster_summary(cluster_year)
    return {
        "cluster_year": cluster_year.pk,
        "year": cluster_year.year,
        "flags": summary.flags,
        "next_leader": summary.next_leader.full_name if summary.next_leader else None,
        "next_deputy": summary.next_deputy.full_name if summary.next_deputy else None,
        "levels": [
            {"level": r.label, "collective": r.collective, "individual": r.individual, "total": r.total}
            for r in summary.level_rows
        ],
        "invented": summary.invented,
        "text": summary.text(),
    }


@router.get("/reports/form-0602", response=FormOut)
def statistics_form(request, province: int, year: int):
    chosen = get_object_or_404(Province, pk=province)
    require_perm(request, "reports.make_statistics_form", chosen)
    filled = form_0602.fill(chosen, year)
    return {
        "code": form_0602.CODE,
        "title": str(form_0602.TITLE),
        "citation": str(form_0602.CITATION),
        "note": str(form_0602.CHECK_NOTE),
        "province": chosen.name,
        "year": year,
        "columns": [f"{c.group} – {c.label}" if c.group else str(c.label) for c in form_0602.COLUMNS],
        "rows": [
            {"code": row.code, "label": str(row.label).strip(), "unit": str(row.unit), "values": values}
            for row, values in filled.lines()
        ],
    }


@router.post(
    "/jobs/{job_id}/write", response={202: JobStartedOut}, summary="Ghi một tệp đã kiểm tra không lỗi (chạy nền)"
)
def import_write(request, job_id: int):
    """The write of a clean import dry run (any import: units, people, award register, criteria table): once per
    dry run, by whoever ran it, if they still may import it."""
    check_job = JobRun.objects.select_related("source_file").filter(pk=job_id, owner=request.user).first()
    if check_job is None:
        raise Http404
    return job_started(start_write(check_job, actor=request.user))


@router.get("/jobs/{job_id}", response=JobOut)
def job_status(request, job_id: int):
    """A long job's progress: for the user who started it (and administrators)."""
    job = JobRun.objects.select_related("result_file").filter(pk=job_id).first()
    if job is None or (job.owner_id != request.user.pk and not scope_of(request.user).is_admin):
        raise Http404
    kind = job_kind(job.kind)
    return {
        "id": job.pk,
        "kind": job.kind,
        "label": str(kind.label) if kind else job.kind,
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "error": job.error,
        "stale": is_stale(job),
        "result": job.result,
        "result_file": f"/tep/{job.result_file.uuid}/" if job.result_file else None,
    }
