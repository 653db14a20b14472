import threading
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, models

from tests.factories import board_shares
from tests.voting.helpers import make_ballot, vote
from thidua.core.models import ActivityLogEntry
from thidua.voting import selectors, services
from thidua.voting.enums import SlipKind, VotingMode
from thidua.voting.exceptions import AlreadyVoted, BallotNotOpen, InvalidCode, NotOnRoll, VotingRefused
from thidua.voting.models import CastBallot, Voter, VotingCode
from thidua.voting.services.casting import hash_code


@pytest.fixture
def open_ballot(conference):
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    return ballot


def _candidates(ballot):
    return list(ballot.candidates.order_by("position"))


def test_code_votes_once_and_gets_a_receipt(conference, open_ballot):
    codes = services.issue_codes(open_ballot, actor=conference.secretary)
    assert len(codes) == 8
    assert len({c.code for c in codes}) == 8
    first = _candidates(open_ballot)[:2]
    receipt = services.cast_ballot(codes[0].code, first)
    assert len(receipt) == 9
    assert receipt[4] == "-"
    stored = CastBallot.objects.filter(filled=True).get(ballot=open_ballot)
    assert (stored.receipt, stored.choices) == (receipt, [])  # sealed: nothing readable until closing
    services.close_ballot(open_ballot, actor=conference.secretary, shares=board_shares(open_ballot))
    assert CastBallot.objects.get(ballot=open_ballot).choices == sorted(c.pk for c in first)
    with pytest.raises(BallotNotOpen):
        services.cast_ballot(codes[0].code, first)


def test_a_code_votes_only_once(conference, open_ballot):
    codes = services.issue_codes(open_ballot, actor=conference.secretary)
    services.cast_ballot(codes[0].code, [])
    with pytest.raises(AlreadyVoted) as refused:
        services.cast_ballot(codes[0].code, [])
    assert refused.value.messages == [
        "Mã này đã được dùng để bỏ phiếu. Mỗi đại biểu chỉ bỏ một phiếu; phiếu trước đó đã được ghi nhận."
    ]
    assert CastBallot.objects.filter(filled=True).count() == 1


def test_code_is_forgiving_about_case_and_dashes(conference, open_ballot):
    code = services.issue_codes(open_ballot, actor=conference.secretary)[0].code
    receipt = services.cast_ballot(code.replace("-", "").lower(), [])
    assert CastBallot.objects.filter(filled=True).get().receipt == receipt


def test_codes_are_stored_only_as_keyed_hashes(conference, open_ballot):
    codes = services.issue_codes(open_ballot, actor=conference.secretary)
    stored = set(VotingCode.objects.values_list("code_hash", flat=True))
    assert stored == {hash_code(c.code) for c in codes}
    assert not {c.code for c in codes} & stored


def test_unnamed_slips_name_nobody_and_count_in_the_turnout(conference, open_ballot):
    codes = services.issue_codes(open_ballot, actor=conference.secretary)
    assert [c.delegate for c in codes] == [None] * 8
    assert set(VotingCode.objects.values_list("voter", flat=True)) == {None}
    assert open_ballot.slip_kind == SlipKind.UNNAMED
    services.cast_ballot(codes[0].code, [])
    assert not Voter.objects.filter(has_voted=True).exists()  # the roll does not learn who voted
    assert selectors.turnout(open_ballot)["voted"] == 1
    with pytest.raises(VotingRefused) as refused:  # a delegate who drew a slip cannot vote again signed in
        services.cast_ballot_for_user(open_ballot, conference.heads[0], [])
    assert refused.value.messages == [
        "Phiếu này bỏ bằng phiếu mã không ghi tên: hãy dùng mã trên phiếu bạn đã bốc khi điểm danh."
    ]
    assert len(services.issue_codes(open_ballot, actor=conference.secretary)) == 7


def test_named_slips_are_a_choice_fixed_at_the_first_printing(conference, open_ballot):
    codes = services.issue_codes(open_ballot, actor=conference.secretary, named=True)
    assert [c.delegate.full_name for c in codes][:2] == ["Đại biểu " + u.name for u in conference.units[:2]]
    services.cast_ballot(codes[0].code, [])
    assert list(Voter.objects.filter(has_voted=True).values_list("delegate__full_name", flat=True)) == [
        codes[0].delegate.full_name
    ]
    with pytest.raises(ValidationError) as refused:
        services.issue_codes(open_ballot, actor=conference.secretary, named=False)
    assert refused.value.messages == [
        "Phiếu này đã in loại “Phiếu mã ghi tên từng đại biểu”; không đổi loại phiếu mã được nữa."
    ]


def test_unknown_code_is_refused(open_ballot):
    with pytest.raises(InvalidCode):
        services.cast_ballot("AAAA-BBBB-CCCC", [])


