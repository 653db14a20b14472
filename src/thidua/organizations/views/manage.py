"""Pages that write: record a lineage event, rename a unit, open a cluster year, manage its members and leaders.

Each page checks the same rules permission as the API, calls one service and shows a refusal as a message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.text import fold
from thidua.core.web import report, require
from thidua.organizations import selectors, services
from thidua.organizations.forms import (
    ClusterYearForm,
    LineageEventForm,
    OpenClusterYearForm,
    RenameUnitForm,
    candidate_units,
)
from thidua.organizations.models import Cluster, ClusterYear, Unit


@login_required
def lineage_event_create(request):
    require(request, "organizations.change_unit")
    units = selectors.changeable_units(request.user)
    provinces = selectors.changeable_provinces(request.user)
    preselected = [int(pk) for pk in request.GET.getlist("predecessor") if pk.isdigit()]
    query = request.GET.get("q", "").strip()
    if request.method == "GET" and query:
        # Narrow the long lists to the units the user is looking for, keeping the ones already picked.
        units = units.filter(Q(folded_name__contains=fold(query)) | Q(pk__in=preselected))
    form = LineageEventForm(
        request.POST or None, units=units, provinces=provinces, initial={"predecessors": preselected}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [*data["predecessors"], *data["successors"]]
        if not all(request.user.has_perm("organizations.change_unit", u) for u in chosen):
            raise PermissionDenied
        new_successor = None
        if data["new_unit_name"]:
            new_successor = {
                "kind": data["new_unit_kind"],
                "name": data["new_unit_name"],
                "province": form.new_unit_province(),
            }
        try:
            event = services.record_lineage_event(
                kind=data["kind"],
                date=data["date"],
                predecessors=data["predecessors"],
                successors=data["successors"],
                new_successor=new_successor,
                decision=data["decision"],
                decision_date=data["decision_date"],
                note=data["note"],
                end_predecessors=data["end_predecessors"],
                actor=request.user,
            )
        except ValidationError as refusal:
            report(request, refusal)
        else:
            messages.success(request, _("Đã ghi nhận sự kiện: %(event)s.") % {"event": event})
            # Successors ("sau") sort before predecessors ("truoc"): the new unit is what the user wants to see.
            first = event.links.order_by("role", "unit__folded_name").first()
            return redirect("organizations:unit_detail", first.unit_id)
    return render(
        request,
        "organizations/lineage_event_form.html",
        {"form": form, "query": query, "preselected": preselected},
    )


@login_required
def unit_rename(request, pk):
    unit = get_object_or_404(Unit.objects.select_related("province"), pk=pk)
    require(request, "organizations.change_unit", unit)
    form = RenameUnitForm(request.POST or None, initial={"expected_name": unit.name})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.rename_unit(
                unit,
                data["new_name"],
                date=data["date"],
                decision=data["decision"],
                expected_name=data["expected_name"] or None,
                actor=request.user,
            )
        except ValidationError as refusal:
            report(request, refusal)
            unit.refresh_from_db()
            form = RenameUnitForm(initial={**data, "expected_name": unit.name})
        else:
            messages.success(request, _("Đã đổi tên thành %(name)s.") % {"name": unit.full_name})
            return redirect("organizations:unit_detail", unit.pk)
    return render(request, "organizations/unit_rename.html", {"unit": unit, "form": form})


def _cluster_year_form(cluster_year, data=None):
    cluster = cluster_year.cluster
    provinces = [cluster.province_id, *cluster.province.predecessors.values_list("pk", flat=True)]
    member_ids = list(cluster_year.memberships.values_list("unit_id", flat=True))
    units = candidate_units(provinces, cluster_year.year, extra_ids=member_ids)
    initial = {
        "members": member_ids,
        "leader": cluster_year.leader_id,
        "deputy": cluster_year.deputy_id,
        "state": services.cluster_year_state(cluster_year),
    }
    return ClusterYearForm(data, units=units, initial=initial)


@login_required
def cluster_year_manage(request, pk):
    cluster_year = get_object_or_404(ClusterYear.objects.select_related("cluster__province"), pk=pk)
    require(request, "organizations.manage_cluster_year", cluster_year)
    form = _cluster_year_form(cluster_year, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_cluster_year(
                cluster_year,
                members=list(data["members"]),
                leader=data["leader"],
                deputy=data["deputy"],
                expected_state=data["state"] or None,
                actor=request.user,
            )
        except ValidationError as refusal:
            report(request, refusal)
            cluster_year.refresh_from_db()
            form = _cluster_year_form(cluster_year)
        else:
            messages.success(request, _("Đã cập nhật kỳ thi đua năm %(year)s.") % {"year": cluster_year.year})
            return redirect(f"{cluster_year.cluster.get_absolute_url()}#nam-{cluster_year.year}")
    return render(request, "organizations/cluster_year_manage.html", {"cluster_year": cluster_year, "form": form})


@login_required
def cluster_year_open(request, pk):
    cluster = get_object_or_404(Cluster.objects.select_related("province"), pk=pk)
    require(request, "organizations.change_cluster", cluster)
    latest = cluster.years.order_by("-year").first()
    year = request.POST.get("year", "")
    # Only a year the form accepts picks the candidate units; the form itself refuses any other with its message
    # (a year past 9999 made datetime.date raise, a server error).
    bounds = OpenClusterYearForm.base_fields["year"]
    year = int(year) if year.isdigit() and bounds.min_value <= int(year) <= bounds.max_value else None
    year = year or (latest.year + 1 if latest else None)
    provinces = [cluster.province_id, *cluster.province.predecessors.values_list("pk", flat=True)]
    last_members = list(latest.memberships.values_list("unit_id", flat=True)) if latest else []
    units = candidate_units(provinces, year or timezone.localdate().year, extra_ids=last_members)
    initial = {"year": year} if year else {}
    if last_members:
        initial["members"] = last_members
    form = OpenClusterYearForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cluster_year = services.open_cluster_year(
                cluster,
                data["year"],
                members=list(data["members"]),
                leader=data["leader"],
                deputy=data["deputy"],
                motto=data["motto"],
                actor=request.user,
            )
        except ValidationError as refusal:
            report(request, refusal)
        else:
            messages.success(request, _("Đã mở kỳ thi đua năm %(year)s.") % {"year": cluster_year.year})
            return redirect(f"{cluster.get_absolute_url()}#nam-{cluster_year.year}")
    return render(request, "organizations/cluster_year_open.html", {"cluster": cluster, "form": form})
