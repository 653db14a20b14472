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
