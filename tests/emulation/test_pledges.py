import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document

from tests.emulation.helpers import fake_pdf, pdf_upload
from tests.factories import UnitFactory
from thidua.core.models import ActivityLogEntry, Notification
from thidua.emulation import documents, services
from thidua.emulation.enums import PhaseKind, PhaseOverride, PledgeState
from thidua.emulation.models import Phase, Pledge, PledgeSignature
from thidua.organizations.enums import Role

P = PledgeState
ITEMS = ["Hoàn thành vượt mức chỉ tiêu kinh tế - xã hội", "Xây dựng nông thôn mới"]


@pytest.fixture
def draft(year):
    return services.create_pledge(
        year.cluster_year, actor=year.secretary, motto="Đồng thuận cao, thi đua giỏi, về đích sớm", items=ITEMS
    )


@pytest.fixture
def opened(year, draft):
    return services.set_pledge_state(draft, P.OPEN, actor=year.secretary)


def sign_all(year, pledge):
    for head, unit in zip(year.heads, year.units, strict=True):
        services.sign_pledge(pledge, actor=head, unit=unit)
    pledge.refresh_from_db()
    return pledge


def test_secretariat_drafts_pledge(year, draft):
    assert (draft.state, draft.edition, draft.motto) == (P.DRAFT, 1, "Đồng thuận cao, thi đua giỏi, về đích sớm")
    assert [i.text for i in draft.items.all()] == ITEMS
    assert ActivityLogEntry.objects.filter(action="pledge.created").count() == 1


def test_second_pledge_for_same_year_refused(year, draft):
    with pytest.raises(ValidationError, match="đã có giao ước"):
        services.create_pledge(year.cluster_year, actor=year.secretary, motto="Khác", items=["x"])


@pytest.mark.parametrize("who", ["officer", "head"])
def test_units_cannot_draft_pledge(year, who):
    actor = year.officers[0] if who == "officer" else year.heads[0]
    with pytest.raises(PermissionDenied):
        services.create_pledge(year.cluster_year, actor=actor, motto="M", items=["x"])


def test_pledge_needs_motto_and_items(year):
    with pytest.raises(ValidationError, match="phương châm"):
        services.create_pledge(year.cluster_year, actor=year.secretary, motto=" ", items=["x"])
    with pytest.raises(ValidationError, match="ít nhất một nội dung"):
        services.create_pledge(year.cluster_year, actor=year.secretary, motto="M", items=["  "])


def test_open_tells_members(year, opened):
    assert opened.state == P.OPEN
    recipients = set(Notification.objects.values_list("recipient_id", flat=True))
    assert recipients == {u.pk for u in year.officers + year.heads}


def test_head_signs_and_secretariat_is_told(year, opened):
    signature = services.sign_pledge(opened, actor=year.heads[0])
    assert (signature.unit, signature.signer_name) == (year.a, year.heads[0].full_name)
    assert Notification.objects.filter(recipient=year.secretary, title__contains="đã ký giao ước").count() == 1
    entry = ActivityLogEntry.objects.get(action="pledge.signed")
    assert entry.new_values == {"unit": year.a.pk, "signer": year.heads[0].full_name, "scan": False}


def test_officer_cannot_sign(year, opened):
    with pytest.raises(PermissionDenied, match="Chỉ Thủ trưởng"):
        services.sign_pledge(opened, actor=year.officers[0], unit=year.a)


def test_head_cannot_sign_for_another_unit(year, opened):
    with pytest.raises(PermissionDenied):
        services.sign_pledge(opened, actor=year.heads[0], unit=year.b)


def test_head_of_non_member_cannot_sign(year, opened, make_user):
    outsider = UnitFactory(province=year.a.province)
    head = make_user(Role.UNIT_HEAD, outsider)
    with pytest.raises(PermissionDenied):
        services.sign_pledge(opened, actor=head, unit=outsider)


def test_draft_cannot_be_signed(year, draft):
    with pytest.raises(ValidationError, match="không ký được"):
        services.sign_pledge(draft, actor=year.heads[0])


def test_sign_refused_when_pledge_phase_closed(year, opened):
    Phase.objects.filter(kind=PhaseKind.PLEDGE).update(override=PhaseOverride.CLOSED)
    with pytest.raises(ValidationError, match="đã đóng"):
        services.sign_pledge(opened, actor=year.heads[0])
    assert PledgeSignature.objects.count() == 0


def test_second_signature_of_same_unit_refused(year, opened):
    services.sign_pledge(opened, actor=year.heads[0])
    with pytest.raises(ValidationError, match="đã ký giao ước này"):
        services.sign_pledge(opened, actor=year.heads[0])


