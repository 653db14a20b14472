from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "thidua.registers"
    verbose_name = _("Sổ văn bản đi")

    def ready(self):
        from thidua.registers import nav, rules  # noqa: F401, PLC0415 - ready: the app registry must be loaded first
