from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "thidua.organizations"
    label = "organizations"
    verbose_name = _("Tổ chức, đơn vị")

    def ready(self):
        from thidua.organizations import nav  # noqa: F401 - registers the menu and home panels
