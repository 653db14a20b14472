import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ClusterFactory,
    PersonFactory,
    PositionFactory,
    ProvinceFactory,
    UnitFactory,
    cluster_year_with_members,
)
from tests.organizations.factories import build_chain, named_unit
from thidua.core.models import ActivityLogEntry
from thidua.organizations.enums import Role, UnitKind
from thidua.organizations.models import ClusterYear, LineageEvent, Unit
from thidua.organizations.services import cluster_year_state

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def provinces(db):
    new = ProvinceFactory(code="quang-tri", name="Quảng Trị")
    old = ProvinceFactory(code="quang-binh", name="Quảng Bình")
    new.predecessors.add(old)
    return new, old


@pytest.fixture
def board_token(api, make_user, provinces):
    return api.token_for(make_user(Role.BOARD_OFFICER, provinces[0]))


@pytest.fixture
def officer_token(api, make_user, provinces):
    return api.token_for(make_user(Role.UNIT_OFFICER, UnitFactory(province=provinces[0])))


def test_provinces_with_predecessors(api, officer_token, provinces):
    body = api.get("/provinces", officer_token).json()
    assert [(p["code"], p["predecessor_ids"]) for p in body] == [("quang-binh", []), ("quang-tri", [provinces[1].pk])]


@pytest.mark.parametrize("query", ["le thuy", "LỆ THỦY", "Le Thuy"])
def test_units_search_ignores_diacritics(api, officer_token, provinces, query):
    UnitFactory(name="Lệ Thủy", kind=UnitKind.COMMUNE, province=provinces[0])
    UnitFactory(name="Đồng Hới", kind=UnitKind.WARD, province=provinces[0])
    assert [u["full_name"] for u in api.get("/units", officer_token, q=query).json()] == ["xã Lệ Thủy"]


def test_units_search_dong_hoi_and_date_filter(api, officer_token, provinces):
    UnitFactory(name="Đồng Hới", kind=UnitKind.PROVINCE_CITY, province=provinces[1], valid_to=D(2025, 6, 30))
    UnitFactory(name="Đồng Hới", kind=UnitKind.WARD, province=provinces[0], valid_from=D(2025, 7, 1))
    names = [u["full_name"] for u in api.get("/units", officer_token, q="dong hoi").json()]
    assert sorted(names) == ["phường Đồng Hới", "thành phố Đồng Hới"]
    on_day = api.get("/units", officer_token, q="dong hoi", active_on="2024-01-01").json()
    assert [u["full_name"] for u in on_day] == ["thành phố Đồng Hới"]
    paged = api.get("/units", officer_token, q="dong hoi", limit=1, offset=1).json()
    assert len(paged) == 1


def test_unit_detail_with_lineage(api, officer_token):
    chain = build_chain()
    body = api.get(f"/units/{chain.e.pk}", officer_token).json()
    assert (body["name"], body["valid_to"]) == ("Hòa Bình", "2019-12-31")
    assert body["names"] == [
        {"name": "Yên Hòa", "valid_from": "2015-01-01", "valid_to": "2017-12-31"},
        {"name": "Hòa Bình", "valid_from": "2018-01-01", "valid_to": "2019-12-31"},
    ]
    assert [(e["kind"], e["date"]) for e in body["lineage"]] == [
        ("sap_nhap", "2015-01-01"),
        ("doi_ten", "2018-01-01"),
        ("chia_tach", "2020-01-01"),
    ]
    assert [u["name"] for u in body["predecessors"]] == ["An Lạc", "Bình Minh", "Cẩm Thành", "Đông Sơn"]
    assert body["direct_predecessor_ids"] == sorted([chain.c.pk, chain.d.pk])
    assert [u["name"] for u in body["successors_today"]] == ["Hải Hà", "Phú Lộc"]
    h = api.get(f"/units/{chain.h.pk}", officer_token).json()
    assert ([u["name"] for u in h["territory_from"]], h["predecessors"], h["successors_today"]) == (["Gia Lâm"], [], [])


def test_unit_detail_of_a_missing_unit_is_404(api, officer_token):
    assert api.get("/units/999999", officer_token).status_code == 404


def test_clusters_with_yearly_members_and_leaders(api, officer_token, provinces):
    cy, units = cluster_year_with_members(3, year=2024, province=provinces[1])
    assert [c["name"] for c in api.get("/clusters", officer_token).json()] == [cy.cluster.name]
    body = api.get(f"/clusters/{cy.cluster.pk}", officer_token).json()
    (year,) = body["years"]
    assert (year["year"], year["leader"]["id"], year["deputy"]["id"]) == (2024, units[0].pk, units[1].pk)
    assert sorted(m["id"] for m in year["members"]) == sorted(u.pk for u in units)
    assert year["state"] == cluster_year_state(cy)


