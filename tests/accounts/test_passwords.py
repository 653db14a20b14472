"""Passwords and tokens (issue 15.7): a changed password or a closed account ends every API token; a temporary
password opens only the change page; the password pages use the settings' validators; login attempts are limited
per address."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import RoleAssignmentFactory, UnitFactory, UserFactory
from thidua.accounts.models import ApiToken, User, hash_token
from thidua.accounts.services import set_temporary_password, token_for_raw
from thidua.core.models import ActivityLogEntry
from thidua.organizations.enums import Role
from thidua.organizations.models import RoleAssignment

pytestmark = pytest.mark.django_db

LOGIN = "/tai-khoan/dang-nhap/"
CHANGE = "/tai-khoan/doi-mat-khau/"
OLD = "mat-khau-thu-nghiem"


def _token(user):
    raw = ApiToken.new_raw_key()
    ApiToken.objects.create(
        user=user, key_hash=hash_token(raw), expires_at=timezone.now() + datetime.timedelta(hours=1)
    )
    return raw


def _api_me(raw):
    return Client().get("/api/v1/auth/me", headers={"authorization": f"Bearer {raw}"})


def test_a_password_set_by_an_administrator_ends_the_users_tokens():
    user = UserFactory()
    raw = _token(user)
    assert _api_me(raw).status_code == 200
    user.set_password("mot-mat-khau-moi-dai")
    user.save()
    assert token_for_raw(raw) is None
    assert _api_me(raw).status_code == 401
    entry = ActivityLogEntry.objects.get(action="api_token.revoked_all")
    assert entry.new_values["reason"] == "password_changed"


def test_the_same_password_saved_again_keeps_the_tokens():
    # Django re-saves a password under a newer hasher at login: that is not a change.
    user = UserFactory()
    raw = _token(user)
    user.set_password(OLD)
    user.save()
    assert token_for_raw(raw) is not None


def test_deactivating_an_account_ends_its_tokens_and_saving_other_fields_does_not():
    user = UserFactory()
    raw = _token(user)
    user.phone = "0912345678"
    user.save()
    assert token_for_raw(raw) is not None
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert ApiToken.objects.get().revoked_at is not None
    assert ActivityLogEntry.objects.get(action="api_token.revoked_all").new_values["reason"] == "deactivated"


def test_changing_ones_own_password_on_the_page_ends_the_tokens_and_keeps_the_session():
    user = UserFactory()
    raw = _token(user)
    client = Client()
    client.force_login(user)
    response = client.post(
        CHANGE,
        {"old_password": OLD, "new_password1": "Hoa-sen-no-2026", "new_password2": "Hoa-sen-no-2026"},
    )
    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.get("/").status_code == 200
    user.refresh_from_db()
    assert user.check_password("Hoa-sen-no-2026")
    assert token_for_raw(raw) is None
    assert ActivityLogEntry.objects.filter(action="account.password_changed", actor=user).count() == 1


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("ngan", "Mật khẩu quá ngắn: cần ít nhất 10 ký tự."),
        ("password123", "Mật khẩu này quá phổ biến."),
    ],
)
def test_the_change_page_applies_the_settings_validators_and_changes_nothing(new, message):
    user = UserFactory()
    raw = _token(user)
    client = Client()
    client.force_login(user)
    response = client.post(CHANGE, {"old_password": OLD, "new_password1": new, "new_password2": new})
    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(OLD)
    assert token_for_raw(raw) is not None


def test_a_temporary_password_opens_only_the_change_page_until_it_is_changed():
    user = UserFactory(username="canbo.moi")
    temporary = set_temporary_password(user, actor=None)
    assert len(temporary) == 12
    client = Client()
    response = client.post(LOGIN, {"username": "canbo.moi", "password": temporary})
    assert response.status_code == 302
    response = client.get("/don-vi/")
    assert (response.status_code, response["Location"]) == (302, CHANGE)
    page = client.get(CHANGE).content.decode()
    assert "Bạn đang dùng mật khẩu tạm." in page
    api = client.get("/api/v1/auth/me")
    assert api.status_code == 403
    assert "mật khẩu tạm" in api.json()["detail"]
    client.post(
        CHANGE, {"old_password": temporary, "new_password1": "Song-Gianh-2026", "new_password2": "Song-Gianh-2026"}
    )
    user.refresh_from_db()
    assert user.must_change_password is False
    assert client.get("/").status_code == 200


def test_the_api_gives_no_token_for_a_temporary_password():
    user = UserFactory(username="canbo.moi")
    temporary = set_temporary_password(user, actor=None)
    response = Client().post(
        "/api/v1/auth/token", {"username": "canbo.moi", "password": temporary}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Tài khoản đang dùng mật khẩu tạm: hãy đăng nhập trang web và đổi mật khẩu trước khi lấy token."
    )
    assert ApiToken.objects.count() == 0


def test_password_reset_by_email_is_vietnamese_and_sets_a_new_password(settings):
    user = UserFactory(username="canbo.quen", full_name="Trần Văn Quên", email="quen@example.invalid")
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])
    raw = _token(user)
    client = Client()
    response = client.post("/tai-khoan/quen-mat-khau/", {"email": "quen@example.invalid"})
    assert (response.status_code, response["Location"]) == (302, "/tai-khoan/quen-mat-khau/da-gui/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Đặt lại mật khẩu Thidua"
    assert "Kính gửi Trần Văn Quên," in message.body
    link = re.search(r"https?://[^/\s]+(/tai-khoan/dat-lai-mat-khau/\S+)", message.body).group(1)
    form_url = client.get(link)["Location"]  # Django swaps the token for a session marker
    response = client.post(form_url, {"new_password1": "Phong-Nha-2026", "new_password2": "Phong-Nha-2026"})
    assert (response.status_code, response["Location"]) == (302, "/tai-khoan/dat-lai-mat-khau/xong/")
    user.refresh_from_db()
    assert user.check_password("Phong-Nha-2026")
    assert user.must_change_password is False
    assert token_for_raw(raw) is None


def test_a_used_or_wrong_reset_link_says_so_in_vietnamese():
    page = Client().get("/tai-khoan/dat-lai-mat-khau/MQ/sai-token/").content.decode()
    assert "Đường dẫn đặt lại mật khẩu không hợp lệ hoặc đã được dùng." in page


def test_login_attempts_per_address_are_limited_on_the_page(settings):
    settings.LOGIN_RATE_PER_MINUTE = 3
    UserFactory(username="canbo.lethuy")
    client = Client()
    for i in range(3):
        response = client.post(LOGIN, {"username": f"ai-do-{i}", "password": "sai"})
        assert response.status_code == 200
    response = client.post(LOGIN, {"username": "canbo.lethuy", "password": OLD})
    assert response.status_code == 429
    assert "Có quá nhiều lần đăng nhập từ địa chỉ này trong một phút." in response.content.decode()
    assert "_auth_user_id" not in client.session
    other_address = Client(REMOTE_ADDR="10.0.0.9")
    assert other_address.post(LOGIN, {"username": "canbo.lethuy", "password": OLD}).status_code == 302


def test_login_attempts_per_address_are_limited_on_the_api(settings):
    settings.LOGIN_RATE_PER_MINUTE = 2
    user = UserFactory()
    client = Client()
    body = {"username": user.username, "password": OLD}
    assert client.post("/api/v1/auth/token", body, content_type="application/json").status_code == 200
    assert client.post("/api/v1/auth/token", body, content_type="application/json").status_code == 200
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 429
    assert response.json() == {
        "detail": "Có quá nhiều lần đăng nhập từ địa chỉ này trong một phút. Hãy đợi một phút rồi thử lại."
    }
    assert ApiToken.objects.count() == 2


def test_the_admin_refuses_a_duplicate_role_row_with_a_message(make_user):
    administrator = make_user(Role.ADMIN, is_staff=True)
    unit = UnitFactory(name="Lệ Thủy")
    officer = UserFactory(full_name="Lê Thị Thủy")
    RoleAssignmentFactory(user=officer, role=Role.UNIT_OFFICER, unit=unit)
    client = Client()
    client.force_login(administrator)
    response = client.post(
        reverse("admin:organizations_roleassignment_add"),
        {"user": officer.pk, "role": Role.UNIT_OFFICER, "unit": unit.pk, "valid_from": "", "valid_to": ""},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tài khoản này đã có vai trò “Cán bộ thi đua, khen thưởng đơn vị” ở phạm vi này" in page
    assert RoleAssignment.objects.filter(user=officer).count() == 1


@pytest.mark.parametrize("term", ["Lê Thị Thủy", "le thi thuy"])
def test_the_admin_user_picker_finds_names_with_and_without_diacritics(make_user, term):
    administrator = make_user(Role.ADMIN, is_staff=True)
    officer = UserFactory(full_name="Lê Thị Thủy")
    UserFactory(full_name="Nguyễn Văn Hải")
    client = Client()
    client.force_login(administrator)
    response = client.get(
        "/quan-tri/autocomplete/",
        {"term": term, "app_label": "organizations", "model_name": "roleassignment", "field_name": "user"},
    )
    assert [row["id"] for row in response.json()["results"]] == [str(officer.pk)]


@pytest.mark.parametrize("term", ["Lệ Thủy", "le thuy"])
def test_the_admin_unit_picker_finds_names_with_and_without_diacritics(make_user, term):
    administrator = make_user(Role.ADMIN, is_staff=True)
    unit = UnitFactory(name="Lệ Thủy")
    UnitFactory(name="Đồng Hới")
    client = Client()
    client.force_login(administrator)
    response = client.get(
        "/quan-tri/autocomplete/",
        {"term": term, "app_label": "organizations", "model_name": "roleassignment", "field_name": "unit"},
    )
    assert [row["id"] for row in response.json()["results"]] == [str(unit.pk)]


def test_the_admin_speaks_vietnamese_for_roles_and_tokens(make_user):
    administrator = make_user(Role.ADMIN, is_staff=True)
    client = Client()
    client.force_login(administrator)
    page = client.get(reverse("admin:organizations_roleassignment_add")).content.decode()
    for label in ("Người dùng:", "Hiệu lực từ ngày:", "Hiệu lực đến ngày:"):
        assert label in page
    for english in ("User:", "Valid from", "Valid to"):
        assert english not in page
    index = client.get(reverse("admin:index")).content.decode()
    assert "Token API" in index
    assert "Api tokens" not in index
    assert "Task Results" not in index
    assert User.objects.filter(pk=administrator.pk).exists()


def test_a_user_with_a_temporary_password_may_still_log_out():
    user = UserFactory(username="canbo.tam")
    set_temporary_password(user, actor=None)
    client = Client()
    client.force_login(user)
    response = client.post(reverse("accounts:logout"))
    assert (response.status_code, response["Location"]) == (302, LOGIN)
    assert "_auth_user_id" not in client.session
