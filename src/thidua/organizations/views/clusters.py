"""Pages that set a cluster up: found it, edit it, close it, its rotation order, and opening next year from a year.

Each page asks the same rules permission as the API and its service (organizations.change_cluster), runs one
service through core.web.run and shows a refusal as a message; the service wrote nothing then.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import web
from thidua.organizations import selectors, services
from thidua.organizations.enums import LeaderSelection
from thidua.organizations.forms import (
    CloseClusterForm,
    ClusterForm,
    RotationAddForm,
    RotationMoveForm,
    candidate_units,
)
from thidua.organizations.models import Cluster, ClusterYear, Unit
from thidua.organizations.services import clusters as cluster_services

CHANGE = "organizations.change_cluster"
EDITABLE = ("name", "kind", "founding_decision", "founding_decision_date", "valid_from", "leader_selection")


def _cluster(pk):
    return get_object_or_404(Cluster.objects.select_related("province"), pk=pk)


def _provinces_of(cluster):
    return [cluster.province_id, *cluster.province.predecessors.values_list("pk", flat=True)]


@login_required
def cluster_create(request):
    web.require(request, CHANGE)
    provinces = selectors.changeable_provinces(request.user).filter(valid_to__isnull=True)
    form = ClusterForm(request.POST or None, provinces=provinces, initial={"province": provinces.first()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {key: data[key] for key in EDITABLE}
        ok, cluster = web.run(
            request, lambda: services.found_cluster(actor=request.user, province=data["province"], **fields)
        )
        if ok:
            messages.success(request, _("Đã thành lập %(name)s.") % {"name": cluster.name})
            return redirect(cluster)
    return render(request, "organizations/cluster_form.html", {"form": form, "cluster": None})


def _edit_form(cluster, data=None):
    initial = {key: getattr(cluster, key) for key in EDITABLE}
    initial["version"] = cluster.version
    return ClusterForm(data, provinces=None, editing=True, initial=initial)


@login_required
def cluster_edit(request, pk):
    cluster = _cluster(pk)
    web.require(request, CHANGE, cluster)
    form = _edit_form(cluster, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {key: data[key] for key in EDITABLE}
        ok, _result = web.run(
            request,
            lambda: services.update_cluster(cluster, actor=request.user, version=data["version"], **fields),
            _("Đã lưu thông tin cụm, khối."),
        )
        if ok:
            return redirect(cluster)
        cluster.refresh_from_db()
        form = _edit_form(cluster)  # the current values (someone else's save, or what the refusal kept)
    return render(request, "organizations/cluster_form.html", {"form": form, "cluster": cluster})


@login_required
def cluster_close(request, pk):
    cluster = _cluster(pk)
    web.require(request, CHANGE, cluster)
    form = CloseClusterForm(request.POST or None, initial={"version": cluster.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, _result = web.run(
            request,
            lambda: services.close_cluster(
                cluster, date=data["date"], decision=data["decision"], version=data["version"], actor=request.user
            ),
            _("Đã ghi nhận cụm kết thúc hoạt động."),
        )
        if ok:
            return redirect(cluster)
        cluster.refresh_from_db()
        form = CloseClusterForm(initial={**data, "version": cluster.version})
    return render(request, "organizations/cluster_close.html", {"form": form, "cluster": cluster})


def _rotation_candidates(cluster, rotation_ids):
    today = timezone.localdate()
    latest = cluster.years.order_by("-year").first()
    member_ids = list(latest.memberships.values_list("unit_id", flat=True)) if latest else []
    units = candidate_units(_provinces_of(cluster), today.year, extra_ids=member_ids)
    return units.exclude(pk__in=rotation_ids).exclude(valid_to__lt=today)


def _rotation_change(request, cluster):
    """The service call one POST of the rotation page asks for, or None when the form is not valid."""
    if "action" in request.POST:
        move = RotationMoveForm(request.POST)
        if not move.is_valid():
            return None
        unit = get_object_or_404(Unit, pk=move.cleaned_data["unit"])
        action, version = move.cleaned_data["action"], move.cleaned_data["version"]
        if action == "remove":
            return lambda: services.remove_from_rotation(cluster, unit, actor=request.user, version=version)
        return lambda: services.move_in_rotation(cluster, unit, up=action == "up", actor=request.user, version=version)
    rotation_ids = list(cluster.rotation.values_list("unit_id", flat=True))
    add = RotationAddForm(request.POST, units=_rotation_candidates(cluster, rotation_ids))
    if not add.is_valid():
        web.form_errors(request, add)
        return None
    unit, version = add.cleaned_data["unit"], add.cleaned_data["version"]
    return lambda: services.add_to_rotation(cluster, unit, actor=request.user, version=version)


@login_required
def cluster_rotation(request, pk):
    """The rotation order: each unit with up, down and remove buttons (plain forms, no script), a unit picker to add
    one at the end, and who leads each of the coming five years by this order."""
    cluster = _cluster(pk)
    web.require(request, CHANGE, cluster)
    if request.method == "POST":
        change = _rotation_change(request, cluster)
        if change is None:
            messages.error(request, _("Yêu cầu không hợp lệ; hãy tải lại trang rồi làm lại."))
        else:
            web.run(request, change, _("Đã cập nhật thứ tự luân phiên."))
        return redirect("organizations:cluster_rotation", cluster.pk)
    slots = list(cluster.rotation.select_related("unit", "unit__province"))
    add_form = RotationAddForm(
        units=_rotation_candidates(cluster, [s.unit_id for s in slots]), initial={"version": cluster.version}
    )
    return render(
        request,
        "organizations/cluster_rotation.html",
        {
            "cluster": cluster,
            "slots": slots,
            "add_form": add_form,
            "forecast": selectors.rotation_forecast(cluster),
            "rotates": cluster.leader_selection == LeaderSelection.ROTATION,
        },
    )


def _next_year_preview(cluster_year):
    cluster = cluster_year.cluster
    year = cluster_year.year + 1
    members = cluster_services.members_active_in(cluster_year, year)
    leader = deputy = None
    if cluster.leader_selection == LeaderSelection.ROTATION:
        leader, deputy = selectors.rotation_after(cluster, cluster_year.leader_id, {u.pk for u in members})
    copies = [(label, count(cluster_year)) for label, _copy, count in cluster_services.NEXT_YEAR_COPIERS.values()]
    return {
        "year": year,
        "exists": cluster.years.filter(year=year).exists(),
        "members": members,
        "dropped": cluster_year.memberships.exclude(unit__in=members).select_related("unit"),
        "leader": leader,
        "deputy": deputy,
        "rotates": cluster.leader_selection == LeaderSelection.ROTATION,
        "copies": copies,
    }


@login_required
def cluster_year_open_next(request, pk):
    """ "Mở năm sau từ năm này": what will be carried over, then one button that does it all in one transaction."""
    cluster_year = get_object_or_404(ClusterYear.objects.select_related("cluster__province", "leader"), pk=pk)
    cluster = cluster_year.cluster
    web.require(request, CHANGE, cluster)
    if request.method == "POST":
        ok, opened = web.run(request, lambda: services.open_next_year(cluster_year, actor=request.user))
        if ok:
            messages.success(
                request,
                _("Đã mở kỳ thi đua năm %(year)s với %(n)s thành viên.")
                % {"year": opened.year, "n": opened.memberships.count()},
            )
            return redirect(f"{cluster.get_absolute_url()}#nam-{opened.year}")
    context = {"cluster_year": cluster_year, "cluster": cluster, **_next_year_preview(cluster_year)}
    return render(request, "organizations/cluster_year_next.html", context)
