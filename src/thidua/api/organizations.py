import datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from thidua.api import people
from thidua.api.common import AUTH, FORBIDDEN, paginate, require_perm
from thidua.core.text import fold
from thidua.organizations import selectors, services
from thidua.organizations.enums import ClusterKind, LeaderSelection, LineageKind, LineageRole, UnitKind
from thidua.organizations.models import Cluster, ClusterYear, LineageEvent, Person, Province, Unit

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
    direct_predecessor_ids: list[int]
    territory_from: list[UnitBrief]
    successors_today: list[UnitBrief]


class MemberYearOut(Schema):
    id: int
    year: int
    leader: UnitBrief | None
    deputy: UnitBrief | None
    motto: str
    members: list[UnitBrief]
    state: str


class ClusterOut(Schema):
    id: int
    name: str
    kind: str
    province_id: int
    founding_decision: str
    founding_decision_date: datetime.date | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    closing_decision: str
    leader_selection: str
    version: int


class ClusterDetail(ClusterOut):
    years: list[MemberYearOut]


class ClusterIn(Schema):
    province_id: int
    name: str
    kind: ClusterKind = ClusterKind.CLUSTER
    leader_selection: LeaderSelection = LeaderSelection.ELECTED
    founding_decision: str = ""
    founding_decision_date: datetime.date | None = None
    valid_from: datetime.date | None = None


class ClusterChangeIn(Schema):
    """Only the fields sent change. `version` is the cluster's version the caller read (409 if someone saved since)."""

    version: int | None = None
    name: str | None = None
    kind: ClusterKind | None = None
    leader_selection: LeaderSelection | None = None
    founding_decision: str | None = None
    founding_decision_date: datetime.date | None = None
    valid_from: datetime.date | None = None


class CloseClusterIn(Schema):
    date: datetime.date
    decision: str = ""
    version: int | None = None


class RotationOrderIn(Schema):
    unit_ids: list[int]
    version: int | None = None


class LeaderTurnOut(Schema):
    year: int
    leader: UnitBrief
    deputy: UnitBrief


class RotationOrderOut(Schema):
    cluster_id: int
    leader_selection: str
    version: int
    units: list[UnitBrief]
    coming_years: list[LeaderTurnOut]


class NextYearOut(Schema):
    year: MemberYearOut
    copied: dict[str, int]


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


class NewUnitIn(Schema):
    kind: UnitKind
    name: str
    province_id: int


class LineageEventIn(Schema):
    kind: LineageKind
    date: datetime.date
    decision: str = ""
    decision_date: datetime.date | None = None
    note: str = ""
    predecessor_ids: list[int] = []
    successor_ids: list[int] = []
    new_successor: NewUnitIn | None = None
    end_predecessors: bool = True


class RenameIn(Schema):
    name: str
    date: datetime.date
    decision: str = ""
    expected_name: str | None = None


class ClusterYearIn(Schema):
    member_ids: list[int]
    leader_id: int | None = None
    deputy_id: int | None = None
    expected_state: str | None = None


class OpenClusterYearIn(Schema):
    year: int
    member_ids: list[int] = []
    leader_id: int | None = None
    deputy_id: int | None = None
    motto: str = ""


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


def _event(event):
    links = list(event.links.all())
    return {
        "id": event.pk,
        "kind": event.kind,
        "date": event.date,
        "decision": event.decision,
        "predecessor_ids": [link.unit_id for link in links if link.role == LineageRole.PREDECESSOR],
        "successor_ids": [link.unit_id for link in links if link.role == LineageRole.SUCCESSOR],
    }


def _cluster_year(cy):
    return {
        "id": cy.pk,
        "year": cy.year,
        "motto": cy.motto,
        "leader": _unit(cy.leader) if cy.leader else None,
        "deputy": _unit(cy.deputy) if cy.deputy else None,
        "members": [_unit(m.unit) for m in cy.memberships.all()],
        "state": services.cluster_year_state(cy),
    }


def _units(ids):
    """The units with these ids, in the order given; a missing id is bad input (422), not a 404."""
    found = {u.pk: u for u in Unit.objects.filter(pk__in=ids).select_related("province")}
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise ValidationError(_("Không tìm thấy đơn vị: %(ids)s") % {"ids": ", ".join(missing)})
    return [found[pk] for pk in ids]


def _unit_or_none(unit_id):
    return _units([unit_id])[0] if unit_id is not None else None


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
    unit = get_object_or_404(selectors.units_with_history(), pk=unit_id)
    today = timezone.localdate()
    return {
        **_unit(unit),
        "names": [{"name": n.name, "valid_from": n.valid_from, "valid_to": n.valid_to} for n in unit.names.all()],
        "lineage": [_event(e) for e in selectors.unit_timeline(unit)],
        "predecessors": [_unit(u) for u in selectors.all_predecessors(unit).order_by("folded_name")],
        "direct_predecessor_ids": sorted(u.pk for u in selectors.direct_predecessors(unit)),
        "territory_from": [_unit(u) for u in selectors.territory_from(unit)],
        "successors_today": []
        if unit.is_active_on(today)
        else [_unit(u) for u in selectors.successors_on(unit, today).order_by("folded_name")],
    }


