"""The service kernel: one permission check, one refusal type, one lost-edit answer, log scope from the object."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import ClusterYearFactory, UnitFactory
from tests.voting.factories import MeetingFactory
from thidua.core import kernel
from thidua.core.models import ActivityLogEntry
from thidua.organizations.enums import Role
from thidua.voting.models import Meeting

pytestmark = pytest.mark.django_db


def test_require_lets_the_system_through_and_checks_a_person(make_user):
    unit = UnitFactory()
    kernel.require(None, "organizations.change_unit", unit)  # the system: commands, demo loader, jobs
    officer = make_user(Role.UNIT_OFFICER, unit)
    with pytest.raises(PermissionDenied, match="không có quyền"):
        kernel.require(officer, "organizations.change_unit", unit)
    board = make_user(Role.BOARD_OFFICER, unit.province)
    kernel.require(board, "organizations.change_unit", unit)


def test_refusal_and_stale_edit_are_validation_errors_with_their_status():
    refusal = kernel.Refusal("Không được.")
    stale = kernel.StaleEdit()
    assert isinstance(refusal, ValidationError)
    assert isinstance(stale, kernel.Refusal)
    assert (refusal.status, stale.status) == (422, 409)
    assert stale.messages == [str(kernel.STALE)]
    assert stale.code == "stale"


def test_compare_and_set_writes_once_and_refuses_the_loser():
    meeting = MeetingFactory(title="Cũ")
    first = Meeting.objects.get(pk=meeting.pk)
    second = Meeting.objects.get(pk=meeting.pk)
    first.title = "Mới của người thứ nhất"
    kernel.compare_and_set(first, first.version, ["title"])
    assert first.version == meeting.version + 1
    second.title = "Mới của người thứ hai"
    with pytest.raises(kernel.StaleEdit):
        kernel.compare_and_set(second, meeting.version, ["title"])
    meeting.refresh_from_db()
    assert meeting.title == "Mới của người thứ nhất"
    assert meeting.version == first.version


def test_check_version_refuses_a_moved_row_and_accepts_an_unsent_version():
    meeting = MeetingFactory()
    kernel.check_version(meeting, None)
    kernel.check_version(meeting, meeting.version)
    with pytest.raises(kernel.StaleEdit) as lost:
        kernel.check_version(meeting, meeting.version - 1)
    assert lost.value.current is meeting


def test_log_takes_its_scope_from_the_object():
    unit = UnitFactory()
    cluster_year = ClusterYearFactory()
    kernel.log(None, "test.unit", unit)
    kernel.log(None, "test.year", cluster_year)
    by_action = {e.action: e for e in ActivityLogEntry.objects.all()}
    assert (by_action["test.unit"].unit_id, by_action["test.unit"].province_id) == (unit.pk, unit.province_id)
    assert by_action["test.year"].unit_id is None
    assert by_action["test.year"].province_id == cluster_year.cluster.province_id


def test_sync_copies_the_locked_row_onto_the_callers_instance():
    meeting = MeetingFactory(title="Cũ")
    fresh = Meeting.objects.get(pk=meeting.pk)
    fresh.title = "Mới"
    assert kernel.sync(meeting, fresh) is meeting
    assert meeting.title == "Mới"
