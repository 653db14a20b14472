"""Every predicate and permission of organizations/rules.py, allowed and refused."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.factories import (
    ClusterFactory,
    ClusterYearFactory,
    PersonFactory,
    PositionFactory,
    ProvinceFactory,
    RoleAssignmentFactory,
    UnitFactory,
)
from thidua.organizations import rules as org_rules
from thidua.organizations.enums import Role
from thidua.organizations.scopes import forget_scope, scope_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    province = ProvinceFactory(code="tinh-moi")
    merged = ProvinceFactory(code="tinh-sap-nhap")
    province.predecessors.add(merged)
    other = ProvinceFactory(code="tinh-khac")
    return {
        "province": province,
        "merged": merged,
        "other": other,
        "unit": UnitFactory(province=province),
        "old_unit": UnitFactory(province=merged),
        "foreign_unit": UnitFactory(province=other),
    }


def test_anonymous_and_role_less_users_have_no_scope(make_user):
    assert scope_of(AnonymousUser()).roles == set()
    assert scope_of(None).unit_ids == frozenset()
    assert scope_of(make_user()).roles == set()
    inactive = make_user(Role.ADMIN, is_active=False)
    assert scope_of(inactive).is_admin is False


def test_scope_collects_each_role(make_user, world):
    cy = ClusterYearFactory(cluster__province=world["province"])
    user = make_user(Role.UNIT_OFFICER, world["unit"])
    RoleAssignmentFactory(user=user, role=Role.UNIT_HEAD, unit=world["old_unit"])
    RoleAssignmentFactory(user=user, role=Role.CLUSTER_SECRETARIAT, cluster_year=cy)
    RoleAssignmentFactory(user=user, role=Role.COUNCIL_MEMBER, province=world["province"])
    scope = scope_of(user)
    assert scope.officer_unit_ids == {world["unit"].pk}
    assert scope.head_unit_ids == {world["old_unit"].pk}
    assert scope.unit_ids == {world["unit"].pk, world["old_unit"].pk}
    assert scope.secretariat_cluster_year_ids == {cy.pk}
    assert scope.council_province_ids == {world["province"].pk, world["merged"].pk}
    assert scope.board_province_ids == frozenset()
    assert scope.roles == {Role.UNIT_OFFICER, Role.UNIT_HEAD, Role.CLUSTER_SECRETARIAT, Role.COUNCIL_MEMBER}


def test_scope_is_cached_on_the_user_until_forgotten(make_user, world, django_assert_num_queries):
    user = make_user(Role.UNIT_OFFICER, world["unit"])
    scope_of(user)
    with django_assert_num_queries(0):
        scope_of(user)
    forget_scope(user)
    with django_assert_num_queries(1):
        scope_of(user)


def test_board_covers_merged_predecessor_provinces_transitively(make_user, world):
    older = ProvinceFactory(code="tinh-xua")
    world["merged"].predecessors.add(older)
    board = make_user(Role.BOARD_OFFICER, world["province"])
    assert scope_of(board).board_province_ids == {world["province"].pk, world["merged"].pk, older.pk}
    # The old province's board does not reach forward into the new one.
    old_board = make_user(Role.BOARD_OFFICER, world["merged"])
    assert scope_of(old_board).board_province_ids == {world["merged"].pk, older.pk}


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "counts"),
    [
        (None, None, True),
        (-10, 10, True),
        (0, 0, True),
        (None, -1, False),  # expired yesterday
        (1, None, False),  # starts tomorrow
    ],
)
def test_only_current_role_assignments_give_rights(make_user, world, valid_from, valid_to, counts):
    today = timezone.localdate()
    user = make_user()
    RoleAssignmentFactory(
        user=user,
        role=Role.BOARD_OFFICER,
        province=world["province"],
        valid_from=None if valid_from is None else today + datetime.timedelta(days=valid_from),
        valid_to=None if valid_to is None else today + datetime.timedelta(days=valid_to),
    )
    assert user.has_perm("organizations.change_unit", world["unit"]) is counts
    assert user.has_perm("organizations.view_unit") is counts
    assert user.has_perm("core.view_activity_log") is counts


def test_superuser_is_admin(make_user):
    user = make_user(is_superuser=True)
    assert scope_of(user).is_admin is True
    assert org_rules.is_admin(user) is True


def test_simple_role_predicates_both_ways(make_user, world):
    board = make_user(Role.BOARD_OFFICER, world["province"])
    council = make_user(Role.COUNCIL_MEMBER, world["province"])
    officer = make_user(Role.UNIT_OFFICER, world["unit"])
    admin = make_user(Role.ADMIN)
    nobody = make_user()
    assert [org_rules.is_admin(u) for u in (admin, board, nobody)] == [True, False, False]
    assert [org_rules.is_board_officer(u) for u in (board, council, admin)] == [True, False, False]
    assert [org_rules.is_council_member(u) for u in (council, board)] == [True, False]
    assert [org_rules.has_any_role(u) for u in (admin, board, council, officer, nobody)] == [
        True,
        True,
        True,
        True,
        False,
    ]


def test_unit_predicates_both_ways(make_user, world):
    unit, old_unit, foreign = world["unit"], world["old_unit"], world["foreign_unit"]
    officer = make_user(Role.UNIT_OFFICER, unit)
    head = make_user(Role.UNIT_HEAD, unit)
    board = make_user(Role.BOARD_OFFICER, world["province"])
    council = make_user(Role.COUNCIL_MEMBER, world["province"])
    assert (org_rules.is_officer_of_unit(officer, unit), org_rules.is_officer_of_unit(officer, old_unit)) == (
        True,
        False,
    )
    assert (org_rules.is_officer_of_unit(head, unit), org_rules.is_head_of_unit(head, unit)) == (False, True)
    assert (org_rules.is_head_of_unit(officer, unit), org_rules.is_head_of_unit(head, foreign)) == (False, False)
    assert (org_rules.is_staff_of_unit(officer, unit), org_rules.is_staff_of_unit(head, unit)) == (True, True)
    assert org_rules.is_staff_of_unit(officer, foreign) is False
    assert org_rules.is_staff_of_unit(officer, None) is False
    assert [org_rules.is_board_of_unit_province(board, u) for u in (unit, old_unit, foreign, None)] == [
        True,
        True,
        False,
        False,
    ]
    assert org_rules.is_board_of_unit_province(council, unit) is False
    assert [org_rules.is_province_staff_of_unit(u, unit) for u in (board, council, officer)] == [True, True, False]
    assert org_rules.is_province_staff_of_unit(council, foreign) is False


def test_cluster_predicates_both_ways(make_user, world):
    cy = ClusterYearFactory(cluster__province=world["merged"])
    other_year = ClusterYearFactory(cluster=cy.cluster, year=2025)
    foreign_year = ClusterYearFactory(cluster__province=world["other"])
    secretary = make_user(Role.CLUSTER_SECRETARIAT, cy)
    board = make_user(Role.BOARD_OFFICER, world["province"])
    assert [org_rules.is_secretariat_of_cluster_year(secretary, y) for y in (cy, other_year, None)] == [
        True,
        False,
        False,
    ]
    assert org_rules.is_secretariat_of_cluster_year(board, cy) is False
    assert [org_rules.is_board_of_cluster_year(board, y) for y in (cy, foreign_year, None)] == [True, False, False]
    assert org_rules.is_board_of_cluster_year(secretary, cy) is False
    assert [org_rules.is_board_of_cluster(board, c) for c in (cy.cluster, foreign_year.cluster, None)] == [
        True,
        False,
        False,
    ]


def test_person_predicates_both_ways(make_user, world):
    person = PositionFactory(unit=world["unit"], person__province=world["province"]).person
    stranger = PersonFactory(province=world["other"])
    officer = make_user(Role.UNIT_OFFICER, world["unit"])
    other_officer = make_user(Role.UNIT_OFFICER, world["old_unit"])
    council = make_user(Role.COUNCIL_MEMBER, world["province"])
    assert (org_rules.works_in_users_unit(officer, person), org_rules.works_in_users_unit(other_officer, person)) == (
        True,
        False,
    )
    assert org_rules.works_in_users_unit(officer, None) is False
    assert org_rules.works_in_users_unit(make_user(), person) is False
    assert (
        org_rules.is_province_staff_of_person(council, person),
        org_rules.is_province_staff_of_person(council, stranger),
    ) == (
        True,
        False,
    )
    assert org_rules.is_province_staff_of_person(officer, person) is False


def test_view_permissions_need_a_role(make_user, world):
    officer = make_user(Role.UNIT_OFFICER, world["foreign_unit"])
    nobody = make_user()
    for perm in ("organizations.view_unit", "organizations.view_cluster", "organizations.list_people"):
        assert officer.has_perm(perm) is True
        assert nobody.has_perm(perm) is False
        assert AnonymousUser().has_perm(perm) is False


def test_change_unit_for_admin_and_the_board_of_the_province_or_its_predecessors(make_user, world):
    board = make_user(Role.BOARD_OFFICER, world["province"])
    admin = make_user(Role.ADMIN)
    officer = make_user(Role.UNIT_OFFICER, world["unit"])
    council = make_user(Role.COUNCIL_MEMBER, world["province"])
    perm = "organizations.change_unit"
    assert [board.has_perm(perm, u) for u in (world["unit"], world["old_unit"], world["foreign_unit"])] == [
        True,
        True,
        False,
    ]
    assert admin.has_perm(perm, world["foreign_unit"]) is True
    assert (officer.has_perm(perm, world["unit"]), council.has_perm(perm, world["unit"])) == (False, False)
    # Without an object: may this user change units at all (menus, the create page)?
    assert [u.has_perm(perm) for u in (board, admin, officer, council)] == [True, True, False, False]


def test_change_cluster_and_manage_cluster_year(make_user, world):
    cy = ClusterYearFactory(cluster__province=world["merged"])
    foreign = ClusterYearFactory(cluster=ClusterFactory(province=world["other"]))
    board = make_user(Role.BOARD_OFFICER, world["province"])
    secretary = make_user(Role.CLUSTER_SECRETARIAT, cy)
    admin = make_user(Role.ADMIN)
    assert (
        board.has_perm("organizations.manage_cluster_year", cy),
        board.has_perm("organizations.manage_cluster_year", foreign),
    ) == (
        True,
        False,
    )
    assert secretary.has_perm("organizations.manage_cluster_year", cy) is False
    assert admin.has_perm("organizations.manage_cluster_year", foreign) is True
    assert (
        board.has_perm("organizations.change_cluster", cy.cluster),
        board.has_perm("organizations.change_cluster", foreign.cluster),
    ) == (
        True,
        False,
    )
    assert (board.has_perm("organizations.change_cluster"), secretary.has_perm("organizations.change_cluster")) == (
        True,
        False,
    )


def test_view_person_for_own_unit_province_staff_and_admin_only(make_user, world):
    person = PositionFactory(unit=world["unit"], person__province=world["province"]).person
    perm = "organizations.view_person"
    allowed = [
        make_user(Role.UNIT_OFFICER, world["unit"]),
        make_user(Role.UNIT_HEAD, world["unit"]),
        make_user(Role.BOARD_OFFICER, world["province"]),
        make_user(Role.COUNCIL_MEMBER, world["province"]),
        make_user(Role.ADMIN),
    ]
    refused = [
        make_user(Role.UNIT_OFFICER, world["old_unit"]),
        make_user(Role.BOARD_OFFICER, world["other"]),
        make_user(Role.CLUSTER_SECRETARIAT, ClusterYearFactory(cluster__province=world["province"])),
        make_user(),
    ]
    assert [u.has_perm(perm, person) for u in allowed] == [True] * 5
    assert [u.has_perm(perm, person) for u in refused] == [False] * 4


def test_board_of_new_province_reaches_the_merged_provinces_people(make_user, world):
    old_person = PersonFactory(province=world["merged"])
    board = make_user(Role.BOARD_OFFICER, world["province"])
    old_board = make_user(Role.BOARD_OFFICER, world["merged"])
    new_person = PersonFactory(province=world["province"])
    assert board.has_perm("organizations.view_person", old_person) is True
    assert old_board.has_perm("organizations.view_person", new_person) is False


def test_activity_log_permission(make_user, world):
    assert make_user(Role.ADMIN).has_perm("core.view_activity_log") is True
    assert make_user(Role.BOARD_OFFICER, world["province"]).has_perm("core.view_activity_log") is True
    for user in (
        make_user(Role.UNIT_OFFICER, world["unit"]),
        make_user(Role.COUNCIL_MEMBER, world["province"]),
        make_user(Role.CLUSTER_SECRETARIAT, ClusterYearFactory()),
        make_user(),
    ):
        assert user.has_perm("core.view_activity_log") is False
