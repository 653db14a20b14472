"""core.middleware.BadInputMiddleware: a value the database cannot hold answers 400 with a message, not 500."""

import pytest
from django.db import DataError
from django.test import RequestFactory

from thidua.core.middleware import BadInputMiddleware

MESSAGE = "Không có gì được lưu; hãy quay lại, sửa rồi gửi lại."


@pytest.fixture
def middleware():
    return BadInputMiddleware(lambda _request: None)


@pytest.fixture
def request_of(make_user):
    def make():
        request = RequestFactory().post("/")
        request.user = make_user()
        request.session = {}
        return request

    return make


@pytest.mark.parametrize("error", [OverflowError("Python int too large"), DataError("value too long")])
def test_out_of_range_values_answer_400_with_a_message(db, middleware, request_of, error):
    response = middleware.process_exception(request_of(), error)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


@pytest.mark.parametrize("error", [ValueError("x"), KeyError("x"), RuntimeError("x")])
def test_other_errors_stay_server_errors(db, middleware, request_of, error):
    assert middleware.process_exception(request_of(), error) is None


def test_a_nul_character_in_a_posted_field_is_refused_before_the_view(db, middleware, request_of):
    request = request_of()
    request.POST = request.POST.copy()
    request.POST["reason"] = "a\x00b"
    response = middleware(request)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


def test_a_clean_post_reaches_the_view(db, request_of):
    reached = []
    BadInputMiddleware(reached.append)(request_of())
    assert len(reached) == 1
