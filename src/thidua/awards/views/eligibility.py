"""Pages that judge eligibility: batch screening of a unit, a cluster year or a province, one candidate in
detail, and the priority statistics."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards import selectors
from thidua.awards.eligibility import evaluate_eligibility, screen
from thidua.awards.enums import EligibilityStatus
from thidua.awards.forms import ScreeningForm
from thidua.awards.models import AwardForm
from thidua.awards.statistics import award_priority_statistics
from thidua.core.exports import Column, list_export
from thidua.core.web import require
from thidua.organizations.models import ClusterYear, Person, Province, Unit
from thidua.organizations.scopes import scope_of

PAGE_SIZE = 25


def scope_choices(user):
    """(value, label) of the units, cluster years and provinces the user may screen."""
    scope = scope_of(user)
    choices = []
    if scope.is_admin:
        provinces = Province.objects.all()
        cluster_years = ClusterYear.objects.select_related("cluster").order_by("-year")[:50]
    else:
        provinces = Province.objects.filter(pk__in=scope.province_ids)
        cluster_years = ClusterYear.objects.filter(
            pk__in=scope.secretariat_cluster_year_ids
        ) | ClusterYear.objects.filter(cluster__province_id__in=scope.province_ids)
        cluster_years = cluster_years.select_related("cluster").order_by("-year")[:50]
    choices += [(f"province-{p.pk}", _("Tỉnh %(name)s") % {"name": p.name}) for p in provinces]
    choices += [(f"cy-{cy.pk}", f"{cy.cluster} – {cy.year}") for cy in cluster_years]
    choices += [(f"unit-{u.pk}", u.full_name) for u in Unit.objects.filter(pk__in=scope.unit_ids)]
    return choices


def parse_target(value):
    kind, _sep, pk = (value or "").partition("-")
    if not pk.isdigit():
        return None
    model = {"unit": Unit, "cy": ClusterYear, "province": Province}.get(kind)
    if model is None:
        return None
    qs = model.objects.select_related("cluster") if model is ClusterYear else model.objects.all()
    return get_object_or_404(qs, pk=int(pk))


def _form_data(request, target):
    default_year = target.year if isinstance(target, ClusterYear) else timezone.localdate().year - 1
    form = ScreeningForm(request.GET or None, initial={"year": default_year})
    if form.is_valid():
        return form, form.cleaned_data
    return ScreeningForm(initial={"year": default_year}), {"year": default_year}


@login_required
def screening(request):
    choices = scope_choices(request.user)
    target = parse_target(request.GET.get("pham_vi") or (choices[0][0] if choices else ""))
    if target is None:
        raise PermissionDenied
    require(request, "awards.screen", target)
    form, data = _form_data(request, target)
    year, award_form = data["year"], data.get("award_form")
    units, people = selectors.screening_candidates(target, year, award_form)
    forms = [award_form] if award_form else None
    as_of = data.get("as_of")
    # One page of candidates is screened per request, whatever the filter: a province has 10,000 people. "Only
    # qualifying" keeps this page's qualifying rows; the full list is the background job's (reports.jobs).
    page = Paginator([*units, *people], PAGE_SIZE).get_page(request.GET.get("page"))
    chunk = list(page.object_list)
    rows = screen(
        year=year,
        units=[c for c in chunk if isinstance(c, Unit)],
        persons=[c for c in chunk if isinstance(c, Person)],
        forms=forms,
        as_of=as_of,
    )
    only_qualifying = bool(data.get("only_qualifying"))
    page.object_list = [r for r in rows if r.qualifying] if only_qualifying else rows
    return render(
        request,
        "awards/screening.html",
        {
            "form": form,
            "page": page,
            "target": target,
            "target_value": request.GET.get("pham_vi") or (choices[0][0] if choices else ""),
            "choices": choices,
            "year": year,
            "award_form": award_form,
            "total": len(units) + len(people),
            "screened": len(chunk),
            "only_qualifying": only_qualifying,
            "not_eligible": EligibilityStatus.NOT_ELIGIBLE,
        },
    )


def _candidate(request):
    if request.GET.get("unit", "").isdigit():
        return get_object_or_404(Unit.objects.select_related("province"), pk=request.GET["unit"])
    if request.GET.get("person", "").isdigit():
        return get_object_or_404(Person.objects.select_related("province"), pk=request.GET["person"])
    raise Http404


@login_required
def eligibility_detail(request):
    candidate = _candidate(request)
    require(request, "awards.view_subject_awards", candidate)
    award_form = get_object_or_404(AwardForm, code=request.GET.get("form", ""))
    try:
        year = int(request.GET.get("year", ""))
        as_of = datetime.date.fromisoformat(request.GET["as_of"]) if request.GET.get("as_of") else None
    except ValueError as bad:
        raise Http404 from bad
    try:
        result = evaluate_eligibility(candidate, award_form, year, as_of=as_of)
    except ValidationError as error:
        return render(request, "awards/eligibility_detail.html", {"candidate": candidate, "errors": error.messages})
    return render(
        request,
        "awards/eligibility_detail.html",
        {"candidate": candidate, "result": result, "is_unit": isinstance(candidate, Unit)},
    )


def _priority(request):
    require(request, "awards.view_statistics")
    scope = scope_of(request.user)
    provinces = Province.objects.all() if scope.is_admin else Province.objects.filter(pk__in=scope.province_ids)
    province = None
    if request.GET.get("province", "").isdigit():
        province = get_object_or_404(provinces, pk=request.GET["province"])
    elif not scope.is_admin:
        province = provinces.filter(valid_to__isnull=True).first() or provinces.first()
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else None
    return provinces, province, year, award_priority_statistics(province=province, year=year)


@login_required
def priority_statistics_export(request):
    _provinces, _province, _year, rows = _priority(request)
    columns = [
        Column(_("Phạm vi"), lambda r: r.label),
        Column(_("Năm"), lambda r: r.year),
        Column(_("Cá nhân được khen"), lambda r: r.share.total),
        Column(_("Trực tiếp lao động, sản xuất"), lambda r: r.share.direct),
        Column(_("Tỷ lệ (%)"), lambda r: r.share.percent),
        Column(_("Số lượt khen thưởng"), lambda r: r.records),
    ]
    return list_export(rows, columns, sheet="Thong ke uu tien", filename="thong-ke-uu-tien")


@login_required
def priority_statistics(request):
    provinces, province, year, rows = _priority(request)
    return render(
        request,
        "awards/priority_statistics.html",
        {"rows": rows, "provinces": provinces, "province": province, "year": year},
    )
