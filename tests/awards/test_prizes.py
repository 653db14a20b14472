"""Prize money by the decree and the base salary in force on the decision date (law-check C-1 … C-15)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from thidua.awards import services
from thidua.awards.models import BaseSalary, PrizeBasis
from thidua.awards.prizes import PrizeTable, fmt_money
from thidua.core.models import ActivityLogEntry

D = datetime.date


def price(forms, code, day):
    return PrizeTable().prize(forms[code], day)


@pytest.mark.parametrize(
    ("day", "basis", "coefficient", "salary", "amount"),
    [
        # Either side of 01/07/2025: ND 98 (1,0) then ND 152 (1,5), both on the 2.340.000 base salary.
        (D(2025, 6, 30), "Nghị định 98/2023/NĐ-CP", "1.0", 2340000, 2340000),
        (D(2025, 7, 1), "Nghị định 152/2025/NĐ-CP", "1.5", 2340000, 3510000),
        # Either side of 01/01/2024: ND 91 then ND 98, on the 1.800.000 base salary of 01/07/2023.
        (D(2023, 12, 31), "Nghị định 91/2017/NĐ-CP", "1.0", 1800000, 1800000),
        (D(2024, 1, 1), "Nghị định 98/2023/NĐ-CP", "1.0", 1800000, 1800000),
        (D(2024, 7, 1), "Nghị định 98/2023/NĐ-CP", "1.0", 2340000, 2340000),
    ],
)
def test_the_chairmans_bang_khen_for_a_person_follows_the_decision_date(forms, day, basis, coefficient, salary, amount):
    prize = price(forms, "bang-khen-tinh-ca-nhan", day)
    assert (prize.basis.name, prize.coefficient, prize.salary.amount, prize.amount, prize.problem) == (
        basis,
        Decimal(coefficient),
        salary,
        amount,
        "",
    )


def test_the_2025_coefficient_rests_on_nd152_article_54(forms):
    prize = price(forms, "bang-khen-tinh-ca-nhan", D(2025, 8, 15))
    assert prize.row.citation == "Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1"
    assert prize.row.is_verified
    assert "giadinh.suckhoedoisong.vn" in prize.row.source
    # The base salary's date is not yet checked against its decree, so the amount as a whole is not verified.
    assert prize.is_verified is False


@pytest.mark.parametrize(
    ("code", "day", "coefficient", "amount"),
    [
        ("tap-the-lao-dong-xuat-sac", D(2025, 8, 15), "1.5", 3510000),
        ("tap-the-lao-dong-tien-tien", D(2025, 8, 15), "0.8", 1880000),  # 1.872.000 rounded up
        ("lao-dong-tien-tien", D(2025, 8, 15), "0.3", 710000),  # 702.000 rounded up
        ("bang-khen-thu-tuong-ca-nhan", D(2025, 8, 15), "3.5", 8190000),
        ("bang-khen-thu-tuong", D(2025, 8, 15), "7.0", 16380000),  # twice the individual rate
        ("bang-khen-tinh", D(2025, 8, 15), "3.0", 7020000),
        ("bang-khen-tinh", D(2024, 8, 15), "2.0", 4680000),
        ("tap-the-lao-dong-xuat-sac", D(2024, 1, 30), "1.5", 2700000),
        ("tap-the-lao-dong-tien-tien", D(2023, 3, 1), "0.8", 1200000),  # ND 91: 0,8 × 1.490.000 = 1.192.000
    ],
)
def test_corrected_coefficients_and_rounding_up_to_ten_thousand(forms, code, day, coefficient, amount):
    prize = price(forms, code, day)
    assert (prize.coefficient, prize.amount) == (Decimal(coefficient), amount)
    assert prize.amount % prize.basis.round_up_to == 0
    assert prize.exact <= prize.amount < prize.exact + prize.basis.round_up_to


def test_a_collective_rate_says_how_it_was_found(forms):
    prize = price(forms, "bang-khen-thu-tuong", D(2025, 8, 15))
    assert prize.how == (
        "gấp 2 lần mức của Bằng khen của Thủ tướng Chính phủ (cá nhân) (3,5) = 7 lần mức lương cơ sở "
        "(Nghị định 152/2025/NĐ-CP (chưa đối chiếu))"
    )


def test_no_basis_no_salary_and_no_coefficient_are_said_not_guessed(forms):
    assert price(forms, "bang-khen-tinh-ca-nhan", D(2010, 1, 1)).problem == (
        "Chưa có căn cứ tiền thưởng nào có hiệu lực ngày 01/01/2010."
    )
    assert price(forms, "huan-chuong-lao-dong", D(2025, 8, 15)).problem == (
        "Huân chương Lao động không có mức tiền thưởng theo Nghị định 152/2025/NĐ-CP."
    )
    BaseSalary.objects.all().delete()
    prize = price(forms, "bang-khen-tinh-ca-nhan", D(2025, 8, 15))
    assert (prize.amount, prize.problem) == (None, "Chưa có mức lương cơ sở áp dụng ngày 15/08/2025.")


def test_the_data_is_loaded_once(forms):
    from thidua.awards.prizes import ensure_prizes

    assert ensure_prizes() == 0
    assert list(PrizeBasis.objects.order_by("valid_from").values_list("code", "valid_from", "valid_to")) == [
        ("nd91-2017", D(2017, 9, 15), D(2023, 12, 31)),
        ("nd98-2023", D(2024, 1, 1), D(2025, 6, 30)),
        ("nd152-2025", D(2025, 7, 1), D(2027, 2, 28)),
    ]


# ---------------------------------------------------------------- the board extends the base salary


def test_the_board_adds_a_base_salary_and_later_decisions_use_it(world, forms):
    row = services.add_base_salary(
        actor=world["board"], amount=2530000, valid_from=D(2026, 7, 1), citation="Nghị định mới (thử)"
    )
    assert price(forms, "bang-khen-tinh-ca-nhan", D(2026, 6, 30)).amount == 3510000
    assert price(forms, "bang-khen-tinh-ca-nhan", D(2026, 7, 1)).amount == 3800000  # 3.795.000 rounded up
    entry = ActivityLogEntry.objects.get(action="base_salary.added")
    assert (entry.actor, entry.object_id, entry.new_values["amount"]) == (world["board"], str(row.pk), 2530000)


@pytest.mark.parametrize(
    ("amount", "day", "citation", "message"),
    [
        (0, D(2026, 7, 1), "NĐ", "phải là số đồng nguyên dương"),
        (2530000, D(2024, 7, 1), "NĐ", "Đã có mức lương cơ sở áp dụng từ ngày 01/07/2024."),
        (2530000, D(2026, 7, 1), "  ", "Hãy ghi căn cứ"),
    ],
)
def test_bad_base_salaries_are_refused_and_change_nothing(world, forms, amount, day, citation, message):
    count = BaseSalary.objects.count()
    with pytest.raises(ValidationError, match=message):
        services.add_base_salary(actor=world["board"], amount=amount, valid_from=day, citation=citation)
    assert BaseSalary.objects.count() == count


def test_only_the_board_and_administrators_add_base_salaries(world, forms):
    for user in (world["officer"], world["council"], world["nobody"]):
        with pytest.raises(PermissionDenied):
            services.add_base_salary(actor=user, amount=2530000, valid_from=D(2026, 7, 1), citation="NĐ")
    assert not BaseSalary.objects.filter(valid_from=D(2026, 7, 1)).exists()


# ---------------------------------------------------------------- page and API


def test_the_page_prices_a_form_on_a_decision_date(world, forms, login):
    url = reverse("awards:prize_money")
    form = forms["bang-khen-tinh-ca-nhan"].pk
    html = login(world["council"]).get(url, {"award_form": form, "day": "2025-08-15"}).content.decode()
    assert "3.510.000 đồng" in html
    assert "Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1" in html
    html = login(world["council"]).get(url, {"award_form": form, "day": "2024-08-15"}).content.decode()
    assert "2.340.000 đồng" in html
    assert "Thêm mức lương cơ sở mới" not in html
    assert login(world["nobody"]).get(url).status_code == 403
    assert Client().get(url).status_code == 302


def test_the_board_adds_a_base_salary_on_the_page(world, forms, login):
    url = reverse("awards:base_salary_add")
    data = {"amount": "2530000", "valid_from": "2026-07-01", "citation": "Nghị định mới (thử)"}
    assert login(world["officer"]).post(url, data).status_code == 403
    assert login(world["board"]).post(url, data).status_code == 302
    assert BaseSalary.objects.get(valid_from=D(2026, 7, 1)).amount == 2530000
    again = login(world["board"]).post(url, data, follow=True).content.decode()
    assert "Đã có mức lương cơ sở áp dụng từ ngày 01/07/2026." in again
    assert BaseSalary.objects.filter(valid_from=D(2026, 7, 1)).count() == 1


def test_the_api_gives_the_prize_with_its_citations(world, forms, login):
    api = login(world["council"])
    body = api.get("/api/v1/awards/prize", {"form": "bang-khen-tinh-ca-nhan", "decision_date": "2025-08-15"}).json()
    assert (body["coefficient"], body["base_salary"], body["amount"], body["round_up_to"]) == (
        "1.50",
        2340000,
        3510000,
        10000,
    )
    assert body["coefficient_citation"] == "Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1"
    body = api.get("/api/v1/awards/prize", {"form": "bang-khen-tinh-ca-nhan", "decision_date": "2024-08-15"}).json()
    assert (body["basis"], body["coefficient"], body["amount"]) == ("Nghị định 98/2023/NĐ-CP", "1.00", 2340000)
    bases = api.get("/api/v1/awards/prize-bases").json()
    assert [b["code"] for b in bases] == ["nd152-2025", "nd98-2023", "nd91-2017"]
    assert api.get("/api/v1/awards/base-salaries").status_code == 200
    refused = api.post(
        "/api/v1/awards/base-salaries",
        {"amount": 2530000, "valid_from": "2026-07-01", "citation": "NĐ"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    board = login(world["board"])
    bad = board.post(
        "/api/v1/awards/base-salaries",
        {"amount": 2530000, "valid_from": "2024-07-01", "citation": "NĐ"},
        content_type="application/json",
    )
    assert (bad.status_code, bad.json()["detail"]) == (422, "Đã có mức lương cơ sở áp dụng từ ngày 01/07/2024.")
    made = board.post(
        "/api/v1/awards/base-salaries",
        {"amount": 2530000, "valid_from": "2026-07-01", "citation": "NĐ"},
        content_type="application/json",
    )
    assert (made.status_code, made.json()["amount"]) == (201, 2530000)
    form = forms["giay-khen"]
    patched = board.patch(
        f"/api/v1/awards/forms/{form.pk}", {"version": 1, "prize_coefficient": "0.7"}, content_type="application/json"
    )
    assert patched.status_code == 422


def test_money_is_written_the_vietnamese_way():
    assert fmt_money(16380000) == "16.380.000"


def test_the_new_commune_titles_of_nd152_are_in_the_catalogue_with_their_prizes(forms):
    assert forms["xa-phuong-dac-khu-tieu-bieu"].name == "Xã, phường, đặc khu tiêu biểu"
    assert (
        price(forms, "xa-phuong-dac-khu-tieu-bieu", D(2025, 8, 15)).amount,
        forms["thon-to-dan-pho-van-hoa"].name,
    ) == (
        4680000,
        "Thôn, tổ dân phố văn hóa",
    )
    assert price(forms, "thon-to-dan-pho-van-hoa", D(2025, 8, 15)).amount == 3510000
    assert price(forms, "xa-phuong-dac-khu-tieu-bieu", D(2025, 6, 30)).problem == (
        "Xã, phường, đặc khu tiêu biểu không có mức tiền thưởng theo Nghị định 98/2023/NĐ-CP."
    )
