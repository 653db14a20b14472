"""Written votes of absent council members: blind double entry with a matching key on the paper's envelope.

The first person types the choices and gets a matching key once (to write on the envelope); the server keeps only
a salted digest of the choices under that key (voting/matching.py). The second person types the choices again with
the key; if they match, the choices are cast exactly as a sealed ballot from the roll row of that member. No choice
and no key is ever stored, logged or shown again, so a database copy or a backup taken meanwhile shows only that the
member has a pending written vote.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.voting import matching
from thidua.voting.enums import BallotState, CountState, VotingMode
from thidua.voting.exceptions import AlreadyVoted, BallotNotOpen, NotOnRoll
from thidua.voting.models import Ballot, WrittenVote
from thidua.voting.selectors import rules_of
from thidua.voting.services.casting import store_vote, validate_choices
from thidua.voting.services.common import require_manager

# Wrong re-entries before the entry is cancelled: enough for typing slips, too few to walk through the choice sets
# with a leaked key and the page as the oracle.
MAX_FAILED_MATCHES = 5
# Stored as the reason of an entry the system cancelled: data, in the conference's language.
CANCELLED_REASON = "Hủy tự động: nhập lại không khớp {n} lần; cần nhập lại phiếu từ đầu."


@transaction.atomic
def enter_written_vote(ballot, *, delegate, choices, actor):
    """Type in an absent member's written vote; it counts only after a second person types the same again.

    Returns the WrittenVote with `matching_key` set: the key to write on the envelope, shown once, never stored."""
    ballot = Ballot.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=ballot.pk)
    require_manager(actor, ballot.meeting)
    if ballot.state != BallotState.OPEN or ballot.mode != VotingMode.ELECTRONIC:
        raise BallotNotOpen
    if not rules_of(ballot).written_votes_allowed:
        raise kernel.Refusal(_("Quy định bỏ phiếu của phiếu này không cho phép gửi phiếu bằng văn bản."))
    voter = ballot.voters.filter(delegate=delegate).first()
    if voter is None:
        raise NotOnRoll(_("Người này không có tên trong danh sách của phiếu."))
    if voter.was_present:
        raise kernel.Refusal(_("Chỉ thành viên vắng mặt mới gửi phiếu bằng văn bản."))
    if voter.has_voted or voter.written_votes.exclude(state=CountState.REJECTED).exists():
        raise AlreadyVoted(_("Phiếu bằng văn bản của thành viên này đã được nhập."))
    ids = validate_choices(ballot, choices)
    key, salt = matching.new_key(), matching.new_salt()
    written = WrittenVote.objects.create(
        ballot=ballot,
        voter=voter,
        digest=matching.digest(key, salt, ballot.public_id, voter.pk, ids),
        salt=salt.hex(),
        entered_by=actor,
        entered_at=timezone.now(),
    )
    kernel.log(actor, "ballot.written_vote_entered", written, new={"delegate": delegate.full_name})
    written.matching_key = key
    return written


def _locked(written):
    return WrittenVote.objects.select_for_update(of=("self",)).select_related("ballot__meeting").get(pk=written.pk)


def _pending(written, actor):
    require_manager(actor, written.ballot.meeting)
    if written.state != CountState.ENTERED:
        raise kernel.Refusal(_("Phiếu bằng văn bản này đã được xử lý."))


def _close_entry(written, state, *, actor, action, reason="", new=None):
    """Leave ENTERED for good: the digest and salt go, so nothing of the entry remains to test guesses against."""
    written.state = state
    written.digest = written.salt = ""
    written.reject_reason = reason
    written.save(update_fields=["state", "digest", "salt", "reject_reason", "confirmed_by", "failed_matches"])
    kernel.log(actor, action, written, new=new, note=reason)


def confirm_written_vote(written, *, actor, choices, matching_key):
    """The second entry: the same choices and the key from the envelope cast the vote; returns its receipt.

    A different entry (or a wrong key) casts nothing and is logged; the MAX_FAILED_MATCHES-th cancels the entry."""
    original = written
    refusal = None
    with transaction.atomic():
        written = _locked(written)
        _pending(written, actor)
        if actor is not None and actor.pk == written.entered_by_id:
            raise PermissionDenied(_("Người xác nhận phải khác người đã nhập."))
        try:
            matching.parse(matching_key)
        except matching.MatchingKeyError:
            raise kernel.Refusal(
                _(
                    "Mã đối chiếu đọc không được: hãy gõ lại đúng 17 ký tự ghi trên phong bì "
                    "(dạng ABCD-EFGH-JKLM-NPQR-S). Lần này không bị tính là nhập sai."
                )
            ) from None
        ballot = written.ballot
        ids = validate_choices(ballot, choices)
        args = (bytes.fromhex(written.salt), ballot.public_id, written.voter_id, ids)
        if matching.matches(written.digest, matching_key, *args):
            receipt = store_vote(ballot.pk, ids, voter_pk=written.voter_id)
            written.confirmed_by = actor
            _close_entry(written, CountState.CONFIRMED, actor=actor, action="ballot.written_vote_confirmed")
        else:
            receipt, refusal = "", _mismatch(written, actor)
    kernel.sync(original, written)
    if refusal is not None:
        raise refusal  # after the commit: the failed attempt (or the cancellation) stays recorded
    return receipt


def _mismatch(written, actor):
    written.failed_matches += 1
    kernel.log(actor, "ballot.written_vote_mismatch", written, new={"failed_matches": written.failed_matches})
    if written.failed_matches >= MAX_FAILED_MATCHES:
        reason = CANCELLED_REASON.format(n=written.failed_matches)
        _close_entry(written, CountState.REJECTED, actor=actor, action="ballot.written_vote_cancelled", reason=reason)
        return kernel.Refusal(
            _(
                "Bản nhập lại không khớp bản nhập đầu, hoặc mã đối chiếu không đúng: đã sai %(n)s lần nên bản nhập "
                "bị hủy và không có phiếu nào được bỏ. Hãy nhập lại phiếu bằng văn bản từ đầu (sẽ có mã đối chiếu "
                "mới)."
            )
            % {"n": written.failed_matches}
        )
    written.save(update_fields=["failed_matches"])
    left = MAX_FAILED_MATCHES - written.failed_matches
    return kernel.Refusal(
        _(
            "Bản nhập lại không khớp bản nhập đầu, hoặc mã đối chiếu không đúng; không có phiếu nào được bỏ. Hãy "
            "đối chiếu lại phiếu giấy và mã trên phong bì. Còn %(n)s lần thử, sau đó bản nhập bị hủy."
        )
        % {"n": left}
    )


def reject_written_vote(written, *, actor, reason):
    """Cancel a pending entry (typed for the wrong member, paper unreadable...): the member may be entered again."""
    original = written
    with transaction.atomic():
        written = _locked(written)
        _pending(written, actor)
        if not reason.strip():
            raise kernel.Refusal(_("Hãy ghi lý do trả lại."))
        _close_entry(
            written, CountState.REJECTED, actor=actor, action="ballot.written_vote_rejected", reason=reason.strip()
        )
    kernel.sync(original, written)
    return ""
