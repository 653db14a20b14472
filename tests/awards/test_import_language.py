"""The import template is read back in Vietnamese, so an English reader downloads it in Vietnamese too."""

import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from tests.factories import ProvinceFactory
from thidua.awards.enums import AchievementKind
from thidua.awards.importer import COLUMNS
from thidua.organizations.enums import Role


@pytest.fixture(autouse=True)
def _vietnamese_afterwards():
    yield
    translation.activate(settings.LANGUAGE_CODE)  # a request in English leaves English active in this thread


def test_template_downloaded_in_english_is_vietnamese(forms, make_user, login):
    board = make_user(Role.BOARD_OFFICER, ProvinceFactory())
    client = login(board)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("awards:import_start")).content.decode()
    assert "Import the commendation register from Excel" in page
    workbook = load_workbook(io.BytesIO(client.get(reverse("awards:import_template")).content))
    assert workbook.sheetnames == ["So theo doi", "Danh muc", "Loai thanh tich", "Huong dan"]
    assert [c.value for c in workbook.worksheets[0][1]] == [header for _key, header, _required in COLUMNS]
    assert [c.value for c in workbook["Danh muc"][1]] == ["Mã", "Tên", "Đối tượng", "Cấp"]
    kinds = [r[0].value for r in workbook["Loai thanh tich"].iter_rows(min_row=2)]
    assert kinds[0] == "Thường xuyên, hằng năm (theo công trạng)"
    assert len(kinds) == len(AchievementKind.choices)
    assert workbook["Huong dan"]["A2"].value.startswith("Mỗi dòng là một người hoặc một tập thể được khen.")