@router.post(
    "/units/{unit_id}/rename", response=UnitDetail, summary="Đổi tên đơn vị (tên cũ giữ trong lịch sử tên gọi)"
)
def rename_unit(request, unit_id: int, payload: RenameIn):
    unit = get_object_or_404(Unit, pk=unit_id)
    require_perm(request, "organizations.change_unit", unit)
    services.rename_unit(
        unit,
        payload.name,
        date=payload.date,
        decision=payload.decision,
        expected_name=payload.expected_name,
        actor=request.user,
    )
    return get_unit(request, unit_id)


@router.post("/lineage-events", response={201: LineageEventOut}, summary="Ghi nhận sự kiện sắp xếp đơn vị")
def create_lineage_event(request, payload: LineageEventIn):
    require_perm(request, "organizations.change_unit")
    predecessors, successors = _units(payload.predecessor_ids), _units(payload.successor_ids)
    for unit in (*predecessors, *successors):
        require_perm(request, "organizations.change_unit", unit)
    new_successor = None
    if payload.new_successor is not None:
        province = selectors.changeable_provinces(request.user).filter(pk=payload.new_successor.province_id).first()
        if province is None:
            raise HttpError(403, FORBIDDEN)
        new_successor = {"kind": payload.new_successor.kind, "name": payload.new_successor.name, "province": province}
    event = services.record_lineage_event(
        kind=payload.kind,
        date=payload.date,
        predecessors=predecessors,
        successors=successors,
        new_successor=new_successor,
        decision=payload.decision,
        decision_date=payload.decision_date,
        note=payload.note,
        end_predecessors=payload.end_predecessors,
        actor=request.user,
    )
    return Status(201, _event(LineageEvent.objects.prefetch_related("links").get(pk=event.pk)))


@router.get("/clusters", response=list[ClusterOut], summary="Cụm, khối thi đua")
def list_clusters(request, province: int | None = None, limit: int = 50, offset: int = 0):
    require_perm(request, "organizations.view_cluster")
    # Paged like the other lists: the whole country has hundreds of clusters, and this answer carries no years.
    page, _, _ = paginate(selectors.clusters_brief(province), limit, offset)
    return list(page)


@router.get("/clusters/{cluster_id}", response=ClusterDetail, summary="Cụm với thành viên, Trưởng, Phó cụm từng năm")
def get_cluster(request, cluster_id: int):
    cluster = get_object_or_404(Cluster, pk=cluster_id)
    require_perm(request, "organizations.view_cluster", cluster)
    years = [_cluster_year(cy) for cy in selectors.cluster_years_with_members(cluster)]
    return {**ClusterOut.model_validate(cluster).model_dump(), "years": years}


def _cluster_year_out(cluster_year_id):
    return _cluster_year(
        selectors.cluster_years_with_members(ClusterYear.objects.get(pk=cluster_year_id).cluster).get(
            pk=cluster_year_id
        )
    )


@router.post("/clusters/{cluster_id}/years", response={201: MemberYearOut}, summary="Mở kỳ thi đua mới của cụm")
def open_cluster_year(request, cluster_id: int, payload: OpenClusterYearIn):
    cluster = get_object_or_404(Cluster, pk=cluster_id)
    require_perm(request, "organizations.change_cluster", cluster)
    cluster_year = services.open_cluster_year(
        cluster,
        payload.year,
        members=_units(payload.member_ids),
        leader=_unit_or_none(payload.leader_id),
        deputy=_unit_or_none(payload.deputy_id),
        motto=payload.motto,
        actor=request.user,
    )
    return Status(201, _cluster_year_out(cluster_year.pk))


@router.post(
    "/cluster-years/{cluster_year_id}/members",
    response=MemberYearOut,
    summary="Thành viên, Trưởng cụm, Phó Trưởng cụm của một kỳ thi đua",
)
def update_cluster_year(request, cluster_year_id: int, payload: ClusterYearIn):
    cluster_year = get_object_or_404(ClusterYear.objects.select_related("cluster"), pk=cluster_year_id)
    require_perm(request, "organizations.manage_cluster_year", cluster_year)
    services.update_cluster_year(
        cluster_year,
        members=_units(payload.member_ids),
        leader=_unit_or_none(payload.leader_id),
        deputy=_unit_or_none(payload.deputy_id),
        expected_state=payload.expected_state,
        actor=request.user,
    )
    return _cluster_year_out(cluster_year.pk)


