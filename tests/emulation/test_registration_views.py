import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tests.emulation.helpers import fill
from thidua.awards.models import AwardForm
from thidua.emulation import services
from thidua.emulation.enums import RegistrationState
from thidua.emulation.models import Registration

S = RegistrationState


def open_url(year, unit):
    return reverse("emulation:registration_open", args=[year.cluster_year.pk, unit.pk])


def form_data(registration, **extra):
    cdts = AwardForm.objects.get(code="chien-si-thi-dua-co-so")
    data = {
        "version": registration.version,
        "collective_forms": [AwardForm.objects.get(code="tap-the-lao-dong-xuat-sac").pk],
        f"target_{cdts.pk}": "7",
        "commitments": "Cam kết qua trang",
    }
    data.update(extra)
    return data


def test_officer_registers_and_sends_through_pages(year, login):
    client = login(year.officers[0])
    response = client.post(open_url(year, year.a))
    registration = Registration.objects.get(unit=year.a)
    assert response.url == reverse("emulation:registration_detail", args=[registration.pk])
    edit = reverse("emulation:registration_edit", args=[registration.pk])
    page = client.get(edit).content.decode()
    assert "Danh hiệu, hình thức khen thưởng tập thể đăng ký" in page
    response = client.post(edit, {**form_data(registration), "send": "1"}, follow=True)
    content = response.content.decode()
    assert "Đã gửi đăng ký tới thư ký cụm." in content
    registration.refresh_from_db()
    assert registration.state == S.SUBMITTED
    assert {t.award_form.code: t.count for t in registration.targets.all()} == {"chien-si-thi-dua-co-so": 7}


def test_stale_form_shows_message_and_current_values(year, login):
    registration = services.registration_for(year.cluster_year, year.a, actor=year.officers[0])
    seen = registration.version
    fill(registration, year.heads[0], commitments="Thủ trưởng đã sửa trước")
    response = login(year.officers[0]).post(
        reverse("emulation:registration_edit", args=[registration.pk]),
        {**form_data(registration), "version": seen, "commitments": "Cán bộ sửa sau"},
    )
    content = response.content.decode()
    assert "vừa được người khác thay đổi" in content
    assert "Thủ trưởng đã sửa trước" in content
    registration.refresh_from_db()
    assert registration.commitments == "Thủ trưởng đã sửa trước"


def test_other_unit_gets_404_on_draft_in_pages(year, login):
    registration = services.registration_for(year.cluster_year, year.a, actor=year.officers[0])
    client = login(year.officers[1])
    for name in ("registration_detail", "registration_edit"):
        assert client.get(reverse(f"emulation:{name}", args=[registration.pk])).status_code == 404
    response = client.post(reverse("emulation:registration_transition", args=[registration.pk]), {"state": "submitted"})
    assert response.status_code == 404
    # Opening another unit's registration is refused: back to the year with the refusal, never to the draft.
    response = client.post(open_url(year, year.a), follow=True)
    assert response.redirect_chain == [(reverse("emulation:year_detail", args=[year.cluster_year.pk]), 302)]
    assert "Chỉ cán bộ hoặc Thủ trưởng của" in response.content.decode()
    assert Registration.objects.get().state == S.DRAFT


def test_secretariat_does_not_see_draft_but_sees_sent(year, login):
    registration = fill(services.registration_for(year.cluster_year, year.a, actor=year.officers[0]), year.officers[0])
    client = login(year.secretary)
    url = reverse("emulation:registration_detail", args=[registration.pk])
    assert client.get(url).status_code == 404
    services.set_registration_state(registration, S.SUBMITTED, actor=year.officers[0])
    page = client.get(url).content.decode()
    assert "Xử lý đăng ký" in page


