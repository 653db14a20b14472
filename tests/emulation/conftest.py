"""A cluster year of three members with its registration and pledge phases open, and the people who work on it."""

from dataclasses import dataclass

import pytest

from tests.emulation.factories import PhaseFactory
from tests.factories import UnitFactory, cluster_year_with_members
from thidua.awards.catalogue import ensure_catalogue
from thidua.emulation.enums import PhaseKind
from thidua.organizations.enums import Role


@dataclass
class Year:
    cluster_year: object
    units: list
    officers: list
    heads: list
    secretary: object
    board: object
    admin: object
    outsider: object

    @property
    def a(self):
        return self.units[0]

    @property
    def b(self):
        return self.units[1]


@pytest.fixture
def catalogue(db):
    ensure_catalogue()


@pytest.fixture
def year(db, make_user, catalogue):
    cluster_year, units = cluster_year_with_members(3)
    for kind in (PhaseKind.REGISTRATION, PhaseKind.PLEDGE, PhaseKind.REPORTING):
        PhaseFactory(cluster_year=cluster_year, kind=kind)
    return Year(
        cluster_year=cluster_year,
        units=units,
        officers=[make_user(Role.UNIT_OFFICER, u) for u in units],
        heads=[make_user(Role.UNIT_HEAD, u) for u in units],
        secretary=make_user(Role.CLUSTER_SECRETARIAT, cluster_year),
        board=make_user(Role.BOARD_OFFICER, cluster_year.cluster.province),
        admin=make_user(Role.ADMIN),
        outsider=make_user(Role.UNIT_OFFICER, UnitFactory()),
    )
