"""Numbers too large for the columns that hold them (found by probing the forms with odd values): refused with a
Vietnamese message, nothing saved, never a server error (decimal.InvalidOperation, or PostgreSQL's numeric overflow)."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.scoring.factories import set_phase
from thidua.emulation.enums import PhaseKind
from thidua.scoring.calculation import parse_decimal
from thidua.scoring.enums import CriterionKind
from thidua.scoring.models import Criterion, SelfScore
from thidua.scoring.services import tables as table_services
from thidua.scoring.services.assessments import save_self_score, start_assessment

HTMX = {"HTTP_HX_REQUEST": "true"}
TOO_LARGE = "“%s” quá lớn: chỉ nhận số nhỏ hơn 1000000000000."


@pytest.fixture
def draft(world):
    return start_assessment(world.cy, world.units[2], actor=world.officers[2])


@pytest.mark.parametrize("raw", ["1e308", "99999999999999999999999", "1000000000000", "-1e20"])
def test_parse_refuses_numbers_the_columns_cannot_hold(raw):
    with pytest.raises(ValidationError) as refused:
        parse_decimal(raw)
    assert refused.value.messages == [TOO_LARGE % raw]


def test_parse_still_takes_the_largest_number_that_fits():
    assert parse_decimal("999999999999,99") == Decimal("999999999999.99")


@pytest.mark.parametrize("raw", ["1e308", "99999999999999999999999"])
def test_huge_value_on_the_page_is_refused_and_saves_nothing(world, draft, login, raw):
    url = reverse("scoring:self_score_save", args=[draft.pk, world.criteria["1.1"].pk])
    response = login(world.officers[2]).post(url, {"value": raw, "note": "", "version": 0}, **HTMX)
    assert response.status_code == 200
    assert TOO_LARGE % raw in response.content.decode()
    assert SelfScore.objects.count() == 0


def test_a_fitting_value_on_the_page_is_still_saved(world, draft, login):
    url = reverse("scoring:self_score_save", args=[draft.pk, world.criteria["1.1"].pk])
    login(world.officers[2]).post(url, {"value": "3,5", "note": "", "version": 0}, **HTMX)
    assert SelfScore.objects.get().value == Decimal("3.5")


def test_huge_percentage_is_refused_by_the_service(world, draft):
    # A percentage above its target is capped at the maximum, so nothing else stopped a value past the column.
    assert world.criteria["2.1"].kind == CriterionKind.PERCENT
    with pytest.raises(ValidationError) as refused:
        save_self_score(draft, world.criteria["2.1"], actor=world.officers[2], value=Decimal(10) ** 13)
    assert refused.value.messages == ["Tiêu chí 2.1: giá trị phải nhỏ hơn 1000000000000."]
    assert SelfScore.objects.count() == 0


def test_huge_value_in_the_api_is_422(world, draft, login):
    url = f"/api/v1/scoring/assessments/{draft.pk}/scores/{world.criteria['1.1'].pk}"
    response = login(world.officers[2]).put(url, json.dumps({"value": 1e308, "version": 0}), "application/json")
    assert (response.status_code, response.json()) == (422, {"detail": TOO_LARGE % "1e+308"})
    assert SelfScore.objects.count() == 0


def test_criterion_maximum_past_its_column_is_refused(world):
    set_phase(world.cy, PhaseKind.SELF_ASSESSMENT, "future")
    fields = {"parent": world.criteria["I"], "code": "1.9", "title": "Mới", "kind": CriterionKind.POINTS}
    with pytest.raises(ValidationError) as refused:
        table_services.save_criterion(world.table, actor=world.secretary, max_points=Decimal(10) ** 7, **fields)
    assert refused.value.messages == ["Điểm tối đa phải nhỏ hơn 10000000."]
    assert not Criterion.objects.filter(table=world.table, code="1.9").exists()
    kept = table_services.save_criterion(world.table, actor=world.secretary, max_points=Decimal(9999999), **fields)
    assert kept.max_points == Decimal(9999999)


def test_table_total_past_its_column_is_refused(world):
    set_phase(world.cy, PhaseKind.SELF_ASSESSMENT, "future")
    with pytest.raises(ValidationError) as refused:
        table_services.update_table_settings(world.table, actor=world.secretary, total_points=Decimal(10) ** 7)
    assert refused.value.messages == ["Số điểm phải nhỏ hơn 10000000."]
    world.table.refresh_from_db()
    assert world.table.total_points == Decimal(10)
