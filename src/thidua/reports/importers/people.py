"""Import of people from Excel, each with the post they hold in a unit. The file of people written comes back
as a result file with their ids (Mã cá nhân), which the award-history import can then refer to."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.exports import workbook_bytes
from thidua.core.services import log_action
from thidua.core.text import fold
from thidua.organizations.enums import Gender
from thidua.organizations.models import Person, Position, Province, Unit
from thidua.organizations.selectors import changeable_provinces
from thidua.reports.importers.base import (
    CellError,
    CheckResult,
    Column,
    chunks,
    date_cell,
    read_rows,
    template,
    text,
    yes_no_cell,
)

WRITE_BATCH = 500
# One unit's list, or a province's by parts: a bigger file is refused before anything is checked.
MAX_ROWS = 5000

COLUMNS = [
    Column("name", "Họ và tên", required=True, example="Nguyễn Thị Hoa"),
    Column("gender", "Giới tính", required=True, example="Nữ"),
    Column("birth", "Ngày sinh", example=datetime.date(1985, 3, 12)),
    Column("province", "Mã tỉnh", required=True, example="quang-tri"),
    Column("unit", "Mã đơn vị công tác", example="qb-lethuy"),
    Column("title", "Chức vụ", example="Chuyên viên"),
    Column("valid_from", "Công tác từ ngày", example=datetime.date(2020, 1, 1)),
    Column("direct", "Trực tiếp lao động, sản xuất", example="Không"),
]
HEADER = {c.key: c.header for c in COLUMNS}
GENDER_WORDS = {fold(str(label)): value for value, label in Gender.choices} | {v: v for v in Gender.values}


def template_bytes():
    guide = [
        [_("Mỗi dòng là một cá nhân. Giới tính: Nam, Nữ hoặc Khác. Ngày ghi theo dạng dd/mm/yyyy.")],
        [_("Mã đơn vị công tác: mã một đơn vị đã có trong hệ thống; khi ghi đơn vị thì ghi cả chức vụ.")],
        [_("Trực tiếp lao động, sản xuất: ghi “Có” với công nhân, nông dân, người lao động trực tiếp.")],
        [_("Hệ thống kiểm tra toàn bộ tệp trước; chỉ ghi khi không còn dòng lỗi, và ghi tất cả một lần.")],
        [_("Sau khi ghi, tải tệp kết quả để có Mã cá nhân dùng khi nhập lịch sử khen thưởng.")],
    ]
    genders = [[str(label)] for _value, label in Gender.choices]
    provinces = [[p.code, p.name] for p in Province.objects.order_by("name")]
    genders_title, provinces_title, yes_no_title = _("Gioi tinh"), _("Ma tinh"), _("Co khong")
    return template(
        COLUMNS,
        _("Ca nhan"),
        guide,
        [
            (genders_title, [_("Giới tính")], genders),
            (provinces_title, [_("Mã tỉnh"), _("Tên tỉnh")], provinces),
            (yes_no_title, [_("Có hoặc không")], [[_("Có")], [_("Không")]]),
        ],
        choices={"gender": genders_title, "province": provinces_title, "direct": yes_no_title},
    )


def _row_values(raw, provinces, units):
    name = " ".join(text(raw.get("name")).split())
    if not name:
        raise CellError(HEADER["name"], _("Thiếu họ và tên."))
    gender = GENDER_WORDS.get(fold(text(raw.get("gender"))))
    if gender is None:
        raise CellError(HEADER["gender"], _("Giới tính: ghi Nam, Nữ hoặc Khác."))
    province = provinces.get(text(raw.get("province")))
    if province is None:
        raise CellError(HEADER["province"], _("Không có tỉnh mang mã này."))
    unit_code, title = text(raw.get("unit")), text(raw.get("title"))
    unit = units.get(unit_code) if unit_code else None
    if unit_code and unit is None:
        raise CellError(HEADER["unit"], _("Không có đơn vị mang mã này."))
    if unit is not None and not title:
        raise CellError(HEADER["title"], _("Ghi chức vụ của người này tại đơn vị công tác."))
    return {
        "name": name,
        "gender": gender,
        "birth": date_cell(raw.get("birth"), HEADER["birth"]),
        "province": province,
        "unit": unit,
        "title": title,
        "valid_from": date_cell(raw.get("valid_from"), HEADER["valid_from"]),
        "direct": yes_no_cell(raw.get("direct"), HEADER["direct"]),
    }


def _existing_keys(unit_ids):
    """(folded name, birth date, unit id) of the people already working in the units of the file."""
    posts = Position.objects.filter(unit_id__in=unit_ids).values_list(
        "person__folded_name", "person__birth_date", "unit_id"
    )
    return set(posts)


def check(fileobj, *, actor, progress=None):
    """Dry run: read and check every row; nothing is written."""
    raw_rows = read_rows(fileobj, COLUMNS, progress, max_rows=MAX_ROWS)
    result = CheckResult(total=len(raw_rows))
    provinces = {p.code: p for p in Province.objects.all()}
    codes = {text(r.get("unit")) for _n, r in raw_rows} - {""}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes).select_related("province")}
    # The board adds people anywhere in its province; a unit's officer only into the units it keeps.
    allowed = set(changeable_provinces(actor).values_list("pk", flat=True))
    own_units = {u.pk for u in units.values() if actor.has_perm("organizations.add_person", u)}
    existing = _existing_keys([u.pk for u in units.values()])
    in_file = {}
    for number, raw in raw_rows:
        try:
            values = _row_values(raw, provinces, units)
        except CellError as bad:
            result.add(number, bad.column, bad.reason)
            continue
        key = (fold(values["name"]), values["birth"], values["unit"].pk if values["unit"] else None)
        unit = values["unit"]
        if unit is None and values["province"].pk not in allowed:
            result.add(number, HEADER["unit"], _("Ghi mã đơn vị công tác: đơn vị của bạn."))
        elif unit is not None and unit.pk not in own_units:
            result.add(number, HEADER["unit"], _("Đơn vị này ngoài phạm vi quản lý của bạn."))
        elif unit is not None and values["province"].pk != unit.province_id and values["province"].pk not in allowed:
            result.add(number, HEADER["province"], _("Tỉnh này ngoài phạm vi quản lý của bạn."))
        elif values["unit"] is not None and key in existing:
            result.add(number, HEADER["name"], _("Người này đã có trong hệ thống, công tác tại đơn vị đã ghi."))
        elif key in in_file:
            result.add(
                number,
                HEADER["name"],
                _("Trùng với dòng %(n)s (cùng họ tên, ngày sinh, đơn vị).") % {"n": in_file[key]},
            )
        else:
            in_file[key] = number
            result.items.append((number, values))
    if progress:
        progress(result.total, result.total, _("Đã kiểm tra"))
    return result


def write(result, *, actor, progress=None):
    """Create every checked person and post in one transaction. Returns the people written, in file order."""
    if not actor.has_perm("organizations.import_people"):
        raise PermissionDenied(_("Bạn không có quyền thêm cá nhân."))
    written, total = [], len(result.items)
    with transaction.atomic():
        for batch in chunks(result.items, WRITE_BATCH):
            people = [_new_person(values) for _n, values in batch]
            Person.objects.bulk_create(people)
            Position.objects.bulk_create(
                [
                    Position(person=p, unit=v["unit"], title=v["title"], valid_from=v["valid_from"])
                    for p, (_n, v) in zip(people, batch, strict=True)
                    if v["unit"] is not None
                ]
            )
            written.extend((number, person) for person, (number, _v) in zip(people, batch, strict=True))
            if progress:
                progress(len(written), total, _("Đang ghi vào cơ sở dữ liệu"))
        _log(actor, result.items)
    return written


def _new_person(values):
    person = Person(
        full_name=values["name"],
        gender=values["gender"],
        birth_date=values["birth"],
        province=values["province"],
        is_direct_labourer=values["direct"],
    )
    person.folded_name = fold(person.full_name)  # bulk_create skips Person.save()
    return person


def _log(actor, items):
    by_province = {}
    for _n, values in items:
        by_province.setdefault(values["province"].pk, 0)
        by_province[values["province"].pk] += 1
    for province_id, count in by_province.items():
        log_action(
            actor,
            "person.imported",
            None,
            new={"count": count},
            note=_("Nhập %(n)s cá nhân từ Excel") % {"n": count},
            province_id=province_id,
        )


def written_people_bytes(written):
    """The result file: each written person with the id the award-history import asks for."""
    rows = [[number, p.pk, p.full_name, p.birth_date, p.get_gender_display()] for number, p in written]
    headers = [_("Dòng trong tệp"), _("Mã cá nhân"), _("Họ và tên"), _("Ngày sinh"), _("Giới tính")]
    return workbook_bytes([(_("Ca nhan da nhap"), headers, rows)])
