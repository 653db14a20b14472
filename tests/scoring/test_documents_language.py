"""The score summary stays Vietnamese, and so does the table name it prints, when the user reads English pages."""

import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from docx import Document

from tests.factories import ClusterYearFactory
from thidua.organizations.enums import Role
from thidua.scoring.documents import ranking_docx, ranking_sheet
from thidua.scoring.services import tables as services


@pytest.fixture(autouse=True)
def _vietnamese_afterwards():
    yield
    translation.activate(settings.LANGUAGE_CODE)  # a request in English leaves English active in this thread


def test_ranking_summary_downloaded_in_english_is_vietnamese(world, submit, login):
    submit(world, 0)
    client = login(world.secretary)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("scoring:ranking", args=[world.cy.pk])).content.decode()
    assert "Emulation ranking results" in page
    document = Document(io.BytesIO(client.get(reverse("scoring:ranking_docx", args=[world.cy.pk])).content))
    headers = [cell.text for cell in document.tables[1].rows[0].cells]
    assert headers[:3] == ["Hạng", "Đơn vị", "Điểm tự chấm"]
    assert headers[-3:] == ["Tổng điểm", "Ứng viên suy tôn", "Ghi chú"]
    assert document.tables[1].rows[1].cells[-2].text == "Có"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2024" in text.upper()
    assert "Khi bằng tổng điểm" in text
    assert "Rank" not in headers


def test_ranking_docx_rendered_while_english_is_active_is_vietnamese(world, submit):
    submit(world, 0)
    with translation.override("en"):
        content = ranking_docx(ranking_sheet(world.cy))
    document = Document(io.BytesIO(content))
    assert [cell.text for cell in document.tables[1].rows[0].cells][-2] == "Ứng viên suy tôn"


def test_default_table_name_is_vietnamese_for_an_english_reader(world, make_user):
    other = ClusterYearFactory(cluster=world.cy.cluster, year=2025)
    with translation.override("en"):
        table = services.create_table(other, actor=make_user(Role.CLUSTER_SECRETARIAT, other))
    assert table.name == "Bảng tiêu chí, thang điểm thi đua năm 2025"
