"""Helpers the tests of this app share."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from thidua.scoring import excel

PDF = b"%PDF-1.4\n% thu nghiem\n%%EOF\n"


def pdf_file(name="minh-chung.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def xlsx_upload(rows, name="bang.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.title = "Tiêu chí"
    sheet.append([header for _key, header in excel.COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())