def _cluster_or_404(cluster_id):
    return get_object_or_404(Cluster.objects.select_related("province"), pk=cluster_id)


def _rotation(cluster):
    return {
        "cluster_id": cluster.pk,
        "leader_selection": cluster.leader_selection,
        "version": cluster.version,
        "units": [_unit(u) for u in selectors.rotation_units(cluster)],
        "coming_years": [
            {"year": year, "leader": _unit(leader), "deputy": _unit(deputy)}
            for year, leader, deputy in selectors.rotation_forecast(cluster)
        ],
    }


@router.post("/clusters", response={201: ClusterOut}, summary="Thành lập cụm, khối thi đua")
def found_cluster(request, payload: ClusterIn):
    require_perm(request, "organizations.change_cluster")
    province = Province.objects.filter(pk=payload.province_id).first()
    if province is None:
        raise ValidationError(_("Không tìm thấy tỉnh: %(id)s") % {"id": payload.province_id})
    cluster = services.found_cluster(actor=request.user, province=province, **payload.dict(exclude={"province_id"}))
    return Status(201, cluster)


@router.patch("/clusters/{cluster_id}", response=ClusterOut, summary="Sửa thông tin cụm, khối")
def change_cluster(request, cluster_id: int, payload: ClusterChangeIn):
    cluster = _cluster_or_404(cluster_id)
    require_perm(request, "organizations.change_cluster", cluster)
    fields = payload.dict(exclude_unset=True, exclude={"version"})
    return services.update_cluster(cluster, actor=request.user, version=payload.version, **fields)


@router.post("/clusters/{cluster_id}/close", response=ClusterOut, summary="Cụm, khối kết thúc hoạt động")
def close_cluster(request, cluster_id: int, payload: CloseClusterIn):
    cluster = _cluster_or_404(cluster_id)
    require_perm(request, "organizations.change_cluster", cluster)
    return services.close_cluster(
        cluster, date=payload.date, decision=payload.decision, version=payload.version, actor=request.user
    )


@router.get(
    "/clusters/{cluster_id}/rotation",
    response=RotationOrderOut,
    summary="Thứ tự luân phiên Trưởng cụm và Trưởng, Phó cụm 5 năm tới",
)
def get_rotation(request, cluster_id: int):
    cluster = _cluster_or_404(cluster_id)
    require_perm(request, "organizations.view_cluster", cluster)
    return _rotation(cluster)


@router.put(
    "/clusters/{cluster_id}/rotation", response=RotationOrderOut, summary="Đặt lại thứ tự luân phiên Trưởng cụm"
)
def set_rotation(request, cluster_id: int, payload: RotationOrderIn):
    cluster = _cluster_or_404(cluster_id)
    require_perm(request, "organizations.change_cluster", cluster)
    services.set_rotation(cluster, _units(payload.unit_ids), actor=request.user, version=payload.version)
    return _rotation(cluster)


@router.post(
    "/cluster-years/{cluster_year_id}/next-year",
    response={201: NextYearOut},
    summary="Mở năm sau từ năm này (thành viên, bảng tiêu chí, giai đoạn; Trưởng cụm theo luân phiên)",
)
def open_next_year(request, cluster_year_id: int):
    cluster_year = get_object_or_404(ClusterYear.objects.select_related("cluster"), pk=cluster_year_id)
    require_perm(request, "organizations.change_cluster", cluster_year.cluster)
    opened = services.open_next_year(cluster_year, actor=request.user)
    return Status(201, {"year": _cluster_year_out(opened.pk), "copied": opened.copied})


@router.get("/people", response=list[PersonOut], summary="Cá nhân trong phạm vi quyền")
def list_people(request, q: str = "", limit: int = 50, offset: int = 0):
    require_perm(request, "organizations.list_people")
    qs = selectors.people_visible_to(request.user).order_by("folded_name", "id")
    for word in fold(q).split():
        qs = qs.filter(folded_name__contains=word)
    page, _, _ = paginate(qs, limit, offset)
    return list(page)


@router.post("/people", response={201: people.PersonWithPosts}, summary="Thêm cá nhân (với chức vụ tại đơn vị)")
def create_person(request, payload: people.PersonIn):
    return people.create(request, payload)


@router.patch("/people/{person_id}", response=people.PersonWithPosts, summary="Sửa thông tin cá nhân")
def update_person(request, person_id: int, payload: people.PersonPatch):
    return people.update(request, person_id, payload)


@router.get("/people/{person_id}", response=PersonDetail, summary="Một cá nhân")
def get_person(request, person_id: int):
    person = get_object_or_404(Person, pk=person_id)
    require_perm(request, "organizations.view_person", person)
    return {**PersonOut.model_validate(person).model_dump(), "positions": list(person.positions.all())}
