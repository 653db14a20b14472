"""Reads about proposals: who sees which, who must act on one, its history, and what is ready to draft from."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from thidua.awards.selectors import overlapping_year_q
from thidua.core.activity import action_label
from thidua.core.models import ActivityLogEntry
from thidua.core.text import fold
from thidua.emulation.selectors import board_users, province_and_successors, secretariat_users, unit_users
from thidua.organizations.enums import Role
from thidua.organizations.models import ClusterYear, Person, Position, Province, RoleAssignment, Unit
from thidua.organizations.scopes import scope_of
from thidua.organizations.selectors import province_and_predecessors
from thidua.proposals.central import CENTRAL_LEVELS
from thidua.proposals.enums import ProposalState, ProposerKind
from thidua.proposals.models import Proposal, ProposalAttachment, ProposalItem
from thidua.voting.enums import BallotPurpose, BallotState, MeetingKind, MeetingState
from thidua.voting.models import Meeting


def proposal_qs():
    return Proposal.objects.select_related(
        "cluster_year__cluster", "unit", "province", "conference", "council_ballot__meeting", "created_by"
    )


def proposals_visible_to(user):
    """The same reach as the proposals.view_proposal rule, as one filter."""
    scope = scope_of(user)
    qs = proposal_qs()
    if scope.is_admin:
        return qs
    condition = (
        Q(proposer_kind=ProposerKind.CLUSTER, cluster_year_id__in=scope.secretariat_cluster_year_ids)
        | Q(proposer_kind=ProposerKind.UNIT, unit_id__in=scope.unit_ids)
        | Q(proposer_kind=ProposerKind.BOARD, province_id__in=scope.board_province_ids)
        | (Q(province_id__in=scope.board_province_ids) & ~Q(state=ProposalState.DRAFT))
        | Q(province_id__in=scope.council_province_ids, state__in=ProposalState.before_council())
    )
    return qs.filter(condition)


def proposals_for_list(user, *, state="", year=None, query=""):
    qs = proposals_visible_to(user).annotate(item_count=Count("items", distinct=True))
    if state:
        qs = qs.filter(state=state)
    if year:
        qs = qs.filter(year=year)
    for word in fold(query).split():
        qs = qs.filter(folded_title__contains=word)
    return qs.order_by("-year", "-created_at", "-id")


def item_qs():
    return ProposalItem.objects.select_related(
        "unit",
        "unit__province",
        "person",
        "person__province",
        "person_unit",
        "award_form",
        "award_record",
        "public_notice",
    )


def proposal_detail(pk):
    return proposal_qs().prefetch_related(Prefetch("items", queryset=item_qs().order_by("position", "id"))).get(pk=pk)


def items_of(proposal):
    return list(item_qs().filter(proposal=proposal).order_by("position", "id"))


def attachments_of(proposal):
    return list(
        ProposalAttachment.objects.filter(proposal=proposal)
        .select_related("stored_file", "item__unit", "item__person", "uploaded_by")
        .order_by("kind", "id")
    )


def history_of(proposal):
    """The proposal's activity log, oldest first: who moved it, when, and why."""
    content_type = ContentType.objects.get_for_model(Proposal)
    entries = list(
        ActivityLogEntry.objects.filter(content_type=content_type, object_id=str(proposal.pk))
        .select_related("actor")
        .order_by("created_at", "id")
    )
    for entry in entries:
        entry.label = action_label(entry.action) or entry.action
    return entries


# who acts ------------------------------------------------------------------------------------------------------
def drafter_users(proposal):
    if proposal.proposer_kind == ProposerKind.CLUSTER:
        return secretariat_users(proposal.cluster_year)
    if proposal.proposer_kind == ProposerKind.UNIT:
        return unit_users([proposal.unit_id])
    return board_users(proposal.province_id)


def council_members_of(province):
    """Council members whose council covers the province: its own, and that of any province it merged into."""
    User = get_user_model()  # noqa: N806 - the model class
    today = timezone.localdate()
    assignments = (
        RoleAssignment.objects.filter(
            role=Role.COUNCIL_MEMBER, province_id__in=province_and_successors(province.pk), user__is_active=True
        )
        .exclude(valid_from__gt=today)
        .exclude(valid_to__lt=today)
    )
    return list(User.objects.filter(pk__in=assignments.values("user_id")).order_by("full_name", "username"))


def owner_users(proposal):
    """Who must act next: the drafter on a draft or a returned dossier, the board on the province's desk."""
    if proposal.state in ProposalState.editable():
        return drafter_users(proposal)
    if proposal.state in (ProposalState.DECIDED, ProposalState.AWARDED):
        return []
    return board_users(proposal.province_id)


