"""A province and its units from an official list (CSV), for a fresh installation (manage.py setup_province).

The CSV format, UTF-8 with a header row (other columns are ignored):

- `code` (required): the unit's code within the province, lower-case letters without tones, digits and hyphens;
  the unit is stored as `<province code>-<code>`, so running the list again finds it.
- `kind` (required): xã, phường, thị trấn, đặc khu, huyện, thị xã, thành phố, sở, ban, ngành or
  "cơ quan, đơn vị khác" (the labels of UnitKind, with or without tones).
- `name` (required): the name without its kind ("Nam Gianh", not "xã Nam Gianh").
- `valid_from` (optional): the day the unit started, dd/mm/yyyy or yyyy-mm-dd.
- `parent` (optional): the code of the unit above it, a row earlier in the file or a unit already there.
- `note` (optional): kept on the unit.
- `former_district`, `formed_from` (optional; the shipped list of the new Quảng Trị has them): written into the
  note, so the unit's page says what it was formed from.

Every row is checked before anything is written; the whole list is written in one transaction or not at all.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.core.text import fold
from thidua.organizations.enums import UnitKind
from thidua.organizations.models import Province, Unit
from thidua.organizations.services import create_unit

QUANG_TRI_2025 = Path(__file__).resolve().parent / "data" / "quangtri-2025-communes.csv"
# The new communes of the shipped list started with the two-level local government (Nghị quyết 1680/NQ-UBTVQH15).
QUANG_TRI_2025_START = datetime.date(2025, 7, 1)
REQUIRED = ("code", "kind", "name")
CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")
KINDS = {fold(str(label)): value for value, label in UnitKind.choices} | {v: v for v in UnitKind.values}
UNCHANGED = "unchanged"


@dataclass
class UnitRow:
    line: int
    code: str
    kind: str
    name: str
    valid_from: datetime.date | None = None
    parent: str = ""
    note: str = ""


@dataclass
class Outcome:
    province_created: bool = False
    created: list = field(default_factory=list)
    existing: int = 0


def _date(text, line):
    text = (text or "").strip()
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar day, no time
        except ValueError:
            continue
    kernel.refuse(_("Dòng %(n)s: ngày “%(v)s” không đúng dạng dd/mm/yyyy.") % {"n": line, "v": text})
    return None


def _note(record):
    note = (record.get("note") or "").strip()
    formed_from = (record.get("formed_from") or "").strip()
    former = (record.get("former_district") or "").strip()
    if formed_from.endswith(UNCHANGED):
        note = " ".join(filter(None, [note, _("Giữ nguyên khi sắp xếp.")]))
    elif formed_from:
        note = " ".join(
            filter(None, [note, _("Hình thành từ: %(units)s.") % {"units": formed_from.replace(";", ", ")}])
        )
    if former:
        note = " ".join(filter(None, [note, _("Trước sắp xếp thuộc %(district)s.") % {"district": former}]))
    return note


def read_units(text, *, default_valid_from=None):
    """The rows of a unit list, checked; a bad row refuses the whole list with its line number."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [name for name in REQUIRED if name not in (reader.fieldnames or [])]
    if missing:
        kernel.refuse(_("Tệp danh sách thiếu cột: %(cols)s.") % {"cols": ", ".join(missing)})
    rows, seen = [], {}
    for line, record in enumerate(reader, start=2):
        code = (record.get("code") or "").strip().lower()
        if not CODE.match(code):
            kernel.refuse(
                _("Dòng %(n)s: mã “%(v)s” chỉ gồm chữ thường không dấu, số và dấu gạch ngang.") % {"n": line, "v": code}
            )
        if code in seen:
            kernel.refuse(_("Dòng %(n)s: mã “%(v)s” trùng với dòng %(m)s.") % {"n": line, "v": code, "m": seen[code]})
        seen[code] = line
        kind = KINDS.get(fold((record.get("kind") or "").strip()))
        if kind is None:
            kernel.refuse(
                _("Dòng %(n)s: loại đơn vị “%(v)s” không có trong danh mục.") % {"n": line, "v": record.get("kind")}
            )
        name = " ".join((record.get("name") or "").split())
        if not name:
            kernel.refuse(_("Dòng %(n)s: thiếu tên đơn vị.") % {"n": line})
        valid_from = _date(record.get("valid_from"), line)
        if valid_from is None and not (record.get("formed_from") or "").strip().endswith(UNCHANGED):
            valid_from = default_valid_from
        parent = (record.get("parent") or "").strip().lower()
        rows.append(UnitRow(line, code, kind, name, valid_from, parent, _note(record)))
    if not rows:
        kernel.refuse(_("Tệp danh sách không có dòng đơn vị nào."))
    return rows


@transaction.atomic
def set_up_province(*, code, name, rows, valid_from=None):
    """The province (created if missing) and every unit of the list that is not there yet. Running it again with
    the same list changes nothing."""
    province, created = Province.objects.get_or_create(code=code, defaults={"name": name, "valid_from": valid_from})
    outcome = Outcome(province_created=created)
    known = {u.code: u for u in Unit.objects.filter(province=province)}
    for row in rows:
        full_code = f"{province.code}-{row.code}"
        if full_code in known:
            outcome.existing += 1
            continue
        parent = None
        if row.parent:
            parent = known.get(f"{province.code}-{row.parent}")
            if parent is None:
                kernel.refuse(
                    _("Dòng %(n)s: không có đơn vị cấp trên mã “%(v)s” (phải ở dòng trước hoặc đã có).")
                    % {"n": row.line, "v": row.parent}
                )
        unit = create_unit(
            kind=row.kind,
            name=row.name,
            province=province,
            parent=parent,
            valid_from=row.valid_from,
            code=full_code,
            note=row.note,
        )
        known[full_code] = unit
        outcome.created.append(unit)
    return province, outcome
