from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "thidua.emulation"
    label = "emulation"
    verbose_name = _("Kỳ thi đua, phong trào, đăng ký, giao ước")

    def ready(self):
        from thidua.emulation import access, nav  # noqa: F401, PLC0415 - ready: the app registry must be loaded first (registers file access, menu and home panels)
