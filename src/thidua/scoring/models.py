from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.scoring.enums import (
    AssessmentState,
    CriterionKind,
    FinalScoreRule,
    FinalSource,
    ReviewerRole,
    ReviewState,
    TableStatus,
)

POINTS = {"max_digits": 9, "decimal_places": 2}


class CriteriaTable(models.Model):
    """The cluster year's bảng tiêu chí, thang điểm. Frozen once self-assessment opens; then changed only by a
    new version (a revision) that names its reason and supersedes the old one, which stays for the record."""

    cluster_year = models.ForeignKey(
        "organizations.ClusterYear", on_delete=models.PROTECT, related_name="criteria_tables"
    )
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    status = models.CharField(_("trạng thái"), max_length=20, choices=TableStatus.choices, default=TableStatus.IN_FORCE)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    change_reason = models.TextField(_("lý do sửa đổi"), blank=True)
    name = models.CharField(_("tên bảng"), max_length=300)
    total_points = models.DecimalField(_("tổng điểm chuẩn"), default=Decimal(100), **POINTS)
    final_score_rule = models.CharField(
        _("cách tính điểm cuối cùng"), max_length=20, choices=FinalScoreRule.choices, default=FinalScoreRule.MEAN
    )
    discrepancy_margin = models.DecimalField(
        _("ngưỡng chênh lệch cần xử lý (điểm)"),
        default=Decimal(2),
        help_text=_(
            "Chênh lệch giữa các thành viên thẩm định, hoặc với điểm tự chấm, vượt ngưỡng này thì bị đánh dấu."
        ),
        **POINTS,
    )
    # Ordered steps, comma separated: "group:I,penalty,decision". Read through CriteriaTable.tie_break_steps.
    tie_break_rule = models.CharField(_("cách phân định khi bằng điểm"), max_length=200, blank=True)
    frozen_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cluster_year", "-version"]
        verbose_name = _("bảng tiêu chí, thang điểm")
        verbose_name_plural = _("bảng tiêu chí, thang điểm")
        constraints = [
            models.UniqueConstraint(fields=["cluster_year", "version"], name="criteria_table_version_unique"),
            models.UniqueConstraint(
                fields=["cluster_year"], condition=Q(status="in_force"), name="criteria_table_one_in_force"
            ),
            models.UniqueConstraint(
                fields=["cluster_year"], condition=Q(status="draft"), name="criteria_table_one_draft"
            ),
        ]

    def __str__(self):
        return f"{self.name} (v{self.version})"

    @property
    def tie_break_steps(self):
        return [step for step in self.tie_break_rule.split(",") if step]


class Criterion(models.Model):
    """A line of the table: a group (nhóm, mục) or a criterion scored on its own. Points are entered on leaves."""

    table = models.ForeignKey(CriteriaTable, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children", verbose_name=_("thuộc mục")
    )
    code = models.CharField(_("mã"), max_length=20)
    title = models.CharField(_("nội dung"), max_length=500)
    kind = models.CharField(_("loại"), max_length=10, choices=CriterionKind.choices)
    max_points = models.DecimalField(_("điểm tối đa"), default=Decimal(0), **POINTS)
    target = models.DecimalField(
        _("chỉ tiêu"),
        null=True,
        blank=True,
        max_digits=14,
        decimal_places=2,
        help_text=_("Với tiêu chí tỷ lệ: kết quả bằng chỉ tiêu thì được điểm tối đa."),
    )
    guidance = models.TextField(_("hướng dẫn chấm"), blank=True)
    evidence_required = models.BooleanField(_("bắt buộc có minh chứng"), default=False)
    evidence_description = models.CharField(_("tài liệu minh chứng"), max_length=500, blank=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["table", "position", "id"]
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        constraints = [models.UniqueConstraint(fields=["table", "code"], name="criterion_code_unique")]

    def __str__(self):
        return f"{self.code}. {self.title}"


class Assessment(models.Model):
    """A unit's self-assessment (bản tự chấm điểm) for a cluster year."""

    cluster_year = models.ForeignKey("organizations.ClusterYear", on_delete=models.PROTECT, related_name="assessments")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="assessments")
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=AssessmentState.choices, default=AssessmentState.DRAFT
    )
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cluster_year", "unit__folded_name"]
        verbose_name = _("bản tự chấm điểm")
        verbose_name_plural = _("bản tự chấm điểm")
        constraints = [models.UniqueConstraint(fields=["cluster_year", "unit"], name="assessment_unique")]

    def __str__(self):
        return f"{self.unit} – {self.cluster_year.year}"


class VersionedScore(models.Model):
    """A score row edited concurrently: every save checks and bumps `version` (optimistic locking)."""

    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    # value: points (points, bonus, penalty), 1/0 (yes/no, veto) or the achieved figure (percentage of target).
    value = models.DecimalField(_("giá trị"), null=True, blank=True, max_digits=14, decimal_places=2)
    points = models.DecimalField(_("điểm"), null=True, blank=True, **POINTS)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class SelfScore(VersionedScore):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="self_scores")
    explanation = models.TextField(_("giải trình"), blank=True)

    class Meta:
        verbose_name = _("điểm tự chấm")
        constraints = [models.UniqueConstraint(fields=["assessment", "criterion"], name="self_score_unique")]

    def __str__(self):
        return f"{self.assessment_id}/{self.criterion_id}: {self.points}"


