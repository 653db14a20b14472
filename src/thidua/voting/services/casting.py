"""Electronic secret voting: one-time codes and casting (written votes of absent members: services/written.py).

Casting writes two rows that share nothing but the ballot: the voter's row is flagged as voted (a conditional
UPDATE, so of fifty requests with one code exactly one succeeds) and a CastBallot with random id and receipt is
stored, in one transaction. Nothing records when a vote was cast or which code cast it, and casting is not written
to the activity log (its time and author would pair with the stored ballot); the log keeps opening and closing.
"""

import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.voting import throttle
from thidua.voting.enums import BallotState, SlipKind, VotingMode
from thidua.voting.exceptions import AlreadyVoted, BallotNotOpen, InvalidCode, NotOnRoll, VotingRefused
from thidua.voting.models import Ballot, CastBallot, Voter, VotingCode
from thidua.voting.services import sealed

# No 0/O, 1/I/L: a code read off paper and typed on a phone should not be misread.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12  # about 59 bits
RECEIPT_LENGTH = 8


@dataclass
class IssuedCode:
    delegate: object  # None on an unnamed slip
    code: str


def normalise_code(raw):
    cleaned = "".join(ch for ch in str(raw).upper() if ch.isalnum())
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def hash_code(code):
    # Keyed with SECRET_KEY: a copy of the database alone cannot test guesses against the stored hashes.
    return salted_hmac("thidua.voting.code", normalise_code(code), algorithm="sha256").hexdigest()


def code_url(entry, code):
    """The QR code's address: the code rides in the fragment (#ma=...), which browsers never send to a server."""
    return f"{entry}#ma={code}"


def _random(length):
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_code():
    return normalise_code(_random(CODE_LENGTH))


@transaction.atomic
def issue_codes(ballot, *, actor, delegates=None, named=None):
    """(Re)issue one-time codes; the codes are returned once, never stored. Printing again replaces the unused ones.

    Unnamed slips (the default): as many codes as present voters who have not voted signed in, minus the codes
    already used, linked to nobody; each arriving delegate draws one. Named slips (named=True, a choice the
    secretariat makes knowingly): one code per present voter who has not voted, printed with their name. The first
    printing fixes the kind for the ballot; named=None keeps it.
    """
    original = ballot
    ballot = Ballot.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=ballot.pk)
    kernel.require(actor, "voting.manage_meeting", ballot.meeting)
    if ballot.mode != VotingMode.ELECTRONIC or ballot.state != BallotState.OPEN:
        kernel.refuse(_("Chỉ cấp mã cho phiếu kín điện tử đang mở."))
    kind = ballot.slip_kind or (SlipKind.NAMED if named else SlipKind.UNNAMED)
    if named is not None and kind != (SlipKind.NAMED if named else SlipKind.UNNAMED):
        kernel.refuse(
            _("Phiếu này đã in loại “%(kind)s”; không đổi loại phiếu mã được nữa.") % {"kind": SlipKind(kind).label}
        )
    if kind == SlipKind.NAMED:
        issued = _issue_named(ballot, delegates)
    else:
        if delegates is not None:
            kernel.refuse(_("Phiếu mã không ghi tên không cấp cho từng đại biểu."))
        issued = _issue_unnamed(ballot)
    if ballot.slip_kind != kind:
        ballot.slip_kind = kind
        ballot.save(update_fields=["slip_kind"])
    kernel.log(actor, "ballot.codes_issued", ballot, new={"count": len(issued), "slip_kind": kind})
    kernel.sync(original, ballot)
    return issued


def _issue_named(ballot, delegates):
    voters = ballot.voters.filter(was_present=True, has_voted=False).select_related("delegate")
    if delegates is not None:
        voters = voters.filter(delegate__in=list(delegates))
    voters = list(voters.order_by("delegate__sort_order", "delegate_id"))
    VotingCode.objects.filter(ballot=ballot, voter__in=voters, used=False).delete()
    issued = [IssuedCode(delegate=voter.delegate, code=new_code()) for voter in voters]
    VotingCode.objects.bulk_create(
        [VotingCode(ballot=ballot, voter=v, code_hash=hash_code(i.code)) for v, i in zip(voters, issued, strict=True)]
    )
    return issued


