"""Permission predicates for units, clusters and people. Pages and the API both ask these."""

import rules

from thidua.organizations.enums import Role
from thidua.organizations.scopes import scope_of
from thidua.organizations.selectors.accounts import account_facts, account_in_cluster_years


@rules.predicate
def is_admin(user):
    return scope_of(user).is_admin


@rules.predicate
def is_board_officer(user):
    return bool(scope_of(user).board_province_ids)


@rules.predicate
def is_council_member(user):
    return bool(scope_of(user).council_province_ids)


@rules.predicate
def has_any_role(user):
    scope = scope_of(user)
    return bool(scope.is_admin or scope.unit_ids or scope.secretariat_cluster_year_ids or scope.province_ids)


@rules.predicate
def is_board_of_unit_province(user, unit):
    return unit is not None and unit.province_id in scope_of(user).board_province_ids


@rules.predicate
def is_province_staff_of_unit(user, unit):
    return unit is not None and unit.province_id in scope_of(user).province_ids


@rules.predicate
def is_officer_of_unit(user, unit):
    return unit is not None and unit.pk in scope_of(user).officer_unit_ids


@rules.predicate
def is_head_of_unit(user, unit):
    return unit is not None and unit.pk in scope_of(user).head_unit_ids


@rules.predicate
def is_staff_of_unit(user, unit):
    return unit is not None and unit.pk in scope_of(user).unit_ids


@rules.predicate
def is_secretariat_of_cluster_year(user, cluster_year):
    return cluster_year is not None and cluster_year.pk in scope_of(user).secretariat_cluster_year_ids


@rules.predicate
def is_board_of_cluster_year(user, cluster_year):
    return cluster_year is not None and cluster_year.cluster.province_id in scope_of(user).board_province_ids


@rules.predicate
def is_board_of_cluster(user, cluster):
    return cluster is not None and cluster.province_id in scope_of(user).board_province_ids


@rules.predicate
def no_object(user, obj):
    # Asked without an object ("may this user change units at all?"): menus and the create pages ask so.
    return obj is None


@rules.predicate
def is_province_staff_of_person(user, person):
    return person is not None and person.province_id in scope_of(user).province_ids


@rules.predicate
def works_in_users_unit(user, person):
    if person is None:
        return False
    unit_ids = scope_of(user).unit_ids
    return bool(unit_ids) and person.positions.filter(unit_id__in=unit_ids).exists()


@rules.predicate
def is_secretariat(user):
    return bool(scope_of(user).secretariat_cluster_year_ids)


def _account_facts(target):
    """(province ids the account's roles are exercised in, holds the administrator role), read once per object."""
    cached = getattr(target, "_thidua_account_facts", None)
    if cached is None:
        cached = account_facts(target)
        target._thidua_account_facts = cached  # noqa: SLF001 - per-object cache, like the scope's
    return cached


@rules.predicate
def is_board_of_account(user, target):
    # The board looks after the accounts working in its province; an administrator's account is the
    # administrators' own business.
    if target is None:
        return False
    province_ids, is_admin_account = _account_facts(target)
    return not is_admin_account and bool(province_ids & scope_of(user).board_province_ids)


@rules.predicate
def is_secretariat_of_account(user, target):
    years = scope_of(user).secretariat_cluster_year_ids
    if target is None or not years:
        return False
    return account_in_cluster_years(target, years)


@rules.predicate
def is_board_of_role(user, assignment):
    # A role (saved or about to be) the board may give or end: any but the administrator's, inside its province.
    if assignment is None or assignment.role == Role.ADMIN:
        return False
    return assignment.scope_province_id in scope_of(user).board_province_ids


@rules.predicate
def is_unit_officer(user):
    return bool(scope_of(user).officer_unit_ids)


@rules.predicate
def is_officer_of_persons_unit(user, person):
    """The officer of a unit where the person holds a post today: a unit keeps its own people."""
    if person is None:
        return False
    officer_units = scope_of(user).officer_unit_ids
    return bool(officer_units) and any(
        position.unit_id in officer_units and position.is_current() for position in person.positions.all()
    )


@rules.predicate
def is_board_of_persons_province(user, person):
    return person is not None and person.province_id in scope_of(user).board_province_ids


@rules.predicate
def is_officer_of_position_unit(user, position):
    return position is not None and position.unit_id in scope_of(user).officer_unit_ids


@rules.predicate
def is_board_of_position_province(user, position):
    return position is not None and position.unit.province_id in scope_of(user).board_province_ids


# Units and clusters are public administrative facts: every signed-in user with a role may read them.
rules.add_perm("organizations.view_unit", has_any_role)
# Act for a unit (open its registration, sign for it, file its reports): its own officers and head only.
rules.add_perm("organizations.act_for_unit", is_staff_of_unit)
rules.add_perm("organizations.view_cluster", has_any_role)
# Recording history and managing cluster years belong to the board of the unit's or cluster's province (a board of
# today's province also covers the provinces merged into it) and to administrators.
rules.add_perm("organizations.change_unit", is_admin | is_board_of_unit_province | (no_object & is_board_officer))
rules.add_perm("organizations.change_cluster", is_admin | is_board_of_cluster | (no_object & is_board_officer))
rules.add_perm("organizations.manage_cluster_year", is_admin | is_board_of_cluster_year)
# People carry personal data: their own unit, the province and administrators only.
rules.add_perm("organizations.view_person", is_admin | is_province_staff_of_person | works_in_users_unit)
rules.add_perm("organizations.list_people", has_any_role)
# A unit's officer keeps the unit's people (adds them, edits them, their posts, transfers them out); the board keeps
# its province's. add_person's object is the unit the person joins; without one it asks "may add people at all".
rules.add_perm(
    "organizations.add_person",
    is_admin | is_officer_of_unit | is_board_of_unit_province | (no_object & (is_board_officer | is_unit_officer)),
)
rules.add_perm("organizations.change_person", is_admin | is_officer_of_persons_unit | is_board_of_persons_province)
rules.add_perm("organizations.change_position", is_admin | is_officer_of_position_unit | is_board_of_position_province)
# Importing a list from Excel: each row is then checked against add_person for its unit.
rules.add_perm("organizations.import_people", is_admin | is_board_officer | is_unit_officer)
rules.add_perm("core.view_activity_log", is_admin | is_board_officer)
# Accounts: the board manages those working in its province (units, cluster years, the board and council), the
# cluster's secretariat sees those of its cluster's members, administrators manage all. Without an object the
# question is "may this user open the accounts pages at all".
rules.add_perm("organizations.view_accounts", is_admin | is_board_officer | is_secretariat)
rules.add_perm("organizations.view_account", is_admin | is_board_of_account | is_secretariat_of_account)
rules.add_perm("organizations.manage_accounts", is_admin | is_board_officer)
rules.add_perm("organizations.manage_account", is_admin | is_board_of_account)
rules.add_perm("organizations.grant_role", is_admin | is_board_of_role)
# The Django admin (accounts, role assignments, raw records) belongs to system administrators.
rules.add_perm("core.use_admin", is_admin)
