"""A kind of rule set that ends with no successor: the board is warned ahead, and a year that needs one says so."""

import datetime

from django.test import Client
from django.urls import reverse

from tests.awards.helpers import condition, judge
from tests.factories import PersonFactory
from thidua.awards.coverage import coverage_end, rule_set_gaps
from thidua.awards.legal_bases import create_rule_set
from thidua.awards.prizes import PrizeTable

D = datetime.date
ND152_ENDS = (
    "Từ ngày 01/03/2027 không còn “Tiêu chuẩn, điều kiện khen thưởng” (toàn quốc) nào có hiệu lực (còn 89 ngày): "
    "cần nhập văn bản thay thế, nếu không hệ thống sẽ báo chưa có quy định thay vì xét."
)


def test_coverage_follows_consecutive_periods_and_stops_at_a_gap():
    periods = [(D(2017, 9, 15), D(2023, 12, 31)), (D(2024, 1, 1), D(2025, 6, 30)), (D(2025, 7, 1), D(2027, 2, 28))]
    assert coverage_end(periods, D(2020, 5, 1)) == D(2027, 2, 28)
    assert coverage_end([*periods, (D(2027, 3, 1), None)], D(2020, 5, 1)) is None
    assert coverage_end([*periods, (D(2027, 3, 2), None)], D(2020, 5, 1)) == D(2027, 2, 28)
    assert coverage_end(periods, D(2027, 3, 1)) == D(2027, 2, 28)  # nothing in force that day


def test_the_board_is_warned_ahead_of_nd152s_end(rules):
    gaps = rule_set_gaps(D(2026, 12, 1))
    assert [(g.kind, g.last_day, g.days_left) for g in gaps] == [
        ("commendation", D(2027, 2, 28), 89),
        ("prize_money", D(2027, 2, 28), 89),
    ]
    assert gaps[0].message == ND152_ENDS
    assert gaps[0].names[0] == "Luật Thi đua, khen thưởng số 06/2022/QH15 và Nghị định 152/2025/NĐ-CP"
    # More than the warning horizon ahead: nothing to say yet.
    assert rule_set_gaps(D(2026, 6, 1)) == []


def test_a_successor_set_ends_the_warning(rules):
    create_rule_set(
        {
            "code": "quoc-gia-2027-thu",
            "name": "Văn bản thay thế (thử)",
            "citation": "Nghị định thay thế (thử)",
            "valid_from": D(2027, 3, 1),
            "valid_to": None,
            "is_verified": False,
            "rules": list,
        }
    )
    assert [g.kind for g in rule_set_gaps(D(2026, 12, 1))] == ["prize_money"]


def test_a_year_after_the_end_says_there_is_no_rule_set(rules):
    result = judge(PersonFactory(), rules, "lao-dong-tien-tien", 2027)
    assert condition(result, "no_rule_set").explanation == (
        "Chưa có bộ quy định khen thưởng nào có hiệu lực ngày 31/12/2027."
    )
    assert result.status == "needs_check"
    prize = PrizeTable().prize(rules["lao-dong-tien-tien"], D(2027, 3, 5))
    assert (prize.amount, prize.problem) == (None, "Chưa có căn cứ tiền thưởng nào có hiệu lực ngày 05/03/2027.")


def test_page_panel_and_api_show_the_warning(world, login, settings):
    from unittest import mock

    board = login(world["board"])
    with mock.patch("django.utils.timezone.localdate", return_value=D(2026, 12, 1)):
        html = board.get(reverse("awards:rule_set_list")).content.decode()
        home = board.get("/").content.decode()
        body = board.get("/api/v1/awards/rule-set-gaps").json()
        officer_home = login(world["officer"]).get("/").content.decode()
    assert ND152_ENDS in html
    assert ND152_ENDS in home
    assert ND152_ENDS not in officer_home
    assert [(g["kind"], g["last_day"], g["days_left"]) for g in body] == [
        ("commendation", "2027-02-28", 89),
        ("prize_money", "2027-02-28", 89),
    ]
    assert Client().get("/api/v1/awards/rule-set-gaps").status_code == 401
