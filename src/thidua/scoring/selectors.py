"""Reads about criteria tables, assessments, reviews and rankings.

Public contract used by other apps: `ranking(cluster_year)`, `ranking_is_published(cluster_year)`,
`units_without_submitted_assessment(cluster_year)` and the `RankingRow` dataclass.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from thidua.emulation.enums import PhaseKind
from thidua.emulation.selectors import phase_has_closed, phase_is_open, phase_of
from thidua.organizations.enums import Role
from thidua.organizations.models import ClusterYear, RoleAssignment, Unit
from thidua.organizations.scopes import scope_of
from thidua.scoring.calculation import CriteriaTree, Entry, Totals, compute_totals, rank_entries
from thidua.scoring.enums import AssessmentState, FinalSource, ReviewState, TableStatus
from thidua.scoring.models import (
    Assessment,
    CriteriaTable,
    Criterion,
    Evidence,
    FinalScore,
    RankingPublication,
    ReviewAssignment,
    ReviewScore,
    SelfScore,
    TieDecision,
)


@dataclass
class RankingRow:
    unit: Unit
    total: Decimal
    rank: int
    is_vetoed: bool
    is_candidate: bool
    tie_break_note: str


@dataclass
class RankedUnit:
    """A ranking row with the figures the page, chart, Excel and .docx show beside it."""

    row: RankingRow
    assessment: Assessment
    totals: Totals
    self_total: Decimal


# tables ---------------------------------------------------------------------------------------------------
def current_table(cluster_year):
    return CriteriaTable.objects.filter(cluster_year=cluster_year, status=TableStatus.IN_FORCE).first()


def draft_table(cluster_year):
    return CriteriaTable.objects.filter(cluster_year=cluster_year, status=TableStatus.DRAFT).first()


def table_versions(cluster_year):
    return CriteriaTable.objects.filter(cluster_year=cluster_year).select_related("created_by").order_by("-version")


def tree_of(table):
    return CriteriaTree(list(Criterion.objects.filter(table=table))) if table else CriteriaTree([])


def self_assessment_has_started(cluster_year):
    """The self-assessment phase is open now or has been open before (it freezes the table)."""
    phase = phase_of(cluster_year, PhaseKind.SELF_ASSESSMENT)
    if phase is None:
        return False
    return phase.is_open() or phase.has_closed() or phase.starts_on <= timezone.localdate()


def table_is_frozen(table):
    if table.status == TableStatus.SUPERSEDED:
        return True
    if table.status == TableStatus.DRAFT:
        return False
    return table.frozen_at is not None or self_assessment_has_started(table.cluster_year)


def previous_tables(cluster_year):
    """Tables in force in the same cluster's earlier years, newest first: sources for "copy from last year"."""
    return (
        CriteriaTable.objects.filter(
            cluster_year__cluster_id=cluster_year.cluster_id,
            cluster_year__year__lt=cluster_year.year,
            status=TableStatus.IN_FORCE,
        )
        .select_related("cluster_year")
        .order_by("-cluster_year__year")
    )


# phases -----------------------------------------------------------------------------------------------------
def self_assessment_open(cluster_year):
    return phase_is_open(cluster_year, PhaseKind.SELF_ASSESSMENT)


def review_open(cluster_year):
    return phase_is_open(cluster_year, PhaseKind.REVIEW)


def review_has_closed(cluster_year):
    return phase_has_closed(cluster_year, PhaseKind.REVIEW)


# assessments ------------------------------------------------------------------------------------------------
def assessment_for(cluster_year, unit):
    return Assessment.objects.filter(cluster_year=cluster_year, unit=unit).first()


def assessments_of_year(cluster_year):
    return (
        Assessment.objects.filter(cluster_year=cluster_year)
        .select_related("unit", "submitted_by")
        .order_by("unit__folded_name", "id")
    )


