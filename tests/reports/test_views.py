"""The dashboards' pages: who sees which (both ways), the words a user sees, Excel copies, flat query counts."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.awards.factories import award
from tests.factories import UnitFactory
from tests.querycount import assert_flat_query_count
from tests.reports.records import seed_records

pytestmark = pytest.mark.django_db


def _get(login, user, name, *args, **params):
    return login(user).get(reverse(name, args=args), params)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("board", 200),
        ("council", 200),
        ("admin", 200),
        ("outsider", 403),
        ("secretary", 403),
        ("officer", 403),
        ("nobody", 403),
    ],
)
def test_province_dashboard_permissions(world, login, who, status):
    assert _get(login, world[who], "reports:province_dashboard", world["province"].pk).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("board", 200), ("council", 200), ("secretary", 200), ("admin", 200), ("outsider", 403), ("officer", 403)],
)
def test_cluster_dashboard_permissions(world, login, who, status):
    assert _get(login, world[who], "reports:cluster_dashboard", world["cluster"].pk).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("officer", 200), ("board", 200), ("admin", 200), ("other_officer", 403), ("secretary", 403), ("outsider", 403)],
)
def test_unit_dashboard_permissions(world, login, who, status):
    assert _get(login, world[who], "reports:unit_dashboard", world["units"][0].pk).status_code == status


def test_anonymous_users_are_sent_to_login(world, client):
    response = client.get(reverse("reports:province_dashboard", args=[world["province"].pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_index_lists_what_each_role_may_open(world, login):
    board = login(world["board"]).get(reverse("reports:index")).content.decode()
    assert world["province"].name in board
    assert world["cluster"].name in board
    assert "Biểu 0602.N: Số lượng khen thưởng cấp Nhà nước" in board
    assert "Nhập dữ liệu từ Excel" in board
    officer = login(world["officer"]).get(reverse("reports:index")).content.decode()
    assert world["units"][0].full_name in officer
    assert world["province"].name not in officer
    assert "Biểu 0602.N" not in officer
    assert login(world["nobody"]).get(reverse("reports:index")).status_code == 403


def test_province_dashboard_words_and_charts(world, login):
    seed_records(world)
    page = _get(login, world["board"], "reports:province_dashboard", world["province"].pk, nam=2023).content.decode()
    for words in (
        f"Tổng hợp thi đua, khen thưởng: {world['province'].name}",
        "Khen thưởng theo cấp năm 2023",
        "Khen thưởng theo danh hiệu, hình thức năm 2023",
        "Khen thưởng theo đối tượng năm 2023",
        "Khen thưởng qua các năm",
        "Các cụm, khối thi đua của tỉnh năm 2023",
        "Người trực tiếp lao động, sản xuất được khen năm 2023",
        "Bảng số liệu",
        "Xuất Excel",
        "Báo cáo tổng kết",
    ):
        assert words in page
    # One cluster is no comparison: its figure is the table alone, so five charts, not six.
    assert page.count("<svg") == 5
    assert " style=" not in page


def test_the_dashboard_picks_the_latest_year_with_records(world, login):
    seed_records(world)
    page = _get(login, world["council"], "reports:province_dashboard", world["province"].pk).content.decode()
    assert '<option value="2023" selected>' in page
    assert "Báo cáo tổng kết" not in page  # the council reads, the board signs off


def test_dashboard_excel_has_a_sheet_per_figure(world, login):
    seed_records(world)
    response = _get(login, world["board"], "reports:province_dashboard", world["province"].pk, nam=2023, xuat="xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:3] == [
        "1. Khen thưởng theo cấp năm 202",
        "2. Khen thưởng theo danh hiệu,",
        "3. Khen thưởng theo đối tượng n",
    ]
    assert [[c.value for c in row] for row in book.worksheets[2].iter_rows()] == [
        ["Đối tượng", "Số lượt"],
        ["Tập thể", 2],
        ["Cá nhân", 3],
        ["Tổng cộng", 5],
    ]


def _more(world):
    def add():
        unit = UnitFactory(province=world["province"], parent=world["units"][0])
        award(unit, "giay-khen", 2023)
        award(world["farmer"], "giay-khen-ca-nhan", 2023, person_unit=unit)

    return add


def test_province_dashboard_query_count(world, login):
    url = reverse("reports:province_dashboard", args=[world["province"].pk]) + "?nam=2023"
    assert_flat_query_count(login(world["board"]), url, _more(world), maximum=30)


def test_cluster_dashboard_query_count(world, login):
    url = reverse("reports:cluster_dashboard", args=[world["cluster"].pk]) + "?nam=2023"
    assert_flat_query_count(login(world["secretary"]), url, _more(world), maximum=30)


def test_unit_dashboard_query_count(world, login):
    url = reverse("reports:unit_dashboard", args=[world["units"][0].pk])
    assert_flat_query_count(login(world["officer"]), url, _more(world), maximum=20)


def test_index_query_count(world, login, make_user):
    from tests.factories import cluster_year_with_members

    def add():
        cluster_year_with_members(2, year=2023, province=world["province"])

    assert_flat_query_count(login(world["board"]), reverse("reports:index"), add, maximum=8)


def test_import_page_query_count(world, login):
    from thidua.core.jobs import start_job

    def add():
        start_job("reports.import_check", owner=world["board"], params={"kind": "units"})

    assert_flat_query_count(login(world["board"]), reverse("reports:import_start"), add, maximum=6)
