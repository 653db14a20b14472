"""Readers for the rendered papers: what a PDF embeds and prints page by page, and what a .docx says in its XML.

Every paper test uses these, so "the page looks right" is asserted the same way for every kind of paper."""

import io
import re
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


MM = 72 / 25.4  # PDF points per millimetre
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)


def pdf_words(content):
    """[(page number, page width, (x0, y0, x1, y1), word)] of every word, as pdftotext -bbox places it."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(  # noqa: S603 - fixed arguments, the PDF goes through stdin
        [pdftotext, "-bbox", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    words = []
    for number, (width, _height, body) in enumerate(PAGE.findall(out), start=1):
        for x0, y0, x1, y1, word in WORD.findall(body):
            words.append((number, float(width), (float(x0), float(y0), float(x1), float(y1)), word))
    return words


def assert_no_text_overflow(content, left_mm=30, right_mm=15, slack_mm=1):
    """Every word lies between the left and right margins of Nghị định 30 (30 mm, 15 mm): a long word or a
    narrow table column that spills into the margin, or off the sheet, is caught here."""
    outside = [
        (page, word, round(box[0] / MM, 1), round(box[2] / MM, 1))
        for page, width, box, word in pdf_words(content)
        if box[0] < (left_mm - slack_mm) * MM or box[2] > width - (right_mm - slack_mm) * MM
    ]
    assert not outside, outside[:5]


def assert_docx_fits_and_asks_for_times(content):
    """Every table of a .docx fits its section's text width, and every font the file names is Times New Roman."""
    parts = docx_parts(content)
    body = parts["word/document.xml"].find("w:body", NS)
    pending = []
    for child in body:
        if child.tag == f"{W}tbl":
            pending.append(sum(int(col.get(f"{W}w")) for col in child.findall("w:tblGrid/w:gridCol", NS)))
        sect = child if child.tag == f"{W}sectPr" else child.find("w:pPr/w:sectPr", NS)
        if sect is not None:
            size, margin = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
            text_width = int(size.get(f"{W}w")) - int(margin.get(f"{W}left")) - int(margin.get(f"{W}right"))
            assert all(width <= text_width + 20 for width in pending), (pending, text_width)
            pending = []
    assert not pending
    # The text's own runs, the header and footer parts, and the styles the text uses (python-docx's template also
    # defines unused styles and bullets in Courier and Symbol, which no text reaches).
    used = {
        node.get(f"{W}val")
        for name, root in parts.items()
        if name == "word/document.xml" or name.startswith(("word/header", "word/footer"))
        for node in root.iter(f"{W}pStyle", f"{W}rStyle", f"{W}tblStyle")
    } | {"Normal"}
    styles = parts["word/styles.xml"]
    roots = [
        root
        for name, root in parts.items()
        if name == "word/document.xml" or name.startswith(("word/header", "word/footer"))
    ]
    roots += styles.findall("w:docDefaults", NS)
    roots += [style for style in styles.findall("w:style", NS) if style.get(f"{W}styleId") in used]
    fonts = {
        value
        for root in roots
        for node in root.iter(f"{W}rFonts")
        for key, value in node.attrib.items()
        if key in (f"{W}ascii", f"{W}hAnsi", f"{W}cs", f"{W}eastAsia")
    }
    assert fonts == {"Times New Roman"}, fonts
