"""The kinds' parameter schemas (awards.kinds) and the modules that read each kind's parameters agree: what the
create and revision pages accept, a ballot and the deadline reminders can use, and the other way round."""

import pytest
from django.core.exceptions import ValidationError

from thidua.awards.enums import RuleSetKind
from thidua.awards.kinds import CENTRAL_COMPONENTS, SCHEMAS, shown_parameters, validate_kind_parameters
from thidua.core.kernel import Refusal
from thidua.proposals.deadlines import PARAMETERS as DEADLINE_PARAMETERS
from thidua.voting.parameters import FIELD_LABELS, parse_voting_rules

VOTING = (RuleSetKind.CLUSTER_VOTING, RuleSetKind.COUNCIL_VOTING)
GOOD = {
    "quorum_percent": "2/3",
    "threshold_percent": 66.67,
    "comparison": "at_least",
    "denominator": "present",
    "quota": None,
    "tie_rule": "chair_decides",
    "secret": False,
    "written_votes_allowed": True,
}


def test_every_kind_has_a_schema():
    assert set(SCHEMAS) == set(RuleSetKind.values)


@pytest.mark.parametrize("kind", VOTING)
def test_voting_schemas_name_what_the_ballot_reads(kind):
    assert {p.name for p in SCHEMAS[kind].params} == set(FIELD_LABELS)
    rules = parse_voting_rules(validate_kind_parameters(kind, GOOD))
    assert (str(rules.quorum_percent), str(rules.threshold_percent), rules.quota, rules.tie_rule) == (
        "66.67",
        "66.67",
        None,
        "chair_decides",
    )


@pytest.mark.parametrize(
    "change", [{"threshold_percent": 0}, {"threshold_percent": 101}, {"quota": 0}, {"comparison": "equal"}]
)
def test_what_the_schema_refuses_the_ballot_refuses_too(change):
    with pytest.raises(Refusal):
        validate_kind_parameters(RuleSetKind.CLUSTER_VOTING, {**GOOD, **change})
    with pytest.raises(ValidationError):
        parse_voting_rules({**GOOD, **change})


def test_the_deadline_schema_names_what_the_reminders_read():
    names = {p.name for p in SCHEMAS[RuleSetKind.PROPOSAL_DEADLINES].params}
    assert names == {*DEADLINE_PARAMETERS, "working_days"}
    assert validate_kind_parameters(
        RuleSetKind.PROPOSAL_DEADLINES,
        {"check_days": "20", "decision_days": 10, "resubmit_days": 10, "working_days": True},
    ) == {"check_days": 20, "decision_days": 10, "resubmit_days": 10, "working_days": True}


def test_kinds_holding_conditions_take_no_parameters_of_their_own():
    assert validate_kind_parameters(RuleSetKind.COMMENDATION, {}) == {}
    with pytest.raises(Refusal, match="“percent” không dùng cho loại quy định"):
        validate_kind_parameters(RuleSetKind.QUOTA, {"percent": 10})


def test_parameters_are_shown_with_labels_and_units():
    shown = shown_parameters(RuleSetKind.CLUSTER_VOTING, validate_kind_parameters(RuleSetKind.CLUSTER_VOTING, GOOD))
    assert [(p.label, p.text, p.unit) for p in shown] == [
        ("Tỷ lệ thành viên có mặt tối thiểu", "2/3 (66,67%)", "%"),
        ("Tỷ lệ phiếu đồng ý cần đạt", "66,67%", "%"),
        ("Cách so với tỷ lệ", "từ tỷ lệ trở lên", ""),
        ("Tỷ lệ tính trên", "số thành viên có mặt", ""),
        ("Số lượng tối đa được chọn", "không giới hạn", "đơn vị, người"),
        ("Khi bằng phiếu ở vị trí cuối", "người chủ trì quyết định", ""),
        ("Bắt buộc bỏ phiếu kín", "không", ""),
        ("Cho phép thành viên vắng mặt gửi phiếu bằng văn bản", "có", ""),
        ("Số thành viên ban kiểm phiếu giữ phần khóa", "3 người (mặc định)", "người"),
        ("Số phần khóa cần để kiểm phiếu", "2 người (mặc định)", "người"),
        ("Áp dụng cho danh hiệu, hình thức", "mọi danh hiệu, hình thức không có quy định riêng", ""),
    ]
    days = shown_parameters(RuleSetKind.PROPOSAL_DEADLINES, {"check_days": 20})
    assert (days[0].text, days[0].unit) == ("20 ngày", "ngày")


def test_a_blank_counting_board_is_left_to_the_ballots_default_and_a_set_one_is_kept():
    blank = validate_kind_parameters(RuleSetKind.CLUSTER_VOTING, GOOD)
    assert {"key_holders", "key_threshold"}.isdisjoint(blank)
    assert (parse_voting_rules(blank).key_holders, parse_voting_rules(blank).key_threshold) == (3, 2)
    chosen = validate_kind_parameters(RuleSetKind.CLUSTER_VOTING, {**GOOD, "key_holders": 5, "key_threshold": 3})
    assert (parse_voting_rules(chosen).key_holders, parse_voting_rules(chosen).key_threshold) == (5, 3)
    with pytest.raises(Refusal):
        validate_kind_parameters(RuleSetKind.CLUSTER_VOTING, {**GOOD, "key_holders": 10})


def test_the_central_dossier_schema_names_what_forwarding_reads():
    names = {p.name for p in SCHEMAS[RuleSetKind.CENTRAL_DOSSIER].params}
    assert names == {"notice_days", "notice_working_days", "notice_forms", *(p.name for p in CENTRAL_COMPONENTS)}
    assert validate_kind_parameters(
        RuleSetKind.CENTRAL_DOSSIER, {"notice_days": "10", "notice_working_days": True}
    ) == {
        "notice_days": 10,
        "notice_working_days": True,
        "notice_forms": [],
        **{p.name: [] for p in CENTRAL_COMPONENTS},
    }
    shown = {row.name: row.text for row in shown_parameters(RuleSetKind.CENTRAL_DOSSIER, {"paper_extract": []})}
    assert (shown["paper_extract"], shown["notice_forms"]) == (
        "không danh hiệu, hình thức nào",
        "mọi danh hiệu, hình thức cấp Nhà nước, Chính phủ",
    )
