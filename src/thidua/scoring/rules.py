"""Who may read and write what in scoring. Pages and the API ask the same permissions.

Object permissions take a ClusterYear ("year" perms), an Assessment, or a ReviewAssignment. Phase and state
guards (is the self-assessment phase open? is the assessment submitted?) live in the services, which explain a
refusal in Vietnamese; these predicates answer only "is this person in a position to do it at all".
"""

import rules

from thidua.organizations.rules import (
    is_admin,
    is_board_of_cluster_year,
    is_head_of_unit,
    is_officer_of_unit,
    is_secretariat_of_cluster_year,
    is_staff_of_unit,
)
from thidua.organizations.scopes import scope_of
from thidua.scoring.enums import AssessmentState, ReviewState
from thidua.scoring.models import ReviewAssignment
from thidua.scoring.selectors import has_submitted_review_of, ranking_is_published


def _cluster_year(obj):
    return getattr(obj, "cluster_year", obj)


@rules.predicate
def is_secretariat(user, obj):
    return obj is not None and is_secretariat_of_cluster_year(user, _cluster_year(obj))


@rules.predicate
def is_board(user, obj):
    return obj is not None and is_board_of_cluster_year(user, _cluster_year(obj))


@rules.predicate
def is_member_staff(user, cluster_year):
    unit_ids = scope_of(user).unit_ids
    return bool(unit_ids) and cluster_year.memberships.filter(unit_id__in=unit_ids).exists()


@rules.predicate
def is_assigned_reviewer_in_year(user, cluster_year):
    unit_ids = scope_of(user).unit_ids
    return (
        bool(unit_ids) and ReviewAssignment.objects.filter(cluster_year=cluster_year, reviewer_id__in=unit_ids).exists()
    )


@rules.predicate
def is_council(user, obj):
    return obj is not None and _cluster_year(obj).cluster.province_id in scope_of(user).council_province_ids


@rules.predicate
def ranking_published(user, obj):
    return obj is not None and ranking_is_published(_cluster_year(obj))


# assessments ------------------------------------------------------------------------------------------------
@rules.predicate
def is_staff_of_assessed_unit(user, assessment):
    return assessment is not None and is_staff_of_unit(user, assessment.unit)


@rules.predicate
def is_officer_of_assessed_unit(user, assessment):
    return assessment is not None and is_officer_of_unit(user, assessment.unit)


@rules.predicate
def is_head_of_assessed_unit(user, assessment):
    return assessment is not None and is_head_of_unit(user, assessment.unit)


@rules.predicate
def reviews_submitted_assessment(user, assessment):
    """A reviewer sees a unit's self-score and evidence once the unit has submitted (drafts stay private)."""
    if assessment is None or assessment.state != AssessmentState.SUBMITTED:
        return False
    unit_ids = scope_of(user).unit_ids - {assessment.unit_id}
    return (
        bool(unit_ids)
        and ReviewAssignment.objects.filter(
            cluster_year_id=assessment.cluster_year_id, reviewee_id=assessment.unit_id, reviewer_id__in=unit_ids
        ).exists()
    )


@rules.predicate
def has_submitted_own_review(user, assessment):
    if assessment is None or is_staff_of_unit(user, assessment.unit):
        return False
    return has_submitted_review_of(user, assessment.cluster_year, assessment.unit)


# review assignments -------------------------------------------------------------------------------------------
@rules.predicate
def is_staff_of_reviewer(user, assignment):
    # Someone who also works for the reviewed unit never appraises it, even through another unit of theirs.
    return (
        assignment is not None
        and is_staff_of_unit(user, assignment.reviewer)
        and not is_staff_of_unit(user, assignment.reviewee)
    )


@rules.predicate
def has_submitted_review_of_same_unit(user, assignment):
    if assignment is None or is_staff_of_unit(user, assignment.reviewee):
        return False
    return has_submitted_review_of(user, assignment.cluster_year, assignment.reviewee)


@rules.predicate
def is_reviewee_staff_after_publication(user, assignment):
    return (
        assignment is not None
        and assignment.state == ReviewState.SUBMITTED
        and is_staff_of_unit(user, assignment.reviewee)
        and ranking_published(user, assignment)
    )


oversight = is_admin | is_secretariat | is_board
managers = is_admin | is_secretariat

rules.add_perm("scoring.view_year", oversight | is_council | is_member_staff | is_assigned_reviewer_in_year)
rules.add_perm("scoring.manage_table", managers)
rules.add_perm("scoring.view_progress", oversight)
rules.add_perm("scoring.view_assessment", oversight | is_staff_of_assessed_unit | reviews_submitted_assessment)
rules.add_perm("scoring.edit_assessment", is_officer_of_assessed_unit | is_head_of_assessed_unit)
rules.add_perm("scoring.submit_assessment", is_head_of_assessed_unit)
rules.add_perm("scoring.return_assessment", managers)
rules.add_perm(
    "scoring.view_final_scores",
    oversight | (is_staff_of_assessed_unit & ranking_published) | has_submitted_own_review,
)
rules.add_perm("scoring.settle_score", managers)
rules.add_perm("scoring.manage_reviews", managers)
rules.add_perm("scoring.review", is_staff_of_reviewer)
rules.add_perm(
    "scoring.view_review",
    oversight | is_staff_of_reviewer | has_submitted_review_of_same_unit | is_reviewee_staff_after_publication,
)
rules.add_perm(
    "scoring.view_ranking",
    oversight | (ranking_published & (is_member_staff | is_assigned_reviewer_in_year | is_council)),
)
rules.add_perm("scoring.publish_ranking", managers)
