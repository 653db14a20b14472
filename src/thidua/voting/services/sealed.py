"""Sealed electronic ballots: the key made at opening and split among the counting board, the slots papers are
sealed into, and the opening of the papers at closing. The design and its limits: docs/ballot-secrecy.md."""

import base64
import itertools
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from django.db.models import BooleanField, Case, F, TextField, Value, When
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.voting import sealing, shares
from thidua.voting.models import CastBallot, Voter, VotingCode
from thidua.voting.parameters import key_bounds_message, key_bounds_ok

RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class KeyShareSheet:
    """One counting-board member's sheet: shown once at opening, never stored."""

    number: int
    of: int
    needed: int
    text: str


def context(ballot):
    """The associated data every paper of this ballot is sealed with."""
    return str(ballot.public_id).encode()


def make_key(ballot):
    """Create the ballot's key pair, keep the public half, return the private half as share sheets."""
    k, n = ballot.key_threshold, ballot.key_holders
    if not key_bounds_ok(k, n):  # selectors.ballot_problems says so before opening
        raise kernel.Refusal(key_bounds_message(k, n))
    secret = secrets.randbelow(shares.PRIME - 1) + 1
    public = sealing.public_key_of(secret)
    ballot.public_key = public.hex()
    return [
        KeyShareSheet(number=s.x, of=n, needed=k, text=s.text)
        for s in shares.split(secret, k, n, shares.key_tag(public))
    ]


def _receipt():
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def make_slots(ballot, count):
    """One empty slot per voter on the roll, in random order, each with its receipt drawn in advance."""
    receipts = set()
    while len(receipts) < count:
        receipts.add(_receipt())
    order = list(receipts)
    secrets.SystemRandom().shuffle(order)
    CastBallot.objects.bulk_create([CastBallot(ballot=ballot, receipt=r, filled=False) for r in order])


def seal_into_slot(ballot, ids, *, voter_pk=None, code_pk=None):
    """Seal the paper, put it in a random empty slot, mark the code or voter used; return the slot's receipt.

    Every slot, code and roll row of the ballot is rewritten by the same statements, so on PostgreSQL they all carry
    this transaction's id (xmin) and nothing pairs the voter marked with the slot filled; on SQLite no row moves."""
    empty = list(CastBallot.objects.filter(ballot=ballot, filled=False).values_list("pk", "receipt"))
    if not empty:
        kernel.refuse(_("Phiếu đã nhận đủ số phiếu của danh sách."))
    slot, receipt = secrets.choice(empty)
    sealed = base64.b64encode(
        sealing.seal(bytes.fromhex(ballot.public_key), sealing.encode_choices(ids), context(ballot))
    )
    CastBallot.objects.filter(ballot=ballot).update(
        sealed=Case(When(pk=slot, then=Value(sealed.decode())), default=F("sealed"), output_field=TextField()),
        filled=Case(When(pk=slot, then=True), default=F("filled"), output_field=BooleanField()),
    )
    mark_roll(ballot, voter_pk=voter_pk, code_pk=code_pk)
    return receipt


def mark_roll(ballot, *, voter_pk=None, code_pk=None):
    """Mark one code and/or voter used, rewriting all the ballot's codes and roll rows alike (see seal_into_slot)."""
    VotingCode.objects.filter(ballot=ballot).update(
        used=Case(When(pk=code_pk, then=True), default=F("used"), output_field=BooleanField()) if code_pk else F("used")
    )
    Voter.objects.filter(ballot=ballot).update(
        has_voted=Case(When(pk=voter_pk, then=True), default=F("has_voted"), output_field=BooleanField())
        if voter_pk
        else F("has_voted")
    )


def recover_key(ballot, texts):
    """The ballot's private key from the share texts given, checked against its public key; a Refusal otherwise."""
    public = bytes.fromhex(ballot.public_key)
    tag = shares.key_tag(public)
    given = {}
    for number, text in enumerate((t for t in texts if str(t).strip()), start=1):
        try:
            share = shares.parse(text)
        except shares.ShareError:
            kernel.refuse(
                _("Phần khóa thứ %(n)s đọc không được: hãy gõ lại đúng từng ký tự, hoặc quét lại mã QR.")
                % {"n": number}
            )
        if share.tag != tag:
            kernel.refuse(_("Phần khóa thứ %(n)s là của một phiếu khác.") % {"n": number})
        given[share.x] = share
    needed = ballot.key_threshold
    if len(given) < needed:
        kernel.refuse(
            _("Cần %(k)s phần khóa khác nhau của ban kiểm phiếu; mới có %(m)s.") % {"k": needed, "m": len(given)}
        )
    for chosen in itertools.combinations(given.values(), needed):  # a wrong sheet among right ones is skipped
        secret = shares.combine(chosen)
        if 0 < secret < shares.PRIME and sealing.public_key_of(secret) == public:
            return secret
    return kernel.refuse(_("Các phần khóa không khớp với khóa của phiếu này."))


def open_papers(ballot, secret):
    """Decrypt every filled slot into its choices, drop the empty slots; the key is then published."""
    CastBallot.objects.filter(ballot=ballot, filled=False).delete()
    known = set(ballot.candidates.values_list("pk", flat=True))
    for row in CastBallot.objects.filter(ballot=ballot).only("pk", "sealed"):
        try:
            ids = sealing.decode_choices(sealing.unseal(secret, base64.b64decode(row.sealed), context(ballot)))
        except (InvalidTag, ValueError, KeyError):
            ids = None
        if ids is None or not set(ids) <= known:
            kernel.refuse(_("Có phiếu đã bị sửa trong cơ sở dữ liệu: không mở được. Hãy báo quản trị hệ thống."))
        CastBallot.objects.filter(pk=row.pk).update(choices=ids)
    ballot.published_key = secret.to_bytes(sealing.KEY_SIZE, "big").hex()
