"""Import of units (agencies, communes, offices) from Excel: new units only, each with its first name.

A parent may be a unit already in the system or another row of the same file (in any order); units are written
level by level so each child finds its parent's id. Everything is written in one transaction or not at all.
"""

import datetime
import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.services import log_action
from thidua.core.text import fold
from thidua.organizations.enums import UnitKind
from thidua.organizations.models import Province, Unit, UnitName
from thidua.organizations.selectors import changeable_provinces
from thidua.reports.importers.base import CellError, CheckResult, Column, chunks, date_cell, read_rows, template, text

WRITE_BATCH = 500
CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")

COLUMNS = [
    Column("code", "Mã đơn vị", required=True, example="qt-xa-vinh-linh-moi"),
    Column("name", "Tên đơn vị", required=True, example="Vĩnh Linh"),
    Column("kind", "Loại đơn vị", required=True, example="xã"),
    Column("province", "Mã tỉnh", required=True, example="quang-tri"),
    Column("parent", "Mã đơn vị cấp trên", example=""),
    Column("valid_from", "Hoạt động từ ngày", example=datetime.date(2025, 7, 1)),
    Column("note", "Ghi chú", example=""),
]
HEADER = {c.key: c.header for c in COLUMNS}
KIND_WORDS = {fold(str(label)): value for value, label in UnitKind.choices} | {v: v for v in UnitKind.values}


def template_bytes():
    guide = [
        [_("Mỗi dòng là một đơn vị mới. Mã đơn vị: chữ thường không dấu, số và dấu gạch ngang, không trùng.")],
        [_("Loại đơn vị: ghi đúng một trong các loại ở trang “Loai don vi”.")],
        [_("Đơn vị cấp trên: mã một đơn vị đã có trong hệ thống hoặc ở một dòng khác của tệp.")],
        [_("Hệ thống kiểm tra toàn bộ tệp trước; chỉ ghi khi không còn dòng lỗi, và ghi tất cả một lần.")],
    ]
    kinds = [[str(label)] for _value, label in UnitKind.choices]
    provinces = [[p.code, p.name] for p in Province.objects.order_by("name")]
    kinds_title, provinces_title = _("Loai don vi"), _("Ma tinh")
    return template(
        COLUMNS,
        _("Don vi"),
        guide,
        [(kinds_title, [_("Loại đơn vị")], kinds), (provinces_title, [_("Mã tỉnh"), _("Tên tỉnh")], provinces)],
        choices={"kind": kinds_title, "province": provinces_title},
    )


def _row_values(raw, provinces):
    code = text(raw.get("code")).lower()
    if not CODE_PATTERN.match(code):
        raise CellError(HEADER["code"], _("Mã đơn vị chỉ gồm chữ thường không dấu, số và dấu gạch ngang."))
    name = text(raw.get("name"))
    if not name:
        raise CellError(HEADER["name"], _("Thiếu tên đơn vị."))
    kind = KIND_WORDS.get(fold(text(raw.get("kind"))))
    if kind is None:
        raise CellError(HEADER["kind"], _("Loại đơn vị không có trong danh mục."))
    province_code = text(raw.get("province"))
    province = provinces.get(province_code)
    if province is None:
        raise CellError(HEADER["province"], _("Không có tỉnh mang mã này."))
    return {
        "code": code,
        "name": name,
        "kind": kind,
        "province": province,
        "parent_code": text(raw.get("parent")).lower(),
        "valid_from": date_cell(raw.get("valid_from"), HEADER["valid_from"]),
        "note": text(raw.get("note")),
    }


def check(fileobj, *, actor, progress=None):
    """Dry run: read and check every row; nothing is written. Returns a CheckResult."""
    raw_rows = read_rows(fileobj, COLUMNS, progress)
    result = CheckResult(total=len(raw_rows))
    provinces = {p.code: p for p in Province.objects.all()}
    allowed = set(changeable_provinces(actor).values_list("pk", flat=True))
    codes = {text(r.get("code")).lower() for _n, r in raw_rows} | {text(r.get("parent")).lower() for _n, r in raw_rows}
    existing = {u.code: u for u in Unit.objects.filter(code__in=codes - {""})}
    in_file = {}
    for number, raw in raw_rows:
        try:
            values = _row_values(raw, provinces)
        except CellError as bad:
            result.add(number, bad.column, bad.reason)
            continue
        if values["province"].pk not in allowed:
            result.add(number, HEADER["province"], _("Tỉnh này ngoài phạm vi quản lý của bạn."))
        elif values["code"] in existing:
            result.add(number, HEADER["code"], _("Mã đơn vị này đã có trong hệ thống."))
        elif values["code"] in in_file:
            result.add(number, HEADER["code"], _("Trùng mã với dòng %(n)s.") % {"n": in_file[values["code"]]})
        else:
            in_file[values["code"]] = number
            result.items.append((number, values))
    file_rows = {}
    for number, raw in raw_rows:
        file_rows.setdefault(text(raw.get("code")).lower(), number)
    _check_parents(result, existing, file_rows)
    if progress:
        progress(result.total, result.total, _("Đã kiểm tra"))
    return result


