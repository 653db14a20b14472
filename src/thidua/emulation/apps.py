from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "thidua.emulation"
    label = "emulation"
    verbose_name = _("Kỳ thi đua, phong trào, đăng ký, giao ước")

    def ready(self):
        from thidua.emulation import access, nav  # noqa: F401 - registers file access, menu and home panels
