"""A proposal's page (everything each role needs at each step), and the drafter's edits: details, lines, papers."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards.enums import EligibilityStatus
from thidua.core.web import form_errors, run
from thidua.proposals import checks, numbered, selectors, services
from thidua.proposals.enums import ProposalState
from thidua.proposals.forms import AttachmentForm, ItemEditForm, ItemForm, ProposalEditForm, ReasonForm, VerdictForm
from thidua.proposals.models import ProposalAttachment
from thidua.proposals.views.common import load_item, load_proposal
from thidua.registers.selectors import entry_for
from thidua.voting import selectors as voting_selectors
from thidua.voting.enums import BallotState


@dataclass
class ItemRow:
    item: object
    status: str
    conditions: list
    checklist: list
    verdict_form: object = None

    @property
    def status_label(self):
        return EligibilityStatus(self.status).label if self.status else ""

    @property
    def problems(self):
        return [c for c in self.conditions if c.get("status") != "met"]


# Until the board's check is over the column reads the register as it is now, for the drafter as for the board
# (the API's eligibility answer does the same); afterwards it shows what the board saw when it judged each line.
LIVE_STATES = (*ProposalState.editable(), ProposalState.SENT, ProposalState.CHECKING)


def _rows(request, proposal, items, attachments, can_manage):
    live = proposal.state in LIVE_STATES
    results = checks.evaluate_items(items, as_of=timezone.localdate()) if live else {}
    rows = []
    for item in items:
        if item.pk in results:
            status, conditions = checks.snapshot(results[item.pk])
        else:
            status, conditions = item.eligibility_status, item.eligibility
        form = None
        if can_manage and proposal.state == ProposalState.CHECKING:
            form = VerdictForm(
                initial={"version": item.version, "verdict": item.verdict, "reason": item.verdict_reason}
            )
        rows.append(ItemRow(item, status, conditions, checks.item_checklist(item, attachments), form))
    return rows


def _council(request, proposal):
    ballot = proposal.council_ballot
    if ballot is None:
        return {}
    voter = voting_selectors.voter_for_user(ballot, request.user)
    turnout = voting_selectors.turnout(ballot) if ballot.state == BallotState.OPEN else None
    return {
        "ballot": ballot,
        "can_vote": ballot.state == BallotState.OPEN
        and voter is not None
        and voter.was_present
        and not voter.has_voted,
        "has_voted": voter is not None and voter.has_voted,
        "turnout": turnout,
    }


STEPS = [
    ProposalState.DRAFT,
    ProposalState.SENT,
    ProposalState.CHECKING,
    ProposalState.COUNCIL,
    ProposalState.VOTED,
    ProposalState.DECIDED,
    ProposalState.AWARDED,
]


def _steps(state, forwarded):
    current = ProposalState.DRAFT if state == ProposalState.RETURNED else ProposalState(state)
    # A dossier forwarded upward shows the central step between the council's vote and the decision.
    path = [*STEPS[:5], ProposalState.FORWARDED, *STEPS[5:]] if forwarded else STEPS
    at = path.index(current)
    steps = []
    for index, step in enumerate(path):
        label = ProposalState.RETURNED.label if step == current and state == ProposalState.RETURNED else step.label
        steps.append({"label": label, "css": "done" if index < at else ("current" if index == at else "")})
    return steps


@login_required
def proposal_detail(request, pk):
    proposal = load_proposal(request, pk)
    user = request.user
    items = selectors.items_of(proposal)
    attachments = selectors.attachments_of(proposal)
    can_change = user.has_perm("proposals.change_proposal", proposal)
    can_manage = user.has_perm("proposals.manage_proposal", proposal)
    try:
        decision = proposal.decision
    except ObjectDoesNotExist:
        decision = None
    context = {
        "proposal": proposal,
        "rows": _rows(request, proposal, items, attachments, can_manage),
        "attachments": attachments,
        "checklist": checks.proposal_checklist(proposal, attachments),
        "quotas": checks.quota_checks(proposal, items) if (can_change or can_manage) else [],
        "can_change": can_change,
        "can_manage": can_manage,
        "decision": decision,
        "history": selectors.history_of(proposal),
        "today": timezone.localdate(),
        "reason_form": ReasonForm(),
        "attachment_form": AttachmentForm(items=items) if can_change else None,
        "council": _council(request, proposal),
        "S": ProposalState,
        "steps": _steps(proposal.state, proposal.forwarded_on is not None),
        "submission_entry": entry_for(numbered.SUBMISSION, proposal.pk),
        "submission_code": numbered.SUBMISSION,
    }
    return render(request, "proposals/detail.html", context)


def _edit_initial(proposal):
    fields = ("title", "submission_date", "signer_name", "signer_title")
    return {"version": proposal.version, **{f: getattr(proposal, f) for f in fields}}


@login_required
def proposal_edit(request, pk):
    proposal = load_proposal(request, pk, "proposals.change_proposal")
    form = ProposalEditForm(request.POST or None, initial=_edit_initial(proposal))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        ok, _result = run(
            request,
            lambda: services.update_proposal(proposal, actor=request.user, seen_version=version, **data),
            _("Đã lưu thông tin tờ trình."),
        )
        if ok:
            return redirect("proposals:detail", proposal.pk)
        proposal.refresh_from_db()
        form = ProposalEditForm(initial=_edit_initial(proposal))
    return render(request, "proposals/edit.html", {"proposal": proposal, "form": form})


@login_required
def item_add(request, pk):
    proposal = load_proposal(request, pk, "proposals.change_proposal")
    year = proposal.year
    units, people = selectors.candidates_for(proposal, year)
    form = ItemForm(request.POST or None, request.FILES or None, units=units, people=people, initial={"year": year})
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            ok, _item = run(
                request,
                lambda: services.add_item(
                    proposal,
                    actor=request.user,
                    award_form=data["award_form"],
                    year=data["year"],
                    unit=data["unit"],
                    person=data["person"],
                    summary=data["summary"],
                    report=data["report"],
                ),
                _("Đã thêm dòng đề nghị."),
            )
            if ok:
                return redirect("proposals:detail", proposal.pk)
        else:
            form_errors(request, form)
    return render(request, "proposals/item_form.html", {"proposal": proposal, "form": form})


@login_required
def item_edit(request, pk):
    item = load_item(request, pk, "proposals.change_proposal")
    form = ItemEditForm(request.POST or None, initial={"version": item.version, "summary": item.summary})
    if request.method == "POST" and form.is_valid():
        ok, _result = run(
            request,
            lambda: services.update_item(
                item,
                actor=request.user,
                seen_version=form.cleaned_data["version"],
                summary=form.cleaned_data["summary"],
            ),
            _("Đã lưu tóm tắt thành tích."),
        )
        if ok:
            return redirect("proposals:detail", item.proposal_id)
        item.refresh_from_db()
        form = ItemEditForm(initial={"version": item.version, "summary": item.summary})
    return render(request, "proposals/item_edit.html", {"item": item, "proposal": item.proposal, "form": form})


@login_required
@require_POST
def item_remove(request, pk):
    item = load_item(request, pk, "proposals.change_proposal")
    run(request, lambda: services.remove_item(item, actor=request.user), _("Đã bỏ dòng đề nghị."))
    return redirect("proposals:detail", item.proposal_id)


@login_required
@require_POST
def attachment_add(request, pk):
    proposal = load_proposal(request, pk, "proposals.change_proposal")
    items = selectors.items_of(proposal)
    form = AttachmentForm(request.POST, request.FILES, items=items)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("proposals:detail", proposal.pk)
    item = next((i for i in items if i.pk == form.cleaned_data["item"]), None)
    run(
        request,
        lambda: services.add_attachment(
            proposal,
            form.cleaned_data["file"],
            actor=request.user,
            kind=form.cleaned_data["kind"],
            item=item,
            note=form.cleaned_data["note"],
        ),
        _("Đã tải tài liệu lên hồ sơ."),
    )
    return redirect("proposals:detail", proposal.pk)


@login_required
@require_POST
def attachment_remove(request, pk):
    attachment = get_object_or_404(ProposalAttachment.objects.select_related("stored_file"), pk=pk)
    load_proposal(request, attachment.proposal_id, "proposals.change_proposal")
    run(request, lambda: services.remove_attachment(attachment, actor=request.user), _("Đã bỏ tài liệu khỏi hồ sơ."))
    return redirect("proposals:detail", attachment.proposal_id)
