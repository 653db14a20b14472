"""The conference's tờ trình is numbered in the cluster's outgoing register ("Cấp số" on the meeting page)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.registers.enums import PaperType
from thidua.registers.papers import PaperSpec, cluster_issuer, register_paper
from thidua.voting.enums import MeetingKind
from thidua.voting.models import Meeting

SUBMISSION = "voting.submission"


def _load(pk):
    return Meeting.objects.select_related("province", "cluster_year__cluster__province").get(
        pk=pk, kind=MeetingKind.CONFERENCE
    )


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
