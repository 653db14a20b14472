from types import SimpleNamespace

import pytest

from tests.factories import cluster_year_with_members
from tests.scoring.factories import code_map, fill_self, make_table, open_self_assessment
from tests.scoring.helpers import pdf_file
from thidua.organizations.enums import Role
from thidua.scoring.enums import AssessmentState
from thidua.scoring.services.assessments import set_assessment_state, start_assessment


@pytest.fixture
def pdf():
    return pdf_file


@pytest.fixture
def world(db, make_user):
    """A cluster year of four members (A leader, B deputy, C, D), a sound 10-point table, self-assessment open,
    an officer and a head per unit, the secretariat and the board."""
    cluster_year, units = cluster_year_with_members(4)
    table = make_table(cluster_year)
    open_self_assessment(cluster_year)
    return SimpleNamespace(
        cy=cluster_year,
        units=units,
        table=table,
        criteria=code_map(table),
        officers=[make_user(Role.UNIT_OFFICER, u) for u in units],
        heads=[make_user(Role.UNIT_HEAD, u) for u in units],
        secretary=make_user(Role.CLUSTER_SECRETARIAT, cluster_year),
        board=make_user(Role.BOARD_OFFICER, cluster_year.cluster.province),
        outsider=make_user(),
    )


def submit_unit(world, index, values=None):
    """Start, fill (with evidence) and submit unit `index`'s self-assessment; returns it."""
    unit = world.units[index]
    assessment = start_assessment(world.cy, unit, actor=world.officers[index])
    fill_self(assessment, world.officers[index], values, evidence_file=pdf_file)
    set_assessment_state(assessment, AssessmentState.SUBMITTED, actor=world.heads[index])
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def submit():
    return submit_unit