def _check_parents(result, existing, file_rows):
    """Each parent must exist already or be another good row; a loop of parents inside the file is refused.

    Repeated until nothing changes: a row whose parent row is refused is refused too.
    """
    good = {values["code"]: (number, values) for number, values in result.items}
    changed = True
    while changed:
        changed = False
        for code, (number, values) in list(good.items()):
            parent = values["parent_code"]
            if not parent or parent in existing or parent in good:
                continue
            if parent in file_rows:
                reason = _("Đơn vị cấp trên ở dòng %(n)s không ghi được.") % {"n": file_rows[parent]}
            else:
                reason = _("Không có đơn vị cấp trên mang mã này.")
            result.add(number, HEADER["parent"], reason)
            del good[code]
            changed = True
    for code, (number, _values) in list(good.items()):
        seen, step = set(), code
        while step in good and step not in seen:
            seen.add(step)
            step = good[step][1]["parent_code"]
        if step in seen:
            result.add(number, HEADER["parent"], _("Các dòng trong tệp làm đơn vị cấp trên của nhau (vòng lặp)."))
    cyclic = {e.row for e in result.errors}
    result.items = [(n, v) for n, v in result.items if v["code"] in good and n not in cyclic]


def _levels(items, existing_codes):
    """Rows grouped so that every row's parent is in the database or in an earlier group."""
    pending = {values["code"]: values for _n, values in items}
    placed = set(existing_codes)
    levels = []
    while pending:
        level = [v for v in pending.values() if not v["parent_code"] or v["parent_code"] in placed]
        if not level:  # the check refuses loops; guard against an endless loop all the same
            raise ValueError("unit import: parents form a loop")
        levels.append(level)
        placed |= {v["code"] for v in level}
        for v in level:
            del pending[v["code"]]
    return levels


def write(result, *, actor, progress=None):
    """Create every checked unit, with its first name, in one transaction. Returns the number written."""
    if not actor.has_perm("organizations.change_unit"):
        raise PermissionDenied(_("Bạn không có quyền thêm đơn vị."))
    parents = {v["parent_code"] for _n, v in result.items if v["parent_code"]}
    created = {}
    total, done = len(result.items), 0
    with transaction.atomic():
        created.update({u.code: u for u in Unit.objects.filter(code__in=parents)})
        for level in _levels(result.items, set(created)):
            for batch in chunks(level, WRITE_BATCH):
                units = [_new_unit(v, created) for v in batch]
                Unit.objects.bulk_create(units)
                UnitName.objects.bulk_create([UnitName(unit=u, name=u.name, valid_from=u.valid_from) for u in units])
                created.update({u.code: u for u in units})
                done += len(units)
                if progress:
                    progress(done, total, _("Đang ghi vào cơ sở dữ liệu"))
        _log(actor, result.items)
    return done


def _new_unit(values, created):
    unit = Unit(
        code=values["code"],
        kind=values["kind"],
        name=values["name"],
        province=values["province"],
        parent=created.get(values["parent_code"]),
        valid_from=values["valid_from"],
        note=values["note"],
    )
    unit.folded_name = fold(f"{unit.get_kind_display()} {unit.name}")  # bulk_create skips Unit.save()
    return unit


def _log(actor, items):
    by_province = {}
    for _n, values in items:
        by_province.setdefault(values["province"].pk, []).append(values["code"])
    for province_id, codes in by_province.items():
        log_action(
            actor,
            "unit.imported",
            None,
            new={"count": len(codes), "codes": codes[:50]},
            note=_("Nhập %(n)s đơn vị từ Excel") % {"n": len(codes)},
            province_id=province_id,
        )
