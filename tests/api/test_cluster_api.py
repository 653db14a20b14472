"""Setting a cluster up through the API: found, edit, close, rotation order, next year; same rules as the pages."""

import datetime
import json

import pytest

from tests.factories import ClusterFactory, ProvinceFactory, UnitFactory
from tests.organizations.factories import named_unit
from thidua.core.models import ActivityLogEntry
from thidua.organizations import services
from thidua.organizations.enums import LeaderSelection, Role, UnitKind
from thidua.organizations.models import Cluster, ClusterYear, RotationSlot

D = datetime.date
pytestmark = pytest.mark.django_db
STALE = "Người khác vừa sửa nội dung này sau khi bạn mở nó. Trang đã hiện giá trị mới nhất; hãy xem lại rồi làm tiếp."


@pytest.fixture
def province(db):
    return ProvinceFactory(code="quang-tri", name="Quảng Trị")


@pytest.fixture
def board_token(api, make_user, province):
    return api.token_for(make_user(Role.BOARD_OFFICER, province))


@pytest.fixture
def officer_token(api, make_user, province):
    return api.token_for(make_user(Role.UNIT_OFFICER, UnitFactory(province=province)))


def send(api, method, path, data, token):
    return getattr(api.client, method)(
        f"/api/v1{path}", json.dumps(data), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


def communes(province, *names):
    return [named_unit(name, province=province, kind=UnitKind.COMMUNE) for name in names]


def test_found_edit_and_close_a_cluster(api, board_token, officer_token, province):
    body = {
        "province_id": province.pk,
        "name": "Cụm thi đua các xã phía Bắc",
        "leader_selection": "luan_phien",
        "founding_decision": "QĐ 12/QĐ-HĐTĐKT",
        "founding_decision_date": "2026-01-05",
        "valid_from": "2026-01-01",
    }
    assert api.post("/clusters", body, officer_token).status_code == 403
    created = api.post("/clusters", body, board_token)
    assert created.status_code == 201
    cluster = Cluster.objects.get()
    assert created.json() == {
        "id": cluster.pk,
        "name": "Cụm thi đua các xã phía Bắc",
        "kind": "cum",
        "province_id": province.pk,
        "founding_decision": "QĐ 12/QĐ-HĐTĐKT",
        "founding_decision_date": "2026-01-05",
        "valid_from": "2026-01-01",
        "valid_to": None,
        "closing_decision": "",
        "leader_selection": "luan_phien",
        "version": 0,
    }
    again = api.post("/clusters", body, board_token)
    assert (again.status_code, again.json()) == (
        422,
        {"detail": "Quảng Trị đã có cụm, khối “Cụm thi đua các xã phía Bắc”."},
    )
    changed = send(api, "patch", f"/clusters/{cluster.pk}", {"name": "Cụm Bắc", "version": 0}, board_token)
    assert (changed.status_code, changed.json()["name"], changed.json()["version"]) == (200, "Cụm Bắc", 1)
    stale = send(api, "patch", f"/clusters/{cluster.pk}", {"name": "Cụm khác", "version": 0}, board_token)
    assert (stale.status_code, stale.json()) == (409, {"detail": STALE})
    assert send(api, "patch", f"/clusters/{cluster.pk}", {"name": "X"}, officer_token).status_code == 403
    closed = api.post(f"/clusters/{cluster.pk}/close", {"date": "2026-12-31", "decision": "QĐ 99"}, board_token)
    assert (closed.status_code, closed.json()["valid_to"], closed.json()["closing_decision"]) == (
        200,
        "2026-12-31",
        "QĐ 99",
    )
    cluster.refresh_from_db()
    assert (cluster.name, cluster.valid_to) == ("Cụm Bắc", D(2026, 12, 31))
    assert list(
        ActivityLogEntry.objects.filter(action__startswith="cluster").order_by("id").values_list("action", flat=True)
    ) == [
        "cluster.founded",
        "cluster.changed",
        "cluster.closed",
    ]


def test_founding_in_another_province_is_forbidden(api, board_token):
    other = ProvinceFactory(name="Huế")
    response = api.post("/clusters", {"province_id": other.pk, "name": "Cụm Huế"}, board_token)
    assert response.status_code == 403
    missing = api.post("/clusters", {"province_id": 999999, "name": "Cụm"}, board_token)
    assert (missing.status_code, missing.json()) == (422, {"detail": "Không tìm thấy tỉnh: 999999"})
    assert not Cluster.objects.exists()


def test_rotation_order_and_a_two_people_stale_edit(api, board_token, officer_token, province):
    cluster = ClusterFactory(province=province, leader_selection=LeaderSelection.ROTATION)
    a, b, c = communes(province, "An", "Bình", "Cát")
    services.open_cluster_year(cluster, 2026, members=[a, b, c], leader=a, deputy=b)
    path = f"/clusters/{cluster.pk}/rotation"
    empty = api.get(path, officer_token).json()
    assert (empty["version"], empty["units"], empty["coming_years"]) == (0, [], [])
    assert send(api, "put", path, {"unit_ids": [a.pk, b.pk, c.pk], "version": 0}, officer_token).status_code == 403
    # Two board officers read version 0; the first saves, the second's save is a lost race (409) and writes nothing.
    first = send(api, "put", path, {"unit_ids": [a.pk, b.pk, c.pk], "version": 0}, board_token)
    second = send(api, "put", path, {"unit_ids": [c.pk, b.pk, a.pk], "version": 0}, board_token)
    assert first.status_code == 200
    assert (second.status_code, second.json()) == (409, {"detail": STALE})
    body = api.get(path, officer_token).json()
    assert (body["version"], [u["name"] for u in body["units"]]) == (1, ["An", "Bình", "Cát"])
    assert [(t["year"], t["leader"]["name"], t["deputy"]["name"]) for t in body["coming_years"]] == [
        (2027, "Bình", "Cát"),
        (2028, "Cát", "An"),
        (2029, "An", "Bình"),
        (2030, "Bình", "Cát"),
        (2031, "Cát", "An"),
    ]
    twice = send(api, "put", path, {"unit_ids": [a.pk, a.pk], "version": 1}, board_token)
    assert (twice.status_code, twice.json()) == (422, {"detail": "Xã An có hai lần trong thứ tự luân phiên."})
    assert list(RotationSlot.objects.filter(cluster=cluster).values_list("unit__name", flat=True)) == [
        "An",
        "Bình",
        "Cát",
    ]


def test_open_next_year_through_the_api(api, board_token, officer_token, province):
    cluster = ClusterFactory(province=province, leader_selection=LeaderSelection.ROTATION)
    a, b, c = communes(province, "An", "Bình", "Cát")
    year = services.open_cluster_year(cluster, 2026, members=[a, b, c], leader=a, deputy=b)
    path = f"/cluster-years/{year.pk}/next-year"
    refused = api.post(path, {}, board_token)
    assert (refused.status_code, refused.json()["detail"]) == (
        422,
        (
            "Cụm chọn Trưởng cụm luân phiên nhưng thứ tự luân phiên chưa có ít nhất hai đơn vị thành viên; "
            "hãy nhập thứ tự luân phiên trước."
        ),
    )
    services.set_rotation(cluster, [c, b, a], actor=None)
    assert api.post(path, {}, officer_token).status_code == 403
    response = api.post(path, {}, board_token)
    assert response.status_code == 201
    body = response.json()
    assert (body["year"]["year"], body["year"]["leader"]["name"], body["year"]["deputy"]["name"]) == (
        2027,
        "Cát",
        "Bình",
    )
    assert sorted(m["name"] for m in body["year"]["members"]) == ["An", "Bình", "Cát"]
    assert body["copied"] == {"phases": 0, "criteria": 0}
    assert ClusterYear.objects.filter(cluster=cluster).count() == 2
