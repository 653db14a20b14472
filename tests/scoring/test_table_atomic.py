"""Creating a criteria table and its log entry land together or not at all."""

import pytest

from tests.factories import ClusterYearFactory
from thidua.core import kernel
from thidua.core.models import ActivityLogEntry
from thidua.scoring.models import CriteriaTable
from thidua.scoring.services import tables

pytestmark = pytest.mark.django_db


def test_a_failed_log_leaves_no_table(monkeypatch):
    cluster_year = ClusterYearFactory()

    def broken_log(*args, **kwargs):
        raise RuntimeError

    monkeypatch.setattr(kernel, "log", broken_log)
    with pytest.raises(RuntimeError):
        tables.create_table(cluster_year, actor=None)
    assert CriteriaTable.objects.count() == 0
    assert ActivityLogEntry.objects.count() == 0


def test_a_table_and_its_log_entry_are_written_together():
    cluster_year = ClusterYearFactory()
    table = tables.create_table(cluster_year, actor=None)
    entry = ActivityLogEntry.objects.get(action="scoring.table.created")
    assert entry.object_id == str(table.pk)
    assert entry.province_id == cluster_year.cluster.province_id
    assert entry.unit_id is None
