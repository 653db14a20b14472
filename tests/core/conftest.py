import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import Workbook
from PIL import Image

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n168\n%%EOF\n"
)


def _image(kind):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format=kind)
    return buffer.getvalue()


def _docx():
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Báo cáo thành tích")
    document.save(buffer)
    return buffer.getvalue()


def _xlsx():
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Điểm"
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def sample_files():
    """Real small files of every accepted kind: name -> bytes."""
    return {
        "bao-cao.pdf": MINIMAL_PDF,
        "anh.png": _image("PNG"),
        "anh.jpg": _image("JPEG"),
        "bao-cao.docx": _docx(),
        "bang-diem.xlsx": _xlsx(),
    }


@pytest.fixture
def upload():
    def make(name, content):
        return SimpleUploadedFile(name, content)

    return make
