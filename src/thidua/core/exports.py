"""Excel exports an office can use: typed cells (numbers and dates, never numbers as text), a frozen bold header
with AutoFilter, sensible widths, a print set-up (landscape when wide, one page wide, the header repeated on every
printed page, page numbers in the footer) and, in import templates, drop-down lists. Officials live in Excel."""

import datetime
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
# Whole numbers without a thousands separator: most are years, ranks and counts ("2023", never "2.023").
INTEGER_FORMAT = "0"
DECIMAL_FORMAT = "#,##0.0#"
# A sheet whose columns add up to more than this many characters does not fit portrait A4 in readable type.
PORTRAIT_WIDTH = 110
# Rows a drop-down list covers in a template: more than any import accepts.
CHOICE_ROWS = 2000


@dataclass(frozen=True)
class Choices:
    """A drop-down list on one column of a template: the allowed values are read from another sheet's column
    (the template's lookup sheet), so the list and the lookup the user reads never disagree."""

    column: int  # 0-based column of the data sheet
    sheet: str  # title of the lookup sheet in the same workbook
    source_column: int = 0  # 0-based column of the lookup sheet holding the values
    count: int | None = None  # how many rows of values, when notes follow them on the lookup sheet


@dataclass
class Sheet:
    title: str
    headers: Sequence
    rows: object  # an iterable of row lists
    choices: list = field(default_factory=list)
    # Rows that only show how to fill the sheet: shaded and noted, so nobody mistakes them for data.
    sample_rows: int = 0


def _as_sheet(spec):
    return spec if isinstance(spec, Sheet) else Sheet(*spec)


def workbook_bytes(sheets):
    """sheets: Sheet objects or (title, headers, rows) tuples. Returns the .xlsx file as bytes."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    specs = [_as_sheet(spec) for spec in sheets]
    titles = {}
    for spec in specs:
        sheet = workbook.create_sheet(title=str(spec.title)[:31])
        titles[str(spec.title)] = sheet.title
        _fill(sheet, spec)
    for spec in specs:
        _add_choices(workbook[titles[str(spec.title)]], spec, workbook, titles)
    return saved_as_text(workbook)


def _fill(sheet, spec):
    headers = [str(h) for h in spec.headers]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F1ECE8")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [min(40, len(h)) for h in headers]
    for row in spec.rows:
        values = [_cell_value(v) for v in row]
        sheet.append(values)
        for i, cell in enumerate(sheet[sheet.max_row]):
            cell.number_format = _number_format(cell.value)
            if i < len(widths):
                widths[i] = max(widths[i], _shown_width(cell.value))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(8, width + 2)
    for number in range(2, 2 + spec.sample_rows):
        for cell in sheet[number]:
            cell.fill = PatternFill("solid", fgColor="FFF2CC")
            cell.font = Font(italic=True)
    last = get_column_letter(max(1, len(headers)))
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = f"A1:{last}{max(1, sheet.max_row)}"
    set_up_printing(sheet, landscape=sum(widths) + 2 * len(widths) > PORTRAIT_WIDTH)


def set_up_printing(sheet, *, landscape, title_rows="1:1"):
    """A4, one page wide, the title rows repeated on every printed page, "Trang n/N" in the footer. Sheets laid
    out by hand (a statistics form) call it too, so every file the system writes prints the same way."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = title_rows
    sheet.oddFooter.center.text = _("Trang &P/&N")
    sheet.print_options.gridLines = True


def _add_choices(sheet, spec, workbook, titles):
    for choice in spec.choices:
        source = workbook[titles[str(choice.sheet)]]
        letter = get_column_letter(choice.source_column + 1)
        last = max(2, 1 + choice.count if choice.count is not None else source.max_row)
        validation = DataValidation(
            type="list",
            formula1=f"{quote_sheetname(source.title)}!${letter}$2:${letter}${last}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Giá trị không có trong danh sách"),
            error=_("Hãy chọn một giá trị trong trang %(sheet)s.") % {"sheet": source.title},
        )
        column = get_column_letter(choice.column + 1)
        validation.add(f"{column}2:{column}{CHOICE_ROWS}")
        sheet.add_data_validation(validation)


def _shown_width(value):
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    return min(60, len(str(value)))


def _number_format(value):
    if isinstance(value, datetime.datetime):
        return DATETIME_FORMAT
    if isinstance(value, datetime.date):
        return DATE_FORMAT
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "General"
    return INTEGER_FORMAT if isinstance(value, int) else DECIMAL_FORMAT


def saved_as_text(workbook):
    """The workbook's bytes, every text cell kept as text. openpyxl turns a string that starts with "=" into a
    live formula, so a title a user typed as =HYPERLINK("http://…?x="&A2) would run in the reader's Excel. The
    system writes no formula of its own: any cell that would be one is stored as the text the user typed."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell_value(value):
    """What goes into a cell: numbers and dates as themselves (Excel can sum and sort them), text as text."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: the office reads its own local time.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, datetime.date):
        return value
    return str(value)


def xlsx_response(content, filename):
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@dataclass(frozen=True)
class Column:
    """One column of a list page's Excel copy: its header and how to read the value from a row's object."""

    header: str
    value: Callable


def list_export(objects, columns, *, sheet, filename):
    """The rows a list page shows (same filters, same permission scope) as an .xlsx download.

    objects is the page's queryset or list before paging; the caller makes it fetch its relations in bulk, so the
    export costs the same few queries however many rows it has.
    """
    headers = [str(c.header) for c in columns]
    rows = ([c.value(obj) for c in columns] for obj in objects)
    stamp = timezone.localdate().strftime("%Y%m%d")
    return xlsx_response(workbook_bytes([(str(sheet), headers, rows)]), f"{filename}-{stamp}.xlsx")
