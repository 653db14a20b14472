import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.emulation.factories import ExemplarFactory
from tests.emulation.helpers import fake_pdf, pdf_upload
from thidua.core.models import Notification
from thidua.emulation import services
from thidua.emulation.enums import ExemplarKind, ExemplarState
from thidua.emulation.honour import _SECTIONS, HonourSection, register_honour_section
from thidua.emulation.models import Exemplar

E = ExemplarState


def propose(ctx, **extra):
    data = {
        "kind": ExemplarKind.PERSON,
        "name": "Nguyễn Thị Lành",
        "title": "Nông dân",
        "year": 2024,
        "achievements": "Nông dân sản xuất kinh doanh giỏi",
        "movement": None,
        "movement_model": None,
        "person": None,
    }
    data.update(extra)
    return services.propose_exemplar(actor=ctx.officers[0], unit=ctx.a, **data)


def test_proposal_links_cluster_year_and_tells_secretariat(year):
    exemplar = propose(year, uploads=[pdf_upload()])
    assert (exemplar.state, exemplar.cluster_year, exemplar.province) == (
        E.PROPOSED,
        year.cluster_year,
        year.a.province,
    )
    assert exemplar.folded_text == "nguyen thi lanh nong dan nong dan san xuat kinh doanh gioi"
    assert Notification.objects.get(recipient=year.secretary).title == (
        f"{year.a.full_name} đề xuất điển hình tiên tiến: Nguyễn Thị Lành"
    )


def test_proposal_refused_for_other_unit(year):
    with pytest.raises(PermissionDenied):
        services.propose_exemplar(
            actor=year.officers[1], unit=year.a, kind="person", name="x", year=2024, achievements="y"
        )


def test_proposal_with_fake_pdf_refused(year):
    with pytest.raises(ValidationError, match="không phải là tệp hợp lệ"):
        propose(year, uploads=[fake_pdf()])
    assert Exemplar.objects.count() == 0


@pytest.mark.parametrize("who", ["secretary", "board", "admin"])
def test_recognise_allowed(year, who):
    exemplar = services.set_exemplar_state(propose(year), E.RECOGNISED, actor=getattr(year, who))
    assert exemplar.state == E.RECOGNISED
    expected = {
        "secretary": year.cluster_year.cluster.name,
        "board": "Ban Thi đua - Khen thưởng tỉnh",
        "admin": "Quản trị hệ thống",
    }[who]
    assert exemplar.recognised_by == expected
    assert Notification.objects.filter(title="Điển hình “Nguyễn Thị Lành” đã được công nhận").count() == 2


@pytest.mark.parametrize("who", ["officer", "head", "outsider"])
def test_recognise_refused(year, who):
    actor = {"officer": year.officers[0], "head": year.heads[0], "outsider": year.outsider}[who]
    exemplar = propose(year)
    with pytest.raises(PermissionDenied):
        services.set_exemplar_state(exemplar, E.RECOGNISED, actor=actor)
    exemplar.refresh_from_db()
    assert exemplar.state == E.PROPOSED


def test_decline_and_revoke_need_reason(year):
    exemplar = propose(year)
    with pytest.raises(ValidationError, match="Hãy ghi lý do"):
        services.set_exemplar_state(exemplar, E.DECLINED, actor=year.secretary)
    recognised = services.set_exemplar_state(exemplar, E.RECOGNISED, actor=year.secretary)
    revoked = services.set_exemplar_state(recognised, E.REVOKED, actor=year.board, reason="Sai thông tin")
    assert (revoked.state, revoked.decision_note) == (E.REVOKED, "Sai thông tin")


@pytest.mark.parametrize(
    ("start", "target"), [(E.DECLINED, E.RECOGNISED), (E.REVOKED, E.RECOGNISED), (E.RECOGNISED, E.DECLINED)]
)
def test_exemplar_transitions_outside_table_refused(year, start, target):
    exemplar = ExemplarFactory(unit=year.a, cluster_year=year.cluster_year, state=start)
    with pytest.raises(ValidationError, match="Không thể chuyển điển hình"):
        services.set_exemplar_state(exemplar, target, actor=year.secretary, reason="x")


def test_update_only_while_proposed(year):
    exemplar = propose(year)
    updated = services.update_exemplar(exemplar, actor=year.heads[0], achievements="Thành tích mới")
    assert updated.achievements == "Thành tích mới"
    services.set_exemplar_state(exemplar, E.RECOGNISED, actor=year.secretary)
    with pytest.raises(ValidationError, match="đang ở trạng thái đề xuất"):
        services.update_exemplar(exemplar, actor=year.officers[0], achievements="Sửa sau")


def test_proposed_exemplar_hidden_from_other_units(year, login):
    exemplar = propose(year)
    url = reverse("emulation:exemplar_detail", args=[exemplar.pk])
    assert login(year.officers[1]).get(url).status_code == 404
    assert login(year.secretary).get(url).status_code == 200
    services.set_exemplar_state(exemplar, E.RECOGNISED, actor=year.secretary)
    assert login(year.officers[1]).get(url).status_code == 200


