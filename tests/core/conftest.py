import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import Workbook
from PIL import Image

from tests.core.helpers import MINIMAL_PDF


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
