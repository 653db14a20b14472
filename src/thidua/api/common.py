"""What every API router shares: authentication, permission checks, error replies and paging."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from thidua.accounts.services import token_for_raw

FORBIDDEN = "Bạn không có quyền thực hiện thao tác này."
OUT_OF_RANGE = "Có giá trị vượt quá giới hạn mà hệ thống lưu được (ví dụ một mã số quá lớn)."
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


def paginate(qs, limit, offset, max_limit=200):
    limit = max(1, min(int(limit or 50), max_limit))
    offset = min(max(0, int(offset or 0)), MAX_OFFSET)
    return qs[offset : offset + limit], limit, offset


def install_error_handlers(api):
    """A service's refusal reaches the client as 422 with its Vietnamese message, a guard's as 403."""

    @api.exception_handler(DjangoValidationError)
    def refused(request, exc):
        return api.create_response(request, {"detail": " ".join(exc.messages)}, status=422)

    @api.exception_handler(OverflowError)
    @api.exception_handler(DataError)
    def out_of_range(request, exc):
        # A number or text the database cannot hold (an id past 64 bits, say) is bad input, not a server error:
        # SQLite raises OverflowError, PostgreSQL a DataError.
        return api.create_response(request, {"detail": OUT_OF_RANGE}, status=422)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(request, {"detail": str(exc) or FORBIDDEN}, status=403)
