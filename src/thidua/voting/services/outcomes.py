"""What follows a closed ballot: the chair's decision on a tie, a run-off, and next year's leader and deputy."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core import kernel
from thidua.core.documents import vietnamese
from thidua.organizations.models import ClusterYear
from thidua.organizations.services import open_cluster_year, set_cluster_year_leaders
from thidua.voting import selectors
from thidua.voting.enums import BallotPurpose, BallotState, LeadershipSource, TieKind
from thidua.voting.models import Ballot, Meeting
from thidua.voting.parameters import CHAIR_DECIDES
from thidua.voting.selectors import CandidateSpec
from thidua.voting.services.ballots import create_ballot
from thidua.voting.services.common import require_manager


def _open_tie(ballot):
    if ballot.state != BallotState.CLOSED:
        raise kernel.Refusal(_("Phiếu chưa kết thúc."))
    result = selectors.ballot_result(ballot)
    if result.tie is None or result.tie.decided_by_chair:
        raise kernel.Refusal(_("Phiếu này không có trường hợp bằng phiếu cần giải quyết."))
    return result


@transaction.atomic
def decide_tie(ballot, *, chosen, actor, note):
    """Record the chair's choice among candidates tied at the quota, when the rule set leaves ties to the chair."""
    original = ballot
    ballot = Ballot.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=ballot.pk)
    require_manager(actor, ballot.meeting)
    result = _open_tie(ballot)
    if result.tie.kind != TieKind.QUOTA or result.rules.tie_rule != CHAIR_DECIDES:
        raise kernel.Refusal(_("Theo quy định của phiếu này, trường hợp bằng phiếu được giải quyết bằng bỏ phiếu lại."))
    tied = {row.candidate.pk: row.candidate for row in result.tie.candidates}
    chosen_ids = {getattr(c, "pk", c) for c in chosen}
    try:
        chosen_ids = {int(pk) for pk in chosen_ids}
    except (TypeError, ValueError):
        raise kernel.Refusal(_("Lựa chọn không hợp lệ.")) from None
    if not chosen_ids <= set(tied) or len(chosen_ids) != result.tie.seats:
        raise kernel.Refusal(
            _("Người chủ trì phải chọn đúng %(n)s trong số các ứng viên bằng phiếu.") % {"n": result.tie.seats}
        )
    if not note.strip():
        raise kernel.Refusal(_("Hãy ghi lại ý kiến quyết định của người chủ trì."))
    ballot.candidates.filter(pk__in=chosen_ids).update(chosen_by_chair=True)
    ballot.tie_note = note.strip()
    ballot.tie_decided_by = actor
    ballot.tie_decided_at = timezone.now()
    ballot.save(update_fields=["tie_note", "tie_decided_by", "tie_decided_at"])
    kernel.log(
        actor,
        "ballot.tie_decided",
        ballot,
        new={"chosen": [tied[pk].display_name for pk in sorted(chosen_ids)]},
        note=note,
    )
    return kernel.sync(original, ballot)


@transaction.atomic
def create_runoff(ballot, *, actor):
    """One step: a new draft ballot among the tied candidates, for the seats still open, under the same rules."""

    ballot = Ballot.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=ballot.pk)
    require_manager(actor, ballot.meeting)
    result = _open_tie(ballot)
    if result.tie.kind == TieKind.QUOTA and result.rules.tie_rule == CHAIR_DECIDES:
        raise kernel.Refusal(_("Theo quy định của phiếu này, người chủ trì quyết định khi bằng phiếu."))
    if selectors.live_runoff(ballot) is not None:
        raise kernel.Refusal(_("Đã có phiếu bầu lại cho trường hợp bằng phiếu này."))
    specs = [
        CandidateSpec(
            unit=row.candidate.unit,
            person=row.candidate.person,
            label=row.candidate.label,
            reference=row.candidate.reference,
            rank=row.candidate.ranking_rank,
            total=row.candidate.ranking_total,
            note=row.candidate.note,
        )
        for row in result.tie.candidates
    ]
    return create_ballot(
        ballot.meeting,
        question=vietnamese(gettext_lazy("Bỏ phiếu lại: %(q)s")) % {"q": ballot.question},
        actor=actor,
        candidates=specs,
        max_choices=result.tie.seats,
        rule_set=ballot.rule_set,
        mode=ballot.mode,
        purpose=ballot.purpose,
        award_form=ballot.award_form,
        seats=result.tie.seats,
        runoff_of=ballot,
        key_threshold=ballot.key_threshold,
        key_holders=ballot.key_holders,
    )


