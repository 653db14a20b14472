import datetime

import pytest

from tests.factories import PersonFactory, PositionFactory, ProvinceFactory, UnitFactory
from thidua.awards.catalogue import ensure_catalogue
from thidua.awards.legal_bases import ensure_rule_sets
from thidua.awards.models import AwardForm
from thidua.organizations.enums import Role


@pytest.fixture
def forms(db):
    ensure_catalogue()
    return {f.code: f for f in AwardForm.objects.all()}


@pytest.fixture
def rules(forms):
    ensure_rule_sets()
    return forms


@pytest.fixture
def world(rules, make_user):
    """A province with two units, a person in the first, and the usual roles."""
    province = ProvinceFactory()
    mine, theirs = UnitFactory(province=province), UnitFactory(province=province)
    person = PersonFactory(province=province)
    PositionFactory(person=person, unit=mine, valid_from=datetime.date(2020, 1, 1))
    return {
        "province": province,
        "mine": mine,
        "theirs": theirs,
        "person": person,
        "officer": make_user(Role.UNIT_OFFICER, mine),
        "other_officer": make_user(Role.UNIT_OFFICER, theirs),
        "board": make_user(Role.BOARD_OFFICER, province),
        "council": make_user(Role.COUNCIL_MEMBER, province),
        "outsider": make_user(Role.BOARD_OFFICER, ProvinceFactory()),
        "nobody": make_user(),
    }
