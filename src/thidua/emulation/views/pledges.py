"""Pledge pages: the draft, the signing board, signing, new editions and the printed outputs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.documents import docx_response, pdf_response
from thidua.core.web import refusal_text, require, run, visible_or_404
from thidua.emulation import documents, selectors, services
from thidua.emulation.enums import PledgeState
from thidua.emulation.forms import PledgeForm, ScanForm, SignForm
from thidua.emulation.models import Pledge, PledgeSignature
from thidua.emulation.views.years import cluster_year_or_404
from thidua.organizations.scopes import scope_of


def _pledge(pk):
    return get_object_or_404(selectors.pledge_detail_qs(), pk=pk)


@login_required
def pledge_of_year(request, pk):
    cluster_year = cluster_year_or_404(pk)
    require(request, "emulation.view_cluster_year", cluster_year)
    pledge = selectors.current_pledge(cluster_year)
    if pledge is not None and request.user.has_perm("emulation.view_pledge", pledge):
        return redirect("emulation:pledge_detail", pk=pledge.pk)
    return render(
        request,
        "emulation/pledge_missing.html",
        {"cy": cluster_year, "can_manage": request.user.has_perm("emulation.manage_pledges", cluster_year)},
    )


@login_required
def pledge_create(request, pk):
    cluster_year = cluster_year_or_404(pk)
    require(request, "emulation.manage_pledges", cluster_year)
    form = PledgeForm(request.POST or None, initial={"motto": cluster_year.motto})
    if request.method == "POST" and form.is_valid():
        ok, pledge = run(
            request,
            lambda: services.create_pledge(
                cluster_year,
                actor=request.user,
                motto=form.cleaned_data["motto"],
                items=form.item_list(),
                preamble=form.cleaned_data["preamble"],
                signing_place=form.cleaned_data["signing_place"],
                signing_date=form.cleaned_data["signing_date"],
            ),
            _("Đã lưu dự thảo giao ước."),
        )
        if ok:
            return redirect("emulation:pledge_detail", pk=pledge.pk)
    return render(request, "emulation/pledge_form.html", {"cy": cluster_year, "form": form, "pledge": None})


@login_required
def pledge_detail(request, pk):
    pledge = _pledge(pk)
    visible_or_404(request, "emulation.view_pledge", pledge)
    rows = selectors.pledge_board(pledge)
    scope = scope_of(request.user)
    signed_units = {unit.pk for unit, signature in rows if signature}
    my_signable = [unit for unit, _s in rows if unit.pk in scope.head_unit_ids and unit.pk not in signed_units]
    return render(
        request,
        "emulation/pledge_detail.html",
        {
            "pledge": pledge,
            "cy": pledge.cluster_year,
            "rows": rows,
            "signed_count": len(signed_units),
            "my_signable": my_signable,
            "my_unit_ids": scope.unit_ids,
            "can_sign": bool(my_signable) and request.user.has_perm("emulation.sign_pledge", pledge),
            "can_manage": request.user.has_perm("emulation.manage_pledge", pledge),
            "is_current": pledge.state != PledgeState.SUPERSEDED,
            "editions": Pledge.objects.filter(cluster_year=pledge.cluster_year).order_by("-edition"),
            "sign_form": SignForm(),
            "scan_form": ScanForm(),
            "phase_open": selectors.phase_is_open(pledge.cluster_year, "pledge"),
        },
    )


@login_required
def pledge_edit(request, pk):
    pledge = _pledge(pk)
    require(request, "emulation.manage_pledge", pledge)
    if pledge.state == PledgeState.SUPERSEDED:
        messages.error(request, _("Phiên bản này đã được thay thế; hãy sửa phiên bản hiện hành."))
        return redirect("emulation:pledge_detail", pk=pledge.pk)
    form = PledgeForm(request.POST or None, initial=PledgeForm.initial_from(pledge))
    if request.method == "POST" and form.is_valid():
        try:
            current = services.update_pledge(
                pledge,
                actor=request.user,
                seen_version=form.cleaned_data["version"],
                motto=form.cleaned_data["motto"],
                items=form.item_list(),
                preamble=form.cleaned_data["preamble"],
                signing_place=form.cleaned_data["signing_place"],
                signing_date=form.cleaned_data["signing_date"],
                change_note=form.cleaned_data["change_note"],
            )
        except services.StaleEdit as stale:
            messages.error(request, refusal_text(stale))
            form = PledgeForm(initial=PledgeForm.initial_from(_pledge(pledge.pk)))
        except (ValidationError, PermissionDenied) as refusal:
            messages.error(request, refusal_text(refusal))
        else:
            if current.pk != pledge.pk:
                messages.success(
                    request,
                    _("Đã tạo phiên bản %(edition)s; các chữ ký cũ đã bị hủy và người ký đã được thông báo.")
                    % {"edition": current.edition},
                )
            else:
                messages.success(request, _("Đã lưu giao ước."))
            return redirect("emulation:pledge_detail", pk=current.pk)
    has_signatures = pledge.signatures.filter(voided_at__isnull=True).exists()
    return render(
        request,
        "emulation/pledge_form.html",
        {"cy": pledge.cluster_year, "form": form, "pledge": pledge, "has_signatures": has_signatures},
    )


@login_required
@require_POST
def pledge_transition(request, pk):
    pledge = _pledge(pk)
    require(request, "emulation.manage_pledge", pledge)
    state = request.POST.get("state", "")
    # Superseding happens only through a new edition, and completion only through the last signature.
    if state not in (PledgeState.OPEN, PledgeState.DRAFT):
        messages.error(request, _("Trạng thái không hợp lệ."))
    else:
        success = _("Đã mở giao ước để các đơn vị ký.") if state == PledgeState.OPEN else _("Đã đưa về dự thảo.")
        run(request, lambda: services.set_pledge_state(pledge, state, actor=request.user), success)
    return redirect("emulation:pledge_detail", pk=pledge.pk)


@login_required
@require_POST
def pledge_sign(request, pk):
    pledge = _pledge(pk)
    visible_or_404(request, "emulation.view_pledge", pledge)
    form = SignForm(request.POST, request.FILES)
    if form.is_valid():
        unit = None
        unit_id = request.POST.get("unit")
        if unit_id:
            unit = next((u for u, _s in selectors.pledge_board(pledge) if str(u.pk) == unit_id), None)
            if unit is None:
                raise PermissionDenied
        run(
            request,
            lambda: services.sign_pledge(pledge, actor=request.user, unit=unit, scan=form.cleaned_data.get("scan")),
            _("Đã ký giao ước."),
        )
    else:
        messages.error(request, _("Tệp bản chụp không hợp lệ."))
    return redirect("emulation:pledge_detail", pk=pledge.pk)


@login_required
@require_POST
def pledge_scan(request, pk):
    signature = get_object_or_404(PledgeSignature.objects.select_related("pledge"), pk=pk)
    visible_or_404(request, "emulation.view_pledge", signature.pledge)
    form = ScanForm(request.POST, request.FILES)
    if form.is_valid():
        run(
            request,
            lambda: services.attach_pledge_scan(signature, actor=request.user, scan=form.cleaned_data["scan"]),
            _("Đã đính kèm bản chụp."),
        )
    else:
        messages.error(request, _("Hãy chọn tệp bản chụp."))
    return redirect("emulation:pledge_detail", pk=signature.pledge_id)


@login_required
def pledge_docx(request, pk):
    pledge = _pledge(pk)
    visible_or_404(request, "emulation.view_pledge", pledge)
    return docx_response(documents.pledge_docx(pledge), f"giao-uoc-thi-dua-{pledge.cluster_year.year}.docx")


@login_required
def pledge_pdf(request, pk):
    pledge = _pledge(pk)
    visible_or_404(request, "emulation.view_pledge", pledge)
    return pdf_response(documents.pledge_pdf(pledge), f"giao-uoc-thi-dua-{pledge.cluster_year.year}.pdf")
