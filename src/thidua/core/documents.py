"""Official documents in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I), as .docx, and PDF from HTML.

A renderer builds an OfficialDocument: the header block (issuing body | national title and motto), the
number and symbol, place and date, the document type and summary, the body, the signature block and the
"Nơi nhận" list. Sizes and margins follow Phụ lục I: A4, Times New Roman, margins top/bottom 20 mm,
left 30 mm, right 15 mm; national title 12 pt bold capitals; motto 13 pt bold with a line below.
"""

import datetime
import functools
import io
from dataclasses import dataclass, field
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import translation
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Official papers are always Vietnamese, whatever language the user reads the pages in.
DOCUMENT_LANGUAGE = "vi"


def in_vietnamese(render):
    """Run a document renderer with Vietnamese active, so every gettext string and label in the paper is Vietnamese."""

    @functools.wraps(render)
    def wrapper(*args, **kwargs):
        with translation.override(DOCUMENT_LANGUAGE):
            return render(*args, **kwargs)

    return wrapper


def vietnamese(message):
    """A lazy gettext message in Vietnamese: for text stored as data (titles, names) that official papers print."""
    with translation.override(DOCUMENT_LANGUAGE):
        return str(message)


def vn_date_line(place, day):
    """ "Quảng Trị, ngày 05 tháng 01 năm 2024": day and month below 10 carry a leading zero (Phụ lục I)."""
    if day is None:
        return f"{place}, ngày      tháng      năm      "
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


@dataclass
class Signature:
    """One signing block: authority prefix (TM., KT., TL. ...), the body or title, the signer's name."""

    title: str
    name: str = ""
    prefix: str = ""
    deputy_title: str = ""  # for KT.: the signer's own title under the head's


@dataclass
class OfficialDocument:
    issuer: str  # cơ quan, tổ chức ban hành, e.g. "CỤM THI ĐUA CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ"
    doc_type: str  # tên loại, e.g. "BIÊN BẢN", "TỜ TRÌNH"; empty for a công văn
    summary: str  # trích yếu
    place: str
    date: datetime.date | None
    number: str = ""  # e.g. "01/BB-CTĐ"; blank leaves room for the clerk to fill in
    parent_issuer: str = ""  # cơ quan chủ quản, not bold
    recipients_line: str = ""  # "Kính gửi: ..." for submissions
    landscape: bool = False
    signatures: list = field(default_factory=list)
    distribution: list = field(default_factory=list)  # Nơi nhận


