from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "thidua.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản")

    def ready(self):
        from thidua.accounts import signals  # noqa: F401, PLC0415 - ready: connects the token revocation to User saves
        from thidua.core.activity import register_action_labels  # noqa: PLC0415 - ready: the app registry must be loaded first

        register_action_labels(
            {
                "api_token.issued": _("Cấp token API"),
                "api_token.revoked": _("Thu hồi token API"),
                "api_token.revoked_all": _("Thu hồi mọi token API của tài khoản"),
                "account.temporary_password": _("Cấp mật khẩu tạm"),
                "account.password_changed": _("Đổi mật khẩu"),
                "account.password_reset": _("Đặt lại mật khẩu qua e-mail"),
            }
        )
