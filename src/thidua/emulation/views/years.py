"""The emulation year (a ClusterYear): overview and phases."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.exports import Column, list_export
from thidua.core.web import refusal_text, require, run
from thidua.emulation import selectors, services
from thidua.emulation.enums import PhaseKind, PhaseOverride
from thidua.emulation.forms import PhaseDatesForm
from thidua.emulation.models import Phase
from thidua.organizations.models import ClusterYear
from thidua.organizations.scopes import scope_of


def cluster_year_or_404(pk):
    return get_object_or_404(
        ClusterYear.objects.select_related("cluster", "cluster__province", "leader", "deputy"), pk=pk
    )


@login_required
def year_list(request):
    require(request, "emulation.view_movement")  # any role; the list itself is scoped
    years = list(selectors.cluster_years_visible_to(request.user))
    return render(request, "emulation/year_list.html", {"years": years})


@login_required
def year_list_export(request):
    require(request, "emulation.view_movement")
    columns = [
        Column(_("Cụm, khối"), lambda cy: cy.cluster.name),
        Column(_("Tỉnh"), lambda cy: cy.cluster.province.name),
        Column(_("Năm"), lambda cy: cy.year),
        Column(_("Trưởng cụm"), lambda cy: cy.leader.full_name if cy.leader else ""),
        Column(_("Phó Trưởng cụm"), lambda cy: cy.deputy.full_name if cy.deputy else ""),
        Column(_("Phương châm"), lambda cy: cy.motto),
    ]
    years = selectors.cluster_years_visible_to(request.user)
    return list_export(years, columns, sheet="Ky thi dua", filename="ky-thi-dua")


@login_required
def year_detail(request, pk):
    cluster_year = cluster_year_or_404(pk)
    require(request, "emulation.view_cluster_year", cluster_year)
    scope = scope_of(request.user)
    my_units = [u for u in selectors.member_units(cluster_year) if u.pk in scope.unit_ids]
    registrations = {r.unit_id: r for r in cluster_year.registrations.filter(unit__in=my_units)}
    return render(
        request,
        "emulation/year_detail.html",
        {
            "cy": cluster_year,
            "phases": selectors.phases_by_kind(cluster_year),
            "my_units": [(u, registrations.get(u.pk)) for u in my_units],
            "pledge": selectors.current_pledge(cluster_year),
            "oversees": request.user.has_perm("emulation.manage_phases", cluster_year),
            "counts": selectors.registration_counts(cluster_year),
        },
    )


@login_required
def phases(request, pk):
    cluster_year = cluster_year_or_404(pk)
    require(request, "emulation.manage_phases", cluster_year)
    existing = [(k, p) for k, p in selectors.phases_by_kind(cluster_year) if p is not None]
    form = PhaseDatesForm(request.POST or None, phases=existing)
    if request.method == "POST" and form.is_valid():
        try:
            # All phases or none: one wrong pair leaves every date as it was.
            with transaction.atomic():
                for kind, starts_on, ends_on in form.changes():
                    services.set_phase_dates(
                        cluster_year, kind, starts_on=starts_on, ends_on=ends_on, actor=request.user
                    )
        except (ValidationError, PermissionDenied) as refusal:
            messages.error(request, refusal_text(refusal))
        else:
            messages.success(request, _("Đã lưu lịch các giai đoạn."))
            return redirect("emulation:phases", pk=cluster_year.pk)
    return render(
        request,
        "emulation/phases.html",
        {
            "cy": cluster_year,
            "form": form,
            "phases": selectors.phases_by_kind(cluster_year),
            "overrides": PhaseOverride,
        },
    )


@login_required
@require_POST
def phase_override(request, pk, kind):
    cluster_year = cluster_year_or_404(pk)
    require(request, "emulation.manage_phases", cluster_year)
    if kind not in PhaseKind.values:
        messages.error(request, _("Giai đoạn không hợp lệ."))
        return redirect("emulation:phases", pk=cluster_year.pk)
    phase = Phase.objects.filter(cluster_year=cluster_year, kind=kind).first()
    if phase is None:
        messages.error(request, _("Hãy lập lịch cho giai đoạn này trước."))
        return redirect("emulation:phases", pk=cluster_year.pk)
    run(
        request,
        lambda: services.set_phase_override(
            phase, request.POST.get("override", ""), actor=request.user, reason=request.POST.get("reason", "")
        ),
        _("Đã điều chỉnh giai đoạn “%(phase)s”.") % {"phase": phase.get_kind_display()},
    )
    return redirect("emulation:phases", pk=cluster_year.pk)
