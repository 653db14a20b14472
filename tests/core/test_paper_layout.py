"""Nghị định 30/2020 in the one builder: the date line, rules, tables, page numbers and the shipped font."""

import datetime
import io

import pytest
from docx import Document as DocxDocument
from docx.shared import Mm

from tests.papers import (
    NS,
    W,
    assert_docx_layout,
    assert_numbered_from_page_two,
    assert_shipped_fonts_only,
    pdf_page_count,
    pdf_page_lines,
)
from thidua.core.documents import DocxBuilder, OfficialDocument, Signature, cited, pdf_from_html
from thidua.core.paper_layout import (
    CELL_PADDING_MM,
    column_widths,
    distribution_lines,
    month_text,
    split_article,
    text_width_mm,
    vn_date_line,
)

pytestmark = pytest.mark.django_db(databases=[])


def _meta(**extra):
    values = {
        "issuer": "Cụm thi đua các huyện, thị xã, thành phố",
        "parent_issuer": "UBND tỉnh Quảng Bình",
        "doc_type": "Tờ trình",
        "summary": "Về việc đề nghị tặng Cờ thi đua năm 2023",
        "place": "Quảng Bình",
        "date": datetime.date(2024, 3, 5),
        "number": "12/TTr-CTĐ",
        "signatures": [Signature(prefix="TM.", title="Cụm thi đua", deputy_title="Trưởng cụm", name="Đinh Xuân Hòa")],
        "distribution": ["Như trên", "Ban Thi đua - Khen thưởng tỉnh"],
        "drafter": "CTĐ",
    }
    values.update(extra)
    return OfficialDocument(**values)


def test_only_january_and_february_take_a_leading_zero():
    assert [month_text(m) for m in (1, 2, 3, 10, 12)] == ["01", "02", "3", "10", "12"]
    assert vn_date_line("Quảng Trị", datetime.date(2024, 1, 5)) == "Quảng Trị, ngày 05 tháng 01 năm 2024"
    assert vn_date_line("Lệ Thủy", datetime.date(2024, 3, 20)) == "Lệ Thủy, ngày 20 tháng 3 năm 2024"
    assert vn_date_line("Lệ Thủy", None) == "Lệ Thủy, ngày      tháng      năm      "


def test_article_label_and_distribution_close():
    assert split_article("Điều 1. Tặng Bằng khen") == ("Điều 1.", "Tặng Bằng khen")
    assert split_article("Căn cứ Luật") == ("", "Căn cứ Luật")
    assert distribution_lines(["Như trên", "Ban TĐKT"], "CTĐ") == ["- Như trên;", "- Ban TĐKT;", "- Lưu: VT, CTĐ."]


def test_a_draft_has_no_number_and_no_date():
    meta = _meta(draft=True)
    assert meta.number_line == "Số:      /"
    assert meta.date_line == "Quảng Bình, ngày      tháng      năm      "
    assert _meta().number_line == "Số: 12/TTr-CTĐ"


def test_column_widths_fit_the_page_and_keep_given_ones():
    assert column_widths(["a", "b"], [], 165, [12, 80]) == [12, 80]
    assert sum(column_widths(["a", "b"], [], 165, [100, 100])) == pytest.approx(165)
    widths = column_widths(["STT", "Đơn vị", "Nội dung"], [["1", "huyện Lệ Thủy", "x" * 40]], 165)
    assert widths[0] == 12
    assert sum(widths) == pytest.approx(165)
    assert widths[2] > widths[1]


def _builder(**extra):
    builder = DocxBuilder(_meta(**extra))
    builder.heading("1. Bầu đơn vị dẫn đầu")
    builder.paragraph("Điều 1. Tặng Cờ thi đua cho các đơn vị.")
    builder.table(["STT", "Đơn vị", "Số phiếu"], [[i, f"huyện Lệ Thủy {i}", 12] for i in range(1, 40)])
    builder.signatures_and_distribution()
    return builder


