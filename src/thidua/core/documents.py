"""Official documents in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I), as .docx, and PDF from HTML.

A renderer builds an OfficialDocument: the header block (issuing body | national title and motto), the
number and symbol, place and date, the document type and summary, the body, the signature block and the
"Nơi nhận" list. Sizes and margins follow Phụ lục I: A4, Times New Roman, margins top/bottom 20 mm,
left 30 mm, right 15 mm; national title 12 pt bold capitals; motto 13 pt bold with a rule as long as it; a rule of
1/3 to 1/2 of the line under the issuing body and under the trích yếu; page numbers from page 2, centred in the
top margin. Tables keep their grid equal to their cells, repeat their header row and never split a row; headings
stay with what follows and a signature block stays on one page. PDFs use the shipped Liberation Serif only
(paper_layout, static/css/paper.css).
"""

import datetime
import functools
import io
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone, translation
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from thidua.core import signing
from thidua.core.paper_layout import (
    ISSUER_SHARE,
    PAPER_CSS,
    SHORT_RULE_SHARE,
    TEXT_WIDTH_MM,
    column_widths,
    distribution_lines,
    rule_under,
    split_article,
    vn_date_line,
)

FONT = "Times New Roman"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"
BLANK_NUMBER = "Số:      /"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Official papers are always Vietnamese, whatever language the user reads the pages in.
DOCUMENT_LANGUAGE = "vi"

__all__ = [
    "DOCUMENT_LANGUAGE",
    "DocxBuilder",
    "OfficialDocument",
    "Signature",
    "docx_response",
    "in_vietnamese",
    "pdf_from_html",
    "pdf_response",
    "split_article",
    "vietnamese",
    "vn_date_line",
]


# The system's notes on its own checking of a citation ("(chưa đối chiếu)", "(điều khoản chưa đối chiếu)", ", chưa
# đối chiếu)") are for the board's screen: ND 30/2020 papers cite the text alone.
UNCHECKED_NOTE = re.compile(r"\s*\((?:điều khoản\s+)?chưa đối chiếu\)|,\s*(?:điều khoản\s+)?chưa đối chiếu(?=\))")


def cited(citation):
    """A citation as an official paper prints it: without the system's "not yet checked" note."""
    return UNCHECKED_NOTE.sub("", citation or "").strip()


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


@dataclass
class Signature:
    """One signing block: authority (TM., KT., TL. ...), the body or head it signs for, the signer's own title
    (under a KT. or TM.), and the signer's name."""

    title: str
    name: str = ""
    prefix: str = ""
    deputy_title: str = ""  # the signer's own title under the authority line, e.g. "PHÓ CHỦ TỊCH"

    @property
    def lines(self):
        """The bold capital lines above the space for the signature."""
        first = f"{self.prefix} {self.title}" if self.prefix else self.title
        return [text.upper() for text in (first, self.deputy_title) if text]


@dataclass
class OfficialDocument:
    issuer: str  # cơ quan, tổ chức ban hành, e.g. "CỤM THI ĐUA CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ"
    doc_type: str  # tên loại, e.g. "BIÊN BẢN", "TỜ TRÌNH"; empty for a công văn
    summary: str  # trích yếu
    place: str  # địa danh of the issuing body: the province's, a district's or a commune's name
    date: datetime.date | None
    number: str = ""  # e.g. "01/BB-CTĐ"; blank leaves room for the clerk to fill in
    parent_issuer: str = ""  # cơ quan chủ quản, not bold
    recipients_line: str = ""  # "Kính gửi: ..." for submissions
    landscape: bool = False
    signatures: list = field(default_factory=list)
    distribution: list = field(default_factory=list)  # Nơi nhận, without the closing "Lưu" line
    drafter: str = ""  # the drafting unit's short name in "- Lưu: VT, <drafter>."
    draft: bool = False  # a paper of a register not yet issued: "DỰ THẢO", no number
    body_key: str = ""  # the issuing body's register key ("cluster:3"): its own certificate signs the PDF

    @property
    def number_line(self):
        return f"Số: {self.number}" if self.number and not self.draft else BLANK_NUMBER

    @property
    def date_line(self):
        return vn_date_line(self.place, None if self.draft else self.date)

    @property
    def distribution_lines(self):
        return distribution_lines(self.distribution, self.drafter)

    @property
    def text_width_mm(self):
        return TEXT_WIDTH_MM[self.landscape]

    @property
    def header_widths_mm(self):
        left = round(self.text_width_mm * ISSUER_SHARE, 1)
        return left, self.text_width_mm - left