def test_reissued_codes_replace_the_unused_ones(conference, open_ballot):
    old = services.issue_codes(open_ballot, actor=conference.secretary)
    services.cast_ballot(old[0].code, [])
    new = services.issue_codes(open_ballot, actor=conference.secretary)
    assert len(new) == 7  # the delegate who voted gets no new code
    with pytest.raises(InvalidCode):
        services.cast_ballot(old[1].code, [])
    services.cast_ballot(new[0].code, [])
    assert CastBallot.objects.filter(filled=True).count() == 2


@pytest.mark.parametrize(
    ("pick", "message"),
    [
        (lambda c: c[:4], "Chỉ được chọn tối đa 3 ứng viên; phiếu đã chọn 4."),
        (lambda c: [c[0], c[0]], "Mỗi ứng viên chỉ được chọn một lần."),
        (lambda _c: [999999], "Có lựa chọn không thuộc danh sách ứng viên của phiếu này."),
        (lambda _c: ["abc"], "Lựa chọn không hợp lệ."),
    ],
)
def test_bad_choices_change_nothing(conference, open_ballot, pick, message):
    code = services.issue_codes(open_ballot, actor=conference.secretary)[0].code
    with pytest.raises(ValidationError) as refused:
        services.cast_ballot(code, pick(_candidates(open_ballot)))
    assert refused.value.messages == [message]
    assert (CastBallot.objects.filter(filled=True).count(), Voter.objects.filter(has_voted=True).count()) == (0, 0)
    services.cast_ballot(code, [])  # the code still works


def test_absent_delegates_get_no_code(conference):
    conference.meeting.delegates.filter(unit=conference.units[0]).update(is_present=False)
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    assert len(services.issue_codes(ballot, actor=conference.secretary)) == 7
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    codes = services.issue_codes(ballot, actor=conference.secretary, named=True)
    assert len(codes) == 7
    assert conference.units[0] not in [c.delegate.unit for c in codes]


def test_codes_only_for_open_electronic_ballots(conference):
    ballot = make_ballot(conference, mode=VotingMode.PAPER)
    services.open_ballot(ballot, actor=conference.secretary)
    with pytest.raises(ValidationError):
        services.issue_codes(ballot, actor=conference.secretary)
    with pytest.raises(ValidationError):
        services.issue_codes(make_ballot(conference), actor=conference.secretary)


def test_logged_in_delegate_votes_without_a_code(conference, open_ballot):
    receipt = services.cast_ballot_for_user(open_ballot, conference.heads[3], _candidates(open_ballot)[:1])
    assert CastBallot.objects.filter(filled=True).get().receipt == receipt
    with pytest.raises(AlreadyVoted):
        services.cast_ballot_for_user(open_ballot, conference.heads[3], [])


def test_someone_off_the_roll_cannot_vote(conference, open_ballot):
    with pytest.raises(NotOnRoll):
        services.cast_ballot_for_user(open_ballot, conference.secretary, [])


def test_absent_delegate_cannot_vote_in_person(conference):
    conference.meeting.delegates.filter(user=conference.heads[0]).update(is_present=False)
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    with pytest.raises(NotOnRoll):
        services.cast_ballot_for_user(ballot, conference.heads[0], [])


def test_no_vote_after_closing(conference, open_ballot):
    code = services.issue_codes(open_ballot, actor=conference.secretary)[0].code
    services.close_ballot(open_ballot, actor=conference.secretary, shares=board_shares(open_ballot))
    with pytest.raises(BallotNotOpen):
        services.cast_ballot(code, [])


# secrecy ---------------------------------------------------------------------------------------------------------
def test_cast_ballot_table_holds_nothing_that_points_at_a_voter():
    fields = {f.name: f for f in CastBallot._meta.get_fields()}
    assert set(fields) == {"id", "ballot", "receipt", "choices", "sealed", "filled"}
    assert isinstance(fields["id"], models.UUIDField)
    assert fields["id"].default.__name__ == "uuid4"
    relations = {f.related_model for f in CastBallot._meta.get_fields() if f.is_relation}
    assert relations == {selectors.Ballot}
    assert not any(isinstance(f, (models.DateField, models.TimeField)) for f in fields.values())
    assert CastBallot._meta.ordering == ["id"]


def test_voter_table_holds_no_time_and_no_ballot_content():
    fields = {f.name: f for f in Voter._meta.get_fields()}
    assert set(fields) == {"id", "ballot", "delegate", "was_present", "has_voted", "written_votes", "codes"}
    assert not any(isinstance(f, (models.DateField, models.TimeField)) for f in fields.values())
    assert CastBallot not in {f.related_model for f in Voter._meta.get_fields() if f.is_relation}


