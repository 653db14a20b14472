"""The public honour board (bảng vàng): no login; recognised exemplars, each with a page to share."""

from django.http import Http404
from django.shortcuts import redirect, render

from thidua.emulation import selectors
from thidua.emulation.enums import ExemplarState
from thidua.emulation.honour import HonourFilters, honour_sections
from thidua.emulation.views.common import int_or_none


def honour_board(request):
    filters = HonourFilters(
        query=request.GET.get("q", "").strip(),
        province=int_or_none(request.GET.get("province")),
        cluster=int_or_none(request.GET.get("cluster")),
        year=int_or_none(request.GET.get("year")),
        page=request.GET.get("page"),
    )
    return render(
        request,
        "emulation/public/honour_board.html",
        {"filters": filters, "sections": honour_sections(filters), **selectors.honour_board_facets()},
    )


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
