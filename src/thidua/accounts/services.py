import datetime

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils import timezone

from thidua.accounts.models import ApiToken, hash_token
from thidua.core.services import log_action


class LoginRefused(Exception):  # noqa: N818 - a domain outcome, not a programming error
    pass


def issue_api_token(request, username, password):
    """Check the credentials (through axes, so repeated failures lock) and return (raw_token, token)."""
    user = authenticate(request, username=username, password=password)
    if user is None or not user.is_active:
        raise LoginRefused("invalid")
    if not settings.ALLOW_DEMO_PASSWORDS and password == settings.DEMO_PASSWORD:
        raise LoginRefused("demo_password")
    raw = ApiToken.new_raw_key()
    token = ApiToken.objects.create(
        user=user,
        key_hash=hash_token(raw),
        expires_at=timezone.now() + datetime.timedelta(hours=settings.API_TOKEN_LIFETIME_HOURS),
    )
    log_action(user, "api_token.issued", token)
    return raw, token


def user_for_token(raw):
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
