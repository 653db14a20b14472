import datetime

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import ApiToken, hash_token
from thidua.core.services import log_action

# last_used_at is a hint for administrators, not an audit trail: write it at most this often.
LAST_USED_GRANULARITY = datetime.timedelta(minutes=5)


class LoginRefused(Exception):  # noqa: N818 - a domain outcome, not a programming error
    """str() is the reason: "invalid", "locked" or "demo_password"."""


def issue_api_token(request, username, password):
    """Check the credentials (through axes, so repeated failures lock) and return (raw_token, token).

    Not one transaction as a whole: a failed attempt must stay recorded for the lockout to count it.
    """
    user = authenticate(request, username=username, password=password)
    if getattr(request, "axes_locked_out", False):
        raise LoginRefused("locked")
    if user is None or not user.is_active:
        raise LoginRefused("invalid")
    if not settings.ALLOW_DEMO_PASSWORDS and password == settings.DEMO_PASSWORD:
        raise LoginRefused("demo_password")
    raw = ApiToken.new_raw_key()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            key_hash=hash_token(raw),
            expires_at=timezone.now() + datetime.timedelta(hours=settings.API_TOKEN_LIFETIME_HOURS),
        )
        log_action(user, "api_token.issued", token, new={"expires_at": token.expires_at})
    return raw, token


def token_for_raw(raw):
    """The live token with that raw value (not expired, not revoked, its user active), or None."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def user_for_token(raw):
    token = token_for_raw(raw)
    return token.user if token is not None else None


@transaction.atomic
def revoke_api_token(token, *, actor):
    """End a token now. Revoking a revoked token changes nothing."""
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    log_action(actor, "api_token.revoked", token, new={"revoked_at": token.revoked_at})
    return token
