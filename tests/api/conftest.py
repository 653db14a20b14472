import pytest
from django.test import Client


@pytest.fixture
def api():
    """A client speaking JSON to /api/v1/, optionally with a bearer token."""

    class Api:
        def __init__(self):
            self.client = Client()

        def _headers(self, token):
            return {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

        def get(self, path, token=None, **params):
            return self.client.get(f"/api/v1{path}", params, **self._headers(token))

        def post(self, path, data=None, token=None):
            return self.client.post(
                f"/api/v1{path}", data or {}, content_type="application/json", **self._headers(token)
            )

        def token_for(self, user, password="mat-khau-thu-nghiem"):  # noqa: S107 - the factories' test password
            response = self.post("/auth/token", {"username": user.username, "password": password})
            assert response.status_code == 200, response.content
            return response.json()["token"]

    return Api()
