from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.awards.enums import AwardCategory, AwardLevel, RecipientKind, RuleSetKind


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


class AwardForm(models.Model):
    """An emulation title or a form of commendation in the catalogue (Luật Thi đua, khen thưởng 2022)."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    category = models.CharField(_("loại"), max_length=20, choices=AwardCategory.choices)
    recipient_kind = models.CharField(_("đối tượng"), max_length=20, choices=RecipientKind.choices)
    level = models.CharField(_("cấp khen"), max_length=20, choices=AwardLevel.choices)
    issuer = models.CharField(_("thẩm quyền quyết định"), max_length=200, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    prize_coefficient = models.DecimalField(
        _("hệ số tiền thưởng (lần mức lương cơ sở)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    is_record_only = models.BooleanField(
        _("chỉ ghi sổ"),
        default=False,
        help_text=_("Huân chương, huy chương: ghi nhận vào sổ, không xét trong hệ thống."),
    )
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh mục danh hiệu, hình thức khen thưởng")

    def __str__(self):
        return self.name
