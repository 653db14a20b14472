from django.db import models
from django.utils.translation import gettext_lazy as _


class PhaseKind(models.TextChoices):
    """The steps of a cluster's emulation year, in order."""

    REGISTRATION = "registration", _("Đăng ký thi đua")
    PLEDGE = "pledge", _("Ký kết giao ước thi đua")
    REPORTING = "reporting", _("Báo cáo kết quả trong năm")
    SELF_ASSESSMENT = "self_assessment", _("Tự chấm điểm")
    REVIEW = "review", _("Thẩm định, chấm chéo")
    CONFERENCE = "conference", _("Hội nghị tổng kết, bình xét")
    PROPOSALS = "proposals", _("Đề nghị khen thưởng")


class PhaseOverride(models.TextChoices):
    """The secretariat may open or close a phase by hand, whatever its dates say."""

    BY_DATES = "dates", _("Theo lịch")
    OPENED = "opened", _("Mở bằng tay")
    CLOSED = "closed", _("Đóng bằng tay")
