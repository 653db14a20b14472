from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = _("Khen thưởng: danh mục, quy định, sổ theo dõi")

    def ready(self):
        from thidua.awards import nav  # noqa: F401, PLC0415 - ready: the app registry must be loaded first (registers the menu entries and home panel)
