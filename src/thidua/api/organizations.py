import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from thidua.api.common import AUTH, paginate, require_perm
from thidua.core.text import fold
from thidua.organizations import selectors
from thidua.organizations.enums import LineageRole
from thidua.organizations.models import Cluster, Person, Province, Unit

router = Router(tags=["organizations"], auth=AUTH)


class ProvinceOut(Schema):
    id: int
    code: str
    name: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    predecessor_ids: list[int]


class UnitBrief(Schema):
    id: int
    code: str
    kind: str
    name: str
    full_name: str
    province_id: int
    parent_id: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class NameOut(Schema):
    name: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class LineageEventOut(Schema):
    id: int
    kind: str
    date: datetime.date
    decision: str
    predecessor_ids: list[int]
    successor_ids: list[int]


class UnitDetail(UnitBrief):
    names: list[NameOut]
    lineage: list[LineageEventOut]
    predecessors: list[UnitBrief]
    successors_today: list[UnitBrief]


class MemberYearOut(Schema):
    id: int
    year: int
    leader: UnitBrief | None
    deputy: UnitBrief | None
    motto: str
    members: list[UnitBrief]


class ClusterOut(Schema):
    id: int
    name: str
    kind: str
    province_id: int
    founding_decision: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    leader_selection: str


class ClusterDetail(ClusterOut):
    years: list[MemberYearOut]


class PositionOut(Schema):
    unit_id: int
    title: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class PersonOut(Schema):
    id: int
    full_name: str
    gender: str
    birth_date: datetime.date | None
    province_id: int
    is_direct_labourer: bool


class PersonDetail(PersonOut):
    positions: list[PositionOut]


def _unit(u):
    return {
        "id": u.pk,
        "code": u.code,
        "kind": u.kind,
        "name": u.name,
        "full_name": u.full_name,
        "province_id": u.province_id,
        "parent_id": u.parent_id,
        "valid_from": u.valid_from,
        "valid_to": u.valid_to,
    }


@router.get("/provinces", response=list[ProvinceOut], summary="Tỉnh, thành phố")
def list_provinces(request):
    require_perm(request, "organizations.view_unit")
    return [
        {
            "id": p.pk,
            "code": p.code,
            "name": p.name,
            "valid_from": p.valid_from,
            "valid_to": p.valid_to,
            "predecessor_ids": [x.pk for x in p.predecessors.all()],
        }
        for p in Province.objects.prefetch_related("predecessors")
    ]


@router.get("/units", response=list[UnitBrief], summary="Đơn vị (tìm không dấu, lọc theo ngày tồn tại)")
def list_units(
    request,
    q: str = "",
    province: int | None = None,
    active_on: datetime.date | None = None,
    limit: int = 50,
    offset: int = 0,
):
    require_perm(request, "organizations.view_unit")
    qs = Unit.objects.order_by("folded_name", "id")
    for word in fold(q).split():
        qs = qs.filter(folded_name__contains=word)
    if province:
        qs = qs.filter(province_id=province)
    if active_on:
        qs = qs.filter(selectors.active_on_q(active_on))
    page, _, _ = paginate(qs, limit, offset)
    return [_unit(u) for u in page]


@router.get("/units/{unit_id}", response=UnitDetail, summary="Đơn vị với lịch sử sắp xếp")
def get_unit(request, unit_id: int):
    require_perm(request, "organizations.view_unit")
    unit = get_object_or_404(Unit.objects.prefetch_related("names"), pk=unit_id)
    today = timezone.localdate()
    events = []
    for event in selectors.unit_timeline(unit):
        links = list(event.links.all())
        events.append(
            {
                "id": event.pk,
                "kind": event.kind,
                "date": event.date,
                "decision": event.decision,
                "predecessor_ids": [link.unit_id for link in links if link.role == LineageRole.PREDECESSOR],
                "successor_ids": [link.unit_id for link in links if link.role == LineageRole.SUCCESSOR],
            }
        )
    return {
        **_unit(unit),
        "names": [{"name": n.name, "valid_from": n.valid_from, "valid_to": n.valid_to} for n in unit.names.all()],
        "lineage": events,
        "predecessors": [_unit(u) for u in selectors.all_predecessors(unit)],
        "successors_today": []
        if unit.is_active_on(today)
        else [_unit(u) for u in selectors.successors_on(unit, today)],
    }


@router.get("/clusters", response=list[ClusterOut], summary="Cụm, khối thi đua")
def list_clusters(request):
    require_perm(request, "organizations.view_cluster")
    return list(selectors.clusters_for_list())


@router.get("/clusters/{cluster_id}", response=ClusterDetail, summary="Cụm với thành viên, Trưởng, Phó cụm từng năm")
def get_cluster(request, cluster_id: int):
    cluster = get_object_or_404(Cluster, pk=cluster_id)
    require_perm(request, "organizations.view_cluster", cluster)
    years = [
        {
            "id": cy.pk,
            "year": cy.year,
            "motto": cy.motto,
            "leader": _unit(cy.leader) if cy.leader else None,
            "deputy": _unit(cy.deputy) if cy.deputy else None,
            "members": [_unit(m.unit) for m in cy.memberships.all()],
        }
        for cy in selectors.cluster_years_with_members(cluster)
    ]
    return {**ClusterOut.model_validate(cluster).model_dump(), "years": years}


@router.get("/people", response=list[PersonOut], summary="Cá nhân trong phạm vi quyền")
def list_people(request, q: str = "", limit: int = 50, offset: int = 0):
    require_perm(request, "organizations.list_people")
    qs = selectors.people_visible_to(request.user).order_by("folded_name", "id")
    for word in fold(q).split():
        qs = qs.filter(folded_name__contains=word)
    page, _, _ = paginate(qs, limit, offset)
    return list(page)


@router.get("/people/{person_id}", response=PersonDetail, summary="Một cá nhân")
def get_person(request, person_id: int):
    person = get_object_or_404(Person, pk=person_id)
    require_perm(request, "organizations.view_person", person)
    return {**PersonOut.model_validate(person).model_dump(), "positions": list(person.positions.all())}
