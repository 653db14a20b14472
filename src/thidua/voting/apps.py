from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "thidua.voting"
    label = "voting"
    verbose_name = _("Hội nghị, bỏ phiếu")

    def ready(self):
        from thidua.voting import nav, numbered  # noqa: F401, PLC0415 - ready: the app registry must be loaded first (menu entry, home panels, numbered paper)
