import datetime
import decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy

from tests.factories import UnitFactory, UserFactory
from thidua.core.models import Notification
from thidua.core.services import log_action, mark_notifications_read, notify, snapshot
from thidua.organizations.models import Unit

pytestmark = pytest.mark.django_db


def test_log_action_records_actor_object_and_values():
    actor, unit = UserFactory(), UnitFactory(name="Lệ Thủy")
    entry = log_action(
        actor,
        "unit.changed",
        unit,
        old={"valid_to": None, "parent": None},
        new={"valid_to": datetime.date(2025, 6, 30), "parent": unit, "score": decimal.Decimal("9.50")},
        note="Sắp xếp",
        unit_id=unit.pk,
        province_id=unit.province_id,
    )
    entry.refresh_from_db()
    assert (entry.actor, entry.action, entry.note) == (actor, "unit.changed", "Sắp xếp")
    assert (entry.content_type, entry.object_id, entry.object_repr) == (
        ContentType.objects.get_for_model(Unit),
        str(unit.pk),
        "huyện Lệ Thủy",
    )
    assert entry.old_values == {"valid_to": None, "parent": None}
    assert entry.new_values == {"valid_to": "2025-06-30", "parent": unit.pk, "score": "9.50"}
    assert (entry.unit_id, entry.province_id) == (unit.pk, unit.province_id)


def test_log_action_without_object_or_user():
    entry = log_action(AnonymousUser(), "system.started", new={"labels": [gettext_lazy("Xong")], "ids": {3}})
    entry.refresh_from_db()
    assert (entry.actor, entry.content_type, entry.object_id, entry.object_repr) == (None, None, "", "")
    assert entry.new_values == {"labels": ["Xong"], "ids": [3]}
    assert log_action(None, "system.job").actor is None


def test_snapshot_reads_fields_as_json():
    unit = UnitFactory(name="A", valid_from=datetime.date(2020, 1, 1))
    assert snapshot(unit, ["name", "valid_from", "province"]) == {
        "name": "A",
        "valid_from": "2020-01-01",
        "province": unit.province_id,
    }


def test_notify_creates_once_per_recipient_and_emails_on_commit(django_capture_on_commit_callbacks, mailoutbox):
    first, second = UserFactory(email="a@example.invalid"), UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True):
        created = notify([first, first, second, None], "Đến hạn đăng ký thi đua", body="Còn 3 ngày", url="/thi-dua/")
    assert [n.recipient for n in created] == [first, second]
    assert [(m.subject, m.to, m.body) for m in mailoutbox] == [
        ("Đến hạn đăng ký thi đua", ["a@example.invalid"], "Còn 3 ngày\n\n/thi-dua/")
    ]
    assert Notification.objects.get(recipient=first).emailed_at is not None
    assert Notification.objects.get(recipient=second).emailed_at is None


def test_notify_dedup_key_sends_one_reminder(django_capture_on_commit_callbacks, mailoutbox):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify([user], "Nhắc hạn", dedup_key="phase-7")
        again = notify([user], "Nhắc hạn", dedup_key="phase-7")
    assert again == []
    assert Notification.objects.filter(recipient=user).count() == 1
    assert len(mailoutbox) == 1


def test_notify_without_email(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        notify([UserFactory()], "Chỉ trong ứng dụng", email=False)
    assert mailoutbox == []


def test_mark_notifications_read_all_or_some():
    user, other = UserFactory(), UserFactory()
    a, b, c = (Notification.objects.create(recipient=user, title=t) for t in "abc")
    theirs = Notification.objects.create(recipient=other, title="x")
    assert mark_notifications_read(user, [a.pk, theirs.pk]) == 1
    assert mark_notifications_read(user) == 2
    assert mark_notifications_read(user) == 0
    assert Notification.objects.filter(read_at__isnull=True).get() == theirs
    assert {n.pk for n in Notification.objects.filter(read_at__isnull=False)} == {a.pk, b.pk, c.pk}
