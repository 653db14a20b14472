"""The service kernel: how every write in Thidua checks permission, refuses, guards against lost edits and logs.

Every app's services use these and nothing else of the kind:

- `require(actor, perm, obj)`: the one permission check. The permission is a name registered in an app's
  `rules.py`, so a page, the API and a service ask the same question. `actor=None` is the system itself
  (management commands, the demo loader, background jobs started by a person who was checked when they started
  it); any other actor must hold the permission.
- `Refusal`: a service refused and wrote nothing. It is a `ValidationError`, so forms and pages show its
  Vietnamese message; the API answers its `status` (422).
- `StaleEdit`: the caller lost an edit race (someone saved the same record after the caller read it). The API
  answers 409 for every one of them; pages show the message and the current values.
- `compare_and_set()` / `check_version()`: optimistic locking on a model's `version` column.
- `log()`: an activity-log entry whose scope (unit, province) is read from the object itself.
- `sync()`: copy a re-read (locked) row back onto the caller's instance, so a transition that locks never
  leaves its caller holding stale values. Transitions return the caller's instance, updated.

How a page runs a service is in `core/web.py`; how the API answers a refusal is in `api/common.py`.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.services import log_action

FORBIDDEN = gettext_lazy("Bạn không có quyền thực hiện thao tác này.")
STALE = gettext_lazy(
    "Người khác vừa sửa nội dung này sau khi bạn mở nó. Trang đã hiện giá trị mới nhất; hãy xem lại rồi làm tiếp."
)


class Refusal(ValidationError):  # noqa: N818 - a domain outcome shown to the user, not a programming error
    """A service refused: nothing was written. `status` is the HTTP answer the API gives."""

    status = 422


class StaleEdit(Refusal):
    """A lost edit race: someone saved the same record after the caller read it. Nothing was written.

    `current` is the record as it is now, where the service has it (the score pages show it beside the form);
    `payload` is what the API adds to its 409 answer beside `detail` (the current values, say)."""

    status = 409

    def __init__(self, message=None, *, current=None, payload=None):
        super().__init__(message or STALE, code="stale")
        self.current = current
        self.payload = payload or {}


def require(actor, perm, obj=None, message=None):
    """Refuse (PermissionDenied) unless `actor` holds `perm` on `obj`. `actor=None` is the system itself."""
    if actor is None:
        return
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message or FORBIDDEN)


def refuse(message, **params):
    """Raise a Refusal with a message already translated by the caller, formatted with `params`."""
    raise Refusal(message % params if params else message)


def check_transition(states, transitions, old, new, *, what):
    """The workflow's state `new` (a value of the TextChoices `states`), if its table `transitions` (state -> set
    of next states, kept beside the states in the app's enums.py) allows the move from `old`. `what` names the
    record in the refusal ("đăng ký", "tờ trình")."""
    if new not in states.values:
        raise Refusal(_("Không có trạng thái %(what)s “%(state)s”.") % {"what": what, "state": new})
    old, new = states(old), states(new)
    if new not in transitions[old]:
        raise Refusal(
            _("Không thể chuyển %(what)s từ “%(old)s” sang “%(new)s”.")
            % {"what": what, "old": old.label, "new": new.label}
        )
    return new


def check_version(instance, seen_version, *, message=None):
    """For a row the caller has locked (select_for_update): refuse if it moved past the version the user read.

    `seen_version=None` means the caller did not read one (a system write, or an API call that does not send it)."""
    if seen_version is not None and int(seen_version) != instance.version:
        raise StaleEdit(message, current=instance)


def compare_and_set(instance, seen_version, fields, *, message=None, extra=None):
    """Write `fields` of `instance` only if its row still has `seen_version`, and bump the version.

    The guard is the UPDATE ... WHERE version = seen itself, so of two saves at the same moment exactly one wins;
    the loser gets StaleEdit. `extra` adds conditions the row must still meet (e.g. `state__in=...`).
    `seen_version=None` takes the instance's own version. Sets `instance.version` to the new one."""
    if seen_version is None:
        seen_version = instance.version
    values = {name: getattr(instance, name) for name in fields}
    rows = type(instance)._default_manager.filter(pk=instance.pk, version=seen_version, **(extra or {}))  # noqa: SLF001 - Django's public manager attribute
    if not rows.update(version=F("version") + 1, **values):
        raise StaleEdit(message)
    instance.version = int(seen_version) + 1
    return instance


