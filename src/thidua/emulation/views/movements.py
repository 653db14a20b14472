"""Movement pages: the catalogue, a movement with its participants, reports and models."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.exports import Column, list_export
from thidua.core.web import require, run
from thidua.emulation import selectors, services
from thidua.emulation.enums import MovementLevel
from thidua.emulation.forms import JoinMovementForm, MovementForm, MovementModelForm, MovementReportForm
from thidua.emulation.models import Movement, MovementParticipation
from thidua.emulation.views.common import int_or_none
from thidua.organizations import selectors as organization_selectors
from thidua.organizations.models import Unit
from thidua.organizations.scopes import scope_of


def user_units(user):
    return organization_selectors.user_units(user).order_by("folded_name")


def _movement(pk):
    try:
        return selectors.movement_detail(pk)
    except Movement.DoesNotExist:
        raise Http404 from None


def _movements(request):
    require(request, "emulation.view_movement")
    level = request.GET.get("level", "")
    query = request.GET.get("q", "").strip()
    return selectors.movements_for_list(query=query, level=level if level in MovementLevel.values else "")


@login_required
def movement_list_export(request):
    columns = [
        Column(_("Phong trào"), lambda m: m.name),
        Column(_("Cấp phát động"), lambda m: m.get_level_display()),
        Column(_("Loại"), lambda m: m.get_kind_display()),
        Column(_("Văn bản phát động"), lambda m: m.launch_reference),
        Column(_("Bắt đầu"), lambda m: m.starts_on),
        Column(_("Kết thúc"), lambda m: m.ends_on),
        Column(_("Số đơn vị tham gia"), lambda m: m.participant_count),
    ]
    return list_export(_movements(request), columns, sheet="Phong trao", filename="phong-trao-thi-dua")


@login_required
def movement_list(request):
    query = request.GET.get("q", "").strip()
    level = request.GET.get("level", "")
    page = Paginator(_movements(request), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "emulation/movement_list.html",
        {
            "page": page,
            "query": query,
            "level": level,
            "levels": MovementLevel.choices,
            "can_add": request.user.has_perm("emulation.add_movement"),
        },
    )


@login_required
def movement_detail(request, pk):
    movement = _movement(pk)
    require(request, "emulation.view_movement", movement)
    units = list(user_units(request.user))
    participations = list(selectors.participations_of(movement))
    joined = {p.unit_id for p in participations}
    joinable = [u for u in units if u.pk not in joined and selectors.movement_reaches_unit(movement, u)]
    my_participations = [p for p in participations if p.unit_id in scope_of(request.user).unit_ids]
    join_form = JoinMovementForm()
    join_form.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in joinable])
    return render(
        request,
        "emulation/movement_detail.html",
        {
            "movement": movement,
            "participations": participations,
            "reports": selectors.reports_visible_to(request.user, movement),
            "models": selectors.models_of(movement),
            "documents": movement.guiding_documents.order_by("-issued_on"),
            "joinable": joinable,
            "join_form": join_form,
            "my_participations": my_participations,
            "can_edit": request.user.has_perm("emulation.change_movement", movement),
            "can_add_model": bool(units),
        },
    )


def _save_movement(request, movement=None):
    initial = MovementForm.initial_from(movement) if movement else {}
    form = MovementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        links = {"provinces": form.cleaned_data["provinces"], "clusters": form.cleaned_data["clusters"]}
        if movement is None:
            ok, saved = run(
                request,
                lambda: services.create_movement(actor=request.user, **links, **form.data_for_service()),
                _("Đã thêm phong trào."),
            )
        else:
            ok, saved = run(
                request,
                lambda: services.update_movement(movement, actor=request.user, **links, **form.data_for_service()),
                _("Đã lưu phong trào."),
            )
        if ok:
            return redirect("emulation:movement_detail", pk=saved.pk)
    return render(request, "emulation/movement_form.html", {"form": form, "movement": movement})


@login_required
def movement_create(request):
    require(request, "emulation.add_movement")
    return _save_movement(request)


@login_required
def movement_edit(request, pk):
    movement = _movement(pk)
    require(request, "emulation.change_movement", movement)
    return _save_movement(request, movement)


@login_required
def movement_join(request, pk):
    movement = _movement(pk)
    require(request, "emulation.view_movement", movement)
    if request.method == "POST":
        form = JoinMovementForm(request.POST)
        form.limit_units(user_units(request.user))
        if form.is_valid():
            run(
                request,
                lambda: services.join_movement(
                    movement, form.cleaned_data["unit"], actor=request.user, commitment=form.cleaned_data["commitment"]
                ),
                _("Đơn vị đã đăng ký tham gia phong trào."),
            )
        else:
            messages.error(request, _("Hãy chọn đơn vị của bạn."))
    return redirect("emulation:movement_detail", pk=movement.pk)


@login_required
def movement_report(request, pk, participation_pk):
    movement = _movement(pk)
    participation = get_object_or_404(
        MovementParticipation.objects.select_related("unit"), pk=participation_pk, movement=movement
    )
    require(request, "emulation.view_unit_work", participation.unit)
    form = MovementReportForm(request.POST or None, request.FILES or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        ok, _report = run(
            request,
            lambda: services.file_movement_report(
                participation,
                actor=request.user,
                year=form.cleaned_data["year"],
                period=form.cleaned_data["period"],
                content=form.cleaned_data["content"],
                figures=form.figure_rows(),
                uploads=form.cleaned_data["files"],
            ),
            _("Đã gửi báo cáo kết quả."),
        )
        if ok:
            return redirect("emulation:movement_detail", pk=movement.pk)
    return render(
        request,
        "emulation/movement_report_form.html",
        {"movement": movement, "participation": participation, "form": form},
    )


@login_required
def movement_model_create(request, pk):
    movement = _movement(pk)
    require(request, "emulation.view_movement", movement)
    units = user_units(request.user)
    form = MovementModelForm(request.POST or None, request.FILES or None, initial={"year": timezone.localdate().year})
    form.limit_units(units)
    if request.method == "POST" and form.is_valid():
        ok, _model = run(
            request,
            lambda: services.record_movement_model(
                movement,
                form.cleaned_data["unit"],
                actor=request.user,
                name=form.cleaned_data["name"],
                category=form.cleaned_data["category"],
                year=int_or_none(form.cleaned_data["year"]),
                description=form.cleaned_data["description"],
                uploads=form.cleaned_data["files"],
            ),
            _("Đã ghi nhận mô hình."),
        )
        if ok:
            return redirect("emulation:movement_detail", pk=movement.pk)
    return render(request, "emulation/movement_model_form.html", {"movement": movement, "form": form})
