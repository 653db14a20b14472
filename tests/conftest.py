import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import (
    ClusterYearFactory,
    RoleAssignmentFactory,
    UnitFactory,
    UserFactory,
)
from thidua.organizations.enums import Role


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The login rate limit counts attempts per address in the cache: each test starts with none counted.
    cache.clear()


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files")},
        },
    }
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture
def make_user(db):
    """make_user(role, scope) -> a user holding that role on that unit, cluster year or province."""

    def make(role=None, scope=None, **kwargs):
        user = UserFactory(**kwargs)
        if role is None:
            return user
        field = {
            Role.UNIT_OFFICER: "unit",
            Role.UNIT_HEAD: "unit",
            Role.CLUSTER_SECRETARIAT: "cluster_year",
            Role.BOARD_OFFICER: "province",
            Role.COUNCIL_MEMBER: "province",
            Role.ADMIN: None,
        }[role]
        RoleAssignmentFactory(user=user, role=role, **({field: scope} if field else {}))
        return user

    return make


@pytest.fixture
def login():
    def make_client(user):
        client = Client()
        client.force_login(user)
        return client

    return make_client


@pytest.fixture
def unit(db):
    return UnitFactory()


@pytest.fixture
def cluster_year(db):
    return ClusterYearFactory()
