"""Pages that read units, clusters and people. The pages that write are in manage.py."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.exports import Column, list_export
from thidua.core.text import fold
from thidua.core.web import require
from thidua.organizations import selectors
from thidua.organizations.enums import LeaderSelection, LineageRole
from thidua.organizations.models import Cluster, Person, Position, Province, Unit


def _unit_list_qs(request, today):
    """The unit list's rows with its filters: name (accents ignored), province, active or ended."""
    require(request, "organizations.view_unit")
    qs = Unit.objects.select_related("province", "parent")
    for word in fold(request.GET.get("q", "")).split():
        qs = qs.filter(folded_name__contains=word)
    province = request.GET.get("province", "")
    if province.isdigit():
        qs = qs.filter(province_id=province)
    show = request.GET.get("show", "active")
    if show == "active":
        qs = qs.filter(selectors.active_on_q(today))
    elif show == "ended":
        qs = qs.filter(valid_to__lt=today)
    return qs.order_by("province__name", "folded_name", "id")


@login_required
def unit_list(request):
    query = request.GET.get("q", "").strip()
    show = request.GET.get("show", "active")
    today = timezone.localdate()
    province = request.GET.get("province", "")
    page = Paginator(_unit_list_qs(request, today), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "organizations/unit_list.html",
        {
            "page": page,
            "query": query,
            "show": show,
            "province": province,
            "provinces": Province.objects.all(),
            "today": today,
            "can_record": request.user.has_perm("organizations.change_unit"),
        },
    )


@login_required
def unit_list_export(request):
    columns = [
        Column(_("Mã"), lambda u: u.code),
        Column(_("Đơn vị"), lambda u: u.full_name),
        Column(_("Tỉnh"), lambda u: u.province.name),
        Column(_("Đơn vị cấp trên"), lambda u: u.parent.full_name if u.parent else ""),
        Column(_("Hoạt động từ"), lambda u: u.valid_from),
        Column(_("Hoạt động đến"), lambda u: u.valid_to),
        Column(_("Dữ liệu minh họa"), lambda u: _("Có") if u.is_invented else ""),
    ]
    qs = _unit_list_qs(request, timezone.localdate())
    return list_export(qs, columns, sheet="Don vi", filename="danh-sach-don-vi")


def _timeline(unit):
    timeline = list(selectors.unit_timeline(unit))
    for event in timeline:
        event.before = [link.unit for link in event.links.all() if link.role == LineageRole.PREDECESSOR]
        event.after = [link.unit for link in event.links.all() if link.role == LineageRole.SUCCESSOR]
    return timeline


@login_required
def unit_detail(request, pk):
    require(request, "organizations.view_unit")
    unit = get_object_or_404(selectors.units_with_history(), pk=pk)
    today = timezone.localdate()
    active = unit.is_active_on(today)
    names = list(unit.names.all())
    return render(
        request,
        "organizations/unit_detail.html",
        {
            "unit": unit,
            "today": today,
            "active": active,
            "names": names if len(names) > 1 else [],
            "timeline": _timeline(unit),
            "successors_today": [] if active else list(selectors.successors_on(unit, today)),
            "predecessors": list(selectors.all_predecessors(unit).order_by("folded_name")),
            "direct_predecessors": list(selectors.direct_predecessors(unit).order_by("folded_name")),
            "territory_from": list(selectors.territory_from(unit)),
            "children": list(selectors.children_of(unit)),
            "cluster_years": list(selectors.clusters_of_unit(unit)),
            "can_change": request.user.has_perm("organizations.change_unit", unit),
        },
    )


def _clusters(request):
    require(request, "organizations.view_cluster")
    clusters = list(selectors.clusters_for_list())
    for cluster in clusters:
        years = list(cluster.years.all())
        cluster.latest_year = years[0] if years else None
    return clusters


@login_required
def cluster_list_export(request):
    def latest(attribute):
        def read(cluster):
            year = cluster.latest_year
            value = getattr(year, attribute, None) if year else None
            return getattr(value, "full_name", value) or ""

        return read

    columns = [
        Column(_("Cụm, khối"), lambda c: c.name),
        Column(_("Loại"), lambda c: c.get_kind_display()),
        Column(_("Tỉnh"), lambda c: c.province.name),
        Column(_("Năm gần nhất"), latest("year")),
        Column(_("Trưởng cụm"), latest("leader")),
        Column(_("Phó Trưởng cụm"), latest("deputy")),
        Column(_("Hoạt động đến"), lambda c: c.valid_to),
    ]
    return list_export(_clusters(request), columns, sheet="Cum khoi", filename="danh-sach-cum-khoi")


