import datetime
import itertools

import pytest
from django.urls import reverse

from tests.factories import (
    ClusterFactory,
    PersonFactory,
    PositionFactory,
    ProvinceFactory,
    UnitFactory,
    cluster_year_with_members,
)
from tests.organizations.factories import named_unit
from tests.querycount import assert_flat_query_count
from thidua.organizations.enums import LineageKind, Role, UnitKind
from thidua.organizations.models import ClusterMembership, ClusterYear
from thidua.organizations.services import record_lineage_event

D = datetime.date
pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def province(db):
    return ProvinceFactory(name="Quảng Trị")


@pytest.fixture
def officer(make_user, province):
    return make_user(Role.UNIT_OFFICER, UnitFactory(province=province))


READ_PAGES = [
    ("organizations:unit_list", False),
    ("organizations:unit_detail", "unit"),
    ("organizations:cluster_list", False),
    ("organizations:cluster_detail", "cluster"),
    ("organizations:person_list", False),
    ("organizations:person_detail", "person"),
    ("organizations:search", False),
    ("organizations:lineage_event_create", False),
    ("organizations:unit_rename", "unit"),
    ("organizations:cluster_year_open", "cluster"),
    ("organizations:cluster_year_manage", "cluster_year"),
]


def _url(name, kind, objects):
    return reverse(name, args=[objects[kind].pk]) if kind else reverse(name)


@pytest.fixture
def objects(db, province):
    cy, units = cluster_year_with_members(2, province=province)
    person = PositionFactory(unit=units[0], person__province=province).person
    return {"unit": units[0], "cluster": cy.cluster, "cluster_year": cy, "person": person}


@pytest.mark.parametrize(("name", "kind"), READ_PAGES)
def test_anonymous_users_are_sent_to_login(client, objects, name, kind):
    url = _url(name, kind, objects)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize(("name", "kind"), READ_PAGES)
def test_users_without_a_role_are_refused(make_user, login, objects, name, kind):
    assert login(make_user()).get(_url(name, kind, objects)).status_code == 403


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("organizations:lineage_event_create", False),
        ("organizations:unit_rename", "unit"),
        ("organizations:cluster_year_open", "cluster"),
        ("organizations:cluster_year_manage", "cluster_year"),
    ],
)
def test_management_pages_refuse_unit_officers_and_allow_the_board(make_user, login, province, objects, name, kind):
    officer = make_user(Role.UNIT_OFFICER, objects["unit"])
    assert login(officer).get(_url(name, kind, objects)).status_code == 403
    board = make_user(Role.BOARD_OFFICER, province)
    assert login(board).get(_url(name, kind, objects)).status_code == 200
    other_board = make_user(Role.BOARD_OFFICER, ProvinceFactory())
    expected = 200 if name == "organizations:lineage_event_create" else 403
    assert login(other_board).get(_url(name, kind, objects)).status_code == expected


def test_unit_page_of_an_ended_unit_keeps_its_whole_history(login, officer, chain):
    html = page(login(officer), reverse("organizations:unit_detail", args=[chain.e.pk]))
    assert "<h1>huyện Hòa Bình</h1>" in html
    assert "đã kết thúc 31/12/2019" in html
    assert "Đơn vị kết thúc hoạt động ngày 31/12/2019" in html
    # Its successors today, its names over time, and every event it took part in.
    assert 'huyện Hải Hà</a> <span class="muted">(Tỉnh Lịch Sử)</span>' in html
    assert 'huyện Phú Lộc</a> <span class="muted">(Tỉnh Lịch Sử)</span>' in html
    assert "Yên Hòa (01/01/2015 – 31/12/2017)" in html
    assert "Hòa Bình (01/01/2018 – 31/12/2019)" in html
    for event in ("01/01/2015</span> – <strong>sáp nhập", "01/01/2018</span> – <strong>đổi tên", "chia tách"):
        assert event in html
    assert "Các đơn vị tiền thân (mọi thời kỳ)" in html
    assert "huyện An Lạc" in html


def test_unit_page_shows_the_territory_a_new_unit_took_over(login, officer, chain):
    html = page(login(officer), reverse("organizations:unit_detail", args=[chain.h.pk]))
    assert "Thuộc địa bàn" in html
    assert "huyện Gia Lâm</a> (Tỉnh Lịch Sử), đã kết thúc 31/12/2021" in html
    assert "Hình thành từ" not in html


def test_unit_page_shows_what_a_unit_was_formed_from(login, officer, chain):
    html = page(login(officer), reverse("organizations:unit_detail", args=[chain.c.pk]))
    assert "Hình thành từ" in html
    assert "huyện An Lạc</a>, <a" in html


def test_unit_page_offers_management_only_to_those_who_may(make_user, login, chain):
    url = reverse("organizations:unit_detail", args=[chain.f.pk])
    board = make_user(Role.BOARD_OFFICER, chain.province)
    assert "Ghi nhận sự kiện sắp xếp" in page(login(board), url)
    officer = make_user(Role.UNIT_OFFICER, chain.f)
    assert "Ghi nhận sự kiện sắp xếp" not in page(login(officer), url)


