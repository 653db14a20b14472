import datetime
import secrets

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import ApiToken, hash_token
from thidua.core.services import log_action

# last_used_at is a hint for administrators, not an audit trail: write it at most this often.
LAST_USED_GRANULARITY = datetime.timedelta(minutes=5)


class LoginRefused(Exception):  # noqa: N818 - a domain outcome, not a programming error
    """str() is the reason: "invalid", "locked", "demo_password" or "must_change_password"."""


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
    if user.must_change_password:
        raise LoginRefused("must_change_password")
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


def revoke_all_tokens(user, *, actor=None, reason=""):
    """End every live token of `user` (its password changed, or the account was closed). Returns how many."""
    now = timezone.now()
    with transaction.atomic():
        live = list(ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True, expires_at__gt=now))
        for token in live:
            token.revoked_at = now
            token.save(update_fields=["revoked_at"])
        if live:
            log_action(actor, "api_token.revoked_all", user, new={"tokens": [t.pk for t in live], "reason": reason})
    return len(live)


# Letters and digits a person reads off paper without confusing them (no 0/O, 1/l/I).
_READABLE = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TEMPORARY_PASSWORD_LENGTH = 12


def new_temporary_password():
    return "".join(secrets.choice(_READABLE) for _ in range(TEMPORARY_PASSWORD_LENGTH))


@transaction.atomic
def set_temporary_password(user, *, actor):
    """Give `user` a new random password that must be changed at the next login, and return it (shown once).

    The caller has checked that `actor` manages this account. The old password and every token stop working."""
    raw = new_temporary_password()
    user.set_password(raw)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    log_action(actor, "account.temporary_password", user, new={"must_change_password": True})
    return raw


def password_changed_by_owner(actor, user, *, action="account.password_changed"):
    """Log that the user chose their own password (the form saved it; passwords are never logged)."""
    log_action(actor, action, user)