def test_database_columns_have_no_link_between_voters_and_cast_ballots(db):
    with connection.cursor() as cursor:
        cast_columns = {c.name for c in connection.introspection.get_table_description(cursor, "voting_castballot")}
        voter_columns = {c.name for c in connection.introspection.get_table_description(cursor, "voting_voter")}
        cast_fks = connection.introspection.get_relations(cursor, "voting_castballot")
    assert cast_columns == {"id", "ballot_id", "receipt", "choices", "sealed", "filled"}
    assert voter_columns == {"id", "ballot_id", "delegate_id", "was_present", "has_voted"}
    assert {target for _column, (_pk, target) in cast_fks.items()} == {"voting_ballot"}


def test_closing_rewrites_cast_ballots_with_new_random_ids(conference, open_ballot):
    picks = [[0], [1], [2], [0, 1], [], [3], [4], [0]]
    receipts = vote(open_ballot, conference.secretary, picks)
    before = set(CastBallot.objects.values_list("id", flat=True))
    services.close_ballot(open_ballot, actor=conference.secretary, shares=board_shares(open_ballot))
    after = set(CastBallot.objects.values_list("id", flat=True))
    assert len(after) == 8
    assert not before & after
    ids = [c.pk for c in _candidates(open_ballot)]
    expected = Counter(tuple(sorted(ids[i] for i in pick)) for pick in picks)
    assert Counter(tuple(c) for c in CastBallot.objects.values_list("choices", flat=True)) == expected
    assert sorted(selectors.ballot_result(open_ballot).receipts) == sorted(receipts)


def test_casting_leaves_no_log_entry(conference, open_ballot):
    before = ActivityLogEntry.objects.count()
    receipts = vote(open_ballot, conference.secretary, [[0], [1]])
    entries = list(ActivityLogEntry.objects.order_by("id")[before:])
    assert [e.action for e in entries] == ["ballot.codes_issued"]
    assert not any(r in str(e.new_values) for r in receipts for e in entries)


# written votes (council) -----------------------------------------------------------------------------------------
@pytest.fixture
def council_ballot(council):
    council.meeting.delegates.filter(user__in=council.members[3:]).update(is_present=False)
    ballot = services.create_ballot(
        council.meeting, question="Tặng Cờ thi đua cấp tỉnh", candidates=["Huyện A", "Huyện B"], max_choices=2,
        actor=council.board,
    )  # fmt: skip
    services.open_ballot(ballot, actor=council.board)
    return ballot


def test_written_vote_only_from_absent_members(council, council_ballot):
    present = council.meeting.delegates.get(user=council.members[0])
    with pytest.raises(ValidationError) as refused:
        services.enter_written_vote(council_ballot, delegate=present, choices=[], actor=council.board)
    assert refused.value.messages == ["Chỉ thành viên vắng mặt mới gửi phiếu bằng văn bản."]


def test_written_votes_refused_when_the_rule_set_says_no(conference):
    conference.meeting.delegates.filter(unit=conference.units[0]).update(is_present=False)
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    absent = conference.meeting.delegates.get(unit=conference.units[0])
    with pytest.raises(ValidationError) as refused:
        services.enter_written_vote(ballot, delegate=absent, choices=[], actor=conference.secretary)
    assert refused.value.messages == ["Quy định bỏ phiếu của phiếu này không cho phép gửi phiếu bằng văn bản."]


def test_pending_written_vote_blocks_closing(council, council_ballot):
    absent = council.meeting.delegates.get(user=council.members[3])
    services.enter_written_vote(council_ballot, delegate=absent, choices=[], actor=council.board)
    with pytest.raises(ValidationError):
        services.close_ballot(council_ballot, actor=council.board, shares=board_shares(council_ballot))


# the same code fifty times at once ------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_posts_of_one_code_store_one_ballot(conference):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL; SQLite serialises writers itself")
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    code = services.issue_codes(ballot, actor=conference.secretary)[0].code
    choice = _candidates(ballot)[:1]
    start = threading.Barrier(50)
    outcomes = []

    def post():
        try:
            start.wait()
            outcomes.append(("ok", services.cast_ballot(code, choice)))
        except AlreadyVoted as refusal:
            outcomes.append(("refused", refusal.messages[0]))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(kind for kind, _ in outcomes) == {"ok": 1, "refused": 49}
    assert CastBallot.objects.filter(filled=True, ballot=ballot).count() == 1
    # An unnamed slip ties the code to no one on the roll: the code is spent, no roll row is marked.
    assert VotingCode.objects.filter(ballot=ballot, used=True).count() == 1
    assert Voter.objects.filter(ballot=ballot, has_voted=True).count() == 0