@transaction.atomic
def rerun_void_ballot(ballot, *, actor):
    """A void ballot (too few key shares) is run again: a new draft with the same question, candidates and rules.
    It hangs on the void one as a run-off does, so the minutes and the ballot page show the pair."""
    ballot = Ballot.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=ballot.pk)
    kernel.require(actor, "voting.manage_meeting", ballot.meeting)
    if ballot.state != BallotState.VOID:
        kernel.refuse(_("Chỉ phiếu vô hiệu mới được tạo lại để bỏ lại."))
    if ballot.runoffs.exclude(state=BallotState.CANCELLED).exists():
        kernel.refuse(_("Phiếu này đã được tạo lại để bỏ lại."))
    specs = [
        CandidateSpec(
            unit=c.unit,
            person=c.person,
            label=c.label,
            reference=c.reference,
            rank=c.ranking_rank,
            total=c.ranking_total,
            note=c.note,
        )
        for c in ballot.candidates.order_by("position", "id")
    ]
    return create_ballot(
        ballot.meeting,
        question=vietnamese(gettext_lazy("Bỏ phiếu lại: %(q)s")) % {"q": ballot.question},
        actor=actor,
        candidates=specs,
        max_choices=ballot.max_choices,
        rule_set=ballot.rule_set,
        mode=ballot.mode,
        purpose=ballot.purpose,
        award_form=ballot.award_form,
        seats=ballot.seats,
        runoff_of=ballot,
        key_threshold=ballot.key_threshold,
        key_holders=ballot.key_holders,
    )


def _elected(meeting, purpose, label):
    ballot = selectors.election_ballot(meeting, purpose)
    if ballot is None or ballot.state != BallotState.CLOSED:
        raise kernel.Refusal(_("Chưa có kết quả bầu %(label)s.") % {"label": label})
    outcome = selectors.ballot_outcome(ballot)
    if outcome.pending:
        raise kernel.Refusal(_("Kết quả bầu %(label)s còn bằng phiếu chưa giải quyết.") % {"label": label})
    if len(outcome.candidates) != 1:
        raise kernel.Refusal(_("Không có đơn vị nào trúng cử %(label)s.") % {"label": label})
    return outcome.candidates[0].unit


@transaction.atomic
def apply_leadership(meeting, *, actor, source=LeadershipSource.BALLOT):
    """Make the conference's choice next year's leader and deputy (the year is opened if it does not exist)."""
    original = meeting
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("cluster_year__cluster").get(pk=meeting.pk)
    require_manager(actor, meeting)
    if not meeting.is_conference:
        raise kernel.Refusal(_("Chỉ hội nghị tổng kết cụm mới chọn Trưởng, Phó cụm."))
    this_year = meeting.cluster_year
    if source == LeadershipSource.ROTATION:
        leader, deputy = selectors.rotation_leaders(this_year)
        if leader is None:
            raise kernel.Refusal(_("Cụm chưa có thứ tự luân phiên (cần ít nhất hai đơn vị)."))
    else:
        leader = _elected(meeting, BallotPurpose.LEADER, _("Trưởng cụm"))
        deputy = _elected(meeting, BallotPurpose.DEPUTY, _("Phó Trưởng cụm"))
    next_year = ClusterYear.objects.filter(cluster=this_year.cluster, year=this_year.year + 1).first()
    if next_year is None:
        first, last = datetime.date(this_year.year + 1, 1, 1), datetime.date(this_year.year + 1, 12, 31)
        members = [
            m.unit
            for m in this_year.memberships.select_related("unit")
            if (m.unit.valid_to is None or m.unit.valid_to >= first)
            and (m.unit.valid_from is None or m.unit.valid_from <= last)
        ]  # a unit that ends before next year does not carry over
        next_year = open_cluster_year(this_year.cluster, this_year.year + 1, members=members, actor=actor)
    reason = vietnamese(gettext_lazy("Theo %(meeting)s ngày %(date)s")) % {
        "meeting": meeting.title,
        "date": meeting.held_on.strftime("%d/%m/%Y"),
    }
    set_cluster_year_leaders(next_year, leader=leader, deputy=deputy, actor=actor, reason=reason)
    old = {"next_leader": meeting.next_leader_id, "next_deputy": meeting.next_deputy_id}
    meeting.next_leader, meeting.next_deputy, meeting.leadership_source = leader, deputy, source
    meeting.save(update_fields=["next_leader", "next_deputy", "leadership_source"])
    kernel.log(
        actor,
        "meeting.leadership_applied",
        meeting,
        old=old,
        new={"next_leader": leader.pk, "next_deputy": deputy.pk, "source": source},
    )
    kernel.sync(original, meeting)
    return next_year
