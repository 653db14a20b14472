import datetime
import io

from docx import Document

from thidua.core.documents import DocxBuilder, OfficialDocument, Signature, vn_date_line


def test_date_line_pads_day_and_month():
    assert vn_date_line("Quảng Trị", datetime.date(2024, 1, 5)) == "Quảng Trị, ngày 05 tháng 01 năm 2024"
    assert vn_date_line("Quảng Trị", datetime.date(2024, 11, 5)) == "Quảng Trị, ngày 05 tháng 11 năm 2024"


def test_builder_writes_nd30_header_table_and_signatures():
    meta = OfficialDocument(
        issuer="Cụm thi đua các huyện, thị xã, thành phố",
        doc_type="Biên bản",
        summary="Hội nghị tổng kết năm 2023",
        place="Quảng Bình",
        date=datetime.date(2024, 1, 20),
        number="01/BB-CTĐ",
        signatures=[Signature(title="Trưởng cụm", name="Đinh Xuân Hòa")],
        distribution=["Ban TĐKT tỉnh"],
        drafter="CTĐ",
    )
    builder = DocxBuilder(meta)
    builder.table(["STT", "Đơn vị"], [[1, "huyện Lệ Thủy"]])
    builder.signatures_and_distribution()
    doc = Document(io.BytesIO(builder.to_bytes()))
    header = doc.tables[0].rows[0].cells
    assert "CỤM THI ĐUA CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ" in header[0].text
    assert "Số: 01/BB-CTĐ" in header[0].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1].text
    assert "Độc lập - Tự do - Hạnh phúc" in header[1].text
    assert doc.styles["Normal"].font.name == "Times New Roman"
    section = doc.sections[0]
    assert (round(section.left_margin.mm), round(section.right_margin.mm), round(section.top_margin.mm)) == (30, 15, 20)
    assert doc.tables[1].rows[1].cells[1].text == "huyện Lệ Thủy"
    assert "Nơi nhận:" in doc.tables[2].rows[0].cells[0].text
    assert "Đinh Xuân Hòa" in doc.tables[2].rows[0].cells[1].text
    assert "- Lưu: VT, CTĐ." in doc.tables[2].rows[0].cells[0].text
