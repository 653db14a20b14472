from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.emulation.enums import PhaseKind, PhaseOverride


class Phase(models.Model):
    """A step of a cluster's emulation year with its dates; what each role may do follows whether it is open."""

    cluster_year = models.ForeignKey("organizations.ClusterYear", on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("giai đoạn"), max_length=30, choices=PhaseKind.choices)
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"))
    override = models.CharField(
        _("điều chỉnh"), max_length=10, choices=PhaseOverride.choices, default=PhaseOverride.BY_DATES
    )
    reminder_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["cluster_year", "starts_on", "id"]
        verbose_name = _("giai đoạn")
        verbose_name_plural = _("giai đoạn")
        constraints = [
            models.UniqueConstraint(fields=["cluster_year", "kind"], name="phase_kind_unique"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="phase_dates_order"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.starts_on:%d/%m/%Y} – {self.ends_on:%d/%m/%Y})"

    def is_open(self, day=None):
        if self.override == PhaseOverride.OPENED:
            return True
        if self.override == PhaseOverride.CLOSED:
            return False
        day = day or timezone.localdate()
        return self.starts_on <= day <= self.ends_on

    def has_closed(self, day=None):
        if self.override == PhaseOverride.CLOSED:
            return True
        if self.override == PhaseOverride.OPENED:
            return False
        return (day or timezone.localdate()) > self.ends_on