def save_row_versioned(model, lookup, seen_version, values, *, conflict=None, never_saved=None):
    """Write the row `lookup` names only if nobody saved it since the caller read `seen_version` (0: never saved,
    so create it). Returns the row as the database keeps it.

    For rows that are written many at a time from one page (scores): the guard is the UPDATE ... WHERE version
    = seen itself, and a create that collides with another is a lost race like any other. The loser gets
    StaleEdit, with `conflict(current)` as its message when given and the current row in `current`."""
    rows = model._default_manager.filter(**lookup)  # noqa: SLF001 - Django's public manager attribute
    now = timezone.now()
    if rows.filter(version=seen_version).update(**values, version=F("version") + 1, updated_at=now):
        return rows.get()
    if seen_version == 0:
        try:
            with transaction.atomic():
                model._default_manager.create(**lookup, **values, version=1)  # noqa: SLF001 - as above
            return rows.get()  # read back: the figures as the database keeps them
        except IntegrityError:
            pass  # created by someone else in the meantime
    current = rows.first()
    if current is None:
        # A version for a row that was never saved: a tampered or very old form, not a race.
        raise Refusal(never_saved or STALE)
    raise StaleEdit(conflict(current) if conflict else None, current=current)


def sync(original, fresh):
    """Copy a re-read (locked) row's values onto the caller's instance, so it does not go stale."""
    if original is not fresh:
        for field in fresh._meta.concrete_fields:  # noqa: SLF001 - Django's public model metadata
            setattr(original, field.attname, getattr(fresh, field.attname))
    return original


def scope_of_object(obj):
    """The activity log's scope columns (unit_id, province_id), read from the object and what it hangs on.

    A model that knows better defines `activity_scope()` returning the same dict.
    A unit's own record is scoped to the unit, so its officers and its province's board read the entry; a
    cluster year's, a meeting's or a province's record to the province only."""
    if hasattr(obj, "activity_scope"):
        return obj.activity_scope()
    if type(obj).__name__ == "Unit":
        return {"unit_id": obj.pk, "province_id": obj.province_id}
    unit_id = None
    current = obj
    for _step in range(6):  # object -> owner -> ...: never more than a few steps in this schema
        if current is None:
            break
        if unit_id is None and getattr(current, "unit_id", None) is not None and _owns_unit(current):
            unit_id = current.unit_id
        if getattr(current, "province_id", None) is not None:
            return {"unit_id": unit_id, "province_id": current.province_id}
        current = _owner(current)
    return {"unit_id": unit_id, "province_id": None}


_OWNER_ATTRIBUTES = (
    "unit",
    "table",
    "assessment",
    "assignment",
    "cluster_year",
    "cluster",
    "meeting",
    "proposal",
    "registration",
    "pledge",
    "ballot",
)


def _owns_unit(obj):
    # A record that names a unit belongs to it (a registration, an award record, a proposal of a unit). A
    # proposal of the cluster or of the board names a unit as its drafter but is not that unit's own record.
    proposer_kind = getattr(obj, "proposer_kind", None)
    return proposer_kind in {None, "unit"}


def _owner(obj):
    for name in _OWNER_ATTRIBUTES:
        if getattr(type(obj), name, None) is not None and getattr(obj, f"{name}_id", None) is not None:
            return getattr(obj, name)
    return None


def log(actor, action, obj=None, *, old=None, new=None, note="", scope=None, unit_id=None, province_id=None):
    """Record one write in the activity log, inside the transaction that made it.

    The entry's scope (which unit's staff and which province's board read it) comes from `obj`, or from `scope`
    when the write belongs to another record than the one it changed (a head's signature on the cluster's
    pledge is the signing unit's act). `unit_id`/`province_id` name it outright where there is no object."""
    if unit_id is None and province_id is None and (scope is not None or obj is not None):
        derived = scope_of_object(scope if scope is not None else obj)
        unit_id, province_id = derived["unit_id"], derived["province_id"]
    return log_action(actor, action, obj, old=old, new=new, note=note, unit_id=unit_id, province_id=province_id)


def messages_of(error):
    """The Vietnamese sentences a refusal carries, for a page message or an API `detail`."""
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error) or str(FORBIDDEN)]


__all__ = [
    "FORBIDDEN",
    "STALE",
    "Refusal",
    "StaleEdit",
    "check_transition",
    "check_version",
    "compare_and_set",
    "log",
    "messages_of",
    "refuse",
    "require",
    "save_row_versioned",
    "scope_of_object",
    "sync",
]
