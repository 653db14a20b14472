"""Registration pages: the unit's form, the secretariat's board and the consolidated exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.documents import docx_response
from thidua.core.exports import xlsx_response
from thidua.core.web import refusal_text, require, run, visible_or_404
from thidua.emulation import documents, selectors, services
from thidua.emulation.enums import RegistrationState
from thidua.emulation.forms import ReasonForm, RegistrationForm
from thidua.emulation.views.years import cluster_year_or_404
from thidua.organizations.models import Unit


def _registration(pk):
    return get_object_or_404(selectors.registration_detail_qs(), pk=pk)


@login_required
def registration_board(request, pk):
    cluster_year = cluster_year_or_404(pk)
    require(request, "emulation.view_registration_board", cluster_year)
    return render(
        request,
        "emulation/registration_board.html",
        {
            "cy": cluster_year,
            "rows": documents.registration_rows(cluster_year),
            "counts": selectors.registration_counts(cluster_year),
            "phase": selectors.phase_of(cluster_year, "registration"),
        },
    )


@login_required
@require_POST
def registration_open(request, pk, unit_pk):
    """The unit's own registration for the year: opened, or created as a draft while the phase is open."""
    cluster_year = cluster_year_or_404(pk)
    unit = get_object_or_404(Unit, pk=unit_pk)
    ok, registration = run(request, lambda: services.registration_for(cluster_year, unit, actor=request.user))
    if not ok:
        return redirect("emulation:year_detail", pk=cluster_year.pk)
    return redirect("emulation:registration_detail", pk=registration.pk)


@login_required
def registration_detail(request, pk):
    registration = _registration(pk)
    visible_or_404(request, "emulation.view_registration", registration)
    user = request.user
    return render(
        request,
        "emulation/registration_detail.html",
        {
            "registration": registration,
            "cy": registration.cluster_year,
            "can_edit": user.has_perm("emulation.change_registration", registration),
            "can_decide": user.has_perm("emulation.decide_registration", registration),
            "can_submit": registration.state in RegistrationState.editable()
            and user.has_perm("emulation.change_registration", registration),
            "reason_form": ReasonForm(),
        },
    )


@login_required
def registration_edit(request, pk):
    registration = _registration(pk)
    visible_or_404(request, "emulation.view_registration", registration)
    try:
        services.check_can_edit(registration, request.user)
    except (ValidationError, PermissionDenied) as refusal:
        messages.error(request, refusal_text(refusal))
        return redirect("emulation:registration_detail", pk=registration.pk)
    form = RegistrationForm(request.POST or None, registration=registration)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_registration(
                registration,
                actor=request.user,
                seen_version=form.cleaned_data["version"],
                collective_forms=form.cleaned_data["collective_forms"],
                targets=form.targets(),
                commitments=form.cleaned_data["commitments"],
            )
        except services.StaleEdit as stale:
            # The loser of a race sees the winner's values and decides again.
            messages.error(request, refusal_text(stale))
            current = _registration(registration.pk)
            form = RegistrationForm(registration=current)
        except (ValidationError, PermissionDenied) as refusal:
            messages.error(request, refusal_text(refusal))
        else:
            messages.success(request, _("Đã lưu đăng ký."))
            if "send" in request.POST:
                return _transition(request, registration, RegistrationState.SUBMITTED)
            return redirect("emulation:registration_detail", pk=registration.pk)
    return render(
        request,
        "emulation/registration_form.html",
        {"registration": registration, "cy": registration.cluster_year, "form": form},
    )


def _transition(request, registration, state, reason=""):
    labels = {
        RegistrationState.SUBMITTED: _("Đã gửi đăng ký tới thư ký cụm."),
        RegistrationState.RETURNED: _("Đã trả lại đăng ký cho đơn vị."),
        RegistrationState.APPROVED: _("Đã duyệt đăng ký."),
    }
    run(
        request,
        lambda: services.set_registration_state(registration, state, actor=request.user, reason=reason),
        labels.get(state, ""),
    )
    return redirect("emulation:registration_detail", pk=registration.pk)


@login_required
@require_POST
def registration_transition(request, pk):
    registration = _registration(pk)
    visible_or_404(request, "emulation.view_registration", registration)
    form = ReasonForm(request.POST)
    form.is_valid()
    return _transition(request, registration, form.cleaned_data.get("state", ""), form.cleaned_data.get("reason", ""))


def _leader_head_name(cluster_year):
    if cluster_year.leader_id is None:
        return ""
    heads = selectors.unit_users([cluster_year.leader_id], roles=("unit_head",))
    return heads[0].full_name if heads else ""


@login_required
def registration_export_xlsx(request, pk):
    cluster_year = cluster_year_or_404(pk)
    require(request, "emulation.export_registrations", cluster_year)
    content = documents.registration_workbook(cluster_year)
    return xlsx_response(content, f"dang-ky-thi-dua-{cluster_year.year}.xlsx")


@login_required
def registration_export_docx(request, pk):
    cluster_year = cluster_year_or_404(pk)
    require(request, "emulation.export_registrations", cluster_year)
    content = documents.registration_docx(cluster_year, signer_name=_leader_head_name(cluster_year))
    return docx_response(content, f"tong-hop-dang-ky-thi-dua-{cluster_year.year}.docx")