def test_unit_detail_of_a_missing_unit_is_404(login, officer):
    assert login(officer).get(reverse("organizations:unit_detail", args=[999999])).status_code == 404


def test_unit_list_filters_by_status_province_and_folded_query(login, officer, province):
    UnitFactory(name="Lệ Thủy", kind=UnitKind.DISTRICT, province=province, valid_to=D(2025, 6, 30))
    UnitFactory(name="Lệ Thủy", kind=UnitKind.COMMUNE, province=province)
    UnitFactory(name="Lệ Thủy", kind=UnitKind.COMMUNE, province=ProvinceFactory(name="Tỉnh Khác"))
    client = login(officer)
    url = reverse("organizations:unit_list")
    active = page(client, f"{url}?q=le+thuy")
    assert active.count("xã Lệ Thủy</a>") == 2
    assert "huyện Lệ Thủy" not in active
    ended = page(client, f"{url}?q=LỆ+THỦY&show=ended")
    assert "huyện Lệ Thủy</a>" in ended
    assert "xã Lệ Thủy</a>" not in ended
    assert page(client, f"{url}?q=le+thuy&show=all&province={province.pk}").count("Lệ Thủy</a>") == 2
    assert page(client, f"{url}?province=abc").count("</tr>") >= 1


@pytest.mark.parametrize("query", ["le thuy", "LỆ THỦY", "Lệ Thủy", "lê thuy"])
def test_search_page_ignores_diacritics(make_user, login, province, query):
    unit = UnitFactory(name="Lệ Thủy", kind=UnitKind.COMMUNE, province=province)
    UnitFactory(name="Đồng Hới", kind=UnitKind.PROVINCE_CITY, province=province)
    PersonFactory(full_name="Lê Thị Thủy", province=province)
    board = make_user(Role.BOARD_OFFICER, province)
    html = page(login(board), f"{reverse('organizations:search')}?q={query}")
    assert f'<a href="/don-vi/{unit.pk}/">xã Lệ Thủy</a>' in html
    assert "Đồng Hới" not in html
    assert "Lê Thị Thủy</a>" in html


def test_search_finds_dong_hoi_without_diacritics(login, officer, province):
    UnitFactory(name="Đồng Hới", kind=UnitKind.PROVINCE_CITY, province=province)
    html = page(login(officer), f"{reverse('organizations:search')}?q=dong+hoi")
    assert "thành phố Đồng Hới</a>" in html
    assert "Đơn vị (1)" in html


def test_search_shows_only_people_the_user_may_see(login, officer, province):
    PersonFactory(full_name="Lê Thị Thủy", province=province)
    html = page(login(officer), f"{reverse('organizations:search')}?q=thuy")
    assert "Cá nhân (0)" in html
    assert "Lê Thị Thủy" not in html


def test_person_page_for_insiders_only(make_user, login, province):
    unit = UnitFactory(province=province)
    person = PositionFactory(unit=unit, person__province=province, title="Chủ tịch UBND").person
    url = reverse("organizations:person_detail", args=[person.pk])
    for insider in (
        make_user(Role.UNIT_OFFICER, unit),
        make_user(Role.BOARD_OFFICER, province),
        make_user(Role.COUNCIL_MEMBER, province),
        make_user(Role.ADMIN),
    ):
        html = page(login(insider), url)
        assert f"<h1>{person.full_name}</h1>" in html
        assert "Chủ tịch UBND" in html
    outsider = make_user(Role.UNIT_OFFICER, UnitFactory(province=province))
    assert login(outsider).get(url).status_code == 403


def test_person_list_shows_only_visible_people(login, officer, province):
    unit = next(iter(officer.role_assignments.all())).unit
    mine = PositionFactory(unit=unit, person__full_name="Đặng Văn Hải", person__province=province).person
    PersonFactory(full_name="Người Ngoài", province=province)
    html = page(login(officer), reverse("organizations:person_list") + "?q=dang+van")
    assert f'<a href="/ca-nhan/{mine.pk}/">Đặng Văn Hải</a>' in html
    assert "Người Ngoài" not in html


def test_cluster_page_shows_members_per_year(login, officer, province):
    cy, units = cluster_year_with_members(3, year=2024, province=province)
    older = ClusterYear.objects.create(cluster=cy.cluster, year=2023, leader=units[2], deputy=units[0])
    for unit in (units[0], units[2]):
        ClusterMembership.objects.create(cluster_year=older, unit=unit)
    html = page(login(officer), reverse("organizations:cluster_detail", args=[cy.cluster.pk]))
    assert "Thành viên qua các năm" in html
    assert html.index("#nam-2024") < html.index("#nam-2023")
    assert "Kỳ thi đua năm 2024" in html
    assert f"{units[0].full_name}</a> – Trưởng cụm" in html
    assert f"{units[1].full_name}</a> – Phó Trưởng cụm" in html
    assert "3 thành viên" in html
    assert "2 thành viên" in html
    row = html[html.index(f"{units[1].full_name}</a></td>") :].split("</tr>")[0]
    assert '<td class="cell-deputy">Phó Trưởng cụm</td><td class="cell-none">' in row