@login_required
def cluster_list(request):
    clusters = _clusters(request)
    return render(
        request,
        "organizations/cluster_list.html",
        {
            "clusters": clusters,
            "can_add_year": request.user.has_perm("organizations.change_cluster"),
            "can_found": request.user.has_perm("organizations.change_cluster"),
        },
    )


def _membership_matrix(years):
    """Rows of (unit, [cell per year]) over all the cluster's years, newest year first, for the overview table."""
    units = {}
    for cy in years:
        for membership in cy.memberships.all():
            units.setdefault(membership.unit_id, membership.unit)
    rows = []
    for unit in sorted(units.values(), key=lambda u: u.folded_name):
        cells = []
        for cy in years:
            if unit.pk == cy.leader_id:
                cells.append("leader")
            elif unit.pk == cy.deputy_id:
                cells.append("deputy")
            elif unit.pk in cy.member_ids:
                cells.append("member")
            else:
                cells.append("")
        rows.append((unit, cells))
    return rows


@login_required
def cluster_detail(request, pk):
    cluster = get_object_or_404(Cluster.objects.select_related("province"), pk=pk)
    require(request, "organizations.view_cluster", cluster)
    years = list(selectors.cluster_years_with_members(cluster))
    can_change = request.user.has_perm("organizations.change_cluster", cluster)
    for cy in years:
        cy.member_ids = {m.unit_id for m in cy.memberships.all()}
        cy.cluster = cluster  # the permission check below reads the province through it
        cy.can_manage = request.user.has_perm("organizations.manage_cluster_year", cy)
    # "Mở năm sau từ năm này" is offered on the latest year, while the cluster still runs in the year after it.
    latest = years[0] if years else None
    if latest is not None and can_change and (cluster.valid_to is None or cluster.valid_to.year > latest.year):
        latest.can_open_next = True
    rotates = cluster.leader_selection == LeaderSelection.ROTATION
    return render(
        request,
        "organizations/cluster_detail.html",
        {
            "cluster": cluster,
            "years": years,
            "matrix": _membership_matrix(years),
            "rotation": cluster.rotation.select_related("unit"),
            "forecast": selectors.rotation_forecast(cluster) if rotates else [],
            "today": timezone.localdate(),
            "can_open_year": can_change,
            "can_change": can_change,
        },
    )


def _people(request):
    require(request, "organizations.list_people")
    qs = selectors.people_visible_to(request.user)
    for word in fold(request.GET.get("q", "")).split():
        qs = qs.filter(folded_name__contains=word)
    return qs.order_by("folded_name", "id")


@login_required
def person_list_export(request):
    columns = [
        Column(_("Mã cá nhân"), lambda p: p.pk),
        Column(_("Họ và tên"), lambda p: p.full_name),
        Column(_("Giới tính"), lambda p: p.get_gender_display()),
        Column(_("Ngày sinh"), lambda p: p.birth_date),
        Column(_("Tỉnh"), lambda p: p.province.name),
        Column(_("Trực tiếp lao động, sản xuất"), lambda p: _("Có") if p.is_direct_labourer else ""),
    ]
    return list_export(_people(request), columns, sheet="Ca nhan", filename="danh-sach-ca-nhan")


@login_required
def person_list(request):
    query = request.GET.get("q", "").strip()
    page = Paginator(_people(request), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": query,
        "can_add": request.user.has_perm("organizations.add_person"),
        "can_import": request.user.has_perm("organizations.import_people"),
    }
    return render(request, "organizations/person_list.html", context)


@login_required
def person_detail(request, pk):
    person = get_object_or_404(
        Person.objects.select_related("province").prefetch_related(
            Prefetch(
                "positions",
                queryset=Position.objects.select_related("unit__province").order_by(
                    F("valid_from").desc(nulls_last=True), "-id"
                ),
            )
        ),
        pk=pk,
    )
    require(request, "organizations.view_person", person)
    positions = list(person.positions.all())
    for position in positions:
        position.can_change = request.user.has_perm("organizations.change_position", position)
    return render(
        request,
        "organizations/person_detail.html",
        {
            "person": person,
            "positions": positions,
            "today": timezone.localdate(),
            "can_change": request.user.has_perm("organizations.change_person", person),
        },
    )


@login_required
def search(request):
    require(request, "organizations.view_unit")
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "organizations/search.html",
        {
            "query": query,
            "units": list(selectors.search_units(query)) if query else [],
            "people": list(selectors.search_people(request.user, query)) if query else [],
            "today": timezone.localdate(),
        },
    )
