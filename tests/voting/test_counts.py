import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import board_shares
from tests.voting.factories import CLUSTER_RULES
from tests.voting.helpers import make_ballot
from thidua.voting import selectors, services
from thidua.voting.enums import CountState, VotingMode


@pytest.fixture
def paper(conference):
    ballot = make_ballot(conference, mode=VotingMode.PAPER, candidates=conference.units[:4], max_choices=2)
    services.open_ballot(ballot, actor=conference.secretary)
    return ballot


def _counts(ballot, *votes):
    return dict(zip(ballot.candidates.order_by("position"), votes, strict=False))


def test_paper_count_counts_after_a_second_person_confirms(conference, paper, second_manager):
    count = services.enter_paper_count(
        paper, issued=8, returned=8, valid=7, invalid=1, counts=_counts(paper, 6, 5, 2, 1), actor=conference.secretary
    )
    with pytest.raises(ValidationError):
        services.close_ballot(paper, actor=conference.secretary, shares=board_shares(paper))
    with pytest.raises(PermissionDenied) as refused:
        services.confirm_paper_count(count, actor=conference.secretary)
    assert str(refused.value) == "Người xác nhận phải khác người đã nhập số liệu."
    services.confirm_paper_count(count, actor=second_manager)
    assert count.state == CountState.CONFIRMED
    services.close_ballot(paper, actor=conference.secretary, shares=board_shares(paper))
    result = selectors.ballot_result(paper)
    assert (result.issued, result.returned, result.valid, result.invalid) == (8, 8, 7, 1)
    assert [(r.name, r.votes, str(r.percent), r.passed) for r in result.rows] == [
        (conference.units[0].full_name, 6, "75.00", True),
        (conference.units[1].full_name, 5, "62.50", True),
        (conference.units[2].full_name, 2, "25.00", False),
        (conference.units[3].full_name, 1, "12.50", False),
    ]


@pytest.mark.parametrize(
    ("figures", "votes", "message"),
    [
        (
            {"issued": 8, "returned": 9, "valid": 9, "invalid": 0},
            (1,),
            "Số phiếu thu về không được lớn hơn số phiếu phát ra.",
        ),
        (
            {"issued": 9, "returned": 9, "valid": 9, "invalid": 0},
            (1,),
            "Số phiếu phát ra (9) lớn hơn số thành viên trong danh sách (8).",
        ),
        (
            {"issued": 8, "returned": 8, "valid": 6, "invalid": 1},
            (1,),
            "Số phiếu hợp lệ (6) cộng không hợp lệ (1) phải bằng số phiếu thu về (8).",
        ),
        ({"issued": 8, "returned": 8, "valid": 8, "invalid": 0}, (9,), None),
        ({"issued": 8, "returned": 8, "valid": 8, "invalid": 0}, (8, 8, 1), None),
        ({"issued": 8, "returned": 8, "valid": 8, "invalid": 0}, (-1,), "Số phiếu không được âm."),
    ],
)  # fmt: skip
def test_inconsistent_counts_are_refused(conference, paper, figures, votes, message):
    with pytest.raises(ValidationError) as refused:
        services.enter_paper_count(paper, counts=_counts(paper, *votes), actor=conference.secretary, **figures)
    if message:
        assert refused.value.messages == [message]
    assert paper.paper_counts.count() == 0


def test_too_many_votes_for_one_candidate_is_named(conference, paper):
    with pytest.raises(ValidationError) as refused:
        services.enter_paper_count(
            paper, issued=8, returned=8, valid=8, invalid=0, counts=_counts(paper, 9), actor=conference.secretary
        )
    assert refused.value.messages == [f"{conference.units[0].full_name} có 9 phiếu, nhiều hơn số phiếu hợp lệ (8)."]


def test_a_second_entry_waits_for_the_first_to_be_rejected(conference, paper):
    figures = {"issued": 8, "returned": 8, "valid": 8, "invalid": 0}
    count = services.enter_paper_count(paper, counts=_counts(paper, 5), actor=conference.secretary, **figures)
    with pytest.raises(ValidationError):
        services.enter_paper_count(paper, counts=_counts(paper, 6), actor=conference.secretary, **figures)
    with pytest.raises(ValidationError):
        services.reject_paper_count(count, actor=conference.secretary, reason="")
    services.reject_paper_count(count, actor=conference.secretary, reason="Cộng sai")
    again = services.enter_paper_count(paper, counts=_counts(paper, 6), actor=conference.secretary, **figures)
    assert (count.state, count.reject_reason, again.state) == ("rejected", "Cộng sai", "entered")


def test_counts_only_for_hand_counted_open_ballots(conference):
    electronic = make_ballot(conference)
    services.open_ballot(electronic, actor=conference.secretary)
    with pytest.raises(ValidationError):
        services.enter_paper_count(electronic, valid=1, counts={}, actor=conference.secretary, issued=1, returned=1)
    draft = make_ballot(conference, mode=VotingMode.PAPER)
    with pytest.raises(ValidationError):
        services.enter_paper_count(draft, valid=1, counts={}, actor=conference.secretary, issued=1, returned=1)


def test_show_of_hands_is_recorded_as_counts(conference, second_manager):
    conference.rule_set.parameters = {**CLUSTER_RULES, "secret": False}
    conference.rule_set.save()
    ballot = make_ballot(
        conference, mode=VotingMode.ACCLAMATION, candidates=conference.units[6:7], max_choices=1,
        purpose="deputy", question="Bầu Phó Trưởng cụm",
    )  # fmt: skip
    services.open_ballot(ballot, actor=conference.secretary)
    with pytest.raises(ValidationError):
        services.enter_paper_count(ballot, valid=8, invalid=1, counts={}, actor=conference.secretary)
    count = services.enter_paper_count(ballot, valid=8, counts=_counts(ballot, 8), actor=conference.secretary)
    assert (count.issued, count.returned, count.valid, count.invalid) == (8, 8, 8, 0)
    services.confirm_paper_count(count, actor=second_manager)
    services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    result = selectors.ballot_result(ballot)
    assert [(r.votes, str(r.percent), r.passed) for r in result.rows] == [(8, "100.00", True)]


def test_only_managers_enter_counts(conference, paper):
    with pytest.raises(PermissionDenied):
        services.enter_paper_count(
            paper, issued=1, returned=1, valid=1, invalid=0, counts={}, actor=conference.heads[0]
        )
