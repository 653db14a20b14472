"""Hardening: what production mode refuses, the headers every page carries, upload limits, login lockout, sessions.

Production mode cannot be switched on inside the test process (settings are read once), so those tests start
a separate Python with the environment a real installation would have.
"""

import datetime
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.factories import UserFactory

from thidua.accounts.models import ApiToken, User
from thidua.core.files import store_upload
from thidua.core.models import StoredFile
from thidua.organizations.enums import Role

PROJECT = Path(__file__).resolve().parents[2]
TEMPLATES = PROJECT / "src" / "thidua" / "templates"
DEMO_PASSWORD = "thidua-demo"
LOGIN = "/tai-khoan/dang-nhap/"
TOKEN = "/api/v1/auth/token"
PNG = b"\x89PNG\r\n\x1a\n"


def production_env(tmp_path, **extra):
    # A real installation's environment: none of the test run's switches (the browser tests set a DJANGO_ one).
    dropped = {"DEBUG", "PYTEST_VERSION", "DATABASE_URL", "SECRET_KEY"}
    env = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith("DJANGO_")}
    env.update(
        THIDUA_TESTING="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="thidua.example.gov.vn",
        THIDUA_DATA_DIR=str(tmp_path / "data"),
        STATIC_ROOT=str(tmp_path / "static"),
        PYTHONPATH=str(PROJECT / "src"),
        DJANGO_SETTINGS_MODULE="thidua.settings",
    )
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


def run(args, env):
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py, no shell
        [sys.executable, *args], env=env, cwd=PROJECT, capture_output=True, text=True, timeout=300, check=False
    )


