"""API tokens end when the password really changes or the account is closed, whoever does it: the user's own page,
the e-mailed reset link, the board's temporary password, the Django admin or a shell (issue 15.7)."""

from django.contrib.auth.hashers import check_password
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from thidua.accounts.models import User
from thidua.accounts.services import revoke_all_tokens


def _password_differs(user):
    # Django re-saves the same password under a newer hasher at login; that is no change of password.
    old_hash = User.objects.filter(pk=user.pk).values_list("password", flat=True).first()
    return not (old_hash and check_password(user._password, old_hash))  # noqa: SLF001 - set by set_password()


@receiver(pre_save, sender=User)
def _note_credential_change(sender, instance, raw=False, **kwargs):
    instance._thidua_revoke = None  # noqa: SLF001 - carried from pre_save to post_save
    if raw or instance.pk is None:
        return
    if instance._password is not None and _password_differs(instance):  # noqa: SLF001
        instance._thidua_revoke = "password_changed"  # noqa: SLF001
    elif not instance.is_active and User.objects.filter(pk=instance.pk, is_active=True).exists():
        instance._thidua_revoke = "deactivated"  # noqa: SLF001


@receiver(post_save, sender=User)
def _revoke_tokens_after_change(sender, instance, **kwargs):
    reason = getattr(instance, "_thidua_revoke", None)
    if reason:
        instance._thidua_revoke = None  # noqa: SLF001
        revoke_all_tokens(instance, reason=reason)
