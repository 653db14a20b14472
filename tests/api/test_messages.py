"""A request that does not fit the schema is refused in Vietnamese, like every other refusal (found by probing:
pydantic's and django-ninja's own answers were English)."""

import pytest

from tests.factories import UnitFactory
from thidua.organizations.enums import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(api, make_user):
    return api.token_for(make_user(Role.UNIT_OFFICER, UnitFactory()))


def test_a_missing_field_is_named_in_vietnamese(api):
    response = api.post("/auth/token", {"username": "x"})
    assert response.status_code == 422
    assert response.json()["detail"] == "Dữ liệu gửi lên không hợp lệ: password: bắt buộc phải có."
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "payload", "password"]]


def test_a_value_of_the_wrong_type_says_what_it_should_be(api, token):
    body = {"proposer_kind": "unit", "year": "hai nghìn", "title": ["x"]}
    response = api.post("/proposals", body, token)
    assert (response.status_code, response.json()["detail"]) == (
        422,
        "Dữ liệu gửi lên không hợp lệ: year: phải là số nguyên; title: phải là chuỗi ký tự.",
    )


def test_an_impossible_date_and_a_bad_query_number(api, token):
    response = api.client.patch(
        "/api/v1/proposals/1", '{"version": 1, "submission_date": "2025-02-31"}', "application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )  # fmt: skip
    assert response.json()["detail"] == (
        "Dữ liệu gửi lên không hợp lệ: submission_date: phải là ngày hợp lệ, dạng YYYY-MM-DD."
    )
    listed = api.get("/people", token, limit="abc")
    assert (listed.status_code, listed.json()["detail"]) == (
        422,
        "Dữ liệu gửi lên không hợp lệ: limit: phải là số nguyên.",
    )


def test_a_body_that_is_not_json_is_400_in_vietnamese(api, token):
    response = api.client.post(
        "/api/v1/proposals", "{khong phai json", "application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "Nội dung gửi lên không đọc được: không phải JSON hợp lệ."},
    )


def test_an_unknown_object_is_404_in_vietnamese(api, token):
    response = api.get("/people/999999", token)
    assert (response.status_code, response.json()) == (404, {"detail": "Không tìm thấy."})


def test_a_request_that_fits_still_goes_through(api, token):
    assert api.get("/people", token, limit="5").status_code == 200
