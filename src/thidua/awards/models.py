from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.awards.enums import (
    AchievementKind,
    AwardCategory,
    AwardLevel,
    ConditionCode,
    DisciplineLevel,
    ImportState,
    InitiativeKind,
    InitiativeScope,
    RecipientKind,
    RecordSource,
    ReviewKind,
    RuleSetKind,
    TaskCompletion,
)
from thidua.core.text import fold


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
    # The text the numbers come from: the uploaded document, and where it is published.
    source_file = models.ForeignKey(
        "core.StoredFile",
        verbose_name=_("văn bản gốc (tệp)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_url = models.URLField(_("địa chỉ văn bản gốc"), max_length=500, blank=True)
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
    is_record_only = models.BooleanField(
        _("chỉ ghi sổ"),
        default=False,
        help_text=_("Huân chương, huy chương: ghi nhận vào sổ, không xét trong hệ thống."),
    )
    sort_order = models.PositiveSmallIntegerField(default=100)
    note = models.TextField(_("ghi chú"), blank=True)
    # Optimistic locking: a correction saves only if nobody else saved since the form was opened.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh mục danh hiệu, hình thức khen thưởng")

    def __str__(self):
        return self.name

    @property
    def is_collective(self):
        return self.recipient_kind == RecipientKind.COLLECTIVE


class PrizeBasis(models.Model):
    """The decree that sets prize money for a period: its coefficients (PrizeCoefficient) and its rounding rule.

    The coefficients changed from ND 91/98 to ND 152 (law-check C-12, C-15), so they are versioned by basis; the
    money of a decision follows the basis in force on the decision date."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("văn bản"), max_length=300)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    round_up_to = models.PositiveIntegerField(_("làm tròn lên đến (đồng)"))
    rounding_citation = models.CharField(_("căn cứ làm tròn"), max_length=500)
    rounding_verified = models.BooleanField(_("quy tắc làm tròn đã đối chiếu"), default=False)
    source = models.CharField(_("nguồn"), max_length=500, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("căn cứ tiền thưởng")
        verbose_name_plural = _("căn cứ tiền thưởng")

    def __str__(self):
        return self.name


class PrizeCoefficient(models.Model):
    """The prize of one form under one basis, in multiples of the base salary: a coefficient of its own, or a
    multiple of an individual form's (the decrees: "đối với tập thể, mức thưởng gấp hai lần … cá nhân")."""

    basis = models.ForeignKey(PrizeBasis, on_delete=models.CASCADE, related_name="coefficients")
    award_form = models.ForeignKey(
        AwardForm, verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT, related_name="prize_coefficients"
    )
    coefficient = models.DecimalField(
        _("hệ số (lần mức lương cơ sở)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    individual_form = models.ForeignKey(
        AwardForm,
        verbose_name=_("tính theo mức của cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    times_individual = models.DecimalField(_("gấp … lần mức cá nhân"), max_digits=4, decimal_places=2, null=True)
    citation = models.CharField(_("căn cứ"), max_length=500)
    source = models.CharField(_("nguồn"), max_length=500, blank=True)
    is_verified = models.BooleanField(_("đã đối chiếu văn bản"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["basis", "award_form__sort_order"]
        verbose_name = _("hệ số tiền thưởng")
        verbose_name_plural = _("hệ số tiền thưởng")
        constraints = [
            models.UniqueConstraint(fields=["basis", "award_form"], name="prize_coefficient_basis_form"),
            models.CheckConstraint(
                condition=(
                    models.Q(coefficient__isnull=False, individual_form__isnull=True, times_individual__isnull=True)
                    | models.Q(coefficient__isnull=True, individual_form__isnull=False, times_individual__isnull=False)
                ),
                name="prize_coefficient_own_or_relative",
            ),
        ]

    def __str__(self):
        return f"{self.award_form} ({self.basis})"


class BaseSalary(models.Model):
    """Mức lương cơ sở from a date until the next row's date. The board adds a row when a decree raises it."""

    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng/tháng)"))
    valid_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    citation = models.CharField(_("căn cứ"), max_length=300)
    source = models.CharField(_("nguồn"), max_length=500, blank=True)
    is_verified = models.BooleanField(_("đã đối chiếu văn bản"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")

    def __str__(self):
        return f"{self.amount:,} ({self.valid_from:%d/%m/%Y})".replace(",", ".")


class Rule(models.Model):
    """One condition of a rule set, with its own citation, parameters and certainty.

    A rule without a form applies to every form of the rule set (general principles such as "not under discipline").
    Rules are never edited in place: a correction copies the whole rule set into a new version.
    """

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="rules")
    award_form = models.ForeignKey(
        AwardForm,
        verbose_name=_("danh hiệu, hình thức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rules",
        help_text=_("Để trống: áp dụng cho mọi danh hiệu, hình thức."),
    )
    condition = models.CharField(_("loại điều kiện"), max_length=40, choices=ConditionCode.choices)
    citation = models.CharField(_("căn cứ pháp lý"), max_length=500)
    parameters = models.JSONField(_("tham số"), default=dict, blank=True)
    is_verified = models.BooleanField(_("đã đối chiếu văn bản gốc"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)
    # Luật 2022 Điều 74 khoản 1: "một trong các tiêu chuẩn". Rules of a form that share an alternative's name must
    # all be met; one alternative met is enough. A rule without one is required whatever the alternative.
    alternative = models.CharField(
        _("phương án (một trong các tiêu chuẩn)"),
        max_length=200,
        blank=True,
        help_text=_("Để trống: điều kiện bắt buộc. Cùng tên phương án: phải đạt tất cả; đạt một phương án là đủ."),
    )
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["rule_set", "award_form__sort_order", "order", "id"]
        verbose_name = _("điều kiện")
        verbose_name_plural = _("điều kiện")

    def __str__(self):
        return f"{self.get_condition_display()} ({self.citation})"


class RecipientMixin(models.Model):
    """Exactly one of a unit or a person."""

    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def subject(self):
        return self.unit if self.unit_id else self.person


def _one_recipient(name):
    return models.CheckConstraint(
        condition=(
            models.Q(unit__isnull=False, person__isnull=True) | models.Q(unit__isnull=True, person__isnull=False)
        ),
        name=name,
    )


class ImportBatch(models.Model):
    """An Excel file of award records: checked first (dry run), then written whole or not at all."""

    stored_file = models.ForeignKey("core.StoredFile", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("trạng thái"), max_length=20, choices=ImportState.choices)
    province = models.ForeignKey(
        "organizations.Province", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    total_rows = models.PositiveIntegerField(_("số dòng"), default=0)
    error_rows = models.PositiveIntegerField(_("số dòng lỗi"), default=0)
    # [{"row": 7, "errors": ["..."]}, ...]: the row-by-row report shown to the user.
    report = models.JSONField(default=list, blank=True)
    # The checked rows as ids ([row, form, year, kind, number, date, issuer, unit, person, person unit, summary]),
    # so the commit re-checks them against the register without reading the Excel file again.
    rows = models.JSONField(default=list, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    committed_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("lần nhập sổ từ Excel")
        verbose_name_plural = _("các lần nhập sổ từ Excel")

    def __str__(self):
        return f"{self.stored_file.original_name} ({self.get_state_display()})"


class AwardRecord(RecipientMixin):
    """A line of the sổ theo dõi khen thưởng. Never deleted: a revoked award stays, marked, and stops counting."""

    award_form = models.ForeignKey(
        AwardForm, verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT, related_name="records"
    )
    decision_number = models.CharField(_("số quyết định"), max_length=100)
    decision_date = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cấp, người ký quyết định"), max_length=200)
    year = models.PositiveSmallIntegerField(_("năm thành tích"), db_index=True)
    period_from = models.DateField(_("thành tích từ ngày"), null=True, blank=True)
    period_to = models.DateField(_("thành tích đến ngày"), null=True, blank=True)
    achievement_kind = models.CharField(
        _("loại thành tích"), max_length=20, choices=AchievementKind.choices, default=AchievementKind.ANNUAL
    )
    summary = models.TextField(_("tóm tắt thành tích"), blank=True)
    # The names as printed on the decision: units are renamed and merged, the record keeps what was true then.
    recipient_name = models.CharField(_("tên người, tập thể được khen"), max_length=300)
    folded_name = models.CharField(max_length=300, editable=False, db_index=True)
    person_unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("đơn vị công tác"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person_unit_name = models.CharField(_("đơn vị công tác (tên khi khen)"), max_length=300, blank=True)
    province = models.ForeignKey(
        "organizations.Province", verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("nguồn"), max_length=20, choices=RecordSource.choices, default=RecordSource.MANUAL)
    source_ref = models.CharField(_("tham chiếu nguồn"), max_length=100, blank=True)
    import_batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="records"
    )
    revoked_on = models.DateField(_("ngày hủy bỏ"), null=True, blank=True)
    revocation_reason = models.TextField(_("lý do hủy bỏ"), blank=True)
    revocation_decision = models.CharField(_("quyết định hủy bỏ"), max_length=200, blank=True)
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-year", "-decision_date", "id"]
        verbose_name = _("bản ghi khen thưởng")
        verbose_name_plural = _("sổ theo dõi khen thưởng")
        constraints = [_one_recipient("award_record_one_recipient")]
        indexes = [
            models.Index(fields=["award_form", "year"]),
            models.Index(fields=["unit", "year"]),
            models.Index(fields=["person", "year"]),
            models.Index(fields=["province", "year"]),
            models.Index(fields=["-year", "folded_name", "id"], name="award_record_register_order"),
        ]

    def __str__(self):
        return f"{self.award_form} {self.year} – {self.recipient_name}"

    def save(self, *args, **kwargs):
        self.set_folded_name()
        super().save(*args, **kwargs)

    def set_folded_name(self):
        # Called by save() and before bulk_create (which skips save()).
        self.folded_name = fold(f"{self.recipient_name} {self.person_unit_name}")[:300]

    @property
    def is_revoked(self):
        return self.revoked_on is not None


class TaskRating(RecipientMixin):
    """Mức độ hoàn thành nhiệm vụ of a person or a unit in a year."""

    year = models.PositiveSmallIntegerField(_("năm"))
    completion = models.CharField(_("mức độ hoàn thành nhiệm vụ"), max_length=20, choices=TaskCompletion.choices)
    basis = models.CharField(_("căn cứ (văn bản đánh giá)"), max_length=300, blank=True)
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("đánh giá mức độ hoàn thành nhiệm vụ")
        verbose_name_plural = _("đánh giá mức độ hoàn thành nhiệm vụ")
        constraints = [
            _one_recipient("task_rating_one_recipient"),
            models.UniqueConstraint(
                fields=["person", "year"], condition=models.Q(person__isnull=False), name="task_rating_person_year"
            ),
            models.UniqueConstraint(
                fields=["unit", "year"], condition=models.Q(unit__isnull=False), name="task_rating_unit_year"
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.get_completion_display()}"


class DisciplineRecord(RecipientMixin):
    """A disciplinary measure and the period it runs; achievements count again from its end."""

    level = models.CharField(_("hình thức kỷ luật"), max_length=20, choices=DisciplineLevel.choices)
    decision = models.CharField(_("quyết định kỷ luật"), max_length=200, blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True, help_text=_("Để trống khi chưa hết thời hạn."))
    reason = models.TextField(_("nội dung vi phạm"), blank=True)
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        constraints = [
            _one_recipient("discipline_one_recipient"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="discipline_dates_order",
            ),
        ]

    def __str__(self):
        return f"{self.get_level_display()} ({self.starts_on:%d/%m/%Y})"

    def in_effect_on(self, day):
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class ReviewFlag(RecipientMixin):
    """The candidate is under investigation, inspection, disciplinary review or an unresolved complaint."""

    kind = models.CharField(_("loại"), max_length=20, choices=ReviewKind.choices)
    opened_on = models.DateField(_("từ ngày"))
    closed_on = models.DateField(_("kết thúc ngày"), null=True, blank=True)
    description = models.TextField(_("nội dung"), blank=True)
    outcome = models.TextField(_("kết quả"), blank=True)
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_on", "id"]
        verbose_name = _("đang bị xem xét")
        verbose_name_plural = _("đang bị xem xét")
        constraints = [
            _one_recipient("review_flag_one_recipient"),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(closed_on__gte=models.F("opened_on")),
                name="review_flag_dates_order",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.opened_on:%d/%m/%Y})"

    def open_on(self, day):
        return self.opened_on <= day and (self.closed_on is None or day < self.closed_on)


class Initiative(models.Model):
    """A sáng kiến (or scientific topic, scheme) of a person, recognised by a competent body's decision.

    The conditions that ask for initiatives (CSTĐ cơ sở, CSTĐ cấp tỉnh, Bằng khen…) count these records. An
    initiative of several authors is recorded for each author it counts for, naming the others."""

    person = models.ForeignKey(
        "organizations.Person", verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="initiatives"
    )
    title = models.CharField(_("tên sáng kiến, đề tài"), max_length=500)
    kind = models.CharField(_("loại"), max_length=20, choices=InitiativeKind.choices, default=InitiativeKind.INITIATIVE)
    co_authors = models.CharField(_("đồng tác giả"), max_length=500, blank=True)
    scope = models.CharField(_("phạm vi ảnh hưởng"), max_length=20, choices=InitiativeScope.choices)
    recognised_by = models.CharField(_("cơ quan, người công nhận"), max_length=300)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=100)
    decision_date = models.DateField(_("ngày quyết định"))
    year = models.PositiveSmallIntegerField(_("năm tính thành tích"), db_index=True)
    note = models.TextField(_("ghi chú"), blank=True)
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-decision_date", "id"]
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "decision_number", "title"], name="initiative_person_decision_title"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.decision_number})"
