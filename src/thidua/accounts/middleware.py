"""A temporary password (set by the board or an administrator) opens only the page that replaces it."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# What a user with a temporary password may still reach: the change page itself, logging out, the language switch.
_OPEN_NAMES = ("accounts:password_change", "accounts:logout")
_OPEN_PREFIXES = ("/i18n/", "/static/")


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password and not self._open(request):
            if request.path.startswith("/api/"):
                message = _("Tài khoản đang dùng mật khẩu tạm: hãy đăng nhập trang web và đổi mật khẩu trước.")
                return JsonResponse({"detail": message}, status=403)
            return redirect("accounts:password_change")
        return self.get_response(request)

    def _open(self, request):
        path = request.path
        static = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else f"/{settings.STATIC_URL}"
        if path.startswith((*_OPEN_PREFIXES, static)):
            return True
        return path in {reverse(name) for name in _OPEN_NAMES}
