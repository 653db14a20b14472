"""Written votes of absent council members: blind double entry with a matching key; no choice stored meanwhile."""

import itertools
import logging

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from tests.factories import board_shares
from thidua.core.models import ActivityLogEntry
from thidua.voting import matching, selectors, services
from thidua.voting.models import CastBallot, Voter, WrittenVote
from thidua.voting.services.written import MAX_FAILED_MATCHES

MISMATCH = (
    "Bản nhập lại không khớp bản nhập đầu, hoặc mã đối chiếu không đúng; không có phiếu nào được bỏ. Hãy đối chiếu "
    "lại phiếu giấy và mã trên phong bì. Còn {n} lần thử, sau đó bản nhập bị hủy."
)
CANCELLED = (
    "Bản nhập lại không khớp bản nhập đầu, hoặc mã đối chiếu không đúng: đã sai 5 lần nên bản nhập bị hủy và không "
    "có phiếu nào được bỏ. Hãy nhập lại phiếu bằng văn bản từ đầu (sẽ có mã đối chiếu mới)."
)
UNREADABLE = (
    "Mã đối chiếu đọc không được: hãy gõ lại đúng 17 ký tự ghi trên phong bì (dạng ABCD-EFGH-JKLM-NPQR-S). "
    "Lần này không bị tính là nhập sai."
)
NAMES = ["Huyện Ân Thi", "Huyện Bình Giang", "Huyện Cẩm Giàng", "Huyện Đông Triều"]


@pytest.fixture
def ballot(council):
    council.meeting.delegates.filter(user__in=council.members[3:]).update(is_present=False)
    ballot = services.create_ballot(
        council.meeting, question="Tặng Cờ thi đua cấp tỉnh", candidates=NAMES, max_choices=2, actor=council.board
    )
    services.open_ballot(ballot, actor=council.board)
    return ballot


@pytest.fixture
def second(council, make_user):
    return make_user("board_officer", council.meeting.province)


def _absent(council, index=3):
    return council.meeting.delegates.get(user=council.members[index])


def _picks(ballot, *indexes):
    candidates = list(ballot.candidates.order_by("position"))
    return [candidates[i] for i in indexes]


def _actions(written):
    entries = ActivityLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(WrittenVote), object_id=str(written.pk)
    )
    return list(entries.order_by("id").values_list("action", flat=True))


