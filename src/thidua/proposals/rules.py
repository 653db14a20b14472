"""Who may see and act on a proposal. Pages and the API ask the same permissions.

A unit sees its own proposals, a cluster's secretariat those of its cluster years, the board those of its province
(and of provinces merged into it) once they are sent, council members what is before the council or past it.
The chairman's decision is recorded by the board: there is no chairman login.
"""

import rules

from thidua.core.files import register_file_access
from thidua.organizations.models import ClusterYear, Province, Unit
from thidua.organizations.rules import has_any_role, is_admin
from thidua.organizations.scopes import scope_of
from thidua.proposals.enums import ProposalState, ProposerKind
from thidua.proposals.models import ProposalAttachment


@rules.predicate
def is_drafter(user, proposal):
    """The user acts for whoever drafted the proposal: the cluster's secretariat, the unit, or the board."""
    if proposal is None:
        return False
    scope = scope_of(user)
    if proposal.proposer_kind == ProposerKind.CLUSTER:
        return proposal.cluster_year_id in scope.secretariat_cluster_year_ids
    if proposal.proposer_kind == ProposerKind.UNIT:
        return proposal.unit_id in scope.unit_ids
    return proposal.province_id in scope.board_province_ids


@rules.predicate
def is_board_of_proposal(user, proposal):
    return proposal is not None and proposal.province_id in scope_of(user).board_province_ids


@rules.predicate
def has_left_drafter(user, proposal):
    # A draft belongs to its drafter; the province sees it once sent (and keeps seeing it when returned).
    return proposal is not None and proposal.state != ProposalState.DRAFT


@rules.predicate
def is_council_of_proposal(user, proposal):
    return (
        proposal is not None
        and proposal.state in ProposalState.before_council()
        and proposal.province_id in scope_of(user).council_province_ids
    )


@rules.predicate
def is_editable(user, proposal):
    return proposal is not None and proposal.state in ProposalState.editable()


@rules.predicate
def may_draft_for(user, target):
    """Asked with the proposer: a ClusterYear (its secretariat), a Unit (its staff), a Province (its board).
    Asked without one: may the user draft a proposal at all."""
    scope = scope_of(user)
    if target is None:
        return bool(scope.secretariat_cluster_year_ids or scope.unit_ids or scope.board_province_ids)
    if isinstance(target, ClusterYear):
        return target.pk in scope.secretariat_cluster_year_ids
    if isinstance(target, Unit):
        return target.pk in scope.unit_ids
    if isinstance(target, Province):
        return target.pk in scope.board_province_ids
    return False


views_proposal = is_admin | is_drafter | (is_board_of_proposal & has_left_drafter) | is_council_of_proposal
rules.add_perm("proposals.list_proposals", has_any_role)
rules.add_perm("proposals.view_proposal", views_proposal)
rules.add_perm("proposals.add_proposal", is_admin | may_draft_for)
rules.add_perm("proposals.change_proposal", (is_admin | is_drafter) & is_editable)
# The board's desk: receive, check, return, take it to the council, record the council's result and the decision.
rules.add_perm("proposals.manage_proposal", is_admin | (is_board_of_proposal & has_left_drafter))


@rules.predicate
def is_board(user):
    return bool(scope_of(user).board_province_ids)


# The board's list of dossiers forwarded upward and still waiting for the central decision.
rules.add_perm("proposals.view_central_pending", is_admin | is_board)


@register_file_access
def attachment_access(user, stored_file):
    """A dossier's uploaded papers are read by whoever may read the dossier."""

    attachments = ProposalAttachment.objects.filter(stored_file=stored_file).select_related("proposal")
    return any(user.has_perm("proposals.view_proposal", a.proposal) for a in attachments)
