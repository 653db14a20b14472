"""Two people saving the same criterion at the same moment: exactly one wins, the other gets the current values.

The sequential stale-version cases are in test_assessments.py and test_reviews.py; this one really races two
database connections, so it needs a server database (PostgreSQL) and real transactions."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from tests.factories import RoleAssignmentFactory, UserFactory, cluster_year_with_members
from tests.scoring.factories import code_map, make_table, open_self_assessment
from thidua.core.kernel import StaleEdit
from thidua.organizations.enums import Role
from thidua.scoring.models import SelfScore
from thidua.scoring.services.assessments import save_self_score, start_assessment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two real connections (PostgreSQL)")
def test_simultaneous_saves_of_one_criterion_have_one_winner():
    cluster_year, units = cluster_year_with_members(2)
    criterion = code_map(make_table(cluster_year))["1.1"]
    open_self_assessment(cluster_year)
    people = [UserFactory(), UserFactory()]
    for person in people:
        RoleAssignmentFactory(user=person, role=Role.UNIT_OFFICER, unit=units[0])
    assessment = start_assessment(cluster_year, units[0], actor=people[0])
    save_self_score(assessment, criterion, actor=people[0], value=Decimal(1))
    barrier = threading.Barrier(2)
    outcomes = []

    def save(person, value):
        try:
            barrier.wait()
            save_self_score(assessment, criterion, actor=person, value=value, seen_version=1)
            outcomes.append("saved")
        except StaleEdit as lost:
            outcomes.append(f"conflict at version {lost.current.version}")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(p, Decimal(v))) for p, v in zip(people, (2, 3), strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict at version 2", "saved"]
    row = SelfScore.objects.get()
    assert (row.version, row.value in (Decimal(2), Decimal(3))) == (2, True)
