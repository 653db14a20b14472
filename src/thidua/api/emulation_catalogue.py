"""API of movements, reports, models, exemplars, the public honour board and guiding documents."""

import datetime
import json

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import File, Form, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from thidua.api.common import AUTH, paginate, require_perm
from thidua.core.text import fold
from thidua.core.web import visible_or_404
from thidua.emulation import selectors, services
from thidua.emulation.enums import ExemplarState
from thidua.emulation.models import Movement, MovementModel, MovementParticipation
from thidua.organizations.models import Cluster, ClusterYear, Province, Unit

router = Router(tags=["emulation"], auth=AUTH)
FIGURES_MESSAGE = gettext_noop('Số liệu phải là danh sách JSON [{"label": ..., "value": ...}].')


# Movements -----------------------------------------------------------------------------------------------------
class MovementIn(Schema):
    name: str
    level: str
    kind: str
    launch_reference: str = ""
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    targets: str = ""
    description: str = ""
    province_ids: list[int] = []
    cluster_ids: list[int] = []


class MovementOut(Schema):
    id: int
    name: str
    level: str
    kind: str
    launch_reference: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    targets: str
    description: str
    province_ids: list[int]
    cluster_ids: list[int]
    is_invented: bool


class ParticipationOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    commitment: str


class ModelOut(Schema):
    id: int
    movement_id: int
    unit_id: int
    unit_name: str
    name: str
    category: str
    year: int
    description: str
    is_invented: bool


class MovementDetail(MovementOut):
    participations: list[ParticipationOut]
    models: list[ModelOut]


class JoinIn(Schema):
    unit_id: int
    commitment: str = ""


class ReportIn(Schema):
    unit_id: int
    year: int
    period: str
    content: str
    figures: str = "[]"  # JSON list of {"label", "value"}: multipart forms carry text


class ReportOut(Schema):
    id: int
    unit_id: int
    year: int
    period: str
    content: str
    figures: list[dict]
    file_ids: list[str]


class ModelIn(Schema):
    unit_id: int
    name: str
    year: int
    description: str
    category: str = ""


MOVEMENT_FIELDS = (
    "id",
    "name",
    "level",
    "kind",
    "launch_reference",
    "starts_on",
    "ends_on",
    "targets",
    "description",
    "is_invented",
)


def _movement(m):
    return {
        **{k: getattr(m, k) for k in MOVEMENT_FIELDS},
        "province_ids": [p.pk for p in m.provinces.all()],
        "cluster_ids": [c.pk for c in m.clusters.all()],
    }


def _model(m):
    return {
        "id": m.pk,
        "movement_id": m.movement_id,
        "unit_id": m.unit_id,
        "unit_name": m.unit.full_name,
        "name": m.name,
        "category": m.category,
        "year": m.year,
        "description": m.description,
        "is_invented": m.is_invented,
    }


def _links(payload):
    return {
        "provinces": list(Province.objects.filter(pk__in=payload.province_ids)),
        "clusters": list(Cluster.objects.filter(pk__in=payload.cluster_ids)),
    }


def _movement_data(payload):
    return payload.dict(exclude={"province_ids", "cluster_ids"})


@router.get("/movements", response=list[MovementOut], summary="Phong trào thi đua (tìm không dấu)")
def list_movements(request, q: str = "", level: str = "", limit: int = 50, offset: int = 0):
    require_perm(request, "emulation.view_movement")
    qs = selectors.movements_for_list(query=q, level=level).prefetch_related("provinces", "clusters")
    page, _limit, _offset = paginate(qs, limit, offset)
    return [_movement(m) for m in page]


@router.get("/movements/{movement_id}", response=MovementDetail, summary="Một phong trào, đơn vị tham gia, mô hình")
def get_movement(request, movement_id: int):
    require_perm(request, "emulation.view_movement")
    movement = get_object_or_404(Movement.objects.prefetch_related("provinces", "clusters"), pk=movement_id)
    return {
        **_movement(movement),
        "participations": [
            {"id": p.pk, "unit_id": p.unit_id, "unit_name": p.unit.full_name, "commitment": p.commitment}
            for p in selectors.participations_of(movement)
        ],
        "models": [_model(m) for m in selectors.models_of(movement)],
    }


@router.post("/movements", response=MovementOut, summary="Thêm phong trào")
def create_movement(request, payload: MovementIn):
    require_perm(request, "emulation.add_movement")
    movement = services.create_movement(actor=request.user, **_links(payload), **_movement_data(payload))
    return _movement(movement)


@router.put("/movements/{movement_id}", response=MovementOut, summary="Sửa phong trào")
def update_movement(request, movement_id: int, payload: MovementIn):
    movement = get_object_or_404(Movement, pk=movement_id)
    require_perm(request, "emulation.change_movement", movement)
    movement = services.update_movement(movement, actor=request.user, **_links(payload), **_movement_data(payload))
    return _movement(movement)


