"""Reads about meetings and ballots: who sees what, the opening checklist, results and their consequences."""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.enums import RuleSetKind
from thidua.awards.selectors import rule_sets_in_force
from thidua.core.documents import DOCUMENT_LANGUAGE
from thidua.emulation.enums import PhaseKind
from thidua.emulation.selectors import phase_is_open, phase_of
from thidua.organizations import selectors as organization_selectors
from thidua.organizations.models import ClusterMembership
from thidua.organizations.scopes import scope_of
from thidua.scoring.selectors import ranking, ranking_details
from thidua.voting import tally
from thidua.voting.enums import BallotPurpose, BallotState, CountState, MeetingKind, VotingMode
from thidua.voting.models import Ballot, Candidate, CastBallot, Delegate, Meeting, PaperCount, Voter
from thidua.voting.parameters import fmt_percent, key_bounds_message, key_bounds_ok, parse_voting_rules

RULE_KIND = {MeetingKind.CONFERENCE: RuleSetKind.CLUSTER_VOTING, MeetingKind.COUNCIL: RuleSetKind.COUNCIL_VOTING}


class ResultNotAvailable(PermissionDenied):
    """Counts stay hidden from everyone, administrators included, until the ballot is closed. The API answers
    409: the request is right, the ballot is not yet in the state that allows it."""

    status = 409

    def __init__(self, message=None):
        super().__init__(message or _("Kết quả chỉ được công bố sau khi kết thúc bỏ phiếu."))


@dataclass
class CandidateSpec:
    """What create_ballot needs to know about one candidate. Give a unit, a person or a label."""

    unit: object = None
    person: object = None
    label: str = ""
    reference: object = None  # any model instance the candidate stands for (e.g. a proposal line)
    rank: int | None = None
    total: object = None
    note: str = ""


@dataclass
class BallotResult:
    ballot: object
    rules: object
    rows: list
    passed: list
    seats: int | None
    tie: object
    base: int
    member_count: int
    present_count: int
    issued: int
    returned: int
    valid: int
    invalid: int
    quorum_met: bool
    receipts: list = field(default_factory=list)

    @property
    def rule_set(self):
        return self.ballot.rule_set

    @property
    def base_label(self):
        return DENOMINATOR_LABELS[self.rules.denominator]


DENOMINATOR_LABELS = {
    "present": gettext_lazy("số thành viên có mặt"),
    "all_members": gettext_lazy("tổng số thành viên"),
}
COMPARISON_LABELS = {"at_least": gettext_lazy("từ … trở lên"), "more_than": gettext_lazy("trên …")}


# visibility ----------------------------------------------------------------------------------------------------
def meetings_visible_to(user):
    scope = scope_of(user)
    qs = Meeting.objects.select_related("province", "cluster_year__cluster")
    if scope.is_admin:
        return qs
    condition = (
        Q(cluster_year_id__in=scope.secretariat_cluster_year_ids)
        | Q(province_id__in=scope.board_province_ids)
        | Q(kind=MeetingKind.COUNCIL, province_id__in=scope.council_province_ids)
        | Q(pk__in=Delegate.objects.filter(user=user).values("meeting_id"))
    )
    if scope.unit_ids:
        member_years = ClusterMembership.objects.filter(unit_id__in=scope.unit_ids).values("cluster_year_id")
        condition |= Q(kind=MeetingKind.CONFERENCE, cluster_year_id__in=member_years)
    return qs.filter(condition)


def meetings_for_list(user):
    return (
        meetings_visible_to(user)
        .annotate(
            ballot_count=Count("ballots", filter=~Q(ballots__state=BallotState.CANCELLED), distinct=True),
            delegate_count=Count("delegates", distinct=True),
        )
        .order_by("-held_on", "-id")
    )


def meeting_with_roll(pk):
    return Meeting.objects.select_related("province", "cluster_year__cluster", "next_leader", "next_deputy").get(pk=pk)


def delegates_of(meeting):
    return meeting.delegates.select_related("unit", "user").order_by("sort_order", "id")


def ballots_of(meeting):
    return (
        meeting.ballots.select_related("rule_set", "award_form", "runoff_of")
        .annotate(candidate_count=Count("candidates", distinct=True))
        .order_by("position", "id")
    )


def ballot_with_candidates(pk):
    return (
        Ballot.objects.select_related("meeting__province", "meeting__cluster_year__cluster", "rule_set", "award_form")
        .prefetch_related(Prefetch("candidates", queryset=_candidate_qs()))
        .get(pk=pk)
    )


def _candidate_qs():

    return Candidate.objects.select_related("unit", "person").order_by("position", "id")


