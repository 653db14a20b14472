from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from tests.voting.factories import CLUSTER_RULES
from thidua.voting.parameters import parse_voting_rules


def test_parses_the_cluster_rules():
    rules = parse_voting_rules(CLUSTER_RULES)
    assert (rules.threshold, rules.quorum, rules.comparison, rules.denominator) == (
        Fraction(1, 2),
        Fraction(1, 2),
        "more_than",
        "all_members",
    )
    assert (rules.quota, rules.tie_rule, rules.secret, rules.written_votes_allowed) == (3, "runoff", True, False)
    assert rules.threshold_percent == Decimal("50.00")


def test_a_fraction_threshold_is_exact():
    rules = parse_voting_rules({**CLUSTER_RULES, "threshold_percent": "2/3", "comparison": "at_least"})
    assert rules.threshold == Fraction(2, 3)
    assert rules.meets_threshold(6, 9) is True
    assert rules.meets_threshold(5, 9) is False
    assert rules.threshold_percent == Decimal("66.67")


@pytest.mark.parametrize(
    ("comparison", "expected"),
    [("at_least", True), ("more_than", False)],
)
def test_exactly_at_the_threshold_follows_the_wording(comparison, expected):
    rules = parse_voting_rules({**CLUSTER_RULES, "comparison": comparison})
    assert rules.meets_threshold(4, 8) is expected
    assert rules.meets_threshold(5, 8) is True
    assert rules.meets_threshold(3, 8) is False


def test_quorum_is_at_least():
    rules = parse_voting_rules({**CLUSTER_RULES, "quorum_percent": 75})
    assert rules.quorum_met(6, 8) is True
    assert rules.quorum_met(5, 8) is False
    assert rules.quorum_met(0, 0) is False


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"comparison": "about"}, "Tham số comparison"),
        ({"denominator": "voters"}, "Tham số denominator"),
        ({"quota": 0}, "Tham số quota"),
        ({"tie_rule": "coin"}, "Tham số tie_rule"),
        ({"threshold_percent": "abc"}, "Tham số threshold_percent"),
        ({"threshold_percent": 0}, "Tham số threshold_percent"),
        ({"threshold_percent": 120}, "Tham số threshold_percent"),
        ({"quorum_percent": 101}, "Tham số quorum_percent"),
        ({"colour": "red"}, "Tham số “colour” không thuộc bộ quy định bỏ phiếu."),
    ],
)
def test_bad_parameters_are_refused_in_vietnamese(change, message):
    with pytest.raises(ValidationError) as refused:
        parse_voting_rules({**CLUSTER_RULES, **change})
    assert any(m.startswith(message) for m in refused.value.messages)


def test_missing_parameter_is_named():
    params = dict(CLUSTER_RULES)
    del params["tie_rule"]
    with pytest.raises(ValidationError) as refused:
        parse_voting_rules(params)
    assert refused.value.messages == [
        "Thiếu tham số tie_rule (“runoff”: bỏ phiếu lại; “chair_decides”: chủ trì quyết định)."
    ]


def test_not_an_object_is_refused():
    with pytest.raises(ValidationError):
        parse_voting_rules([1, 2])