def test_evidence_not_public_even_when_recognised(year, client, login):
    exemplar = propose(year, uploads=[pdf_upload()])
    services.set_exemplar_state(exemplar, E.RECOGNISED, actor=year.secretary)
    url = reverse("core:file", args=[exemplar.evidence.get().uuid])
    assert client.get(url).url.startswith("/tai-khoan/dang-nhap/")  # anonymous: asked to sign in
    assert login(year.officers[1]).get(url).status_code == 404
    assert login(year.secretary).get(url).status_code == 200


def test_propose_page_refuses_fake_pdf(year, login):
    response = login(year.officers[0]).post(
        reverse("emulation:exemplar_create"),
        {
            "unit": year.a.pk,
            "kind": "person",
            "name": "Trần Văn Giỏi",
            "year": 2024,
            "achievements": "Giỏi",
            "files": [fake_pdf()],
        },
    )
    assert "không phải là tệp hợp lệ" in response.content.decode()
    assert Exemplar.objects.count() == 0


def test_propose_and_recognise_through_pages(year, login):
    login(year.officers[0]).post(
        reverse("emulation:exemplar_create"),
        {"unit": year.a.pk, "kind": "collective", "name": "Hợp tác xã Mây tre", "year": 2024, "achievements": "Tốt"},
    )
    exemplar = Exemplar.objects.get()
    login(year.secretary).post(reverse("emulation:exemplar_transition", args=[exemplar.pk]), {"state": "recognised"})
    exemplar.refresh_from_db()
    assert exemplar.state == E.RECOGNISED


# The public honour board -----------------------------------------------------------------------------------------
def test_honour_board_is_public_and_lists_only_recognised(year, client):
    shown = services.set_exemplar_state(propose(year, name="Lê Thị Hồng Thắm"), E.RECOGNISED, actor=year.board)
    propose(year, name="Chưa Công Nhận")
    page = client.get(reverse("honour:board")).content.decode()
    assert "Bảng vàng thi đua" in page
    assert "Lê Thị Hồng Thắm" in page
    assert "Chưa Công Nhận" not in page
    assert reverse("honour:entry", args=[shown.pk, "le-thi-hong-tham"]) in page


def test_honour_board_search_without_diacritics_and_filters(year, client):
    services.set_exemplar_state(propose(year, name="Đặng Văn Hải"), E.RECOGNISED, actor=year.board)
    services.set_exemplar_state(propose(year, name="Trần Thị Mai", year=2023), E.RECOGNISED, actor=year.board)
    page = client.get(reverse("honour:board"), {"q": "dang van hai"}).content.decode()
    assert ("Đặng Văn Hải" in page, "Trần Thị Mai" in page) == (True, False)
    page = client.get(reverse("honour:board"), {"year": 2023}).content.decode()
    assert ("Đặng Văn Hải" in page, "Trần Thị Mai" in page) == (False, True)
    page = client.get(reverse("honour:board"), {"cluster": year.cluster_year.cluster_id + 999}).content.decode()
    assert "Không có điển hình nào phù hợp." in page


def test_permalink_page_and_redirect(year, client):
    exemplar = services.set_exemplar_state(propose(year), E.RECOGNISED, actor=year.secretary)
    response = client.get(reverse("honour:entry_short", args=[exemplar.pk]))
    assert response.status_code == 301
    assert response.url == f"/bang-vang/{exemplar.pk}/nguyen-thi-lanh/"
    page = client.get(response.url).content.decode()
    assert "Nông dân sản xuất kinh doanh giỏi" in page
    assert year.cluster_year.cluster.name in page


def test_permalink_of_unrecognised_is_404(year, client):
    exemplar = propose(year)
    assert client.get(reverse("honour:entry", args=[exemplar.pk, exemplar.slug])).status_code == 404


def test_honour_board_takes_more_sections(year, client):
    def awarded_units(filters):
        return HonourSection("Đơn vị được khen thưởng", "emulation/public/_exemplars.html", {"page": []}, order=20)

    register_honour_section(awarded_units)
    try:
        page = client.get(reverse("honour:board")).content.decode()
    finally:
        _SECTIONS.remove(awarded_units)
    assert page.index("Điển hình tiên tiến") < page.index("Đơn vị được khen thưởng")


def test_honour_board_lists_awarded_collectives_but_not_revoked_or_lower_levels(year, client):
    from tests.awards.factories import award

    unit_a, unit_b, unit_c = year.units
    award(unit_a, "co-thi-dua-tinh", 2023, recipient_name="Huyện Cờ Đỏ")
    award(unit_b, "co-thi-dua-tinh", 2023, recipient_name="Huyện Bị Hủy", revoked_on=datetime.date(2024, 5, 1))
    award(unit_c, "giay-khen", 2023, recipient_name="Huyện Giấy Khen")
    page = client.get(reverse("honour:board")).content.decode()
    assert "Tập thể được khen thưởng" in page
    assert ("Huyện Cờ Đỏ" in page, "Huyện Bị Hủy" in page, "Huyện Giấy Khen" in page) == (True, False, False)
    assert "Cờ thi đua cấp tỉnh" in page
    page = client.get(reverse("honour:board"), {"q": "co do", "year": 2023}).content.decode()
    assert "Huyện Cờ Đỏ" in page
    other = client.get(reverse("honour:board"), {"cluster": year.cluster_year.cluster_id + 999}).content.decode()
    assert "Huyện Cờ Đỏ" not in other
