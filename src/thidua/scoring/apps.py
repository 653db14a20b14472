from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "thidua.scoring"
    label = "scoring"
    verbose_name = _("Tiêu chí, chấm điểm, xếp hạng")

    def ready(self):
        from thidua.organizations.services.clusters import register_next_year_copier  # noqa: PLC0415 - ready: the app registry must be loaded first
        from thidua.scoring import files, import_jobs, nav, phases  # noqa: F401, PLC0415 - ready: the app registry must be loaded first (registers menu, panels, file access, reminders, import kind)
        from thidua.scoring.services.tables import copy_table_to_next_year, count_criteria  # noqa: PLC0415 - ready: the app registry must be loaded first

        register_next_year_copier(
            "criteria", _("Tiêu chí của bảng tiêu chí"), copy=copy_table_to_next_year, count=count_criteria
        )
