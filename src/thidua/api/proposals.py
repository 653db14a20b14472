"""API for proposals: drafting, the steps of the one transition function, the board's verdicts, the council's
session and result, the chairman's decision, the dossier's papers and the priority statistics. The same services
and permissions as the pages: 401 anonymous, 404 for a proposal out of sight, 403 for one seen but not changeable,
422 with the Vietnamese message for a refused step."""

from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from thidua.api.common import AUTH, paginate, require_perm
from thidua.api.proposals_schemas import (
    AttachmentOut,
    BallotRef,
    ConditionOut,
    CouncilIn,
    DecisionIn,
    EligibilityOut,
    ForwardIn,
    FromConferenceIn,
    ItemIn,
    ItemOut,
    ItemPatch,
    PriorityRowOut,
    ProposalDetailOut,
    ProposalIn,
    ProposalOut,
    ProposalPatch,
    QuotaOut,
    ReasonIn,
    StateIn,
    VerdictIn,
    item_out,
    proposal_detail_out,
    proposal_out,
)
from thidua.awards.models import AwardForm
from thidua.core.documents import docx_response, pdf_response
from thidua.core.web import visible_or_404
from thidua.organizations.models import ClusterYear, Person, Province, Unit
from thidua.proposals import checks, dossier, selectors, services
from thidua.proposals.enums import AttachmentKind
from thidua.proposals.models import ProposalItem
from thidua.proposals.statistics import proposal_priority_statistics
from thidua.voting.models import Meeting

router = Router(tags=["proposals"], auth=AUTH)


def _proposal(request, pk, perm="proposals.view_proposal"):
    proposal = get_object_or_404(selectors.proposal_qs(), pk=pk)
    visible_or_404(request, "proposals.view_proposal", proposal)
    require_perm(request, perm, proposal)
    return proposal


def _item(request, pk, perm="proposals.view_proposal"):
    item = get_object_or_404(selectors.item_qs(), pk=pk)
    _proposal(request, item.proposal_id, perm)
    return item


def _detail(proposal):
    try:
        decision = proposal.decision
    except ObjectDoesNotExist:
        decision = None
    return proposal_detail_out(proposal, selectors.items_of(proposal), selectors.attachments_of(proposal), decision)


# reading -------------------------------------------------------------------------------------------------------
@router.get("/proposals", response=list[ProposalOut], summary="Tờ trình đề nghị khen thưởng xem được")
def list_proposals(request, state: str = "", year: int | None = None, q: str = "", limit: int = 50, offset: int = 0):
    require_perm(request, "proposals.list_proposals")
    page, _limit, _offset = paginate(
        selectors.proposals_for_list(request.user, state=state, year=year, query=q), limit, offset
    )
    return [proposal_out(p) for p in page]


# Registered before "/proposals/{pk}": that pattern would otherwise take "from-conference" as its pk (405).
@router.post(
    "/proposals/from-conference", response={201: ProposalDetailOut}, summary="Tạo tờ trình từ kết quả hội nghị"
)
def from_conference(request, payload: FromConferenceIn):
    meeting = get_object_or_404(Meeting, pk=payload.meeting_id)
    visible_or_404(request, "voting.view_meeting", meeting)
    proposal = services.create_proposal_from_conference(meeting, actor=request.user)
    return Status(201, _detail(proposal))


@router.get("/proposals/{pk}", response=ProposalDetailOut, summary="Một tờ trình với các dòng và hồ sơ")
def get_proposal(request, pk: int):
    return _detail(_proposal(request, pk))


@router.get("/proposals/{pk}/eligibility", response=list[EligibilityOut], summary="Điều kiện theo sổ của từng dòng")
def eligibility(request, pk: int):
    proposal = _proposal(request, pk)
    items = selectors.items_of(proposal)
    rows = []
    for item in items:
        status, conditions = checks.snapshot(checks.evaluate_items([item])[item.pk])
        rows.append(
            EligibilityOut(
                item_id=item.pk,
                status=status,
                conditions=[
                    ConditionOut(**{k: c[k] for k in ("label", "status", "explanation", "citation")})
                    for c in conditions
                ],
            )
        )
    return rows


@router.get("/proposals/{pk}/quotas", response=list[QuotaOut], summary="Tỷ lệ, số lượng khen thưởng của tỉnh")
def quotas(request, pk: int):
    proposal = _proposal(request, pk)
    return [
        QuotaOut(
            award_form=q.award_form.code,
            proposed=q.proposed,
            limit=q.limit,
            exceeded=q.exceeded,
            explanation=q.explanation,
            citation=q.rule.citation,
        )
        for q in checks.quota_checks(proposal, selectors.items_of(proposal))
    ]


