"""The council's session: a voting meeting of the province with its own ballot, candidates = the accepted lines;
and its result, written back onto the lines. Everything about ballots goes through the voting services."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.proposals import selectors
from thidua.proposals.enums import ProposalState, Verdict
from thidua.proposals.models import Proposal
from thidua.proposals.services.workflow import set_proposal_state
from thidua.voting import selectors as voting_selectors
from thidua.voting import services as voting
from thidua.voting.enums import BallotPurpose, BallotState, MeetingKind, MeetingState, VotingMode
from thidua.voting.selectors import CandidateSpec


def _new_session(proposal, *, actor, held_on, place, title, chair_name, secretary_name, is_invented):
    """A council session of the proposal's province whose roll is every council member covering it."""
    meeting = voting.create_meeting(
        kind=MeetingKind.COUNCIL,
        province=proposal.province,
        title=title or _("Phiên họp Hội đồng Thi đua - Khen thưởng tỉnh %(p)s") % {"p": proposal.province.name},
        held_on=held_on or timezone.localdate(),
        place=place or _("Trụ sở Ủy ban nhân dân tỉnh %(p)s") % {"p": proposal.province.name},
        chair_name=chair_name,
        secretary_name=secretary_name,
        is_invented=is_invented,
        actor=actor,
    )
    for member in selectors.council_members_of(proposal.province):
        voting.add_delegate(
            meeting,
            full_name=member.full_name or member.username,
            title=_("Thành viên Hội đồng Thi đua - Khen thưởng"),
            user=member,
            actor=actor,
        )
    return meeting


def _check_session(proposal, meeting):
    if meeting.kind != MeetingKind.COUNCIL or meeting.province_id != proposal.province_id:
        raise kernel.Refusal(_("Phiên họp được chọn không phải phiên họp Hội đồng của tỉnh này."))
    if meeting.state == MeetingState.ENDED:
        raise kernel.Refusal(_("Phiên họp Hội đồng đã kết thúc; hãy chọn hoặc tạo phiên khác."))


def _candidates(items):
    # The same unit may be proposed for two forms: then each line is named with its form, so both can stand.
    several_forms = len({i.award_form_id for i in items}) > 1
    specs = []
    for item in items:
        if several_forms:
            specs.append(CandidateSpec(label=f"{item.name} – {item.award_form.name}", reference=item))
        else:
            specs.append(CandidateSpec(unit=item.unit, person=item.person, reference=item))
    return specs


@transaction.atomic
def submit_to_council(
    proposal,
    *,
    actor,
    meeting=None,
    held_on=None,
    place="",
    title="",
    chair_name="",
    secretary_name="",
    mode=VotingMode.ELECTRONIC,
    day=None,
    is_invented=False,
):
    """Put the accepted lines before the council: a ballot in the given session (or a new one), then the step.

    The ballot's rules are the council_voting rule set in force on the session's day (secret where it says so,
    threshold over all members, written votes of absent members); the voting app enforces them."""
    locked = Proposal.objects.select_for_update(of=("self",)).select_related("province").get(pk=proposal.pk)
    kernel.require(actor, "proposals.manage_proposal", locked)
    if locked.state != ProposalState.CHECKING:
        raise kernel.Refusal(_("Chỉ trình Hội đồng sau khi Ban Thi đua - Khen thưởng thẩm định xong."))
    accepted = [i for i in selectors.items_of(locked) if i.verdict == Verdict.ACCEPTED]
    if not accepted or locked.items.filter(verdict=Verdict.PENDING).exists():
        raise kernel.Refusal(_("Ban Thi đua - Khen thưởng chưa thẩm định xong các dòng của tờ trình."))
    if meeting is None:
        meeting = _new_session(
            locked,
            actor=actor,
            held_on=held_on,
            place=place,
            title=title,
            chair_name=chair_name,
            secretary_name=secretary_name,
            is_invented=is_invented,
        )
    else:
        _check_session(locked, meeting)
    forms = list(dict.fromkeys(i.award_form for i in accepted))
    # Each form is voted under the rule that governs it (the 90% rule names only some titles: law-check V-2).
    rule_set = voting_selectors.governing_rule_set(meeting, [f.code for f in forms])
    ballot = voting.create_ballot(
        meeting,
        question=_("Xét đề nghị tặng %(forms)s năm %(y)s (%(who)s)")
        % {"forms": ", ".join(f.name for f in forms), "y": locked.year, "who": locked.proposer_name},
        candidates=_candidates(accepted),
        max_choices=len(accepted),
        mode=mode,
        purpose=BallotPurpose.AWARD,
        award_form=forms[0] if len(forms) == 1 else None,
        rule_set=rule_set,
        actor=actor,
    )
    locked.council_ballot = ballot
    locked.save(update_fields=["council_ballot"])
    kernel.log(actor, "proposal.council_ballot_created", locked, new={"meeting": meeting.pk, "ballot": ballot.pk})
    set_proposal_state(locked, ProposalState.COUNCIL, actor=actor, day=day)
    proposal.refresh_from_db()
    return ballot


@transaction.atomic
def record_council_result(proposal, *, actor, day=None):
    """Write the closed ballot's outcome onto the lines (votes, share, passed) and move to "Hội đồng đã bỏ phiếu".

    A tie still open (a run-off not yet closed) is refused: the outcome is not known."""
    locked = Proposal.objects.select_for_update(of=("self",)).select_related("council_ballot").get(pk=proposal.pk)
    kernel.require(actor, "proposals.manage_proposal", locked)
    if locked.state != ProposalState.COUNCIL:
        raise kernel.Refusal(_("Tờ trình không ở bước trình Hội đồng."))
    ballot = locked.council_ballot
    if ballot is None or ballot.state != BallotState.CLOSED:
        raise kernel.Refusal(_("Phiếu của Hội đồng chưa kết thúc."))
    outcome = voting_selectors.ballot_outcome(ballot)
    if outcome.pending:
        raise kernel.Refusal(
            _("Kết quả còn trường hợp bằng phiếu chưa giải quyết; hãy bỏ phiếu lại trên trang phiếu của Hội đồng.")
        )
    result = voting_selectors.ballot_result(ballot)
    by_item = {row.candidate.object_id: row for row in result.rows}
    passed = {candidate.object_id for candidate in outcome.candidates}
    summary = {}
    for item in locked.items.filter(verdict=Verdict.ACCEPTED).select_related("unit", "person"):
        row = by_item.get(str(item.pk))
        item.council_votes = row.votes if row else 0
        item.council_percent = row.percent if row else 0
        item.council_passed = str(item.pk) in passed
        item.save(update_fields=["council_votes", "council_percent", "council_passed"])
        summary[item.name] = {"votes": item.council_votes, "passed": item.council_passed}
    kernel.log(
        actor,
        "proposal.council_result",
        locked,
        new={"ballot": ballot.pk, "base": result.base, "items": summary},
    )
    set_proposal_state(locked, ProposalState.VOTED, actor=actor, day=day)
    proposal.refresh_from_db()
    return locked
