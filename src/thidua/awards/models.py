from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.awards.enums import RuleSetKind


class RuleSet(models.Model):
    """A body of legal rules as data: citation, effective dates, parameters. Code evaluates it; it holds no numbers.

    A correction is a new row that supersedes the old one (history kept); the old row is never edited.
    """

    kind = models.CharField(_("loại quy định"), max_length=30, choices=RuleSetKind.choices)
    code = models.SlugField(_("mã"), max_length=100)
    name = models.CharField(_("tên"), max_length=300)
    citation = models.CharField(_("căn cứ pháp lý"), max_length=500)
    province = models.ForeignKey(
        "organizations.Province",
        verbose_name=_("tỉnh (nếu là quy định riêng của tỉnh)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rule_sets",
    )
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    parameters = models.JSONField(_("tham số"), default=dict)
    is_verified = models.BooleanField(
        _("đã đối chiếu văn bản gốc"),
        default=False,
        help_text=_("Bỏ chọn khi tham số chưa được đối chiếu với văn bản chính thức."),
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    is_current = models.BooleanField(_("đang dùng"), default=True, db_index=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-valid_from", "-version"]
        verbose_name = _("bộ quy định")
        verbose_name_plural = _("bộ quy định")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="ruleset_code_version_unique"),
        ]

    def __str__(self):
        return f"{self.name} (v{self.version})"