def test_clusters_list_is_paged_and_filtered_by_province(api, officer_token, provinces):
    names = {}
    for index, (province, year) in enumerate([(provinces[0], 2023), (provinces[1], 2024), (provinces[1], 2025)]):
        cy, _units = cluster_year_with_members(2, year=year, province=province)
        names[index] = cy.cluster.name
    every = [c["name"] for c in api.get("/clusters", officer_token).json()]
    assert sorted(every) == sorted(names.values())
    assert [c["name"] for c in api.get("/clusters", officer_token, limit=1, offset=1).json()] == [every[1]]
    second = [c["name"] for c in api.get("/clusters", officer_token, province=provinces[1].pk).json()]
    assert sorted(second) == sorted([names[1], names[2]])
    assert api.get("/clusters", officer_token, province=provinces[0].pk).json()[0]["name"] == names[0]
    with CaptureQueriesContext(connection) as one:
        api.get("/clusters", officer_token, limit=1)
    with CaptureQueriesContext(connection) as three:
        api.get("/clusters", officer_token, limit=3)
    assert len(three) == len(one)  # no query per cluster


def test_people_in_scope_only(api, make_user, provinces):
    unit = UnitFactory(province=provinces[0])
    insider = PositionFactory(unit=unit, person__full_name="Lê Thị Thủy", person__province=provinces[0]).person
    outsider = PersonFactory(full_name="Lê Văn Thủy", province=provinces[0])
    token = api.token_for(make_user(Role.UNIT_OFFICER, unit))
    assert [p["full_name"] for p in api.get("/people", token, q="le thi thuy").json()] == ["Lê Thị Thủy"]
    assert [p["full_name"] for p in api.get("/people", token, q="thuy").json()] == ["Lê Thị Thủy"]
    detail = api.get(f"/people/{insider.pk}", token).json()
    assert [pos["unit_id"] for pos in detail["positions"]] == [unit.pk]
    response = api.get(f"/people/{outsider.pk}", token)
    assert (response.status_code, response.json()) == (403, {"detail": "Bạn không có quyền thực hiện thao tác này."})
    assert api.get("/people/999999", token).status_code == 404
    board = api.token_for(make_user(Role.BOARD_OFFICER, provinces[0]))
    assert sorted(p["full_name"] for p in api.get("/people", board, q="LE THUY").json()) == [
        "Lê Thị Thủy",
        "Lê Văn Thủy",
    ]
    assert api.get(f"/people/{outsider.pk}", board).status_code == 200


def test_role_less_user_is_403_on_reads(api, make_user):
    token = api.token_for(make_user())
    for path in ("/units", "/provinces", "/clusters", "/people"):
        assert api.get(path, token).status_code == 403


# writes -----------------------------------------------------------------------------------------------


def test_board_records_a_lineage_event_with_a_new_successor(api, board_token, provinces):
    new, old = provinces
    former = [named_unit(n, province=old, kind=UnitKind.COMMUNE) for n in ("Kim Thủy", "Ngân Thủy")]
    response = api.post(
        "/lineage-events",
        {
            "kind": "sap_nhap",
            "date": "2025-07-01",
            "decision": "NQ 1680",
            "predecessor_ids": [u.pk for u in former],
            "new_successor": {"kind": "xa", "name": "Kim Ngân", "province_id": new.pk},
        },
        board_token,
    )
    assert response.status_code == 201
    created = Unit.objects.get(name="Kim Ngân")
    body = response.json()
    assert (body["kind"], body["date"], body["decision"]) == ("sap_nhap", "2025-07-01", "NQ 1680")
    assert (sorted(body["predecessor_ids"]), body["successor_ids"]) == (sorted(u.pk for u in former), [created.pk])
    assert set(Unit.objects.filter(pk__in=[u.pk for u in former]).values_list("valid_to", flat=True)) == {
        D(2025, 6, 30)
    }
    assert ActivityLogEntry.objects.filter(action="lineage.recorded").count() == 1


