from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "thidua.reports"
    label = "reports"
    verbose_name = _("Báo cáo, thống kê")

    def ready(self):
        from thidua.reports import imports, jobs, nav  # noqa: F401, PLC0415 - ready: the app registry must be loaded first (register the job kinds and the menu entry)