def units_without_submitted_assessment(cluster_year):
    """Member units whose self-assessment is missing, still a draft or returned (for phase reminders)."""
    submitted = Assessment.objects.filter(cluster_year=cluster_year, state=AssessmentState.SUBMITTED).values("unit_id")
    return list(cluster_year.members.exclude(pk__in=submitted).order_by("folded_name", "id"))


def self_scores(assessment):
    return {s.criterion_id: s for s in SelfScore.objects.filter(assessment=assessment).select_related("updated_by")}


def evidence_by_code(assessment):
    found = {}
    rows = Evidence.objects.filter(assessment=assessment, removed_at__isnull=True).select_related("file")
    for evidence in rows:
        found.setdefault(evidence.criterion_code, []).append(evidence)
    return found


def final_scores(assessment):
    return {f.criterion_id: f for f in FinalScore.objects.filter(assessment=assessment).select_related("updated_by")}


def flagged_finals(cluster_year):
    return (
        FinalScore.objects.filter(assessment__cluster_year=cluster_year, is_flagged=True)
        .exclude(source=FinalSource.SETTLED)
        .select_related("assessment__unit", "criterion")
        .order_by("assessment__unit__folded_name", "criterion__position")
    )


# reviews ----------------------------------------------------------------------------------------------------
def assignments_of_year(cluster_year):
    return (
        ReviewAssignment.objects.filter(cluster_year=cluster_year)
        .select_related("reviewee", "reviewer", "submitted_by")
        .order_by("reviewee__folded_name", "role", "reviewer__folded_name", "id")
    )


def assignments_for_user(user):
    """Reviews the user's units were given, newest year first."""
    unit_ids = scope_of(user).unit_ids
    return (
        ReviewAssignment.objects.filter(reviewer_id__in=unit_ids)
        .select_related("reviewee", "reviewer", "cluster_year__cluster")
        .order_by("-cluster_year__year", "state", "reviewee__folded_name", "id")
    )


def assignments_of_reviewee(cluster_year, unit):
    return ReviewAssignment.objects.filter(cluster_year=cluster_year, reviewee=unit).select_related("reviewer")


def covered_leaves(tree, assignment):
    """The leaves an assignment appraises: the whole table, or the leaves under its group."""
    if not assignment.group_code:
        return tree.leaves()
    group = tree.by_code.get(assignment.group_code)
    return tree.leaves_under(group) if group else []


def review_scores(assignment):
    return {s.criterion_id: s for s in ReviewScore.objects.filter(assignment=assignment).select_related("updated_by")}


def submitted_review_scores(cluster_year, unit):
    """criterion id -> [(assignment, ReviewScore)] over the submitted reviews of a unit."""
    found = {}
    rows = ReviewScore.objects.filter(
        assignment__cluster_year=cluster_year, assignment__reviewee=unit, assignment__state=ReviewState.SUBMITTED
    ).select_related("assignment__reviewer")
    for score in rows:
        found.setdefault(score.criterion_id, []).append((score.assignment, score))
    return found


def has_submitted_review_of(user, cluster_year, unit):
    """Whether one of the user's units has submitted its own review of this unit (then it may see the others)."""
    return ReviewAssignment.objects.filter(
        cluster_year=cluster_year,
        reviewee=unit,
        reviewer_id__in=scope_of(user).unit_ids,
        state=ReviewState.SUBMITTED,
    ).exists()


# ranking ------------------------------------------------------------------------------------------------------
def ranking_is_published(cluster_year):
    return RankingPublication.objects.filter(cluster_year=cluster_year).exists()


def publication_of(cluster_year):
    return RankingPublication.objects.filter(cluster_year=cluster_year).select_related("published_by").first()


def _leaf_figures(rows, leaf_ids):
    return {row.criterion_id: (row.value, row.points) for row in rows if row.criterion_id in leaf_ids}


