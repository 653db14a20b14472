"""What the voting views share beyond the kernel's page adapter (core/web.py): loading a meeting or ballot within
the user's scope."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from thidua.voting.models import Ballot, Meeting


def load_meeting(request, pk, perm="voting.view_meeting"):
    """404 for a meeting the user may not see at all; 403 for one they see but may not change."""
    meeting = get_object_or_404(Meeting.objects.select_related("province", "cluster_year__cluster"), pk=pk)
    if not request.user.has_perm("voting.view_meeting", meeting):
        raise Http404
    if perm != "voting.view_meeting" and not request.user.has_perm(perm, meeting):
        raise PermissionDenied
    return meeting


def load_ballot(request, pk, perm="voting.view_meeting"):
    ballot = get_object_or_404(
        Ballot.objects.select_related("meeting__province", "meeting__cluster_year__cluster", "rule_set", "award_form"),
        pk=pk,
    )
    load_meeting_of(request, ballot.meeting, perm)
    return ballot


def load_meeting_of(request, meeting, perm):
    if not request.user.has_perm("voting.view_meeting", meeting):
        raise Http404
    if perm != "voting.view_meeting" and not request.user.has_perm(perm, meeting):
        raise PermissionDenied
