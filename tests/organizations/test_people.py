"""Keeping people: a unit's officer adds and corrects the unit's people and posts and transfers them; the board
its province's. The same permission on pages, API and services; refusals in Vietnamese that change nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.factories import PersonFactory, PositionFactory, ProvinceFactory, UnitFactory
from thidua.core import kernel
from thidua.core.models import ActivityLogEntry, Notification
from thidua.organizations.enums import Gender, Role
from thidua.organizations.models import Person, Position
from thidua.organizations.services import people as services

D = datetime.date


@pytest.fixture
def people(db, make_user):
    province = ProvinceFactory()
    mine = UnitFactory(province=province, name="Kim Ngân")
    theirs = UnitFactory(province=province, name="Sen Ngư")
    ended = UnitFactory(province=province, name="Đã Hết", valid_to=D(2025, 6, 30))
    worker = PersonFactory(province=province, full_name="Trần Thị Lúa")
    post = PositionFactory(person=worker, unit=mine, title="Chuyên viên", valid_from=D(2020, 1, 1))
    return {
        "province": province,
        "mine": mine,
        "theirs": theirs,
        "ended": ended,
        "worker": worker,
        "post": post,
        "officer": make_user(Role.UNIT_OFFICER, mine),
        "head": make_user(Role.UNIT_HEAD, mine),
        "other_officer": make_user(Role.UNIT_OFFICER, theirs),
        "ended_officer": make_user(Role.UNIT_OFFICER, ended),
        "board": make_user(Role.BOARD_OFFICER, province),
        "outsider": make_user(Role.BOARD_OFFICER, ProvinceFactory()),
    }


def _new(w, actor, **kwargs):
    values = {"full_name": "  Lê  Văn   Cày ", "gender": Gender.MALE, "unit": w["mine"], "title": "Nông dân"}
    return services.create_person(actor=actor, **{**values, **kwargs})


# ---------------------------------------------------------------- services


def test_an_officer_adds_a_person_to_their_own_unit_with_a_post(people):
    person = _new(people, people["officer"], valid_from=D(2024, 1, 1), is_direct_labourer=True)
    assert (person.full_name, person.province_id, person.is_direct_labourer) == (
        "Lê Văn Cày",
        people["province"].pk,
        True,
    )
    assert list(person.positions.values_list("unit_id", "title", "valid_from")) == [
        (people["mine"].pk, "Nông dân", D(2024, 1, 1))
    ]
    entry = ActivityLogEntry.objects.get(action="person.created")
    assert (entry.unit_id, entry.province_id) == (people["mine"].pk, people["province"].pk)


@pytest.mark.parametrize("who", ["other_officer", "head", "outsider"])
def test_no_one_else_adds_to_the_unit(people, who):
    with pytest.raises(PermissionDenied):
        _new(people, people[who])
    assert not Person.objects.filter(full_name="Lê Văn Cày").exists()


def test_the_board_adds_anywhere_in_its_province_and_without_a_unit(people):
    assert _new(people, people["board"], unit=people["theirs"]).positions.get().unit == people["theirs"]
    loose = services.create_person(
        actor=people["board"], full_name="Không Đơn Vị", gender=Gender.FEMALE, province=people["province"]
    )
    assert loose.positions.count() == 0
    with pytest.raises(kernel.Refusal, match="Hãy chọn đơn vị công tác của người này"):
        services.create_person(
            actor=people["officer"], full_name="Không Đơn Vị", gender=Gender.FEMALE, province=people["province"]
        )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"full_name": "   "}, "Họ và tên không được để trống."),
        ({"gender": "robot"}, "Giới tính phải là Nam, Nữ hoặc Khác."),
        ({"title": ""}, "Hãy ghi chức vụ tại huyện Kim Ngân."),
        ({"birth_date": D(2999, 1, 1)}, "Ngày sinh 01/01/2999 chưa đến."),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_writes_nothing(people, changes, message):
    with pytest.raises(kernel.Refusal) as refused:
        _new(people, people["officer"], **changes)
    assert refused.value.messages == [message]
    assert Person.objects.count() == 1
    assert not ActivityLogEntry.objects.filter(action="person.created").exists()


def test_an_ended_units_officer_cannot_add_after_its_end(people):
    with pytest.raises(kernel.Refusal, match="không hoạt động vào ngày"):
        _new(people, people["ended_officer"], unit=people["ended"], valid_from=D(2025, 7, 1))


def test_the_same_person_twice_in_a_unit_is_refused(people):
    _new(people, people["officer"], birth_date=D(1980, 5, 2))
    with pytest.raises(kernel.Refusal, match="đã có trong danh sách của huyện Kim Ngân"):
        _new(people, people["officer"], full_name="le van cay", birth_date=D(1980, 5, 2))


def test_correcting_a_person_is_logged_and_a_stale_edit_is_refused(people):
    worker = people["worker"]
    services.update_person(
        worker, actor=people["officer"], seen_version=1, is_direct_labourer=True, full_name="Trần Thị Lúa Mới"
    )
    assert (worker.version, worker.is_direct_labourer, worker.folded_name) == (2, True, "tran thi lua moi")
    entry = ActivityLogEntry.objects.get(action="person.changed")
    assert entry.new_values == {"full_name": "Trần Thị Lúa Mới", "is_direct_labourer": True}
    with pytest.raises(kernel.StaleEdit):
        services.update_person(worker, actor=people["board"], seen_version=1, gender=Gender.FEMALE)
    with pytest.raises(PermissionDenied):
        services.update_person(worker, actor=people["other_officer"], gender=Gender.FEMALE)
    assert Person.objects.get(pk=worker.pk).version == 2


def test_a_post_is_added_corrected_and_ended(people):
    worker, officer = people["worker"], people["officer"]
    second = services.add_position(
        worker, actor=officer, unit=people["mine"], title="Tổ trưởng", valid_from=D(2010, 1, 1), valid_to=D(2012, 1, 1)
    )
    with pytest.raises(kernel.Refusal, match="đã có chức vụ “Chuyên viên”"):
        services.add_position(worker, actor=officer, unit=people["mine"], title="Phó", valid_from=D(2021, 1, 1))
    with pytest.raises(PermissionDenied):
        services.add_position(worker, actor=officer, unit=people["theirs"], title="Phó")
    services.update_position(second, actor=officer, seen_version=1, valid_to=D(2013, 6, 30))
    assert (second.version, second.valid_to) == (2, D(2013, 6, 30))
    with pytest.raises(kernel.Refusal, match="Ngày kết thúc 01/01/2000 trước ngày bắt đầu 01/01/2010"):
        services.update_position(second, actor=officer, seen_version=2, valid_to=D(2000, 1, 1))
    with pytest.raises(PermissionDenied):
        services.update_position(second, actor=people["other_officer"], title="Khác")
    assert Position.objects.get(pk=second.pk).valid_to == D(2013, 6, 30)


def test_a_transfer_ends_the_post_opens_the_new_one_and_tells_the_receiving_unit(people):
    worker, officer = people["worker"], people["officer"]
    new_post = services.transfer_person(
        people["post"], actor=officer, to_unit=people["theirs"], title="Kế toán", date=D(2026, 3, 1)
    )
    people["post"].refresh_from_db()
    assert people["post"].valid_to == D(2026, 2, 28)
    assert (new_post.unit, new_post.title, new_post.valid_from, new_post.valid_to) == (
        people["theirs"],
        "Kế toán",
        D(2026, 3, 1),
        None,
    )
    note = Notification.objects.get(recipient=people["other_officer"])
    assert note.title == "Trần Thị Lúa chuyển công tác về huyện Sen Ngư"
    assert ActivityLogEntry.objects.filter(action="person.transferred").count() == 1
    # The post has ended: the former unit's officer no longer keeps the person.
    with pytest.raises(PermissionDenied):
        services.update_person(worker, actor=officer, full_name="Khác")


def test_a_transfer_to_the_same_unit_or_before_the_post_is_refused(people):
    with pytest.raises(kernel.Refusal, match="Đơn vị mới trùng với đơn vị đang công tác"):
        services.transfer_person(
            people["post"], actor=people["officer"], to_unit=people["mine"], title="X", date=D(2026, 1, 1)
        )
    with pytest.raises(kernel.Refusal, match="tại huyện Kim Ngân không có hiệu lực vào ngày 01/01/2019"):
        services.transfer_person(
            people["post"], actor=people["officer"], to_unit=people["theirs"], title="X", date=D(2019, 1, 1)
        )
    assert Position.objects.count() == 1


# ---------------------------------------------------------------- pages


def test_the_people_list_offers_add_and_import_to_officers_only(people, login):
    page = login(people["officer"]).get(reverse("organizations:person_list")).content.decode()
    assert "Thêm cá nhân" in page
    assert "Nhập danh sách từ Excel" in page
    assert "Thêm cá nhân" not in login(people["head"]).get(reverse("organizations:person_list")).content.decode()


def test_an_officer_adds_a_person_from_the_page(people, login):
    client = login(people["officer"])
    assert client.get(reverse("organizations:person_create")).status_code == 200
    response = client.post(
        reverse("organizations:person_create"),
        {
            "full_name": "Hoàng Văn Lưới",
            "gender": "nam",
            "unit": people["mine"].pk,
            "title": "Ngư dân",
            "is_direct_labourer": "on",
        },
        follow=True,
    )
    person = Person.objects.get(full_name="Hoàng Văn Lưới")
    assert response.redirect_chain[-1][0] == reverse("organizations:person_detail", args=[person.pk])
    assert "Đã thêm cá nhân." in response.content.decode()
    assert person.is_direct_labourer is True
    refused = client.post(
        reverse("organizations:person_create"),
        {"full_name": "Người Khác", "gender": "nam", "unit": people["theirs"].pk, "title": "X"},
    )
    assert refused.status_code == 200
    assert not Person.objects.filter(full_name="Người Khác").exists()
    assert login(people["head"]).get(reverse("organizations:person_create")).status_code == 403


def test_edit_position_and_transfer_pages(people, login):
    client = login(people["officer"])
    worker, post = people["worker"], people["post"]
    detail = client.get(reverse("organizations:person_detail", args=[worker.pk])).content.decode()
    for words in (
        "Sửa thông tin",
        "Thêm chức vụ",
        "Chuyển công tác",
        reverse("organizations:position_edit", args=[post.pk]),
    ):
        assert words in detail
    response = client.post(
        reverse("organizations:person_edit", args=[worker.pk]),
        {"full_name": "Trần Thị Lúa", "gender": "nu", "birth_date": "1990-02-03", "version": 1},
        follow=True,
    )
    assert "Đã lưu thông tin cá nhân." in response.content.decode()
    stale = client.post(
        reverse("organizations:person_edit", args=[worker.pk]),
        {"full_name": "Cũ", "gender": "nu", "version": 1},
    )
    assert "Người khác vừa sửa nội dung này" in stale.content.decode()
    assert Person.objects.get(pk=worker.pk).full_name == "Trần Thị Lúa"
    response = client.post(
        reverse("organizations:position_edit", args=[post.pk]),
        {"title": "Chuyên viên chính", "valid_from": "2020-01-01", "version": 1},
        follow=True,
    )
    assert "Đã lưu chức vụ." in response.content.decode()
    response = client.post(
        reverse("organizations:person_transfer", args=[worker.pk]),
        {"position": post.pk, "to_unit": people["theirs"].pk, "title": "Kế toán", "date": "2026-03-01"},
        follow=True,
    )
    assert "Đã ghi chuyển công tác." in response.content.decode()
    assert Position.objects.get(pk=post.pk).valid_to == D(2026, 2, 28)
    assert login(people["other_officer"]).get(reverse("organizations:person_edit", args=[worker.pk])).status_code == 200
    assert client.get(reverse("organizations:person_edit", args=[worker.pk])).status_code == 403


# ---------------------------------------------------------------- API


def test_the_api_creates_and_edits_people_and_posts(people, login):
    client = login(people["officer"])
    answer = client.post(
        "/api/v1/people",
        {
            "full_name": "Phan Văn Rẫy",
            "gender": "nam",
            "unit_id": people["mine"].pk,
            "title": "Nông dân",
            "is_direct_labourer": True,
        },
        content_type="application/json",
    )
    assert answer.status_code == 201
    body = answer.json()
    assert (body["full_name"], body["is_direct_labourer"], body["version"]) == ("Phan Văn Rẫy", True, 1)
    assert [(p["unit_id"], p["title"]) for p in body["positions"]] == [(people["mine"].pk, "Nông dân")]
    person_id, post_id = body["id"], body["positions"][0]["id"]
    patched = client.patch(
        f"/api/v1/people/{person_id}", {"gender": "khac", "version": 1}, content_type="application/json"
    )
    assert (patched.status_code, patched.json()["gender"], patched.json()["version"]) == (200, "khac", 2)
    stale = client.patch(f"/api/v1/people/{person_id}", {"gender": "nu", "version": 1}, content_type="application/json")
    assert stale.status_code == 409
    bad = client.post(
        "/api/v1/people",
        {"full_name": " ", "gender": "nam", "unit_id": people["mine"].pk, "title": "X"},
        content_type="application/json",
    )
    assert bad.json() == {"detail": "Họ và tên không được để trống."}
    assert bad.status_code == 422
    missing = client.post(
        "/api/v1/people",
        {"full_name": "A", "gender": "nam", "unit_id": 99999999, "title": "X"},
        content_type="application/json",
    )
    assert (missing.status_code, missing.json()["detail"]) == (422, "Không có đơn vị mã số 99999999.")
    forbidden = client.post(
        "/api/v1/people",
        {"full_name": "A", "gender": "nam", "unit_id": people["theirs"].pk, "title": "X"},
        content_type="application/json",
    )
    assert forbidden.status_code == 403
    ended = client.patch(
        f"/api/v1/positions/{post_id}", {"valid_to": "2090-01-31", "version": 1}, content_type="application/json"
    )
    assert ended.status_code == 200
    assert ended.json()["positions"][0]["valid_to"] == "2090-01-31"
    added = client.post(
        f"/api/v1/people/{person_id}/positions",
        {"unit_id": people["mine"].pk, "title": "Tổ trưởng", "valid_from": "2090-02-01"},
        content_type="application/json",
    )
    assert added.status_code == 201
    new_post = next(p for p in added.json()["positions"] if p["title"] == "Tổ trưởng")
    moved = client.post(
        f"/api/v1/people/{person_id}/transfer",
        {"position_id": new_post["id"], "to_unit_id": people["theirs"].pk, "title": "Kế toán", "date": "2090-06-01"},
        content_type="application/json",
    )
    assert moved.status_code == 200
    assert [(p["unit_id"], p["valid_to"]) for p in moved.json()["positions"]][:2] == [
        (people["theirs"].pk, None),
        (people["mine"].pk, "2090-05-31"),
    ]
    # Another unit's officer keeps the person only from the day the post there starts.
    other = login(people["other_officer"])
    refused = other.patch(f"/api/v1/people/{person_id}", {"gender": "nu"}, content_type="application/json")
    assert refused.status_code == 403
