from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "thidua.core"
    label = "core"
    verbose_name = _("Lõi hệ thống")

    def ready(self):
        from thidua.core import imports, nav  # noqa: F401, PLC0415 - ready: the app registry must be loaded first (registers the menu entries and the import job kinds)
