"""Official papers stay Vietnamese when the person who downloads them reads the pages in English."""

import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from docx import Document

from tests.emulation.helpers import fill
from thidua.emulation import documents, services
from thidua.emulation.enums import PledgeState, RegistrationState


@pytest.fixture(autouse=True)
def _vietnamese_afterwards():
    yield
    translation.activate(settings.LANGUAGE_CODE)  # a request in English leaves English active in this thread


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def docx_text(content):
    doc = Document(io.BytesIO(content))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.fixture
def pledge(year):
    pledge = services.create_pledge(
        year.cluster_year, actor=year.secretary, motto="Đồng thuận cao, thi đua giỏi", items=["Xây dựng nông thôn mới"]
    )
    return services.set_pledge_state(pledge, PledgeState.OPEN, actor=year.secretary)


def test_registration_summary_downloaded_in_english_is_vietnamese(year, login):
    officer, unit = year.officers[0], year.units[0]
    services.set_registration_state(
        fill(services.registration_for(year.cluster_year, unit, actor=officer), officer),
        RegistrationState.SUBMITTED,
        actor=officer,
    )
    client = english(login(year.secretary))
    board = client.get(reverse("emulation:registration_board", args=[year.cluster_year.pk])).content.decode()
    assert "Emulation registrations 2024" in board  # the page itself follows the chosen language
    response = client.get(reverse("emulation:registration_docx", args=[year.cluster_year.pk]))
    text = docx_text(response.content)
    assert "Tổng hợp đăng ký thi đua năm 2024" in text
    assert "Danh hiệu, hình thức tập thể đăng ký" in text
    assert "Đã gửi" in text
    assert "Chưa đăng ký" in text
    assert "Trưởng cụm" in text
    assert "Summary" not in text
    assert "Not registered" not in text


def test_pledge_docx_rendered_while_english_is_active_is_vietnamese(year, pledge):
    with translation.override("en"):
        text = docx_text(documents.pledge_docx(pledge))
        assert translation.get_language() == "en"  # the renderer gives the language back
    assert "Nội dung giao ước" in text
    assert "Bảng ký kết của các đơn vị thành viên" in text
    assert "Chưa ký" in text
    assert "Pledge content" not in text
    assert "Not signed" not in text


def test_pledge_pdf_rendered_while_english_is_active_is_vietnamese(year, pledge, monkeypatch):
    monkeypatch.setattr(documents, "pdf_from_html", lambda html, **_kw: html.encode())
    with translation.override("en"):
        html = documents.pledge_pdf(pledge).decode()
    assert "GIAO ƯỚC THI ĐUA" in html
    assert "Phương châm thi đua" in html
    assert "EMULATION PLEDGE" not in html
