"""Readers for the rendered papers: what a PDF embeds and prints page by page, and what a .docx says in its XML.

Every paper test uses these, so "the page looks right" is asserted the same way for every kind of paper."""

import io
import shutil
import subprocess
import zipfile

import pytest
from fontTools.ttLib import TTFont
from lxml import etree
from pyhanko.pdf_utils.reader import PdfFileReader

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
SHIPPED_REVISION = 2.0  # Liberation Serif 2.x; Debian's fonts-liberation 1.x is 1.07 and lacks ơ, ư, ầ…


def _pages(node):
    node = node.get_object()
    if node["/Type"] == "/Pages":
        for kid in node["/Kids"]:
            yield from _pages(kid)
    else:
        yield node


def pdf_page_count(content):
    return int(PdfFileReader(io.BytesIO(content)).root["/Pages"]["/Count"])


def pdf_fonts(content):
    """{base font name: font revision of the embedded file} over every page."""
    reader = PdfFileReader(io.BytesIO(content))
    found = {}
    for page in _pages(reader.root["/Pages"]):
        fonts = page["/Resources"].get_object().get("/Font")
        for reference in fonts.get_object().values() if fonts else []:
            font = reference.get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            data = descriptor["/FontFile2"].get_object().data
            found[name] = TTFont(io.BytesIO(data))["head"].fontRevision
    return found


def assert_shipped_fonts_only(content):
    fonts = pdf_fonts(content)
    assert fonts, "no embedded font"
    for name, revision in fonts.items():
        assert name.startswith("Liberation-Serif"), name
        assert revision >= SHIPPED_REVISION, (name, revision)


def pdf_page_lines(content, page):
    """The non-empty text lines of one page (1-based), as pdftotext lays them out."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:  # CI installs poppler-utils; a bare laptop may not have it
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(  # noqa: S603 - fixed arguments, the PDF goes through stdin
        [pdftotext, "-layout", "-f", str(page), "-l", str(page), "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [line.strip() for line in out.splitlines() if line.strip()]


def assert_numbered_from_page_two(content):
    """Page 1 carries no number; page 2 starts with "2" alone in the top margin."""
    assert pdf_page_count(content) >= 2
    assert pdf_page_lines(content, 1)[0] != "1"
    assert pdf_page_lines(content, 2)[0] == "2"


def docx_parts(content):
    """{part name: parsed XML} of the .docx's word/ parts."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        }


def assert_docx_layout(content):
    """The ND 30 facts of a .docx: a PAGE field in the default header and none on the first page, every table's
    grid equal to its cells, rows that never split, the first row of a bordered table repeating."""
    parts = docx_parts(content)
    body = parts["word/document.xml"]
    sect = body.findall(".//w:sectPr", NS)[-1]
    assert sect.find("w:titlePg", NS) is not None
    kinds = {ref.get(f"{W}type") for ref in sect.findall("w:headerReference", NS)}
    assert kinds >= {"default", "first"}
    headers = [root for name, root in parts.items() if name.startswith("word/header")]
    with_page = [h for h in headers if "PAGE" in "".join(h.itertext())]
    assert with_page
    assert len(headers) > len(with_page)
    tables = body.findall(".//w:tbl", NS)
    assert tables
    for table in tables:
        grid = [int(col.get(f"{W}w")) for col in table.findall("w:tblGrid/w:gridCol", NS)]
        for row in table.findall("w:tr", NS):
            cells = [int(tc.find("w:tcPr/w:tcW", NS).get(f"{W}w")) for tc in row.findall("w:tc", NS)]
            assert cells == grid
            assert row.find("w:trPr/w:cantSplit", NS) is not None
        assert table.find("w:tblPr/w:tblLayout", NS).get(f"{W}type") == "fixed"
    return body
