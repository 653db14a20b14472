import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.text import fold
from thidua.emulation.enums import (
    ExemplarKind,
    ExemplarState,
    GuidingDocumentType,
    MovementKind,
    MovementLevel,
    PhaseKind,
    PhaseOverride,
    PledgeState,
    RegistrationState,
)

USER = settings.AUTH_USER_MODEL


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


class GuidingDocument(models.Model):
    """A văn bản chỉ đạo: the directive, plan or guidance a movement or a year's work follows."""

    number = models.CharField(_("số, ký hiệu"), max_length=100)
    issued_on = models.DateField(_("ngày ban hành"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=300)
    doc_type = models.CharField(_("loại văn bản"), max_length=20, choices=GuidingDocumentType.choices)
    summary = models.TextField(_("trích yếu"))
    file = models.ForeignKey(
        "core.StoredFile", verbose_name=_("tệp văn bản"), null=True, blank=True, on_delete=models.PROTECT
    )
    province = models.ForeignKey(
        "organizations.Province",
        verbose_name=_("tỉnh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    movements = models.ManyToManyField(
        "Movement", verbose_name=_("phong trào"), blank=True, related_name="guiding_documents"
    )
    cluster_years = models.ManyToManyField(
        "organizations.ClusterYear", verbose_name=_("kỳ thi đua"), blank=True, related_name="guiding_documents"
    )
    folded_text = models.TextField(editable=False, default="")
    note = models.TextField(_("ghi chú"), blank=True)
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("văn bản chỉ đạo")
        verbose_name_plural = _("văn bản chỉ đạo")

    def __str__(self):
        return f"{self.number} ({self.issued_on:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        self.folded_text = fold(f"{self.number} {self.issuer} {self.summary}")
        super().save(*args, **kwargs)


class Movement(models.Model):
    """A phong trào thi đua. National ones reach every unit; provincial and local ones the units linked below."""

    name = models.CharField(_("tên phong trào"), max_length=500)
    folded_name = models.CharField(max_length=500, editable=False, db_index=True)
    level = models.CharField(_("cấp phát động"), max_length=20, choices=MovementLevel.choices)
    kind = models.CharField(_("loại phong trào"), max_length=20, choices=MovementKind.choices)
    launch_reference = models.CharField(_("văn bản phát động"), max_length=500, blank=True)
    starts_on = models.DateField(_("bắt đầu"), null=True, blank=True)
    ends_on = models.DateField(_("kết thúc"), null=True, blank=True)
    targets = models.TextField(_("mục tiêu, chỉ tiêu"), blank=True)
    description = models.TextField(_("nội dung"), blank=True)
    provinces = models.ManyToManyField(
        "organizations.Province", verbose_name=_("tỉnh áp dụng"), blank=True, related_name="+"
    )
    clusters = models.ManyToManyField(
        "organizations.Cluster", verbose_name=_("cụm, khối áp dụng"), blank=True, related_name="movements"
    )
    launched_by_unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("đơn vị phát động"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["level", "folded_name", "id"]
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="movement_dates_order",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)


class MovementParticipation(models.Model):
    """A unit's registration to take part in a movement."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="participations")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="movement_participations")
    commitment = models.TextField(_("nội dung hưởng ứng"), blank=True)
    registered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)

    class Meta:
        ordering = ["movement", "unit__folded_name"]
        verbose_name = _("đơn vị tham gia phong trào")
        constraints = [models.UniqueConstraint(fields=["movement", "unit"], name="participation_unique")]

    def __str__(self):
        return f"{self.unit} – {self.movement}"


class MovementReport(models.Model):
    """What a participating unit achieved in a period: text, figures and evidence files."""

    participation = models.ForeignKey(MovementParticipation, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("năm"))
    period = models.CharField(_("kỳ báo cáo"), max_length=100)
    content = models.TextField(_("kết quả"))
    # [{"label": "Số xã đạt chuẩn nông thôn mới", "value": "25"}, ...]: figures as the unit reports them.
    figures = models.JSONField(_("số liệu"), default=list, blank=True)
    files = models.ManyToManyField("core.StoredFile", verbose_name=_("tệp minh chứng"), blank=True, related_name="+")
    reported_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)

    class Meta:
        ordering = ["-year", "-reported_at", "-id"]
        verbose_name = _("báo cáo kết quả phong trào")

    def __str__(self):
        return f"{self.participation} – {self.period} {self.year}"


class MovementModel(models.Model):
    """A mô hình (OCOP product, crop conversion, ...) grown under a movement by a unit."""

    movement = models.ForeignKey(Movement, on_delete=models.PROTECT, related_name="models")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="movement_models")
    name = models.CharField(_("tên mô hình"), max_length=300)
    folded_name = models.CharField(max_length=300, editable=False, db_index=True)
    category = models.CharField(_("nhóm mô hình"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    description = models.TextField(_("mô tả, hiệu quả"))
    evidence = models.ManyToManyField("core.StoredFile", verbose_name=_("minh chứng"), blank=True, related_name="+")
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["movement", "folded_name", "id"]
        verbose_name = _("mô hình")
        verbose_name_plural = _("mô hình")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)


class Registration(models.Model):
    """A member's đăng ký thi đua for the year. Its state moves only through set_registration_state."""

    cluster_year = models.ForeignKey(
        "organizations.ClusterYear", on_delete=models.PROTECT, related_name="registrations"
    )
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="registrations")
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=RegistrationState.choices, default=RegistrationState.DRAFT
    )
    collective_forms = models.ManyToManyField(
        "awards.AwardForm", verbose_name=_("danh hiệu, hình thức tập thể"), blank=True, related_name="+"
    )
    commitments = models.TextField(_("nội dung cam kết"), blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    # Optimistic locking: every save bumps it; a save based on an older number is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)

    class Meta:
        ordering = ["cluster_year", "unit__folded_name"]
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        constraints = [models.UniqueConstraint(fields=["cluster_year", "unit"], name="registration_unique")]

    def __str__(self):
        return f"{self.unit} – {self.cluster_year.year}"


class RegistrationTarget(models.Model):
    """How many of the unit's people aim at an individual title."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="targets")
    award_form = models.ForeignKey("awards.AwardForm", on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(_("số người"))

    class Meta:
        ordering = ["registration", "award_form__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "award_form"], name="registration_target_unique")
        ]

    def __str__(self):
        return f"{self.award_form_id}: {self.count}"


class Pledge(models.Model):
    """A giao ước thi đua. After its first signature a change is a new edition that voids the signatures."""

    cluster_year = models.ForeignKey("organizations.ClusterYear", on_delete=models.PROTECT, related_name="pledges")
    edition = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    state = models.CharField(_("trạng thái"), max_length=20, choices=PledgeState.choices, default=PledgeState.DRAFT)
    motto = models.CharField(_("phương châm"), max_length=300)
    preamble = models.TextField(_("phần mở đầu"), blank=True)
    signing_place = models.CharField(_("địa điểm ký kết"), max_length=200, blank=True)
    signing_date = models.DateField(_("ngày ký kết"), null=True, blank=True)
    change_note = models.TextField(_("lý do sửa đổi"), blank=True)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_edition"
    )
    version = models.PositiveIntegerField(default=1)  # optimistic locking of the content
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["cluster_year", "-edition"]
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")
        constraints = [
            models.UniqueConstraint(fields=["cluster_year", "edition"], name="pledge_edition_unique"),
            models.UniqueConstraint(
                fields=["cluster_year"], condition=~Q(state="superseded"), name="pledge_one_current"
            ),
        ]

    def __str__(self):
        return f"Giao ước thi đua năm {self.cluster_year.year} (phiên bản {self.edition})"


class PledgeItem(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    text = models.TextField(_("nội dung"))
    # Later linked to a criterion of the year's scoring table. A plain id: scoring comes after emulation,
    # so the link cannot be a foreign key from here; a future migration may turn it into one (same column).
    criterion_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["pledge", "position"]
        constraints = [models.UniqueConstraint(fields=["pledge", "position"], name="pledge_item_position_unique")]

    def __str__(self):
        return f"{self.position}. {self.text[:60]}"


class PledgeSignature(models.Model):
    """A member's head signing in the system: who and when; optionally the scan of the paper copy."""

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="signatures")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(_("người ký"), max_length=200)
    signed_at = models.DateTimeField(_("thời điểm ký"))
    scan = models.ForeignKey(
        "core.StoredFile", verbose_name=_("bản chụp"), null=True, blank=True, on_delete=models.PROTECT
    )
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["pledge", "unit__folded_name"]
        constraints = [models.UniqueConstraint(fields=["pledge", "unit"], name="pledge_signature_unique")]

    def __str__(self):
        return f"{self.signer_name} – {self.unit_id}"


