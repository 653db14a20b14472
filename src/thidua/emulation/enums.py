from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


class MovementLevel(models.TextChoices):
    NATIONAL = "national", _("Toàn quốc")
    PROVINCIAL = "provincial", _("Cấp tỉnh")
    LOCAL = "local", _("Địa phương, cụm, ngành")


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên")
    PERIODIC = "periodic", _("Theo đợt")
    THEMATIC = "thematic", _("Chuyên đề")


class RegistrationState(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", pgettext_lazy("trạng thái", "Trả lại")  # the same word is also a button
    APPROVED = "approved", _("Đã duyệt")

    @classmethod
    def editable(cls):
        return (cls.DRAFT, cls.RETURNED)

    @classmethod
    def done(cls):
        """States in which the unit has acted: nothing left for it to do in the registration phase."""
        return (cls.SUBMITTED, cls.APPROVED)


# The registration workflow: the unit submits; the secretariat returns or approves.
REGISTRATION_TRANSITIONS = {
    RegistrationState.DRAFT: {RegistrationState.SUBMITTED},
    RegistrationState.SUBMITTED: {RegistrationState.RETURNED, RegistrationState.APPROVED},
    RegistrationState.RETURNED: {RegistrationState.SUBMITTED},
    RegistrationState.APPROVED: set(),
}


class PledgeState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    OPEN = "open", _("Đang ký kết")
    COMPLETED = "completed", _("Đã ký đủ")
    SUPERSEDED = "superseded", _("Đã thay bằng phiên bản mới")


PLEDGE_TRANSITIONS = {
    PledgeState.DRAFT: {PledgeState.OPEN},
    PledgeState.OPEN: {PledgeState.DRAFT, PledgeState.COMPLETED, PledgeState.SUPERSEDED},
    PledgeState.COMPLETED: {PledgeState.SUPERSEDED},
    PledgeState.SUPERSEDED: set(),
}


class ExemplarKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    MODEL = "model", _("Mô hình")


class ExemplarState(models.TextChoices):
    PROPOSED = "proposed", _("Đề xuất")
    RECOGNISED = "recognised", _("Đã công nhận")
    DECLINED = "declined", _("Không công nhận")
    REVOKED = "revoked", _("Đã thu hồi")


EXEMPLAR_TRANSITIONS = {
    ExemplarState.PROPOSED: {ExemplarState.RECOGNISED, ExemplarState.DECLINED},
    ExemplarState.RECOGNISED: {ExemplarState.REVOKED},
    ExemplarState.DECLINED: set(),
    ExemplarState.REVOKED: set(),
}


class GuidingDocumentType(models.TextChoices):
    DIRECTIVE = "chi_thi", _("Chỉ thị")
    RESOLUTION = "nghi_quyet", _("Nghị quyết")
    DECISION = "quyet_dinh", _("Quyết định")
    PLAN = "ke_hoach", _("Kế hoạch")
    GUIDANCE = "huong_dan", _("Hướng dẫn")
    PROGRAMME = "chuong_trinh", _("Chương trình")
    NOTICE = "thong_bao", _("Thông báo")
    LETTER = "cong_van", _("Công văn")
    OTHER = "khac", _("Khác")
