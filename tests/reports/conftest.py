import datetime

import pytest

from tests.factories import PersonFactory, PositionFactory, ProvinceFactory, UnitFactory, cluster_year_with_members
from thidua.awards.catalogue import ensure_catalogue
from thidua.awards.models import AwardForm
from thidua.organizations.enums import Role, UnitKind


@pytest.fixture
def immediate_tasks(settings):
    """Background jobs run at once, inside the test (django-tasks' immediate backend)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def forms(db):
    ensure_catalogue()
    return {f.code: f for f in AwardForm.objects.all()}


@pytest.fixture
def world(forms, make_user):
    """A province with a 2023 cluster of three members; a commune under the first; people; every role."""
    province = ProvinceFactory()
    cluster_year, units = cluster_year_with_members(3, year=2023, province=province)
    commune = UnitFactory(province=province, parent=units[0], kind=UnitKind.COMMUNE)
    farmer = PersonFactory(province=province, is_direct_labourer=True)
    clerk = PersonFactory(province=province)
    PositionFactory(person=farmer, unit=commune, valid_from=datetime.date(2020, 1, 1))
    PositionFactory(person=clerk, unit=units[2], valid_from=datetime.date(2020, 1, 1))
    other_province = ProvinceFactory()
    return {
        "province": province,
        "cluster_year": cluster_year,
        "cluster": cluster_year.cluster,
        "units": units,
        "commune": commune,
        "farmer": farmer,
        "clerk": clerk,
        "forms": forms,
        "board": make_user(Role.BOARD_OFFICER, province),
        "council": make_user(Role.COUNCIL_MEMBER, province),
        "secretary": make_user(Role.CLUSTER_SECRETARIAT, cluster_year),
        "officer": make_user(Role.UNIT_OFFICER, units[0]),
        "other_officer": make_user(Role.UNIT_OFFICER, units[2]),
        "outsider": make_user(Role.BOARD_OFFICER, other_province),
        "admin": make_user(Role.ADMIN),
        "nobody": make_user(),
        "other_province": other_province,
    }
