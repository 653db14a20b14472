from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "thidua.scoring"
    label = "scoring"
    verbose_name = _("Tiêu chí, chấm điểm, xếp hạng")

    def ready(self):
        from thidua.scoring import files, nav, phases  # noqa: F401, PLC0415 - ready: the app registry must be loaded first (registers menu, panels, file access, reminders)
