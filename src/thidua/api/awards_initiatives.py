"""The API for a person's recognised initiatives (sáng kiến), which the eligibility conditions count."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from thidua.api.common import AUTH, require_perm
from thidua.awards import selectors, services
from thidua.awards.models import Initiative
from thidua.organizations.models import Person

router = Router(tags=["awards"], auth=AUTH)


class InitiativeIn(Schema):
    title: str
    kind: str = "sang_kien"
    scope: str
    co_authors: str = ""
    recognised_by: str
    decision_number: str
    decision_date: datetime.date
    year: int
    note: str = ""


class InitiativeOut(Schema):
    id: int
    person_id: int
    title: str
    kind: str
    kind_label: str
    scope: str
    scope_label: str
    co_authors: str
    recognised_by: str
    decision_number: str
    decision_date: datetime.date
    year: int
    note: str


class RemoveIn(Schema):
    reason: str


def _out(i):
    return {
        "id": i.pk,
        "person_id": i.person_id,
        "title": i.title,
        "kind": i.kind,
        "kind_label": i.get_kind_display(),
        "scope": i.scope,
        "scope_label": i.get_scope_display(),
        "co_authors": i.co_authors,
        "recognised_by": i.recognised_by,
        "decision_number": i.decision_number,
        "decision_date": i.decision_date,
        "year": i.year,
        "note": i.note,
    }


@router.get(
    "/awards/people/{person_id}/initiatives",
    response=list[InitiativeOut],
    summary="Sáng kiến, đề tài được công nhận của một cá nhân",
)
def person_initiatives(request, person_id: int):
    person = get_object_or_404(Person, pk=person_id)
    require_perm(request, "awards.view_subject_awards", person)
    return [_out(i) for i in selectors.initiatives_of(person)]


@router.post(
    "/awards/people/{person_id}/initiatives",
    response={201: InitiativeOut},
    summary="Ghi một sáng kiến được công nhận (cán bộ đơn vị nơi người đó công tác, Ban TĐKT)",
)
def add_initiative(request, person_id: int, payload: InitiativeIn):
    person = get_object_or_404(Person, pk=person_id)
    require_perm(request, "awards.record_initiative", person)
    initiative = services.record_initiative(person, actor=request.user, **payload.model_dump())
    return Status(201, _out(initiative))


@router.post(
    "/awards/initiatives/{initiative_id}/remove",
    response={204: None},
    summary="Xóa một bản ghi sáng kiến ghi nhầm (nhật ký giữ nội dung và lý do)",
)
def remove_initiative(request, initiative_id: int, payload: RemoveIn):
    initiative = get_object_or_404(Initiative.objects.select_related("person"), pk=initiative_id)
    require_perm(request, "awards.record_initiative", initiative.person)
    services.remove_initiative(initiative, actor=request.user, reason=payload.reason)
    return Status(204, None)