def test_secretariat_returns_with_reason_then_approves_in_pages(year, login):
    registration = fill(services.registration_for(year.cluster_year, year.a, actor=year.officers[0]), year.officers[0])
    services.set_registration_state(registration, S.SUBMITTED, actor=year.officers[0])
    client = login(year.secretary)
    url = reverse("emulation:registration_transition", args=[registration.pk])
    response = client.post(url, {"state": "returned", "reason": ""}, follow=True)
    assert "Hãy ghi lý do trả lại" in response.content.decode()
    registration.refresh_from_db()
    assert registration.state == S.SUBMITTED
    client.post(url, {"state": "returned", "reason": "Bổ sung số liệu"})
    registration.refresh_from_db()
    assert (registration.state, registration.return_reason) == (S.RETURNED, "Bổ sung số liệu")
    officer = login(year.officers[0])
    detail = officer.get(reverse("emulation:registration_detail", args=[registration.pk])).content.decode()
    assert "Bổ sung số liệu" in detail
    officer.post(url, {"state": "submitted"})
    client.post(url, {"state": "approved"})
    registration.refresh_from_db()
    assert registration.state == S.APPROVED


def test_officer_cannot_approve_own_registration_in_pages(year, login):
    registration = fill(services.registration_for(year.cluster_year, year.a, actor=year.officers[0]), year.officers[0])
    services.set_registration_state(registration, S.SUBMITTED, actor=year.officers[0])
    response = login(year.officers[0]).post(
        reverse("emulation:registration_transition", args=[registration.pk]), {"state": "approved"}, follow=True
    )
    assert "Chỉ thư ký cụm hoặc Ban Thi đua - Khen thưởng tỉnh được duyệt" in response.content.decode()
    registration.refresh_from_db()
    assert registration.state == S.SUBMITTED


@pytest.fixture
def sent_all(year):
    for officer, unit in zip(year.officers[:2], year.units[:2], strict=True):
        registration = fill(services.registration_for(year.cluster_year, unit, actor=officer), officer)
        services.set_registration_state(registration, S.SUBMITTED, actor=officer)
    services.registration_for(year.cluster_year, year.units[2], actor=year.officers[2])


def test_board_page_shows_states_and_hides_draft(year, login, sent_all):
    page = login(year.secretary).get(reverse("emulation:registration_board", args=[year.cluster_year.pk]))
    content = page.content.decode()
    assert "Bảng đăng ký thi đua năm 2024" in content
    assert content.count("Đã gửi</span>") == 2
    assert "Nháp, chưa gửi" in content


def test_board_page_refused_for_officer(year, login):
    response = login(year.officers[0]).get(reverse("emulation:registration_board", args=[year.cluster_year.pk]))
    assert response.status_code == 403


def test_excel_export_has_one_row_per_member(year, login, sent_all):
    response = login(year.secretary).get(reverse("emulation:registration_xlsx", args=[year.cluster_year.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Đơn vị", "Trạng thái")
    assert len(rows) == 4
    states = sorted(r[2] for r in rows[1:])
    assert states == ["Chưa gửi", "Đã gửi", "Đã gửi"]
    header = list(rows[0])
    column = header.index("Cờ thi đua cấp tỉnh")
    assert sorted(r[column] or "" for r in rows[1:]) == ["", "x", "x"]
    assert sorted(r[header.index("Chiến sĩ thi đua cơ sở (số người)")] or 0 for r in rows[1:]) == [0, 12, 12]


def test_docx_export_in_nd30_layout(year, login, sent_all):
    response = login(year.board).get(reverse("emulation:registration_docx", args=[year.cluster_year.pk]))
    doc = Document(io.BytesIO(response.content))
    header = doc.tables[0].rows[0].cells
    assert year.cluster_year.cluster.name.upper() in header[0].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1].text
    assert doc.styles["Normal"].font.name == "Times New Roman"
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Tổng hợp đăng ký thi đua năm 2024" in body
    table = doc.tables[1]
    assert len(table.rows) == 4
    assert table.rows[1].cells[1].text == year.cluster_year.memberships.order_by("unit__folded_name")[0].unit.full_name


def test_exports_refused_for_officer(year, login):
    client = login(year.officers[0])
    for name in ("registration_xlsx", "registration_docx"):
        assert client.get(reverse(f"emulation:{name}", args=[year.cluster_year.pk])).status_code == 403
