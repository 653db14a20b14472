"""Odd values typed into the cluster-year pages (found by probing the forms): a message, nothing saved, never a
server error."""

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import ProvinceFactory, cluster_year_with_members
from thidua.organizations.enums import Role
from thidua.organizations.models import ClusterYear

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999999"


@pytest.fixture
def board_and_year(make_user):
    province = ProvinceFactory(code="quang-tri", name="Quảng Trị")
    cy, units = cluster_year_with_members(2, year=2026, province=province)
    return make_user(Role.BOARD_OFFICER, province), cy, units


@pytest.mark.parametrize("year", ["10000", "99999", HUGE])
def test_a_year_past_the_calendar_is_a_form_error(login, board_and_year, year):
    board, cy, units = board_and_year
    response = login(board).post(
        reverse("organizations:cluster_year_open", args=[cy.cluster.pk]),
        {"year": year, "members": [u.pk for u in units]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["year"] == [
        "Đảm bảo giá trị này là nhỏ hơn hoặc bằng với 2100 ."
    ]  # Django's own Vietnamese
    assert ClusterYear.objects.count() == 1


def test_a_member_id_past_64_bits_changes_nothing(login, board_and_year):
    board, cy, _units = board_and_year
    response = login(board).post(
        reverse("organizations:cluster_year_open", args=[cy.cluster.pk]), {"year": "2027", "members": [HUGE]}
    )
    # SQLite cannot even compare such a number (OverflowError: answered 400 by core's BadInputMiddleware);
    # PostgreSQL compares it and the form finds no such unit.
    if connection.vendor == "sqlite":
        assert response.status_code == 400
        assert "Không có gì được lưu" in response.content.decode()
    else:
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["members"]
    assert ClusterYear.objects.count() == 1


def test_a_sound_year_still_opens(login, board_and_year):
    board, cy, units = board_and_year
    login(board).post(
        reverse("organizations:cluster_year_open", args=[cy.cluster.pk]),
        {"year": "2027", "members": [u.pk for u in units]},
    )
    assert sorted(ClusterYear.objects.values_list("year", flat=True)) == [2026, 2027]


def test_a_nul_character_is_refused_on_both_databases(login, board_and_year):
    board, cy, units = board_and_year
    response = login(board).post(
        reverse("organizations:cluster_year_open", args=[cy.cluster.pk]),
        {"year": "2027", "members": [u.pk for u in units], "motto": "Đoàn kết\x00"},
    )
    assert response.status_code == 400
    assert ClusterYear.objects.count() == 1
