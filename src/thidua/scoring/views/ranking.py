"""The ranking page with its chart, the Excel and .docx downloads, tie decisions and publication."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.documents import docx_response
from thidua.core.exports import xlsx_response
from thidua.core.web import form_error_text, run
from thidua.scoring import selectors
from thidua.scoring.documents import bar_chart_svg, ranking_docx, ranking_sheet, ranking_xlsx
from thidua.scoring.enums import TieBreakStep
from thidua.scoring.forms import PublishForm, TieDecisionForm
from thidua.scoring.services import ranking as ranking_services
from thidua.scoring.views.common import get_year


def _unresolved_ties(sheet):
    """Groups of units sharing a rank: the secretariat may record their order when the rule allows it."""
    by_rank = {}
    for item in sheet.ranked:
        by_rank.setdefault(item.row.rank, []).append(item.row.unit)
    return [units for units in by_rank.values() if len(units) > 1]


@login_required
def ranking(request, pk):
    cluster_year = get_year(request, pk, perm="scoring.view_ranking")
    sheet = ranking_sheet(cluster_year)
    can_publish = request.user.has_perm("scoring.publish_ranking", cluster_year)
    published = selectors.publication_of(cluster_year)
    ties = []
    if sheet and can_publish and not published and TieBreakStep.DECISION in sheet.table.tie_break_steps:
        ties = [TieDecisionForm(units=units, prefix=f"tie{i}") for i, units in enumerate(_unresolved_ties(sheet))]
    return render(
        request,
        "scoring/ranking.html",
        {
            "cluster_year": cluster_year,
            "sheet": sheet,
            "lines": list(zip(sheet.ranked, sheet.lines(), strict=True)) if sheet else [],
            "chart": bar_chart_svg(sheet) if sheet and sheet.ranked else "",
            "publication": published,
            "can_publish": can_publish and not published,
            "problems": ranking_services.publication_problems(cluster_year) if can_publish and not published else [],
            "not_submitted": selectors.units_without_submitted_assessment(cluster_year),
            "tie_forms": ties,
            "publish_form": PublishForm(),
        },
    )


@login_required
def ranking_export_xlsx(request, pk):
    cluster_year = get_year(request, pk, perm="scoring.view_ranking")
    sheet = ranking_sheet(cluster_year)
    if sheet is None:
        messages.error(request, _("Năm này chưa có bảng tiêu chí."))
        return redirect("scoring:ranking", cluster_year.pk)
    return xlsx_response(ranking_xlsx(sheet), f"xep-hang-thi-dua-{cluster_year.year}.xlsx")


@login_required
def ranking_export_docx(request, pk):
    cluster_year = get_year(request, pk, perm="scoring.view_ranking")
    sheet = ranking_sheet(cluster_year)
    if sheet is None:
        messages.error(request, _("Năm này chưa có bảng tiêu chí."))
        return redirect("scoring:ranking", cluster_year.pk)
    return docx_response(ranking_docx(sheet), f"bang-tong-hop-ket-qua-cham-diem-{cluster_year.year}.docx")


@login_required
@require_POST
def tie_decision(request, pk):
    cluster_year = get_year(request, pk, perm="scoring.view_ranking")
    sheet = ranking_sheet(cluster_year)
    groups = _unresolved_ties(sheet) if sheet else []
    index = int(request.POST["group"]) if request.POST.get("group", "").isdigit() else -1
    if not 0 <= index < len(groups):
        messages.error(request, _("Nhóm bằng điểm này không còn; hãy tải lại trang."))
        return redirect("scoring:ranking", cluster_year.pk)
    form = TieDecisionForm(request.POST, units=groups[index], prefix=f"tie{index}")
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect("scoring:ranking", cluster_year.pk)
    run(
        request,
        lambda: ranking_services.record_tie_decision(
            cluster_year, actor=request.user, unit_order=form.unit_order(), reason=form.cleaned_data["reason"]
        ),
        _("Đã ghi quyết định thứ tự của Thư ký cụm."),
    )
    return redirect("scoring:ranking", cluster_year.pk)


@login_required
@require_POST
def publish(request, pk):
    cluster_year = get_year(request, pk, perm="scoring.view_ranking")
    run(
        request,
        lambda: ranking_services.publish_ranking(cluster_year, actor=request.user, note=request.POST.get("note", "")),
        _("Đã công bố kết quả xếp hạng cho các đơn vị thành viên."),
    )
    return redirect("scoring:ranking", cluster_year.pk)
