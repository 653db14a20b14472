"""Writes every app shares: the activity log and notifications."""

import datetime
import decimal
import logging

from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise

from thidua.core.models import ActivityLogEntry, Notification

logger = logging.getLogger(__name__)


def _jsonable(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, Promise)):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    return value


def snapshot(instance, fields):
    """The current values of the named fields, ready for the log's old/new columns."""
    return {name: _jsonable(getattr(instance, name)) for name in fields}


def log_action(actor, action, obj=None, *, old=None, new=None, note="", unit_id=None, province_id=None):
    """Record one write. Call it inside the transaction that made the write, so both land or neither."""
    entry = ActivityLogEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        old_values=_jsonable(old or {}),
        new_values=_jsonable(new or {}),
        note=note,
        unit_id=unit_id,
        province_id=province_id,
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:300]
    entry.save()
    return entry


def notify(recipients, title, *, body="", url="", level="info", dedup_key="", email=True):
    """Put a notification in each recipient's list and e-mail it once the transaction commits."""
    created = []
    for user in {u.pk: u for u in recipients if u is not None}.values():
        if dedup_key and Notification.objects.filter(recipient=user, dedup_key=dedup_key).exists():
            continue
        created.append(
            Notification.objects.create(
                recipient=user, title=title[:300], body=body, url=url, level=level, dedup_key=dedup_key
            )
        )
    if email and created:
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: _send_emails(ids))
    return created


def _send_emails(notification_ids):
    for notification in Notification.objects.filter(pk__in=notification_ids).select_related("recipient"):
        address = notification.recipient.email
        if not address:
            continue
        try:
            send_mail(notification.title, f"{notification.body}\n\n{notification.url}".strip(), None, [address])
        except OSError:
            # Mail servers on government networks come and go; the in-app list still holds the notice.
            logger.warning("Could not e-mail notification %s", notification.pk)
            continue
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def mark_notifications_read(user, ids=None):
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())
