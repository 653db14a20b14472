"""What every API router shares: authentication, permission checks and paging."""

from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from thidua.accounts.services import user_for_token


class BearerAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class SessionUserAuth(SessionAuth):
    """The browser's own session (with CSRF on writes), so pages can call the API too."""


AUTH = [BearerAuth(), SessionUserAuth()]


def require_perm(request, perm, obj=None):
    """The same rules predicates the pages use; 403 when the user may not."""
    if not request.user.has_perm(perm, obj):
        raise HttpError(403, "Bạn không có quyền thực hiện thao tác này.")


def paginate(qs, limit, offset, max_limit=200):
    limit = max(1, min(int(limit or 50), max_limit))
    offset = max(0, int(offset or 0))
    return qs[offset : offset + limit], limit, offset
