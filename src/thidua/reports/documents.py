"""Renderers: the annual summary as an editable .docx draft (Nghị định 30/2020 layout, type "BÁO CÁO"), several
summaries in one .docx (the batch job), and form 0602.N as an Excel workbook laid out like a statistical form."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from thidua.core.documents import DocxBuilder
from thidua.core.exports import saved_as_text, set_up_printing
from thidua.reports import form_0602


def _write_blocks(builder, summary):
    for block in summary.blocks:
        if block.kind == "heading":
            builder.heading(block.text)
        elif block.kind == "subheading":
            builder.paragraph(block.text, bold=True, italic=True, indent=False, align="left")
        elif block.kind == "paragraph":
            builder.paragraph(block.text)
        elif block.kind == "note":
            builder.paragraph(block.text, italic=True, align="left", indent=False)
        elif block.kind == "bullets":
            for item in block.items:
                builder.paragraph(f"- {item}", indent=False, align="left")
        elif block.kind == "table":
            builder.table(block.headers, block.items, size=11)
        # "screen_note" blocks are for the page only: a paper never prints them.
    builder.paragraph()
    builder.signatures_and_distribution()


def summary_docx(summary):
    builder = DocxBuilder(summary.meta)
    _write_blocks(builder, summary)
    return builder.to_bytes()


def summaries_docx(summaries):
    """Several summaries in one file, each from a new page with its own header and signature."""
    builder = None
    for summary in summaries:
        if builder is None:
            builder = DocxBuilder(summary.meta)
        else:
            builder.next_document(summary.meta)
        _write_blocks(builder, summary)
    return builder.to_bytes() if builder else b""


THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _header_block(sheet, filled, last_col):
    sheet["A1"] = _("Biểu số: %(code)s") % {"code": form_0602.CODE}
    sheet["A1"].font = Font(bold=True)
    sheet["A2"] = str(form_0602.CITATION)
    sheet["A3"] = str(form_0602.DUE)
    right = get_column_letter(last_col - 3)
    sheet[f"{right}1"] = _("Đơn vị báo cáo: %(name)s") % {"name": filled.province.name}
    sheet[f"{right}2"] = _("Đơn vị nhận báo cáo: Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)")
    sheet.merge_cells(start_row=5, start_column=1, end_row=5, end_column=last_col)
    sheet.cell(5, 1, str(form_0602.TITLE).upper()).font = Font(bold=True, size=14)
    sheet.cell(5, 1).alignment = Alignment(horizontal="center")
    sheet.merge_cells(start_row=6, start_column=1, end_row=6, end_column=last_col)
    sheet.cell(6, 1, _("Năm %(y)s") % {"y": filled.year}).alignment = Alignment(horizontal="center")
    sheet.cell(6, 1).font = Font(italic=True)


def _column_heads(sheet, top):
    """Two header rows (group over its columns), then the row of column letters and numbers."""
    fixed = [pgettext("biểu thống kê", "Chỉ tiêu"), _("Mã số"), _("Đơn vị tính")]
    for index, label in enumerate(fixed, start=1):
        sheet.merge_cells(start_row=top, start_column=index, end_row=top + 1, end_column=index)
        sheet.cell(top, index, label)
        sheet.cell(top + 2, index, "ABC"[index - 1])
    col = len(fixed) + 1
    groups = {}
    for column in form_0602.COLUMNS:
        if column.group:
            groups.setdefault(str(column.group), []).append(col)
            sheet.cell(top + 1, col, str(column.label))
        else:
            sheet.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
            sheet.cell(top, col, str(column.label))
        sheet.cell(top + 2, col, column.number)
        col += 1
    for label, cols in groups.items():
        sheet.merge_cells(start_row=top, start_column=cols[0], end_row=top, end_column=cols[-1])
        sheet.cell(top, cols[0], label)
    for row in sheet.iter_rows(min_row=top, max_row=top + 2, max_col=col - 1):
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = BOX


def form_0602_xlsx(filled):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "0602.N"
    last_col = 3 + len(form_0602.COLUMNS)
    _header_block(sheet, filled, last_col)
    top = 8
    _column_heads(sheet, top)
    line = top + 3
    for row, values in filled.lines():
        cells = [str(row.label), row.code, str(row.unit), *values]
        for index, value in enumerate(cells, start=1):
            cell = sheet.cell(line, index, value)
            cell.border = BOX
            cell.font = Font(bold=row.bold)
            if index > 1:
                cell.alignment = Alignment(horizontal="center")
        line += 1
    sheet.cell(line + 1, 1, str(form_0602.PERIOD_NOTE)).font = Font(italic=True)
    sheet.cell(line + 2, 1, str(form_0602.CHECK_NOTE)).font = Font(italic=True, bold=True)
    sheet.cell(line + 3, 1, _("Lập ngày %(d)s") % {"d": timezone.localdate().strftime("%d/%m/%Y")})
    sheet.column_dimensions["A"].width = 48
    for index in range(2, last_col + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 11
    sheet.freeze_panes = sheet.cell(top + 3, 4)
    set_up_printing(sheet, landscape=True, title_rows=f"{top}:{top + 2}")
    return saved_as_text(workbook)