class DocxBuilder:
    """Writes an OfficialDocument and whatever body the renderer adds in between."""

    def __init__(self, meta):
        self.meta = meta
        self.doc = Document()
        self._setup_page()
        self._setup_styles()
        self._header()

    # page and styles -------------------------------------------------------------------------------
    def _setup_page(self):
        section = self.doc.sections[0]
        if self.meta.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        else:
            section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)

    def _setup_styles(self):
        style = self.doc.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(14)
        # East-Asian font name too, or Word substitutes another face for Vietnamese characters.
        style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.line_spacing = 1.15

    # small writers ---------------------------------------------------------------------------------
    @staticmethod
    def _run(paragraph, text, *, size=None, bold=False, italic=False, underline=False):
        run = paragraph.add_run(text)
        run.font.name = FONT
        run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)  # noqa: SLF001 - python-docx has no API for it
        if size:
            run.font.size = Pt(size)
        run.bold, run.italic, run.underline = bold, italic, underline
        return run

    @staticmethod
    def _cell_paragraph(cell, *, first=False):
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        return paragraph

    @staticmethod
    def _bottom_border(paragraph):
        # A solid line under the issuer and the motto, as long as the text above it.
        p_pr = paragraph._p.get_or_add_pPr()  # noqa: SLF001
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        p_pr.append(borders)

    @staticmethod
    def _no_borders(table):
        tbl_pr = table._tbl.tblPr  # noqa: SLF001
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:val"), "nil")
            borders.append(element)
        tbl_pr.append(borders)

    # the fixed parts ---------------------------------------------------------------------------------
    def _header(self):
        meta = self.meta
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self._no_borders(table)
        left, right = table.rows[0].cells
        left.width, right.width = Mm(65), Mm(100)
        first = True
        if meta.parent_issuer:
            self._run(self._cell_paragraph(left, first=first), meta.parent_issuer.upper(), size=12)
            first = False
        issuer = self._cell_paragraph(left, first=first)
        self._run(issuer, meta.issuer.upper(), size=12, bold=True)
        self._bottom_border(issuer)
        number = self._cell_paragraph(left)
        self._run(number, f"Số: {meta.number}" if meta.number else "Số:        /", size=13)
        self._run(self._cell_paragraph(right, first=True), NATIONAL_TITLE, size=12, bold=True)
        motto = self._cell_paragraph(right)
        self._run(motto, MOTTO, size=13, bold=True)
        self._bottom_border(motto)
        date_line = self._cell_paragraph(right)
        date_line.paragraph_format.space_before = Pt(6)
        self._run(date_line, vn_date_line(meta.place, meta.date), size=14, italic=True)

        if meta.doc_type:
            title = self.doc.add_paragraph()
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            title.paragraph_format.space_before = Pt(18)
            title.paragraph_format.space_after = Pt(0)
            self._run(title, meta.doc_type.upper(), size=14, bold=True)
        summary = self.doc.add_paragraph()
        summary.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(summary, meta.summary, size=14, bold=True)
        if meta.recipients_line:
            to = self.doc.add_paragraph()
            to.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._run(to, meta.recipients_line, size=14)

    # body helpers for renderers ---------------------------------------------------------------------
    def heading(self, text):
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(6)
        self._run(paragraph, text, bold=True)
        return paragraph

    def paragraph(self, text="", *, bold=False, italic=False, align="justify", indent=True):
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = {
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }[align]
        if indent and align == "justify":
            paragraph.paragraph_format.first_line_indent = Mm(12.7)
        if text:
            self._run(paragraph, text, bold=bold, italic=italic)
        return paragraph

    def table(self, headers, rows, *, widths_mm=None, size=12):
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._run(paragraph, str(text), size=size, bold=True)
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                self._run(cell.paragraphs[0], "" if value is None else str(value), size=size)
        if widths_mm:
            for row in table.rows:
                for cell, width in zip(row.cells, widths_mm, strict=True):
                    cell.width = Mm(width)
        return table

    def signatures_and_distribution(self):
        """The closing: "Nơi nhận" at the bottom left, the signature blocks on the right."""
        meta = self.meta
        table = self.doc.add_table(rows=1, cols=2)
        self._no_borders(table)
        left, right = table.rows[0].cells
        if meta.distribution:
            label = left.paragraphs[0]
            self._run(label, "Nơi nhận:", size=12, bold=True, italic=True)
            for item in meta.distribution:
                self._run(left.add_paragraph(), f"- {item};", size=11)
        first = True
        for signature in meta.signatures:
            block = self._cell_paragraph(right, first=first)
            first = False
            if signature.prefix:
                self._run(block, f"{signature.prefix} {signature.title}".upper(), size=14, bold=True)
            else:
                self._run(block, signature.title.upper(), size=14, bold=True)
            if signature.deputy_title:
                self._run(self._cell_paragraph(right), signature.deputy_title.upper(), size=14, bold=True)
            for _ in range(3):
                self._cell_paragraph(right)
            self._run(self._cell_paragraph(right), signature.name, size=14, bold=True)
        return table

    def signature_grid(self, signers, *, columns=2):
        """Side-by-side signature blocks (e.g. every member unit of a pledge, or chair and secretary)."""
        rows = (len(signers) + columns - 1) // columns
        table = self.doc.add_table(rows=rows, cols=columns)
        self._no_borders(table)
        for index, signature in enumerate(signers):
            cell = table.rows[index // columns].cells[index % columns]
            self._run(self._cell_paragraph(cell, first=True), signature.title.upper(), size=13, bold=True)
            for _ in range(3):
                self._cell_paragraph(cell)
            self._run(self._cell_paragraph(cell), signature.name, size=13, bold=True)
        return table

    def to_bytes(self):
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def docx_response(content, filename):

    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def pdf_from_html(html, *, base_url=None):
    """Render HTML (a print template) to PDF with WeasyPrint; fonts come from the machine, nothing remote."""
    from weasyprint import HTML  # noqa: PLC0415 - heavy: WeasyPrint loads Pango; only PDF requests pay for it

    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_response(content, filename, *, inline=False):

    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(filename):

    return quote(filename)