def open_ballots_for_user(user):
    """Open electronic ballots where this user is on the roll and has not voted yet."""
    if not user.is_authenticated:
        return Ballot.objects.none()
    voters = Voter.objects.filter(delegate__user=user, has_voted=False, was_present=True)
    return (
        Ballot.objects.filter(state=BallotState.OPEN, mode=VotingMode.ELECTRONIC, pk__in=voters.values("ballot_id"))
        .select_related("meeting")
        .order_by("meeting__held_on", "position")
    )


def voter_for_user(ballot, user):
    if not user.is_authenticated:
        return None
    return Voter.objects.filter(ballot=ballot, delegate__user=user).select_related("delegate").first()


# rules and the opening checklist ---------------------------------------------------------------------------------
def rules_of(ballot):
    """The rule parameters the ballot runs under: frozen at opening, else the rule set's current row."""
    return parse_voting_rules(ballot.rules_snapshot or ballot.rule_set.parameters)


def governed_forms(rule_set):
    """The award forms a voting rule set names (its scope); empty: the forms no other set in force names."""
    parameters = rule_set.parameters if isinstance(rule_set.parameters, dict) else {}
    return set(parameters.get("award_forms") or ())


def rule_sets_for(meeting, award_forms=None):
    """The voting rule sets in force on the meeting's day; with award_forms (codes), those that govern them all.

    The council's 90% rule governs only the titles the law names (law-check V-2), so a set may name its forms; a
    form named by a set in force is voted under that set, any other form under a set that names none."""
    found = rule_sets_in_force(RULE_KIND[meeting.kind], meeting.held_on, province=meeting.province)
    if award_forms is None:
        return found
    codes = set(award_forms)
    named = set().union(*(governed_forms(r) for r in found))
    if codes & named:
        return [r for r in found if codes <= governed_forms(r)]
    return [r for r in found if not governed_forms(r)]


def governing_rule_set(meeting, award_forms):
    """The one rule set that governs a ballot on these award forms, or a Vietnamese refusal naming the split."""
    found = rule_sets_for(meeting, award_forms)
    if found:
        return found[0]
    by_set = {}
    for code in sorted(award_forms):
        for rule_set in rule_sets_for(meeting, [code])[:1]:
            by_set.setdefault(rule_set.name, []).append(code)
    if len(by_set) > 1:
        parts = "; ".join(f"{name}: {', '.join(codes)}" for name, codes in by_set.items())
        raise ValidationError(
            _("Các danh hiệu, hình thức này được bỏ phiếu theo những quy định khác nhau (%(parts)s); hãy xét riêng.")
            % {"parts": parts}
        )
    raise ValidationError(_("Không có quy định bỏ phiếu nào có hiệu lực vào ngày họp."))


def roll_counts(meeting):
    members = meeting.delegates.count()
    present = meeting.delegates.filter(is_present=True).count()
    return members, present


def ballot_problems(ballot):
    """What blocks opening the ballot. Empty means it may open."""
    candidates = list(ballot.candidates.all())
    members, present = roll_counts(ballot.meeting)
    problems = _candidate_problems(ballot, candidates) + _roll_problems(members, present)
    if ballot.mode == VotingMode.ELECTRONIC and not key_bounds_ok(ballot.key_threshold, ballot.key_holders):
        problems.append(key_bounds_message(ballot.key_threshold, ballot.key_holders))
    in_force = {r.pk for r in rule_sets_for(ballot.meeting)}
    if not in_force:
        problems.append(_("Không có quy định bỏ phiếu nào có hiệu lực vào ngày họp."))
    elif ballot.rule_set_id not in in_force:
        problems.append(_("Quy định bỏ phiếu đã chọn không có hiệu lực vào ngày họp."))
    elif ballot.award_form_id and ballot.rule_set_id not in {
        r.pk for r in rule_sets_for(ballot.meeting, [ballot.award_form.code])
    }:
        problems.append(_("Quy định bỏ phiếu đã chọn không áp dụng cho %(form)s.") % {"form": ballot.award_form.name})
    try:
        rules = parse_voting_rules(ballot.rule_set.parameters)
    except ValidationError as invalid:
        return problems + invalid.messages
    if members and not rules.quorum_met(present, members):
        problems.append(
            _("Chưa đủ số thành viên có mặt theo quy định: %(present)s/%(members)s, cần ít nhất %(quorum)s%%.")
            % {"present": present, "members": members, "quorum": fmt_percent(rules.quorum_percent)}
        )
    if rules.secret and ballot.mode == VotingMode.ACCLAMATION:
        problems.append(_("Quy định yêu cầu bỏ phiếu kín; không dùng biểu quyết giơ tay."))
    return problems