def test_last_signature_completes_pledge(year, opened):
    pledge = sign_all(year, opened)
    assert pledge.state == P.COMPLETED
    assert ActivityLogEntry.objects.filter(action="pledge.completed").count() == 1


def test_completion_cannot_be_forced(year, opened):
    with pytest.raises(ValidationError, match="Chưa đủ chữ ký"):
        services.set_pledge_state(opened, P.COMPLETED, actor=year.secretary)


def test_edit_before_signatures_keeps_edition(year, opened):
    pledge = services.update_pledge(
        opened, actor=year.secretary, seen_version=opened.version, motto="Mới", items=["Một", "Hai", "Ba"]
    )
    assert (pledge.pk, pledge.edition, pledge.motto) == (opened.pk, 1, "Mới")
    assert [i.text for i in pledge.items.all()] == ["Một", "Hai", "Ba"]


def test_stale_pledge_edit_is_refused(year, draft):
    with pytest.raises(services.StaleEdit):
        services.update_pledge(draft, actor=year.secretary, seen_version=draft.version - 1, motto="X", items=["y"])


def test_change_after_signature_is_new_edition_voiding_signatures(year, opened):
    services.sign_pledge(opened, actor=year.heads[0])
    services.sign_pledge(opened, actor=year.heads[1])
    opened.refresh_from_db()
    with pytest.raises(ValidationError, match="hãy ghi lý do sửa đổi"):
        services.update_pledge(opened, actor=year.secretary, seen_version=opened.version, motto="M", items=["x"])
    Notification.objects.all().delete()
    new = services.update_pledge(
        opened,
        actor=year.secretary,
        seen_version=opened.version,
        motto="Đồng thuận cao",
        items=["Nội dung mới"],
        change_note="Bổ sung chỉ tiêu",
    )
    opened.refresh_from_db()
    assert (opened.state, new.state, new.edition, new.previous_id) == (P.SUPERSEDED, P.OPEN, 2, opened.pk)
    assert set(PledgeSignature.objects.filter(pledge=opened).values_list("void_reason", flat=True)) == {
        "Bổ sung chỉ tiêu"
    }
    assert PledgeSignature.objects.filter(voided_at__isnull=True).count() == 0
    told = set(
        Notification.objects.filter(title__contains="chữ ký của đơn vị bị hủy").values_list("recipient_id", flat=True)
    )
    assert told == {year.heads[0].pk, year.heads[1].pk}
    signature = services.sign_pledge(new, actor=year.heads[0])
    assert signature.pledge == new


def test_new_edition_refused_when_signing_phase_closed(year, opened):
    services.sign_pledge(opened, actor=year.heads[0])
    opened.refresh_from_db()
    Phase.objects.filter(kind=PhaseKind.PLEDGE).update(override=PhaseOverride.CLOSED)
    with pytest.raises(ValidationError, match="đã đóng"):
        services.update_pledge(
            opened, actor=year.secretary, seen_version=opened.version, motto="M", items=["x"], change_note="Sửa"
        )
    assert Pledge.objects.filter(cluster_year=year.cluster_year).count() == 1


def test_superseded_pledge_cannot_be_signed_or_edited(year, opened):
    services.sign_pledge(opened, actor=year.heads[0])
    opened.refresh_from_db()
    services.update_pledge(
        opened, actor=year.secretary, seen_version=opened.version, motto="M", items=["x"], change_note="Sửa"
    )
    with pytest.raises(ValidationError):
        services.sign_pledge(opened, actor=year.heads[1])
    opened.refresh_from_db()
    with pytest.raises(ValidationError, match="đã được thay thế"):
        services.update_pledge(opened, actor=year.secretary, seen_version=opened.version, motto="M", items=["x"])


def test_back_to_draft_refused_once_signed(year, opened):
    services.sign_pledge(opened, actor=year.heads[0])
    with pytest.raises(ValidationError, match="không thể đưa về dự thảo"):
        services.set_pledge_state(opened, P.DRAFT, actor=year.secretary)


def test_back_to_draft_allowed_without_signatures_and_members_told(year, opened):
    Notification.objects.all().delete()
    assert services.set_pledge_state(opened, P.DRAFT, actor=year.secretary).state == P.DRAFT
    assert set(Notification.objects.values_list("title", flat=True)) == {
        "Giao ước thi đua năm 2024 tạm dừng ký để sửa nội dung"
    }
    assert Notification.objects.count() == 6


