"""Who keeps an outgoing register, and the kinds of paper it numbers with their symbols (ND 30/2020, Phụ lục III)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IssuerKind(models.TextChoices):
    UNIT = "unit", _("Đơn vị")
    CLUSTER = "cluster", _("Cụm, khối thi đua")
    BOARD = "board", _("Ban Thi đua - Khen thưởng tỉnh")


class PaperType(models.TextChoices):
    SUBMISSION = "to_trinh", _("Tờ trình")
    REPORT = "bao_cao", _("Báo cáo")
    MINUTES = "bien_ban", _("Biên bản")
    DECISION = "quyet_dinh", _("Quyết định")


# Abbreviations of the kinds of paper in the number's symbol ("12/TTr-CTĐ"), as Phụ lục III lists them.
TYPE_SYMBOLS = {
    PaperType.SUBMISSION: "TTr",
    PaperType.REPORT: "BC",
    PaperType.MINUTES: "BB",
    PaperType.DECISION: "QĐ",
}