def _candidate_problems(ballot, candidates):
    if not candidates:
        return [_("Chưa có ứng viên nào.")]
    problems = []
    if ballot.max_choices > len(candidates):
        problems.append(_("Số lựa chọn tối đa (%(n)s) lớn hơn số ứng viên.") % {"n": ballot.max_choices})
    if ballot.purpose in (BallotPurpose.LEADER, BallotPurpose.DEPUTY) and any(c.unit_id is None for c in candidates):
        problems.append(_("Ứng viên Trưởng, Phó cụm phải là đơn vị thành viên."))
    return problems


def _roll_problems(members, present):
    if members == 0:
        return [_("Danh sách đại biểu, thành viên còn trống.")]
    if present == 0:
        return [_("Chưa có đại biểu nào có mặt.")]
    return []


def ballot_warnings(ballot):
    warnings = []
    if not ballot.rule_set.is_verified:
        warnings.append(_("Quy định bỏ phiếu chưa được đối chiếu với văn bản gốc."))
    members, present = roll_counts(ballot.meeting)
    if present < members:
        warnings.append(_("%(n)s đại biểu vắng mặt.") % {"n": members - present})
    meeting = ballot.meeting
    if (
        meeting.is_conference
        and phase_of(meeting.cluster_year, PhaseKind.CONFERENCE)
        and not phase_is_open(meeting.cluster_year, PhaseKind.CONFERENCE, meeting.held_on)
    ):
        warnings.append(_("Ngày họp nằm ngoài giai đoạn hội nghị tổng kết theo lịch của cụm."))
    return warnings


# candidates by default -------------------------------------------------------------------------------------------
def default_candidates(meeting, purpose=BallotPurpose.AWARD):
    """Award ballots of a conference: the year's ranking, vetoed units left out. Elections: every member unit."""
    if not meeting.is_conference:
        return []
    members = [
        m.unit for m in meeting.cluster_year.memberships.select_related("unit").order_by("unit__folded_name", "id")
    ]
    if purpose != BallotPurpose.AWARD:
        return [CandidateSpec(unit=unit) for unit in members]
    with translation.override(DOCUMENT_LANGUAGE):  # the tie-break notes are stored with the candidates
        rows = list(ranking(meeting.cluster_year))
    if not rows:  # no ranking yet: every member, for the secretariat to trim
        return [CandidateSpec(unit=unit) for unit in members]
    return [
        CandidateSpec(unit=row.unit, rank=row.rank, total=row.total, note=row.tie_break_note or "")
        for row in rows
        if not row.is_vetoed and row.is_candidate
    ]


def excluded_by_veto(ballot):
    """The ranking's vetoed units a conference's first-round award ballot left out, with the veto criteria's codes.

    The minutes must say why a unit that scored was not on the paper; a run-off is among tied candidates only."""
    meeting = ballot.meeting
    if not meeting.is_conference or ballot.purpose != BallotPurpose.AWARD or ballot.runoff_of_id:
        return []
    on_paper = set(ballot.candidates.exclude(unit=None).values_list("unit_id", flat=True))
    return [
        (item.row.unit, item.totals.vetoes)
        for item in ranking_details(meeting.cluster_year)
        if item.row.is_vetoed and item.row.unit.pk not in on_paper
    ]


# turnout and results ---------------------------------------------------------------------------------------------
def turnout(ballot):
    """What the hall may see while voting: how many have voted, never what."""
    voters = ballot.voters.aggregate(
        entitled=Count("pk", filter=Q(was_present=True)),
        voted=Count("pk", filter=Q(has_voted=True)),
        total=Count("pk"),
    )
    unnamed_used = ballot.codes.filter(voter=None, used=True).count()  # unnamed slips: how many, never whose
    return {
        "state": ballot.state,
        "mode": ballot.mode,
        "roll": voters["total"],
        "present": voters["entitled"],
        "voted": voters["voted"] + unnamed_used,
    }


def current_paper_count(ballot):
    return (
        PaperCount.objects.filter(ballot=ballot)
        .exclude(state=CountState.REJECTED)
        .select_related("entered_by", "confirmed_by")
        .prefetch_related("lines")
        .first()
    )


def _electronic_counts(ballot):
    counter = Counter()
    receipts = []
    cast = 0
    for receipt, choices in CastBallot.objects.filter(ballot=ballot).values_list("receipt", "choices"):
        cast += 1
        receipts.append(receipt)
        counter.update(choices)
    entitled = (
        ballot.voters.filter(was_present=True).count() + ballot.written_votes.filter(state=CountState.CONFIRMED).count()
    )
    return counter, {"issued": entitled, "returned": cast, "valid": cast, "invalid": 0}, sorted(receipts)


