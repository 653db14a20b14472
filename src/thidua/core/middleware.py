import logging

from django.conf import settings
from django.core.exceptions import BadRequest, MiddlewareNotUsed, PermissionDenied, SuspiciousOperation
from django.db import DataError
from django.http import Http404
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found, server_error


class ContentSecurityPolicyMiddleware:
    """Scripts, styles, fonts and images come from this site only; no inline script runs."""

    POLICY = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The API docs page loads its own bundled assets; everything else gets the strict policy.
        if not request.path.startswith("/api/v1/docs"):
            response.setdefault("Content-Security-Policy", self.POLICY)
        return response


class BadInputMiddleware:
    """A value the database cannot hold is the sender's mistake, not a server error: 400 with a Vietnamese message.

    A number past 64 bits (SQLite raises OverflowError) or a NUL byte, a too-long text or a too-large number
    (PostgreSQL raises DataError) can reach the database from any page that reads the request itself. The write it
    belonged to is undone with its transaction. The API answers these with 422 in its own handler.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A NUL character is refused before any view: PostgreSQL cannot store one, SQLite would, so the same
        # form would behave differently on the two databases. Django's form fields refuse it; views reading
        # request.POST themselves did not.
        if request.method == "POST" and not request.path.startswith("/api/") and _has_nul(request.POST):
            return self._refuse(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OverflowError, DataError)):
            return None
        return self._refuse(request)

    def _refuse(self, request):
        message = _(
            "Có giá trị không hợp lệ hoặc vượt quá giới hạn mà hệ thống lưu được (ví dụ một số quá lớn, một đoạn "
            "chữ quá dài hoặc có ký tự lạ). Không có gì được lưu; hãy quay lại, sửa rồi gửi lại."
        )
        return render(request, "core/bad_input.html", {"message": message}, status=400)


class ProjectErrorPagesMiddleware:
    """With DEBUG=1 (make run) the pages of an unknown address, a hidden object or a crash are the project's own
    Vietnamese ones, as in production, not Django's English technical pages with the list of every address.

    DEBUG_PAGES=1 brings the technical pages back for a developer hunting a bug. Off DEBUG the middleware is not
    used at all: Django already answers with 404.html and 500.html there.
    """

    def __init__(self, get_response):
        if not (settings.DEBUG and not settings.SHOW_DEBUG_PAGES):
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        # An address matching no pattern fails before any view, where process_exception never sees it.
        try:
            resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404 as exception:
            return page_not_found(request, exception)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, (PermissionDenied, BadRequest, SuspiciousOperation)):
            return None  # Django's own 403 page is already the project's; 400s stay Django's
        logging.getLogger("django.request").error("Lỗi hệ thống: %s", request.path, exc_info=exception)
        return server_error(request)


def _has_nul(data):
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in data.lists())


class LanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the person chose another language with the switch (kept in the language cookie).

    The browser's Accept-Language is ignored on purpose: many office PCs run an English Windows, and their users
    expect the Vietnamese pages of a Vietnamese system.
    """

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()


def client_ip(request):
    """The client's address for login throttling: the proxy's word for it when configured, else the socket's."""
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            # The right-most entry is the one our own proxy wrote; anything left of it came from the client.
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")
