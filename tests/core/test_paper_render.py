"""Every official paper the system issues, rendered from the demo year and looked at as a reader would.

The demo (seed_demo) is loaded once for the module inside a transaction that is rolled back, every paper is
rendered once, and each check reads the bytes. For a .docx: page numbers from page 2 (a PAGE field, a different
first page), grids equal to their cells, tables that fit the text width, only Times New Roman asked for. For a PDF:
page 2 carries its number and page 1 none, only the shipped Liberation Serif 2.x embedded, the national title on
one line, and no word outside the ND 30 margins. docs/papers.md shows the same papers (tests/gallery.py)."""

import io
import re
import zipfile

import pytest

from tests.gallery import PAPERS, render_all
from tests.papers import (
    assert_docx_fits_and_asks_for_times,
    assert_docx_layout,
    assert_no_text_overflow,
    assert_shipped_fonts_only,
    pdf_page_count,
    pdf_page_lines,
)

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# The tests only read bytes, but pytest-django sets up the test database only for tests marked as using it.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return render_all()


def test_every_paper_kind_is_rendered(rendered):
    assert sorted(rendered) == sorted(p.key for p in PAPERS)
    assert all(rendered[p.key].docx for p in PAPERS)


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.key)
def test_the_docx(rendered, paper):
    content = rendered[paper.key].docx
    assert_docx_layout(content)
    assert_docx_fits_and_asks_for_times(content)
    # The demo's rules include unchecked ones: their "chưa đối chiếu" note stays on the screen (ND 30 papers).
    words = "".join(
        re.findall(r"<w:t[^>]*>([^<]*)</w:t>", zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode())
    )
    assert "chưa đối chiếu" not in words


@pytest.mark.parametrize("paper", [p for p in PAPERS if p.has_pdf], ids=lambda p: p.key)
def test_the_pdf(rendered, paper):
    content = rendered[paper.key].pdf
    assert_shipped_fonts_only(content)
    assert_no_text_overflow(content)
    first = pdf_page_lines(content, 1)
    assert first[0] != "1"
    assert any(NATIONAL_TITLE in line for line in first[:4]), first[:4]
    assert any(MOTTO in line for line in first[:5]), first[:5]
    if pdf_page_count(content) >= 2:
        assert pdf_page_lines(content, 2)[0] == "2"