# drafting ------------------------------------------------------------------------------------------------------
def _optional(model, pk):
    return get_object_or_404(model, pk=pk) if pk is not None else None


@router.post("/proposals", response={201: ProposalDetailOut}, summary="Tạo tờ trình nháp")
def create_proposal(request, payload: ProposalIn):
    proposal = services.create_proposal(
        proposer_kind=payload.proposer_kind,
        year=payload.year,
        title=payload.title,
        cluster_year=_optional(ClusterYear, payload.cluster_year_id),
        unit=_optional(Unit, payload.unit_id),
        province=_optional(Province, payload.province_id),
        actor=request.user,
    )
    return Status(201, _detail(proposal))


@router.patch("/proposals/{pk}", response=ProposalDetailOut, summary="Sửa thông tin tờ trình (kèm version đã đọc)")
def patch_proposal(request, pk: int, payload: ProposalPatch):
    proposal = _proposal(request, pk, "proposals.change_proposal")
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    services.update_proposal(proposal, actor=request.user, seen_version=version, **changes)
    return _detail(proposal)


@router.post("/proposals/{pk}/items", response={201: ItemOut}, summary="Thêm dòng đề nghị")
def add_item(request, pk: int, payload: ItemIn):
    proposal = _proposal(request, pk, "proposals.change_proposal")
    form = get_object_or_404(AwardForm, code=payload.award_form)
    item = services.add_item(
        proposal,
        actor=request.user,
        award_form=form,
        year=payload.year,
        unit=_optional(Unit, payload.unit_id),
        person=_optional(Person, payload.person_id),
        summary=payload.summary,
    )
    item = selectors.item_qs().get(pk=item.pk)
    return Status(201, item_out(item, selectors.attachments_of(proposal)))


@router.patch("/proposal-items/{pk}", response=ItemOut, summary="Sửa tóm tắt thành tích (kèm version đã đọc)")
def patch_item(request, pk: int, payload: ItemPatch):
    item = _item(request, pk, "proposals.change_proposal")
    services.update_item(item, actor=request.user, seen_version=payload.version, summary=payload.summary)
    item = selectors.item_qs().get(pk=item.pk)
    return item_out(item, selectors.attachments_of(item.proposal))


@router.delete("/proposal-items/{pk}", response={204: None}, summary="Bỏ dòng đề nghị")
def delete_item(request, pk: int):
    item = _item(request, pk, "proposals.change_proposal")
    services.remove_item(item, actor=request.user)
    return Status(204, None)


@router.post("/proposals/{pk}/attachments", response={201: AttachmentOut}, summary="Tải tài liệu lên hồ sơ")
def add_attachment(
    request,
    pk: int,
    kind: Form[str],
    file: File[UploadedFile],
    item_id: Form[int | None] = None,
    note: Form[str] = "",
):
    proposal = _proposal(request, pk, "proposals.change_proposal")
    item = get_object_or_404(ProposalItem, pk=item_id, proposal=proposal) if item_id else None
    if kind not in AttachmentKind.values:
        raise HttpError(422, "Loại tài liệu không hợp lệ.")
    attachment = services.add_attachment(proposal, file, actor=request.user, kind=kind, item=item, note=note)
    return Status(201, AttachmentOut.of(attachment))


# the steps -----------------------------------------------------------------------------------------------------
@router.post("/proposals/{pk}/state", response=ProposalDetailOut, summary="Chuyển bước (hàm chuyển bước duy nhất)")
def set_state(request, pk: int, payload: StateIn):
    proposal = _proposal(request, pk)
    services.set_proposal_state(proposal, payload.state, actor=request.user, reason=payload.reason)
    return _detail(selectors.proposal_qs().get(pk=pk))


@router.post("/proposals/{pk}/return", response=ProposalDetailOut, summary="Trả lại người có tờ trình trước đó")
def return_proposal(request, pk: int, payload: ReasonIn):
    proposal = _proposal(request, pk, "proposals.manage_proposal")
    services.return_proposal(proposal, actor=request.user, reason=payload.reason)
    return _detail(selectors.proposal_qs().get(pk=pk))


@router.post("/proposal-items/{pk}/verdict", response=ItemOut, summary="Kết quả thẩm định một dòng")
def verdict(request, pk: int, payload: VerdictIn):
    item = _item(request, pk, "proposals.manage_proposal")
    services.judge_item(
        item, actor=request.user, verdict=payload.verdict, reason=payload.reason, seen_version=payload.version
    )
    item = selectors.item_qs().get(pk=item.pk)
    return item_out(item, selectors.attachments_of(item.proposal))