def test_docx_header_rules_and_page_numbers():
    content = _builder().to_bytes()
    body = assert_docx_layout(content)
    doc = DocxDocument(io.BytesIO(content))
    header_table = doc.tables[0]
    left, right = header_table.rows[0].cells
    # Grid and cells agree at 38% / 62% of the 165 mm text width, so the national title stays on one line.
    assert round(header_table.columns[0].width.mm, 1) == pytest.approx(62.7, abs=0.1)
    assert text_width_mm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True) < right.width.mm - CELL_PADDING_MM
    # The issuer's rule: 40% of its line, centred; the motto's: as long as the motto.
    issuer_rule = left.paragraphs[2]
    inner = left.width.mm - CELL_PADDING_MM
    issuer_line = min(text_width_mm("CỤM THI ĐUA CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ", 12, bold=True), inner)
    assert inner - 2 * issuer_rule.paragraph_format.left_indent.mm == pytest.approx(0.4 * issuer_line, abs=0.2)
    motto_rule = right.paragraphs[2]
    motto = text_width_mm("Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    assert right.width.mm - CELL_PADDING_MM - 2 * motto_rule.paragraph_format.left_indent.mm == pytest.approx(
        motto, abs=0.2
    )
    for rule in (issuer_rule, motto_rule):
        assert rule._p.find("w:pPr/w:pBdr/w:bottom", NS) is not None
    assert left.paragraphs[3].text == "Số: 12/TTr-CTĐ"
    assert right.paragraphs[3].text == "Quảng Bình, ngày 05 tháng 3 năm 2024"
    # The trích yếu has its rule too.
    texts = [p.text for p in doc.paragraphs]
    summary_index = texts.index("Về việc đề nghị tặng Cờ thi đua năm 2023")
    assert doc.paragraphs[summary_index + 1]._p.find("w:pPr/w:pBdr/w:bottom", NS) is not None
    # The body table repeats its header row; the heading stays with what follows.
    body_table = body.findall(".//w:tbl", NS)[1]
    assert body_table.find("w:tr/w:trPr/w:tblHeader", NS) is not None
    heading = next(p for p in doc.paragraphs if p.text == "1. Bầu đơn vị dẫn đầu")
    assert heading.paragraph_format.keep_with_next is True
    article = next(p for p in doc.paragraphs if p.text.startswith("Điều 1."))
    assert (article.runs[0].text, article.runs[0].bold, article.runs[1].bold) == ("Điều 1.", True, False)
    # The page number sits in the default header, from page 2; the first page's header is empty.
    section = doc.sections[0]
    assert section.different_first_page_header_footer is True
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml
    assert round(section.left_margin.mm) == 30
    # The closing: Nơi nhận ends with the drafting unit; the signature block has authority, title and name.
    closing = doc.tables[-1].rows[0].cells
    assert [p.text for p in closing[0].paragraphs] == [
        "Nơi nhận:",
        "- Như trên;",
        "- Ban Thi đua - Khen thưởng tỉnh;",
        "- Lưu: VT, CTĐ.",
    ]
    lines = [p.text for p in closing[1].paragraphs if p.text]
    assert lines == ["TM. CỤM THI ĐUA", "TRƯỞNG CỤM", "Đinh Xuân Hòa"]
    assert all(p.paragraph_format.keep_with_next for p in closing[1].paragraphs[:-1])
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_docx_draft_mark():
    doc = DocxDocument(io.BytesIO(_builder(draft=True).to_bytes()))
    assert doc.paragraphs[0].text == "DỰ THẢO"
    assert doc.tables[0].rows[0].cells[0].paragraphs[3].text == "Số:      /"


def test_next_document_counts_its_own_pages():
    builder = _builder()
    builder.next_document(_meta(summary="Báo cáo thứ hai"))
    builder.paragraph("Nội dung.")
    content = builder.to_bytes()
    doc = DocxDocument(io.BytesIO(content))
    assert len(doc.sections) == 2
    for section in doc.sections:
        assert section._sectPr.find(f"{W}pgNumType").get(f"{W}start") == "1"
        assert "PAGE" in section.header._element.xml


PAPER_HTML = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>t</title></head><body>
<h2>Kết quả bầu chọn ưu tú</h2>{rows}<p>Điều 1. Tặng Bằng khen cho ông Nguyễn Văn Hưởng, bà Trần Thị Ơn.</p>
</body></html>"""


def test_pdf_uses_only_the_shipped_font_and_numbers_from_page_two():
    rows = "".join(f"<p>Dòng thứ {i}: ưu tiên tập thể, cá nhân trực tiếp lao động, sản xuất.</p>" for i in range(80))
    content = pdf_from_html(PAPER_HTML.format(rows=rows))
    assert_shipped_fonts_only(content)
    assert pdf_page_count(content) >= 2
    assert_numbered_from_page_two(content)
    assert pdf_page_lines(content, 1)[0] == "Kết quả bầu chọn ưu tú"


def test_margins_leave_the_text_width_of_phu_luc_i():
    builder = DocxBuilder(_meta(landscape=True))
    section = builder.doc.sections[0]
    assert round((section.page_width - section.left_margin - section.right_margin) / Mm(1)) == 252


def test_a_paper_cites_the_text_without_the_systems_checking_note():
    assert cited("Nghị định 98/2023/NĐ-CP (chưa đối chiếu)") == "Nghị định 98/2023/NĐ-CP"
    assert cited("Nghị định 152/2025/NĐ-CP, Điều 4 (điều khoản chưa đối chiếu)") == "Nghị định 152/2025/NĐ-CP, Điều 4"
    assert cited("Thủ tục hành chính của tỉnh (minh họa, chưa đối chiếu)") == "Thủ tục hành chính của tỉnh (minh họa)"
    assert cited("Luật Thi đua, khen thưởng số 06/2022/QH15") == "Luật Thi đua, khen thưởng số 06/2022/QH15"
    assert cited(None) == ""
