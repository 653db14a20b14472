"""The API's operations, read from the ninja API's own OpenAPI schema, and a smallest valid request for each.

A refused caller must be refused whatever the body says, but an empty body would stop at validation (422) before
the permission check is reached; so every write is sent with the smallest body the schema accepts.
"""

import functools

from thidua.api.api import api

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@functools.cache
def schema():
    return api.get_openapi_schema()


def operations():
    """[(METHOD, path template)] of every API operation, e.g. ("GET", "/api/v1/units/{unit_id}")."""
    return [(method.upper(), path) for path, ops in schema()["paths"].items() for method in ops]


def operation(method, path):
    return schema()["paths"][path][method.lower()]


def _resolve(node):
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = schema()["components"]["schemas"][name]
    return node


def minimal(node):
    """The smallest value a JSON schema node accepts: required fields only, first choices, short strings."""
    node = _resolve(node)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            options = [_resolve(option) for option in node[key]]
            usable = [option for option in options if option.get("type") != "null"] or options
            return minimal(usable[0])
    if "enum" in node:
        return node["enum"][0]
    if "default" in node:
        return node["default"]
    kind = node.get("type", "object")
    if kind == "object":
        properties = node.get("properties", {})
        return {name: minimal(properties[name]) for name in node.get("required", []) if name in properties}
    if kind == "array":
        return [minimal(node.get("items", {}))] * node.get("minItems", 0)
    return _scalar(kind, node)


def _scalar(kind, node):
    if kind in {"integer", "number"}:
        return max(1, node.get("minimum", 1))
    if kind == "boolean":
        return False
    if node.get("format") == "date":
        return "2025-01-15"
    if node.get("format") == "binary":
        return "file"
    return "thử" if node.get("minLength", 0) <= 3 else "thử nghiệm " * node["minLength"]


def body_of(method, path):
    """(content type, body) of the smallest request: JSON, multipart form (with a small PDF for files) or none."""
    content = operation(method, path).get("requestBody", {}).get("content", {})
    if "application/json" in content:
        return "application/json", minimal(content["application/json"]["schema"])
    if "multipart/form-data" in content:
        node = _resolve(content["multipart/form-data"]["schema"])
        return "multipart/form-data", _form_fields(node)
    return None, None


def _form_fields(node):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fields = {}
    properties = node.get("properties", {})
    for name in node.get("required", []):
        value = minimal(properties.get(name, {}))
        if value == "file" or _resolve(properties.get(name, {})).get("type") == "array":
            value = SimpleUploadedFile("thu.pdf", PDF, content_type="application/pdf")
        fields[name] = value
    return fields