def _set_on(parent, tag, **attributes):
    """Add (or reuse) a child element `tag` of `parent` with w:-prefixed attributes."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _rule_paragraph(cell, length_mm, indent_mm, *, first=False):
    """An empty 1 pt line whose bottom border is the rule: its indents make it `length_mm` long and centred."""
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(indent_mm)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(2)
    fmt.keep_with_next = True
    borders = _set_on(paragraph._p.get_or_add_pPr(), "w:pBdr")  # noqa: SLF001 - python-docx has no border API
    _set_on(borders, "w:bottom", val="single", sz="6", space="1", color="000000")
    return paragraph


def _no_borders(table):
    borders = _set_on(table._tbl.tblPr, "w:tblBorders")  # noqa: SLF001
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _set_on(borders, f"w:{edge}", val="nil")


def _fix_widths(table, widths_mm):
    """Grid columns, cells and the table itself all say the same widths, in a fixed layout: LibreOffice reads the
    grid, Word the cells, and where they disagree a line such as the national title breaks."""
    table.autofit = False
    total = sum(widths_mm)
    tbl_pr = table._tbl.tblPr  # noqa: SLF001
    _set_on(tbl_pr, "w:tblW", w=str(round(Mm(total).twips)), type="dxa")
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _keep_rows_whole(table, *, header_rows=0):
    """No row splits across pages (cantSplit); the first `header_rows` repeat on every page (tblHeader)."""
    for index, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()  # noqa: SLF001
        _set_on(tr_pr, "w:cantSplit")
        if index < header_rows:
            _set_on(tr_pr, "w:tblHeader")


def _keep_cell_together(cell):
    # Every paragraph but the last keeps with the next, so a block such as a signature never splits.
    for paragraph in cell.paragraphs[:-1]:
        paragraph.paragraph_format.keep_with_next = True


def _page_field(paragraph):
    """A PAGE field: Word and LibreOffice print the page's number in its place."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "2"), ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)  # noqa: SLF001
    return run


