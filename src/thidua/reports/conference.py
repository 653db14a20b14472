"""The review conference's outcome for the annual summary: who was acclaimed for what, with the votes, and who
was chosen to lead next year. Read through the voting app's selectors (award_proposals, election results).
Until a cluster year has an ended conference with closed ballots, there is no outcome (None)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from thidua.voting import selectors
from thidua.voting.enums import BallotPurpose, BallotState, MeetingKind
from thidua.voting.models import Meeting

FLAG_FORMS = ("co-thi-dua-chinh-phu", "co-thi-dua-tinh")


@dataclass
class ConferenceOutcome:
    text: str
    rows: list = field(default_factory=list)  # (award form, unit or person, votes, percent)
    flag_units: list = field(default_factory=list)  # names acclaimed for an emulation flag
    next_leader: object = None
    next_deputy: object = None
    is_invented: bool = False


def _name(candidate):
    if candidate.unit_id:
        return candidate.unit.full_name
    if candidate.person_id:
        return candidate.person.full_name
    return candidate.label


def _percent(value):
    return f"{value}%".replace(".", ",") if value is not None else ""


def _elections(outcome, meeting, selectors):
    """Who the conference elected leader and deputy for next year, with the votes (closed ballots only)."""

    labels = {
        BallotPurpose.LEADER: _("Bầu Trưởng cụm năm sau"),
        BallotPurpose.DEPUTY: _("Bầu Phó Trưởng cụm năm sau"),
    }
    for purpose, label in labels.items():
        ballot = selectors.election_ballot(meeting, purpose)
        if ballot is None or ballot.state != BallotState.CLOSED:
            continue
        for _ballot, row in selectors.ballot_outcome(ballot).rows:
            outcome.rows.append((label, _name(row.candidate), row.votes, _percent(row.percent)))


def outcome_of(cluster_year):
    meeting = (
        Meeting.objects.filter(cluster_year=cluster_year, kind=MeetingKind.CONFERENCE)
        .select_related("next_leader", "next_deputy")
        .order_by("-held_on", "-id")
        .first()
    )
    if meeting is None:
        return None
    outcome = ConferenceOutcome(
        text=_("Hội nghị tổng kết ngày %(day)s bình xét, suy tôn:") % {"day": meeting.held_on.strftime("%d/%m/%Y")},
        next_leader=meeting.next_leader,
        next_deputy=meeting.next_deputy,
        is_invented=meeting.is_invented,
    )
    for group in selectors.award_proposals(meeting):
        form = group["award_form"]
        label = form.name if form is not None else _("Nội dung khác")
        for _ballot, row in group["rows"]:
            name = _name(row.candidate)
            outcome.rows.append((label, name, row.votes, _percent(row.percent)))
            if form is not None and form.code in FLAG_FORMS:
                outcome.flag_units.append(name)
    _elections(outcome, meeting, selectors)
    if not outcome.rows and outcome.next_leader is None:
        return None
    return outcome
