"""API for meetings and ballots: the same services and permissions as the pages.

Casting with a one-time code (POST /voting/cast) needs no login. Results answer 409 until the ballot is closed,
to administrators too; 403 when the caller may not see the meeting's ballots at all.
"""

import uuid

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Status
from ninja.errors import HttpError

from thidua.accounts.models import User
from thidua.api.common import AUTH, paginate, require_perm
from thidua.api.voting_schemas import (
    AttendanceIn,
    BallotIn,
    BallotOut,
    CandidateIn,
    CastIn,
    ChoicesIn,
    ClusterYearOut,
    CodeOut,
    CodesIn,
    DecisionIn,
    DelegateIn,
    DelegateOut,
    LeadershipIn,
    MeetingIn,
    MeetingOut,
    MeetingPatch,
    PaperCountIn,
    PaperCountOut,
    ReceiptOut,
    ResultOut,
    StateIn,
    TieDecisionIn,
    TurnoutOut,
    WrittenVoteDecisionIn,
    WrittenVoteIn,
    ballot_out,
    meeting_out,
    paper_count_out,
    result_out,
)
from thidua.awards.models import AwardForm, RuleSet
from thidua.core.documents import docx_response, pdf_response
from thidua.core.middleware import client_ip
from thidua.core.web import visible_or_404
from thidua.organizations.models import ClusterYear, Person, Province, Unit
from thidua.voting import documents, record, selectors, services
from thidua.voting.models import Ballot, Candidate, Delegate, Meeting, PaperCount, WrittenVote
from thidua.voting.selectors import CandidateSpec
from thidua.voting.services.casting import code_url

router = Router(tags=["voting"], auth=AUTH)


def _meeting(request, pk, perm="voting.view_meeting"):
    meeting = get_object_or_404(Meeting.objects.select_related("province", "cluster_year__cluster"), pk=pk)
    visible_or_404(request, "voting.view_meeting", meeting)
    require_perm(request, perm, meeting)
    return meeting


def _ballot(request, pk, perm="voting.view_meeting"):
    ballot = get_object_or_404(Ballot.objects.select_related("meeting", "rule_set"), pk=pk)
    _meeting(request, ballot.meeting_id, perm)
    return ballot


def _optional(model, pk):
    return get_object_or_404(model, pk=pk) if pk is not None else None


# meetings ------------------------------------------------------------------------------------------------------
@router.get("/voting/meetings", response=list[MeetingOut], summary="Hội nghị, phiên họp xem được")
def list_meetings(request, limit: int = 50, offset: int = 0):
    require_perm(request, "voting.list_meetings")
    page, _limit, _offset = paginate(selectors.meetings_visible_to(request.user), limit, offset)
    return [meeting_out(m) for m in page]


@router.post("/voting/meetings", response={201: MeetingOut}, summary="Tạo hội nghị tổng kết hoặc phiên họp Hội đồng")
def create_meeting(request, payload: MeetingIn):
    data = payload.dict()
    cluster_year = _optional(ClusterYear, data.pop("cluster_year_id"))
    province = _optional(Province, data.pop("province_id"))
    meeting = services.create_meeting(cluster_year=cluster_year, province=province, actor=request.user, **data)
    return Status(201, meeting_out(meeting))


@router.get("/voting/meetings/{pk}", response=MeetingOut, summary="Một hội nghị, phiên họp")
def get_meeting(request, pk: int):
    return meeting_out(_meeting(request, pk))


@router.patch("/voting/meetings/{pk}", response=MeetingOut, summary="Sửa thông tin (kèm version đã đọc)")
def patch_meeting(request, pk: int, payload: MeetingPatch):
    meeting = _meeting(request, pk, "voting.manage_meeting")
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    services.update_meeting(meeting, actor=request.user, seen_version=version, **changes)
    return meeting_out(meeting)


@router.post("/voting/meetings/{pk}/state", response=MeetingOut, summary="Chuyển tình trạng hội nghị")
def meeting_state(request, pk: int, payload: StateIn):
    meeting = _meeting(request, pk, "voting.manage_meeting")
    services.set_meeting_state(meeting, payload.action, actor=request.user)
    return meeting_out(meeting)


@router.get("/voting/meetings/{pk}/delegates", response=list[DelegateOut], summary="Danh sách đại biểu")
def list_delegates(request, pk: int):
    return list(selectors.delegates_of(_meeting(request, pk)))


