from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    """Who meets: a cluster's year-end review conference, or the provincial council in session."""

    CONFERENCE = "conference", _("Hội nghị tổng kết cụm, khối thi đua")
    COUNCIL = "council", _("Phiên họp Hội đồng Thi đua - Khen thưởng tỉnh")


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Chuẩn bị")
    IN_PROGRESS = "in_progress", _("Đang họp")
    ENDED = "ended", _("Đã kết thúc")


class DelegateRole(models.TextChoices):
    DELEGATE = "delegate", _("Đại biểu đơn vị thành viên")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng")


class VotingMode(models.TextChoices):
    """Three ways to vote; each ends in the same kind of result."""

    ELECTRONIC = "electronic", _("Bỏ phiếu kín điện tử")
    PAPER = "paper", _("Bỏ phiếu kín bằng giấy")
    ACCLAMATION = "acclamation", _("Biểu quyết giơ tay, suy tôn")


class BallotState(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    OPEN = "open", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc")
    CANCELLED = "cancelled", _("Đã hủy")
    VOID = "void", _("Vô hiệu: không đủ phần khóa để kiểm phiếu")


# Which state may follow which; set_ballot_state refuses anything else.
BALLOT_TRANSITIONS = {
    BallotState.DRAFT: {BallotState.OPEN, BallotState.CANCELLED},
    BallotState.OPEN: {BallotState.CLOSED, BallotState.CANCELLED, BallotState.VOID},
    BallotState.CLOSED: set(),
    BallotState.CANCELLED: set(),
    BallotState.VOID: set(),
}

MEETING_TRANSITIONS = {
    MeetingState.PLANNED: {MeetingState.IN_PROGRESS},
    MeetingState.IN_PROGRESS: {MeetingState.ENDED},
    MeetingState.ENDED: set(),
}


class SlipKind(models.TextChoices):
    """How code slips are handed out. Unnamed is the default: like paper ballots, the roll is checked as delegates
    arrive and each draws one slip, so the system knows how many codes were used, never whose."""

    UNNAMED = "unnamed", _("Phiếu mã không ghi tên (đại biểu bốc ngẫu nhiên)")
    NAMED = "named", _("Phiếu mã ghi tên từng đại biểu")


class BallotPurpose(models.TextChoices):
    """What the ballot decides; leader and deputy ballots feed next year's cluster year."""

    AWARD = "award", _("Bình xét, suy tôn đề nghị khen thưởng")
    LEADER = "leader", _("Bầu Trưởng cụm năm sau")
    DEPUTY = "deputy", _("Bầu Phó Trưởng cụm năm sau")
    OTHER = "other", _("Nội dung khác")


class CandidateKind(models.TextChoices):
    UNIT = "unit", _("Tập thể, đơn vị")
    PERSON = "person", _("Cá nhân")
    LABEL = "label", _("Nội dung khác")


class CountState(models.TextChoices):
    """A count typed in by one person counts only after a second person confirms it."""

    ENTERED = "entered", _("Chờ người thứ hai xác nhận")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    REJECTED = "rejected", _("Bị trả lại")


class TieKind(models.TextChoices):
    QUOTA = "quota", _("Bằng phiếu tại vị trí cuối của số lượng được chọn")
    THRESHOLD = "threshold", _("Bằng phiếu, chưa ai đạt tỷ lệ cho chỗ còn trống")


class CandidateOutcome(models.TextChoices):
    """Why a candidate passed or did not: the same words on the result page, in the API and in the minutes."""

    PASSED = "passed", _("Đạt")
    CHAIR_CHOSE = "chair_chose", _("Đạt (bằng phiếu, người chủ trì quyết định)")
    QUOTA_CUT = "quota_cut", _("Đạt tỷ lệ nhưng ngoài số lượng được chọn")
    TIED_RUNOFF = "tied_runoff", _("Bằng phiếu ở vị trí cuối của số lượng được chọn: bỏ phiếu lại")
    TIED_CHAIR = "tied_chair", _("Bằng phiếu ở vị trí cuối của số lượng được chọn: chờ người chủ trì quyết định")
    CHAIR_OTHER = "chair_other", _("Bằng phiếu, người chủ trì chọn ứng viên khác")
    BELOW_TIED = "below_tied", _("Chưa đạt tỷ lệ, bằng phiếu cho chỗ còn trống: bỏ phiếu lại")
    BELOW = "below_threshold", _("Không đạt tỷ lệ phiếu cần thiết")


class LeadershipSource(models.TextChoices):
    BALLOT = "ballot", _("Theo kết quả bầu tại hội nghị")
    ROTATION = "rotation", _("Theo thứ tự luân phiên của cụm")