class Evidence(models.Model):
    """A file the unit attached to one criterion of its self-assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    criterion_code = models.CharField(_("mã tiêu chí"), max_length=20)
    file = models.ForeignKey("core.StoredFile", on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("mô tả"), max_length=300, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(_("gỡ lúc"), null=True, blank=True)

    class Meta:
        ordering = ["assessment", "criterion_code", "added_at", "id"]
        verbose_name = _("tài liệu minh chứng")
        verbose_name_plural = _("tài liệu minh chứng")

    def __str__(self):
        return str(self.file_id)


class ReviewAssignment(models.Model):
    """One reviewer unit appraising one unit's self-assessment, for the whole table or one top-level group."""

    cluster_year = models.ForeignKey(
        "organizations.ClusterYear", on_delete=models.PROTECT, related_name="review_assignments"
    )
    reviewee = models.ForeignKey(
        "organizations.Unit", verbose_name=_("đơn vị được thẩm định"), on_delete=models.PROTECT, related_name="+"
    )
    reviewer = models.ForeignKey(
        "organizations.Unit", verbose_name=_("đơn vị thẩm định"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=ReviewerRole.choices)
    # The code of a top-level group (survives table revisions); blank means the whole table.
    group_code = models.CharField(_("nhóm tiêu chí"), max_length=20, blank=True)
    state = models.CharField(_("trạng thái"), max_length=20, choices=ReviewState.choices, default=ReviewState.ASSIGNED)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reopen_reason = models.TextField(_("lý do mở lại"), blank=True)
    is_invented = models.BooleanField(_("dữ liệu minh họa"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cluster_year", "reviewee__folded_name", "role", "id"]
        verbose_name = _("phân công thẩm định")
        verbose_name_plural = _("phân công thẩm định")
        constraints = [
            models.CheckConstraint(condition=~Q(reviewer=F("reviewee")), name="review_not_self"),
            models.UniqueConstraint(
                fields=["cluster_year", "reviewee", "reviewer", "group_code"], name="review_assignment_unique"
            ),
        ]

    def __str__(self):
        return f"{self.reviewer} → {self.reviewee} ({self.cluster_year.year})"

    def activity_scope(self):
        # A review is about the reviewed unit: its officers and its province's board read the log entry.
        return {"unit_id": self.reviewee_id, "province_id": self.cluster_year.cluster.province_id}


class ReviewScore(VersionedScore):
    assignment = models.ForeignKey(ReviewAssignment, on_delete=models.CASCADE, related_name="scores")
    comment = models.TextField(_("nhận xét"), blank=True)

    class Meta:
        verbose_name = _("điểm thẩm định")
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="review_score_unique")]

    def __str__(self):
        return f"{self.assignment_id}/{self.criterion_id}: {self.points}"


class FinalScore(VersionedScore):
    """The score that counts. `computed_*` follow the year's rule; the secretariat may settle another value."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="final_scores")
    computed_value = models.DecimalField(null=True, blank=True, max_digits=14, decimal_places=2)
    computed_points = models.DecimalField(_("điểm theo quy tắc"), null=True, blank=True, **POINTS)
    source = models.CharField(_("nguồn"), max_length=10, choices=FinalSource.choices, default=FinalSource.SELF)
    is_flagged = models.BooleanField(_("chênh lệch vượt ngưỡng"), default=False)
    flag_note = models.CharField(_("nội dung chênh lệch"), max_length=500, blank=True)
    settled_reason = models.TextField(_("lý do quyết định"), blank=True)
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("điểm cuối cùng")
        constraints = [models.UniqueConstraint(fields=["assessment", "criterion"], name="final_score_unique")]

    def __str__(self):
        return f"{self.assessment_id}/{self.criterion_id}: {self.points}"

    @property
    def needs_settling(self):
        return self.is_flagged and self.source != FinalSource.SETTLED


class TieDecision(models.Model):
    """The secretariat's recorded order for units still tied after the other tie-break steps."""

    cluster_year = models.ForeignKey(
        "organizations.ClusterYear", on_delete=models.PROTECT, related_name="tie_decisions"
    )
    unit_order = models.JSONField(_("thứ tự đơn vị"), default=list)  # unit ids, best first
    reason = models.TextField(_("căn cứ quyết định"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cluster_year", "-decided_at", "-id"]
        verbose_name = _("quyết định phân định bằng điểm")

    def __str__(self):
        return f"{self.cluster_year_id}: {self.unit_order}"


class RankingPublication(models.Model):
    """The ranking was published to the members (after the review phase closed)."""

    cluster_year = models.OneToOneField(
        "organizations.ClusterYear", on_delete=models.PROTECT, related_name="ranking_publication"
    )
    published_at = models.DateTimeField(_("công bố lúc"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("công bố kết quả xếp hạng")

    def __str__(self):
        return f"{self.cluster_year_id} {self.published_at:%d/%m/%Y}"
