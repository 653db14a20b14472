"""Excel exports: a header row, typed cells, frozen header and sensible widths. Officials live in Excel."""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_bytes(sheets):
    """sheets: list of (title, headers, rows). Returns the .xlsx file as bytes."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([str(h) for h in headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="F1ECE8")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths = [len(str(h)) for h in headers]
        for row in rows:
            values = [_cell_value(v) for v in row]
            sheet.append(values)
            for i, value in enumerate(values):
                widths[i] = max(widths[i], min(60, len(str(value)) if value is not None else 0))
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = max(8, width + 2)
            for cell in sheet[get_column_letter(i)][1:]:
                if isinstance(cell.value, datetime.date):
                    cell.number_format = "DD/MM/YYYY"
        sheet.freeze_panes = "A2"
    return saved_as_text(workbook)


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
    if value is None or isinstance(value, (int, float, datetime.date)):
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
