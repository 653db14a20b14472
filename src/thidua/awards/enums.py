from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleSetKind(models.TextChoices):
    """What a rule set governs. Each kind has its own parameter schema."""

    COMMENDATION = "commendation", _("Tiêu chuẩn, điều kiện khen thưởng")
    CLUSTER_VOTING = "cluster_voting", _("Bỏ phiếu bình xét, suy tôn của cụm, khối")
    COUNCIL_VOTING = "council_voting", _("Bỏ phiếu của Hội đồng Thi đua - Khen thưởng")
    QUOTA = "quota", _("Tỷ lệ, số lượng khen thưởng")


class RecipientKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class AwardCategory(models.TextChoices):
    EMULATION_TITLE = "title", _("Danh hiệu thi đua")
    COMMENDATION = "commendation", _("Hình thức khen thưởng")
    ORDER = "order", _("Huân chương")
    MEDAL = "medal", _("Huy chương")


class AwardLevel(models.TextChoices):
    STATE = "state", _("Cấp Nhà nước")
    GOVERNMENT = "government", _("Chính phủ, Thủ tướng Chính phủ")
    PROVINCE = "province", _("Cấp tỉnh, bộ, ban, ngành")
    GRASSROOTS = "grassroots", _("Cấp cơ sở")