# what can be drafted from ----------------------------------------------------------------------------------------
def conferences_ready_for(user):
    """Conferences of the user's cluster years with a closed award ballot and no proposal drafted from them yet."""
    scope = scope_of(user)
    qs = Meeting.objects.filter(kind=MeetingKind.CONFERENCE).select_related("cluster_year__cluster")
    if not scope.is_admin:
        qs = qs.filter(cluster_year_id__in=scope.secretariat_cluster_year_ids)
    return list(
        qs.filter(ballots__purpose=BallotPurpose.AWARD, ballots__state=BallotState.CLOSED)
        .exclude(pk__in=Proposal.objects.exclude(conference=None).values("conference_id"))
        .distinct()
        .order_by("-held_on", "-id")
    )


def council_meetings_open(province):
    """Council sessions of the province not yet ended: a proposal may join one instead of opening a new one."""
    return list(
        Meeting.objects.filter(kind=MeetingKind.COUNCIL, province=province)
        .exclude(state=MeetingState.ENDED)
        .order_by("held_on", "id")
    )


def proposals_due(day, days_before):
    """Proposals still moving whose current step is due within days_before days, or overdue."""

    return list(
        proposal_qs()
        .filter(due_on__isnull=False, due_on__lte=day + timedelta(days=days_before))
        .exclude(state__in=(ProposalState.DECIDED, ProposalState.AWARDED))
        .order_by("due_on", "id")
    )


def home_rows(user, limit=5):
    """The proposals waiting for this user: drafts and returned ones they keep, and the board's desk."""
    scope = scope_of(user)
    waiting = Q(pk__in=[])
    if scope.secretariat_cluster_year_ids or scope.unit_ids:
        waiting |= Q(state__in=ProposalState.editable()) & (
            Q(proposer_kind=ProposerKind.CLUSTER, cluster_year_id__in=scope.secretariat_cluster_year_ids)
            | Q(proposer_kind=ProposerKind.UNIT, unit_id__in=scope.unit_ids)
        )
    if scope.board_province_ids:
        desk = (ProposalState.SENT, ProposalState.CHECKING, ProposalState.COUNCIL, ProposalState.VOTED)
        waiting |= Q(province_id__in=scope.board_province_ids, state__in=desk)
    if scope.council_province_ids:
        waiting |= Q(province_id__in=scope.council_province_ids, state=ProposalState.COUNCIL)
    return list(proposal_qs().filter(waiting).order_by("due_on", "-id")[:limit])


def drafting_targets(user):
    """What the user may draft for: ([cluster years], [units], [provinces])."""
    scope = scope_of(user)
    if scope.is_admin:
        years = ClusterYear.objects.select_related("cluster").order_by("-year", "cluster__name")[:50]
        return list(years), [], list(Province.objects.order_by("name"))
    return (
        list(
            ClusterYear.objects.filter(pk__in=scope.secretariat_cluster_year_ids)
            .select_related("cluster")
            .order_by("-year", "cluster__name")
        ),
        list(Unit.objects.filter(pk__in=scope.unit_ids).order_by("folded_name")),
        list(Province.objects.filter(pk__in=scope.board_province_ids).order_by("name")),
    )


def candidate_unit_ids(proposal):
    """Ids of the units whose collectives and people the drafter may propose: the cluster year's members, the
    unit, or the whole province (with provinces merged into it), each with the units under them."""
    if proposal.proposer_kind == ProposerKind.BOARD:
        provinces = province_and_predecessors(proposal.province)
        return set(Unit.objects.filter(province_id__in=provinces).values_list("pk", flat=True))
    if proposal.proposer_kind == ProposerKind.CLUSTER:
        roots = set(proposal.cluster_year.memberships.values_list("unit_id", flat=True))
    else:
        roots = {proposal.unit_id}
    found, frontier = set(roots), set(roots)
    while frontier:
        frontier = set(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return found


def candidates_for(proposal, year):
    """(units, people) a drafter may add to the proposal for a year."""
    unit_ids = candidate_unit_ids(proposal)
    units = Unit.objects.filter(pk__in=unit_ids).order_by("folded_name", "id")
    posts = Position.objects.filter(overlapping_year_q(year), unit_id__in=unit_ids).values("person_id")
    return units, Person.objects.filter(pk__in=posts).order_by("folded_name", "id")


def pending_central(user, *, year=None, award_form=None):
    """The forwarded state-level lines with no central decision yet, of the provinces whose board the user is (every
    province for an administrator), longest waiting first. One query."""
    qs = (
        item_qs()
        .select_related("proposal", "proposal__province")
        .filter(
            proposal__state=ProposalState.FORWARDED,
            council_passed=True,
            award_record__isnull=True,
            award_form__level__in=CENTRAL_LEVELS,
        )
    )
    scope = scope_of(user)
    if not scope.is_admin:
        qs = qs.filter(proposal__province_id__in=scope.board_province_ids)
    if year:
        qs = qs.filter(year=year)
    if award_form is not None:
        qs = qs.filter(award_form=award_form)
    return list(qs.order_by("proposal__forwarded_on", "proposal_id", "position", "id"))
