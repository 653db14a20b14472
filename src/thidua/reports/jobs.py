"""Batch jobs of reports (core.jobs kinds): eligibility screening of a whole cluster or province into Excel, and
the annual summaries of every cluster of a province in one .docx. Both only read and produce a file, so a run
that dies leaves nothing behind and can simply be run again. The imports are in imports.py."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.eligibility import screen
from thidua.awards.models import AwardForm
from thidua.awards.selectors import screening_candidates
from thidua.core.enums import FileKind
from thidua.core.exports import workbook_bytes
from thidua.core.jobs import attach_result_file, register_job, start_job
from thidua.organizations.models import ClusterYear, Province, Unit
from thidua.reports.documents import summaries_docx
from thidua.reports.importers.base import chunks
from thidua.reports.selectors import province_cluster_years
from thidua.reports.summary import build_cluster_summary
from thidua.reports.summary_province import build_province_summary

SCREENING_JOB = "reports.screening"
SUMMARIES_JOB = "reports.summaries"
SCREEN_BATCH = 100  # candidates per step: each step is a few queries and one progress report
SCREENING_YEARS = (1945, 2100)  # the same bounds as the year fields of the award forms

SCREENING_HEADERS = [
    gettext_lazy("Tập thể, cá nhân"),
    gettext_lazy("Loại"),
    gettext_lazy("Đơn vị công tác"),
    gettext_lazy("Danh hiệu, hình thức"),
    gettext_lazy("Kết quả"),
    gettext_lazy("Điều kiện chưa đạt"),
    gettext_lazy("Cần thẩm định thêm"),
    gettext_lazy("Có quy định chưa đối chiếu"),
]


def screening_target(value):
    """'province-3', 'cy-5' or 'unit-7' -> the object (None when it does not exist)."""
    kind, _sep, pk = (value or "").partition("-")
    model = {"unit": Unit, "cy": ClusterYear, "province": Province}.get(kind)
    if model is None or not pk.isdigit():
        return None
    qs = model.objects.select_related("cluster") if model is ClusterYear else model.objects.all()
    return qs.filter(pk=int(pk)).first()


def start_screening(*, actor, target_value, year, form_code="", only_qualifying=False):
    target = screening_target(target_value)
    if target is None:
        raise ValidationError(_("Hãy chọn phạm vi xét."))
    if not actor.has_perm("awards.screen", target):
        raise PermissionDenied(_("Bạn không có quyền xét điều kiện trong phạm vi này."))
    params = {"target": target_value, "year": _screening_year(year), "form": form_code, "only": bool(only_qualifying)}
    return start_job(SCREENING_JOB, owner=actor, params=params)


def _screening_lines(rows, only_qualifying=False):
    for row in rows:
        unit = row.candidate if row.is_unit else getattr(row.candidate, "screening_unit", None)
        for result in row.qualifying if only_qualifying else row.results:
            yield [
                row.candidate.full_name,
                _("Tập thể") if row.is_unit else _("Cá nhân"),
                unit.full_name if unit else "",
                result.award_form.name,
                str(result.status_label),
                "; ".join(f"{c.label}: {c.explanation}" for c in result.not_met),
                "; ".join(f"{c.label}: {c.explanation}" for c in result.unknown),
                _("Có") if result.has_unverified_rules else "",
            ]


def _screening_year(value):
    """The year typed on the screening page; anything but a year in range is refused (never a server error)."""
    try:
        year = int(str(value).strip())
    except ValueError:
        year = None
    if year is None or not SCREENING_YEARS[0] <= year <= SCREENING_YEARS[1]:
        raise ValidationError(
            _("Năm xét không hợp lệ: hãy nhập một năm từ %(first)s đến %(last)s.")
            % {"first": SCREENING_YEARS[0], "last": SCREENING_YEARS[1]}
        )
    return year


def run_screening(job, progress):
    target = screening_target(job.params["target"])
    if target is None:
        raise ValidationError(_("Phạm vi xét không còn trong hệ thống."))
    if not job.owner.has_perm("awards.screen", target):
        raise PermissionDenied(_("Bạn không có quyền xét điều kiện trong phạm vi này."))
    year = job.params["year"]
    form = AwardForm.objects.filter(code=job.params.get("form") or "").first()
    units, people = screening_candidates(target, year, form)
    candidates = [*units, *people]
    lines, qualifying = [], 0
    progress(0, len(candidates), _("Đang xét điều kiện"))
    for done, batch in enumerate(chunks(candidates, SCREEN_BATCH), start=1):
        rows = screen(
            year=year,
            units=[c for c in batch if isinstance(c, Unit)],
            persons=[c for c in batch if not isinstance(c, Unit)],
            forms=[form] if form else None,
        )
        qualifying += sum(1 for row in rows if row.qualifying)
        lines += _screening_lines(rows, job.params.get("only", False))
        progress(min(done * SCREEN_BATCH, len(candidates)), len(candidates), _("Đang xét điều kiện"))
    title = _("Xet dieu kien %(y)s") % {"y": year}
    attach_result_file(
        job, workbook_bytes([(title, [str(h) for h in SCREENING_HEADERS], lines)]), f"xet-dieu-kien-{year}.xlsx"
    )
    return {"target": str(target), "year": year, "candidates": len(candidates), "qualifying": qualifying}


def start_summaries(*, actor, province, year):
    if not actor.has_perm("reports.make_province_summary", province):
        raise PermissionDenied(_("Bạn không có quyền lập báo cáo tổng kết của tỉnh."))
    return start_job(SUMMARIES_JOB, owner=actor, params={"province": province.pk, "year": int(year)})


def run_summaries(job, progress):
    province = Province.objects.filter(pk=job.params["province"]).first()
    if province is None:
        raise ValidationError(_("Tỉnh không còn trong hệ thống."))
    if not job.owner.has_perm("reports.make_province_summary", province):
        raise PermissionDenied(_("Bạn không có quyền lập báo cáo tổng kết của tỉnh."))
    year = job.params["year"]
    cluster_years = province_cluster_years(province, year)
    total = len(cluster_years) + 1
    summaries = [build_province_summary(province, year)]
    progress(1, total, _("Đang lập báo cáo"))
    for index, cluster_year in enumerate(cluster_years, start=2):
        summaries.append(build_cluster_summary(cluster_year))
        progress(index, total, _("Đang lập báo cáo"))
    content = summaries_docx(summaries)
    attach_result_file(job, content, f"bao-cao-tong-ket-{province.code}-{year}.docx", kind=FileKind.DOCX)
    return {"province": province.name, "year": year, "documents": len(summaries)}


register_job(
    SCREENING_JOB,
    gettext_lazy("Xét điều kiện khen thưởng hàng loạt"),
    run=run_screening,
    result_template="reports/jobs/_screening.html",
)
register_job(
    SUMMARIES_JOB,
    gettext_lazy("Lập báo cáo tổng kết của các cụm, khối trong tỉnh"),
    run=run_summaries,
    result_template="reports/jobs/_summaries.html",
)
