"""Electronic secret voting: one-time codes, casting, and written votes from absent council members.

Casting writes two rows that share nothing but the ballot: the voter's row is flagged as voted (a conditional
UPDATE, so of fifty requests with one code exactly one succeeds) and a CastBallot with random id and receipt is
stored, in one transaction. Nothing records when a vote was cast or which code cast it, and casting is not written
to the activity log (its time and author would pair with the stored ballot); the log keeps opening and closing.
"""

import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.voting.enums import BallotState, CountState, VotingMode
from thidua.voting.exceptions import AlreadyVoted, BallotNotOpen, InvalidCode, NotOnRoll
from thidua.voting.models import Ballot, CastBallot, Voter, WrittenVote
from thidua.voting.selectors import rules_of
from thidua.voting.services._common import require_manager

# No 0/O, 1/I/L: a code read off paper and typed on a phone should not be misread.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12  # about 59 bits
RECEIPT_LENGTH = 8


@dataclass
class IssuedCode:
    delegate: object
    code: str


def normalise_code(raw):
    cleaned = "".join(ch for ch in str(raw).upper() if ch.isalnum())
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def hash_code(code):
    # Keyed with SECRET_KEY: a copy of the database alone cannot test guesses against the stored hashes.
    return salted_hmac("thidua.voting.code", normalise_code(code), algorithm="sha256").hexdigest()


def _random(length):
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_code():
    return normalise_code(_random(CODE_LENGTH))


@transaction.atomic
def issue_codes(ballot, *, actor, delegates=None):
    """(Re)issue one-time codes to present voters who have not voted; the codes are returned once, never stored.

    Printing the slips again replaces the codes not yet used, so a lost slip is simply reissued.
    """
    ballot = Ballot.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=ballot.pk)
    require_manager(actor, ballot.meeting)
    if ballot.mode != VotingMode.ELECTRONIC or ballot.state != BallotState.OPEN:
        raise kernel.Refusal(_("Chỉ cấp mã cho phiếu kín điện tử đang mở."))
    voters = ballot.voters.filter(was_present=True, has_voted=False).select_related("delegate")
    if delegates is not None:
        voters = voters.filter(delegate__in=list(delegates))
    issued = []
    for voter in voters.order_by("delegate__sort_order", "delegate_id"):
        code = new_code()
        voter.code_hash = hash_code(code)
        voter.save(update_fields=["code_hash"])
        issued.append(IssuedCode(delegate=voter.delegate, code=code))
    kernel.log(actor, "ballot.codes_issued", ballot, new={"count": len(issued)})
    return issued


def validate_choices(ballot, choices):
    """Candidate ids (or candidates) -> sorted list of ids; no repeats, no strangers, at most max_choices."""
    try:
        ids = [int(getattr(choice, "pk", choice)) for choice in choices]
    except (TypeError, ValueError):
        raise kernel.Refusal(_("Lựa chọn không hợp lệ.")) from None
    if len(set(ids)) != len(ids):
        raise kernel.Refusal(_("Mỗi ứng viên chỉ được chọn một lần."))
    if len(ids) > ballot.max_choices:
        raise kernel.Refusal(
            _("Chỉ được chọn tối đa %(n)s ứng viên; phiếu đã chọn %(m)s.") % {"n": ballot.max_choices, "m": len(ids)}
        )
    known = set(ballot.candidates.values_list("pk", flat=True))
    if not set(ids) <= known:
        raise kernel.Refusal(_("Có lựa chọn không thuộc danh sách ứng viên của phiếu này."))
    return sorted(ids)


def _new_receipt(ballot):
    while True:
        receipt = normalise_code(_random(RECEIPT_LENGTH))
        if not CastBallot.objects.filter(ballot=ballot, receipt=receipt).exists():
            return receipt


def _store(ballot_pk, voter_filter, choices):
    """Lock the ballot, check it is open, flip the voter's flag if still unset, store the ballot: all or nothing."""
    with transaction.atomic():
        ballot = Ballot.objects.select_for_update(of=("self",)).get(pk=ballot_pk)
        if ballot.state != BallotState.OPEN or ballot.mode != VotingMode.ELECTRONIC:
            raise BallotNotOpen
        ids = validate_choices(ballot, choices)
        if not Voter.objects.filter(**voter_filter, ballot=ballot, has_voted=False).update(has_voted=True):
            raise AlreadyVoted
        receipt = _new_receipt(ballot)
        CastBallot.objects.create(ballot=ballot, receipt=receipt, choices=ids)
    return receipt


def cast_ballot(code, choices):
    """Vote with a one-time code, no login needed. Returns the receipt code to show the voter once."""
    voter = Voter.objects.filter(code_hash=hash_code(code)).only("pk", "ballot_id", "was_present").first()
    if voter is None:
        raise InvalidCode
    return _store(voter.ballot_id, {"pk": voter.pk, "was_present": True}, choices)


def cast_ballot_for_user(ballot, user, choices):
    """Vote while signed in: the user's own entry on the ballot's roll, no code needed."""
    voter = Voter.objects.filter(ballot=ballot, delegate__user=user).only("pk", "was_present").first()
    if voter is None or not user.is_authenticated:
        raise NotOnRoll
    if not voter.was_present:
        raise NotOnRoll(_("Bạn được ghi vắng mặt khi phiếu mở nên không bỏ phiếu trực tiếp được."))
    return _store(ballot.pk, {"pk": voter.pk, "was_present": True}, choices)


# written votes of absent members ---------------------------------------------------------------------------------
@transaction.atomic
def enter_written_vote(ballot, *, delegate, choices, actor):
    """Type in an absent member's written vote; it counts only after a second person confirms it."""
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
    written = WrittenVote.objects.create(
        ballot=ballot, voter=voter, pending_choices=validate_choices(ballot, choices), entered_by=actor
    )
    kernel.log(actor, "ballot.written_vote_entered", written, new={"delegate": delegate.full_name})
    return written


def set_written_vote_state(written, new_state, *, actor, reason=""):
    """ENTERED -> CONFIRMED (by someone else: the vote is stored unlinked and erased here) or -> REJECTED."""
    original = written
    with transaction.atomic():
        written = (
            WrittenVote.objects.select_for_update(of=("self",)).select_related("ballot__meeting").get(pk=written.pk)
        )
        meeting = written.ballot.meeting
        require_manager(actor, meeting)
        if written.state != CountState.ENTERED:
            raise kernel.Refusal(_("Phiếu bằng văn bản này đã được xử lý."))
        receipt = ""
        if new_state == CountState.CONFIRMED:
            if actor is not None and actor.pk == written.entered_by_id:
                raise PermissionDenied(_("Người xác nhận phải khác người đã nhập."))
            receipt = _store(written.ballot_id, {"pk": written.voter_id, "was_present": False}, written.pending_choices)
            written.confirmed_by = actor
        elif new_state == CountState.REJECTED:
            if not reason.strip():
                raise kernel.Refusal(_("Hãy ghi lý do trả lại."))
            written.reject_reason = reason.strip()
        else:
            raise kernel.Refusal(_("Không chuyển được sang trạng thái này."))
        written.state = new_state
        written.pending_choices = None
        written.save()
        kernel.log(actor, f"ballot.written_vote_{new_state}", written, note=reason)
    kernel.sync(original, written)
    return receipt


def confirm_written_vote(written, *, actor):
    return set_written_vote_state(written, CountState.CONFIRMED, actor=actor)


def reject_written_vote(written, *, actor, reason):
    return set_written_vote_state(written, CountState.REJECTED, actor=actor, reason=reason)
