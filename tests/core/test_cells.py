import datetime

import pytest

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
