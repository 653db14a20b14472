"""What the Excel importers share: reading a sheet by its headers, typed cells, and the row-by-row report.

An importer checks the whole file first and writes nothing (dry run); the write is a second step that checks the
file again against the database as it is then and writes every row in one transaction, or none.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.core.cells import bounded_rows, cell_date, cell_text, open_sheet
from thidua.core.exports import Choices, Sheet, workbook_bytes
from thidua.core.text import fold

READ_STEP = 200  # rows between two progress reports while reading


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    example: object = None


SHEET = 1  # read_rows reads the workbook's first sheet


@dataclass
class RowError:
    """Where a fault is (sheet, row, the column's header from the importer's COLUMNS) and the rule it breaks. The
    reason never quotes the cell: a hostile cell must not reappear in a page, an answer or a download."""

    row: int
    column: str
    reason: str

    def as_dict(self):
        return {"sheet": SHEET, "row": self.row, "column": self.column, "reason": self.reason}


class CellError(Exception):
    """A bad cell: which column and why (the message is Vietnamese and shown as is)."""

    def __init__(self, column, reason):
        super().__init__(reason)
        self.column = column
        self.reason = reason


@dataclass
class CheckResult:
    total: int = 0
    errors: list = field(default_factory=list)  # RowError, in row order
    items: list = field(default_factory=list)  # (row, checked item) of the good rows

    def add(self, row, column, reason):
        self.errors.append(RowError(row, str(column), str(reason)))

    @property
    def error_rows(self):
        return len({e.row for e in self.errors})

    def report(self):
        return [e.as_dict() for e in sorted(self.errors, key=lambda e: e.row)]


def text(value):
    """The cell as text; a date cell reads as dd/mm/yyyy, the way it is shown in the error report."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return cell_text(value)


def date_cell(value, column):
    """A date typed as a date or as dd/mm/yyyy text; None when empty."""
    try:
        return cell_date(value)
    except ValueError as error:
        raise CellError(column, _("Không phải ngày dạng dd/mm/yyyy.")) from error


YES_WORDS = {"co", "x", "1", "yes", "true", "dung"}
NO_WORDS = {"", "khong", "0", "no", "false", "sai"}


def yes_no_cell(value, column):
    word = fold(text(value))
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise CellError(column, _("Ghi “Có” hoặc để trống."))


def read_rows(fileobj, columns, progress=None, max_rows=None):
    """[(row number, {key: raw value})] of the first sheet, columns found by their headers (accents ignored).

    Raises ValidationError when the file is not a workbook, a required column is missing or it holds more than
    `max_rows` data rows.
    """
    sheet = open_sheet(fileobj, max_rows=max_rows) if max_rows is not None else open_sheet(fileobj)
    try:
        expected = sheet.max_row or 0
        rows = bounded_rows(sheet)
        headers = {fold(c.header): c.key for c in columns}
        found = {}
        for index, title in enumerate(next(rows, None) or ()):
            key = headers.get(fold(text(title)))
            if key and key not in found:
                found[key] = index
        missing = [c.header for c in columns if c.required and c.key not in found]
        if missing:
            raise ValidationError(_("Tệp thiếu cột: %(cols)s. Hãy tải và dùng tệp mẫu.") % {"cols": ", ".join(missing)})
        result = []
        for number, values in enumerate(rows, start=2):
            if not any(text(v) for v in values):
                continue
            result.append((number, {key: values[i] if i < len(values) else None for key, i in found.items()}))
            if max_rows is not None and len(result) > max_rows:
                raise ValidationError(
                    _("Tệp có hơn %(n)s dòng dữ liệu. Hãy chia thành nhiều tệp nhỏ hơn.") % {"n": max_rows}
                )
            if progress and len(result) % READ_STEP == 0:
                progress(number, expected, _("Đang đọc tệp"))
    finally:
        sheet.parent.close()
    if not result:
        raise ValidationError(_("Tệp không có dòng dữ liệu nào."))
    return result


def template(columns, sheet_title, guide, extra_sheets=(), choices=None):
    """The downloadable template: the data sheet with one marked example row, the guide, and any code lists.

    choices maps a column key to the title of the extra sheet whose first column lists its allowed values: the
    column gets a drop-down list reading that sheet."""
    headers = [c.header for c in columns]
    example = [c.example for c in columns]
    keys = [c.key for c in columns]
    lists = [Choices(keys.index(key), title) for key, title in (choices or {}).items()]
    sheets = [
        Sheet(sheet_title, headers, [example], choices=lists, sample_rows=1),
        *extra_sheets,
        (_("Huong dan"), [_("Hướng dẫn")], guide),
    ]
    return workbook_bytes(sheets)


def chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]
