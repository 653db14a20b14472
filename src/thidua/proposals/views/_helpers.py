"""What the proposal pages share: loading a proposal within the user's scope and running a service with messages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

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


def require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def run(request, action, success=""):
    """Call a service; on refusal show its Vietnamese message (nothing was changed) and report failure."""
    try:
        result = action()
    except ValidationError as refusal:
        for message in refusal.messages:
            messages.error(request, message)
        return False, None
    except PermissionDenied as refusal:
        messages.error(request, str(refusal) or _("Bạn không có quyền thực hiện thao tác này."))
        return False, None
    if success:
        messages.success(request, success)
    return True, result


def form_errors(request, form):
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


__all__ = ["Proposal", "ProposalItem", "form_errors", "load_item", "load_proposal", "require", "run"]
