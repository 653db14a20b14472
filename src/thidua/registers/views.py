"""The register page (search the numbers given out) and the "Cấp số" button every numbered paper has."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core import web
from thidua.core.exports import Column, list_export
from thidua.registers import selectors, services
from thidua.registers.papers import paper_spec


def _filters(request):
    registers = list(selectors.registers_visible_to(request.user).order_by("-year", "name"))
    chosen = None
    if request.GET.get("so", "").isdigit():
        chosen = next((r for r in registers if r.pk == int(request.GET["so"])), None)
    year = request.GET.get("nam", "")
    year = int(year) if year.isdigit() and len(year) == 4 else None  # noqa: PLR2004 - a four-digit year
    query = request.GET.get("q", "").strip()[:200]
    entries = selectors.search_entries(request.user, query=query, register=chosen, year=year)
    return registers, chosen, year, query, entries


@login_required
def register_list(request):
    web.require(request, "registers.list_registers")
    registers, chosen, year, query, entries = _filters(request)
    context = {"registers": registers, "chosen": chosen, "year": year, "query": query, "entries": entries}
    return render(request, "registers/register_list.html", context)


@login_required
def register_list_export(request):
    web.require(request, "registers.list_registers")
    entries = _filters(request)[4]
    columns = [
        Column(_("Số, ký hiệu"), lambda e: e.full_number),
        Column(_("Ngày ban hành"), lambda e: e.issued_on),
        Column(_("Cơ quan ban hành"), lambda e: e.register.name),
        Column(_("Loại văn bản"), lambda e: e.get_paper_type_display()),
        Column(_("Trích yếu"), lambda e: e.summary),
        Column(_("Người cấp số"), lambda e: e.issued_by.display_name if e.issued_by else ""),
    ]
    return list_export(entries, columns, sheet="So van ban di", filename="so-van-ban-di")


@login_required
@require_POST
def issue(request, code, pk):
    spec = paper_spec(code)
    if spec is None:
        raise Http404
    try:
        paper = spec.load(pk)
    except Exception as missing:
        raise Http404 from missing
    web.visible_or_404(request, spec.view_perm, paper)
    web.require(request, spec.perm, paper)
    web.run(
        request,
        lambda: services.issue_paper(request.user, code, pk),
        _("Đã cấp số cho văn bản; tải lại văn bản để có số và ngày ban hành."),
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = spec.url(paper) if spec.url else reverse("registers:list")
    return redirect(target)