PRODUCTION_PROBE = """
import json, django
django.setup()
from django.conf import settings as s
from django.test import Client
from django.core.management import call_command
call_command("collectstatic", "--noinput", verbosity=0)
plain = Client().get("/tai-khoan/dang-nhap/", HTTP_HOST="thidua.example.gov.vn")
page = Client().get("/tai-khoan/dang-nhap/", HTTP_HOST="thidua.example.gov.vn", secure=True)
names = ["DEBUG", "ALLOW_DEMO_PASSWORDS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT",
         "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "X_FRAME_OPTIONS", "SESSION_COOKIE_AGE",
         "SESSION_EXPIRE_AT_BROWSER_CLOSE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY",
         "SECURE_CONTENT_TYPE_NOSNIFF"]
print(json.dumps({
    "settings": {n: getattr(s, n) for n in names},
    "middleware": s.MIDDLEWARE,
    "plain": [plain.status_code, plain.get("Location")],
    "status": page.status_code,
    "headers": dict(page.headers),
    "csrf_cookie_secure": bool(page.cookies["csrftoken"]["secure"]),
    "body": page.content.decode(),
}))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    result = run(["-c", PRODUCTION_PROBE], production_env(tmp_path_factory.mktemp("prod")))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run(["manage.py", "check"], production_env(tmp_path, SECRET_KEY=None))
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off (production mode)." in result.stderr


def test_development_mode_starts_without_a_secret_key(tmp_path):
    result = run(["manage.py", "check"], production_env(tmp_path, SECRET_KEY=None, DEBUG="1"))
    assert result.returncode == 0, result.stderr


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert "WARNING" not in result.stderr


def test_production_settings_are_hardened(production):
    assert production["settings"] == {
        "DEBUG": False,
        "ALLOW_DEMO_PASSWORDS": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 365 * 24 * 3600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "X_FRAME_OPTIONS": "DENY",
        "SESSION_COOKIE_AGE": 8 * 3600,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
    }
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in production["middleware"]


def test_production_pages_carry_the_security_headers(production):
    assert production["plain"] == [301, "https://thidua.example.gov.vn/tai-khoan/dang-nhap/"]
    assert production["status"] == 200
    headers = production["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert production["csrf_cookie_secure"] is True
    # Static files come from the manifest (hashed names) that collectstatic wrote, served by the app itself.
    assert re.search(r'href="/static/css/thidua\.[0-9a-f]{12}\.css"', production["body"])
    # No demo hint in production.
    assert DEMO_PASSWORD not in production["body"]


@pytest.fixture
def production_logins(settings):
    settings.ALLOW_DEMO_PASSWORDS = False


def test_production_refuses_the_demo_password_on_the_login_page(db, client, production_logins):
    UserFactory(username="canbo.demo", password=DEMO_PASSWORD)
    page = client.post(LOGIN, {"username": "canbo.demo", "password": DEMO_PASSWORD})
    assert page.status_code == 200
    assert "Mật khẩu demo không được dùng trên hệ thống thật." in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_production_accepts_a_real_password_on_the_login_page(db, client, production_logins):
    UserFactory(username="canbo.that", password="mot-mat-khau-rieng-dai")
    page = client.post(LOGIN, {"username": "canbo.that", "password": "mot-mat-khau-rieng-dai"})
    assert page.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username="canbo.that").pk)


def test_production_refuses_the_demo_password_for_api_tokens(db, client, production_logins):
    UserFactory(username="canbo.demo", password=DEMO_PASSWORD)
    UserFactory(username="canbo.that", password="mot-mat-khau-rieng-dai")
    refused = client.post(TOKEN, {"username": "canbo.demo", "password": DEMO_PASSWORD}, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Mật khẩu demo không được dùng trên hệ thống thật."}
    given = client.post(
        TOKEN, {"username": "canbo.that", "password": "mot-mat-khau-rieng-dai"}, content_type="application/json"
    )
    assert given.status_code == 200
    assert given.json()["token_type"] == "Bearer"


def test_production_refuses_to_load_demo_data(db, production_logins):
    with pytest.raises(ImproperlyConfigured, match="refused in production mode"):
        call_command("seed_demo", verbosity=0)
    assert User.objects.count() == 0


def test_demo_password_is_accepted_outside_production(db, client):
    UserFactory(username="canbo.demo", password=DEMO_PASSWORD)
    assert client.post(LOGIN, {"username": "canbo.demo", "password": DEMO_PASSWORD}).status_code == 302


def assert_strict_policy(response):
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_pages_send_a_content_security_policy_without_inline_code(client, make_user, unit):
    assert_strict_policy(client.get(LOGIN))
    client.force_login(make_user(Role.UNIT_OFFICER, unit))
    for url in [reverse("core:home"), reverse("organizations:unit_list"), reverse("organizations:search")]:
        response = client.get(url)
        assert response.status_code == 200
        assert_strict_policy(response)


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE), "inline <script>"),
    (re.compile(r"<style\b", re.IGNORECASE), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.IGNORECASE), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.IGNORECASE), "inline event handler"),
    (re.compile(r"javascript:", re.IGNORECASE), "javascript: URL"),
]


def test_templates_hold_no_inline_script_or_style():
    # The policy would block them in the browser; finding them here names the file and line.
    found = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            found += [f"{template.relative_to(TEMPLATES)}:{number}: {what}" for rx, what in INLINE if rx.search(line)]
    assert found == []


def test_an_upload_over_the_limit_is_refused_and_nothing_is_stored(db, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    too_big = SimpleUploadedFile("anh.png", PNG + b"\x00" * (1024 * 1024))
    with pytest.raises(ValidationError) as refusal:
        store_upload(too_big, actor=None)
    assert refusal.value.messages == ["Tệp “anh.png” quá lớn (1,0 MB); giới hạn là 1,0 MB."]
    assert StoredFile.objects.count() == 0
    assert not any(p.is_file() for p in Path(settings.MEDIA_ROOT).rglob("*"))


def test_an_upload_at_the_limit_is_stored(db, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    stored = store_upload(SimpleUploadedFile("anh.png", PNG + b"\x00" * (1024 * 1024 - len(PNG))), actor=None)
    assert stored.size == 1024 * 1024
    assert StoredFile.objects.count() == 1


def test_request_bodies_are_capped():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 5 * 1024 * 1024
    assert settings.UPLOAD_MAX_BYTES == 20 * 1024 * 1024


@pytest.fixture
def officer(db):
    return UserFactory(username="canbo.khoa", password="mat-khau-dung-dai")


def fail_logins(client, username, times, **extra):
    """Post a wrong password `times` times; the attempt that reaches the limit is answered with the lock page."""
    for attempt in range(1, times + 1):
        page = client.post(LOGIN, {"username": username, "password": "sai-mat-khau"}, **extra)
        assert page.status_code == (429 if attempt >= settings.AXES_FAILURE_LIMIT else 200)
    return page


def test_repeated_failed_logins_lock_the_account(officer):
    client = Client()
    fail_logins(client, "canbo.khoa", settings.AXES_FAILURE_LIMIT - 1)
    # One short of the limit the right password still works.
    assert client.post(LOGIN, {"username": "canbo.khoa", "password": "mat-khau-dung-dai"}).status_code == 302
    client = Client()
    locked = fail_logins(client, "canbo.khoa", settings.AXES_FAILURE_LIMIT)
    assert "Tài khoản tạm khóa" in locked.content.decode()
    # Now even the right password is refused, in the page and in the API.
    again = client.post(LOGIN, {"username": "canbo.khoa", "password": "mat-khau-dung-dai"})
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
    token = client.post(
        TOKEN, {"username": "canbo.khoa", "password": "mat-khau-dung-dai"}, content_type="application/json"
    )
    assert token.status_code == 429
    assert ApiToken.objects.count() == 0


def test_a_lock_holds_one_username_from_one_address(officer):
    UserFactory(username="canbo.khac", password="mat-khau-dung-dai")
    fail_logins(Client(), "canbo.khoa", settings.AXES_FAILURE_LIMIT)
    # Another person in the same office, and the same person from another address, are not locked out.
    assert Client().post(LOGIN, {"username": "canbo.khac", "password": "mat-khau-dung-dai"}).status_code == 302
    elsewhere = Client(REMOTE_ADDR="10.1.2.3")
    assert elsewhere.post(LOGIN, {"username": "canbo.khoa", "password": "mat-khau-dung-dai"}).status_code == 302


def test_failed_logins_through_the_api_count_too(officer, client):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        answer = client.post(TOKEN, {"username": "canbo.khoa", "password": "sai"}, content_type="application/json")
        assert answer.status_code in {401, 429}
    page = client.post(LOGIN, {"username": "canbo.khoa", "password": "mat-khau-dung-dai"})
    assert page.status_code == 429


def test_behind_the_proxy_the_forwarded_address_is_the_client(officer, settings):
    settings.USE_X_FORWARDED_FOR = True
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    fail_logins(Client(), "canbo.khoa", settings.AXES_FAILURE_LIMIT, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    locked = Client().post(
        LOGIN, {"username": "canbo.khoa", "password": "mat-khau-dung-dai"}, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy
    )
    assert locked.status_code == 429
    other = Client().post(
        LOGIN, {"username": "canbo.khoa", "password": "mat-khau-dung-dai"}, HTTP_X_FORWARDED_FOR="198.51.100.9", **proxy
    )
    assert other.status_code == 302


def test_without_the_proxy_setting_a_forged_forwarded_address_changes_nothing(officer):
    fail_logins(Client(), "canbo.khoa", settings.AXES_FAILURE_LIMIT, HTTP_X_FORWARDED_FOR="203.0.113.7")
    forged = Client().post(
        LOGIN, {"username": "canbo.khoa", "password": "mat-khau-dung-dai"}, HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    assert forged.status_code == 429


def test_sessions_expire(officer):
    client = Client()
    assert client.post(LOGIN, {"username": "canbo.khoa", "password": "mat-khau-dung-dai"}).status_code == 302
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert client.get(reverse("core:home")).status_code == 200
    # Eight hours on, the stored session has lapsed and the person must log in again.
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    answer = client.get(reverse("core:home"))
    assert answer.status_code == 302
    assert answer["Location"] == f"{LOGIN}?next=/"
