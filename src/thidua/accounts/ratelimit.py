"""A per-address limit on login attempts, beside the per-account lockout of django-axes.

Axes locks one username tried from one address; someone trying many usernames from one address is not stopped by
it. This counts every login attempt (the page, the API token, the password-reset request) per client address in a
one-minute window, in Django's cache (settings.CACHES: a folder shared by the app processes of one host; with app
processes on several hosts, point CACHES at a cache they share, docs/deployment.md).
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from thidua.core.middleware import client_ip

WINDOW_SECONDS = 60
TOO_MANY = _("Có quá nhiều lần đăng nhập từ địa chỉ này trong một phút. Hãy đợi một phút rồi thử lại.")


def attempt_allowed(request, scope="login"):
    """Count this attempt; False once the address has made more than LOGIN_RATE_PER_MINUTE in this minute."""
    limit = settings.LOGIN_RATE_PER_MINUTE
    if not limit:
        return True
    window = int(time.time() // WINDOW_SECONDS)
    key = f"thidua-rate:{scope}:{client_ip(request)}:{window}"
    cache.add(key, 0, WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS * 2)
        count = 1
    return count <= limit
