from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = _("Khen thưởng: danh mục, quy định, sổ theo dõi")

    def ready(self):
        from thidua.awards import nav  # noqa: F401, PLC0415 - ready: the app registry must be loaded first (registers the menu entries and home panel)
        from thidua.core.activity import register_action_labels  # noqa: PLC0415 - ready: the app registry must be loaded first

        register_action_labels(
            {
                "rule_set.created": _("Tạo bộ quy định"),
                "rule_set.revised": _("Sửa bộ quy định (phiên bản mới)"),
                "award_form.corrected": _("Sửa danh mục danh hiệu, hình thức"),
            }
        )
