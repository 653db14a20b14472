"""The demo: the 2023 flags of Lệ Thủy, Quảng Ninh and Đồng Hới from the conference to the honour board."""

import datetime

import pytest
from django.core.management import call_command

from thidua.awards.models import AwardRecord
from thidua.awards.selectors import honour_board_awards
from thidua.core.models import Notification
from thidua.organizations.demo import SEED_CLUSTER_NAME
from thidua.proposals import demo
from thidua.proposals.enums import ProposalState, ProposerKind, Verdict
from thidua.proposals.models import Proposal
from thidua.registers.models import Entry
from thidua.voting import selectors as voting_selectors

FLAGS = ["qb-lethuy", "qb-quangninh", "qb-donghoi"]


@pytest.fixture
def seeded(db):
    call_command("seed_demo", verbosity=0)


def test_the_flags_go_from_the_conference_to_the_register(seeded):
    proposal = Proposal.objects.get(proposer_kind=ProposerKind.CLUSTER)
    assert (proposal.state, proposal.is_invented, proposal.submission_number) == (
        ProposalState.AWARDED,
        True,
        "3/TTr-CTĐ",
    )
    # Every paper of the demo year is numbered through its body's register: no number twice (issue 16).
    numbers = [(e.register.name, e.full_number, e.paper_code) for e in Entry.objects.select_related("register")]
    assert sorted(numbers) == [
        ("Ban Thi đua - Khen thưởng tỉnh Quảng Bình", "1/BB-BTĐKT", "voting.minutes"),
        (SEED_CLUSTER_NAME, "1/BB-CTĐ", "voting.minutes"),
        (SEED_CLUSTER_NAME, "2/TTr-CTĐ", "voting.submission"),
        (SEED_CLUSTER_NAME, "3/TTr-CTĐ", "proposals.submission"),
        ("Ủy ban nhân dân huyện Lệ Thủy", "1/TTr-UBND", "proposals.submission"),
    ]
    assert len(set(Entry.objects.values_list("register_id", "number"))) == len(numbers)
    items = list(proposal.items.order_by("position").select_related("unit", "award_record"))
    assert [i.unit.code for i in items] == FLAGS
    assert [i.conference_votes for i in items] == [8, 7, 6]
    assert {i.verdict for i in items} == {Verdict.ACCEPTED}
    assert [(i.council_votes, i.council_passed) for i in items] == [(3, True)] * 3
    records = [i.award_record for i in items]
    assert [(r.award_form.code, r.year, r.decision_number, r.decision_date, r.is_invented) for r in records] == [
        ("co-thi-dua-tinh", 2023, demo.DECISION_NUMBER, datetime.date(2024, 1, 30), True)
    ] * 3
    assert {r.pk for r in honour_board_awards(year=2023)} == {r.pk for r in records}
    decision = proposal.decision
    assert (decision.number, decision.is_invented) == (demo.DECISION_NUMBER, True)


def test_the_council_voted_under_a_rule_set_in_force_in_2024_with_a_written_vote(seeded):
    proposal = Proposal.objects.get(proposer_kind=ProposerKind.CLUSTER)
    ballot = proposal.council_ballot
    result = voting_selectors.ballot_result(ballot)
    # The flag is voted under its own rule, not the 90% rule that names only CSTĐ and the Hero titles (V-2).
    assert (ballot.meeting.held_on, ballot.rule_set.code, ballot.rule_set.parameters["threshold_percent"]) == (
        datetime.date(2024, 1, 25),
        demo.COUNCIL_GENERAL_BEFORE_2025["code"],
        50,
    )
    assert "co-thi-dua-tinh" not in demo.COUNCIL_RULES_BEFORE_2025["parameters"]["award_forms"]
    assert (result.member_count, result.present_count, result.base, result.returned) == (3, 2, 3, 3)
    assert set(ballot.meeting.delegates.values_list("user__username", flat=True)) == {
        "hoidong1",
        "hoidong2",
        "hoidong3",
    }
    assert ballot.written_votes.get().confirmed_by.username == "admin"
    assert ballot.meeting.is_invented


def test_the_history_is_dated_in_early_2024_and_leaves_no_stale_notices(seeded):
    proposal = Proposal.objects.get(proposer_kind=ProposerKind.CLUSTER)
    from thidua.proposals.selectors import history_of

    days = [entry.created_at.date() for entry in history_of(proposal)]
    assert (min(days), max(days)) == (datetime.date(2024, 1, 15), datetime.date(2024, 1, 30))
    assert not Notification.objects.filter(title__contains="Cờ thi đua cấp tỉnh năm 2023").exists()


def test_lethuy_proposal_waits_for_the_boards_check(seeded):
    waiting = Proposal.objects.get(proposer_kind=ProposerKind.UNIT)
    assert (waiting.state, waiting.unit.code, waiting.items.count(), waiting.attachments.count()) == (
        ProposalState.SENT,
        "qb-lethuy",
        2,
        1,
    )


def test_loading_again_changes_nothing(seeded):
    before = (Proposal.objects.count(), AwardRecord.objects.count())
    assert demo.load() == ""
    assert (Proposal.objects.count(), AwardRecord.objects.count()) == before
