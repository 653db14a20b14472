"""The dossier's papers: .docx in the Nghị định 30/2020 layout with the right figures, and the one-PDF dossier."""

import base64
import datetime
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as Docx
from docx.oxml.ns import qn

from tests.factories import PersonFactory, PositionFactory
from tests.proposals.factories import MINIMAL_PDF
from tests.proposals.helpers import draft, text_of, voted
from thidua.proposals import documents, dossier, selectors, services
from thidua.proposals.enums import AttachmentKind
from thidua.proposals.numbered import SUBMISSION
from thidua.registers.services import issue_paper

# A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def in_order(content):
    body = Docx(io.BytesIO(content)).element.body
    return "".join(node.text or "" for node in body.iter(qn("w:t")))


def test_the_submission_lists_the_lines_under_its_number(world):
    proposal = draft(world)
    issue_paper(world.secretary, SUBMISSION, proposal.pk)
    text = text_of(dossier.to_docx(documents.submission(proposal, selectors.items_of(proposal))))
    assert "TỜ TRÌNH" in text
    assert "Số: 1/TTr-CTĐ" in text
    assert "Về việc đề nghị tặng Cờ thi đua cấp tỉnh năm 2023" in text
    assert f"Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh {world.province.name}" in text
    for unit in world.units[:2]:
        assert unit.full_name in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text


def test_the_review_minutes_carry_the_boards_check_and_the_councils_count(world):
    proposal = voted(world)
    text = text_of(dossier.to_docx(documents.review_minutes(proposal, selectors.items_of(proposal))))
    assert "BIÊN BẢN" in text
    assert "Thành viên Hội đồng: 3 người, có mặt 3, vắng 0." in text
    assert "Đủ điều kiện trình Hội đồng" in text
    assert "Tỷ lệ tính trên tổng số thành viên (3)." in text
    assert "100,00" in text


def test_the_achievement_reports_of_a_collective_and_a_person(world):
    proposal = draft(world, units=1)
    unit_item = proposal.items.get()
    text = text_of(dossier.to_docx(documents.achievement_report(proposal, unit_item)))
    assert "BÁO CÁO" in text
    assert "Thành tích đề nghị tặng Cờ thi đua cấp tỉnh năm 2023" in text
    assert "I. Đặc điểm, tình hình" in text
    assert unit_item.summary in text
    assert "Chưa có trong sổ theo dõi" in text
    person = PersonFactory(province=world.province, full_name="Trần Thị Báo Cáo", is_direct_labourer=True)
    PositionFactory(person=person, unit=world.units[1], title="Chuyên viên", valid_from=datetime.date(2020, 1, 1))
    item = services.add_item(
        proposal,
        actor=world.secretary,
        person=person,
        award_form=world.forms["chien-si-thi-dua-tinh"],
        summary="Sáng kiến được công nhận.",
    )
    text = text_of(dossier.to_docx(documents.achievement_report(proposal, selectors.item_qs().get(pk=item.pk))))
    assert "I. Sơ lược lý lịch" in text
    assert "Họ và tên: Trần Thị Báo Cáo. Giới tính: Nữ." not in text  # the factory's gender is male
    assert "Họ và tên: Trần Thị Báo Cáo. Giới tính: Nam." in text
    assert f"Chức vụ, đơn vị công tác: Chuyên viên, {world.units[1].full_name}." in text
    assert "Trực tiếp lao động, sản xuất: có." in text
    assert "NGƯỜI BÁO CÁO" in text


def test_the_decision_and_its_attached_list(world):
    proposal = voted(world)
    services.record_decision(
        proposal,
        actor=world.board,
        number="150/QĐ-UBND",
        decision_date=datetime.date(2024, 1, 30),
        signer_name="Lê Văn Ký",
        signer_title="Phó Chủ tịch",
    )
    proposal = selectors.proposal_qs().get(pk=proposal.pk)
    doc = dossier.build_paper(proposal, "quyet-dinh")
    text = text_of(dossier.to_docx(doc))
    assert "Số: 150/QĐ-UBND" in text
    assert f"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH {world.province.name.upper()}" in text
    assert "Điều 1. Tặng Cờ thi đua cấp tỉnh năm 2023 cho 2 tập thể, cá nhân" in text
    assert "KT. CHỦ TỊCH" in text
    assert "PHÓ CHỦ TỊCH" in text
    assert "(Kèm theo Quyết định số 150/QĐ-UBND ngày 30/01/2024 của Chủ tịch UBND tỉnh" in text
    # The signature closes the decision; the list follows on its own page.
    ordered = in_order(dossier.to_docx(doc))
    assert ordered.index("KT. CHỦ TỊCH") < ordered.index("DANH SÁCH ĐƯỢC TẶNG")


def test_papers_that_do_not_exist_yet_are_none(world):
    proposal = draft(world)
    assert dossier.build_paper(proposal, "quyet-dinh") is None
    assert dossier.build_paper(proposal, "bien-ban-hop-xet") is None
    assert dossier.build_paper(proposal, "bien-ban-hoi-nghi") is None
    assert dossier.build_paper(proposal, "bao-cao", 0) is None


def test_the_whole_dossier_is_one_pdf_with_uploads_inside(world):
    proposal = voted(world)
    services.return_proposal(proposal, actor=world.board, reason="Bổ sung ảnh.")
    services.return_proposal(proposal, actor=world.board, reason="Về đơn vị bổ sung.")
    services.add_attachment(
        proposal,
        SimpleUploadedFile("anh-co.png", PNG, content_type="image/png"),
        actor=world.secretary,
        kind=AttachmentKind.OTHER,
    )
    content = dossier.dossier_pdf(selectors.proposal_qs().get(pk=proposal.pk))
    assert content.startswith(b"%PDF-")
    assert b"/EmbeddedFile" in content  # the uploaded minutes (a PDF) travel inside
    assert re.search(rb"/Type /EmbeddedFile.{0,300}?/Size %d\b" % len(MINIMAL_PDF), content, re.DOTALL)
    html, embedded = dossier.dossier_html(selectors.proposal_qs().get(pk=proposal.pk))
    assert [a.name for a in embedded] == ["bien-ban.pdf"]
    assert "bien-ban.pdf — đính kèm trong tệp PDF này (biểu tượng kẹp giấy)" in html
    assert "anh-co.png — in ở cuối hồ sơ" in html
    from weasyprint import HTML

    # Contents, submission, two achievement reports (one page each) and the uploaded image's page.
    assert len(HTML(string=html).render().pages) == 5