def test_lineage_event_refusals(api, board_token, officer_token, provinces):
    unit = UnitFactory(province=provinces[0])
    response = api.post(
        "/lineage-events", {"kind": "sap_nhap", "date": "2025-07-01", "successor_ids": [unit.pk]}, board_token
    )
    assert (response.status_code, response.json()) == (422, {"detail": "Sự kiện này cần ít nhất một đơn vị trước."})
    missing = api.post(
        "/lineage-events", {"kind": "giai_the", "date": "2025-07-01", "predecessor_ids": [999999]}, board_token
    )
    assert (missing.status_code, missing.json()) == (422, {"detail": "Không tìm thấy đơn vị: 999999"})
    bad_kind = api.post("/lineage-events", {"kind": "bien_mat", "date": "2025-07-01"}, board_token)
    assert bad_kind.status_code == 422
    forbidden = api.post(
        "/lineage-events", {"kind": "giai_the", "date": "2025-07-01", "predecessor_ids": [unit.pk]}, officer_token
    )
    assert forbidden.status_code == 403
    foreign = UnitFactory(province=ProvinceFactory())
    other = api.post(
        "/lineage-events", {"kind": "giai_the", "date": "2025-07-01", "predecessor_ids": [foreign.pk]}, board_token
    )
    assert other.status_code == 403
    foreign_new = api.post(
        "/lineage-events",
        {
            "kind": "thanh_lap",
            "date": "2025-07-01",
            "new_successor": {"kind": "xa", "name": "X", "province_id": foreign.province_id},
        },
        board_token,
    )
    assert foreign_new.status_code == 403
    assert (LineageEvent.objects.count(), ActivityLogEntry.objects.exclude(action="api_token.issued").count()) == (0, 0)
    unit.refresh_from_db()
    assert unit.valid_to is None


def test_rename_through_the_api(api, board_token, officer_token, provinces):
    unit = named_unit("Yên Hòa", province=provinces[1], kind=UnitKind.WARD)
    assert api.post(f"/units/{unit.pk}/rename", {"name": "X", "date": "2018-01-01"}, officer_token).status_code == 403
    response = api.post(
        f"/units/{unit.pk}/rename", {"name": "Hòa Bình", "date": "2018-01-01", "expected_name": "Yên Hòa"}, board_token
    )
    assert response.status_code == 200
    assert [n["name"] for n in response.json()["names"]] == ["Yên Hòa", "Hòa Bình"]
    stale = api.post(
        f"/units/{unit.pk}/rename", {"name": "Khác", "date": "2019-01-01", "expected_name": "Yên Hòa"}, board_token
    )
    assert stale.status_code == 409
    assert stale.json()["detail"].startswith("Đơn vị vừa được người khác đổi tên")
    assert api.post("/units/999999/rename", {"name": "X", "date": "2018-01-01"}, board_token).status_code == 404


def test_manage_cluster_year_through_the_api(api, board_token, officer_token, provinces):
    cy, units = cluster_year_with_members(3, year=2025, province=provinces[1])
    path = f"/cluster-years/{cy.pk}/members"
    payload = {"member_ids": [u.pk for u in units], "leader_id": units[2].pk, "deputy_id": units[1].pk}
    assert api.post(path, payload, officer_token).status_code == 403
    response = api.post(path, {**payload, "expected_state": cluster_year_state(cy)}, board_token)
    assert response.status_code == 200
    assert (response.json()["leader"]["id"], response.json()["deputy"]["id"]) == (units[2].pk, units[1].pk)
    same = api.post(path, {**payload, "leader_id": units[1].pk}, board_token)
    assert (same.status_code, same.json()) == (
        422,
        {"detail": "Trưởng cụm và Phó Trưởng cụm phải là hai đơn vị khác nhau."},
    )
    stale = api.post(path, {**payload, "expected_state": "1,2,3||"}, board_token)
    assert (stale.status_code, stale.json()) == (
        409,
        {"detail": "Kỳ thi đua năm 2025 vừa được người khác thay đổi. Trang đã hiện thông tin mới nhất; hãy làm lại."},
    )
    cy.refresh_from_db()
    assert (cy.leader, cy.deputy) == (units[2], units[1])


def test_open_cluster_year_through_the_api(api, board_token, officer_token, provinces):
    cluster = ClusterFactory(province=provinces[0])
    units = [UnitFactory(province=provinces[0]) for _ in range(2)]
    payload = {"year": 2027, "member_ids": [u.pk for u in units], "leader_id": units[0].pk, "motto": "Đổi mới"}
    assert api.post(f"/clusters/{cluster.pk}/years", payload, officer_token).status_code == 403
    response = api.post(f"/clusters/{cluster.pk}/years", payload, board_token)
    assert response.status_code == 201
    assert (response.json()["year"], response.json()["motto"], len(response.json()["members"])) == (2027, "Đổi mới", 2)
    again = api.post(f"/clusters/{cluster.pk}/years", payload, board_token)
    assert (again.status_code, again.json()) == (422, {"detail": "Kỳ thi đua năm 2027 của cụm đã có."})
    assert ClusterYear.objects.count() == 1
