"""The council's 90% rule governs only the titles the law names (law-check V-1, V-2); other forms have their own."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.voting.factories import COUNCIL_RULES, RuleSetFactory
from thidua.awards.catalogue import ensure_catalogue
from thidua.awards.enums import RuleSetKind
from thidua.awards.models import AwardForm
from thidua.voting import selectors, services
from thidua.voting.parameters import parse_voting_rules

NAMED = ["chien-si-thi-dua-tinh", "chien-si-thi-dua-toan-quoc"]


@pytest.fixture
def scoped(council):
    """The council's rule set names the CSTĐ titles; a second set, naming none, governs the rest at > 50%."""
    ensure_catalogue()
    council.rule_set.parameters = {**COUNCIL_RULES, "award_forms": NAMED}
    council.rule_set.save()
    general = RuleSetFactory(
        kind=RuleSetKind.COUNCIL_VOTING,
        parameters={**COUNCIL_RULES, "threshold_percent": 50, "comparison": "more_than"},
        valid_from=datetime.date(2025, 7, 1),
    )
    council.general = general
    return council


def test_the_scope_is_part_of_the_schema():
    rules = parse_voting_rules({**COUNCIL_RULES, "award_forms": [" chien-si-thi-dua-tinh ", "chien-si-thi-dua-tinh"]})
    assert rules.award_forms == ("chien-si-thi-dua-tinh",)
    assert parse_voting_rules(COUNCIL_RULES).award_forms == ()
    with pytest.raises(ValidationError, match="award_forms"):
        parse_voting_rules({**COUNCIL_RULES, "award_forms": "chien-si-thi-dua-tinh"})


def test_each_form_is_governed_by_its_own_rule(scoped):
    meeting = scoped.meeting
    assert selectors.governing_rule_set(meeting, ["chien-si-thi-dua-tinh"]) == scoped.rule_set
    assert selectors.governing_rule_set(meeting, NAMED) == scoped.rule_set
    assert selectors.governing_rule_set(meeting, ["co-thi-dua-tinh"]) == scoped.general
    assert selectors.governing_rule_set(meeting, []) == scoped.general


def test_forms_under_different_rules_are_refused_together(scoped):
    with pytest.raises(ValidationError, match="theo những quy định khác nhau") as refused:
        selectors.governing_rule_set(scoped.meeting, ["co-thi-dua-tinh", "chien-si-thi-dua-tinh"])
    assert scoped.rule_set.name in refused.value.messages[0]
    assert scoped.general.name in refused.value.messages[0]


def test_a_flag_ballot_takes_the_flags_rule_and_refuses_the_90_percent_rule(scoped):
    flag = AwardForm.objects.get(code="co-thi-dua-tinh")
    ballot = services.create_ballot(
        scoped.meeting, question="Cờ thi đua", candidates=["Đơn vị A"], award_form=flag, actor=scoped.board
    )
    assert ballot.rule_set == scoped.general
    with pytest.raises(ValidationError, match="không áp dụng cho Cờ thi đua cấp tỉnh"):
        services.create_ballot(
            scoped.meeting,
            question="Cờ thi đua",
            candidates=["Đơn vị B"],
            award_form=flag,
            rule_set=scoped.rule_set,
            actor=scoped.board,
        )
    assert scoped.meeting.ballots.count() == 1
    title = AwardForm.objects.get(code="chien-si-thi-dua-tinh")
    ballot = services.create_ballot(
        scoped.meeting, question="Chiến sĩ thi đua", candidates=["Ông C"], award_form=title, actor=scoped.board
    )
    assert ballot.rule_set == scoped.rule_set