def ranking_details(cluster_year, table=None):
    """Every unit with a submitted self-assessment, ranked on its final scores, with the figures behind it."""
    table = table or current_table(cluster_year)
    if table is None:
        return []
    tree = tree_of(table)
    leaf_ids = {leaf.pk for leaf in tree.leaves()}
    assessments = list(
        Assessment.objects.filter(cluster_year=cluster_year, state=AssessmentState.SUBMITTED)
        .select_related("unit")
        .prefetch_related(
            Prefetch(
                "final_scores", queryset=FinalScore.objects.only("assessment_id", "criterion_id", "value", "points")
            ),
            Prefetch(
                "self_scores", queryset=SelfScore.objects.only("assessment_id", "criterion_id", "value", "points")
            ),
        )
    )
    entries = []
    for assessment in assessments:
        totals = compute_totals(tree, _leaf_figures(assessment.final_scores.all(), leaf_ids))
        self_totals = compute_totals(tree, _leaf_figures(assessment.self_scores.all(), leaf_ids))
        entries.append(Entry(assessment.unit_id, assessment.unit.full_name, totals, (assessment, self_totals.total)))
    decisions = list(TieDecision.objects.filter(cluster_year=cluster_year).order_by("-decided_at", "-id"))
    ranked = []
    for entry, rank, note in rank_entries(entries, table.tie_break_steps, decisions):
        assessment, self_total = entry.extra
        row = RankingRow(
            unit=assessment.unit,
            total=entry.totals.total,
            rank=rank,
            is_vetoed=entry.totals.is_vetoed,
            is_candidate=not entry.totals.is_vetoed,
            tie_break_note=note,
        )
        ranked.append(RankedUnit(row=row, assessment=assessment, totals=entry.totals, self_total=self_total))
    return ranked


def ranking(cluster_year):
    """The year's ranking as RankingRow objects in rank order (the voting app's default ballot reads it)."""
    return [item.row for item in ranking_details(cluster_year)]


# overview and people ----------------------------------------------------------------------------------------
def year_progress(cluster_year):
    """Counts for the secretariat's progress panel and the year page."""
    counted = Assessment.objects.filter(cluster_year=cluster_year).values("state").annotate(n=Count("id"))
    states = {row["state"]: row["n"] for row in counted}
    reviews = ReviewAssignment.objects.filter(cluster_year=cluster_year).aggregate(
        total=Count("id"), done=Count("id", filter=Q(state=ReviewState.SUBMITTED))
    )
    return {
        "members": cluster_year.memberships.count(),
        "submitted": states.get(AssessmentState.SUBMITTED, 0),
        "drafts": states.get(AssessmentState.DRAFT, 0) + states.get(AssessmentState.RETURNED, 0),
        "reviews_total": reviews["total"],
        "reviews_done": reviews["done"],
        "flags": flagged_finals(cluster_year).count(),
        "published": ranking_is_published(cluster_year),
    }


def scoring_years_for(user):
    """Cluster years the user works on in scoring: the units' clusters, the secretariat's, reviewers', the board's."""
    scope = scope_of(user)
    qs = ClusterYear.objects.select_related("cluster", "leader", "deputy")
    if not scope.is_admin:
        condition = (
            Q(pk__in=scope.secretariat_cluster_year_ids)
            | Q(memberships__unit_id__in=scope.unit_ids)
            | Q(review_assignments__reviewer_id__in=scope.unit_ids)
            | Q(cluster__province_id__in=scope.board_province_ids)
        )
        qs = qs.filter(condition)
    return qs.distinct().order_by("-year", "cluster__name")


def users_of_units(unit_ids, roles=(Role.UNIT_OFFICER, Role.UNIT_HEAD)):
    today = timezone.localdate()
    assignments = (
        RoleAssignment.objects.filter(unit_id__in=unit_ids, role__in=roles)
        .exclude(valid_from__gt=today)
        .exclude(valid_to__lt=today)
    )
    return list(get_user_model().objects.filter(pk__in=assignments.values("user_id"), is_active=True))


def secretariat_users(cluster_year):
    assignments = RoleAssignment.objects.filter(cluster_year=cluster_year, role=Role.CLUSTER_SECRETARIAT)
    return list(get_user_model().objects.filter(pk__in=assignments.values("user_id"), is_active=True))
