import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.text import fold


class User(AbstractUser):
    """A login. What the user may do comes from organizations.RoleAssignment, scoped to a unit, year or province."""

    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    folded_name = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    person = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accounts",
    )
    is_demo = models.BooleanField(_("tài khoản demo"), default=False)
    must_change_password = models.BooleanField(
        _("phải đổi mật khẩu"),
        default=False,
        help_text=_("Mật khẩu tạm do người khác đặt: người dùng phải đổi ngay khi đăng nhập."),
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self):
        return self.full_name or self.username

    @property
    def display_name(self):
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        # Pickers fold what is typed ("le thuy" or "Lệ Thủy"); the column holds the name and login folded alike.
        self.folded_name = fold(f"{self.full_name} {self.username}")[:200]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"full_name", "username"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "folded_name"}
        super().save(*args, **kwargs)


def hash_token(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its hash is stored; the raw value is shown once."""

    user = models.ForeignKey(User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(_("mã băm"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self):
        return f"token {self.pk} of {self.user}"

    @staticmethod
    def new_raw_key():
        return secrets.token_urlsafe(32)
