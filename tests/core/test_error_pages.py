"""Errors answer in Vietnamese with the site's layout, in production mode (DEBUG off) as users meet them."""

import pytest
from django.test import Client

from thidua.core.views import csrf_failure

pytestmark = pytest.mark.django_db


def test_unknown_address_is_a_vietnamese_404(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "<h1>Không tìm thấy trang</h1>" in body
    assert 'href="/bang-vang/"' in body


def test_out_of_scope_page_is_a_vietnamese_403_with_the_reason(client, make_user):
    officer = make_user(username="canbo.thu")
    client.force_login(officer)
    response = client.get("/nhat-ky/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "<h1>Không có quyền truy cập</h1>" in body
    assert "Về trang chủ" in body


def test_stale_form_gets_a_vietnamese_page_and_logs_nobody_in():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/tai-khoan/dang-nhap/", {"username": "canbo.thu", "password": "x"})
    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_csrf_failure_view_renders_with_the_request(rf, make_user):
    request = rf.post("/")
    request.user = make_user(username="canbo.thu")
    response = csrf_failure(request, reason="CSRF token missing.")
    assert response.status_code == 403
    assert "Chưa có gì được lưu" in response.content.decode()


def test_server_error_page_needs_no_request_context():
    from django.template import loader

    body = loader.get_template("500.html").render()
    assert "<h1>Lỗi hệ thống</h1>" in body
    assert 'href="/"' in body


@pytest.mark.parametrize("show_debug_pages", [False, True])
def test_dev_server_answers_with_the_project_404_unless_asked_for_the_debug_page(settings, show_debug_pages):
    settings.DEBUG, settings.SHOW_DEBUG_PAGES = True, show_debug_pages
    body = Client().get("/khong-co-trang-nay/").content.decode()
    assert ("<h1>Không tìm thấy trang</h1>" in body) is not show_debug_pages
    assert ("URLconf" in body) is show_debug_pages


def test_dev_server_hides_another_units_object_behind_the_project_404(settings, make_user):
    settings.DEBUG, settings.SHOW_DEBUG_PAGES = True, False
    client = Client()
    client.force_login(make_user(username="canbo.thu"))
    response = client.get("/tep/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404
    assert "<h1>Không tìm thấy trang</h1>" in response.content.decode()


def test_dev_server_crash_is_the_project_500_page(settings, rf):
    from thidua.core.middleware import ProjectErrorPagesMiddleware

    settings.DEBUG, settings.SHOW_DEBUG_PAGES = True, False
    middleware = ProjectErrorPagesMiddleware(lambda _request: None)
    response = middleware.process_exception(rf.get("/"), ZeroDivisionError("boom"))
    assert response.status_code == 500
    assert "<h1>Lỗi hệ thống</h1>" in response.content.decode()