@router.post("/voting/meetings/{pk}/delegates", response={201: DelegateOut}, summary="Thêm đại biểu")
def add_delegate(request, pk: int, payload: DelegateIn):
    meeting = _meeting(request, pk, "voting.manage_meeting")
    data = payload.dict()
    unit = _optional(Unit, data.pop("unit_id"))

    user = _optional(User, data.pop("user_id"))
    return Status(201, services.add_delegate(meeting, unit=unit, user=user, actor=request.user, **data))


@router.post(
    "/voting/meetings/{pk}/delegates/from-members", response=list[DelegateOut], summary="Thêm đại biểu các đơn vị"
)
def add_member_delegates(request, pk: int):
    meeting = _meeting(request, pk, "voting.manage_meeting")
    return services.add_member_delegates(meeting, actor=request.user)


@router.patch("/voting/delegates/{pk}", response=DelegateOut, summary="Ghi có mặt hoặc vắng")
def set_attendance(request, pk: int, payload: AttendanceIn):
    delegate = get_object_or_404(Delegate, pk=pk)
    _meeting(request, delegate.meeting_id, "voting.manage_meeting")
    return services.set_attendance(delegate, is_present=payload.is_present, actor=request.user)


@router.post("/voting/meetings/{pk}/leadership", response=ClusterYearOut, summary="Ghi Trưởng, Phó cụm năm sau")
def apply_leadership(request, pk: int, payload: LeadershipIn):
    meeting = _meeting(request, pk, "voting.manage_meeting")
    return services.apply_leadership(meeting, actor=request.user, source=payload.source)


@router.get("/voting/meetings/{pk}/documents/{name}", summary="Biên bản hội nghị hoặc tờ trình (.docx, .pdf)")
def meeting_document(request, pk: int, name: str):
    meeting = _meeting(request, pk)
    stem, _dot, fmt = name.partition(".")
    if fmt not in ("docx", "pdf") or stem not in ("bien-ban", "to-trinh"):
        raise HttpError(404, "Không tìm thấy.")
    if stem == "to-trinh" and not meeting.is_conference:
        raise HttpError(404, "Không tìm thấy.")
    doc = documents.meeting_minutes(meeting) if stem == "bien-ban" else documents.submission(meeting)
    return _document_response(doc, fmt)


def _document_response(doc, fmt):

    if fmt == "docx":
        return docx_response(documents.to_docx(doc), f"{doc.filename}.docx")
    return pdf_response(documents.to_pdf(doc), f"{doc.filename}.pdf")


# ballots -------------------------------------------------------------------------------------------------------
def _spec(item: CandidateIn):
    if item.unit_id is not None:
        return CandidateSpec(unit=get_object_or_404(Unit, pk=item.unit_id), label=item.label)
    if item.person_id is not None:
        return CandidateSpec(person=get_object_or_404(Person, pk=item.person_id), label=item.label)
    return CandidateSpec(label=item.label)


@router.get("/voting/meetings/{pk}/ballots", response=list[BallotOut], summary="Các phiếu của hội nghị")
def list_ballots(request, pk: int):
    meeting = _meeting(request, pk)
    return [ballot_out(b) for b in selectors.ballots_of(meeting).prefetch_related("candidates__unit")]


@router.post("/voting/meetings/{pk}/ballots", response={201: BallotOut}, summary="Thêm phiếu")
def create_ballot(request, pk: int, payload: BallotIn):
    meeting = _meeting(request, pk, "voting.manage_meeting")
    candidates = None if payload.candidates is None else [_spec(c) for c in payload.candidates]
    ballot = services.create_ballot(
        meeting,
        question=payload.question,
        candidates=candidates,
        max_choices=payload.max_choices,
        rule_set=_optional(RuleSet, payload.rule_set_id),
        mode=payload.mode,
        purpose=payload.purpose,
        award_form=_optional(AwardForm, payload.award_form_id),
        seats=payload.seats,
        key_threshold=payload.key_threshold,
        key_holders=payload.key_holders,
        actor=request.user,
    )
    return Status(201, ballot_out(ballot, with_checklist=True))


@router.get("/voting/ballots/{pk}", response=BallotOut, summary="Một phiếu, với danh sách kiểm tra trước khi mở")
def get_ballot(request, pk: int):
    return ballot_out(_ballot(request, pk), with_checklist=True)


