import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from tests.factories import UserFactory
from thidua.accounts.models import ApiToken
from thidua.accounts.services import LoginRefused, issue_api_token, revoke_api_token, token_for_raw, user_for_token
from thidua.core.models import ActivityLogEntry

pytestmark = pytest.mark.django_db


def _request():
    return RequestFactory().post("/api/v1/auth/token")


def test_issue_and_read_a_token():
    user = UserFactory()
    raw, token = issue_api_token(_request(), user.username, "mat-khau-thu-nghiem")
    assert token_for_raw(raw) == token
    assert user_for_token(raw) == user
    assert token_for_raw("khong-phai-token") is None
    assert user_for_token("khong-phai-token") is None


def test_issue_refuses_wrong_credentials():
    user = UserFactory()
    with pytest.raises(LoginRefused) as refused:
        issue_api_token(_request(), user.username, "sai")
    assert str(refused.value) == "invalid"
    assert ApiToken.objects.count() == 0


def test_last_used_is_written_at_most_every_five_minutes(django_assert_num_queries):
    raw, _ = issue_api_token(_request(), UserFactory().username, "mat-khau-thu-nghiem")
    with django_assert_num_queries(2):
        token_for_raw(raw)
    with django_assert_num_queries(1):
        token_for_raw(raw)
    ApiToken.objects.update(last_used_at=timezone.now() - datetime.timedelta(minutes=6))
    with django_assert_num_queries(2):
        token_for_raw(raw)


def test_revoke_is_logged_once():
    user = UserFactory()
    raw, token = issue_api_token(_request(), user.username, "mat-khau-thu-nghiem")
    revoke_api_token(token, actor=user)
    revoke_api_token(token, actor=user)
    assert token_for_raw(raw) is None
    assert list(ActivityLogEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "api_token.issued",
        "api_token.revoked",
    ]
