import datetime
from dataclasses import dataclass

import pytest

from tests.factories import ProvinceFactory, cluster_year_with_members
from tests.voting.factories import COUNCIL_RULES, RuleSetFactory
from thidua.awards.catalogue import ensure_catalogue
from thidua.awards.enums import RuleSetKind
from thidua.awards.legal_bases import ensure_rule_sets
from thidua.awards.models import AwardForm
from thidua.emulation.enums import PhaseKind, PhaseOverride
from thidua.emulation.models import Phase
from thidua.organizations.enums import Role


@dataclass
class World:
    province: object
    cluster_year: object
    units: list
    forms: dict
    secretary: object
    board: object
    second_board: object
    council: list
    officer: object  # of units[0]
    other_officer: object  # of units[1]
    outsider: object  # a board officer of another province
    nobody: object  # a user without any role
    admin: object
    phase: object
    council_rules: object


@pytest.fixture
def world(db, make_user):
    ensure_catalogue()
    ensure_rule_sets()
    cluster_year, units = cluster_year_with_members(4, year=2023)
    province = cluster_year.cluster.province
    phase = Phase.objects.create(
        cluster_year=cluster_year,
        kind=PhaseKind.PROPOSALS,
        starts_on=datetime.date(2024, 1, 15),
        ends_on=datetime.date(2024, 1, 31),
        override=PhaseOverride.OPENED,
    )
    council_rules = RuleSetFactory(
        kind=RuleSetKind.COUNCIL_VOTING, parameters=dict(COUNCIL_RULES), valid_from=datetime.date(2017, 1, 1)
    )
    return World(
        province=province,
        cluster_year=cluster_year,
        units=units,
        forms={f.code: f for f in AwardForm.objects.all()},
        secretary=make_user(Role.CLUSTER_SECRETARIAT, cluster_year, full_name="Thư Ký Cụm"),
        board=make_user(Role.BOARD_OFFICER, province, full_name="Cán Bộ Ban"),
        second_board=make_user(Role.BOARD_OFFICER, province, full_name="Cán Bộ Ban Hai"),
        council=[make_user(Role.COUNCIL_MEMBER, province, full_name=f"Thành Viên {i}") for i in (1, 2, 3)],
        officer=make_user(Role.UNIT_OFFICER, units[0]),
        other_officer=make_user(Role.UNIT_OFFICER, units[1]),
        outsider=make_user(Role.BOARD_OFFICER, ProvinceFactory()),
        nobody=make_user(),
        admin=make_user(Role.ADMIN),
        phase=phase,
        council_rules=council_rules,
    )
