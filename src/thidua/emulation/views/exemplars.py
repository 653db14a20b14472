"""Exemplar pages: proposing, the list a user may see, recognising."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.exports import Column, list_export
from thidua.core.text import fold
from thidua.core.web import require, run, visible_or_404
from thidua.emulation import selectors, services
from thidua.emulation.enums import ExemplarState
from thidua.emulation.forms import ExemplarForm, ReasonForm
from thidua.emulation.views.movements import user_units


def _exemplar(pk):
    return get_object_or_404(selectors.exemplar_qs().prefetch_related("evidence"), pk=pk)


def _exemplars(request):
    require(request, "emulation.list_exemplars")
    qs = selectors.exemplars_visible_to(request.user)
    for word in fold(request.GET.get("q", "")).split():
        qs = qs.filter(folded_text__contains=word)
    state = request.GET.get("state", "")
    if state in ExemplarState.values:
        qs = qs.filter(state=state)
    return qs


@login_required
def exemplar_list_export(request):
    columns = [
        Column(_("Tên"), lambda e: e.name),
        Column(_("Loại"), lambda e: e.get_kind_display()),
        Column(_("Chức vụ, nơi công tác"), lambda e: e.title),
        Column(_("Đơn vị"), lambda e: e.unit.full_name),
        Column(_("Năm"), lambda e: e.year),
        Column(_("Phong trào"), lambda e: e.movement.name if e.movement else ""),
        Column(_("Trạng thái"), lambda e: e.get_state_display()),
        Column(_("Cấp công nhận"), lambda e: e.recognised_by),
        Column(_("Thành tích"), lambda e: e.achievements),
    ]
    return list_export(_exemplars(request), columns, sheet="Dien hinh", filename="dien-hinh-tien-tien")


@login_required
def exemplar_list(request):
    query = request.GET.get("q", "").strip()
    state = request.GET.get("state", "")
    page = Paginator(_exemplars(request), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "emulation/exemplar_list.html",
        {
            "page": page,
            "query": query,
            "state": state,
            "states": ExemplarState.choices,
            "can_propose": request.user.has_perm("emulation.propose_exemplar"),
        },
    )


@login_required
def exemplar_create(request):
    require(request, "emulation.propose_exemplar")
    form = ExemplarForm(
        request.POST or None,
        request.FILES or None,
        user_units=user_units(request.user),
        initial={"year": timezone.localdate().year},
    )
    if request.method == "POST" and form.is_valid():
        ok, exemplar = run(
            request,
            lambda: services.propose_exemplar(
                actor=request.user,
                unit=form.cleaned_data["unit"],
                uploads=form.cleaned_data["files"],
                **form.data_for_service(),
            ),
            _("Đã gửi đề xuất điển hình."),
        )
        if ok:
            return redirect("emulation:exemplar_detail", pk=exemplar.pk)
    return render(request, "emulation/exemplar_form.html", {"form": form, "exemplar": None})


@login_required
def exemplar_edit(request, pk):
    exemplar = _exemplar(pk)
    visible_or_404(request, "emulation.view_exemplar", exemplar)
    require(request, "emulation.change_exemplar", exemplar)
    initial = {k: getattr(exemplar, k) for k in ExemplarForm.FIELDS}
    initial["unit"] = exemplar.unit
    form = ExemplarForm(
        request.POST or None, request.FILES or None, user_units=user_units(request.user), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        ok, _saved = run(
            request,
            lambda: services.update_exemplar(
                exemplar, actor=request.user, uploads=form.cleaned_data["files"], **form.data_for_service()
            ),
            _("Đã lưu điển hình."),
        )
        if ok:
            return redirect("emulation:exemplar_detail", pk=exemplar.pk)
    return render(request, "emulation/exemplar_form.html", {"form": form, "exemplar": exemplar})


@login_required
def exemplar_detail(request, pk):
    exemplar = _exemplar(pk)
    visible_or_404(request, "emulation.view_exemplar", exemplar)
    user = request.user
    return render(
        request,
        "emulation/exemplar_detail.html",
        {
            "exemplar": exemplar,
            "can_edit": user.has_perm("emulation.change_exemplar", exemplar),
            "can_decide": user.has_perm("emulation.decide_exemplar", exemplar),
            "can_see_evidence": user.has_perm("emulation.change_exemplar", exemplar)
            or user.has_perm("emulation.decide_exemplar", exemplar)
            or user.has_perm("emulation.view_unit_work", exemplar.unit),
            "reason_form": ReasonForm(),
        },
    )


@login_required
@require_POST
def exemplar_transition(request, pk):
    exemplar = _exemplar(pk)
    visible_or_404(request, "emulation.view_exemplar", exemplar)
    form = ReasonForm(request.POST)
    form.is_valid()
    run(
        request,
        lambda: services.set_exemplar_state(
            exemplar, form.cleaned_data.get("state", ""), actor=request.user, reason=form.cleaned_data.get("reason", "")
        ),
        _("Đã cập nhật trạng thái điển hình."),
    )
    return redirect("emulation:exemplar_detail", pk=exemplar.pk)
