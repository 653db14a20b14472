from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from thidua.scoring.calculation import (
    CriteriaTree,
    Entry,
    Totals,
    aggregate,
    compute_totals,
    describe_rule,
    discrepancy,
    fmt,
    parse_decimal,
    points_for,
    rank_entries,
    table_problems,
)
from thidua.scoring.enums import CriterionKind as K
from thidua.scoring.enums import FinalScoreRule
from thidua.scoring.models import Criterion


def node(pk, code, kind, max_points=0, parent=None, target=None):
    return Criterion(
        pk=pk,
        code=code,
        kind=kind,
        max_points=Decimal(max_points),
        parent_id=parent,
        target=target,
        position=pk,
        title=code,
    )


def small_tree():
    return CriteriaTree(
        [
            node(1, "I", K.GROUP, 6),
            node(2, "1.1", K.POINTS, 4, 1),
            node(3, "1.2", K.YES_NO, 2, 1),
            node(4, "II", K.GROUP, 4),
            node(5, "2.1", K.PERCENT, 4, 4, target=Decimal(100)),
            node(6, "III", K.GROUP, 2),
            node(7, "3.1", K.BONUS, 2, 6),
            node(8, "3.2", K.BONUS, 1, 6),
            node(9, "IV", K.GROUP, 3),
            node(10, "4.1", K.PENALTY, 3, 9),
            node(11, "4.2", K.PENALTY, 3, 9),
            node(12, "V", K.GROUP, 0),
            node(13, "5.1", K.VETO, 0, 12),
        ]
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal(12), "12"), (Decimal("7.50"), "7,5"), (Decimal("0.25"), "0,25"), (Decimal(100), "100"), (None, "—")],
)
def test_fmt_writes_points_the_vietnamese_way(value, text):
    assert fmt(value) == text


@pytest.mark.parametrize(
    ("raw", "value"),
    [("7,5", Decimal("7.5")), ("7.5", Decimal("7.5")), (" 8 ", Decimal(8)), ("", None), (3, Decimal(3))],
)
def test_parse_decimal_accepts_both_separators(raw, value):
    assert parse_decimal(raw) == value


@pytest.mark.parametrize("raw", ["mười", "1,2,3", "nan", "inf"])
def test_parse_decimal_refuses_text_in_vietnamese(raw):
    with pytest.raises(ValidationError) as refusal:
        parse_decimal(raw)
    assert refusal.value.messages == [f"“{raw}” không phải là một số."]


def test_points_above_maximum_are_refused_with_the_criterion_named():
    criterion = node(1, "1.2", K.POINTS, 10)
    with pytest.raises(ValidationError) as refusal:
        points_for(criterion, Decimal(12))
    assert refusal.value.messages == ["Điểm 12 vượt mức tối đa 10 của tiêu chí 1.2"]


def test_points_at_maximum_and_zero_are_accepted():
    criterion = node(1, "1.2", K.POINTS, 10)
    assert (points_for(criterion, Decimal(10)), points_for(criterion, Decimal(0)), points_for(criterion, None)) == (
        Decimal(10),
        Decimal(0),
        None,
    )


def test_negative_and_three_decimals_are_refused():
    criterion = node(1, "1.1", K.POINTS, 10)
    with pytest.raises(ValidationError) as negative:
        points_for(criterion, Decimal(-1))
    with pytest.raises(ValidationError) as fine:
        points_for(criterion, Decimal("1.125"))
    assert negative.value.messages == ["Tiêu chí 1.1: giá trị không được âm."]
    assert fine.value.messages == ["Tiêu chí 1.1: chỉ ghi tối đa 2 chữ số thập phân."]


def test_yes_no_gives_maximum_or_nothing_and_refuses_other_values():
    criterion = node(1, "1.3", K.YES_NO, 5)
    assert (points_for(criterion, Decimal(1)), points_for(criterion, Decimal(0))) == (Decimal(5), Decimal(0))
    with pytest.raises(ValidationError) as refusal:
        points_for(criterion, Decimal(3))
    assert refusal.value.messages == ["Tiêu chí 1.3 chỉ nhận giá trị 1 (có) hoặc 0 (không), không nhận 3."]


def test_percentage_of_target_scales_to_points_and_caps_at_maximum():
    criterion = node(1, "2.1", K.PERCENT, 10, target=Decimal(100))
    assert points_for(criterion, Decimal("95.5")) == Decimal("9.55")
    assert points_for(criterion, Decimal(130)) == Decimal(10)
    per_target = node(2, "2.2", K.PERCENT, 4, target=Decimal("1.5"))
    assert points_for(per_target, Decimal("1.2")) == Decimal("3.20")


def test_bonus_and_penalty_over_their_maximum_say_which_kind():
    with pytest.raises(ValidationError) as bonus:
        points_for(node(1, "6.1", K.BONUS, 3), Decimal(4))
    with pytest.raises(ValidationError) as penalty:
        points_for(node(2, "7.1", K.PENALTY, 3), Decimal(5))
    assert bonus.value.messages == ["Điểm thưởng 4 vượt mức tối đa 3 của tiêu chí 6.1"]
    assert penalty.value.messages == ["Điểm trừ 5 vượt mức tối đa 3 của tiêu chí 7.1"]


