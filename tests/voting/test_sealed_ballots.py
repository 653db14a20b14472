"""Issue 15: sealed ballots. While a ballot is open the database holds no readable choice and nothing that orders
or links its papers to voters; closing needs k of the counting board's n key shares; too few make it void."""

import base64
import secrets
from collections import Counter

import pytest
from cryptography.exceptions import InvalidTag
from django.core.exceptions import ValidationError
from django.db import connection

from tests.factories import board_shares
from tests.voting.helpers import make_ballot, vote
from thidua.voting import documents, sealing, services, shares
from thidua.voting.enums import BallotState, VotingMode
from thidua.voting.models import Ballot, CastBallot, Voter, VotingCode
from thidua.voting.services.sealed import context

PICKS = [[0], [1], [2], [0, 1], [], [3], [4], [0, 2, 4]]


@pytest.fixture
def open_ballot(conference):
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    return ballot


def _is_probable_prime(n, rounds=40):
    if n % 2 == 0:
        return False
    d, r = n - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    for _ in range(rounds):
        x = pow(secrets.randbelow(n - 3) + 2, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def test_the_field_is_prime_and_any_two_of_three_shares_rebuild_the_key():
    assert _is_probable_prime(shares.PRIME)
    assert not _is_probable_prime(shares.PRIME + 2)
    secret = secrets.randbelow(shares.PRIME)
    tag = shares.key_tag(sealing.public_key_of(secret))
    three = shares.split(secret, 2, 3, tag)
    for pair in ((0, 1), (0, 2), (1, 2), (2, 0)):
        assert shares.combine([shares.parse(three[i].text) for i in pair]) == secret
    assert all(shares.combine([s]) != secret for s in three)  # one share alone is a random number
    assert shares.parse(three[0].text.lower().replace("-", " ")) == three[0]
    typo = three[0].text.replace(three[0].text[10], "A" if three[0].text[10] != "A" else "B", 1)
    with pytest.raises(shares.ShareError):
        shares.parse(typo)


def test_opening_keeps_only_the_public_key_and_hands_out_the_sheets_once(conference, open_ballot):
    sheets = open_ballot.key_shares
    assert [(s.number, s.of, s.needed) for s in sheets] == [(1, 3, 2), (2, 3, 2), (3, 3, 2)]
    stored = Ballot.objects.get(pk=open_ballot.pk)
    assert len(stored.public_key) == 64
    assert stored.published_key == ""
    assert not hasattr(stored, "key_shares")
    assert CastBallot.objects.filter(ballot=open_ballot, filled=False).count() == 8  # one empty slot per voter


def test_forensic_copy_while_open_reads_no_choice_and_no_order(conference, open_ballot):
    """Copy every row of the ballot's tables while it is open, then try what an attacker would."""
    slots_before = _rows("voting_castballot", open_ballot, "id")
    vote(open_ballot, conference.secretary, PICKS)
    copy = {
        table: _rows(table, open_ballot, "*")
        for table in ("voting_ballot", "voting_voter", "voting_votingcode", "voting_castballot")
    }
    ballot_row = Ballot.objects.get(pk=open_ballot.pk)
    papers = CastBallot.objects.filter(ballot=open_ballot, filled=True)
    assert papers.count() == 8
    # 1. No choice is readable: no plaintext choices, papers of one size whatever was ticked.
    assert all(c == [] for c in papers.values_list("choices", flat=True))
    assert len({len(p) for p in papers.values_list("sealed", flat=True)}) == 1
    # 2. Nothing in the copy opens a paper: not the public key, not a key guessed from the rows, not another ballot's.
    sealed = base64.b64decode(papers.first().sealed)
    guesses = [int(ballot_row.public_key, 16) % shares.PRIME, secrets.randbelow(shares.PRIME)]
    for guess in guesses:
        with pytest.raises(InvalidTag):
            sealing.unseal(guess, sealed, context(ballot_row))
    assert ballot_row.published_key == ""
    # 3. Casting inserted no row: the slots (and their storage order) are the ones made at opening.
    assert _rows("voting_castballot", open_ballot, "id") == slots_before
    # 4. Unnamed slips: no code points at a voter, no roll row says who voted.
    assert set(VotingCode.objects.filter(ballot=open_ballot).values_list("voter", flat=True)) == {None}
    assert not Voter.objects.filter(ballot=open_ballot, has_voted=True).exists()
    # 5. PostgreSQL: every slot, code and roll row carries the last cast's transaction id, so xmin orders nothing.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            xmins = set()
            for table in ("voting_castballot", "voting_votingcode", "voting_voter"):
                cursor.execute(f"SELECT DISTINCT xmin::text FROM {table} WHERE ballot_id = %s", [open_ballot.pk])  # noqa: S608
                xmins |= {row[0] for row in cursor.fetchall()}
            assert len(xmins) == 1
    assert copy["voting_castballot"]  # the copy was taken


def _rows(table, ballot, columns):
    """The rows as stored: on SQLite in rowid order (the order they were inserted in), on PostgreSQL as a set."""
    key = "id" if table == "voting_ballot" else "ballot_id"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT rowid, {columns} FROM {table} WHERE {key} = %s ORDER BY rowid", [ballot.pk])  # noqa: S608 - names from this test
            return cursor.fetchall()
        cursor.execute(f"SELECT {columns} FROM {table} WHERE {key} = %s", [ballot.pk])  # noqa: S608 - names from this test
        return sorted(cursor.fetchall(), key=str)


def test_closing_with_two_of_three_shares_counts_the_papers(conference, open_ballot):
    vote(open_ballot, conference.secretary, PICKS)
    sheets = [s.text for s in open_ballot.key_shares]
    services.close_ballot(open_ballot, actor=conference.secretary, shares=["", sheets[2], sheets[0]])
    open_ballot.refresh_from_db()
    assert open_ballot.state == BallotState.CLOSED
    secret = int(open_ballot.published_key, 16)
    assert sealing.public_key_of(secret).hex() == open_ballot.public_key
    ids = [c.pk for c in open_ballot.candidates.order_by("position")]
    counted = Counter(i for row in CastBallot.objects.filter(ballot=open_ballot) for i in row.choices)
    assert counted == Counter(ids[i] for pick in PICKS for i in pick)
    assert not CastBallot.objects.filter(ballot=open_ballot, filled=False).exists()


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (lambda s: [s[1]], "Cần 2 phần khóa khác nhau của ban kiểm phiếu; mới có 1."),
        (lambda s: [s[1], s[1]], "Cần 2 phần khóa khác nhau của ban kiểm phiếu; mới có 1."),
        (
            lambda s: [s[0], "ABCDE-FGHIJ"],
            "Phần khóa thứ 2 đọc không được: hãy gõ lại đúng từng ký tự, hoặc quét lại mã QR.",
        ),
    ],
)
def test_too_few_or_unreadable_shares_are_refused_and_change_nothing(conference, open_ballot, given, message):
    vote(open_ballot, conference.secretary, PICKS[:3])
    with pytest.raises(ValidationError) as refused:
        services.close_ballot(
            open_ballot, actor=conference.secretary, shares=given([s.text for s in open_ballot.key_shares])
        )
    assert refused.value.messages == [message]
    stored = Ballot.objects.get(pk=open_ballot.pk)
    assert (stored.state, stored.published_key) == (BallotState.OPEN, "")
    assert CastBallot.objects.filter(ballot=open_ballot, filled=True).count() == 3


