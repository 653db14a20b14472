from django.db import models
from django.utils.translation import gettext_lazy as _


class CriterionKind(models.TextChoices):
    """How a line of the criteria table is scored. The values are the codes used in the Excel template."""

    GROUP = "nhom", _("Nhóm, mục (có tiêu chí con)")
    POINTS = "diem", _("Chấm điểm trong khung tối đa")
    YES_NO = "dat", _("Đạt / không đạt")
    PERCENT = "ty_le", _("Tỷ lệ so với chỉ tiêu, quy ra điểm")
    BONUS = "thuong", _("Điểm thưởng (có mức trần)")
    PENALTY = "tru", _("Điểm trừ")
    VETO = "liet", _("Điểm liệt")

    @classmethod
    def regular(cls):
        """Kinds whose maxima add up to the table's total."""
        return (cls.POINTS, cls.YES_NO, cls.PERCENT)

    @classmethod
    def binary(cls):
        """Kinds entered as 1 (yes) or 0 (no)."""
        return (cls.YES_NO, cls.VETO)


class Category(models.TextChoices):
    """What a subtree of the table adds to a unit's total."""

    REGULAR = "regular", _("Điểm chuẩn")
    BONUS = "bonus", _("Điểm thưởng")
    PENALTY = "penalty", _("Điểm trừ")
    VETO = "veto", _("Điểm liệt")


class TableStatus(models.TextChoices):
    IN_FORCE = "in_force", _("Đang áp dụng")
    DRAFT = "draft", _("Bản sửa đổi đang soạn")
    SUPERSEDED = "superseded", _("Đã được thay thế")


class FinalScoreRule(models.TextChoices):
    LEADER = "leader", _("Theo kết quả thẩm định của Trưởng cụm")
    MEAN = "mean", _("Trung bình cộng điểm của các thành viên thẩm định")
    MEDIAN = "median", _("Trung vị điểm của các thành viên thẩm định")


class AssessmentState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Bị trả lại")

    @classmethod
    def editable(cls):
        return (cls.DRAFT, cls.RETURNED)


class ReviewerRole(models.TextChoices):
    LEADER = "leader", _("Trưởng cụm")
    DEPUTY = "deputy", _("Phó Trưởng cụm")
    PEER = "peer", _("Thành viên chấm chéo")
    DEPARTMENT = "department", _("Sở, ngành thẩm định theo nhóm tiêu chí")


class ReviewState(models.TextChoices):
    ASSIGNED = "assigned", _("Đang thẩm định")
    SUBMITTED = "submitted", _("Đã nộp kết quả thẩm định")


class FinalSource(models.TextChoices):
    SELF = "self", _("Chưa thẩm định: lấy điểm tự chấm")
    REVIEW = "review", _("Theo kết quả thẩm định")
    SETTLED = "settled", _("Thư ký cụm quyết định")


class TieBreakStep(models.TextChoices):
    """One step of the year's tie-break rule. A group step is stored as "group:<code>"."""

    GROUP = "group", _("Điểm nhóm %(code)s cao hơn")
    PENALTY = "penalty", _("Ít điểm trừ hơn")
    BONUS = "bonus", _("Nhiều điểm thưởng hơn")
    DECISION = "decision", _("Theo quyết định đã ghi nhận của Thư ký cụm")