def test_closed_cluster_years_stay_readable(login, officer, province):
    cy, units = cluster_year_with_members(2, year=2025, province=province)
    cy.cluster.valid_to = D(2025, 6, 30)
    cy.cluster.save()
    html = page(login(officer), reverse("organizations:cluster_detail", args=[cy.cluster.pk]))
    assert "đã kết thúc 30/06/2025" in html
    assert f"{units[0].full_name}</a> – Trưởng cụm" in html


def test_cluster_list_shows_the_latest_year(login, officer, province):
    _, units = cluster_year_with_members(2, year=2026, province=province)
    html = page(login(officer), reverse("organizations:cluster_list"))
    assert f"Năm 2026: Trưởng cụm {units[0].full_name}; Phó Trưởng cụm {units[1].full_name}" in html


# N+1 guards -------------------------------------------------------------------------------------------


def test_unit_list_query_count_is_flat(login, officer, province):
    def add():
        parent = UnitFactory(province=province)
        for _ in range(5):
            UnitFactory(province=ProvinceFactory(), parent=parent)

    assert_flat_query_count(login(officer), reverse("organizations:unit_list"), add, maximum=9)


def test_unit_detail_query_count_is_flat(login, officer, province):
    unit = named_unit("Trung Tâm", province=province)
    days = (D(2000, 1, 1) + datetime.timedelta(days=i) for i in itertools.count())
    years = itertools.count(2000)  # a unit is in one cluster a year

    def add():
        for _ in range(2):
            old = named_unit("Cũ", province=province, parent=UnitFactory(province=province))
            record_lineage_event(kind=LineageKind.MERGED, date=next(days), predecessors=[old], successors=[unit])
            UnitFactory(province=province, parent=unit)
            cluster_year = cluster_year_with_members(1, year=next(years))[0]
            ClusterMembership.objects.create(cluster_year=cluster_year, unit=unit)
        gone = named_unit("Giải Thể", province=province)
        record_lineage_event(kind=LineageKind.DISSOLVED, date=next(days), predecessors=[gone], successors=[unit])

    assert_flat_query_count(login(officer), reverse("organizations:unit_detail", args=[unit.pk]), add, maximum=19)


def test_cluster_list_query_count_is_flat(login, officer, province):
    def add():
        for year in (2024, 2025, 2026):
            cluster_year_with_members(3, year=year, province=province)

    assert_flat_query_count(login(officer), reverse("organizations:cluster_list"), add, maximum=8)


def test_cluster_detail_query_count_is_flat(make_user, login, province):
    cy, _ = cluster_year_with_members(2, year=2000, province=province)
    board = make_user(Role.BOARD_OFFICER, province)
    years = itertools.count(2001)

    def add():
        for year in (next(years), next(years)):
            later = ClusterYear.objects.create(cluster=cy.cluster, year=year)
            for _ in range(4):
                ClusterMembership.objects.create(cluster_year=later, unit=UnitFactory(province=province))

    url = reverse("organizations:cluster_detail", args=[cy.cluster.pk])
    assert_flat_query_count(login(board), url, add, maximum=9)


def test_person_list_query_count_is_flat(make_user, login, province):
    board = make_user(Role.BOARD_OFFICER, province)

    def add():
        for _ in range(6):
            PositionFactory(person__province=province)

    assert_flat_query_count(login(board), reverse("organizations:person_list"), add, maximum=7)


def test_search_query_count_is_flat(make_user, login, province):
    board = make_user(Role.BOARD_OFFICER, province)

    def add():
        for i in range(6):
            UnitFactory(name=f"Lệ Thủy {i}", province=province, parent=UnitFactory(province=province))
            PersonFactory(full_name=f"Lê Thủy {i}", province=province)

    url = reverse("organizations:search") + "?q=thuy"
    assert_flat_query_count(login(board), url, add, maximum=7)


def test_person_detail_renders_positions(make_user, login, province):
    person = PersonFactory(full_name="Võ Thị Lan", province=province, birth_date=D(1980, 5, 2))
    PositionFactory(person=person, unit=UnitFactory(name="Tuyên Hóa", province=province), valid_from=D(2021, 7, 1))
    html = page(login(make_user(Role.ADMIN)), reverse("organizations:person_detail", args=[person.pk]))
    assert "02/05/1980" in html
    assert "huyện Tuyên Hóa</a> (01/07/2021 – nay)" in html


def test_cluster_pages_for_clusters_without_years(login, officer, province):
    cluster = ClusterFactory(province=province)
    assert "Chưa có kỳ thi đua nào." in page(login(officer), reverse("organizations:cluster_detail", args=[cluster.pk]))
