import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.enums import FileKind, JobState, NotificationLevel


class ActivityLogEntry(models.Model):
    """One write: who did what to which object, with the values before and after. Never edited."""

    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("mã thao tác"), max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("đối tượng"), max_length=300, blank=True)
    # Scope columns let the province and administrators filter without joining every domain table.
    province_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    unit_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    old_values = models.JSONField(_("giá trị cũ"), default=dict, blank=True)
    new_values = models.JSONField(_("giá trị mới"), default=dict, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("nhật ký hoạt động")
        verbose_name_plural = _("nhật ký hoạt động")

    def __str__(self):
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.action} {self.object_repr}"


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    level = models.CharField(max_length=20, choices=NotificationLevel.choices, default=NotificationLevel.INFO)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Lets a reminder job send one reminder per (recipient, subject) and not spam on every run.
    dedup_key = models.CharField(max_length=200, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.title


class StoredFile(models.Model):
    """An uploaded file kept outside the static area; served only by the permission-checked view."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(upload_to="uploads/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    kind = models.CharField(_("loại tệp"), max_length=10, choices=FileKind.choices)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # The unit whose officers may see the file besides the uploader; None for province-level files.
    owner_unit = models.ForeignKey(
        "organizations.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_public = models.BooleanField(_("công khai"), default=False)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self):
        return self.original_name


class JobRun(models.Model):
    """One run of a long job (an import, a batch of documents, a batch screening) with its progress and outcome.

    The job's own writes happen in one transaction at its end, so a run that dies halfway leaves nothing behind;
    running it again makes a new row (rerun_of points back), and the old one stays as history.
    """

    kind = models.CharField(_("loại việc"), max_length=60, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(_("trạng thái"), max_length=20, choices=JobState.choices, default=JobState.QUEUED)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    source_file = models.ForeignKey(
        StoredFile, verbose_name=_("tệp đầu vào"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    result = models.JSONField(_("kết quả"), default=dict, blank=True)
    result_file = models.ForeignKey(
        StoredFile, verbose_name=_("tệp kết quả"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    done = models.PositiveIntegerField(_("đã xử lý"), default=0)
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    message = models.CharField(_("đang làm"), max_length=300, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    rerun_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="reruns")
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("việc chạy nền")
        verbose_name_plural = _("việc chạy nền")
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.get_state_display()})"

    @property
    def is_finished(self):
        return self.state in JobState.finished()

    @property
    def percent(self):
        if self.state == JobState.SUCCEEDED:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0
