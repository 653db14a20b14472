"""API for what goes upward (issue 14 item 8): a state-level line's public notice and papers, the check that
forwarding runs, and the dossiers waiting for the central decision. The same services and permissions as the pages."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from thidua.api.common import AUTH, require_perm
from thidua.api.proposals_schemas import AttachmentOut
from thidua.awards.models import AwardForm
from thidua.core.web import visible_or_404
from thidua.proposals import central, selectors, services

router = Router(tags=["proposals"], auth=AUTH)


class NoticeIn(Schema):
    place: str
    starts_on: datetime.date
    ends_on: datetime.date
    objections: int = 0
    settlement: str = ""
    version: int | None = None


class NoticeOut(Schema):
    item_id: int
    place: str
    starts_on: datetime.date
    ends_on: datetime.date
    objections: int
    settlement: str
    is_settled: bool
    version: int


class NoticeStateOut(Schema):
    required_days: int
    counted_days: int
    missing_days: int
    unit: str
    notice: NoticeOut | None


class PaperOut(Schema):
    code: str
    label: str
    ok: bool
    detail: str


class LineCheckOut(Schema):
    item_id: int
    name: str
    award_form: str
    notice: NoticeStateOut | None
    papers: list[PaperOut]
    problems: list[str]


class CentralCheckOut(Schema):
    on: datetime.date
    rule_set_code: str | None
    citation: str
    is_verified: bool
    lines: list[LineCheckOut]
    problems: list[str]


class PendingOut(Schema):
    item_id: int
    proposal_id: int
    province: str
    name: str
    award_form_code: str
    award_form: str
    year: int
    forward_number: str
    forwarded_on: datetime.date | None
    days_waiting: int | None
    central_reference: str


def _notice_out(notice):
    return NoticeOut(
        item_id=notice.item_id,
        place=notice.place,
        starts_on=notice.starts_on,
        ends_on=notice.ends_on,
        objections=notice.objections,
        settlement=notice.settlement,
        is_settled=notice.is_settled,
        version=notice.version,
    )


def _item(request, pk, perm):
    item = get_object_or_404(selectors.item_qs().select_related("proposal"), pk=pk)
    visible_or_404(request, "proposals.view_proposal", item.proposal)
    require_perm(request, perm, item.proposal)
    return item


@router.post("/proposal-items/{pk}/notice", response=NoticeOut, summary="Ghi việc công khai của một dòng cấp Nhà nước")
def record_notice(request, pk: int, payload: NoticeIn):
    item = _item(request, pk, "proposals.manage_proposal")
    notice = services.record_notice(
        item,
        actor=request.user,
        place=payload.place,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        objections=payload.objections,
        settlement=payload.settlement,
        seen_version=payload.version,
    )
    return _notice_out(notice)


@router.post(
    "/proposal-items/{pk}/central-papers",
    response={201: AttachmentOut},
    summary="Bổ sung báo cáo thành tích có xác nhận hoặc trích ngang của một dòng",
)
def add_central_paper(request, pk: int, kind: Form[str], file: File[UploadedFile]):
    item = _item(request, pk, "proposals.manage_proposal")
    attachment = services.add_central_paper(item, file, actor=request.user, kind=kind)
    return Status(201, AttachmentOut.of(attachment))


@router.get(
    "/proposals/{pk}/central-check",
    response=CentralCheckOut,
    summary="Công khai và hồ sơ của từng dòng trước khi trình Trung ương",
)
def central_check(request, pk: int, on: datetime.date | None = None):
    proposal = get_object_or_404(selectors.proposal_qs(), pk=pk)
    visible_or_404(request, "proposals.view_proposal", proposal)
    require_perm(request, "proposals.manage_proposal", proposal)
    day = on or timezone.localdate()
    items, attachments = selectors.items_of(proposal), selectors.attachments_of(proposal)
    rule_set, checks, problems = central.forward_check(proposal, items, attachments, day)
    lines = [
        LineCheckOut(
            item_id=c.item.pk,
            name=c.item.name,
            award_form=c.item.award_form.name,
            notice=NoticeStateOut(
                required_days=c.notice.required,
                counted_days=c.notice.counted,
                missing_days=c.notice.missing,
                unit=c.notice.unit,
                notice=_notice_out(c.notice.notice) if c.notice.notice else None,
            )
            if c.notice
            else None,
            papers=[PaperOut(code=p.code, label=p.label, ok=p.ok, detail=p.detail) for p in c.papers],
            problems=c.problems,
        )
        for c in checks
    ]
    return CentralCheckOut(
        on=day,
        rule_set_code=rule_set.code if rule_set else None,
        citation=rule_set.citation if rule_set else "",
        is_verified=bool(rule_set and rule_set.is_verified),
        lines=lines,
        problems=problems,
    )


@router.get("/proposals-central/pending", response=list[PendingOut], summary="Hồ sơ đang chờ Trung ương")
def pending(request, year: int | None = None, award_form: str | None = None):
    require_perm(request, "proposals.view_central_pending")
    form = get_object_or_404(AwardForm, code=award_form) if award_form else None
    today = timezone.localdate()
    return [
        PendingOut(
            item_id=item.pk,
            proposal_id=item.proposal_id,
            province=item.proposal.province.name,
            name=item.name,
            award_form_code=item.award_form.code,
            award_form=item.award_form.name,
            year=item.year,
            forward_number=item.proposal.forward_number,
            forwarded_on=item.proposal.forwarded_on,
            days_waiting=(today - item.proposal.forwarded_on).days if item.proposal.forwarded_on else None,
            central_reference=item.proposal.central_reference,
        )
        for item in selectors.pending_central(request.user, year=year, award_form=form)
    ]
