from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProposalState(models.TextChoices):
    """The path of a proposal dossier from its drafter to the award register."""

    DRAFT = "draft", _("Nháp")
    RETURNED = "returned", _("Bị trả lại")
    SENT = "sent", _("Đã gửi tỉnh")
    CHECKING = "checking", _("Ban TĐKT thẩm định")
    COUNCIL = "council", _("Trình Hội đồng")
    VOTED = "voted", _("Hội đồng đã bỏ phiếu")
    # A state-level form (Thủ tướng, Chủ tịch nước) is decided above the province: the dossier waits there.
    FORWARDED = "forwarded", _("Đã trình Trung ương")
    DECIDED = "decided", _("Chủ tịch quyết định")
    AWARDED = "awarded", _("Đã khen thưởng")

    @classmethod
    def editable(cls):
        """States in which the drafter may change items and attachments."""
        return (cls.DRAFT, cls.RETURNED)

    @classmethod
    def before_council(cls):
        """States a council member is told about: the dossier is before the council or past it."""
        return (cls.COUNCIL, cls.VOTED, cls.FORWARDED, cls.DECIDED, cls.AWARDED)


# Which state may follow which; set_proposal_state refuses anything else. A return goes to the previous owner:
# from the province's desk back to the drafter, from the council or the chairman back to the board's check.
TRANSITIONS = {
    ProposalState.DRAFT: {ProposalState.SENT},
    ProposalState.RETURNED: {ProposalState.SENT},
    ProposalState.SENT: {ProposalState.CHECKING, ProposalState.RETURNED},
    ProposalState.CHECKING: {ProposalState.COUNCIL, ProposalState.RETURNED},
    ProposalState.COUNCIL: {ProposalState.VOTED, ProposalState.CHECKING},
    ProposalState.VOTED: {ProposalState.DECIDED, ProposalState.CHECKING, ProposalState.FORWARDED},
    ProposalState.FORWARDED: {ProposalState.DECIDED},
    ProposalState.DECIDED: {ProposalState.AWARDED},
    ProposalState.AWARDED: set(),
}
RETURNS = {
    ProposalState.SENT: ProposalState.RETURNED,
    ProposalState.CHECKING: ProposalState.RETURNED,
    ProposalState.COUNCIL: ProposalState.CHECKING,
    ProposalState.VOTED: ProposalState.CHECKING,
}


class ProposerKind(models.TextChoices):
    # A context: elsewhere "Cụm, khối thi đua" heads lists of clusters (plural in English); here it names one kind.
    CLUSTER = "cluster", pgettext_lazy("loại đơn vị đề nghị", "Cụm, khối thi đua")
    UNIT = "unit", _("Đơn vị")
    BOARD = "board", _("Ban Thi đua - Khen thưởng tỉnh")


class Verdict(models.TextChoices):
    """The board's check of one item."""

    PENDING = "pending", _("Chưa thẩm định")
    ACCEPTED = "accepted", _("Đủ điều kiện trình Hội đồng")
    REJECTED = "rejected", _("Không trình")


class AttachmentKind(models.TextChoices):
    MINUTES = "minutes", _("Biên bản họp xét")
    REPORT = "report", _("Báo cáo thành tích")
    EXTRACT = "extract", _("Trích ngang")
    OTHER = "other", _("Tài liệu khác")
