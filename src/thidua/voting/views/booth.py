"""The voting booth: by one-time code without logging in, or signed in; and the published receipt list.

These pages use no session messages and send no-store headers: a shared phone keeps nothing about the vote.
"""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from thidua.core.middleware import client_ip
from thidua.core.web import NOT_FOUND
from thidua.voting import record, selectors, services
from thidua.voting.enums import BallotState, VotingMode
from thidua.voting.exceptions import AlreadyVoted, NotOnRoll, VotingRefused
from thidua.voting.forms import CodeForm, VoteForm
from thidua.voting.models import Ballot
from thidua.voting.selectors import ResultNotAvailable
from thidua.voting.services.casting import normalise_code
from thidua.voting.views.common import load_ballot

# Only the origin, never a page's address: what a voter had open reaches no log, whatever it held. Not
# "no-referrer": under it a browser sends `Origin: null` with the page's own forms, and the CSRF check refuses
# every code and every vote.
REFERRER_POLICY = "strict-origin"


def no_referrer(view):
    """The voting pages tell the browser to send no address of theirs as Referer (REFERRER_POLICY)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = REFERRER_POLICY
        return response

    return wrapped


def _candidates(ballot):
    return list(ballot.candidates.select_related("unit", "person").order_by("position", "id"))


def _booth(request, ballot, *, form=None, error="", receipt="", status=200, code=""):
    return render(
        request,
        "voting/booth.html",
        {
            "ballot": ballot,
            "form": form,
            "error": error,
            "receipt": receipt,
            "code": code,
            "candidates": _candidates(ballot) if ballot else [],
        },
        status=status,
    )


def _cast(request, ballot, cast, *, code=""):
    """POST: validate the ticks, cast, and show the receipt; a refusal is shown with its HTTP status."""
    form = VoteForm(request.POST, ballot=ballot, candidates=_candidates(ballot))
    if not form.is_valid():
        return _booth(request, ballot, form=form, status=422, code=code)
    try:
        receipt = cast(form.cleaned_data["choices"])
    except VotingRefused as refusal:
        return _booth(request, ballot, error=refusal.messages[0], status=refusal.status, code=code)
    except ValidationError as invalid:
        return _booth(request, ballot, form=form, error=invalid.messages[0], status=422, code=code)
    return _booth(request, ballot, receipt=receipt)


def _code_page(request, ballot, *, form=None, error="", status=200):
    return render(
        request, "voting/code_entry.html", {"form": form or CodeForm(), "ballot": ballot, "error": error}, status=status
    )


@never_cache
@no_referrer
def code_entry(request, public_id=None):
    """The code is never in a URL: typed here, or carried by the slip's QR code in the fragment (#ma=...), which
    browsers do not send; the page's script moves it into this form and posts it. Wrong codes are rate-limited."""
    scope = get_object_or_404(Ballot.objects.select_related("meeting"), public_id=public_id) if public_id else None
    if request.method != "POST":
        return _code_page(request, scope)
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _code_page(request, scope, form=form, status=422)
    code = normalise_code(form.cleaned_data["code"])
    try:
        found = services.lookup_code(code, address=client_ip(request), ballot=scope)
    except VotingRefused as refusal:
        return _code_page(request, scope, form=form, error=refusal.messages[0], status=refusal.status)
    ballot = found.ballot
    if request.POST.get("step") == "vote":
        return _cast(request, ballot, lambda choices: services.cast_ballot(code, choices, ballot=ballot), code=code)
    if found.used:
        return _booth(request, ballot, error=AlreadyVoted().messages[0], status=409)
    if ballot.state != BallotState.OPEN:
        return _booth(request, ballot, error=_("Phiếu này hiện không mở để bỏ phiếu."), status=409)
    return _booth(request, ballot, form=VoteForm(ballot=ballot, candidates=_candidates(ballot)), code=code)


@never_cache
@no_referrer
@login_required
def vote(request, pk):
    ballot = load_ballot(request, pk)
    voter = selectors.voter_for_user(ballot, request.user)
    if request.method == "POST":
        return _cast(request, ballot, lambda choices: services.cast_ballot_for_user(ballot, request.user, choices))
    if ballot.mode != VotingMode.ELECTRONIC or ballot.state != BallotState.OPEN:
        return _booth(request, ballot, error=_("Phiếu này hiện không mở để bỏ phiếu."), status=409)
    if voter is None or not voter.was_present:
        return _booth(request, ballot, error=NotOnRoll().messages[0], status=403)
    if voter.has_voted:
        return _booth(request, ballot, error=_("Bạn đã bỏ phiếu. Mỗi đại biểu chỉ bỏ một phiếu."), status=409)
    return _booth(request, ballot, form=VoteForm(ballot=ballot, candidates=_candidates(ballot)))


@never_cache
@no_referrer
def receipts(request, public_id):
    """After closing, anyone holding the link sees the receipt codes counted and can look theirs up. The lookup is
    POST only: after closing a receipt's row holds the opened choices, so a receipt in an address (and so in an
    access log, beside the asker's address) would tie a person to a vote."""
    ballot = get_object_or_404(Ballot.objects.select_related("meeting"), public_id=public_id)
    if ballot.mode != VotingMode.ELECTRONIC:
        return render(request, "voting/receipts.html", {"ballot": ballot, "not_electronic": True})
    if ballot.state != BallotState.CLOSED:
        return render(request, "voting/receipts.html", {"ballot": ballot, "hidden": True}, status=409)
    query = request.POST.get("ma", "").strip() if request.method == "POST" else ""
    found = selectors.receipt_was_counted(ballot, query) if query else None
    codes = sorted(ballot.cast_ballots.values_list("receipt", flat=True))
    context = {"ballot": ballot, "codes": codes, "query": query, "found": found, "sealed": record.is_published(ballot)}
    return render(request, "voting/receipts.html", context)


@never_cache
@no_referrer
def public_record(request, public_id):
    """The closed sealed ballot's public record as one JSON file, for tools/verify_ballot.py."""
    ballot = get_object_or_404(Ballot.objects.select_related("meeting", "rule_set"), public_id=public_id)
    if not record.is_published(ballot):
        raise Http404(NOT_FOUND)
    if ballot.state != BallotState.CLOSED:
        return JsonResponse({"detail": str(ResultNotAvailable().args[0])}, status=409)
    response = JsonResponse(record.public_record(ballot), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="ho-so-phieu-{ballot.public_id}.json"'
    return response
