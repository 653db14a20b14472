import datetime

import pytest
from django.core.management import call_command

from tests.emulation.factories import PhaseFactory, today
from tests.emulation.helpers import fill
from tests.factories import UnitFactory
from thidua.core.models import Notification
from thidua.emulation import selectors, services
from thidua.emulation.enums import PhaseKind
from thidua.emulation.models import Phase
from thidua.emulation.selectors import _PHASE_PENDING, register_phase_pending
from thidua.emulation.tasks import send_phase_reminders_task


def set_registration_end(year, days):
    Phase.objects.filter(kind=PhaseKind.REGISTRATION).update(ends_on=today() + datetime.timedelta(days=days))


@pytest.fixture
def closing_soon(year, settings):
    settings.REMINDER_DAYS_BEFORE_PHASE_CLOSE = 3
    Phase.objects.filter(kind__in=[PhaseKind.PLEDGE, PhaseKind.REPORTING]).delete()
    set_registration_end(year, 2)
    return year


def test_reminds_each_pending_unit_once(closing_soon):
    year = closing_soon
    registration = services.registration_for(year.cluster_year, year.a, actor=year.officers[0])
    services.set_registration_state(fill(registration, year.officers[0]), "submitted", actor=year.officers[0])
    Notification.objects.all().delete()
    assert services.send_phase_reminders() == 4  # officer and head of the two units that have not sent
    reminded = set(Notification.objects.values_list("recipient_id", flat=True))
    assert reminded == {u.pk for u in year.officers[1:] + year.heads[1:]}
    notice = Notification.objects.filter(recipient=year.officers[1]).get()
    assert notice.title == (
        f"Nhắc hạn: “Đăng ký thi đua” năm 2024 kết thúc ngày {(today() + datetime.timedelta(days=2)):%d/%m/%Y}"
    )
    assert notice.body == f"{year.b.full_name} chưa hoàn thành việc của giai đoạn này. Còn 2 ngày."
    assert notice.level == "warning"
    assert services.send_phase_reminders() == 0
    assert Phase.objects.get(kind=PhaseKind.REGISTRATION).reminder_sent_on == today()


def test_no_reminder_when_phase_ends_later_than_setting(closing_soon, settings):
    settings.REMINDER_DAYS_BEFORE_PHASE_CLOSE = 1
    assert services.send_phase_reminders() == 0


def test_no_reminder_for_closed_phase(closing_soon):
    Phase.objects.filter(kind=PhaseKind.REGISTRATION).update(override="closed")
    assert services.send_phase_reminders() == 0


def test_no_reminder_after_phase_ended(closing_soon):
    set_registration_end(closing_soon, -1)
    assert services.send_phase_reminders() == 0


def test_pledge_pending_only_while_open(year):
    assert selectors.phase_pending_units(year.cluster_year, PhaseKind.PLEDGE) == []
    pledge = services.create_pledge(year.cluster_year, actor=year.secretary, motto="M", items=["x"])
    assert selectors.phase_pending_units(year.cluster_year, PhaseKind.PLEDGE) == []
    services.set_pledge_state(pledge, "open", actor=year.secretary)
    services.sign_pledge(pledge, actor=year.heads[0])
    pending = selectors.phase_pending_units(year.cluster_year, PhaseKind.PLEDGE)
    assert {u.pk for u in pending} == {year.units[1].pk, year.units[2].pk}


def test_registry_takes_other_apps_phases(closing_soon, make_user):
    # REVIEW: a phase no app registers pending units for (scoring registers SELF_ASSESSMENT itself).
    year = closing_soon
    extra = UnitFactory(province=year.a.province)
    PhaseFactory(cluster_year=year.cluster_year, kind=PhaseKind.REVIEW, ends_on=today() + datetime.timedelta(days=1))
    officer = make_user("unit_officer", extra)

    def not_reviewed(cluster_year):
        return [extra]

    register_phase_pending(PhaseKind.REVIEW, not_reviewed)
    try:
        assert selectors.phase_pending_units(year.cluster_year, PhaseKind.REVIEW) == [extra]
        services.send_phase_reminders()
    finally:
        _PHASE_PENDING[PhaseKind.REVIEW].remove(not_reviewed)
    assert Notification.objects.filter(recipient=officer, title__contains="Thẩm định").count() == 1


def test_command_and_task(closing_soon, capsys):
    call_command("send_phase_reminders")
    assert "Đã gửi 6 thông báo nhắc hạn (nhắc trước 3 ngày)." in capsys.readouterr().out
    Notification.objects.all().delete()
    result = send_phase_reminders_task.call()
    assert result == 6


def test_command_with_day(closing_soon, capsys):
    day = today() - datetime.timedelta(days=30)
    call_command("send_phase_reminders", day=day.isoformat())
    assert "Đã gửi 0 thông báo" in capsys.readouterr().out
    assert Notification.objects.count() == 0