@router.post("/movements/{movement_id}/participations", response=ParticipationOut, summary="Đơn vị đăng ký tham gia")
def join_movement(request, movement_id: int, payload: JoinIn):
    movement = get_object_or_404(Movement, pk=movement_id)
    unit = get_object_or_404(Unit, pk=payload.unit_id)
    p = services.join_movement(movement, unit, actor=request.user, commitment=payload.commitment)
    return {"id": p.pk, "unit_id": unit.pk, "unit_name": unit.full_name, "commitment": p.commitment}


def _report(r):
    return {
        "id": r.pk,
        "unit_id": r.participation.unit_id,
        "year": r.year,
        "period": r.period,
        "content": r.content,
        "figures": r.figures,
        "file_ids": [str(f.uuid) for f in r.files.all()],
    }


@router.get("/movements/{movement_id}/reports", response=list[ReportOut], summary="Báo cáo kết quả được xem")
def list_reports(request, movement_id: int):
    require_perm(request, "emulation.view_movement")
    movement = get_object_or_404(Movement, pk=movement_id)
    return [_report(r) for r in selectors.reports_visible_to(request.user, movement)]


@router.post("/movements/{movement_id}/reports", response=ReportOut, summary="Báo cáo kết quả (kèm tệp minh chứng)")
def file_report(request, movement_id: int, payload: Form[ReportIn], files: File[list[UploadedFile]] = None):
    participation = get_object_or_404(
        MovementParticipation.objects.select_related("unit", "movement"),
        movement_id=movement_id,
        unit_id=payload.unit_id,
    )
    try:
        figures = json.loads(payload.figures or "[]")
    except json.JSONDecodeError as bad:
        raise HttpError(422, _(FIGURES_MESSAGE)) from bad
    if not isinstance(figures, list) or not all(isinstance(f, dict) for f in figures):
        raise HttpError(422, _(FIGURES_MESSAGE))
    report = services.file_movement_report(
        participation,
        actor=request.user,
        year=payload.year,
        period=payload.period,
        content=payload.content,
        figures=figures,
        uploads=files or [],
    )
    return _report(report)


@router.post("/movements/{movement_id}/models", response=ModelOut, summary="Ghi nhận mô hình (kèm minh chứng)")
def record_model(request, movement_id: int, payload: Form[ModelIn], files: File[list[UploadedFile]] = None):
    movement = get_object_or_404(Movement, pk=movement_id)
    unit = get_object_or_404(Unit, pk=payload.unit_id)
    data = payload.dict(exclude={"unit_id"})
    model = services.record_movement_model(movement, unit, actor=request.user, uploads=files or [], **data)
    return _model(MovementModel.objects.select_related("unit").get(pk=model.pk))


# Exemplars -----------------------------------------------------------------------------------------------------
class ExemplarIn(Schema):
    unit_id: int
    kind: str
    name: str
    year: int
    achievements: str
    title: str = ""
    movement_id: int | None = None
    movement_model_id: int | None = None


class ExemplarOut(Schema):
    id: int
    kind: str
    name: str
    title: str
    unit_id: int
    unit_name: str
    province_id: int
    cluster_id: int | None
    year: int
    movement_id: int | None
    achievements: str
    state: str
    decision_note: str
    recognised_by: str
    is_invented: bool
    permalink: str


class ExemplarTransitionIn(Schema):
    state: str
    reason: str = ""


def _exemplar(e):
    return {
        "id": e.pk,
        "kind": e.kind,
        "name": e.name,
        "title": e.title,
        "unit_id": e.unit_id,
        "unit_name": e.unit.full_name,
        "province_id": e.province_id,
        "cluster_id": e.cluster_year.cluster_id if e.cluster_year_id else None,
        "year": e.year,
        "movement_id": e.movement_id,
        "achievements": e.achievements,
        "state": e.state,
        "decision_note": e.decision_note,
        "recognised_by": e.recognised_by,
        "is_invented": e.is_invented,
        "permalink": f"/bang-vang/{e.pk}/{e.slug}/" if e.state == ExemplarState.RECOGNISED else "",
    }


@router.get("/exemplars", response=list[ExemplarOut], summary="Điển hình tiên tiến trong phạm vi quyền")
def list_exemplars(request, q: str = "", state: str = "", limit: int = 50, offset: int = 0):
    require_perm(request, "emulation.list_exemplars")
    qs = selectors.exemplars_visible_to(request.user)
    for word in fold(q).split():
        qs = qs.filter(folded_text__contains=word)
    if state:
        qs = qs.filter(state=state)
    page, _limit, _offset = paginate(qs, limit, offset)
    return [_exemplar(e) for e in page]