def test_open_refused_for_head(year, draft):
    with pytest.raises(PermissionDenied):
        services.set_pledge_state(draft, P.OPEN, actor=year.heads[0])


def test_sign_with_scan_and_fake_pdf_refused(year, opened):
    with pytest.raises(ValidationError, match="không phải là tệp hợp lệ"):
        services.sign_pledge(opened, actor=year.heads[0], scan=fake_pdf())
    assert PledgeSignature.objects.count() == 0
    signature = services.sign_pledge(opened, actor=year.heads[0], scan=pdf_upload("giao-uoc-ky.pdf"))
    assert signature.scan.original_name == "giao-uoc-ky.pdf"


def test_scan_attached_later_by_officer_and_served_to_secretariat(year, opened, login):
    signature = services.sign_pledge(opened, actor=year.heads[0])
    services.attach_pledge_scan(signature, actor=year.officers[0], scan=pdf_upload("ban-chup.pdf"))
    signature.refresh_from_db()
    url = reverse("core:file", args=[signature.scan.uuid])
    assert login(year.secretary).get(url).status_code == 200
    assert login(year.officers[1]).get(url).status_code == 200  # a member sees the open pledge
    assert login(year.outsider).get(url).status_code == 404


def test_draft_hidden_from_members_visible_when_open(year, draft, login):
    url = reverse("emulation:pledge_detail", args=[draft.pk])
    assert login(year.heads[0]).get(url).status_code == 404
    assert login(year.secretary).get(url).status_code == 200
    services.set_pledge_state(draft, P.OPEN, actor=year.secretary)
    page = login(year.heads[0]).get(url).content.decode()
    assert "Ký giao ước" in page
    assert "Bảng ký kết: 0/3 đơn vị đã ký" in page


def test_sign_page_fake_pdf_message(year, opened, login):
    response = login(year.heads[0]).post(
        reverse("emulation:pledge_sign", args=[opened.pk]), {"scan": fake_pdf()}, follow=True
    )
    assert "Tệp “gia-mao.pdf” không phải là tệp hợp lệ" in response.content.decode()
    assert PledgeSignature.objects.count() == 0


def test_every_head_signs_through_pages(year, opened, login):
    for head in year.heads:
        login(head).post(reverse("emulation:pledge_sign", args=[opened.pk]), {})
    opened.refresh_from_db()
    assert opened.state == P.COMPLETED
    page = login(year.secretary).get(reverse("emulation:pledge_detail", args=[opened.pk])).content.decode()
    assert "Bảng ký kết: 3/3 đơn vị đã ký" in page


def test_pledge_docx_has_nd30_header_and_signature_grid(year, opened):
    pledge = sign_all(year, opened)
    doc = Document(io.BytesIO(documents.pledge_docx(pledge)))
    assert doc.styles["Normal"].font.name == "Times New Roman"
    header = doc.tables[0].rows[0].cells[1].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header
    assert "Độc lập - Tự do - Hạnh phúc" in header
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "GIAO ƯỚC THI ĐUA" in text
    assert "Phương châm thi đua: “Đồng thuận cao, thi đua giỏi, về đích sớm”." in text
    board, grid = doc.tables[1], doc.tables[2]
    assert len(board.rows) == 4
    assert [r.cells[2].text for r in board.rows[1:]] == [
        s.signer_name for s in PledgeSignature.objects.filter(pledge=pledge).order_by("unit__folded_name")
    ]
    names_in_grid = [c.text for row in grid.rows for c in row.cells]
    assert sum(1 for c in names_in_grid if "TM. UBND" in c) == 3


def test_pledge_pdf_renders(year, opened, login):
    response = login(year.secretary).get(reverse("emulation:pledge_pdf", args=[opened.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_pledge_of_year_redirects_or_offers_draft(year, login):
    url = reverse("emulation:pledge_of_year", args=[year.cluster_year.pk])
    assert "Soạn giao ước" in login(year.secretary).get(url).content.decode()
    assert "Soạn giao ước" not in login(year.heads[0]).get(url).content.decode()


def test_pledge_edit_page_makes_new_edition(year, opened, login):
    services.sign_pledge(opened, actor=year.heads[0])
    opened.refresh_from_db()
    response = login(year.secretary).post(
        reverse("emulation:pledge_edit", args=[opened.pk]),
        {"version": opened.version, "motto": "M2", "items": "Một\nHai", "change_note": "Thêm nội dung"},
        follow=True,
    )
    assert "Đã tạo phiên bản 2" in response.content.decode()
    assert Pledge.objects.get(edition=2).motto == "M2"
