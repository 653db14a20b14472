"""A proposal's tờ trình is numbered in its proposer's outgoing register: the unit's, the cluster's or the board's."""

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.proposals import selectors
from thidua.proposals.enums import ProposerKind
from thidua.registers.enums import PaperType
from thidua.registers.papers import PaperSpec, board_issuer, cluster_issuer, register_paper, unit_issuer

SUBMISSION = "proposals.submission"


def proposer_body(proposal):
    """The body whose register numbers the proposal's tờ trình, and whose certificate signs its papers."""
    if proposal.proposer_kind == ProposerKind.UNIT:
        return unit_issuer(proposal.unit)
    if proposal.proposer_kind == ProposerKind.CLUSTER:
        return cluster_issuer(proposal.cluster_year.cluster)
    return board_issuer(proposal.province)


def _record(proposal, entry):
    # The board's minutes and the decision cite the tờ trình by this number and date.
    proposal.submission_number = entry.full_number
    proposal.submission_date = entry.issued_on
    proposal.save(update_fields=["submission_number", "submission_date"])


register_paper(
    PaperSpec(
        code=SUBMISSION,
        label=_("Tờ trình đề nghị khen thưởng"),
        paper_type=PaperType.SUBMISSION,
        load=lambda pk: selectors.proposal_qs().get(pk=pk),
        issuer=proposer_body,
        perm="proposals.change_proposal",
        view_perm="proposals.view_proposal",
        summary=lambda proposal: proposal.title,
        on_issue=_record,
        url=lambda proposal: reverse("proposals:detail", args=[proposal.pk]),
    )
)