@router.post("/voting/ballots/{pk}/candidates", response=BallotOut, summary="Thêm ứng viên (khi chưa mở)")
def add_candidate(request, pk: int, payload: CandidateIn):
    ballot = _ballot(request, pk, "voting.manage_meeting")
    services.add_candidates(ballot, [_spec(payload)], actor=request.user)
    return ballot_out(ballot, with_checklist=True)


@router.delete("/voting/candidates/{pk}", response={204: None}, summary="Bỏ ứng viên (khi chưa mở)")
def remove_candidate(request, pk: int):
    candidate = get_object_or_404(Candidate.objects.select_related("ballot"), pk=pk)
    _meeting(request, candidate.ballot.meeting_id, "voting.manage_meeting")
    services.remove_candidate(candidate, actor=request.user)
    return Status(204, None)


@router.post(
    "/voting/ballots/{pk}/state",
    response=BallotOut,
    summary="Mở (trả về các phần khóa, một lần), kết thúc (kèm phần khóa), hủy hoặc tuyên bố vô hiệu",
)
def ballot_state(request, pk: int, payload: StateIn, response: HttpResponse):
    ballot = _ballot(request, pk, "voting.manage_meeting")
    actions = {
        "open": lambda: services.open_ballot(ballot, actor=request.user),
        "close": lambda: services.close_ballot(ballot, actor=request.user, shares=payload.shares),
        "cancel": lambda: services.cancel_ballot(ballot, actor=request.user, reason=payload.reason),
        "void": lambda: services.void_ballot(ballot, actor=request.user, reason=payload.reason),
    }
    if payload.action not in actions:
        raise HttpError(422, "Thao tác phải là open, close, cancel hoặc void.")
    response["Cache-Control"] = "no-store"  # the answer to "open" carries the key shares
    return ballot_out(actions[payload.action]())


@router.post("/voting/ballots/{pk}/codes", response=list[CodeOut], summary="Cấp (lại) mã bỏ phiếu một lần")
def issue_codes(request, pk: int, payload: CodesIn | None = None):
    ballot = _ballot(request, pk, "voting.manage_meeting")
    named = payload.named if payload is not None else None
    issued = services.issue_codes(ballot, actor=request.user, named=named)
    entry = request.build_absolute_uri(reverse("voting:code_entry_for_ballot", args=[ballot.public_id]))
    return [
        {
            "delegate_id": item.delegate.pk if item.delegate else None,
            "full_name": item.delegate.full_name if item.delegate else "",
            "code": item.code,
            "url": code_url(entry, item.code),
        }
        for item in issued
    ]


@router.post(
    "/voting/cast",
    response=ReceiptOut,
    auth=None,
    summary="Bỏ phiếu bằng mã một lần (không cần đăng nhập; nhập sai quá nhiều lần: 429)",
)
def cast_with_code(request, payload: CastIn):
    found = services.lookup_code(payload.code, address=client_ip(request))
    receipt = services.cast_ballot(payload.code, payload.choices, ballot=found.ballot)
    return {"receipt": receipt, "ballot_public_id": found.ballot.public_id}


@router.post("/voting/ballots/{pk}/cast", response=ReceiptOut, summary="Bỏ phiếu khi đã đăng nhập")
def cast_signed_in(request, pk: int, payload: ChoicesIn):
    ballot = get_object_or_404(Ballot, pk=pk)
    receipt = services.cast_ballot_for_user(ballot, request.user, payload.choices)
    return {"receipt": receipt, "ballot_public_id": ballot.public_id}


@router.get("/voting/ballots/{pk}/turnout", response=TurnoutOut, summary="Số đã bỏ phiếu (không có số phiếu)")
def turnout(request, pk: int):
    return selectors.turnout(_ballot(request, pk))


@router.get("/voting/ballots/{pk}/result", response=ResultOut, summary="Kết quả (chỉ sau khi kết thúc)")
def result(request, pk: int):
    ballot = _ballot(request, pk)
    return result_out(selectors.ballot_result(ballot))


@router.get("/voting/ballots/{pk}/minutes.{fmt}", summary="Biên bản kiểm phiếu (.docx hoặc .pdf)")
def count_minutes(request, pk: int, fmt: str):
    ballot = _ballot(request, pk)
    if fmt not in ("docx", "pdf"):
        raise HttpError(404, "Không tìm thấy.")
    return _document_response(documents.count_minutes(ballot), fmt)


