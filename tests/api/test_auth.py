import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from thidua.accounts.models import ApiToken, hash_token
from thidua.core.models import ActivityLogEntry
from thidua.organizations.enums import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user, unit):
    return make_user(Role.UNIT_OFFICER, unit, username="canbo.thu")


def test_token_with_the_right_password(api, officer):
    response = api.post("/auth/token", {"username": "canbo.thu", "password": "mat-khau-thu-nghiem"})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert len(body["token"]) == 43
    token = ApiToken.objects.get()
    assert token.key_hash == hash_token(body["token"])  # only the hash is stored
    assert token.expires_at.isoformat() == body["expires_at"]
    assert datetime.timedelta(hours=11, minutes=59) < token.expires_at - timezone.now() <= datetime.timedelta(hours=12)
    entry = ActivityLogEntry.objects.get()
    assert (entry.action, entry.actor) == ("api_token.issued", officer)


@pytest.mark.parametrize(
    ("username", "password"), [("canbo.thu", "sai-mat-khau"), ("khong-co", "mat-khau-thu-nghiem"), ("", "")]
)
def test_token_with_a_wrong_password_is_401(api, officer, username, password):
    response = api.post("/auth/token", {"username": username, "password": password})
    assert response.status_code == 401
    assert response.json() == {"detail": "Tên đăng nhập hoặc mật khẩu không đúng."}
    assert ApiToken.objects.count() == 0


def test_token_refused_to_an_inactive_user(api, make_user):
    make_user(username="nghi.viec", is_active=False)
    response = api.post("/auth/token", {"username": "nghi.viec", "password": "mat-khau-thu-nghiem"})
    assert response.status_code == 401


def test_repeated_failures_lock_the_account(api, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert api.post("/auth/token", {"username": "canbo.thu", "password": "sai"}).status_code in {401, 429}
    response = api.post("/auth/token", {"username": "canbo.thu", "password": "mat-khau-thu-nghiem"})
    # The lockout answers for the whole site (429), to the API in JSON; no token is issued.
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Tài khoản tạm khóa vì nhập sai mật khẩu nhiều lần. Hãy thử lại sau ít phút."}
    assert ApiToken.objects.count() == 0


def test_token_request_without_fields_is_422(api):
    assert api.post("/auth/token", {"username": "x"}).status_code == 422


def test_bearer_token_works(api, officer, unit):
    token = api.token_for(officer)
    response = api.get("/auth/me", token)
    assert response.status_code == 200
    assert response.json() == {
        "username": "canbo.thu",
        "full_name": officer.full_name,
        "roles": ["unit_officer"],
        "unit_ids": [unit.pk],
        "cluster_year_ids": [],
        "province_ids": [],
    }
    assert api.get(f"/units/{unit.pk}", token).status_code == 200
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize("path", ["/auth/me", "/units", "/provinces", "/clusters", "/people", "/units/1", "/people/1"])
def test_anonymous_calls_are_401(api, path):
    response = api.get(path)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


@pytest.mark.parametrize("header", ["Bearer sai-token", "Bearer ", "Token abc", "Basic dXNlcjpwYXNz"])
def test_bad_authorization_headers_are_401(officer, header):
    response = Client().get("/api/v1/auth/me", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_expired_token_is_401(api, officer):
    token = api.token_for(officer)
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert api.get("/auth/me", token).status_code == 401


def test_revoked_token_is_401(api, officer):
    token = api.token_for(officer)
    response = api.post("/auth/revoke", token=token)
    assert (response.status_code, response.json()) == (200, {"revoked": True})
    assert ApiToken.objects.get().revoked_at is not None
    assert api.get("/auth/me", token).status_code == 401
    assert list(ActivityLogEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "api_token.issued",
        "api_token.revoked",
    ]


def test_token_of_a_deactivated_user_is_401(api, officer):
    token = api.token_for(officer)
    officer.is_active = False
    officer.save()
    assert api.get("/auth/me", token).status_code == 401


def test_revoke_needs_a_bearer_token(login, officer):
    assert login(officer).post("/api/v1/auth/revoke").status_code == 401


def test_session_works_for_reads_and_needs_csrf_for_writes(login, make_user, unit):
    board = make_user(Role.BOARD_OFFICER, unit.province)
    assert login(board).get("/api/v1/auth/me").status_code == 200
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(board)
    response = strict.post(
        f"/api/v1/units/{unit.pk}/rename",
        json.dumps({"name": "Mới", "date": "2026-01-01"}),
        content_type="application/json",
    )
    assert response.status_code in {401, 403}
    unit.refresh_from_db()
    assert unit.name != "Mới"


def test_demo_password_is_refused_in_production_mode(api, make_user, settings):
    user = make_user(username="demo.user")
    user.set_password(settings.DEMO_PASSWORD)
    user.save()
    settings.ALLOW_DEMO_PASSWORDS = False
    response = api.post("/auth/token", {"username": "demo.user", "password": settings.DEMO_PASSWORD})
    assert response.status_code == 403
    assert response.json() == {"detail": "Mật khẩu demo không được dùng trên hệ thống thật."}