def _dump():
    """Every row of every table as text, as a database copy or a logical backup would hold it."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from the schema
            columns = [c[0] for c in cursor.description]
            rows[table] = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return rows


def test_forensic_copy_while_a_written_vote_is_pending_reads_no_choice(council, ballot, caplog):
    chosen = _picks(ballot, 0, 2)
    with caplog.at_level(logging.DEBUG):
        written = services.enter_written_vote(ballot, delegate=_absent(council), choices=chosen, actor=council.board)
    key, ids = written.matching_key, sorted(c.pk for c in chosen)
    copy = _dump()
    text = repr(copy)
    # 1. The entry's row: which member, who, when, a digest and a salt; no choice, no key.
    row = next(r for r in copy["voting_writtenvote"] if r["id"] == written.pk)
    assert set(row) == {
        "id", "ballot_id", "voter_id", "state", "digest", "salt", "failed_matches", "entered_at", "entered_by_id",
        "confirmed_by_id", "reject_reason",
    }  # fmt: skip
    assert (row["voter_id"], row["state"], row["failed_matches"], row["reject_reason"]) == (
        written.voter_id, "entered", 0, ""
    )  # fmt: skip
    assert (len(row["digest"]), len(row["salt"])) == (64, 32)
    # 2. Nothing linked to the member names a choice: the roll row, the entry, the log entries about it.
    linked = [row, *[r for r in copy["voting_voter"] if r["id"] == written.voter_id]]
    kind = ContentType.objects.get_for_model(WrittenVote).pk
    linked += [
        r for r in copy["core_activitylogentry"] if (r["content_type_id"], r["object_id"]) == (kind, str(written.pk))
    ]
    assert [r["action"] for r in linked[2:]] == ["ballot.written_vote_entered"]
    for record in linked:
        values = [str(v) for v in record.values() if v is not None]
        assert not any(c.label in v for c in chosen for v in values)
        assert [s for s in (str(ids), ",".join(map(str, ids))) if s in str(values)] == []
    # 3. The key is nowhere: not in any table, not in any log line; no paper was cast.
    assert [k for k in (key, matching.parse(key)) if k in text] == []
    assert not any(key in r.getMessage() or chosen[0].label in r.getMessage() for r in caplog.records)
    assert not CastBallot.objects.filter(ballot=ballot, filled=True).exists()
    # 4. Trying every possible choice set against the digest finds nothing without the key.
    salt = bytes.fromhex(row["salt"])
    candidate_ids = sorted(ballot.candidates.values_list("pk", flat=True))
    every_set = [list(s) for n in range(3) for s in itertools.combinations(candidate_ids, n)]
    assert len(every_set) == 11
    for wrong_key in (matching.new_key(), matching.new_key()):
        stretched = matching.stretch(wrong_key, salt)
        guesses = {matching.digest_with(stretched, ballot.public_id, written.voter_id, s) for s in every_set}
        assert row["digest"] not in guesses
    # ...while the key from the envelope picks out exactly the paper's choices.
    stretched = matching.stretch(key, salt)
    right = [
        s for s in every_set if matching.digest_with(stretched, ballot.public_id, row["voter_id"], s) == row["digest"]
    ]
    assert right == [ids]


def test_the_same_choices_and_key_cast_one_sealed_paper_that_the_count_counts(council, ballot, second):
    absent = _absent(council)
    written = services.enter_written_vote(ballot, delegate=absent, choices=_picks(ballot, 1, 3), actor=council.board)
    typed_key = written.matching_key.replace("-", " ").lower()  # as a hurried person types it
    receipt = services.confirm_written_vote(
        written, actor=second, choices=[str(c.pk) for c in _picks(ballot, 3, 1)], matching_key=typed_key
    )
    written.refresh_from_db()
    assert (written.state, written.digest, written.salt, written.confirmed_by) == ("confirmed", "", "", second)
    papers = CastBallot.objects.filter(ballot=ballot, filled=True)
    assert [(p.receipt, p.choices) for p in papers] == [(receipt, [])]  # sealed like any cast ballot
    assert Voter.objects.get(ballot=ballot, delegate=absent).has_voted is True
    assert _actions(written) == ["ballot.written_vote_entered", "ballot.written_vote_confirmed"]
    services.close_ballot(ballot, actor=council.board, shares=board_shares(ballot))
    result = selectors.ballot_result(ballot)
    assert {r.candidate.label: r.votes for r in result.rows} == dict(zip(NAMES, [0, 1, 0, 1], strict=True))
    assert (result.issued, result.returned) == (4, 1)  # three present members plus the confirmed written vote


def test_a_different_reentry_casts_nothing_says_why_and_the_fifth_cancels(council, ballot, second):
    absent = _absent(council)
    written = services.enter_written_vote(ballot, delegate=absent, choices=_picks(ballot, 0), actor=council.board)
    attempts = [
        (_picks(ballot, 1), written.matching_key),  # another candidate
        (_picks(ballot, 0, 1), written.matching_key),  # one too many
        ([], written.matching_key),  # none
        (_picks(ballot, 0), matching.new_key()),  # right choices, another envelope's key
    ]
    for number, (choices, key) in enumerate(attempts, start=1):
        with pytest.raises(ValidationError) as refused:
            services.confirm_written_vote(written, actor=second, choices=choices, matching_key=key)
        assert refused.value.messages == [MISMATCH.format(n=MAX_FAILED_MATCHES - number)]
        written.refresh_from_db()
        assert (written.state, written.failed_matches) == ("entered", number)
    assert not CastBallot.objects.filter(ballot=ballot, filled=True).exists()
    with pytest.raises(ValidationError) as refused:
        services.confirm_written_vote(
            written, actor=second, choices=_picks(ballot, 2), matching_key=written.matching_key
        )
    assert refused.value.messages == [CANCELLED]
    written.refresh_from_db()
    assert (written.state, written.digest, written.salt, written.failed_matches) == ("rejected", "", "", 5)
    assert written.reject_reason == "Hủy tự động: nhập lại không khớp 5 lần; cần nhập lại phiếu từ đầu."
    assert _actions(written) == [
        "ballot.written_vote_entered", *["ballot.written_vote_mismatch"] * 5, "ballot.written_vote_cancelled"
    ]  # fmt: skip
    # Even the right entry is now too late; the member's vote is entered again from scratch, with a new key.
    with pytest.raises(ValidationError) as refused:
        services.confirm_written_vote(
            written, actor=second, choices=_picks(ballot, 0), matching_key=written.matching_key
        )
    assert refused.value.messages == ["Phiếu bằng văn bản này đã được xử lý."]
    again = services.enter_written_vote(ballot, delegate=absent, choices=_picks(ballot, 0), actor=council.board)
    assert again.matching_key != written.matching_key
    assert services.confirm_written_vote(
        again, actor=second, choices=_picks(ballot, 0), matching_key=again.matching_key
    )
    assert not Voter.objects.filter(ballot=ballot, delegate=absent, has_voted=False).exists()


def test_an_unreadable_key_or_invalid_choices_are_refused_without_counting(council, ballot, second):
    written = services.enter_written_vote(ballot, delegate=_absent(council), choices=[], actor=council.board)
    key = written.matching_key
    slipped = key[:-1] + ("A" if key[-1] != "A" else "B")  # one character off: the check character catches it
    for typed in ("", "ABCD", slipped):
        with pytest.raises(ValidationError) as refused:
            services.confirm_written_vote(written, actor=second, choices=[], matching_key=typed)
        assert refused.value.messages == [UNREADABLE]
    with pytest.raises(ValidationError) as refused:
        services.confirm_written_vote(written, actor=second, choices=_picks(ballot, 0, 1, 2), matching_key=key)
    assert refused.value.messages == ["Chỉ được chọn tối đa 2 ứng viên; phiếu đã chọn 3."]
    written.refresh_from_db()
    assert (written.state, written.failed_matches) == ("entered", 0)
    assert not ActivityLogEntry.objects.filter(action="ballot.written_vote_mismatch").exists()


def test_the_person_who_entered_cannot_confirm(council, ballot):
    written = services.enter_written_vote(
        ballot, delegate=_absent(council), choices=_picks(ballot, 0), actor=council.board
    )
    with pytest.raises(PermissionDenied, match=r"^Người xác nhận phải khác người đã nhập\.$"):
        services.confirm_written_vote(
            written, actor=council.board, choices=_picks(ballot, 0), matching_key=written.matching_key
        )
    written.refresh_from_db()
    assert (written.state, written.failed_matches, written.confirmed_by) == ("entered", 0, None)
    assert not CastBallot.objects.filter(ballot=ballot, filled=True).exists()


def test_rejecting_needs_a_reason_erases_the_digest_and_frees_the_member(council, ballot):
    absent = _absent(council, 4)
    written = services.enter_written_vote(ballot, delegate=absent, choices=[], actor=council.board)
    with pytest.raises(ValidationError) as refused:
        services.reject_written_vote(written, actor=council.board, reason=" ")
    assert refused.value.messages == ["Hãy ghi lý do trả lại."]
    services.reject_written_vote(written, actor=council.board, reason="Nhập nhầm người")
    written.refresh_from_db()
    assert (written.state, written.digest, written.salt, written.reject_reason) == (
        "rejected",
        "",
        "",
        "Nhập nhầm người",
    )
    assert services.enter_written_vote(ballot, delegate=absent, choices=[], actor=council.board).state == "entered"


def test_matching_key_has_80_bits_and_its_check_character_catches_any_one_typo():
    key = matching.new_key()
    assert (len(key), key.count("-")) == (21, 4)
    body = matching.parse(key)
    assert (len(body), len(matching.ALPHABET) ** len(body)) == (16, 2**80)
    assert set(body) <= set(matching.ALPHABET)
    raw = key.replace("-", "")
    for position, wrong in itertools.product(range(len(raw)), matching.ALPHABET):
        if wrong != raw[position]:
            with pytest.raises(matching.MatchingKeyError):
                matching.parse(raw[:position] + wrong + raw[position + 1 :])
    assert matching.parse(key.lower().replace("O", "0")) == body  # look-alikes are read as base32
    assert len({matching.new_key() for _ in range(50)}) == 50


# pages -----------------------------------------------------------------------------------------------------------
def test_pages_enter_show_the_key_once_and_confirm_blind(council, ballot, second, login):
    absent = _absent(council)
    url = reverse("voting:written_vote", args=[ballot.pk])
    chosen = _picks(ballot, 2)
    entered = login(council.board).post(url, {"delegate": absent.pk, "choices": [chosen[0].pk]})
    assert (entered.status_code, entered["Cache-Control"]) == (200, "no-store")
    written = WrittenVote.objects.get(ballot=ballot, voter__delegate=absent)
    page = entered.content.decode()
    key = page.split('class="code matching-key-text">', 1)[1].split("<", 1)[0]
    assert matching.parse(key)
    assert login(council.board).get(url).content.decode().count(key) == 0  # shown once
    confirmer = login(second)
    listing = confirmer.get(url).content.decode()
    assert "Nhập lại và xác nhận" in listing
    assert "checked" not in listing.split("Chờ nhập lại", 1)[1]  # blind: nothing of the first entry is ticked
    decide = reverse("voting:written_vote_decide", args=[written.pk, "xac-nhan"])
    wrong = confirmer.post(decide, {f"w{written.pk}-choices": [], f"w{written.pk}-matching_key": key}, follow=True)
    assert MISMATCH.format(n=4) in wrong.content.decode()
    assert "Đã nhập lại sai 1/5 lần." in wrong.content.decode()
    right = confirmer.post(
        decide, {f"w{written.pk}-choices": [chosen[0].pk], f"w{written.pk}-matching_key": key}, follow=True
    )
    receipt = CastBallot.objects.get(ballot=ballot, filled=True).receipt
    assert f"Hai lần nhập khớp nhau: phiếu đã được bỏ. Mã biên nhận: {receipt}" in right.content.decode()


# the upgrade ------------------------------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_the_migration_cancels_a_plain_pending_entry_and_says_it_must_be_entered_again(council, ballot):
    """A written vote pending in plain text when 0004 runs cannot get a matching key: it is cancelled and logged."""
    written = services.enter_written_vote(ballot, delegate=_absent(council), choices=[], actor=council.board)
    before, after = [("voting", "0003_sealed_ballots")], [("voting", "0004_written_votes_matching_key")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    chosen = [c.pk for c in _picks(ballot, 1)]
    old.get_model("voting", "WrittenVote").objects.filter(pk=written.pk).update(pending_choices=chosen)
    executor.loader.build_graph()
    executor.migrate(after)
    written.refresh_from_db()
    assert (written.state, written.digest, written.failed_matches) == ("rejected", "", 0)
    assert written.reject_reason == (
        "Hủy khi nâng cấp: phiếu bằng văn bản chưa xác nhận phải được nhập lại từ đầu (có mã đối chiếu)."
    )
    assert _actions(written) == ["ballot.written_vote_entered", "ballot.written_vote_cancelled"]
    assert "pending_choices" not in [f.name for f in connection.introspection.get_table_description(
        connection.cursor(), "voting_writtenvote"
    )]  # fmt: skip
    again = services.enter_written_vote(ballot, delegate=_absent(council), choices=chosen, actor=council.board)
    assert again.state == "entered"
