"""Writers for the dossier's papers: one paper as .docx or PDF, and the whole dossier as one PDF.

The dossier PDF holds, in order: a contents page, the submission, the conference's minutes (cluster proposals), the
council's review minutes, each line's achievement report and the decision with its list. Uploaded images become
pages of it; uploaded PDFs travel inside it as embedded files (WeasyPrint attachments, the paperclip in a PDF
reader), since appending their pages would need a PDF reader library; Word files are listed.
"""

import base64
import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from thidua.core.documents import DocxBuilder, pdf_from_html
from thidua.core.enums import FileKind
from thidua.proposals import documents, numbered, selectors
from thidua.proposals.enums import ProposalState
from thidua.registers.certificates import body_signer
from thidua.registers.selectors import entry_for
from thidua.voting import documents as voting_documents
from thidua.voting.enums import BallotState


def _close(builder, doc):
    if doc.signers:
        builder.paragraph()
        builder.signature_grid(doc.signers)
    else:
        builder.signatures_and_distribution()


def to_docx(doc):
    builder = DocxBuilder(doc.meta)
    closed = False
    for block in doc.blocks:
        kind = block.kind
        if kind == "heading":
            builder.heading(block.text)
        elif kind == "para":
            builder.paragraph(block.text, italic=block.italic)
        elif kind == "centered":
            builder.paragraph(block.text, bold=block.bold, italic=block.italic, align="center")
        elif kind == "closing":
            _close(builder, doc)
            closed = True
        elif kind == "pagebreak":
            builder.doc.add_page_break()
        else:
            builder.table(block.headers, block.rows, widths_mm=block.widths_mm)
    if not closed:
        _close(builder, doc)
    return builder.to_bytes()


def _prepare(docs):
    for doc in docs:
        doc.has_closing = any(block.kind == "closing" for block in doc.blocks)
    return docs


def _render_pdf(html, attachments=()):
    return pdf_from_html(html, attachments=attachments)


def _stylesheets():
    return [voting_documents.print_css("voting-print.css"), voting_documents.print_css("proposals-print.css")]


def to_pdf(doc):
    html = render_to_string(
        "proposals/print/dossier.html", {"docs": _prepare([doc]), "stylesheets": _stylesheets(), "single": True}
    )
    if doc.meta.draft:
        return pdf_from_html(html)
    return pdf_from_html(html, sign=True, signer=body_signer(doc.meta.body_key))


def decision_items(items):
    return [i for i in items if i.in_decision]


def dossier_documents(proposal, items):
    """Every paper the system can write for this proposal at its current step, in dossier order."""
    docs = [documents.submission(proposal, items)]
    if proposal.conference_id:
        docs.append(voting_documents.meeting_minutes(proposal.conference))
    ballot = proposal.council_ballot
    if ballot is not None and ballot.state == BallotState.CLOSED:
        docs.append(documents.review_minutes(proposal, items))
    docs += [documents.achievement_report(proposal, item) for item in items]
    # A central decision is issued above the province: the province does not print it.
    decided_here = proposal.forwarded_on is None and hasattr(proposal, "decision")
    if decided_here and proposal.state in (ProposalState.DECIDED, ProposalState.AWARDED):
        docs.append(documents.decision_document(proposal, decision_items(items)))
    return docs


def build_paper(proposal, kind, item_pk=None):
    """One paper by its URL name, or None when it does not exist at the proposal's step."""
    items = selectors.items_of(proposal)
    ballot = proposal.council_ballot
    if kind == "to-trinh":
        return documents.submission(proposal, items)
    if kind == "bien-ban-hoi-nghi" and proposal.conference_id:
        return voting_documents.meeting_minutes(proposal.conference)
    if kind == "bien-ban-hop-xet" and ballot is not None and ballot.state == BallotState.CLOSED:
        return documents.review_minutes(proposal, items)
    if kind == "bao-cao":
        item = next((i for i in items if i.pk == item_pk), None)
        return documents.achievement_report(proposal, item) if item is not None else None
    decided = proposal.state in (ProposalState.DECIDED, ProposalState.AWARDED)
    if kind == "quyet-dinh" and decided and proposal.forwarded_on is None:
        return documents.decision_document(proposal, decision_items(items))
    return None


def _read(stored_file):
    with stored_file.file.open("rb") as handle:
        return handle.read()


def _uploads(attachments):
    """(rows for the contents page, image pages, embedded PDFs)."""
    from weasyprint import Attachment  # noqa: PLC0415 - heavy: WeasyPrint loads Pango; only PDF requests pay for it

    rows, images, embedded = [], [], []
    for attachment in attachments:
        stored = attachment.stored_file
        if stored.kind == FileKind.PDF:
            how = _("đính kèm trong tệp PDF này (biểu tượng kẹp giấy)")
            embedded.append(
                Attachment(file_obj=io.BytesIO(_read(stored)), name=stored.original_name, description=attachment.note)
            )
        elif stored.kind in (FileKind.PNG, FileKind.JPEG):
            how = _("in ở cuối hồ sơ")
            mime = "image/png" if stored.kind == FileKind.PNG else "image/jpeg"
            images.append(
                {"attachment": attachment, "src": f"data:{mime};base64,{base64.b64encode(_read(stored)).decode()}"}
            )
        else:
            how = _("tệp Word, gửi kèm riêng")
        rows.append({"attachment": attachment, "how": how})
    return rows, images, embedded


def dossier_html(proposal):
    """(the print HTML of the whole dossier, the uploaded PDFs to embed)."""
    items = selectors.items_of(proposal)
    docs = _prepare(dossier_documents(proposal, items))
    rows, images, embedded = _uploads(selectors.attachments_of(proposal))
    html = render_to_string(
        "proposals/print/dossier.html",
        {
            "proposal": proposal,
            "docs": docs,
            "uploads": rows,
            "images": images,
            "stylesheets": _stylesheets(),
            "single": False,
        },
    )
    return html, embedded


def dossier_pdf(proposal):
    """The whole dossier in one PDF. Once its tờ trình is numbered it is an issued paper: signed with the proposer's
    certificate (or the installation's) like the papers in it; a draft dossier is not signed."""
    html, embedded = dossier_html(proposal)
    if entry_for(numbered.SUBMISSION, proposal.pk) is None:
        return _render_pdf(html, embedded)
    signer = body_signer(numbered.proposer_body(proposal).body_key)
    return pdf_from_html(html, attachments=embedded, sign=True, signer=signer)
