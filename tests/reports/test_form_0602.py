"""Form 0602.N filled from the register: each cell counted again here from the records it comes from."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.awards.factories import award
from tests.factories import PersonFactory, ProvinceFactory, UnitFactory
from thidua.awards.enums import AchievementKind
from thidua.awards.models import AwardRecord
from thidua.reports import form_0602

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 5, 20)


@pytest.fixture
def state_awards(world):
    """State-level awards decided in 2024 (and a few that must not count)."""
    province, units = world["province"], world["units"]
    worker = PersonFactory(province=province, is_direct_labourer=True)
    award(units[0], "co-thi-dua-chinh-phu", 2023, decision_date=DAY)
    award(units[1], "bang-khen-thu-tuong", 2023, decision_date=DAY)
    award(
        world["clerk"],
        "bang-khen-thu-tuong-ca-nhan",
        2023,
        decision_date=DAY,
        achievement_kind=AchievementKind.THEMATIC,
    )
    award(worker, "bang-khen-thu-tuong-ca-nhan", 2024, decision_date=DAY, achievement_kind=AchievementKind.AD_HOC)
    award(
        worker, "huan-chuong-lao-dong-ca-nhan", 2024, decision_date=DAY, achievement_kind=AchievementKind.LONG_SERVICE
    )
    award(units[2], "huan-chuong-lao-dong", 2023, decision_date=DAY)
    award(world["farmer"], "chien-si-thi-dua-toan-quoc", 2023, decision_date=DAY)
    award(world["farmer"], "huy-chuong-vi-su-nghiep", 2023, decision_date=DAY)
    # Not counted: provincial level, decided in another year, revoked, another province.
    award(units[0], "co-thi-dua-tinh", 2023, decision_date=DAY)
    award(units[0], "bang-khen-thu-tuong", 2022, decision_date=datetime.date(2023, 3, 1))
    award(units[1], "co-thi-dua-chinh-phu", 2022, decision_date=DAY, revoked_on=datetime.date(2024, 9, 1))
    award(UnitFactory(province=ProvinceFactory()), "co-thi-dua-chinh-phu", 2023, decision_date=DAY)
    return world


def _cells(filled):
    return {row.code: values for row, values in filled.lines() if row.code}


def test_the_form_counts_the_state_awards_decided_in_the_year(state_awards):
    filled = form_0602.fill(state_awards["province"], 2024)
    cells = _cells(filled)
    counted = AwardRecord.objects.filter(
        province=state_awards["province"],
        decision_date__year=2024,
        revoked_on__isnull=True,
        award_form__level__in=["state", "government"],
    )
    assert cells["01"][0] == counted.count() == 8
    #           total  HC-TT HC-CN HCh-TT HCh-CN CTĐCP BK-TT BK-CN CSTĐTQ khác-TT khác-CN
    assert cells["01"] == [8, 1, 1, 0, 1, 1, 1, 2, 1, 0, 0]
    assert cells["02"] == [3, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0]  # collectives
    assert cells["05"] == [5, 0, 1, 0, 1, 0, 0, 2, 1, 0, 0]  # individuals
    assert cells["09"] == [4, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0]  # direct labourers (the worker, the farmer)
    assert cells["10"][0] == counted.filter(achievement_kind=AchievementKind.ANNUAL).count() == 5
    assert (cells["11"][0], cells["12"][0], cells["14"][0]) == (1, 1, 1)
    assert cells["03"] == [None] * 11  # no data in the register: left blank, not zero
    assert cells["13"] == [None] * 11


def test_every_column_of_a_row_adds_up_to_its_total(state_awards):
    for row, values in form_0602.fill(state_awards["province"], 2024).lines():
        if row.match is not None:
            assert sum(values[1:]) == values[0], row.code


def test_a_merged_province_counts_its_predecessors(state_awards):
    successor = ProvinceFactory()
    successor.predecessors.add(state_awards["province"])
    assert _cells(form_0602.fill(successor, 2024))["01"][0] == 8


def test_the_excel_form(state_awards, login):
    client = login(state_awards["board"])
    url = reverse("reports:statistics_form")
    response = client.get(url, {"tinh": state_awards["province"].pk, "nam": 2024, "xuat": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Biểu số: 0602.N/BNV-TĐKT"
    assert values[1][0] == "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ"
    assert values[4][0] == "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC"
    assert values[5][0] == "Năm 2024"
    assert values[7] == [
        "Chỉ tiêu",
        "Mã số",
        "Đơn vị tính",
        "Tổng số",
        "Huân chương",
        None,
        "Huy chương",
        None,
        "Cờ thi đua của Chính phủ",
        "Bằng khen của Thủ tướng Chính phủ",
        None,
        "Chiến sĩ thi đua toàn quốc",
        "Hình thức khác",
        None,
    ]
    assert values[8][3:] == [
        None,
        "Tập thể",
        "Cá nhân",
        "Tập thể",
        "Cá nhân",
        None,
        "Tập thể",
        "Cá nhân",
        None,
        "Tập thể",
        "Cá nhân",
    ]
    assert values[9] == ["A", "B", "C", *[str(n) for n in range(1, 12)]]
    total_row = next(v for v in values if v[1] == "01")
    assert total_row[3:] == [8, 1, 1, 0, 1, 1, 1, 2, 1, 0, 0]
    assert any(v[0] and "cần đối chiếu với mẫu chính thức" in v[0] for v in values)
    # Printed landscape, one page wide, its three header rows on every page.
    assert (sheet.page_setup.orientation, sheet.page_setup.fitToWidth, sheet.print_title_rows) == (
        "landscape",
        1,
        "$8:$10",
    )
    assert sheet.freeze_panes == "D11"


def test_the_form_page(state_awards, login):
    page = (
        login(state_awards["board"])
        .get(reverse("reports:statistics_form"), {"tinh": state_awards["province"].pk, "nam": 2024})
        .content.decode()
    )
    for words in (
        "Biểu số 0602.N/BNV-TĐKT",
        "Số lượng khen thưởng cấp Nhà nước",
        "Thông tư số 02/2023/TT-BNV",
        "cần đối chiếu với mẫu chính thức",
        "Cờ thi đua của Chính phủ (6)",
        "Xuất Excel",
    ):
        assert words in page


@pytest.mark.parametrize(
    ("who", "status"), [("board", 200), ("admin", 200), ("council", 403), ("secretary", 403), ("officer", 403)]
)
def test_who_may_make_the_form(world, login, who, status):
    assert login(world[who]).get(reverse("reports:statistics_form")).status_code == status


def test_another_provinces_board_gets_its_own_province(world, login):
    page = login(world["outsider"]).get(reverse("reports:statistics_form"), {"tinh": world["province"].pk})
    assert page.status_code == 200
    assert f'<option value="{world["province"].pk}"' not in page.content.decode()
