"""Writes about units and their history. Each one checks its guard, saves and logs in one transaction."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.core.services import log_action
from thidua.core.text import fold
from thidua.organizations.enums import LineageKind, LineageRole, UnitKind
from thidua.organizations.models import (
    LineageEvent,
    LineageLink,
    Unit,
    UnitName,
)
from thidua.organizations.services.accounts import end_roles_of_ended_units

ONE_DAY = datetime.timedelta(days=1)


def _d(day):
    return day.strftime("%d/%m/%Y")


def _unique(units):
    """The units in order, once each (a unit picked twice is one link, not an integrity error)."""
    seen, result = set(), []
    for unit in units:
        if unit.pk not in seen:
            seen.add(unit.pk)
            result.append(unit)
    return result


def _locked(units):
    # Lock the rows in a fixed order so that two people recording events at once cannot interleave.
    ids = sorted(u.pk for u in units)
    return {u.pk: u for u in Unit.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


def _unique_code(base):
    base = base[:90] or "don-vi"
    code, n = base, 2
    while Unit.objects.filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return code


@transaction.atomic
def create_unit(*, kind, name, province, actor=None, parent=None, valid_from=None, code="", note=""):
    """A new unit with its first name. The code is made from the province and name unless given."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Tên đơn vị không được để trống."))
    if province is None:
        raise ValidationError(_("Hãy chọn tỉnh của đơn vị."))
    if kind not in UnitKind.values:
        raise ValidationError(_("Loại đơn vị không hợp lệ."))
    if not code:
        code = _unique_code(re.sub(r"[^a-z0-9]+", "-", fold(f"{province.code} {kind} {name}")).strip("-"))
    elif Unit.objects.filter(code=code).exists():
        raise ValidationError(_("Mã đơn vị “%(code)s” đã có.") % {"code": code})
    unit = Unit.objects.create(
        code=code, kind=kind, name=name, province=province, parent=parent, valid_from=valid_from, note=note
    )
    UnitName.objects.create(unit=unit, name=name, valid_from=valid_from)
    log_action(
        actor,
        "unit.created",
        unit,
        new={"code": code, "kind": kind, "name": name, "valid_from": valid_from},
        unit_id=unit.pk,
        province_id=province.pk,
    )
    return unit


def _check_lineage_sides(kind, date, predecessors, successors):
    if kind != LineageKind.ESTABLISHED and not predecessors:
        raise ValidationError(_("Sự kiện này cần ít nhất một đơn vị trước."))
    if kind != LineageKind.DISSOLVED and not successors:
        raise ValidationError(_("Sự kiện này cần ít nhất một đơn vị sau."))
    last_day = date - ONE_DAY
    for unit in predecessors:
        if unit.valid_to is not None and unit.valid_to < last_day:
            raise ValidationError(
                _("%(unit)s đã kết thúc hoạt động ngày %(end)s, trước ngày hiệu lực %(date)s.")
                % {"unit": unit.full_name, "end": _d(unit.valid_to), "date": _d(date)}
            )
        if unit.valid_from is not None and unit.valid_from > last_day:
            raise ValidationError(
                _("%(unit)s bắt đầu hoạt động ngày %(start)s, sau ngày hiệu lực %(date)s.")
                % {"unit": unit.full_name, "start": _d(unit.valid_from), "date": _d(date)}
            )
    for unit in successors:
        if not unit.is_active_on(date):
            raise ValidationError(
                _("%(unit)s không hoạt động vào ngày hiệu lực %(date)s.") % {"unit": unit.full_name, "date": _d(date)}
            )