def test_veto_is_yes_or_no_and_earns_no_points():
    assert points_for(node(1, "8.1", K.VETO), Decimal(1)) == Decimal(0)


def test_sound_table_has_no_problems():
    assert table_problems(Decimal(10), small_tree()) == []


def test_maxima_not_adding_up_to_the_total_is_a_problem():
    assert table_problems(Decimal(100), small_tree()) == [
        "Tổng điểm tối đa của các tiêu chí là 10, chưa bằng tổng điểm chuẩn của bảng (100)."
    ]


def test_group_maximum_must_equal_its_children():
    tree = CriteriaTree([node(1, "I", K.GROUP, 5), node(2, "1.1", K.POINTS, 4, 1)])
    assert table_problems(Decimal(5), tree) == ["Nhóm I có điểm tối đa 5, khác tổng điểm tối đa các tiêu chí con (4)."]


def test_mixed_group_empty_group_missing_target_and_zero_maximum_are_problems():
    tree = CriteriaTree(
        [
            node(1, "I", K.GROUP, 4),
            node(2, "1.1", K.POINTS, 4, 1),
            node(3, "1.2", K.BONUS, 1, 1),
            node(4, "II", K.GROUP, 0),
            node(5, "3.1", K.PERCENT, 2),
            node(6, "3.2", K.POINTS, 0),
            node(7, "IV", K.GROUP, 0),
            node(8, "4.1", K.PENALTY, 2, 7),
        ]
    )
    assert table_problems(Decimal(2), tree) == [
        "Nhóm I trộn lẫn nhiều loại (điểm chuẩn, điểm thưởng, điểm trừ, điểm liệt); hãy tách riêng.",
        "Nhóm II chưa có tiêu chí con.",
        "Tiêu chí 3.1 tính theo tỷ lệ nên cần chỉ tiêu lớn hơn 0.",
        "Tiêu chí 3.2 cần điểm tối đa lớn hơn 0.",
        "Nhóm IV cần mức trần (điểm tối đa) lớn hơn 0.",
    ]


def test_fourth_level_is_a_problem():
    tree = CriteriaTree(
        [
            node(1, "I", K.GROUP, 1),
            node(2, "1", K.GROUP, 1, 1),
            node(3, "1.1", K.GROUP, 1, 2),
            node(4, "1.1.1", K.POINTS, 1, 3),
        ]
    )
    assert table_problems(Decimal(1), tree) == ["Mục 1.1.1 nằm quá 3 cấp (nhóm, tiêu chí, tiêu chí con)."]


def test_totals_cap_bonus_and_penalty_groups_and_catch_the_veto():
    values = {
        2: (Decimal(4), Decimal(4)),
        3: (Decimal(1), Decimal(2)),
        5: (Decimal(50), Decimal(2)),
        7: (Decimal(2), Decimal(2)),
        8: (Decimal(1), Decimal(1)),  # bonus 3 against a cap of 2
        10: (Decimal(3), Decimal(3)),
        11: (Decimal(2), Decimal(2)),  # penalty 5 against a cap of 3
        13: (Decimal(1), Decimal(0)),
    }
    totals = compute_totals(small_tree(), values)
    assert (totals.regular, totals.bonus, totals.penalty, totals.total) == (
        Decimal(8),
        Decimal(2),
        Decimal(3),
        Decimal(7),
    )
    assert totals.group_scores == {"I": Decimal(6), "II": Decimal(2)}
    assert (totals.vetoes, totals.is_vetoed, totals.missing) == (["5.1"], True, 0)


def test_totals_count_missing_values():
    totals = compute_totals(small_tree(), {2: (Decimal(3), Decimal(3))})
    assert (totals.total, totals.missing, totals.is_vetoed) == (Decimal(3), 7, False)


@pytest.mark.parametrize(
    ("rule", "reviews", "expected"),
    [
        (FinalScoreRule.MEAN, [(True, Decimal(4)), (False, Decimal(5)), (False, Decimal("5.5"))], Decimal("4.83")),
        (FinalScoreRule.MEDIAN, [(True, Decimal(4)), (False, Decimal(5)), (False, Decimal("5.5"))], Decimal(5)),
        (FinalScoreRule.MEDIAN, [(True, Decimal(4)), (False, Decimal(5))], Decimal("4.5")),
        (FinalScoreRule.LEADER, [(False, Decimal(5)), (True, Decimal(3))], Decimal(3)),
        (
            FinalScoreRule.LEADER,
            [(False, Decimal(5)), (False, Decimal(4))],
            Decimal("4.5"),
        ),  # leader did not review: mean
        (FinalScoreRule.MEAN, [], None),
    ],
)
def test_aggregate_follows_the_years_rule(rule, reviews, expected):
    assert aggregate(rule, reviews) == expected