def _paper_counts(ballot):
    count = PaperCount.objects.filter(ballot=ballot, state=CountState.CONFIRMED).prefetch_related("lines").first()
    if count is None:
        raise ResultNotAvailable(_("Số liệu kiểm phiếu chưa được người thứ hai xác nhận."))
    counter = Counter({line.candidate_id: line.votes for line in count.lines.all()})
    figures = {"issued": count.issued, "returned": count.returned, "valid": count.valid, "invalid": count.invalid}
    return counter, figures, []


def ballot_result(ballot):
    """Votes, percentage and pass/fail per candidate, the quota applied and any tie. Only after closing."""
    if ballot.state != BallotState.CLOSED:
        raise ResultNotAvailable
    rules = rules_of(ballot)
    candidates = list(ballot.candidates.select_related("unit", "person").order_by("position", "id"))
    if ballot.mode == VotingMode.ELECTRONIC:
        counter, figures, receipts = _electronic_counts(ballot)
    else:
        counter, figures, receipts = _paper_counts(ballot)
    outcome = tally.compute(
        rules,
        [(c, counter.get(c.pk, 0)) for c in candidates],
        member_count=ballot.member_count or 0,
        present_count=ballot.present_count or 0,
        seats=ballot.seats,
        chair_chosen={c.pk for c in candidates if c.chosen_by_chair},
    )
    return BallotResult(
        ballot=ballot,
        rules=rules,
        rows=outcome.rows,
        passed=outcome.passed,
        seats=outcome.seats,
        tie=outcome.tie,
        base=outcome.base,
        member_count=ballot.member_count or 0,
        present_count=ballot.present_count or 0,
        quorum_met=rules.quorum_met(ballot.present_count or 0, ballot.member_count or 0),
        receipts=receipts,
        **figures,
    )


def receipt_was_counted(ballot, receipt):
    if ballot.state != BallotState.CLOSED:
        raise ResultNotAvailable
    return CastBallot.objects.filter(ballot=ballot, receipt=normalise_receipt(receipt)).exists()


def normalise_receipt(raw):
    cleaned = "".join(ch for ch in str(raw).upper() if ch.isalnum())
    return f"{cleaned[:4]}-{cleaned[4:]}" if len(cleaned) == 8 else cleaned  # noqa: PLR2004 - receipt format


@dataclass
class Outcome:
    rows: list  # (ballot, CandidateResult) of who finally passed, counting run-offs and the chair's decision
    pending: bool  # a tie is still open (no run-off closed yet)

    @property
    def candidates(self):
        return [row.candidate for _ballot, row in self.rows]


def ballot_outcome(ballot):
    result = ballot_result(ballot)
    rows = [(ballot, row) for row in result.passed]
    if result.tie is None or result.tie.decided_by_chair:
        return Outcome(rows, pending=False)
    runoff = ballot.runoffs.filter(state=BallotState.CLOSED).order_by("-id").first()
    if runoff is None:
        return Outcome(rows, pending=True)
    later = ballot_outcome(runoff)
    return Outcome(rows + later.rows, pending=later.pending)


def live_runoff(ballot):
    return ballot.runoffs.exclude(state=BallotState.CANCELLED).order_by("-id").first()


def election_ballot(meeting, purpose):
    """The meeting's ballot for leader or deputy (the first one, not a run-off, not cancelled)."""
    return (
        meeting.ballots.filter(purpose=purpose, runoff_of__isnull=True)
        .exclude(state=BallotState.CANCELLED)
        .order_by("position", "id")
        .first()
    )


def rotation_leaders(cluster_year):
    """Next year's leader and deputy by the cluster's rotation order: the two slots after this year's leader."""
    member_ids = set(cluster_year.memberships.values_list("unit_id", flat=True))
    return organization_selectors.rotation_after(cluster_year.cluster, cluster_year.leader_id, member_ids)


def award_proposals(meeting):
    """For the submission: per award form, the candidates that passed (run-offs included) with their votes."""
    groups = {}
    ballots = meeting.ballots.filter(
        purpose=BallotPurpose.AWARD, state=BallotState.CLOSED, runoff_of__isnull=True
    ).select_related("award_form", "rule_set")
    for ballot in ballots.order_by("position", "id"):
        outcome = ballot_outcome(ballot)
        group = groups.setdefault(
            ballot.award_form_id, {"award_form": ballot.award_form, "ballots": [], "rows": [], "pending": False}
        )
        group["ballots"].append(ballot)
        group["rows"].extend(outcome.rows)
        group["pending"] |= outcome.pending
    return list(groups.values())
