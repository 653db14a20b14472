"""Downloads of the dossier's papers (.docx in the Nghị định 30/2020 layout, or PDF) and the whole dossier."""

from django.contrib.auth.decorators import login_required
from django.http import Http404

from thidua.core.documents import docx_response, pdf_response
from thidua.proposals import documents, dossier, selectors
from thidua.proposals.enums import ProposalState
from thidua.proposals.views._helpers import load_proposal
from thidua.voting import documents as voting_documents
from thidua.voting.enums import BallotState


def _build(proposal, kind, item_pk=None):
    items = selectors.items_of(proposal)
    if kind == "to-trinh":
        return documents.submission(proposal, items)
    if kind == "bien-ban-hoi-nghi" and proposal.conference_id:
        return voting_documents.meeting_minutes(proposal.conference)
    ballot = proposal.council_ballot
    if kind == "bien-ban-hop-xet" and ballot is not None and ballot.state == BallotState.CLOSED:
        return documents.review_minutes(proposal, items)
    if kind == "bao-cao" and item_pk is not None:
        item = next((i for i in items if i.pk == item_pk), None)
        if item is not None:
            return documents.achievement_report(proposal, item)
    if kind == "quyet-dinh" and proposal.state in (ProposalState.DECIDED, ProposalState.AWARDED):
        return documents.decision_document(proposal, dossier.decision_items(items))
    raise Http404


def _respond(doc, fmt):
    if fmt == "docx":
        return docx_response(dossier.to_docx(doc), f"{doc.filename}.docx")
    if fmt == "pdf":
        return pdf_response(dossier.to_pdf(doc), f"{doc.filename}.pdf")
    raise Http404


@login_required
def paper(request, pk, kind, fmt):
    proposal = load_proposal(request, pk)
    return _respond(_build(proposal, kind), fmt)


@login_required
def report(request, pk, item_pk, fmt):
    proposal = load_proposal(request, pk)
    return _respond(_build(proposal, "bao-cao", item_pk), fmt)


@login_required
def dossier_pdf(request, pk):
    proposal = load_proposal(request, pk)
    return pdf_response(dossier.dossier_pdf(proposal), f"ho-so-de-nghi-khen-thuong-{proposal.pk}.pdf")
