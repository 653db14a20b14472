"""Downloads of the conference's papers, as .docx (Nghị định 30/2020) or PDF."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from thidua.core.documents import docx_response, pdf_response
from thidua.voting import documents
from thidua.voting.selectors import ResultNotAvailable
from thidua.voting.views.common import load_ballot, load_meeting


def _send(doc, fmt):
    if fmt == "docx":
        return docx_response(documents.to_docx(doc), f"{doc.filename}.docx")
    return pdf_response(documents.to_pdf(doc), f"{doc.filename}.pdf")


def _check(fmt):
    if fmt not in ("docx", "pdf"):
        raise Http404


@login_required
def count_minutes(request, pk, fmt):
    _check(fmt)
    ballot = load_ballot(request, pk)
    try:
        doc = documents.count_minutes(ballot)
    except ResultNotAvailable as hidden:
        return render(request, "voting/result_hidden.html", {"ballot": ballot, "reason": str(hidden)}, status=409)
    return _send(doc, fmt)


@login_required
def meeting_minutes(request, pk, fmt):
    _check(fmt)
    return _send(documents.meeting_minutes(load_meeting(request, pk)), fmt)


@login_required
def submission(request, pk, fmt):
    _check(fmt)
    meeting = load_meeting(request, pk)
    if not meeting.is_conference:
        raise Http404
    return _send(documents.submission(meeting), fmt)
