"""What every API router shares: authentication, permission checks, error replies and paging."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as SchemaError
from ninja.security import HttpBearer, SessionAuth

from thidua.accounts.services import token_for_raw

FORBIDDEN = "Bạn không có quyền thực hiện thao tác này."
OUT_OF_RANGE = "Có giá trị vượt quá giới hạn mà hệ thống lưu được (ví dụ một mã số quá lớn)."
NOT_FOUND = "Không tìm thấy."
UNPARSABLE_BODY = "Cannot parse request body"
# Far beyond any real list, well inside what a database accepts as OFFSET.
MAX_OFFSET = 10**9


class BearerAuth(HttpBearer):
    def authenticate(self, request, token):
        found = token_for_raw(token)
        if found is None:
            return None
        request.user = found.user
        request.api_token = found  # lets /auth/revoke end the token it was called with
        return found.user


class SessionUserAuth(SessionAuth):
    """The browser's own session (with CSRF on writes), so pages can call the API too."""


AUTH = [BearerAuth(), SessionUserAuth()]


def require_perm(request, perm, obj=None):
    """The same rules predicates the pages use; 403 when the user may not."""
    if not request.user.has_perm(perm, obj):
        raise HttpError(403, FORBIDDEN)


class JobStartedOut(Schema):
    """What a POST that queued a background job answers (202): the job and where to poll it."""

    job_id: int
    kind: str
    state: str
    url: str


def job_started(job):
    """202 with the queued job's id and the address of GET /api/v1/jobs/{id} (its state, then its result)."""
    return Status(202, {"job_id": job.pk, "kind": job.kind, "state": job.state, "url": f"/api/v1/jobs/{job.pk}"})


def paginate(qs, limit, offset, max_limit=200):
    limit = max(1, min(int(limit or 50), max_limit))
    offset = min(max(0, int(offset or 0)), MAX_OFFSET)
    return qs[offset : offset + limit], limit, offset


# Where a field sits in the request: not part of the name a user recognises.
_LOCATIONS = {"body", "payload", "form", "query", "path", "file", "files"}


def _reason(error_type):
    """Why pydantic refused a value, said in Vietnamese (its own messages are English)."""
    reasons = (
        ("missing", _("bắt buộc phải có")),
        ("json", _("không phải JSON hợp lệ")),
        ("string", _("phải là chuỗi ký tự")),
        ("int", _("phải là số nguyên")),
        ("float", _("phải là số")),
        ("decimal", _("phải là số")),
        ("bool", _("phải là true hoặc false")),
        ("date", _("phải là ngày hợp lệ, dạng YYYY-MM-DD")),
        ("time", _("phải là giờ hợp lệ")),
        ("list", _("phải là một danh sách")),
        ("dict", _("phải là một đối tượng JSON")),
        ("model", _("phải là một đối tượng JSON")),
        ("literal", _("không phải giá trị được phép")),
        ("enum", _("không phải giá trị được phép")),
        ("too_long", _("quá dài")),
        ("than", _("nằm ngoài khoảng cho phép")),
    )
    return next((reason for key, reason in reasons if key in error_type), _("không hợp lệ"))


def schema_error_message(errors):
    """One Vietnamese sentence naming each refused field and why, e.g. "title: phải là chuỗi ký tự"."""
    parts = []
    for error in errors:
        name = ".".join(str(part) for part in error.get("loc", ()) if part not in _LOCATIONS)
        reason = _reason(str(error.get("type", "")))
        parts.append(f"{name}: {reason}" if name else reason)
    return _("Dữ liệu gửi lên không hợp lệ: %(parts)s.") % {"parts": "; ".join(dict.fromkeys(parts))}


def install_error_handlers(api):
    """The one mapping from the kernel's refusals to HTTP: a refused input 422 with its Vietnamese message, a lost
    edit race 409, a permission 403, a missing object 404. Routers raise or let through; they translate nothing."""

    @api.exception_handler(SchemaError)
    def malformed(request, exc):
        # The body or a parameter does not fit the schema: the Vietnamese sentence in "detail", like every other
        # refusal, and pydantic's own list (field, type, English message) in "errors" for programs.
        return api.create_response(
            request, {"detail": schema_error_message(exc.errors), "errors": exc.errors}, status=422
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": NOT_FOUND}, status=404)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        message = str(exc)
        if message.startswith(UNPARSABLE_BODY):  # django-ninja's own English words for a body that is not JSON
            message = _("Nội dung gửi lên không đọc được: không phải JSON hợp lệ.")
        return api.create_response(request, {"detail": message}, status=exc.status_code)

    @api.exception_handler(DjangoValidationError)
    def refused(request, exc):
        # The kernel's Refusal says its own status (StaleEdit: 409 for every lost edit race); any other
        # ValidationError a service raises is a refusal of the input (422).
        status = getattr(exc, "status", None) or (409 if getattr(exc, "code", None) == "stale" else 422)
        body = {"detail": " ".join(exc.messages), **getattr(exc, "payload", {})}
        return api.create_response(request, body, status=status)

    @api.exception_handler(OverflowError)
    @api.exception_handler(DataError)
    def out_of_range(request, exc):
        # A number or text the database cannot hold (an id past 64 bits, say) is bad input, not a server error:
        # SQLite raises OverflowError, PostgreSQL a DataError.
        return api.create_response(request, {"detail": OUT_OF_RANGE}, status=422)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(request, {"detail": str(exc) or FORBIDDEN}, status=getattr(exc, "status", 403))