class DocxBuilder:
    """Writes an OfficialDocument and whatever body the renderer adds in between."""

    def __init__(self, meta):
        self.meta = meta
        self.doc = Document()
        self._setup_styles()
        self._setup_section(self.doc.sections[0])
        self._header()

    # page and styles -------------------------------------------------------------------------------
    def _setup_section(self, section):
        if self.meta.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.header_distance = Mm(10)
        # Phụ lục I: the number from page 2, centred in the top margin; the first page has none.
        section.different_first_page_header_footer = True
        section.header.is_linked_to_previous = False
        section.first_page_header.is_linked_to_previous = False
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in list(header.runs):
            run._r.getparent().remove(run._r)  # noqa: SLF001
        self._style_run(_page_field(header), size=13)
        # Each paper counts its own pages, also when several share one file.
        _set_on(section._sectPr, "w:pgNumType", start="1")  # noqa: SLF001

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
    def _style_run(run, *, size=None, bold=False, italic=False, underline=False):
        run.font.name = FONT
        run._element.get_or_add_rPr().rFonts.set(qn("w:eastAsia"), FONT)  # noqa: SLF001 - python-docx has no API for it
        if size:
            run.font.size = Pt(size)
        run.bold, run.italic, run.underline = bold, italic, underline
        return run

    @classmethod
    def _run(cls, paragraph, text, *, size=None, bold=False, italic=False, underline=False):
        return cls._style_run(paragraph.add_run(text), size=size, bold=bold, italic=italic, underline=underline)

    @staticmethod
    def _cell_paragraph(cell, *, first=False):
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        return paragraph

    def _centered(self, text, *, size=14, bold=True, before=0, after=0):
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(before)
        paragraph.paragraph_format.space_after = Pt(after)
        paragraph.paragraph_format.keep_with_next = True
        self._run(paragraph, text, size=size, bold=bold)
        return paragraph

    # the fixed parts ---------------------------------------------------------------------------------
    def _header(self):
        meta = self.meta
        if meta.draft:
            mark = self.doc.add_paragraph()
            mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            mark.paragraph_format.space_after = Pt(0)
            self._run(mark, DRAFT_MARK, size=12, bold=True)
        left_mm, right_mm = meta.header_widths_mm
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _no_borders(table)
        _fix_widths(table, [left_mm, right_mm])
        _keep_rows_whole(table)
        left, right = table.rows[0].cells
        first = True
        if meta.parent_issuer:
            self._run(self._cell_paragraph(left, first=True), meta.parent_issuer.upper(), size=12)
            first = False
        issuer = meta.issuer.upper()
        self._run(self._cell_paragraph(left, first=first), issuer, size=12, bold=True)
        _rule_paragraph(left, *rule_under(issuer, 12, left_mm, share=SHORT_RULE_SHARE))
        number = self._cell_paragraph(left)
        number.paragraph_format.space_before = Pt(6)
        self._run(number, meta.number_line, size=13)
        self._run(self._cell_paragraph(right, first=True), NATIONAL_TITLE, size=12, bold=True)
        self._run(self._cell_paragraph(right), MOTTO, size=13, bold=True)
        _rule_paragraph(right, *rule_under(MOTTO, 13, right_mm))
        date_line = self._cell_paragraph(right)
        date_line.paragraph_format.space_before = Pt(6)
        self._run(date_line, meta.date_line, size=14, italic=True)

        if meta.doc_type:
            self._centered(meta.doc_type.upper(), before=18)
        summary = self._centered(meta.summary)
        if meta.doc_type:
            self._summary_rule(summary)
        if meta.recipients_line:
            to = self.doc.add_paragraph()
            to.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._run(to, meta.recipients_line, size=14)

    def _summary_rule(self, summary):
        summary.paragraph_format.space_after = Pt(0)
        width = self.meta.text_width_mm
        length, indent = rule_under(self.meta.summary, 14, width + 3.8, share=SHORT_RULE_SHARE)
        rule = self.doc.add_paragraph()
        fmt = rule.paragraph_format
        fmt.left_indent = fmt.right_indent = Mm(indent)
        fmt.space_before, fmt.space_after = Pt(0), Pt(12)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(2)
        borders = _set_on(rule._p.get_or_add_pPr(), "w:pBdr")  # noqa: SLF001
        _set_on(borders, "w:bottom", val="single", sz="6", space="1", color="000000")
        return length

    # body helpers for renderers ---------------------------------------------------------------------
    def heading(self, text):
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.paragraph_format.keep_with_next = True  # never alone at a page's foot
        self._run(paragraph, text, bold=True)
        return paragraph

    def paragraph(self, text="", *, bold=False, italic=False, align="justify", indent=True, keep_with_next=False):
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = {
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }[align]
        paragraph.paragraph_format.keep_with_next = keep_with_next
        if indent and align == "justify":
            paragraph.paragraph_format.first_line_indent = Mm(12.7)
        if text:
            article, rest = split_article(text)
            if article:  # "Điều 1." of a decision prints bold
                self._run(paragraph, article, bold=True, italic=italic)
                text = f" {rest}"
            self._run(paragraph, text, bold=bold, italic=italic)
        return paragraph

    def table(self, headers, rows, *, widths_mm=None, size=12):
        rows = [["" if value is None else str(value) for value in row] for row in rows]
        widths = column_widths(headers, rows, self.meta.text_width_mm, widths_mm)
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            self._run(paragraph, str(text), size=size, bold=True)
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.paragraphs[0].paragraph_format.space_after = Pt(0)
                self._run(cell.paragraphs[0], value, size=size)
        _fix_widths(table, widths)
        _keep_rows_whole(table, header_rows=1)
        return table

    def _two_columns(self):
        table = self.doc.add_table(rows=1, cols=2)
        _no_borders(table)
        half = self.meta.text_width_mm / 2
        _fix_widths(table, [half - 5, half + 5])
        _keep_rows_whole(table)
        return table

    def _signature_block(self, cell, signature, *, size=14):
        first = True
        for line in signature.lines:
            self._run(self._cell_paragraph(cell, first=first), line, size=size, bold=True)
            first = False
        for _ in range(4):  # room for the signature and the seal
            self._cell_paragraph(cell, first=first)
            first = False
        self._run(self._cell_paragraph(cell), signature.name, size=size, bold=True)

    def signatures_and_distribution(self):
        """The closing: "Nơi nhận" at the bottom left, the signature blocks on the right, kept on one page."""
        meta = self.meta
        table = self._two_columns()
        left, right = table.rows[0].cells
        label = left.paragraphs[0]
        label.paragraph_format.space_after = Pt(0)
        self._run(label, "Nơi nhận:", size=12, bold=True, italic=True)
        for line in meta.distribution_lines:
            paragraph = left.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(0)
            self._run(paragraph, line, size=11)
        for index, signature in enumerate(meta.signatures):
            if index:
                self._cell_paragraph(right)
            self._signature_block(right, signature)
        _keep_cell_together(right)
        return table

    def signature_grid(self, signers, *, columns=2):
        """Side-by-side signature blocks (e.g. every member unit of a pledge, or chair and secretary)."""
        rows = (len(signers) + columns - 1) // columns
        table = self.doc.add_table(rows=rows, cols=columns)
        _no_borders(table)
        width = self.meta.text_width_mm / columns
        _fix_widths(table, [width] * columns)
        _keep_rows_whole(table)
        for index, signature in enumerate(signers):
            cell = table.rows[index // columns].cells[index % columns]
            self._signature_block(cell, signature, size=13)
            _keep_cell_together(cell)
        return table

    def next_document(self, meta):
        """Start another official document in the same file: a new section, so it counts its own pages."""
        self.meta = meta
        self._setup_section(self.doc.add_section(WD_SECTION.NEW_PAGE))
        self._header()

    def to_bytes(self):
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def docx_response(content, filename):
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def pdf_from_html(html, *, base_url=None, attachments=(), sign=False, signer=None):
    """Render HTML (a print template) to PDF with WeasyPrint. static/css/paper.css comes first: the shipped font,
    the page numbers and the ND 30 header; nothing is fetched from outside.

    sign=True (an issued paper, not a draft): the first page carries the signature mark and the file is signed
    (core/signing.py) with `signer` (the issuing body's own, registers/certificates.py) or, when none is given, the
    office's certificate if one is configured."""
    from weasyprint import CSS, HTML  # noqa: PLC0415 - heavy: WeasyPrint loads Pango; only PDF requests pay for it
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 - heavy: as above

    signer = (signer or signing.office_signer()) if sign else None
    fonts = FontConfiguration()  # @font-face in a stylesheet given here loads only through a font configuration
    sheets = [CSS(filename=str(PAPER_CSS), font_config=fonts)]
    if signer is not None:
        sheets.append(CSS(string=signing.stamp_css(signer, timezone.now()), font_config=fonts))
    content = HTML(string=html, base_url=base_url).write_pdf(
        stylesheets=sheets, font_config=fonts, attachments=list(attachments)
    )
    return signing.sign_pdf(content, signer) if signer is not None else content


def pdf_response(content, filename, *, inline=False):
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(filename):
    return quote(filename)
