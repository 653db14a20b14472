"""The voting services' own guards; the plumbing (permission, log, optimistic locking) is the kernel's."""

from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.voting.enums import MeetingState


def require_manager(actor, meeting):
    kernel.require(actor, "voting.manage_meeting", meeting)


def require_not_ended(meeting):
    if meeting.state == MeetingState.ENDED:
        raise kernel.Refusal(_("Hội nghị, phiên họp đã kết thúc; không thay đổi được nữa."))