@router.post("/proposals/{pk}/council", response={201: BallotRef}, summary="Trình Hội đồng: tạo phiếu của Hội đồng")
def council(request, pk: int, payload: CouncilIn):
    proposal = _proposal(request, pk, "proposals.manage_proposal")
    meeting = _optional(Meeting, payload.meeting_id)
    ballot = services.submit_to_council(
        proposal,
        actor=request.user,
        meeting=meeting,
        held_on=payload.held_on,
        place=payload.place,
        chair_name=payload.chair_name,
        secretary_name=payload.secretary_name,
        mode=payload.mode,
    )
    return Status(201, BallotRef(ballot_id=ballot.pk, meeting_id=ballot.meeting_id))


@router.post("/proposals/{pk}/council-result", response=ProposalDetailOut, summary="Ghi kết quả bỏ phiếu của Hội đồng")
def council_result(request, pk: int):
    proposal = _proposal(request, pk, "proposals.manage_proposal")
    services.record_council_result(proposal, actor=request.user)
    return _detail(selectors.proposal_qs().get(pk=pk))


@router.post("/proposals/{pk}/decision", response={201: ProposalDetailOut}, summary="Ghi quyết định của Chủ tịch")
def decision(request, pk: int, payload: DecisionIn):
    proposal = _proposal(request, pk, "proposals.manage_proposal")
    services.record_decision(
        proposal,
        actor=request.user,
        number=payload.number,
        decision_date=payload.decision_date,
        signer_name=payload.signer_name,
        signer_title=payload.signer_title,
        issuer=payload.issuer,
        items=payload.item_ids,
    )
    return Status(201, _detail(selectors.proposal_qs().get(pk=pk)))


@router.post(
    "/proposals/{pk}/forward",
    response=ProposalDetailOut,
    summary="Trình Trung ương các dòng cấp Nhà nước, Chính phủ Hội đồng đã thông qua",
)
def forward(request, pk: int, payload: ForwardIn):
    proposal = _proposal(request, pk, "proposals.manage_proposal")
    services.forward_to_central(
        proposal,
        actor=request.user,
        number=payload.number,
        forwarded_on=payload.forwarded_on,
        central_reference=payload.central_reference,
    )
    return _detail(selectors.proposal_qs().get(pk=pk))


# papers and statistics -------------------------------------------------------------------------------------------
@router.get(
    "/proposals/{pk}/papers/{kind}", summary="Một văn bản: to-trinh, bien-ban-hoi-nghi, bien-ban-hop-xet, quyet-dinh"
)
def paper(request, pk: int, kind: str, format: str = "docx"):  # noqa: A002 - the query parameter's public name
    proposal = _proposal(request, pk)
    doc = dossier.build_paper(proposal, kind)
    if doc is None:
        raise HttpError(404, "Văn bản này chưa có ở bước hiện tại.")
    if format == "pdf":
        return pdf_response(dossier.to_pdf(doc), f"{doc.filename}.pdf")
    return docx_response(dossier.to_docx(doc), f"{doc.filename}.docx")


@router.get("/proposal-items/{pk}/report", summary="Báo cáo thành tích của một dòng (.docx)")
def report(request, pk: int):
    item = _item(request, pk)
    doc = dossier.build_paper(item.proposal, "bao-cao", item.pk)
    return docx_response(dossier.to_docx(doc), f"{doc.filename}.docx")


@router.get("/proposals/{pk}/dossier", summary="Toàn bộ hồ sơ (một tệp PDF)")
def dossier_pdf(request, pk: int):
    proposal = _proposal(request, pk)
    return pdf_response(dossier.dossier_pdf(proposal), f"ho-so-de-nghi-khen-thuong-{proposal.pk}.pdf")


@router.get("/proposals-statistics/priority", response=list[PriorityRowOut], summary="Tỷ lệ người trực tiếp lao động")
def priority(request, province_id: int | None = None, year: int | None = None):
    require_perm(request, "awards.view_statistics")
    province = _optional(Province, province_id)
    return [
        PriorityRowOut(
            label=row.label,
            year=row.year,
            cluster_year_id=row.cluster_year.pk if row.cluster_year else None,
            people=row.share.total,
            direct_labourers=row.share.direct,
            percent=row.share.percent,
        )
        for row in proposal_priority_statistics(province=province, year=year)
    ]
