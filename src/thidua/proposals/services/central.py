"""The board's work on a state-level line between the council's vote and the forwarding upward: it records the
line's public notice and adds the papers the central dossier needs (a certified report, a trích ngang)."""

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.proposals import central, selectors
from thidua.proposals.enums import AttachmentKind, ProposalState
from thidua.proposals.models import Proposal, PublicNotice
from thidua.proposals.services.common import STALE_PROPOSAL
from thidua.proposals.services.drafting import attach_upload

# The papers the board adds after the vote; the others come with the dossier or are written by the system.
CENTRAL_PAPER_KINDS = (AttachmentKind.REPORT, AttachmentKind.EXTRACT)


def _lock_for_central(item, actor):
    proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=item.proposal_id)
    kernel.require(actor, "proposals.manage_proposal", proposal)
    item = selectors.item_qs().get(pk=item.pk)
    if proposal.state != ProposalState.VOTED:
        raise kernel.Refusal(_("Chỉ ghi khi Hội đồng đã bỏ phiếu và tờ trình chưa trình Trung ương."))
    if not (item.council_passed and central.is_central(item)):
        raise kernel.Refusal(
            _("%(name)s: chỉ các dòng cấp Nhà nước, Chính phủ Hội đồng đã thông qua mới trình Trung ương.")
            % {"name": item.name}
        )
    return proposal, item


def _notice_values(place, starts_on, ends_on, objections, settlement):
    place, settlement = str(place or "").strip(), str(settlement or "").strip()
    problems = []
    if not place:
        problems.append(_("Hãy ghi nơi công khai (ví dụ Cổng thông tin điện tử của tỉnh)."))
    if starts_on is None or ends_on is None:
        problems.append(_("Hãy ghi ngày bắt đầu và ngày kết thúc công khai."))
    elif ends_on < starts_on:
        problems.append(_("Ngày kết thúc công khai không thể trước ngày bắt đầu."))
    if objections is None or objections < 0:
        problems.append(_("Số ý kiến phản ánh phải là số nguyên không âm."))
    elif objections == 0 and settlement:
        problems.append(_("Không có ý kiến phản ánh thì không ghi kết quả giải quyết."))
    if problems:
        raise kernel.Refusal(problems)
    return {
        "place": place,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "objections": objections,
        "settlement": settlement,
    }


@transaction.atomic
def record_notice(item, *, actor, place, starts_on, ends_on, objections=0, settlement="", seen_version=None):
    """Record (or correct) the public notice of a state-level line the council passed. An objection counts as
    settled once its settlement is written; forwarding waits for that and for the days the rules ask."""
    proposal, item = _lock_for_central(item, actor)
    values = _notice_values(place, starts_on, ends_on, objections, settlement)
    notice = PublicNotice.objects.select_for_update().filter(item_id=item.pk).first()
    old = None
    if notice is None:
        if seen_version not in (None, 0):
            raise kernel.StaleEdit(STALE_PROPOSAL)
        notice = PublicNotice(item_id=item.pk, **values)
    else:
        kernel.check_version(notice, seen_version, message=STALE_PROPOSAL)
        old = {k: getattr(notice, k) for k in values}
        for name, value in values.items():
            setattr(notice, name, value)
        notice.version += 1
    notice.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    notice.save()
    kernel.log(actor, "proposal.notice_recorded", proposal, old=old, new={"item": str(item), **values})
    return notice


@transaction.atomic
def add_central_paper(item, uploaded, *, actor, kind, note=""):
    """Add a line's paper for the central dossier after the vote: its certified report or its trích ngang."""
    proposal, item = _lock_for_central(item, actor)
    if kind not in CENTRAL_PAPER_KINDS:
        raise kernel.Refusal(
            _("Sau khi Hội đồng bỏ phiếu chỉ bổ sung báo cáo thành tích có xác nhận hoặc trích ngang.")
        )
    attachment = attach_upload(proposal, uploaded, actor=actor, kind=kind, item=item, note=note)
    kernel.log(
        actor,
        "proposal.attachment_added",
        proposal,
        new={"file": attachment.stored_file.original_name, "kind": kind, "item": str(item)},
    )
    return attachment
