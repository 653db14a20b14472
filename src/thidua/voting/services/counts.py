"""Counts typed in by the counting team: paper ballots, and shows of hands recorded as counts.

One person enters the figures; a second person confirms them before they count (or sends them back with a reason).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.voting.enums import BallotState, CountState, VotingMode
from thidua.voting.models import Ballot, PaperCount, PaperCountLine
from thidua.voting.services.common import require_manager


def _figures(ballot, *, issued, returned, valid, invalid):
    if ballot.mode == VotingMode.ACCLAMATION:
        # A show of hands has no slips: everyone voting "returns" a valid one.
        if invalid:
            raise kernel.Refusal(_("Biểu quyết giơ tay không có phiếu không hợp lệ."))
        issued = valid if issued is None else issued
        returned = valid if returned is None else returned
    if None in (issued, returned, valid, invalid):
        raise kernel.Refusal(_("Hãy nhập đủ số phiếu phát ra, thu về, hợp lệ và không hợp lệ."))
    if min(issued, returned, valid, invalid) < 0:
        raise kernel.Refusal(_("Số phiếu không được âm."))
    if issued > (ballot.member_count or 0):
        raise kernel.Refusal(
            _("Số phiếu phát ra (%(issued)s) lớn hơn số thành viên trong danh sách (%(members)s).")
            % {"issued": issued, "members": ballot.member_count or 0}
        )
    if returned > issued:
        raise kernel.Refusal(_("Số phiếu thu về không được lớn hơn số phiếu phát ra."))
    if valid + invalid != returned:
        raise kernel.Refusal(
            _("Số phiếu hợp lệ (%(valid)s) cộng không hợp lệ (%(invalid)s) phải bằng số phiếu thu về (%(returned)s).")
            % {"valid": valid, "invalid": invalid, "returned": returned}
        )
    return issued, returned, valid, invalid


def _lines(ballot, counts, valid):
    by_id = {getattr(key, "pk", key): value for key, value in counts.items()}
    candidates = list(ballot.candidates.order_by("position", "id"))
    known = {c.pk for c in candidates}
    try:
        by_id = {int(key): int(value) for key, value in by_id.items()}
    except (TypeError, ValueError):
        raise kernel.Refusal(_("Số phiếu của từng ứng viên phải là số nguyên.")) from None
    if not set(by_id) <= known:
        raise kernel.Refusal(_("Có số liệu của người không thuộc danh sách ứng viên."))
    lines = []
    for candidate in candidates:
        votes = by_id.get(candidate.pk, 0)
        if votes < 0:
            raise kernel.Refusal(_("Số phiếu không được âm."))
        if votes > valid:
            raise kernel.Refusal(
                _("%(name)s có %(votes)s phiếu, nhiều hơn số phiếu hợp lệ (%(valid)s).")
                % {"name": candidate.display_name, "votes": votes, "valid": valid}
            )
        lines.append((candidate, votes))
    if sum(v for _c, v in lines) > valid * ballot.max_choices:
        raise kernel.Refusal(
            _("Tổng số phiếu của các ứng viên vượt quá số phiếu hợp lệ nhân số lựa chọn tối đa (%(n)s).")
            % {"n": valid * ballot.max_choices}
        )
    return lines


@transaction.atomic
def enter_paper_count(ballot, *, valid, counts, actor, issued=None, returned=None, invalid=0, note=""):
    """counts: {candidate or candidate id: votes}; candidates left out have 0. The ballot must be open."""
    ballot = Ballot.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=ballot.pk)
    require_manager(actor, ballot.meeting)
    if actor is None:
        raise PermissionDenied(_("Số liệu kiểm phiếu phải do một người nhập."))
    if ballot.mode == VotingMode.ELECTRONIC:
        raise kernel.Refusal(_("Phiếu điện tử tự kiểm; không nhập số liệu bằng tay."))
    if ballot.state != BallotState.OPEN:
        raise kernel.Refusal(_("Chỉ nhập số liệu khi phiếu đang mở (trước khi kết thúc)."))
    if ballot.paper_counts.exclude(state=CountState.REJECTED).exists():
        raise kernel.Refusal(_("Đã có số liệu đang chờ xác nhận hoặc đã xác nhận; hãy trả lại trước khi nhập lại."))
    issued, returned, valid, invalid = _figures(ballot, issued=issued, returned=returned, valid=valid, invalid=invalid)
    lines = _lines(ballot, counts, valid)
    count = PaperCount.objects.create(
        ballot=ballot, issued=issued, returned=returned, valid=valid, invalid=invalid, note=note, entered_by=actor
    )
    PaperCountLine.objects.bulk_create([PaperCountLine(count=count, candidate=c, votes=v) for c, v in lines])
    kernel.log(
        actor,
        "ballot.count_entered",
        count,
        new={
            "issued": issued,
            "returned": returned,
            "valid": valid,
            "invalid": invalid,
            "votes": {c.display_name: v for c, v in lines},
        },
    )
    return count


@transaction.atomic
def set_paper_count_state(count, new_state, *, actor, reason=""):
    """ENTERED -> CONFIRMED (a second person) or -> REJECTED (with a reason, so the team can enter it again)."""
    original = count
    count = PaperCount.objects.select_for_update(of=("self",)).select_related("ballot__meeting").get(pk=count.pk)
    meeting = count.ballot.meeting
    require_manager(actor, meeting)
    if count.state != CountState.ENTERED:
        raise kernel.Refusal(_("Số liệu này đã được xác nhận hoặc trả lại."))
    if count.ballot.state != BallotState.OPEN:
        raise kernel.Refusal(_("Phiếu không còn mở; không xử lý được số liệu."))
    if new_state == CountState.CONFIRMED:
        if actor is None or actor.pk == count.entered_by_id:
            raise PermissionDenied(_("Người xác nhận phải khác người đã nhập số liệu."))
        count.confirmed_by = actor
        count.confirmed_at = timezone.now()
    elif new_state == CountState.REJECTED:
        if not reason.strip():
            raise kernel.Refusal(_("Hãy ghi lý do trả lại."))
        count.reject_reason = reason.strip()
    else:
        raise kernel.Refusal(_("Không chuyển được sang trạng thái này."))
    old = count.state
    count.state = new_state
    count.save()
    kernel.log(actor, f"ballot.count_{new_state}", count, old={"state": old}, new={"state": new_state}, note=reason)
    return kernel.sync(original, count)


def confirm_paper_count(count, *, actor):
    return set_paper_count_state(count, CountState.CONFIRMED, actor=actor)


def reject_paper_count(count, *, actor, reason):
    return set_paper_count_state(count, CountState.REJECTED, actor=actor, reason=reason)