@transaction.atomic
def record_lineage_event(
    *,
    kind,
    date,
    predecessors,
    successors,
    actor=None,
    decision="",
    decision_date=None,
    note="",
    end_predecessors=True,
    new_successor=None,
):
    """Record that some units became others on a date. Predecessors that do not continue end the day before.

    A successor must be active on the date. new_successor={"kind", "name", "province"} creates one more successor,
    starting on the date, in the same transaction (the usual case: several communes merge into a new one).
    """
    predecessors, successors = _unique(predecessors), _unique(successors)
    if new_successor:
        successors.append(create_unit(**new_successor, valid_from=date, actor=actor))
    originals = {u.pk: u for u in predecessors}
    locked = _locked(predecessors + successors)
    predecessors = [locked[u.pk] for u in predecessors]
    successors = [locked[u.pk] for u in successors]
    _check_lineage_sides(kind, date, predecessors, successors)
    event = LineageEvent.objects.create(kind=kind, date=date, decision=decision, decision_date=decision_date, note=note)
    LineageLink.objects.bulk_create(
        [LineageLink(event=event, unit=u, role=LineageRole.PREDECESSOR) for u in predecessors]
        + [LineageLink(event=event, unit=u, role=LineageRole.SUCCESSOR) for u in successors]
    )
    continuing = {u.pk for u in successors}
    if end_predecessors:
        last_day = date - ONE_DAY
        ended = []
        for unit in predecessors:
            if unit.pk in continuing or (unit.valid_to is not None and unit.valid_to <= last_day):
                continue
            ended.append(unit)
            old = unit.valid_to
            unit.valid_to = originals[unit.pk].valid_to = last_day
            unit.save(update_fields=["valid_to"])
            unit.names.filter(valid_to__isnull=True).update(valid_to=last_day)
            log_action(
                actor,
                "unit.ended",
                unit,
                old={"valid_to": old},
                new={"valid_to": last_day},
                note=str(event),
                unit_id=unit.pk,
                province_id=unit.province_id,
            )
        # The people of an ended unit no longer act for it; the board is told and offered the successor.
        end_roles_of_ended_units(ended, last_day, event=event, actor=actor)
    # The province of the units that carry on (or of the ended ones) lets the board find the entry.
    anchor = (successors or predecessors)[0]
    log_action(
        actor,
        "lineage.recorded",
        event,
        new={
            "kind": kind,
            "date": date,
            "decision": decision,
            "predecessors": [u.pk for u in predecessors],
            "successors": [u.pk for u in successors],
        },
        note=note,
        unit_id=anchor.pk,
        province_id=anchor.province_id,
    )
    return event


def _open_name(unit):
    """The unit's current entry in its name history, created from the unit itself when it has none yet."""
    current = unit.names.filter(valid_to__isnull=True).order_by("-id").first()
    if current is None and not unit.names.exists():
        current = UnitName.objects.create(unit=unit, name=unit.name, valid_from=unit.valid_from)
    return current


@transaction.atomic
def rename_unit(unit, new_name, *, date, actor=None, decision="", expected_name=None):
    """Đổi tên: the old name is kept in the name history, ending the day before.

    expected_name is the name the user saw; if someone renamed the unit meanwhile, nothing changes.
    """
    new_name = (new_name or "").strip()
    if not new_name:
        raise ValidationError(_("Tên mới không được để trống."))
    original = unit
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if expected_name is not None and expected_name != unit.name:
        raise kernel.StaleEdit(
            _("Đơn vị vừa được người khác đổi tên thành “%(name)s”. Hãy xem lại trước khi đổi.") % {"name": unit.name}
        )
    if new_name == unit.name:
        raise ValidationError(_("Tên mới trùng với tên hiện tại."))
    if not unit.is_active_on(date):
        raise ValidationError(
            _("%(unit)s không hoạt động vào ngày %(date)s.") % {"unit": unit.full_name, "date": _d(date)}
        )
    current = _open_name(unit)
    if current is not None:
        if current.valid_from is not None and current.valid_from >= date:
            raise ValidationError(
                _("Tên hiện tại có hiệu lực từ %(start)s; ngày đổi tên phải sau ngày đó.")
                % {"start": _d(current.valid_from)}
            )
        current.valid_to = date - ONE_DAY
        current.save(update_fields=["valid_to"])
    UnitName.objects.create(unit=unit, name=new_name, valid_from=date)
    old = unit.name
    unit.name = new_name
    unit.save(update_fields=["name", "folded_name"])
    original.name, original.folded_name = unit.name, unit.folded_name
    event = LineageEvent.objects.create(
        kind=LineageKind.RENAMED, date=date, decision=decision, note=f"{old} → {new_name}"
    )
    LineageLink.objects.bulk_create(
        [
            LineageLink(event=event, unit=unit, role=LineageRole.PREDECESSOR),
            LineageLink(event=event, unit=unit, role=LineageRole.SUCCESSOR),
        ]
    )
    log_action(
        actor,
        "unit.renamed",
        unit,
        old={"name": old},
        new={"name": new_name, "date": date, "decision": decision},
        unit_id=unit.pk,
        province_id=unit.province_id,
    )
    return original


def units_by_code(codes):
    found = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationError(_("Không tìm thấy đơn vị: %(codes)s") % {"codes": ", ".join(missing)})
    return [found[c] for c in codes]
