"""Accounts and roles in Vietnamese pages and the API (issue 13.3, 15.7): scoped to the board's province, read-only
for the cluster's secretariat, duplicates refused, pickers with and without diacritics, roles ending with a unit."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from tests.factories import ClusterMembershipFactory, ClusterYearFactory, ProvinceFactory, UnitFactory
from tests.querycount import assert_flat_query_count
from thidua.accounts.models import ApiToken, User, hash_token
from thidua.core.kernel import Refusal
from thidua.core.models import ActivityLogEntry, Notification
from thidua.organizations.enums import LineageKind, Role
from thidua.organizations.models import RoleAssignment
from thidua.organizations.services import accounts as account_services
from thidua.organizations.services import record_lineage_event

pytestmark = pytest.mark.django_db

LIST = "/quan-ly-tai-khoan/"
CREATE = "/quan-ly-tai-khoan/moi/"
IMPORT = "/quan-ly-tai-khoan/nhap-excel/"


@pytest.fixture
def w(make_user):
    province = ProvinceFactory(code="quang-tri", name="Quảng Trị")
    other = ProvinceFactory(code="ha-tinh", name="Hà Tĩnh")
    lethuy = UnitFactory(code="qb-lethuy", name="Lệ Thủy", province=province)
    donghoi = UnitFactory(code="qb-donghoi", name="Đồng Hới", province=province)
    far = UnitFactory(code="ht-kyanh", name="Kỳ Anh", province=other)
    cluster_year = ClusterYearFactory(cluster__province=province, year=2026)
    ClusterMembershipFactory(cluster_year=cluster_year, unit=lethuy)
    officer = make_user(Role.UNIT_OFFICER, lethuy, username="canbo.lethuy", full_name="Lê Thị Thủy")
    return {
        "province": province,
        "other": other,
        "lethuy": lethuy,
        "donghoi": donghoi,
        "far": far,
        "cluster_year": cluster_year,
        "officer": officer,
        "far_officer": make_user(Role.UNIT_OFFICER, far, username="canbo.kyanh", full_name="Hồ Văn Kỳ"),
        "board": make_user(Role.BOARD_OFFICER, province, username="bantdkt", full_name="Nguyễn Thị Bích"),
        "board_other": make_user(Role.BOARD_OFFICER, other, username="ban.hatinh"),
        "secretariat": make_user(Role.CLUSTER_SECRETARIAT, cluster_year, username="thuky.cum"),
        "admin": make_user(Role.ADMIN, username="quantri"),
    }


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _new_account(**extra):
    return {
        "full_name": "Trần Văn Mới",
        "username": "canbo.moi",
        "email": "moi@lethuy.gov.vn",
        "phone": "",
        "role": Role.UNIT_OFFICER,
        "unit": "Lệ Thủy",
        **extra,
    }


def _api(user, method, path, body=None):
    client = _client(user)
    call = getattr(client, method)
    return (
        call(f"/api/v1{path}", body or {}, content_type="application/json")
        if method == "post"
        else call(f"/api/v1{path}", body or {})
    )


# Creating an account: one form, role and scope, a temporary password shown once.


@pytest.mark.parametrize("typed", ["Lệ Thủy", "le thuy", "LE THUY", "qb-lethuy"])
def test_the_board_creates_an_account_with_its_role_in_one_form(w, typed):
    response = _client(w["board"]).post(CREATE, _new_account(unit=typed))
    assert response.status_code == 200
    page = response.content.decode()
    user = User.objects.get(username="canbo.moi")
    assert (user.full_name, user.email, user.must_change_password, user.is_active) == (
        "Trần Văn Mới",
        "moi@lethuy.gov.vn",
        True,
        True,
    )
    assert list(RoleAssignment.objects.filter(user=user).values_list("role", "unit_id")) == [
        (Role.UNIT_OFFICER, w["lethuy"].pk)
    ]
    assert "Mật khẩu tạm chỉ hiện một lần" in page
    temporary = page.split('<span class="password">')[1].split("</span>")[0]
    assert len(temporary) == 12
    assert user.check_password(temporary)
    entry = ActivityLogEntry.objects.get(action="account.created")
    assert (entry.actor, entry.province_id, entry.new_values["role"]) == (w["board"], w["province"].pk, "unit_officer")


def test_an_ambiguous_unit_name_lists_the_candidates_and_creates_nothing(w):
    UnitFactory(code="qb-lethuy-2", name="Lệ Thủy Mới", province=w["province"])
    response = _client(w["board"]).post(CREATE, _new_account(unit="le"))
    page = response.content.decode()
    assert "Có nhiều đơn vị khớp: " in page
    assert "(qb-lethuy)" in page
    assert "(qb-lethuy-2)" in page
    assert not User.objects.filter(username="canbo.moi").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"username": "canbo.lethuy"}, "Tên đăng nhập “canbo.lethuy” đã có người dùng."),
        ({"username": "Cán Bộ"}, "Tên đăng nhập “cán bộ” không hợp lệ"),
        ({"email": "", "phone": ""}, "Cần ít nhất một e-mail hoặc số điện thoại để liên hệ với người dùng."),
        ({"unit": "khong co don vi nay"}, "Không tìm thấy đơn vị “khong co don vi nay”."),
        ({"unit": ""}, "Vai trò này cần chọn đơn vị."),
    ],
)
def test_bad_input_gets_a_vietnamese_message_and_changes_nothing(w, extra, message):
    before = User.objects.count()
    response = _client(w["board"]).post(CREATE, _new_account(**extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == before


def test_the_board_of_another_province_cannot_create_accounts_there(w):
    before = User.objects.count()
    response = _client(w["board_other"]).post(CREATE, _new_account(unit="qb-lethuy"))
    assert "Bạn không có quyền thực hiện thao tác này." in response.content.decode()
    assert User.objects.count() == before
    api = _api(w["board_other"], "post", "/accounts", {**_new_account(), "unit_id": w["lethuy"].pk})
    assert (api.status_code, api.json()) == (403, {"detail": "Bạn không có quyền thực hiện thao tác này."})
    assert User.objects.count() == before


def test_only_administrators_give_the_administrator_role(w):
    form_page = _client(w["board"]).get(CREATE).content.decode()
    assert 'value="admin"' not in form_page
    with pytest.raises(Exception, match="Bạn không có quyền"):
        account_services.create_account(
            actor=w["board"], full_name="X Y", username="xy.admin", email="x@y.vn", role=Role.ADMIN
        )
    user, _password = account_services.create_account(
        actor=w["admin"], full_name="X Y", username="xy.admin", email="x@y.vn", role=Role.ADMIN
    )
    assert list(user.role_assignments.values_list("role", flat=True)) == [Role.ADMIN]


# Who sees which accounts.


def test_the_list_is_scoped_to_the_board_the_secretariat_and_the_administrator(w):
    def usernames(user):
        return sorted(u["username"] for u in _api(user, "get", "/accounts").json()["items"])

    in_province = ["bantdkt", "canbo.lethuy", "thuky.cum"]
    assert usernames(w["board"]) == in_province
    assert usernames(w["board_other"]) == ["ban.hatinh", "canbo.kyanh"]
    assert usernames(w["secretariat"]) == ["canbo.lethuy", "thuky.cum"]
    assert usernames(w["admin"]) == ["ban.hatinh", "bantdkt", "canbo.kyanh", "canbo.lethuy", "quantri", "thuky.cum"]
    assert _api(w["officer"], "get", "/accounts").status_code == 403
    page = _client(w["board"]).get(LIST, {"q": "le thi thuy"}).content.decode()
    assert "<td>canbo.lethuy</td>" in page
    assert "<td>bantdkt</td>" not in page
    assert _client(w["officer"]).get(LIST).status_code == 403


def test_an_account_outside_the_scope_is_not_found(w):
    url = reverse("organizations:account_detail", args=[w["officer"].pk])
    assert _client(w["board_other"]).get(url).status_code == 404
    assert _api(w["board_other"], "get", f"/accounts/{w['officer'].pk}").status_code == 404
    assert _client(w["board"]).get(url).status_code == 200


def test_the_secretariat_sees_its_clusters_accounts_read_only(w):
    officer = w["officer"]
    client = _client(w["secretariat"])
    page = client.get(reverse("organizations:account_detail", args=[officer.pk])).content.decode()
    assert "Lê Thị Thủy" in page
    assert "Thêm vai trò" not in page
    assert "Khóa tài khoản" not in page
    response = client.post(
        reverse("organizations:account_role_add", args=[officer.pk]), {"role": Role.UNIT_HEAD, "unit": "qb-lethuy"}
    )
    assert response.status_code == 403
    assert client.get(CREATE).status_code == 403
    api = _api(w["secretariat"], "post", f"/accounts/{officer.pk}/roles", {"role": Role.UNIT_HEAD, "unit_id": 1})
    assert api.status_code == 403
    assert RoleAssignment.objects.filter(user=officer).count() == 1


# Roles: added, duplicates refused, ended; accounts closed.


def test_a_duplicate_role_is_refused_with_a_message_on_the_page_and_the_api(w):
    officer = w["officer"]
    response = _client(w["board"]).post(
        reverse("organizations:account_role_add", args=[officer.pk]),
        {"role": Role.UNIT_OFFICER, "unit": "le thuy"},
        follow=True,
    )
    message = (
        "Tài khoản này đã có vai trò “Cán bộ thi đua, khen thưởng đơn vị” ở phạm vi này trong cùng thời gian; "
        "không thêm lần nữa."
    )
    assert message in response.content.decode()
    api = _api(w["board"], "post", f"/accounts/{officer.pk}/roles", {"role": "unit_officer", "unit_id": w["lethuy"].pk})
    assert (api.status_code, api.json()) == (422, {"detail": message})
    assert RoleAssignment.objects.filter(user=officer).count() == 1


def test_a_role_is_added_and_ended_on_a_day(w):
    officer = w["officer"]
    api = _api(w["board"], "post", f"/accounts/{officer.pk}/roles", {"role": "unit_head", "unit_id": w["donghoi"].pk})
    assert api.status_code == 201
    assert (api.json()["role"], api.json()["unit_id"], api.json()["valid_to"]) == ("unit_head", w["donghoi"].pk, None)
    ended = _api(w["board"], "post", f"/role-assignments/{api.json()['id']}/end", {"on_date": "2026-12-31"})
    assert (ended.status_code, ended.json()["valid_to"]) == (200, "2026-12-31")
    again = _api(w["board"], "post", f"/role-assignments/{api.json()['id']}/end", {"on_date": "2026-12-31"})
    assert (again.status_code, again.json()) == (422, {"detail": "Vai trò này đã kết thúc ngày 31/12/2026."})
    refused = _api(w["board_other"], "post", f"/role-assignments/{api.json()['id']}/end", {})
    assert refused.status_code == 404


def test_ending_a_role_on_the_page_defaults_to_today(w):
    assignment = w["officer"].role_assignments.get()
    response = _client(w["board"]).post(reverse("organizations:account_role_end", args=[assignment.pk]), {})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.valid_to == timezone.localdate()


def test_deactivating_an_account_revokes_its_tokens_and_is_logged(w):
    officer = w["officer"]
    ApiToken.objects.create(
        user=officer, key_hash=hash_token("x"), expires_at=timezone.now() + datetime.timedelta(hours=1)
    )
    response = _client(w["board"]).post(reverse("organizations:account_active", args=[officer.pk]), {"active": "0"})
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.is_active is False
    assert ApiToken.objects.get().revoked_at is not None
    assert ActivityLogEntry.objects.filter(action="account.deactivated").count() == 1
    reopened = _api(w["board"], "post", f"/accounts/{officer.pk}/active", {"active": True})
    assert (reopened.status_code, reopened.json()["is_active"]) == (200, True)


def test_a_new_temporary_password_is_shown_once_and_must_be_changed(w):
    officer = w["officer"]
    response = _client(w["board"]).post(reverse("organizations:account_temporary_password", args=[officer.pk]))
    page = response.content.decode()
    temporary = page.split('<span class="password">')[1].split("</span>")[0]
    officer.refresh_from_db()
    assert officer.check_password(temporary)
    assert officer.must_change_password is True


def test_the_account_list_has_no_per_row_queries_and_exports(w):
    client = _client(w["board"])
    counter = iter(range(1000))

    def add():
        n = next(counter)
        account_services.create_account(
            actor=None,
            full_name=f"Cán bộ {n}",
            username=f"cb{n}",
            email=f"cb{n}@x.vn",
            role="unit_officer",
            unit=w["lethuy"],
        )

    assert_flat_query_count(client, LIST, add, maximum=12)
    response = client.get(reverse("organizations:account_list_export"), {"q": "can bo 0"})
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:2] == ("Tên đăng nhập", "Họ và tên")
    assert [r[0] for r in rows[1:]] == ["cb0"]


# Bulk creation from an Excel sheet.


def _sheet(rows, header=("Họ tên", "Tên đăng nhập", "E-mail hoặc điện thoại", "Mã đơn vị", "Vai trò")):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("tai-khoan.xlsx", buffer.getvalue())


GOOD = [
    ("Phan Văn An", "canbo.an", "an@lethuy.gov.vn", "qb-lethuy", "Cán bộ thi đua, khen thưởng đơn vị"),
    ("Võ Thị Bình", "truong.binh", "0912 345 678", "QB-DONGHOI", "thu truong don vi"),
]


def test_the_dry_run_reports_each_rows_problems_and_writes_nothing(w):
    rows = [
        *GOOD,
        ("", "canbo.lethuy", "x@y.vn", "qb-lethuy", "Thủ trưởng đơn vị"),
        ("Hồ Văn C", "canbo.an", "", "khong-co", "Thư ký cụm thi đua"),
        ("Lê D", "canbo.d", "d@x.vn", "ht-kyanh", "Thủ trưởng đơn vị"),
    ]
    before = (User.objects.count(), RoleAssignment.objects.count(), ActivityLogEntry.objects.count())
    response = _client(w["board"]).post(IMPORT, {"file": _sheet(rows), "commit": "0"})
    page = response.content.decode()
    assert "3 dòng có lỗi; chưa có gì được ghi." in page
    for message in (
        "Thiếu họ tên.",
        "Tên đăng nhập “canbo.lethuy” đã có người dùng.",
        "Tên đăng nhập “canbo.an” trùng với dòng 2.",
        "Vai trò “Thư ký cụm thi đua” không dùng được trong tệp",
        "Không có đơn vị mã “khong-co”.",
        "Bạn không quản lý tài khoản của đơn vị huyện Kỳ Anh.",
    ):
        assert message in page, message
    assert (User.objects.count(), RoleAssignment.objects.count(), ActivityLogEntry.objects.count()) == before
    committed = _client(w["board"]).post(IMPORT, {"file": _sheet(rows), "commit": "1"})
    assert "Có 3 dòng có lỗi (dòng 4, 5, 6); chưa tạo tài khoản nào." in committed.content.decode()
    assert User.objects.count() == before[0]


def test_a_clean_sheet_creates_every_account_with_a_printable_sheet(w):
    client = _client(w["board"])
    dry = client.post(IMPORT, {"file": _sheet(GOOD), "commit": "0"}).content.decode()
    assert "2 dòng hợp lệ; chưa có gì được ghi." in dry
    assert not User.objects.filter(username__in=["canbo.an", "truong.binh"]).exists()
    page = client.post(IMPORT, {"file": _sheet(GOOD), "commit": "1"}).content.decode()
    assert "Đã tạo 2 tài khoản" in page
    assert page.count('<span class="password">') == 2
    binh = User.objects.get(username="truong.binh")
    assert (binh.phone, binh.email, binh.must_change_password) == ("0912 345 678", "", True)
    assert list(binh.role_assignments.values_list("role", "unit__code")) == [("unit_head", "qb-donghoi")]


def test_the_sheet_is_bounded_by_rows_and_size(w, monkeypatch):
    from thidua.organizations import account_import

    monkeypatch.setattr(account_import, "MAX_ROWS", 3)
    rows = [(f"Người {i}", f"nguoi.{i}", f"n{i}@x.vn", "qb-lethuy", "Thủ trưởng đơn vị") for i in range(4)]
    page = _client(w["board"]).post(IMPORT, {"file": _sheet(rows), "commit": "0"}).content.decode()
    assert "Tệp có hơn 3 dòng dữ liệu. Hãy chia thành nhiều tệp nhỏ hơn." in page
    big = SimpleUploadedFile("lon.xlsx", b"0" * (1024 * 1024 + 1))
    page = _client(w["board"]).post(IMPORT, {"file": big, "commit": "0"}).content.decode()
    assert "Tệp quá lớn (hơn 1 MB). Hãy chia thành nhiều tệp nhỏ hơn." in page
    missing = _sheet(GOOD, header=("Họ tên", "Tên đăng nhập"))
    page = _client(w["board"]).post(IMPORT, {"file": missing, "commit": "0"}).content.decode()
    assert "Tệp thiếu cột: E-mail hoặc điện thoại, Mã đơn vị, Vai trò. Hãy tải và dùng tệp mẫu." in page


def test_the_template_downloads_with_the_five_columns(w):
    response = _client(w["board"]).get(reverse("organizations:account_import_template"))
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("Họ tên", "Tên đăng nhập", "E-mail hoặc điện thoại", "Mã đơn vị", "Vai trò")
    assert _client(w["secretariat"]).get(reverse("organizations:account_import_template")).status_code == 403


# When a unit ends, its roles end that day and the board is offered the successor.


def test_roles_end_with_their_unit_and_the_board_moves_them_in_one_click(w):
    new_unit = UnitFactory(code="qt-lethuy-moi", name="Lệ Thủy Mới", province=w["province"])
    record_lineage_event(
        kind=LineageKind.MERGED,
        date=datetime.date(2026, 7, 1),
        predecessors=[w["lethuy"]],
        successors=[new_unit],
        actor=w["board"],
    )
    role = w["officer"].role_assignments.get()
    assert role.valid_to == datetime.date(2026, 6, 30)
    note = Notification.objects.get(recipient=w["board"])
    assert note.title == "Vai trò của 1 tài khoản đã kết thúc cùng đơn vị (Lệ Thủy)"
    assert not Notification.objects.filter(recipient=w["board_other"]).exists()
    client = _client(w["board"])
    page = client.get(note.url).content.decode()
    assert "Lê Thị Thủy" in page
    assert "Lệ Thủy Mới" in page
    assert _client(w["board_other"]).get(note.url).content.decode().count("canbo.lethuy") == 0
    response = client.post(note.url, {"assignment": role.pk, "successor": new_unit.pk})
    assert response.status_code == 302
    moved = w["officer"].role_assignments.get(unit=new_unit)
    assert (moved.role, moved.valid_from, moved.valid_to) == (Role.UNIT_OFFICER, datetime.date(2026, 7, 1), None)
    assert "Đã chuyển sang Lệ Thủy Mới" in client.get(note.url).content.decode()
    client.post(note.url, {"assignment": role.pk, "successor": new_unit.pk})
    assert w["officer"].role_assignments.filter(unit=new_unit).count() == 1


def test_the_role_services_refuse_a_role_without_its_scope(w):
    with pytest.raises(Refusal, match="cần chọn"):
        account_services.add_role(w["officer"], actor=w["admin"], role=Role.CLUSTER_SECRETARIAT)


def test_a_role_that_ended_before_the_unit_keeps_its_own_end_date(w):
    role = w["officer"].role_assignments.get()
    role.valid_to = datetime.date(2026, 3, 31)
    role.save(update_fields=["valid_to"])
    record_lineage_event(
        kind=LineageKind.DISSOLVED,
        date=datetime.date(2026, 7, 1),
        predecessors=[w["lethuy"]],
        successors=[w["donghoi"]],
        actor=None,
    )
    role.refresh_from_db()
    assert role.valid_to == datetime.date(2026, 3, 31)
    assert not Notification.objects.exists()
