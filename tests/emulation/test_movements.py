import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.emulation.factories import MovementFactory
from tests.emulation.helpers import fake_pdf, pdf_upload
from tests.factories import ProvinceFactory, UnitFactory
from thidua.core.models import ActivityLogEntry, StoredFile
from thidua.emulation import selectors, services
from thidua.emulation.enums import MovementKind, MovementLevel, PhaseKind, PhaseOverride
from thidua.emulation.models import Movement, MovementModel, MovementReport, Phase


def movement_data(**extra):
    data = {"name": "Cả nước chung sức xây dựng nông thôn mới", "level": "national", "kind": "thematic"}
    data.update(extra)
    return data


@pytest.mark.parametrize("who", ["secretary", "board", "admin"])
def test_catalogue_writers_add_movements(year, who):
    movement = services.create_movement(actor=getattr(year, who), **movement_data())
    assert (movement.folded_name, movement.created_by) == (
        "ca nuoc chung suc xay dung nong thon moi",
        getattr(year, who),
    )
    assert ActivityLogEntry.objects.get(action="movement.created").new_values["level"] == "national"


@pytest.mark.parametrize("who", ["officers", "heads"])
def test_units_cannot_add_movements(year, who):
    with pytest.raises(PermissionDenied):
        services.create_movement(actor=getattr(year, who)[0], **movement_data())


def test_movement_dates_checked(year):
    import datetime

    with pytest.raises(ValidationError, match="Ngày kết thúc"):
        services.create_movement(
            actor=year.board,
            **movement_data(starts_on=datetime.date(2024, 5, 1), ends_on=datetime.date(2024, 1, 1)),
        )


def test_edit_by_creator_and_board_only(year, make_user):
    movement = services.create_movement(actor=year.secretary, **movement_data(level="local"))
    services.update_movement(movement, actor=year.secretary, name="Tên mới")
    other_secretary = make_user()
    with pytest.raises(PermissionDenied):
        services.update_movement(movement, actor=other_secretary, name="Không được")
    movement.provinces.set([year.cluster_year.cluster.province])
    updated = services.update_movement(movement, actor=year.board, targets="Chỉ tiêu mới")
    assert (updated.name, updated.targets) == ("Tên mới", "Chỉ tiêu mới")


def test_reach_national_provincial_local(year):
    other_province_unit = UnitFactory(province=ProvinceFactory())
    national = MovementFactory(level=MovementLevel.NATIONAL)
    provincial = MovementFactory(level=MovementLevel.PROVINCIAL)
    provincial.provinces.set([year.a.province])
    local = MovementFactory(level=MovementLevel.LOCAL)
    local.clusters.set([year.cluster_year.cluster])
    assert selectors.movement_reaches_unit(national, other_province_unit) is True
    assert selectors.movement_reaches_unit(provincial, year.a) is True
    assert selectors.movement_reaches_unit(provincial, other_province_unit) is False
    assert selectors.movement_reaches_unit(local, year.b) is True
    assert selectors.movement_reaches_unit(local, other_province_unit) is False


def test_provincial_movement_reaches_units_of_merged_province(year):
    new_province = ProvinceFactory()
    new_province.predecessors.set([year.a.province])
    movement = MovementFactory(level=MovementLevel.PROVINCIAL)
    movement.provinces.set([new_province])
    assert selectors.movement_reaches_unit(movement, year.a) is True


def test_join_once_and_only_own_unit(year):
    movement = MovementFactory()
    services.join_movement(movement, year.a, actor=year.officers[0], commitment="Hưởng ứng")
    with pytest.raises(ValidationError, match="đã đăng ký tham gia"):
        services.join_movement(movement, year.a, actor=year.heads[0])
    with pytest.raises(PermissionDenied):
        services.join_movement(movement, year.b, actor=year.officers[0])


def test_join_refused_when_movement_does_not_reach(year):
    movement = MovementFactory(level=MovementLevel.PROVINCIAL)
    movement.provinces.set([ProvinceFactory()])
    with pytest.raises(ValidationError, match="không áp dụng cho"):
        services.join_movement(movement, year.a, actor=year.officers[0])


def test_report_with_files_in_open_reporting_phase(year):
    participation = services.join_movement(MovementFactory(), year.a, actor=year.officers[0])
    report = services.file_movement_report(
        participation,
        actor=year.officers[0],
        year=2024,
        period="6 tháng đầu năm",
        content="Đạt kết quả tốt",
        figures=[{"label": "Số xã đạt chuẩn", "value": "3"}, {"label": "", "value": ""}],
        uploads=[pdf_upload()],
    )
    assert report.figures == [{"label": "Số xã đạt chuẩn", "value": "3"}]
    assert [f.original_name for f in report.files.all()] == ["minh-chung.pdf"]


def test_report_refused_after_reporting_phase_closed(year):
    participation = services.join_movement(MovementFactory(), year.a, actor=year.officers[0])
    Phase.objects.filter(kind=PhaseKind.REPORTING).update(override=PhaseOverride.CLOSED)
    with pytest.raises(ValidationError, match="Báo cáo kết quả trong năm"):
        services.file_movement_report(participation, actor=year.officers[0], year=2024, period="Cả năm", content="x")


def test_report_refused_for_fake_pdf_and_nothing_stored(year):
    participation = services.join_movement(MovementFactory(), year.a, actor=year.officers[0])
    with pytest.raises(ValidationError, match="không phải là tệp hợp lệ"):
        services.file_movement_report(
            participation,
            actor=year.officers[0],
            year=2024,
            period="Cả năm",
            content="x",
            uploads=[pdf_upload(), fake_pdf()],
        )
    assert (MovementReport.objects.count(), StoredFile.objects.count()) == (0, 0)


