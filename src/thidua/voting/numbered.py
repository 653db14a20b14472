"""A meeting's papers are numbered in an outgoing register ("Cấp số" on the meeting page): the conference's tờ trình
and minutes in the cluster's, a council session's minutes in the board's (the council's secretariat)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.registers.enums import PaperType
from thidua.registers.papers import PaperSpec, board_issuer, cluster_issuer, register_paper
from thidua.voting.enums import MeetingKind
from thidua.voting.models import Meeting

SUBMISSION = "voting.submission"
MINUTES = "voting.minutes"


def _load(pk):
    return Meeting.objects.select_related("province", "cluster_year__cluster__province").get(
        pk=pk, kind=MeetingKind.CONFERENCE
    )


def _load_any(pk):
    return Meeting.objects.select_related("province", "cluster_year__cluster__province").get(pk=pk)


def minutes_issuer(meeting):
    """The body whose register numbers the meeting's papers, and whose certificate signs them."""
    if meeting.is_conference:
        return cluster_issuer(meeting.cluster_year.cluster)
    return board_issuer(meeting.province)


def _record_minutes(meeting, entry):
    meeting.minutes_number = entry.full_number
    meeting.save(update_fields=["minutes_number"])


def _record(meeting, entry):
    # Later papers (the province's minutes, the decision) cite the tờ trình by this number.
    meeting.submission_number = entry.full_number
    meeting.save(update_fields=["submission_number"])


register_paper(
    PaperSpec(
        code=SUBMISSION,
        label=_("Tờ trình đề nghị khen thưởng của cụm"),
        paper_type=PaperType.SUBMISSION,
        load=_load,
        issuer=lambda meeting: cluster_issuer(meeting.cluster_year.cluster),
        perm="voting.manage_meeting",
        view_perm="voting.view_meeting",
        summary=lambda meeting: (
            _("Đề nghị khen thưởng năm %(y)s (%(m)s)") % {"y": meeting.cluster_year.year, "m": meeting.title}
        ),
        on_issue=_record,
        url=lambda meeting: reverse("voting:meeting_detail", args=[meeting.pk]),
    )
)


register_paper(
    PaperSpec(
        code=MINUTES,
        label=_("Biên bản hội nghị, phiên họp"),
        paper_type=PaperType.MINUTES,
        load=_load_any,
        issuer=minutes_issuer,
        perm="voting.manage_meeting",
        view_perm="voting.view_meeting",
        summary=lambda meeting: meeting.title,
        on_issue=_record_minutes,
        url=lambda meeting: reverse("voting:meeting_detail", args=[meeting.pk]),
    )
)
