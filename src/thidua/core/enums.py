from django.db import models
from django.utils.translation import gettext_lazy as _


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    PNG = "png", "PNG"
    JPEG = "jpeg", "JPEG"
    DOCX = "docx", "Word (.docx)"
    XLSX = "xlsx", "Excel (.xlsx)"


class NotificationLevel(models.TextChoices):
    INFO = "info", _("Thông tin")
    ACTION = "action", _("Cần xử lý")
    WARNING = "warning", _("Nhắc hạn")


class JobState(models.TextChoices):
    """A background job's life: queued until a worker takes it, then running, then done or failed."""

    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    SUCCEEDED = "succeeded", _("Đã xong")
    FAILED = "failed", _("Không thành công")

    @classmethod
    def finished(cls):
        return (cls.SUCCEEDED, cls.FAILED)
