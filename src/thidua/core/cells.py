"""Reading an uploaded Excel sheet: the same bounds and cell rules for every importer (awards, scoring, reports,
accounts). A workbook is opened only after its uncompressed size and its first sheet's declared size are checked,
and no cell longer than a line of text is read, so a small hostile file cannot take the server's memory or time."""

import datetime
import zipfile

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from thidua.core.kernel import Refusal

# Far beyond any real import sheet, far below what would hurt a 2-core server.
MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 60
MAX_CELL_CHARS = 2_000

DATE_PATTERNS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y")


def cell_text(value):
    """The cell as stripped text; a number typed as 1 comes back from Excel as 1.0 and is read as "1"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def cell_date(value):
    """A date typed as a date or as dd/mm/yyyy (or yyyy-mm-dd) text; None when empty; ValueError otherwise."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = cell_text(value)
    for pattern in DATE_PATTERNS:
        try:
            return datetime.datetime.strptime(raw, pattern).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise ValueError(raw)


def open_sheet(fileobj, *, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS, sheet_name=None):
    """The sheet named `sheet_name` (else the first) of an uploaded workbook, read only and values only. Refused
    before it is read when the file unpacks to more than MAX_UNCOMPRESSED_BYTES or the sheet declares more rows or
    columns than allowed."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as bad:
        raise Refusal(_("Không đọc được tệp Excel. Hãy dùng tệp mẫu của hệ thống (.xlsx).")) from bad
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise Refusal(
            _("Tệp Excel giải nén ra quá lớn (hơn %(mb)s MB). Hãy chia thành nhiều tệp nhỏ hơn.")
            % {"mb": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)}
        )
    fileobj.seek(0)
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
        sheet = workbook[sheet_name] if sheet_name in workbook.sheetnames else workbook.worksheets[0]
    except Exception as bad:
        raise Refusal(_("Không đọc được tệp Excel. Hãy dùng tệp mẫu của hệ thống (.xlsx).")) from bad
    if (sheet.max_row or 0) > max_rows + 1:
        raise Refusal(_("Tệp có hơn %(n)s dòng dữ liệu. Hãy chia thành nhiều tệp nhỏ hơn.") % {"n": max_rows})
    if (sheet.max_column or 0) > max_columns:
        raise Refusal(_("Tệp có hơn %(n)s cột. Hãy dùng tệp mẫu của hệ thống.") % {"n": max_columns})
    return sheet


def bounded_rows(sheet):
    """The sheet's rows as value tuples; a cell longer than MAX_CELL_CHARS is refused with its position, and its
    content is never echoed back."""
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        for column, value in enumerate(values, start=1):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise Refusal(
                    _("Ô ở dòng %(row)s, cột %(col)s dài hơn %(n)s ký tự. Hãy kiểm tra lại tệp.")
                    % {"row": number, "col": column, "n": MAX_CELL_CHARS}
                )
        yield values
