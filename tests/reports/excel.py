"""Excel files for the import tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook


def xlsx(headers, rows, name="tep.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())
