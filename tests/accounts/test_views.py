import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/tai-khoan/dang-nhap/"


@pytest.fixture
def user(db):
    return UserFactory(username="canbo.lethuy", full_name="Lê Thị Thủy")


def test_login_page_is_vietnamese(client):
    html = client.get(LOGIN).content.decode()
    assert "<h1>Đăng nhập</h1>" in html
    assert "Tên đăng nhập" in html
    assert "Mật khẩu" in html


def test_login_with_the_right_password_goes_home(client, user):
    response = client.post(LOGIN, {"username": "canbo.lethuy", "password": "mat-khau-thu-nghiem"})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert "Xin chào, Lê Thị Thủy" in client.get("/").content.decode()


def test_login_follows_next_inside_the_site_only(client, user):
    response = client.post(LOGIN, {"username": "canbo.lethuy", "password": "mat-khau-thu-nghiem", "next": "/don-vi/"})
    assert response["Location"] == "/don-vi/"
    client.logout()
    response = client.post(
        LOGIN, {"username": "canbo.lethuy", "password": "mat-khau-thu-nghiem", "next": "https://example.com/"}
    )
    assert response["Location"] == "/"


def test_login_with_a_wrong_password_says_so(client, user):
    response = client.post(LOGIN, {"username": "canbo.lethuy", "password": "sai"})
    assert response.status_code == 200
    assert (
        "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: nhập sai nhiều lần sẽ bị tạm khóa." in response.content.decode()
    )


def test_repeated_failures_lock_the_login(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "canbo.lethuy", "password": "sai"})
    response = client.post(LOGIN, {"username": "canbo.lethuy", "password": "mat-khau-thu-nghiem"})
    assert response.status_code == 429
    assert "Tài khoản tạm khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_inactive_account_cannot_log_in(client):
    UserFactory(username="nghi.viec", is_active=False)
    response = client.post(LOGIN, {"username": "nghi.viec", "password": "mat-khau-thu-nghiem"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_demo_password_is_refused_in_production_mode(client, settings):
    user = UserFactory(username="demo")
    user.set_password(settings.DEMO_PASSWORD)
    user.save()
    settings.ALLOW_DEMO_PASSWORDS = False
    response = client.post(LOGIN, {"username": "demo", "password": settings.DEMO_PASSWORD})
    assert "Mật khẩu demo không được dùng trên hệ thống thật." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post(login, user):
    client = login(user)
    response = client.post(reverse("accounts:logout"))
    assert (response.status_code, response["Location"]) == (302, LOGIN)
    assert client.get("/").status_code == 302


def test_passwords_are_hashed(user):
    assert user.password.split("$")[0] in {"md5", "argon2"}
    assert "mat-khau-thu-nghiem" not in user.password
