"""The public honour board (bảng vàng): no login; recognised exemplars, each with a page to share."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.selectors import honour_board_awards
from thidua.core.exports import workbook_bytes, xlsx_response
from thidua.core.routers import reads_from_replica
from thidua.emulation import selectors
from thidua.emulation.enums import ExemplarState
from thidua.emulation.honour import HonourFilters, cached_honour_board
from thidua.emulation.views.common import int_or_none


@reads_from_replica
def honour_board(request):
    filters = HonourFilters(
        query=request.GET.get("q", "").strip(),
        province=int_or_none(request.GET.get("province")),
        cluster=int_or_none(request.GET.get("cluster")),
        year=int_or_none(request.GET.get("year")),
        page=request.GET.get("page"),
    )
    return render(request, "emulation/public/honour_board.html", {"filters": filters, **cached_honour_board(filters)})


@reads_from_replica
def honour_board_export(request):
    """The board's two lists with its filters (recognised exemplars, awarded collectives) in Excel; public too."""

    filters = {
        "query": request.GET.get("q", "").strip(),
        "province": int_or_none(request.GET.get("province")),
        "year": int_or_none(request.GET.get("year")),
    }
    cluster = int_or_none(request.GET.get("cluster"))
    exemplars = selectors.honour_board(**filters, cluster=cluster)
    awards = honour_board_awards(**filters)
    if cluster:
        awards = awards.filter(unit__memberships__cluster_year__cluster_id=cluster).distinct()
    exemplar_rows = (
        [e.name, e.get_kind_display(), e.title, e.unit.full_name, e.province.name, e.year, e.recognised_by]
        for e in exemplars
    )
    award_rows = (
        [r.recipient_name, r.award_form.name, r.year, r.decision_number, r.decision_date, r.province.name]
        for r in awards
    )
    content = workbook_bytes(
        [
            (
                "Dien hinh tien tien",
                [_("Tên"), _("Loại"), _("Chức vụ, nơi công tác"), _("Đơn vị"), _("Tỉnh"), _("Năm"), _("Cấp công nhận")],
                exemplar_rows,
            ),
            (
                "Tap the duoc khen",
                [
                    _("Tập thể"),
                    _("Danh hiệu, hình thức"),
                    _("Năm"),
                    _("Số quyết định"),
                    _("Ngày quyết định"),
                    _("Tỉnh"),
                ],
                award_rows,
            ),
        ]
    )
    return xlsx_response(content, f"bang-vang-{timezone.localdate():%Y%m%d}.xlsx")


def _recognised(pk):
    exemplar = selectors.exemplar_qs().filter(pk=pk, state=ExemplarState.RECOGNISED).first()
    if exemplar is None:
        raise Http404
    return exemplar


def honour_entry(request, pk, slug=""):
    exemplar = _recognised(pk)
    if slug != exemplar.slug:
        # Names change; the number is the permalink and the slug only reads well.
        return redirect("honour:entry", pk=exemplar.pk, slug=exemplar.slug, permanent=True)
    return render(request, "emulation/public/honour_entry.html", {"exemplar": exemplar})