class Exemplar(models.Model):
    """An điển hình tiên tiến proposed by a unit; once recognised it appears on the public honour board."""

    kind = models.CharField(_("loại"), max_length=20, choices=ExemplarKind.choices)
    name = models.CharField(_("tên cá nhân, tập thể, mô hình"), max_length=300)
    title = models.CharField(_("chức vụ, nơi công tác"), max_length=300, blank=True)
    folded_text = models.TextField(editable=False, default="")
    unit = models.ForeignKey("organizations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey("organizations.Province", on_delete=models.PROTECT, related_name="+")
    cluster_year = models.ForeignKey(
        "organizations.ClusterYear", null=True, blank=True, on_delete=models.PROTECT, related_name="exemplars"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    person = models.ForeignKey(
        "organizations.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    movement = models.ForeignKey(
        Movement, verbose_name=_("phong trào"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    movement_model = models.ForeignKey(
        MovementModel, verbose_name=_("mô hình"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    achievements = models.TextField(_("thành tích"))
    evidence = models.ManyToManyField("core.StoredFile", verbose_name=_("minh chứng"), blank=True, related_name="+")
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=ExemplarState.choices, default=ExemplarState.PROPOSED
    )
    decision_note = models.TextField(_("ý kiến, lý do"), blank=True)
    recognised_by = models.CharField(_("cấp công nhận"), max_length=200, blank=True)
    proposed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)

    class Meta:
        ordering = ["-year", "name", "id"]
        verbose_name = _("điển hình tiên tiến")
        verbose_name_plural = _("điển hình tiên tiến")
        indexes = [models.Index(fields=["state", "year"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded_text = fold(f"{self.name} {self.title} {self.achievements}")
        super().save(*args, **kwargs)

    @property
    def slug(self):
        return re.sub(r"[^a-z0-9]+", "-", fold(self.name)).strip("-")[:80] or "dien-hinh"
