"""Who may do what in the emulation year. Pages and the API both ask these (request.user.has_perm)."""

import rules

from thidua.emulation.enums import ExemplarState, PhaseKind, PledgeState, RegistrationState
from thidua.emulation.selectors import phase_is_open
from thidua.organizations.rules import (
    has_any_role,
    is_admin,
    is_board_of_cluster_year,
    is_board_officer,
    is_secretariat_of_cluster_year,
)
from thidua.organizations.scopes import scope_of


@rules.predicate
def is_secretariat(user):
    return bool(scope_of(user).secretariat_cluster_year_ids)


@rules.predicate
def has_unit_role(user):
    return bool(scope_of(user).unit_ids)


@rules.predicate
def is_member_staff_of_cluster_year(user, cluster_year):
    unit_ids = scope_of(user).unit_ids
    return (
        bool(unit_ids) and cluster_year is not None and cluster_year.memberships.filter(unit_id__in=unit_ids).exists()
    )


@rules.predicate
def is_member_head_of_cluster_year(user, cluster_year):
    unit_ids = scope_of(user).head_unit_ids
    return (
        bool(unit_ids) and cluster_year is not None and cluster_year.memberships.filter(unit_id__in=unit_ids).exists()
    )


oversees_cluster_year = is_admin | is_secretariat_of_cluster_year | is_board_of_cluster_year


# Registrations -------------------------------------------------------------------------------------------------
@rules.predicate
def is_staff_of_registration_unit(user, registration):
    return registration is not None and registration.unit_id in scope_of(user).unit_ids


@rules.predicate
def oversees_registration(user, registration):
    return registration is not None and oversees_cluster_year(user, registration.cluster_year)


@rules.predicate
def registration_is_draft(user, registration):
    return registration is not None and registration.state == RegistrationState.DRAFT


@rules.predicate
def registration_is_editable(user, registration):
    return registration is not None and registration.state in RegistrationState.editable()


@rules.predicate
def registration_is_submitted(user, registration):
    return registration is not None and registration.state == RegistrationState.SUBMITTED


@rules.predicate
def registration_phase_is_open(user, registration):

    return registration is not None and phase_is_open(registration.cluster_year, PhaseKind.REGISTRATION)


# A unit's draft is its own: the secretariat and the province see a registration once it has been sent.
can_view_registration = is_staff_of_registration_unit | (oversees_registration & ~registration_is_draft)
can_edit_registration = is_staff_of_registration_unit & registration_is_editable & registration_phase_is_open
can_decide_registration = oversees_registration & registration_is_submitted


# Pledges -------------------------------------------------------------------------------------------------------
@rules.predicate
def oversees_pledge(user, pledge):
    return pledge is not None and oversees_cluster_year(user, pledge.cluster_year)


@rules.predicate
def pledge_is_published(user, pledge):
    return pledge is not None and pledge.state != PledgeState.DRAFT


@rules.predicate
def is_member_staff_of_pledge_year(user, pledge):
    return pledge is not None and is_member_staff_of_cluster_year(user, pledge.cluster_year)


@rules.predicate
def is_member_head_of_pledge_year(user, pledge):
    return pledge is not None and is_member_head_of_cluster_year(user, pledge.cluster_year)


@rules.predicate
def pledge_is_open(user, pledge):
    return pledge is not None and pledge.state == PledgeState.OPEN


# Movements, reports, models ------------------------------------------------------------------------------------
@rules.predicate
def created_movement(user, movement):
    return movement is not None and movement.created_by_id == user.pk


@rules.predicate
def is_board_of_movement(user, movement):
    provinces = scope_of(user).board_province_ids
    return bool(provinces) and movement is not None and movement.provinces.filter(pk__in=provinces).exists()


@rules.predicate
def can_see_unit_work(user, unit):
    """A unit's reports and evidence: its own staff, the province's board, the secretariat of its clusters."""
    if unit is None:
        return False
    scope = scope_of(user)
    if scope.is_admin or unit.pk in scope.unit_ids or unit.province_id in scope.board_province_ids:
        return True
    secretariat = scope.secretariat_cluster_year_ids
    return bool(secretariat) and unit.memberships.filter(cluster_year_id__in=secretariat).exists()


@rules.predicate
def can_see_report(user, report):
    return report is not None and can_see_unit_work(user, report.participation.unit)


# Exemplars -----------------------------------------------------------------------------------------------------
@rules.predicate
def exemplar_is_recognised(user, exemplar):
    return exemplar is not None and exemplar.state == ExemplarState.RECOGNISED


@rules.predicate
def is_staff_of_exemplar_unit(user, exemplar):
    return exemplar is not None and exemplar.unit_id in scope_of(user).unit_ids


@rules.predicate
def oversees_exemplar(user, exemplar):
    if exemplar is None:
        return False
    scope = scope_of(user)
    return (
        scope.is_admin
        or exemplar.province_id in scope.board_province_ids
        or (exemplar.cluster_year_id is not None and exemplar.cluster_year_id in scope.secretariat_cluster_year_ids)
    )


@rules.predicate
def exemplar_is_proposed(user, exemplar):
    return exemplar is not None and exemplar.state == ExemplarState.PROPOSED


# Guiding documents ---------------------------------------------------------------------------------------------
@rules.predicate
def created_document(user, document):
    return document is not None and document.created_by_id == user.pk


@rules.predicate
def is_board_of_document(user, document):
    return document is not None and document.province_id in scope_of(user).board_province_ids


writes_catalogue = is_admin | is_board_officer | is_secretariat

rules.add_perm("emulation.view_cluster_year", oversees_cluster_year | is_member_staff_of_cluster_year)
rules.add_perm("emulation.manage_phases", oversees_cluster_year)
rules.add_perm("emulation.view_registration_board", oversees_cluster_year)
rules.add_perm("emulation.export_registrations", oversees_cluster_year)
rules.add_perm("emulation.view_registration", can_view_registration)
rules.add_perm("emulation.change_registration", can_edit_registration)
rules.add_perm("emulation.decide_registration", can_decide_registration)

rules.add_perm("emulation.manage_pledge", oversees_pledge)
rules.add_perm("emulation.manage_pledges", oversees_cluster_year)
rules.add_perm("emulation.view_pledge", oversees_pledge | (is_member_staff_of_pledge_year & pledge_is_published))
rules.add_perm("emulation.sign_pledge", is_member_head_of_pledge_year & pledge_is_open)

rules.add_perm("emulation.view_movement", has_any_role)
rules.add_perm("emulation.add_movement", writes_catalogue)
rules.add_perm("emulation.change_movement", is_admin | created_movement | is_board_of_movement)
rules.add_perm("emulation.view_unit_work", can_see_unit_work)
rules.add_perm("emulation.view_movement_report", can_see_report)

rules.add_perm("emulation.propose_exemplar", has_unit_role)
rules.add_perm("emulation.list_exemplars", has_any_role)
rules.add_perm("emulation.view_exemplar", exemplar_is_recognised | is_staff_of_exemplar_unit | oversees_exemplar)
rules.add_perm("emulation.change_exemplar", is_staff_of_exemplar_unit & exemplar_is_proposed)
rules.add_perm("emulation.decide_exemplar", oversees_exemplar)

rules.add_perm("emulation.view_guiding_document", has_any_role)
rules.add_perm("emulation.add_guiding_document", writes_catalogue)
rules.add_perm("emulation.change_guiding_document", is_admin | created_document | is_board_of_document)
