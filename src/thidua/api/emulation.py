"""API of the emulation year: phases, registrations, pledges (movements, exemplars, documents: emulation_catalogue).

Same rules as the pages: 401 anonymous, 404 for what the user may not see (another unit's draft), 403 for what
they see but may not do, 422 with the Vietnamese message when a guard refuses, 409 when a save is stale."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from thidua.api.common import AUTH, require_perm
from thidua.api.emulation_catalogue import router as catalogue_router
from thidua.awards.models import AwardForm
from thidua.core.documents import docx_response, pdf_response
from thidua.core.exports import xlsx_response
from thidua.core.web import visible_or_404
from thidua.emulation import documents, selectors, services
from thidua.emulation.enums import PhaseKind, PledgeState, RegistrationState
from thidua.emulation.models import Phase
from thidua.organizations.models import ClusterYear, Unit

router = Router(tags=["emulation"], auth=AUTH)
router.add_router("", catalogue_router)


def _cluster_year(request, cluster_year_id, perm="emulation.view_cluster_year"):
    cluster_year = get_object_or_404(ClusterYear.objects.select_related("cluster"), pk=cluster_year_id)
    require_perm(request, perm, cluster_year)
    return cluster_year


# Phases --------------------------------------------------------------------------------------------------------
class PhaseOut(Schema):
    kind: str
    label: str
    starts_on: datetime.date
    ends_on: datetime.date
    override: str
    is_open: bool


class PhaseDatesIn(Schema):
    starts_on: datetime.date
    ends_on: datetime.date


class OverrideIn(Schema):
    override: str
    reason: str = ""


def _phase(p):
    return {
        "kind": p.kind,
        "label": str(p.get_kind_display()),
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
        "override": p.override,
        "is_open": p.is_open(),
    }


@router.get("/cluster-years/{cluster_year_id}/phases", response=list[PhaseOut], summary="Các giai đoạn của kỳ thi đua")
def list_phases(request, cluster_year_id: int):
    cluster_year = _cluster_year(request, cluster_year_id)
    return [_phase(p) for _k, p in selectors.phases_by_kind(cluster_year) if p is not None]


@router.put("/cluster-years/{cluster_year_id}/phases/{kind}", response=PhaseOut, summary="Đặt ngày của giai đoạn")
def put_phase(request, cluster_year_id: int, kind: str, payload: PhaseDatesIn):
    cluster_year = _cluster_year(request, cluster_year_id, "emulation.manage_phases")
    if kind not in PhaseKind.values:
        raise HttpError(422, _("Giai đoạn không hợp lệ."))
    phase = services.set_phase_dates(
        cluster_year, kind, starts_on=payload.starts_on, ends_on=payload.ends_on, actor=request.user
    )
    return _phase(phase)


@router.post(
    "/cluster-years/{cluster_year_id}/phases/{kind}/override", response=PhaseOut, summary="Mở, đóng giai đoạn bằng tay"
)
def override_phase(request, cluster_year_id: int, kind: str, payload: OverrideIn):
    cluster_year = _cluster_year(request, cluster_year_id, "emulation.manage_phases")
    phase = get_object_or_404(Phase, cluster_year=cluster_year, kind=kind)
    phase = services.set_phase_override(phase, payload.override, actor=request.user, reason=payload.reason)
    return _phase(phase)


# Registrations -------------------------------------------------------------------------------------------------
class RegistrationOut(Schema):
    id: int
    cluster_year_id: int
    year: int
    unit_id: int
    unit_name: str
    state: str
    state_label: str
    version: int
    collective_forms: list[str]
    targets: dict[str, int]
    commitments: str
    return_reason: str
    submitted_at: datetime.datetime | None
    decided_at: datetime.datetime | None


class RegistrationBoardRow(Schema):
    unit_id: int
    unit_name: str
    state: str | None
    registration_id: int | None


class OpenRegistrationIn(Schema):
    unit_id: int


class RegistrationIn(Schema):
    version: int
    collective_forms: list[str] = []
    targets: dict[str, int] = {}
    commitments: str = ""


class TransitionIn(Schema):
    state: str
    reason: str = ""


def _registration(r):
    return {
        "id": r.pk,
        "cluster_year_id": r.cluster_year_id,
        "year": r.cluster_year.year,
        "unit_id": r.unit_id,
        "unit_name": r.unit.full_name,
        "state": r.state,
        "state_label": str(r.get_state_display()),
        "version": r.version,
        "collective_forms": sorted(f.code for f in r.collective_forms.all()),
        "targets": {t.award_form.code: t.count for t in r.targets.all()},
        "commitments": r.commitments,
        "return_reason": r.return_reason,
        "submitted_at": r.submitted_at,
        "decided_at": r.decided_at,
    }


def _visible_registration(request, registration_id):
    registration = get_object_or_404(selectors.registration_detail_qs(), pk=registration_id)
    return visible_or_404(request, "emulation.view_registration", registration)


@router.get(
    "/cluster-years/{cluster_year_id}/registrations",
    response=list[RegistrationBoardRow],
    summary="Bảng đăng ký thi đua của các thành viên (thư ký cụm, Ban TĐKT)",
)
def registration_board(request, cluster_year_id: int):
    cluster_year = _cluster_year(request, cluster_year_id, "emulation.view_registration_board")
    rows = []
    for unit, registration, shown in documents.registration_rows(cluster_year):
        rows.append(
            {
                "unit_id": unit.pk,
                "unit_name": unit.full_name,
                "state": registration.state if registration else None,
                # A draft is the unit's own: its state shows, its content does not.
                "registration_id": registration.pk if shown else None,
            }
        )
    return rows


@router.post(
    "/cluster-years/{cluster_year_id}/registrations",
    response=RegistrationOut,
    summary="Mở (hoặc lập nháp) đăng ký của đơn vị mình",
)
def open_registration(request, cluster_year_id: int, payload: OpenRegistrationIn):
    cluster_year = get_object_or_404(ClusterYear, pk=cluster_year_id)
    unit = get_object_or_404(Unit, pk=payload.unit_id)
    registration = services.registration_for(cluster_year, unit, actor=request.user)
    return _registration(selectors.registration_detail_qs().get(pk=registration.pk))


@router.get("/registrations/{registration_id}", response=RegistrationOut, summary="Một đăng ký thi đua")
def get_registration(request, registration_id: int):
    return _registration(_visible_registration(request, registration_id))


@router.put(
    "/registrations/{registration_id}",
    response=RegistrationOut,
    summary="Sửa nháp đăng ký (gửi kèm version đã đọc; 409 nếu người khác đã lưu trước)",
)
def put_registration(request, registration_id: int, payload: RegistrationIn):
    registration = _visible_registration(request, registration_id)
    forms = {f.code: f for f in AwardForm.objects.filter(code__in=[*payload.collective_forms, *payload.targets])}
    unknown = sorted({*payload.collective_forms, *payload.targets} - set(forms))
    if unknown:
        raise HttpError(422, _("Không có danh hiệu, hình thức: %(codes)s.") % {"codes": ", ".join(unknown)})
    services.save_registration(
        registration,
        actor=request.user,
        seen_version=payload.version,
        collective_forms=[forms[c] for c in payload.collective_forms],
        targets={forms[c]: n for c, n in payload.targets.items()},
        commitments=payload.commitments,
    )
    return _registration(selectors.registration_detail_qs().get(pk=registration.pk))


@router.post(
    "/registrations/{registration_id}/transition",
    response=RegistrationOut,
    summary="Gửi, trả lại (kèm lý do) hoặc duyệt đăng ký",
)
def transition_registration(request, registration_id: int, payload: TransitionIn):
    registration = _visible_registration(request, registration_id)
    if payload.state not in RegistrationState.values:
        raise HttpError(422, _("Trạng thái không hợp lệ."))
    services.set_registration_state(registration, payload.state, actor=request.user, reason=payload.reason)
    return _registration(selectors.registration_detail_qs().get(pk=registration.pk))


@router.get(
    "/cluster-years/{cluster_year_id}/registrations/export",
    summary="Tổng hợp đăng ký thi đua: format=xlsx hoặc docx",
)
def export_registrations(request, cluster_year_id: int, format: str = "xlsx"):  # noqa: A002 - the API's word
    cluster_year = _cluster_year(request, cluster_year_id, "emulation.export_registrations")
    if format == "docx":
        return docx_response(documents.registration_docx(cluster_year), f"dang-ky-thi-dua-{cluster_year.year}.docx")
    if format != "xlsx":
        raise HttpError(422, _("Định dạng phải là xlsx hoặc docx."))
    return xlsx_response(documents.registration_workbook(cluster_year), f"dang-ky-thi-dua-{cluster_year.year}.xlsx")


# Pledges -------------------------------------------------------------------------------------------------------
class SignatureOut(Schema):
    unit_id: int
    unit_name: str
    signed: bool
    signer_name: str
    signed_at: datetime.datetime | None
    has_scan: bool


class PledgeOut(Schema):
    id: int
    cluster_year_id: int
    year: int
    edition: int
    state: str
    state_label: str
    version: int
    motto: str
    preamble: str
    items: list[str]
    signing_place: str
    signing_date: datetime.date | None
    change_note: str
    signatures: list[SignatureOut]


class PledgeIn(Schema):
    motto: str
    items: list[str]
    preamble: str = ""
    signing_place: str = ""
    signing_date: datetime.date | None = None


class PledgeUpdateIn(PledgeIn):
    version: int
    change_note: str = ""


class SignIn(Schema):
    unit_id: int | None = None


def _pledge(pledge):
    pledge = selectors.pledge_detail_qs().get(pk=pledge.pk)
    return {
        "id": pledge.pk,
        "cluster_year_id": pledge.cluster_year_id,
        "year": pledge.cluster_year.year,
        "edition": pledge.edition,
        "state": pledge.state,
        "state_label": str(pledge.get_state_display()),
        "version": pledge.version,
        "motto": pledge.motto,
        "preamble": pledge.preamble,
        "items": [i.text for i in pledge.items.all()],
        "signing_place": pledge.signing_place,
        "signing_date": pledge.signing_date,
        "change_note": pledge.change_note,
        "signatures": [
            {
                "unit_id": unit.pk,
                "unit_name": unit.full_name,
                "signed": s is not None,
                "signer_name": s.signer_name if s else "",
                "signed_at": s.signed_at if s else None,
                "has_scan": bool(s and s.scan_id),
            }
            for unit, s in selectors.pledge_board(pledge)
        ],
    }


def _visible_pledge(request, pledge_id):
    pledge = get_object_or_404(selectors.pledge_detail_qs(), pk=pledge_id)
    return visible_or_404(request, "emulation.view_pledge", pledge)


@router.get("/cluster-years/{cluster_year_id}/pledge", response=PledgeOut, summary="Giao ước hiện hành của kỳ thi đua")
def current_pledge(request, cluster_year_id: int):
    cluster_year = _cluster_year(request, cluster_year_id)
    pledge = selectors.current_pledge(cluster_year)
    if pledge is None:
        raise HttpError(404, _("Chưa có giao ước."))
    return _pledge(visible_or_404(request, "emulation.view_pledge", pledge))


@router.post("/cluster-years/{cluster_year_id}/pledge", response=PledgeOut, summary="Soạn giao ước (dự thảo)")
def create_pledge(request, cluster_year_id: int, payload: PledgeIn):
    cluster_year = _cluster_year(request, cluster_year_id, "emulation.manage_pledges")
    return _pledge(services.create_pledge(cluster_year, actor=request.user, **payload.dict()))


@router.get("/pledges/{pledge_id}", response=PledgeOut, summary="Một phiên bản giao ước với bảng ký kết")
def get_pledge(request, pledge_id: int):
    return _pledge(_visible_pledge(request, pledge_id))


@router.put("/pledges/{pledge_id}", response=PledgeOut, summary="Sửa giao ước (đã có chữ ký thì tạo phiên bản mới)")
def put_pledge(request, pledge_id: int, payload: PledgeUpdateIn):
    pledge = _visible_pledge(request, pledge_id)
    data = payload.dict()
    current = services.update_pledge(pledge, actor=request.user, seen_version=data.pop("version"), **data)
    return _pledge(current)


@router.post("/pledges/{pledge_id}/transition", response=PledgeOut, summary="Mở để ký hoặc đưa về dự thảo")
def transition_pledge(request, pledge_id: int, payload: TransitionIn):
    pledge = _visible_pledge(request, pledge_id)
    if payload.state not in (PledgeState.OPEN, PledgeState.DRAFT):
        raise HttpError(422, _("Trạng thái không hợp lệ."))
    return _pledge(services.set_pledge_state(pledge, payload.state, actor=request.user))


@router.post("/pledges/{pledge_id}/sign", response=PledgeOut, summary="Thủ trưởng đơn vị ký giao ước (kèm bản chụp)")
def sign_pledge(request, pledge_id: int, payload: Form[SignIn], scan: File[UploadedFile] = None):
    pledge = _visible_pledge(request, pledge_id)
    unit = get_object_or_404(Unit, pk=payload.unit_id) if payload.unit_id else None
    services.sign_pledge(pledge, actor=request.user, unit=unit, scan=scan)
    return _pledge(pledge)


@router.get("/pledges/{pledge_id}/document", summary="Giao ước: format=docx hoặc pdf")
def pledge_document(request, pledge_id: int, format: str = "docx"):  # noqa: A002 - the API's word
    pledge = _visible_pledge(request, pledge_id)
    name = f"giao-uoc-thi-dua-{pledge.cluster_year.year}"
    if format == "pdf":
        return pdf_response(documents.pledge_pdf(pledge), f"{name}.pdf")
    if format != "docx":
        raise HttpError(422, _("Định dạng phải là docx hoặc pdf."))
    return docx_response(documents.pledge_docx(pledge), f"{name}.docx")