def _issue_unnamed(ballot):
    VotingCode.objects.filter(ballot=ballot, used=False).delete()
    present = ballot.voters.filter(was_present=True)
    wanted = present.count() - present.filter(has_voted=True).count() - ballot.codes.filter(used=True).count()
    issued = [IssuedCode(delegate=None, code=new_code()) for _ in range(max(wanted, 0))]
    VotingCode.objects.bulk_create([VotingCode(ballot=ballot, code_hash=hash_code(i.code)) for i in issued])
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


def store_vote(ballot_pk, choices, *, voter_pk=None, code_pk=None, in_person=False):
    """Lock the ballot, check it is open, mark the code or the voter used if still unused, store the ballot: all or
    nothing. The ballot row's lock makes the check-then-mark safe: of fifty requests with one code, one succeeds."""
    with transaction.atomic():
        ballot = Ballot.objects.select_for_update(of=("self",)).get(pk=ballot_pk)
        if ballot.state != BallotState.OPEN or ballot.mode != VotingMode.ELECTRONIC:
            raise BallotNotOpen
        if in_person and ballot.slip_kind == SlipKind.UNNAMED:
            raise VotingRefused(
                _("Phiếu này bỏ bằng phiếu mã không ghi tên: hãy dùng mã trên phiếu bạn đã bốc khi điểm danh.")
            )
        ids = validate_choices(ballot, choices)
        if code_pk is not None:
            code = VotingCode.objects.filter(pk=code_pk, ballot=ballot, used=False).first()
            if code is None:
                raise AlreadyVoted
            voter_pk = code.voter_id  # a named slip also marks its voter, so the desk sees who has not voted
        if voter_pk is not None and Voter.objects.filter(pk=voter_pk, has_voted=True).exists():
            raise AlreadyVoted
        if ballot.public_key:
            return sealed.seal_into_slot(ballot, ids, voter_pk=voter_pk, code_pk=code_pk)
        # A ballot opened before sealing existed: its papers stay as they were stored.
        sealed.mark_roll(ballot, voter_pk=voter_pk, code_pk=code_pk)
        receipt = _new_receipt(ballot)
        CastBallot.objects.create(ballot=ballot, receipt=receipt, choices=ids)
    return receipt


def find_code(code, ballot=None):
    """The VotingCode a typed code stands for (in `ballot` when given), or None."""
    found = VotingCode.objects.filter(code_hash=hash_code(code)).select_related("ballot__meeting")
    if ballot is not None:
        found = found.filter(ballot=ballot)
    return found.first()


def lookup_code(code, *, address=None, ballot=None):
    """The VotingCode for a typed code, or InvalidCode; from a web `address`, under the wrong-guess limit (429)."""
    if address is not None:
        throttle.check(address, ballot)
    found = find_code(code, ballot)
    if found is None:
        if address is not None:
            throttle.record_wrong(address, ballot)
        raise InvalidCode
    return found


def cast_ballot(code, choices, *, ballot=None, address=None):
    """Vote with a one-time code, no login needed. Returns the receipt code to show the voter once."""
    found = lookup_code(code, address=address, ballot=ballot)
    return store_vote(found.ballot_id, choices, code_pk=found.pk)


def cast_ballot_for_user(ballot, user, choices):
    """Vote while signed in: the user's own entry on the ballot's roll, no code needed.

    Not once unnamed slips are out: a delegate who drew one could otherwise vote twice."""
    voter = Voter.objects.filter(ballot=ballot, delegate__user=user).only("pk", "was_present").first()
    if voter is None or not user.is_authenticated:
        raise NotOnRoll
    if not voter.was_present:
        raise NotOnRoll(_("Bạn được ghi vắng mặt khi phiếu mở nên không bỏ phiếu trực tiếp được."))
    return store_vote(ballot.pk, choices, voter_pk=voter.pk, in_person=True)