@router.get("/voting/receipts/{public_id}", response=list[str], auth=None, summary="Mã biên nhận đã kiểm (công khai)")
def receipts(request, public_id: uuid.UUID):
    ballot = get_object_or_404(Ballot, public_id=public_id)
    return selectors.ballot_result(ballot).receipts


@router.get(
    "/voting/receipts/{public_id}/record",
    response=dict,
    auth=None,
    summary="Hồ sơ công bố của phiếu kín điện tử đã kết thúc (kiểm lại bằng tools/verify_ballot.py)",
)
def public_record(request, public_id: uuid.UUID):
    ballot = get_object_or_404(Ballot.objects.select_related("meeting", "rule_set"), public_id=public_id)
    if not record.is_published(ballot):
        raise HttpError(404, "Không tìm thấy.")
    return record.public_record(ballot)


# counts, written votes, ties --------------------------------------------------------------------------------------
@router.post("/voting/ballots/{pk}/paper-counts", response={201: PaperCountOut}, summary="Nhập số liệu kiểm phiếu")
def enter_paper_count(request, pk: int, payload: PaperCountIn):
    ballot = _ballot(request, pk, "voting.manage_meeting")
    data = payload.dict()
    count = services.enter_paper_count(ballot, actor=request.user, **data)
    return Status(201, paper_count_out(count))


@router.post("/voting/paper-counts/{pk}/decision", response=PaperCountOut, summary="Xác nhận hoặc trả lại số liệu")
def decide_paper_count(request, pk: int, payload: DecisionIn):
    count = get_object_or_404(PaperCount.objects.select_related("ballot"), pk=pk)
    _meeting(request, count.ballot.meeting_id, "voting.manage_meeting")
    if payload.action == "confirm":
        services.confirm_paper_count(count, actor=request.user)
    elif payload.action == "reject":
        services.reject_paper_count(count, actor=request.user, reason=payload.reason)
    else:
        raise HttpError(422, "Thao tác phải là confirm hoặc reject.")
    return paper_count_out(count)


@router.post("/voting/ballots/{pk}/written-votes", response={201: dict}, summary="Nhập phiếu bằng văn bản")
def enter_written_vote(request, response: HttpResponse, pk: int, payload: WrittenVoteIn):
    """The answer carries the matching key to write on the paper's envelope, once: it is not stored anywhere."""
    ballot = _ballot(request, pk, "voting.manage_meeting")
    delegate = get_object_or_404(Delegate, pk=payload.delegate_id, meeting_id=ballot.meeting_id)
    written = services.enter_written_vote(ballot, delegate=delegate, choices=payload.choices, actor=request.user)
    response["Cache-Control"] = "no-store"
    return Status(201, {"id": written.pk, "state": written.state, "matching_key": written.matching_key})


@router.post("/voting/written-votes/{pk}/decision", response=dict, summary="Xác nhận hoặc trả lại phiếu văn bản")
def decide_written_vote(request, pk: int, payload: WrittenVoteDecisionIn):
    written = get_object_or_404(WrittenVote.objects.select_related("ballot"), pk=pk)
    _meeting(request, written.ballot.meeting_id, "voting.manage_meeting")
    if payload.action == "confirm":
        receipt = services.confirm_written_vote(
            written, actor=request.user, choices=payload.choices, matching_key=payload.matching_key
        )
    elif payload.action == "reject":
        receipt = services.reject_written_vote(written, actor=request.user, reason=payload.reason)
    else:
        raise HttpError(422, "Thao tác phải là confirm hoặc reject.")
    return {"id": written.pk, "state": written.state, "receipt": receipt}


@router.post(
    "/voting/ballots/{pk}/tie-decision", response=ResultOut, summary="Ghi quyết định của chủ trì khi bằng phiếu"
)
def tie_decision(request, pk: int, payload: TieDecisionIn):
    ballot = _ballot(request, pk, "voting.manage_meeting")
    services.decide_tie(ballot, chosen=payload.chosen, note=payload.note, actor=request.user)
    return result_out(selectors.ballot_result(ballot))


@router.post(
    "/voting/ballots/{pk}/runoff", response={201: BallotOut}, summary="Tạo phiếu bầu lại giữa các ứng viên bằng phiếu"
)
def runoff(request, pk: int):
    ballot = _ballot(request, pk, "voting.manage_meeting")
    return Status(201, ballot_out(services.create_runoff(ballot, actor=request.user), with_checklist=True))
