"""People and their posts: create, correct, add a post, correct a post, transfer. The same services and rules
permissions as the pages (organizations.add_person, change_person, change_position); POST and PATCH of /people
themselves sit in the organizations router beside its GETs, because one path belongs to one router."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from ninja import Router, Schema
from ninja.responses import Status

from thidua.api.common import AUTH, require_perm
from thidua.core import kernel
from thidua.organizations.enums import Gender
from thidua.organizations.models import Person, Position, Province, Unit
from thidua.organizations.services import people as services

router = Router(tags=["people"], auth=AUTH)
NO_UNIT = gettext_lazy("Không có đơn vị mã số %(id)s.")
NO_PROVINCE = gettext_lazy("Không có tỉnh mã số %(id)s.")
NO_POST = gettext_lazy("Người này không có chức vụ mã số %(id)s.")


class PostOut(Schema):
    id: int
    unit_id: int
    title: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    version: int


class PersonWithPosts(Schema):
    id: int
    full_name: str
    gender: str
    birth_date: datetime.date | None
    province_id: int
    is_direct_labourer: bool
    version: int
    positions: list[PostOut]


class PersonIn(Schema):
    full_name: str
    gender: Gender
    birth_date: datetime.date | None = None
    is_direct_labourer: bool = False
    unit_id: int | None = None
    title: str = ""
    valid_from: datetime.date | None = None
    province_id: int | None = None


class PersonPatch(Schema):
    full_name: str | None = None
    gender: Gender | None = None
    birth_date: datetime.date | None = None
    is_direct_labourer: bool | None = None
    version: int | None = None


class PositionIn(Schema):
    unit_id: int
    title: str
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


class PositionPatch(Schema):
    title: str | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    version: int | None = None


class TransferIn(Schema):
    position_id: int
    to_unit_id: int
    title: str
    date: datetime.date
    version: int | None = None


def _named(queryset, pk, message):
    """An object named in the body: a missing one is bad input (422), not a missing page (404)."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        kernel.refuse(message, id=pk)
    return found


def person_out(person_id):
    person = Person.objects.prefetch_related("positions").get(pk=person_id)
    positions = sorted(person.positions.all(), key=lambda p: (p.valid_from or datetime.date.min, p.pk), reverse=True)
    return {**{f: getattr(person, f) for f in PersonWithPosts.model_fields if f != "positions"}, "positions": positions}


def create(request, payload: PersonIn):
    unit = _named(Unit.objects, payload.unit_id, NO_UNIT) if payload.unit_id is not None else None
    province = _named(Province.objects, payload.province_id, NO_PROVINCE) if payload.province_id is not None else None
    require_perm(request, "organizations.add_person", unit)
    person = services.create_person(
        actor=request.user,
        full_name=payload.full_name,
        gender=payload.gender,
        birth_date=payload.birth_date,
        is_direct_labourer=payload.is_direct_labourer,
        unit=unit,
        title=payload.title,
        valid_from=payload.valid_from,
        province=province,
    )
    return Status(201, person_out(person.pk))


def update(request, person_id: int, payload: PersonPatch):
    person = get_object_or_404(Person, pk=person_id)
    require_perm(request, "organizations.change_person", person)
    changes = payload.model_dump(exclude_unset=True)
    seen = changes.pop("version", None)
    for required in ("full_name", "gender", "is_direct_labourer"):
        if required in changes and changes[required] is None:
            del changes[required]  # null means "leave as it is" for the fields a person cannot be without
    services.update_person(person, actor=request.user, seen_version=seen, **changes)
    return person_out(person.pk)


@router.post("/people/{person_id}/positions", response={201: PersonWithPosts}, summary="Thêm chức vụ, nơi công tác")
def add_position(request, person_id: int, payload: PositionIn):
    person = get_object_or_404(Person, pk=person_id)
    require_perm(request, "organizations.change_person", person)
    unit = _named(Unit.objects, payload.unit_id, NO_UNIT)
    require_perm(request, "organizations.add_person", unit)
    services.add_position(
        person,
        actor=request.user,
        unit=unit,
        title=payload.title,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
    )
    return Status(201, person_out(person.pk))


@router.patch("/positions/{position_id}", response=PersonWithPosts, summary="Sửa hoặc kết thúc một chức vụ")
def update_position(request, position_id: int, payload: PositionPatch):
    position = get_object_or_404(Position.objects.select_related("unit"), pk=position_id)
    require_perm(request, "organizations.change_position", position)
    changes = payload.model_dump(exclude_unset=True)
    seen = changes.pop("version", None)
    if changes.get("title", "") is None:
        del changes["title"]
    services.update_position(position, actor=request.user, seen_version=seen, **changes)
    return person_out(position.person_id)


@router.post("/people/{person_id}/transfer", response=PersonWithPosts, summary="Chuyển công tác")
def transfer(request, person_id: int, payload: TransferIn):
    person = get_object_or_404(Person, pk=person_id)
    require_perm(request, "organizations.change_person", person)
    position = _named(Position.objects.filter(person=person).select_related("unit"), payload.position_id, NO_POST)
    to_unit = _named(Unit.objects, payload.to_unit_id, NO_UNIT)
    services.transfer_person(
        position,
        actor=request.user,
        to_unit=to_unit,
        title=payload.title,
        date=payload.date,
        seen_version=payload.version,
    )
    return person_out(person.pk)