def test_a_share_of_another_ballot_is_refused(conference, open_ballot):
    other = make_ballot(conference, question="Bầu khác")
    services.open_ballot(other, actor=conference.secretary)
    with pytest.raises(ValidationError) as refused:
        services.close_ballot(
            open_ballot, actor=conference.secretary, shares=[open_ballot.key_shares[0].text, other.key_shares[1].text]
        )
    assert refused.value.messages == ["Phần khóa thứ 2 là của một phiếu khác."]


def test_an_altered_paper_stops_the_count(conference, open_ballot):
    vote(open_ballot, conference.secretary, PICKS[:2])
    paper = CastBallot.objects.filter(ballot=open_ballot, filled=True).first()
    raw = bytearray(base64.b64decode(paper.sealed))
    raw[-1] ^= 1
    CastBallot.objects.filter(pk=paper.pk).update(sealed=base64.b64encode(bytes(raw)).decode())
    with pytest.raises(ValidationError) as refused:
        services.close_ballot(open_ballot, actor=conference.secretary, shares=board_shares(open_ballot))
    assert refused.value.messages == [
        "Có phiếu đã bị sửa trong cơ sở dữ liệu: không mở được. Hãy báo quản trị hệ thống."
    ]
    assert Ballot.objects.get(pk=open_ballot.pk).state == BallotState.OPEN


def test_too_few_shares_void_the_ballot_which_is_run_again(conference, open_ballot):
    vote(open_ballot, conference.secretary, PICKS[:4])
    with pytest.raises(ValidationError):
        services.void_ballot(open_ballot, actor=conference.secretary, reason="  ")
    services.void_ballot(open_ballot, actor=conference.secretary, reason="Hai thành viên làm mất tờ phần khóa.")
    assert open_ballot.state == BallotState.VOID
    assert not CastBallot.objects.filter(ballot=open_ballot).exists()
    minutes = documents.meeting_minutes(conference.meeting)
    text = " ".join(getattr(block, "text", "") for block in minutes.blocks)
    assert (
        "Phiếu vô hiệu: ban kiểm phiếu không đưa đủ 2 trong 3 phần khóa nên các phiếu đã niêm phong không mở được và "
        "không được kiểm; hội nghị bỏ phiếu lại. Lý do: Hai thành viên làm mất tờ phần khóa."
    ) in text
    again = services.rerun_void_ballot(open_ballot, actor=conference.secretary)
    assert again.state == BallotState.DRAFT
    assert again.question == f"Bỏ phiếu lại: {open_ballot.question}"
    assert [c.unit_id for c in again.candidates.order_by("position")] == [u.pk for u in conference.units[:5]]
    with pytest.raises(ValidationError) as refused:
        services.rerun_void_ballot(open_ballot, actor=conference.secretary)
    assert refused.value.messages == ["Phiếu này đã được tạo lại để bỏ lại."]


def test_paper_ballots_are_not_sealed(conference):
    ballot = make_ballot(conference, mode=VotingMode.PAPER)
    opened = services.open_ballot(ballot, actor=conference.secretary)
    assert (getattr(opened, "key_shares", None), opened.public_key) == (None, "")
    with pytest.raises(ValidationError):
        services.void_ballot(ballot, actor=conference.secretary, reason="x")
