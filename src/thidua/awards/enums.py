from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleSetKind(models.TextChoices):
    """What a rule set governs. Each kind has its own parameter schema (see awards.rulesets)."""

    COMMENDATION = "commendation", _("Tiêu chuẩn, điều kiện khen thưởng")
    CLUSTER_VOTING = "cluster_voting", _("Bỏ phiếu bình xét, suy tôn của cụm, khối")
    COUNCIL_VOTING = "council_voting", _("Bỏ phiếu của Hội đồng Thi đua - Khen thưởng")
    QUOTA = "quota", _("Tỷ lệ, số lượng khen thưởng")
