from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "thidua.emulation"
    label = "emulation"
    verbose_name = _("Kỳ thi đua, phong trào, đăng ký, giao ước")

    def ready(self):
        from thidua.emulation import access, nav  # noqa: F401, PLC0415 - ready: the app registry must be loaded first (registers file access, menu and home panels)
        from thidua.emulation.services.phases import copy_phases_to_next_year, count_phases  # noqa: PLC0415 - ready: the app registry must be loaded first
        from thidua.organizations.services.clusters import register_next_year_copier  # noqa: PLC0415 - ready: the app registry must be loaded first

        register_next_year_copier(
            "phases", _("Giai đoạn (ngày lùi một năm)"), copy=copy_phases_to_next_year, count=count_phases
        )
