import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from thidua.core import cells
from thidua.core.cells import cell_date, cell_text


@pytest.mark.parametrize(
    ("value", "expected"), [(None, ""), (1.0, "1"), (2.5, "2.5"), ("  Lệ Thủy ", "Lệ Thủy"), (12, "12")]
)
def test_cell_text(value, expected):
    assert cell_text(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        (datetime.datetime(2023, 12, 15, 8, 30), datetime.date(2023, 12, 15)),  # noqa: DTZ001 - openpyxl gives naive
        (datetime.date(2023, 12, 15), datetime.date(2023, 12, 15)),
        ("15/12/2023", datetime.date(2023, 12, 15)),
        ("2023-12-15", datetime.date(2023, 12, 15)),
        ("15-12-2023", datetime.date(2023, 12, 15)),
    ],
)
def test_cell_date_reads_dates(value, expected):
    assert cell_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/2023", "ngày mai", "12/2023"])
def test_cell_date_refuses_what_is_not_a_date(value):
    with pytest.raises(ValueError, match=value):
        cell_date(value)


def _workbook(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_a_sheet_within_bounds_is_read():
    sheet = cells.open_sheet(_workbook([["Tên", "Số"], ["Xã A", 3]]))
    assert list(cells.bounded_rows(sheet)) == [("Tên", "Số"), ("Xã A", 3)]


def test_a_sheet_declaring_too_many_rows_or_columns_is_refused_before_reading():
    with pytest.raises(ValidationError, match="Tệp có hơn 2 dòng dữ liệu"):
        cells.open_sheet(_workbook([["Tên"], ["a"], ["b"], ["c"]]), max_rows=2)
    with pytest.raises(ValidationError, match="Tệp có hơn 3 cột"):
        cells.open_sheet(_workbook([["a", "b", "c", "d"]]), max_columns=3)


def test_a_long_cell_is_refused_by_its_position_without_echoing_it():
    payload = "X" * (cells.MAX_CELL_CHARS + 1)
    sheet = cells.open_sheet(_workbook([["Tên"], ["Xã A"], [payload]]))
    with pytest.raises(ValidationError) as refused:
        list(cells.bounded_rows(sheet))
    assert refused.value.messages == [f"Ô ở dòng 3, cột 1 dài hơn {cells.MAX_CELL_CHARS} ký tự. Hãy kiểm tra lại tệp."]


def test_a_file_that_unpacks_too_large_or_is_no_workbook_is_refused(monkeypatch):
    monkeypatch.setattr(cells, "MAX_UNCOMPRESSED_BYTES", 1000)
    with pytest.raises(ValidationError, match="giải nén ra quá lớn"):
        cells.open_sheet(_workbook([["X" * 2000]]))
    with pytest.raises(ValidationError, match="Không đọc được tệp Excel"):
        cells.open_sheet(io.BytesIO(b"not a zip at all"))
