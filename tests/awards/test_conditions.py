import pytest
from django.core.exceptions import ValidationError

from thidua.awards.conditions import describe_parameters, validate_parameters

FORMS = {"lao-dong-tien-tien", "chien-si-thi-dua-co-so"}


def test_valid_parameters_are_cleaned():
    cleaned = validate_parameters(
        "members_share_title",
        {"forms": ["lao-dong-tien-tien", "lao-dong-tien-tien"], "comparison": "gte", "percent": "70,0"},
        known_forms=FORMS,
    )
    assert cleaned == {"forms": ["lao-dong-tien-tien"], "comparison": "gte", "percent": 70}


def test_fractional_percent_is_kept():
    cleaned = validate_parameters(
        "members_share_title",
        {"forms": ["lao-dong-tien-tien"], "comparison": "gt", "percent": 66.666},
        known_forms=FORMS,
    )
    assert cleaned["percent"] == 66.67


@pytest.mark.parametrize(
    ("code", "params", "message"),
    [
        (
            "members_share_title",
            {"forms": ["lao-dong-tien-tien"], "comparison": "gte", "percent": 101},
            "Tham số “Tỷ lệ (%)” phải là một tỷ lệ từ 0 đến 100.",
        ),
        (
            "members_share_title",
            {"forms": ["lao-dong-tien-tien"], "comparison": "gte", "percent": "bảy mươi"},
            "Tham số “Tỷ lệ (%)” phải là một tỷ lệ từ 0 đến 100.",
        ),
        (
            "consecutive_titles",
            {"forms": ["lao-dong-tien-tien"], "years": 0},
            "Tham số “Số năm liên tục” phải là số nguyên từ 1 đến 30.",
        ),
        ("consecutive_titles", {"forms": ["khong-co"], "years": 3}, "Không có danh hiệu, hình thức mã “khong-co”"),
        ("consecutive_titles", {"years": 3}, "Thiếu tham số “Danh hiệu, hình thức (mã)”."),
        (
            "members_share_title",
            {"forms": ["lao-dong-tien-tien"], "comparison": "about", "percent": 70},
            "Tham số “So sánh” phải là một trong",
        ),
        (
            "task_rating_chain",
            {"min_rating": "excellent", "years": 2, "extra": 1},
            "Tham số không dùng cho loại điều kiện này: extra.",
        ),
        ("policy_predecessor_records", {"count": "yes"}, "chỉ nhận giá trị có hoặc không"),
        ("quota", {"basis": "count"}, "Cần ít nhất một trong hai tham số"),
        ("no_such_condition", {}, "Loại điều kiện “no_such_condition” không tồn tại."),
    ],
)
def test_bad_values_are_refused_in_vietnamese(code, params, message):
    with pytest.raises(ValidationError) as refused:
        validate_parameters(code, params, known_forms=FORMS)
    assert message in refused.value.messages[0]


def test_parameters_read_as_vietnamese():
    text = describe_parameters(
        "members_share_title",
        {"forms": ["lao-dong-tien-tien"], "comparison": "gte", "percent": 70},
        {"lao-dong-tien-tien": "Lao động tiên tiến"},
    )
    assert text == "Danh hiệu, hình thức (mã): Lao động tiên tiến; So sánh: ít nhất (≥); Tỷ lệ (%): 70%"