def test_discrepancy_between_reviewers_and_with_self_score():
    criterion = node(1, "1.1", K.POINTS, 10)
    assert (
        discrepancy(criterion, Decimal(9), [Decimal(6), Decimal(9)], Decimal("7.5"), Decimal(2))
        == "các thành viên thẩm định chấm lệch nhau 3"
    )
    assert discrepancy(criterion, Decimal(12), [Decimal(6), Decimal(9)], Decimal("7.5"), Decimal(2)) == (
        "các thành viên thẩm định chấm lệch nhau 3; lệch 4,5 so với điểm tự chấm"
    )
    assert (
        discrepancy(criterion, Decimal(10), [Decimal(7), Decimal(8)], Decimal("7.5"), Decimal(2))
        == "lệch 2,5 so với điểm tự chấm"
    )
    assert discrepancy(criterion, Decimal(9), [Decimal(8), Decimal(9)], Decimal("8.5"), Decimal(2)) == ""


def test_binary_criteria_flag_any_difference():
    criterion = node(1, "1.2", K.YES_NO, 2)
    assert (
        discrepancy(criterion, Decimal(1), [Decimal(1), Decimal(0)], Decimal(1), Decimal(5))
        == "các thành viên thẩm định đánh giá khác nhau"
    )
    assert discrepancy(criterion, Decimal(1), [Decimal(0)], Decimal(0), Decimal(5)) == "khác với kết quả tự chấm"


def entry(key, total, *, group_i=0, penalty=0, bonus=0, vetoes=()):
    totals = Totals(
        regular=Decimal(total) + Decimal(penalty) - Decimal(bonus), bonus=Decimal(bonus), penalty=Decimal(penalty)
    )
    totals.group_scores = {"I": Decimal(group_i)}
    totals.vetoes = list(vetoes)
    return Entry(key, f"Đơn vị {key}", totals)


def ranked(results):
    return [(e.key, rank) for e, rank, _note in results]


def test_ranking_orders_by_total():
    results = rank_entries([entry("A", 80), entry("B", 90), entry("C", 85)], [])
    assert ranked(results) == [("B", 1), ("C", 2), ("A", 3)]
    assert [note for _e, _r, note in results] == ["", "", ""]


def test_tie_broken_by_group_score_names_the_step_and_the_figures():
    results = rank_entries([entry("A", 90, group_i=30), entry("B", 90, group_i=32)], ["group:I", "penalty"])
    assert ranked(results) == [("B", 1), ("A", 2)]
    assert results[0][2] == (
        "Bằng 90 điểm với Đơn vị A; phân định theo: điểm nhóm I cao hơn (Đơn vị B 32; Đơn vị A 30)."
    )


def test_tie_falls_through_to_fewer_penalty_points():
    results = rank_entries(
        [entry("A", 90, group_i=30, penalty=2), entry("B", 90, group_i=30, penalty=1)], ["group:I", "penalty"]
    )
    assert ranked(results) == [("B", 1), ("A", 2)]
    assert results[1][2] == "Bằng 90 điểm với Đơn vị B; phân định theo: ít điểm trừ hơn (Đơn vị B 1; Đơn vị A 2)."


def test_unbroken_tie_shares_the_rank_and_the_next_rank_is_skipped():
    results = rank_entries([entry("A", 90), entry("B", 90), entry("C", 80)], ["penalty"])
    assert ranked(results) == [("A", 1), ("B", 1), ("C", 3)]
    assert results[0][2] == "Bằng 90 điểm với Đơn vị B; chưa phân định được, đồng hạng."


def test_tie_broken_by_the_secretariats_recorded_decision():
    decision = SimpleNamespace(unit_order=["B", "A"], reason="Biên bản họp Thư ký cụm ngày 05/01")
    results = rank_entries([entry("A", 90), entry("B", 90)], ["penalty", "decision"], [decision])
    assert ranked(results) == [("B", 1), ("A", 2)]
    assert results[0][2] == (
        "Bằng 90 điểm với Đơn vị A; phân định theo: theo quyết định đã ghi nhận của Thư ký cụm "
        "(Biên bản họp Thư ký cụm ngày 05/01)."
    )


def test_decision_not_covering_the_tied_group_is_ignored():
    decision = SimpleNamespace(unit_order=["B", "C"], reason="khác")
    results = rank_entries([entry("A", 90), entry("B", 90)], ["decision"], [decision])
    assert ranked(results) == [("A", 1), ("B", 1)]


def test_vetoed_unit_is_listed_after_candidates_whatever_its_score():
    results = rank_entries([entry("A", 99, vetoes=["8.1"]), entry("B", 80), entry("C", 85)], [])
    assert ranked(results) == [("C", 1), ("B", 2), ("A", 3)]
    assert results[2][2] == "Vi phạm điểm liệt (tiêu chí 8.1): không là ứng viên suy tôn."


def test_rule_is_described_in_words():
    assert describe_rule(["group:I", "penalty", "decision"]) == (
        "Khi bằng tổng điểm, lần lượt xét: 1) điểm nhóm I cao hơn; 2) ít điểm trừ hơn; "
        "3) theo quyết định đã ghi nhận của Thư ký cụm; nếu vẫn bằng nhau thì đồng hạng."
    )
    assert describe_rule([]) == "Khi bằng tổng điểm: các đơn vị đồng hạng (chưa cấu hình cách phân định)."
