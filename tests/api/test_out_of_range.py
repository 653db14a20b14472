"""Numbers no database can hold are bad input (422) or simply past the end of a list, never a server error.

Found by the schemathesis run (tests/fuzz): a 70-bit id in a list of ids, or an offset past 2**63, used to end in
an OverflowError (SQLite) or a DataError (PostgreSQL)."""

import pytest

from tests.factories import ProvinceFactory, UnitFactory, cluster_year_with_members
from thidua.api.common import OUT_OF_RANGE
from thidua.emulation.models import Movement
from thidua.organizations.enums import Role
from thidua.organizations.services import cluster_year_state

pytestmark = pytest.mark.django_db
HUGE = 2**70


@pytest.fixture
def board(api, make_user):
    province = ProvinceFactory()
    return province, api.token_for(make_user(Role.BOARD_OFFICER, province))


def test_an_offset_past_the_end_is_an_empty_page(api, make_user):
    token = api.token_for(make_user(Role.UNIT_OFFICER, UnitFactory()))
    for path in ("/people", "/units", "/movements", "/exemplars"):
        response = api.get(path, token, offset=HUGE)
        assert (path, response.status_code, response.json()) == (path, 200, [])
    public = api.get("/honour-board", offset=HUGE)
    assert (public.status_code, public.json()) == (200, [])


def test_a_huge_id_in_a_list_of_ids_is_refused_and_changes_nothing(api, board):
    province, token = board
    cy, units = cluster_year_with_members(2, year=2025, province=province)
    before = cluster_year_state(cy)
    payload = {"member_ids": [units[0].pk, HUGE], "expected_state": before}
    response = api.post(f"/cluster-years/{cy.pk}/members", payload, token)
    # SQLite cannot even compare such a number (out of range); PostgreSQL finds no such unit.
    assert response.status_code == 422
    assert response.json()["detail"] in {OUT_OF_RANGE, f"Không tìm thấy đơn vị: {HUGE}"}
    assert cluster_year_state(cy) == before


def test_a_huge_id_in_a_new_movement_is_no_server_error(api, board):
    _province, token = board
    payload = {"name": "Phong trào thử", "level": "provincial", "kind": "regular", "cluster_ids": [HUGE]}
    response = api.post("/movements", payload, token)
    # Unknown cluster ids are left out (as any unknown id is); SQLite refuses the number itself.
    if response.status_code == 422:
        assert response.json() == {"detail": OUT_OF_RANGE}
        assert Movement.objects.count() == 0
    else:
        assert (response.status_code, list(Movement.objects.get().clusters.all())) == (200, [])


def test_a_huge_path_id_is_refused(api, make_user):
    unit = UnitFactory()
    token = api.token_for(make_user(Role.UNIT_OFFICER, unit))
    data = {"unit_id": unit.pk, "year": 2024, "period": "6 tháng", "content": "Kết quả"}
    response = api.client.post(f"/api/v1/movements/{HUGE}/reports", data, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code in {404, 422}
    assert response.status_code != 500
