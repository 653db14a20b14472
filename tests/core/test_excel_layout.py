"""The export builder writes files an office can use: typed cells, a frozen bold header with AutoFilter, a print
set-up, and drop-down lists in the import templates. Each file is read back with openpyxl."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from thidua.core.exports import Choices, Sheet, workbook_bytes


def read(content):
    return load_workbook(io.BytesIO(content))


def test_numbers_and_dates_are_typed_cells_with_vietnamese_formats():
    moment = datetime.datetime(2026, 3, 4, 1, 30, tzinfo=datetime.UTC)
    rows = [[1, Decimal("19.5"), Decimal(20), 2.25, datetime.date(2026, 3, 4), moment, "=1+1", None]]
    sheet = read(workbook_bytes([("Bảng", ["STT", "Điểm", "Tổng", "Hệ số", "Ngày", "Lúc", "Ghi chú", "Trống"], rows)]))[
        "Bảng"
    ]
    cells = sheet[2]
    assert [c.data_type for c in cells[:7]] == ["n", "n", "n", "n", "d", "d", "s"]
    assert [c.value for c in cells[:4]] == [1, 19.5, 20, 2.25]
    assert type(cells[2].value) is int  # a whole Decimal stays a whole number
    assert cells[4].value == datetime.datetime(2026, 3, 4)  # noqa: DTZ001 - Excel cells are naive
    assert cells[5].value == datetime.datetime(2026, 3, 4, 8, 30)  # noqa: DTZ001 - Asia/Ho_Chi_Minh, seen as local time
    assert [c.number_format for c in cells[:6]] == [
        "0",
        "#,##0.0#",
        "0",
        "#,##0.0#",
        "DD/MM/YYYY",
        "DD/MM/YYYY HH:MM",
    ]
    assert cells[6].value == "=1+1"
    assert cells[7].value is None


def test_header_filter_widths_and_print_setup():
    narrow = (("Hẹp", ["STT", "Tên"], [[1, "Huyện Lệ Thủy"], [2, "Huyện Quảng Ninh"]]),)
    wide = (("Rộng", [f"Cột số {i}" for i in range(20)], [["x" * 12] * 20]),)
    book = read(workbook_bytes([*narrow, *wide]))
    sheet = book["Hẹp"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B3"
    assert [c.font.b for c in sheet[1]] == [True, True]
    assert sheet.column_dimensions["A"].width == 8
    assert sheet.column_dimensions["B"].width == len("Huyện Quảng Ninh") + 2
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.oddFooter.center.text == "Trang &P/&N"
    assert book["Rộng"].page_setup.orientation == "landscape"
    assert book["Rộng"].auto_filter.ref == "A1:T2"


def test_drop_down_lists_read_the_lookup_sheet_and_samples_are_marked():
    data = Sheet("Dữ liệu", ["Tên", "Loại"], [["Mẫu", "Hai"]], choices=[Choices(1, "Loại hợp lệ")], sample_rows=1)
    notes = Sheet("Ghi chú", ["Loại"], [["Một"], ["Hai"], [""], ["Ghi chú thêm"]], choices=[])
    book = read(workbook_bytes([data, ("Loại hợp lệ", ["Loại"], [["Một"], ["Hai"], ["Ba"]]), notes]))
    sheet = book["Dữ liệu"]
    [validation] = sheet.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == "'Loại hợp lệ'!$A$2:$A$4"
    assert str(validation.sqref) == "B2:B2000"
    assert validation.showErrorMessage is True
    assert sheet["A2"].fill.fgColor.rgb == "00FFF2CC"
    assert sheet["A2"].font.i is True
    assert book["Ghi chú"].data_validations.dataValidation == []


def test_a_counted_list_stops_before_the_notes():
    data = Sheet("Bảng", ["Loại"], [], choices=[Choices(0, "HD", count=2)])
    book = read(workbook_bytes([data, ("HD", ["Loại"], [["a"], ["b"], [""], ["ghi chú"]])]))
    assert book["Bảng"].data_validations.dataValidation[0].formula1 == "'HD'!$A$2:$A$3"


@pytest.mark.django_db
def test_import_templates_carry_their_drop_down_lists():
    from thidua.awards.importer import template_bytes as award_template
    from thidua.organizations.account_import import template_bytes as account_template
    from thidua.reports.importers.people import template_bytes as people_template
    from thidua.reports.importers.units import template_bytes as units_template

    def lists(content, title):
        sheet = read(content)[title]
        return {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}

    assert lists(award_template(), "So theo doi") == {
        "A2:A2000": "'Danh muc'!$A$2:$A$2",  # the catalogue is empty here: the list still has a range
        "C2:C2000": "'Loai thanh tich'!$A$2:$A$5",
    }
    assert lists(account_template(), "Tài khoản") == {
        "E2:E2000": "'Vai trò được dùng'!$A$2:$A$" + str(read(account_template())["Vai trò được dùng"].max_row)
    }
    people = lists(people_template(), "Ca nhan")
    assert people["B2:B2000"] == "'Gioi tinh'!$A$2:$A$4"
    assert people["H2:H2000"] == "'Co khong'!$A$2:$A$3"
    assert set(people) == {"B2:B2000", "D2:D2000", "H2:H2000"}
    assert set(lists(units_template(), "Don vi")) == {"C2:C2000", "D2:D2000"}
