import pytest

pytestmark = pytest.mark.django_db

EXPECTED_PATHS = {
    "/api/v1/auth/token": {"post"},
    "/api/v1/auth/revoke": {"post"},
    "/api/v1/auth/me": {"get"},
    "/api/v1/provinces": {"get"},
    "/api/v1/units": {"get"},
    "/api/v1/units/{unit_id}": {"get"},
    "/api/v1/units/{unit_id}/rename": {"post"},
    "/api/v1/lineage-events": {"post"},
    "/api/v1/clusters": {"get"},
    "/api/v1/clusters/{cluster_id}": {"get"},
    "/api/v1/clusters/{cluster_id}/years": {"post"},
    "/api/v1/cluster-years/{cluster_year_id}/members": {"post"},
    "/api/v1/people": {"get"},
    "/api/v1/people/{person_id}": {"get"},
}


def _resolve(schema, ref):
    node = schema
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_openapi_schema_is_valid_and_lists_the_foundation_paths(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert (schema["info"]["title"], schema["info"]["version"]) == ("Thidua API", "1")
    for path, methods in EXPECTED_PATHS.items():
        assert methods <= set(schema["paths"][path]), path
    for path, operations in schema["paths"].items():
        assert path.startswith("/api/v1/")
        for method, operation in operations.items():
            assert method in {"get", "post", "put", "patch", "delete"}
            assert operation["responses"], f"{method} {path} has no responses"
            assert operation["operationId"]
    # Every reference resolves, and the bearer scheme is declared.
    for ref in _refs(schema):
        assert _resolve(schema, ref) is not None
    assert schema["components"]["securitySchemes"]["BearerAuth"] == {"type": "http", "scheme": "bearer"}
    ids = [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))


def test_docs_page_loads_from_the_app_itself(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html
