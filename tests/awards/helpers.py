"""Helpers the tests of this app share."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from thidua.awards.eligibility import evaluate_eligibility
from thidua.awards.importer import COLUMNS

# A fixed day of consideration, so tests never depend on the real date.
AS_OF = datetime.date(2026, 3, 1)


HEADERS = [header for _key, header, _required in COLUMNS]


def xlsx(rows, headers=HEADERS):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("so-khen-thuong.xlsx", buffer.getvalue())


def row(
    form="co-thi-dua-tinh",
    year=2023,
    unit="",
    name="",
    person_unit="",
    *,
    number="1/QĐ-UBND",
    date="15/01/2024",
    kind="hằng năm",
    person_id=None,
    birth=None,
):
    return [form, year, kind, number, date, "Chủ tịch UBND tỉnh", unit, person_id, name, birth, person_unit, ""]


def judge(candidate, forms, code, year, **kwargs):
    return evaluate_eligibility(candidate, forms[code], year, as_of=kwargs.pop("as_of", AS_OF), **kwargs)


def condition(result, code):
    found = [c for c in result.conditions if c.condition == code]
    assert len(found) == 1, [c.condition for c in result.conditions]
    return found[0]
