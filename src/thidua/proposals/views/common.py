"""What the proposal pages share beyond the kernel's page adapter (core/web.py): loading a proposal within the
user's scope."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from thidua.proposals import selectors
from thidua.proposals.models import Proposal, ProposalItem


def load_proposal(request, pk, perm="proposals.view_proposal"):
    """404 for a proposal the user may not see at all (another unit's draft); 403 for one seen but not changeable."""
    proposal = get_object_or_404(selectors.proposal_qs(), pk=pk)
    if not request.user.has_perm("proposals.view_proposal", proposal):
        raise Http404
    if perm != "proposals.view_proposal" and not request.user.has_perm(perm, proposal):
        raise PermissionDenied
    return proposal


def load_item(request, pk, perm="proposals.view_proposal"):
    item = get_object_or_404(selectors.item_qs().select_related("proposal"), pk=pk)
    load_proposal(request, item.proposal_id, perm)
    return item


__all__ = ["Proposal", "ProposalItem", "load_item", "load_proposal"]
