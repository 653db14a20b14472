"""Import of the award register from Excel: a dry run with a row-by-row report, then all or nothing.

Lookups (forms, units, people, existing records) are fetched once per file, not once per row, and the records are
written with bulk_create inside one transaction, so 10,000 rows take seconds (see bench/award_import.py).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.enums import AchievementKind, ImportState, RecordSource
from thidua.awards.models import AwardForm, AwardRecord, ImportBatch
from thidua.awards.selectors import HONOUR_BOARD
from thidua.awards.services import DecisionItem, build_record, duplicate_key, item_errors
from thidua.core.cells import bounded_rows, cell_date, cell_text, open_sheet
from thidua.core.documents import in_vietnamese
from thidua.core.enums import FileKind
from thidua.core.exports import Choices, Sheet, workbook_bytes
from thidua.core.files import store_upload
from thidua.core.selectors import chunks
from thidua.core.services import log_action
from thidua.core.text import fold
from thidua.organizations.enums import Role
from thidua.organizations.models import Person, Position, RoleAssignment, Unit, UnitName
from thidua.organizations.scopes import scope_of

# (key, header as printed in the template, required)
COLUMNS = [
    ("form", "Mã danh hiệu, hình thức", True),
    ("year", "Năm thành tích", True),
    ("kind", "Loại thành tích", False),
    ("number", "Số quyết định", True),
    ("date", "Ngày quyết định", True),
    ("issuer", "Cấp, người ký quyết định", True),
    ("unit", "Mã tập thể được khen", False),
    ("person_id", "Mã cá nhân", False),
    ("name", "Họ và tên cá nhân", False),
    ("birth", "Ngày sinh", False),
    ("person_unit", "Mã đơn vị công tác", False),
    ("summary", "Tóm tắt thành tích", False),
]
HEADERS = {fold(header): key for key, header, _required in COLUMNS}
LABELS = {key: header for key, header, _required in COLUMNS}
SHEET = 1  # the importer reads the workbook's first sheet
KIND_WORDS = {fold(str(label)): value for value, label in AchievementKind.choices} | {
    "hang nam": AchievementKind.ANNUAL,
    "cong trang": AchievementKind.ANNUAL,
    "chuyen de": AchievementKind.THEMATIC,
    "dot xuat": AchievementKind.AD_HOC,
    "cong hien": AchievementKind.LONG_SERVICE,
    **{v: v for v in AchievementKind.values},
}


@in_vietnamese  # the import reads Vietnamese headers and achievement types back, so the template is Vietnamese
def template_bytes():
    """The downloadable template: the register sheet with two example rows, and the catalogue of codes."""
    headers = [header for _key, header, _required in COLUMNS]
    examples = [
        [
            "co-thi-dua-tinh",
            2023,
            str(AchievementKind.ANNUAL.label),
            "123/QĐ-UBND",
            datetime.date(2024, 1, 15),
            "Chủ tịch UBND tỉnh",
            "qb-lethuy",
            None,
            None,
            None,
            None,
            "Dẫn đầu phong trào thi đua của cụm",
        ],
        [
            "lao-dong-tien-tien",
            2023,
            str(AchievementKind.ANNUAL.label),
            "45/QĐ-UBND",
            datetime.date(2024, 1, 10),
            "Chủ tịch UBND huyện",
            None,
            None,
            "Nguyễn Văn A",
            datetime.date(1985, 5, 20),
            "qb-lethuy",
            "",
        ],
    ]
    forms = [[f.code, f.name, f.get_recipient_kind_display(), f.get_level_display()] for f in AwardForm.objects.all()]
    kinds = [[str(label)] for _value, label in AchievementKind.choices]
    guide = [
        [_("Mỗi dòng là một người hoặc một tập thể được khen. Ghi mã tập thể HOẶC thông tin cá nhân.")],
        [_("Cá nhân: ghi mã cá nhân, hoặc họ tên và mã đơn vị công tác (thêm ngày sinh nếu trùng tên).")],
        [_("Ngày ghi theo dạng dd/mm/yyyy. Hệ thống kiểm tra toàn bộ tệp trước; chỉ ghi khi không còn dòng lỗi.")],
    ]
    keys = [key for key, _header, _required in COLUMNS]
    forms_title, kinds_title = _("Danh muc"), _("Loai thanh tich")
    lists = [Choices(keys.index("form"), forms_title), Choices(keys.index("kind"), kinds_title)]
    return workbook_bytes(
        [
            Sheet(_("So theo doi"), headers, examples, choices=lists, sample_rows=len(examples)),
            (forms_title, [_("Mã"), _("Tên"), _("Đối tượng"), _("Cấp")], forms),
            (kinds_title, [_("Loại thành tích")], kinds),
            (_("Huong dan"), [_("Hướng dẫn")], guide),
        ]
    )


@dataclass
class ParsedFile:
    items: list = field(default_factory=list)  # (row number, DecisionItem)
    errors: dict = field(default_factory=lambda: defaultdict(list))  # row number -> [reasons]
    # row number -> [column key of each reason, "" when the reason is about the row as a whole]
    columns: dict = field(default_factory=lambda: defaultdict(list))
    total: int = 0

    def report(self):
        """[{"sheet", "row", "errors", "cells"}]: where each fault is (the first sheet, the row, the column's header
        from COLUMNS, "" for the row as a whole) and the rule broken. No cell's content is quoted: a hostile cell
        must not reappear in a page, an answer or a download."""
        lines = defaultdict(list)
        for line in self.column_report():
            lines[line["row"]].append({"column": LABELS.get(line["column"], ""), "reason": line["reason"]})
        return [
            {"sheet": SHEET, "row": row, "errors": self.errors[row], "cells": lines[row]} for row in sorted(self.errors)
        ]

    def column_report(self):
        """[{"row", "column", "reason"}]: each reason with the key of the column it is about ("" for the row)."""
        lines = []
        for row in sorted(self.errors):
            keys = self.columns.get(row, [])
            for index, reason in enumerate(self.errors[row]):
                lines.append({"row": row, "column": keys[index] if index < len(keys) else "", "reason": reason})
        return lines


def _read_rows(fileobj):
    sheet = open_sheet(fileobj)
    rows = bounded_rows(sheet)
    header = next(rows, None) or ()
    columns = {}
    for index, title in enumerate(header):
        key = HEADERS.get(fold(cell_text(title)))
        if key:
            columns[key] = index
    missing = [h for key, h, required in COLUMNS if required and key not in columns]
    if missing:
        raise ValidationError(_("Tệp thiếu cột: %(cols)s. Hãy tải và dùng tệp mẫu.") % {"cols": ", ".join(missing)})
    for number, values in enumerate(rows, start=2):
        if not any(cell_text(v) for v in values):
            continue
        yield number, {key: (values[i] if i < len(values) else None) for key, i in columns.items()}
    sheet.parent.close()


class _Lookups:
    """Everything the rows refer to, fetched in a few queries for the whole file."""

    def __init__(self, raw_rows):
        self.forms = {f.code: f for f in AwardForm.objects.all()}
        self.forms_by_name = {fold(f.name): f for f in self.forms.values()}
        codes = {cell_text(r.get("unit")) for _n, r in raw_rows} | {
            cell_text(r.get("person_unit")) for _n, r in raw_rows
        }
        codes.discard("")
        names = Prefetch("names", queryset=UnitName.objects.order_by("valid_from"))
        self.units = {}
        for chunk in chunks(codes):
            for unit in Unit.objects.filter(code__in=chunk).select_related("province").prefetch_related(names):
                self.units[unit.code] = unit
        ids = {int(t) for _n, r in raw_rows if (t := cell_text(r.get("person_id"))).isdigit()}
        self.people = {}
        for chunk in chunks(ids):
            self.people.update({p.pk: p for p in Person.objects.filter(pk__in=chunk).select_related("province")})
        self.by_name = defaultdict(list)  # (unit id, folded name) -> [(person, position)]
        unit_ids = [u.pk for u in self.units.values()]
        for chunk in chunks(unit_ids):
            for position in Position.objects.filter(unit_id__in=chunk).select_related("person", "person__province"):
                self.by_name[(position.unit_id, position.person.folded_name)].append((position.person, position))


def existing_keys(items):
    """Duplicate keys of records already in the register for the people and units of the items."""
    unit_ids = {i.unit.pk for i in items if i.unit}
    person_ids = {i.person.pk for i in items if i.person}
    keys = set()
    fields = ("award_form_id", "year", "unit_id", "person_id", "achievement_kind", "decision_number")
    for name, ids in (("unit_id", unit_ids), ("person_id", person_ids)):
        for chunk in chunks(ids):
            rows = AwardRecord.objects.filter(**{f"{name}__in": chunk}, revoked_on__isnull=True).values_list(*fields)
            keys.update(duplicate_key(*row) for row in rows)
    return keys


def _find_person(raw, lookups, year):
    person_id = cell_text(raw.get("person_id"))
    name = cell_text(raw.get("name"))
    unit = lookups.units.get(cell_text(raw.get("person_unit")))
    if person_id:
        person = lookups.people.get(int(person_id)) if person_id.isdigit() else None
        if person is None:
            raise ValidationError(_("Không có cá nhân mang mã này."), code="person_id")
        if name and fold(name) != person.folded_name:
            raise ValidationError(
                _("Họ tên không khớp với cá nhân mã %(id)s.") % {"id": person.pk},
                code="name",
            )
        return person, unit
    code = cell_text(raw.get("person_unit"))
    if unit is None and code:
        raise ValidationError(_("Không có đơn vị mang mã này."), code="person_unit")
    if unit is None:
        raise ValidationError(_("Cá nhân cần mã cá nhân, hoặc họ tên và mã đơn vị công tác."), code="name")
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    found = {
        p.pk: p
        for p, pos in lookups.by_name.get((unit.pk, fold(name)), [])
        if (pos.valid_from is None or pos.valid_from <= last) and (pos.valid_to is None or pos.valid_to >= first)
    }
    birth = cell_date(raw.get("birth"))
    if birth:
        found = {pk: p for pk, p in found.items() if p.birth_date == birth}
    if not found:
        raise ValidationError(
            _("Không tìm thấy người có họ tên này công tác tại %(unit)s năm %(year)s.")
            % {"unit": unit.full_name, "year": year},
            code="name",
        )
    if len(found) > 1:
        raise ValidationError(
            _("Có %(n)s người cùng họ tên này tại %(unit)s: ghi thêm ngày sinh hoặc mã cá nhân.")
            % {"n": len(found), "unit": unit.full_name},
            code="birth",
        )
    return next(iter(found.values())), unit


def _row_item(raw, lookups):
    code = cell_text(raw.get("form"))
    form = lookups.forms.get(code) or lookups.forms_by_name.get(fold(code))
    if form is None:
        raise ValidationError(_("Không có danh hiệu, hình thức này trong danh mục."), code="form")
    year_text = cell_text(raw.get("year"))
    if not year_text.isdigit():
        raise ValidationError(_("Năm thành tích phải là một năm, ví dụ 2024."), code="year")
    kind_text = fold(cell_text(raw.get("kind")))
    kind = KIND_WORDS.get(kind_text) if kind_text else AchievementKind.ANNUAL
    if kind is None:
        raise ValidationError(
            _("Loại thành tích không hợp lệ: ghi hằng năm, chuyên đề, đột xuất hoặc cống hiến."), code="kind"
        )
    try:
        decision_date = cell_date(raw.get("date"))
    except ValueError as bad:
        raise ValidationError(_("Ngày quyết định không đúng dạng dd/mm/yyyy."), code="date") from bad
    item = DecisionItem(
        award_form=form,
        year=int(year_text),
        decision_number=cell_text(raw.get("number")),
        decision_date=decision_date,
        issuer=cell_text(raw.get("issuer")),
        achievement_kind=kind,
        summary=cell_text(raw.get("summary")),
    )
    unit_code = cell_text(raw.get("unit"))
    if unit_code:
        item.unit = lookups.units.get(unit_code)
        if item.unit is None:
            raise ValidationError(_("Không có đơn vị mang mã này."), code="unit")
        if cell_text(raw.get("name")) or cell_text(raw.get("person_id")):
            raise ValidationError(_("Dòng ghi cả tập thể và cá nhân: mỗi dòng chỉ một đối tượng."), code="unit")
    elif cell_text(raw.get("name")) or cell_text(raw.get("person_id")):
        try:
            item.person, item.person_unit = _find_person(raw, lookups, item.year)
        except ValueError as bad:
            raise ValidationError(_("Ngày sinh không đúng dạng dd/mm/yyyy."), code="birth") from bad
    return item


def _in_scope(item, provinces):
    # A row without a recipient is refused by item_errors with its own message.
    subject = item.unit or item.person_unit or item.person
    return provinces is None or subject is None or subject.province_id in provinces


def _validate(numbered_items, parsed, provinces):
    """Check items against the register and each other; the good ones go to parsed.items."""
    candidates = []
    for number, item in numbered_items:
        if not _in_scope(item, provinces):
            parsed.errors[number].append(_("Đối tượng thuộc tỉnh ngoài phạm vi quản lý của bạn."))
        else:
            candidates.append((number, item))
    existing = existing_keys([item for _n, item in candidates])
    in_file = {}
    for number, item in candidates:
        problems = item_errors(item, existing=existing)
        key = duplicate_key(
            item.award_form.pk,
            item.year,
            getattr(item.unit, "pk", None),
            getattr(item.person, "pk", None),
            item.achievement_kind,
            item.decision_number,
        )
        if not problems and key in in_file:
            problems.append(_("Trùng với dòng %(n)s của tệp.") % {"n": in_file[key]})
        in_file.setdefault(key, number)
        if problems:
            parsed.errors[number].extend(problems)
        else:
            parsed.items.append((number, item))
    return parsed


def _provinces_of(actor):
    scope = scope_of(actor)
    return None if scope.is_admin else scope.board_province_ids


READ_STEP = 500  # rows between two progress reports while reading


def parse_and_validate(fileobj, *, actor, progress=None):
    """Read every row and say what is wrong with each one; nothing is written.

    progress(done, total, message), when given, hears how far the reading has got (for the background import).
    """
    raw_rows = []
    for pair in _read_rows(fileobj):
        raw_rows.append(pair)
        if progress and len(raw_rows) % READ_STEP == 0:
            progress(len(raw_rows), 0, _("Đang đọc tệp"))
    parsed = ParsedFile(total=len(raw_rows))
    if not raw_rows:
        raise ValidationError(_("Tệp không có dòng dữ liệu nào."))
    lookups = _Lookups(raw_rows)
    numbered = []
    for number, raw in raw_rows:
        try:
            numbered.append((number, _row_item(raw, lookups)))
        except ValidationError as refused:
            parsed.errors[number].extend(refused.messages)
            parsed.columns[number].extend([refused.code or ""] * len(refused.messages))
    if progress:
        progress(len(raw_rows), len(raw_rows), _("Đang đối chiếu với sổ khen thưởng"))
    return _validate(numbered, parsed, _provinces_of(actor))


def _row_ids(number, item):
    return [
        number,
        item.award_form.pk,
        item.year,
        item.achievement_kind,
        item.decision_number,
        item.decision_date.isoformat(),
        item.issuer,
        getattr(item.unit, "pk", None),
        getattr(item.person, "pk", None),
        getattr(item.person_unit, "pk", None),
        item.summary,
    ]


def _fetch_by_id(qs, ids):
    found = {}
    for chunk in chunks({i for i in ids if i is not None}):
        found.update({obj.pk: obj for obj in qs.filter(pk__in=chunk)})
    return found


def _items_from_rows(rows):
    """Rebuild the checked items from their ids (a few queries for the whole file)."""
    forms = {f.pk: f for f in AwardForm.objects.all()}
    names = Prefetch("names", queryset=UnitName.objects.order_by("valid_from"))
    units = _fetch_by_id(
        Unit.objects.select_related("province").prefetch_related(names), [r[7] for r in rows] + [r[9] for r in rows]
    )
    people = _fetch_by_id(Person.objects.select_related("province"), [r[8] for r in rows])
    numbered = []
    for number, form, year, kind, decision, day, issuer, unit, person, person_unit, summary in rows:
        numbered.append(
            (
                number,
                DecisionItem(
                    award_form=forms[form],
                    year=year,
                    decision_number=decision,
                    decision_date=datetime.date.fromisoformat(day),
                    issuer=issuer,
                    unit=units.get(unit),
                    person=people.get(person),
                    person_unit=units.get(person_unit),
                    achievement_kind=kind,
                    summary=summary,
                ),
            )
        )
    return numbered


def _require_import(actor):
    if not actor.has_perm("awards.import_records"):
        raise PermissionDenied(_("Bạn không có quyền nhập sổ khen thưởng."))


@transaction.atomic
def check_import(uploaded, *, actor):
    """Dry run: store the file, check every row, keep the row-by-row report. Writes no award record."""
    _require_import(actor)
    stored = store_upload(uploaded, actor=actor, allowed_kinds=(FileKind.XLSX,))
    return check_stored_import(stored, actor=actor)


@transaction.atomic
def check_stored_import(stored, *, actor, progress=None):
    """The dry run of a file already stored (the background import's entry point)."""
    _require_import(actor)
    with stored.file.open("rb") as handle:
        parsed = parse_and_validate(handle, actor=actor, progress=progress)
    # The province the board is assigned to (not the merged provinces its scope also covers): its other board
    # members then see the import too.
    provinces = set(
        RoleAssignment.objects.filter(user=actor, role=Role.BOARD_OFFICER).values_list("province_id", flat=True)
    )
    batch = ImportBatch.objects.create(
        stored_file=stored,
        state=ImportState.REFUSED if parsed.errors else ImportState.CHECKED,
        province_id=provinces.pop() if len(provinces) == 1 else None,
        total_rows=parsed.total,
        error_rows=len(parsed.errors),
        report=parsed.report(),
        rows=[] if parsed.errors else [_row_ids(number, item) for number, item in parsed.items],
        created_by=actor,
    )
    batch.column_report = parsed.column_report()  # not stored: the background import keeps it in its job
    log_action(
        actor,
        "award_import.checked",
        batch,
        new={"rows": parsed.total, "errors": len(parsed.errors)},
        province_id=batch.province_id,
    )
    return batch


def commit_import(batch, *, actor):
    """Write every row of a checked file in one transaction, or nothing if any row fails the check again.

    The rows kept by the dry run are checked again against the register as it is now (someone may have recorded
    the same award meanwhile); the Excel file itself is not read again.
    """
    _require_import(actor)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.state != ImportState.CHECKED:
            raise ValidationError(_("Chỉ ghi được tệp đã kiểm tra và không có dòng lỗi."))
        parsed = _validate(_items_from_rows(batch.rows), ParsedFile(total=batch.total_rows), _provinces_of(actor))
        if parsed.errors:
            # The register changed since the dry run: keep the new report, write nothing.
            batch.state, batch.error_rows, batch.report = ImportState.REFUSED, len(parsed.errors), parsed.report()
            batch.save(update_fields=["state", "error_rows", "report"])
            log_action(actor, "award_import.refused", batch, new={"errors": len(parsed.errors)})
            return batch
        names = {}
        records = [
            build_record(item, actor=actor, source=RecordSource.IMPORT, import_batch=batch, name_cache=names)
            for _number, item in parsed.items
        ]
        AwardRecord.objects.bulk_create(records, batch_size=1000)
        HONOUR_BOARD.changed()
        batch.state, batch.committed_at, batch.committed_count = ImportState.COMMITTED, timezone.now(), len(records)
        batch.rows = []
        batch.save(update_fields=["state", "committed_at", "committed_count", "rows"])
        log_action(actor, "award_import.committed", batch, new={"records": len(records)}, province_id=batch.province_id)
    return batch
