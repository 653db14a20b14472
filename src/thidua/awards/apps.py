from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = _("Khen thưởng: danh mục, quy định, sổ theo dõi")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_migrate  # noqa: PLC0415 - ready: the app registry must be loaded first

        from thidua.awards import import_jobs, nav  # noqa: F401, PLC0415 - ready: the app registry must be loaded first (registers the menu entries, home panel and import kind)
        from thidua.awards.upkeep import after_migrate  # noqa: PLC0415 - ready: the app registry must be loaded first
        from thidua.core.activity import register_action_labels  # noqa: PLC0415 - ready: the app registry must be loaded first
        from thidua.organizations.models import Province  # noqa: PLC0415 - ready: the app registry must be loaded first

        m2m_changed.connect(_forget_predecessors, sender=Province.predecessors.through)
        # Every `migrate` brings the catalogue and the national rule sets up to this edition (awards/upkeep.py).
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="awards.ensure_award_rules")
        register_action_labels(
            {
                "rule_set.created": _("Tạo bộ quy định"),
                "rule_set.revised": _("Sửa bộ quy định (phiên bản mới)"),
                "award_form.corrected": _("Sửa danh mục danh hiệu, hình thức"),
            }
        )


def _forget_predecessors(sender, instance, **kwargs):
    """A merger recorded on this province object: drop the predecessor ids remembered on it."""
    instance.__dict__.pop("_predecessor_ids", None)
