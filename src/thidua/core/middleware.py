from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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