@router.get("/exemplars/{exemplar_id}", response=ExemplarOut, summary="Một điển hình")
def get_exemplar(request, exemplar_id: int):
    exemplar = get_object_or_404(selectors.exemplar_qs(), pk=exemplar_id)
    return _exemplar(visible_or_404(request, "emulation.view_exemplar", exemplar))


@router.post("/exemplars", response=ExemplarOut, summary="Đề xuất điển hình (kèm minh chứng)")
def propose_exemplar(request, payload: Form[ExemplarIn], files: File[list[UploadedFile]] = None):
    unit = get_object_or_404(Unit, pk=payload.unit_id)
    movement = get_object_or_404(Movement, pk=payload.movement_id) if payload.movement_id else None
    model = get_object_or_404(MovementModel, pk=payload.movement_model_id) if payload.movement_model_id else None
    data = payload.dict(exclude={"unit_id", "movement_id", "movement_model_id"})
    exemplar = services.propose_exemplar(
        actor=request.user, unit=unit, movement=movement, movement_model=model, person=None, uploads=files or [], **data
    )
    return _exemplar(selectors.exemplar_qs().get(pk=exemplar.pk))


@router.post("/exemplars/{exemplar_id}/transition", response=ExemplarOut, summary="Công nhận, không công nhận, thu hồi")
def transition_exemplar(request, exemplar_id: int, payload: ExemplarTransitionIn):
    exemplar = get_object_or_404(selectors.exemplar_qs(), pk=exemplar_id)
    visible_or_404(request, "emulation.view_exemplar", exemplar)
    services.set_exemplar_state(exemplar, payload.state, actor=request.user, reason=payload.reason)
    return _exemplar(selectors.exemplar_qs().get(pk=exemplar.pk))


@router.get("/honour-board", response=list[ExemplarOut], auth=None, summary="Bảng vàng công khai (không cần đăng nhập)")
def honour_board(
    request,
    q: str = "",
    province: int | None = None,
    cluster: int | None = None,
    year: int | None = None,
    limit: int = 50,
    offset: int = 0,
):
    qs = selectors.honour_board(query=q, province=province, cluster=cluster, year=year)
    page, _limit, _offset = paginate(qs, limit, offset)
    return [_exemplar(e) for e in page]


# Guiding documents ---------------------------------------------------------------------------------------------
class DocumentIn(Schema):
    number: str
    issued_on: datetime.date
    issuer: str
    doc_type: str
    summary: str
    province_id: int | None = None
    movement_ids: list[int] = []
    cluster_year_ids: list[int] = []
    note: str = ""


class DocumentOut(Schema):
    id: int
    number: str
    issued_on: datetime.date
    issuer: str
    doc_type: str
    summary: str
    province_id: int | None
    movement_ids: list[int]
    cluster_year_ids: list[int]
    file_id: str | None
    is_invented: bool


def _document(d):
    return {
        "id": d.pk,
        "number": d.number,
        "issued_on": d.issued_on,
        "issuer": d.issuer,
        "doc_type": d.doc_type,
        "summary": d.summary,
        "province_id": d.province_id,
        "movement_ids": [m.pk for m in d.movements.all()],
        "cluster_year_ids": [c.pk for c in d.cluster_years.all()],
        "file_id": str(d.file.uuid) if d.file_id else None,
        "is_invented": d.is_invented,
    }


@router.get("/guiding-documents", response=list[DocumentOut], summary="Văn bản chỉ đạo (tìm không dấu)")
def list_documents(request, q: str = "", doc_type: str = "", limit: int = 50, offset: int = 0):
    require_perm(request, "emulation.view_guiding_document")
    qs = selectors.guiding_documents(query=q, doc_type=doc_type).prefetch_related("movements", "cluster_years")
    page, _limit, _offset = paginate(qs, limit, offset)
    return [_document(d) for d in page]


@router.get("/guiding-documents/{document_id}", response=DocumentOut, summary="Một văn bản chỉ đạo")
def get_document(request, document_id: int):
    require_perm(request, "emulation.view_guiding_document")
    return _document(get_object_or_404(selectors.guiding_documents(), pk=document_id))


@router.post("/guiding-documents", response=DocumentOut, summary="Thêm văn bản chỉ đạo (kèm tệp PDF/Word)")
def create_document(request, payload: Form[DocumentIn], file: File[UploadedFile] = None):
    require_perm(request, "emulation.add_guiding_document")
    data = payload.dict(exclude={"province_id", "movement_ids", "cluster_year_ids"})
    document = services.create_guiding_document(
        actor=request.user,
        province=get_object_or_404(Province, pk=payload.province_id) if payload.province_id else None,
        movements=list(Movement.objects.filter(pk__in=payload.movement_ids)),
        cluster_years=list(ClusterYear.objects.filter(pk__in=payload.cluster_year_ids)),
        upload=file,
        **data,
    )
    return _document(document)
