"""The conference's papers, printed slips and the titles they copy stay Vietnamese for an English reader."""

import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from docx import Document

from tests.factories import board_shares
from tests.voting.helpers import make_ballot, vote
from thidua.organizations.enums import Role
from thidua.voting import documents, services
from thidua.voting.models import Delegate
from thidua.voting.views import counting


@pytest.fixture(autouse=True)
def _vietnamese_afterwards():
    yield
    translation.activate(settings.LANGUAGE_CODE)  # a request in English leaves English active in this thread


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def docx_text(response):
    doc = Document(io.BytesIO(response.content))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_minutes_and_submission_downloaded_in_english_are_vietnamese(conference, login):
    ballot = make_ballot(conference, purpose="award")
    vote(ballot, conference.secretary, [[0, 1, 2]] * 8)
    services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    client = english(login(conference.secretary))
    assert "Ballot details" in client.get(reverse("voting:ballot_result", args=[ballot.pk])).content.decode()

    count = docx_text(client.get(reverse("voting:count_minutes", args=[ballot.pk, "docx"])))
    assert "I. Số phiếu" in count
    assert "Số phiếu hợp lệ" in count
    assert "Không đạt" in count
    minutes = docx_text(client.get(reverse("voting:meeting_minutes", args=[conference.meeting.pk, "docx"])))
    assert "I. Thành phần" in minutes
    assert "II. Kết quả biểu quyết, bỏ phiếu" in minutes
    assert "Bỏ phiếu kín điện tử".lower() in minutes
    submission = docx_text(client.get(reverse("voting:submission", args=[conference.meeting.pk, "docx"])))
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh" in submission
    assert "Kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định./." in submission
    for text in (count, minutes, submission):
        assert "Ballots" not in text
        assert "Votes" not in text
        assert "Respectfully" not in text


def test_minutes_pdf_rendered_while_english_is_active_is_vietnamese(conference, monkeypatch):
    ballot = make_ballot(conference)
    vote(ballot, conference.secretary, [[0]] * 8)
    services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    monkeypatch.setattr(documents, "pdf_from_html", lambda html, **_kw: html.encode())
    with translation.override("en"):
        html = documents.to_pdf(documents.count_minutes(ballot)).decode()
    assert "III. Kết luận" in html
    assert "Tổng số thành viên" in html
    assert "Conclusion" not in html


def test_printed_voting_slips_are_vietnamese(conference, login, monkeypatch):
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    monkeypatch.setattr(counting, "pdf_from_html", lambda html, **_kw: html.encode())
    client = english(login(conference.secretary))
    response = client.post(reverse("voting:codes", args=[ballot.pk]), {"format": "pdf"})
    html = response.content.decode()
    assert html.count("Quét mã QR, hoặc mở") == 8
    assert "Scan the QR code" not in html


def test_delegates_added_by_an_english_reader_get_vietnamese_titles(council, make_user):
    newcomer = make_user(Role.COUNCIL_MEMBER, council.meeting.province, full_name="Thành Viên Mới")
    with translation.override("en"):
        services.add_member_delegates(council.meeting, actor=council.board)
    assert Delegate.objects.get(user=newcomer).title == "Thành viên Hội đồng Thi đua - Khen thưởng"


def test_conference_title_offered_to_an_english_reader_is_vietnamese(conference, login):
    client = english(login(conference.secretary))
    page = client.get(reverse("voting:meeting_create"), {"cluster_year": conference.cluster_year.pk})
    assert "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023" in page.content.decode()
