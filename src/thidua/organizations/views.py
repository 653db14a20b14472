from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from thidua.core.text import fold
from thidua.organizations import selectors
from thidua.organizations.enums import LineageRole
from thidua.organizations.models import Cluster, Person, Province, Unit


def _require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@login_required
def unit_list(request):
    _require(request, "organizations.view_unit")
    query = request.GET.get("q", "").strip()
    show = request.GET.get("show", "active")
    qs = Unit.objects.select_related("province", "parent")
    for word in fold(query).split():
        qs = qs.filter(folded_name__contains=word)
    if request.GET.get("province"):
        qs = qs.filter(province_id=request.GET["province"])
    if show == "active":
        qs = qs.filter(selectors.active_on_q(timezone.localdate()))
    elif show == "ended":
        qs = qs.filter(valid_to__lt=timezone.localdate())
    page = Paginator(qs.order_by("province__name", "folded_name"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "organizations/unit_list.html",
        {
            "page": page,
            "query": query,
            "show": show,
            "provinces": Province.objects.all(),
            "today": timezone.localdate(),
        },
    )


@login_required
def unit_detail(request, pk):
    _require(request, "organizations.view_unit")
    unit = get_object_or_404(Unit.objects.select_related("province", "parent").prefetch_related("names"), pk=pk)
    today = timezone.localdate()
    timeline = list(selectors.unit_timeline(unit))
    for event in timeline:
        event.before = [link.unit for link in event.links.all() if link.role == LineageRole.PREDECESSOR]
        event.after = [link.unit for link in event.links.all() if link.role == LineageRole.SUCCESSOR]
    return render(
        request,
        "organizations/unit_detail.html",
        {
            "unit": unit,
            "today": today,
            "active": unit.is_active_on(today),
            "timeline": timeline,
            "successors_today": [] if unit.is_active_on(today) else list(selectors.successors_on(unit, today)),
            "predecessors": list(selectors.all_predecessors(unit)),
            "children": unit.children.order_by("valid_to", "folded_name"),
            "cluster_years": selectors.clusters_of_unit(unit),
        },
    )


@login_required
def cluster_list(request):
    _require(request, "organizations.view_cluster")
    return render(request, "organizations/cluster_list.html", {"clusters": selectors.clusters_for_list()})


@login_required
def cluster_detail(request, pk):
    cluster = get_object_or_404(Cluster.objects.select_related("province"), pk=pk)
    _require(request, "organizations.view_cluster", cluster)
    return render(
        request,
        "organizations/cluster_detail.html",
        {
            "cluster": cluster,
            "years": selectors.cluster_years_with_members(cluster),
            "rotation": cluster.rotation.select_related("unit"),
        },
    )


@login_required
def person_list(request):
    _require(request, "organizations.list_people")
    query = request.GET.get("q", "").strip()
    qs = selectors.people_visible_to(request.user)
    for word in fold(query).split():
        qs = qs.filter(folded_name__contains=word)
    page = Paginator(qs.order_by("folded_name", "id"), 50).get_page(request.GET.get("page"))
    return render(request, "organizations/person_list.html", {"page": page, "query": query})


@login_required
def person_detail(request, pk):
    person = get_object_or_404(Person.objects.select_related("province"), pk=pk)
    _require(request, "organizations.view_person", person)
    return render(
        request,
        "organizations/person_detail.html",
        {
            "person": person,
            "positions": person.positions.select_related("unit").order_by("-valid_from"),
        },
    )


@login_required
def search(request):
    _require(request, "organizations.view_unit")
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "organizations/search.html",
        {
            "query": query,
            "units": selectors.search_units(query) if query else [],
            "people": selectors.search_people(request.user, query) if query else [],
            "today": timezone.localdate(),
        },
    )
