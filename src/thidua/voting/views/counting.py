"""Pages for the counting team: voting slips with codes, paper and show-of-hands counts, written votes."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.documents import DOCUMENT_LANGUAGE, pdf_from_html, pdf_response
from thidua.core.web import form_errors, run
from thidua.voting import selectors, services
from thidua.voting.documents import print_css
from thidua.voting.enums import BallotState, CountState, SlipKind, VotingMode
from thidua.voting.forms import PaperCountForm, WrittenVoteConfirmForm, WrittenVoteForm
from thidua.voting.models import PaperCount, WrittenVote
from thidua.voting.services.casting import code_url
from thidua.voting.services.written import MAX_FAILED_MATCHES
from thidua.voting.views.common import load_ballot, load_meeting_of


def qr_data_uri(url):
    """The QR code as an SVG data URI, drawn here on the server (no remote service, no script)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


@login_required
def codes(request, pk):
    """GET explains; POST (re)issues the codes of present voters who have not voted and shows the slips once."""
    ballot = load_ballot(request, pk, "voting.manage_meeting")
    if request.method != "POST":
        context = {"ballot": ballot, "turnout": selectors.turnout(ballot), "slip_kinds": SlipKind}
        return render(request, "voting/codes.html", context)
    named = None if ballot.slip_kind else request.POST.get("slip_kind") == SlipKind.NAMED
    ok, issued = run(request, lambda: services.issue_codes(ballot, actor=request.user, named=named))
    if not ok:
        return redirect("voting:codes", ballot.pk)
    entry = request.build_absolute_uri(reverse("voting:code_entry_for_ballot", args=[ballot.public_id]))
    slips = []
    for item in issued:
        url = code_url(entry, item.code)
        slips.append({"delegate": item.delegate, "code": item.code, "qr": qr_data_uri(url)})
    context = {"ballot": ballot, "meeting": ballot.meeting, "slips": slips, "code_entry_url": entry}
    if request.POST.get("format") == "pdf":
        context["print_css"] = print_css("voting-slips-print.css")
        with translation.override(DOCUMENT_LANGUAGE):  # printed slips are conference papers: Vietnamese
            html = render_to_string("voting/print/slips.html", context, request=request)
        response = pdf_response(pdf_from_html(html), f"phieu-bau-{ballot.pk}.pdf")
    else:
        response = render(request, "voting/slips.html", context)
    response["Cache-Control"] = "no-store"  # the codes must not linger in a cache
    return response


@login_required
def paper_count(request, pk):
    ballot = load_ballot(request, pk, "voting.manage_meeting")
    if ballot.mode == VotingMode.ELECTRONIC:
        raise Http404
    candidates = list(ballot.candidates.select_related("unit", "person").order_by("position", "id"))
    form = PaperCountForm(request.POST or None, ballot=ballot, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, _count = run(
            request,
            lambda: services.enter_paper_count(
                ballot,
                issued=data.get("issued"),
                returned=data.get("returned"),
                valid=data["valid"],
                invalid=data.get("invalid") or 0,
                counts=form.counts(),
                note=data.get("note", ""),
                actor=request.user,
            ),
            _("Đã nhập số liệu. Người thứ hai cần xác nhận trước khi số liệu được tính."),
        )
        if ok:
            return redirect("voting:paper_count", ballot.pk)
    current = selectors.current_paper_count(ballot)
    lines = []
    if current is not None:
        votes = {line.candidate_id: line.votes for line in current.lines.all()}
        lines = [(c, votes.get(c.pk, 0)) for c in candidates]
    return render(
        request,
        "voting/paper_count.html",
        {
            "ballot": ballot,
            "form": form,
            "current": current,
            "lines": lines,
            "may_confirm": current is not None and current.entered_by_id != request.user.pk,
            "rejected": list(ballot.paper_counts.filter(state=CountState.REJECTED).select_related("entered_by")),
        },
    )


@login_required
@require_POST
def paper_count_decide(request, pk, action):
    count = get_object_or_404(PaperCount.objects.select_related("ballot__meeting"), pk=pk)
    load_meeting_of(request, count.ballot.meeting, "voting.manage_meeting")
    if action == "xac-nhan":
        run(request, lambda: services.confirm_paper_count(count, actor=request.user), _("Đã xác nhận số liệu."))
    elif action == "tra-lai":
        reason = request.POST.get("reason", "")
        run(request, lambda: services.reject_paper_count(count, actor=request.user, reason=reason), _("Đã trả lại."))
    else:
        raise Http404
    return redirect("voting:paper_count", count.ballot_id)


@login_required
def written_vote(request, pk):
    """Enter an absent member's written vote (the matching key is shown once, in this answer) and list the pending
    ones, each with the blind second entry for anyone but the person who typed it."""
    ballot = load_ballot(request, pk, "voting.manage_meeting")
    if ballot.mode != VotingMode.ELECTRONIC or ballot.state != BallotState.OPEN:
        raise Http404
    absent = [v.delegate for v in ballot.voters.filter(was_present=False, has_voted=False).select_related("delegate")]
    candidates = list(ballot.candidates.select_related("unit", "person").order_by("position", "id"))
    form = WrittenVoteForm(request.POST or None, delegates=absent, candidates=candidates)
    entered = None
    if request.method == "POST":
        if form.is_valid():
            ok, entered = run(
                request,
                lambda: services.enter_written_vote(
                    ballot,
                    delegate=form.cleaned_data["delegate"],
                    choices=form.cleaned_data["choices"],
                    actor=request.user,
                ),
            )
            if ok:
                form = WrittenVoteForm(delegates=absent, candidates=candidates)
        else:
            form_errors(request, form)
    pending = ballot.written_votes.filter(state=CountState.ENTERED).select_related("voter__delegate", "entered_by")
    rows = [
        (
            w,
            WrittenVoteConfirmForm(candidates=candidates, prefix=f"w{w.pk}")
            if w.entered_by_id != request.user.pk
            else None,
        )
        for w in pending
    ]
    context = {
        "ballot": ballot,
        "form": form,
        "pending": rows,
        "entered": entered,
        "max_failed": MAX_FAILED_MATCHES,
    }
    response = render(request, "voting/written_votes.html", context)
    if entered is not None:
        response["Cache-Control"] = "no-store"  # the matching key is shown once and must not linger in a cache
    return response


@login_required
@require_POST
def written_vote_decide(request, pk, action):
    written = get_object_or_404(WrittenVote.objects.select_related("ballot__meeting"), pk=pk)
    load_meeting_of(request, written.ballot.meeting, "voting.manage_meeting")
    if action == "xac-nhan":
        candidates = list(written.ballot.candidates.order_by("position", "id"))
        form = WrittenVoteConfirmForm(request.POST, candidates=candidates, prefix=f"w{written.pk}")
        if form.is_valid():
            data = form.cleaned_data
            ok, receipt = run(
                request,
                lambda: services.confirm_written_vote(
                    written, actor=request.user, choices=data["choices"], matching_key=data["matching_key"]
                ),
            )
            if ok:
                messages.success(
                    request, _("Hai lần nhập khớp nhau: phiếu đã được bỏ. Mã biên nhận: %(r)s") % {"r": receipt}
                )
        else:
            form_errors(request, form)
    elif action == "tra-lai":
        reason = request.POST.get("reason", "")
        run(request, lambda: services.reject_written_vote(written, actor=request.user, reason=reason), _("Đã trả lại."))
    else:
        raise Http404
    return redirect("voting:written_vote", written.ballot_id)
