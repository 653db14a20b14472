from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "thidua.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản")

    def ready(self):
        from thidua.core.activity import register_action_labels  # noqa: PLC0415 - ready: the app registry must be loaded first

        register_action_labels({"api_token.issued": _("Cấp token API"), "api_token.revoked": _("Thu hồi token API")})
