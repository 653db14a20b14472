"""Who may see and run meetings and ballots. Casting a vote is not a permission: the roll decides (services)."""

import rules

from thidua.organizations.rules import is_admin
from thidua.organizations.scopes import scope_of
from thidua.voting.enums import MeetingKind


def _meeting(obj):
    """Accept a meeting, or anything hanging off one (ballot, delegate, candidate, count)."""
    for _ in range(3):
        if obj is None or hasattr(obj, "held_on"):
            return obj
        obj = getattr(obj, "meeting", None) or getattr(obj, "ballot", None)
    return obj


@rules.predicate
def is_secretariat_of_meeting(user, obj):
    meeting = _meeting(obj)
    return meeting is not None and meeting.cluster_year_id in scope_of(user).secretariat_cluster_year_ids


@rules.predicate
def is_board_of_meeting(user, obj):
    meeting = _meeting(obj)
    return meeting is not None and meeting.province_id in scope_of(user).board_province_ids


@rules.predicate
def is_council_member_of_meeting(user, obj):
    meeting = _meeting(obj)
    return (
        meeting is not None
        and meeting.kind == MeetingKind.COUNCIL
        and meeting.province_id in scope_of(user).council_province_ids
    )


@rules.predicate
def is_delegate_of_meeting(user, obj):
    meeting = _meeting(obj)
    return meeting is not None and user.is_authenticated and meeting.delegates.filter(user=user).exists()


@rules.predicate
def is_staff_of_member_unit(user, obj):
    meeting = _meeting(obj)
    unit_ids = scope_of(user).unit_ids
    if meeting is None or meeting.kind != MeetingKind.CONFERENCE or not unit_ids:
        return False
    return meeting.cluster_year.memberships.filter(unit_id__in=unit_ids).exists()


@rules.predicate
def is_secretariat_or_board_of_cluster_year(user, cluster_year):
    if cluster_year is None:
        return False
    scope = scope_of(user)
    return (
        cluster_year.pk in scope.secretariat_cluster_year_ids
        or cluster_year.cluster.province_id in scope.board_province_ids
    )


@rules.predicate
def is_board_of_province(user, province):
    return province is not None and province.pk in scope_of(user).board_province_ids


@rules.predicate
def can_open_meetings_page(user):
    scope = scope_of(user)
    return bool(
        scope.is_admin
        or scope.secretariat_cluster_year_ids
        or scope.province_ids
        or scope.unit_ids
        or (user.is_authenticated and user.delegacies.exists())
    )


manages_meeting = is_admin | is_secretariat_of_meeting | is_board_of_meeting
views_meeting = manages_meeting | is_council_member_of_meeting | is_delegate_of_meeting | is_staff_of_member_unit

rules.add_perm("voting.list_meetings", can_open_meetings_page)
rules.add_perm("voting.view_meeting", views_meeting)
rules.add_perm("voting.manage_meeting", manages_meeting)
rules.add_perm("voting.add_conference", is_admin | is_secretariat_or_board_of_cluster_year)
rules.add_perm("voting.add_council_session", is_admin | is_board_of_province)
