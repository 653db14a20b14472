"""Downloads of the dossier's papers (.docx in the Nghị định 30/2020 layout, or PDF) and the whole dossier."""

from django.contrib.auth.decorators import login_required
from django.http import Http404

from thidua.core.documents import docx_response, pdf_response
from thidua.proposals import dossier
from thidua.proposals.views.common import load_proposal


def _build(proposal, kind, item_pk=None):
    doc = dossier.build_paper(proposal, kind, item_pk)
    if doc is None:
        raise Http404
    return doc


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