def test_report_form_refuses_fake_pdf_with_clear_message(year, login):
    movement = MovementFactory()
    participation = services.join_movement(movement, year.a, actor=year.officers[0])
    response = login(year.officers[0]).post(
        reverse("emulation:movement_report", args=[movement.pk, participation.pk]),
        {"year": 2024, "period": "Cả năm", "content": "Kết quả", "files": [fake_pdf()]},
    )
    assert "Tệp “gia-mao.pdf” không phải là tệp hợp lệ" in response.content.decode()
    assert MovementReport.objects.count() == 0


def test_report_form_saves_figures(year, login):
    movement = MovementFactory()
    participation = services.join_movement(movement, year.a, actor=year.officers[0])
    login(year.officers[0]).post(
        reverse("emulation:movement_report", args=[movement.pk, participation.pk]),
        {"year": 2024, "period": "Cả năm", "content": "Kết quả", "figures": "Hộ thoát nghèo: 120\n\nNhà ở: 15"},
    )
    assert MovementReport.objects.get().figures == [
        {"label": "Hộ thoát nghèo", "value": "120"},
        {"label": "Nhà ở", "value": "15"},
    ]


def test_report_page_refused_for_other_unit(year, login):
    movement = MovementFactory()
    participation = services.join_movement(movement, year.a, actor=year.officers[0])
    url = reverse("emulation:movement_report", args=[movement.pk, participation.pk])
    assert login(year.officers[1]).get(url).status_code == 403


def test_reports_visible_to_unit_secretariat_board_not_others(year):
    movement = MovementFactory()
    participation = services.join_movement(movement, year.a, actor=year.officers[0])
    services.file_movement_report(participation, actor=year.officers[0], year=2024, period="Cả năm", content="x")
    seen = {
        who: selectors.reports_visible_to(user, movement).count()
        for who, user in [
            ("officer", year.officers[0]),
            ("secretary", year.secretary),
            ("board", year.board),
            ("other", year.officers[1]),
            ("outsider", year.outsider),
        ]
    }
    assert seen == {"officer": 1, "secretary": 1, "board": 1, "other": 0, "outsider": 0}


def test_report_evidence_file_access(year, login):
    participation = services.join_movement(MovementFactory(), year.a, actor=year.officers[0])
    report = services.file_movement_report(
        participation, actor=year.heads[0], year=2024, period="Cả năm", content="x", uploads=[pdf_upload()]
    )
    url = reverse("core:file", args=[report.files.get().uuid])
    assert login(year.secretary).get(url).status_code == 200
    assert login(year.officers[1]).get(url).status_code == 404


def test_model_recorded_under_movement(year):
    movement = MovementFactory()
    model = services.record_movement_model(
        movement,
        year.a,
        actor=year.officers[0],
        name="Mỗi xã một sản phẩm OCOP",
        category="OCOP",
        year=2024,
        description="Ba sản phẩm 3 sao",
        uploads=[pdf_upload()],
    )
    assert (model.folded_name, model.evidence.count()) == ("moi xa mot san pham ocop", 1)
    with pytest.raises(PermissionDenied):
        services.record_movement_model(movement, year.a, actor=year.officers[1], name="x", year=2024, description="y")


def test_model_page_creates_model(year, login):
    movement = MovementFactory()
    response = login(year.officers[0]).post(
        reverse("emulation:movement_model_create", args=[movement.pk]),
        {"unit": year.a.pk, "name": "Mây tre đan", "category": "Nghề", "year": 2024, "description": "Xuất khẩu"},
    )
    assert response.status_code == 302
    assert MovementModel.objects.get().name == "Mây tre đan"


def test_join_page(year, login):
    movement = MovementFactory()
    client = login(year.officers[0])
    assert "Đăng ký tham gia" in client.get(reverse("emulation:movement_detail", args=[movement.pk])).content.decode()
    client.post(reverse("emulation:movement_join", args=[movement.pk]), {"unit": year.a.pk, "commitment": "Có"})
    assert movement.participations.get().unit == year.a
    response = client.post(reverse("emulation:movement_join", args=[movement.pk]), {"unit": year.b.pk}, follow=True)
    assert "Hãy chọn đơn vị của bạn." in response.content.decode()


def test_movement_form_page_for_board(year, login):
    response = login(year.board).post(
        reverse("emulation:movement_create"),
        {"name": "Dạy tốt, học tốt", "level": MovementLevel.NATIONAL, "kind": MovementKind.REGULAR},
    )
    movement = Movement.objects.get()
    assert response.url == reverse("emulation:movement_detail", args=[movement.pk])
    assert login(year.officers[0]).get(reverse("emulation:movement_create")).status_code == 403


def test_list_search_without_diacritics(year, login):
    MovementFactory(name="Vì người nghèo - Không để ai bị bỏ lại phía sau")
    MovementFactory(name="Dạy tốt, học tốt")
    page = login(year.officers[0]).get(reverse("emulation:movement_list"), {"q": "nguoi ngheo"}).content.decode()
    assert "Vì người nghèo" in page
    assert "Dạy tốt, học tốt" not in page


def test_figures_json_roundtrip_in_api(year, login):
    movement = MovementFactory()
    services.join_movement(movement, year.a, actor=year.officers[0])
    response = login(year.officers[0]).post(
        f"/api/v1/movements/{movement.pk}/reports",
        {
            "unit_id": year.a.pk,
            "year": 2024,
            "period": "Cả năm",
            "content": "Kết quả",
            "figures": json.dumps([{"label": "Xã đạt chuẩn", "value": "2"}]),
        },
    )
    assert response.status_code == 200
    assert response.json()["figures"] == [{"label": "Xã đạt chuẩn", "value": "2"}]
