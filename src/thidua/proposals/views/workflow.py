"""The steps: send, receive, return; the board's verdicts; the council's session, its ballot and result; the
chairman's decision. Each POST calls one service and shows its refusal, if any, as a message."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core.web import form_errors, run
from thidua.proposals import central, selectors, services
from thidua.proposals.enums import ProposalState
from thidua.proposals.forms import CouncilForm, DecisionForm, ForwardForm, ReasonForm, VerdictForm
from thidua.proposals.views.common import load_item, load_proposal
from thidua.voting import services as voting
from thidua.voting.models import Meeting
from thidua.voting.views.ballots import key_share_sheets

ACTIONS = {
    "send": ("proposals.change_proposal", gettext_lazy("Đã gửi tờ trình lên tỉnh.")),
    "receive": ("proposals.manage_proposal", gettext_lazy("Đã tiếp nhận; tờ trình chuyển sang bước thẩm định.")),
    "return": ("proposals.manage_proposal", gettext_lazy("Đã trả lại tờ trình.")),
}


@login_required
@require_POST
def proposal_action(request, pk, action):
    if action not in ACTIONS:
        return redirect("proposals:detail", pk)
    perm, success = ACTIONS[action]
    proposal = load_proposal(request, pk, perm)
    if action == "send":
        run(request, lambda: services.send_proposal(proposal, actor=request.user), str(success))
    elif action == "receive":
        run(request, lambda: services.receive_proposal(proposal, actor=request.user), str(success))
    else:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            form_errors(request, form)
        else:
            reason = form.cleaned_data["reason"]
            run(request, lambda: services.return_proposal(proposal, actor=request.user, reason=reason), str(success))
    return redirect("proposals:detail", proposal.pk)


@login_required
@require_POST
def item_verdict(request, pk):
    item = load_item(request, pk, "proposals.manage_proposal")
    form = VerdictForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
    else:
        data = form.cleaned_data
        run(
            request,
            lambda: services.judge_item(
                item, actor=request.user, verdict=data["verdict"], reason=data["reason"], seen_version=data["version"]
            ),
            _("Đã ghi kết quả thẩm định: %(n)s.") % {"n": item.name},
        )
    return redirect(reverse("proposals:detail", args=[item.proposal_id]) + f"#dong-{item.pk}")


@login_required
def council_submit(request, pk):
    proposal = load_proposal(request, pk, "proposals.manage_proposal")
    meetings = selectors.council_meetings_open(proposal.province)
    form = CouncilForm(request.POST or None, meetings=meetings, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = get_object_or_404(Meeting, pk=data["meeting"]) if data["meeting"] else None
        ok, _ballot = run(
            request,
            lambda: services.submit_to_council(
                proposal,
                actor=request.user,
                meeting=meeting,
                held_on=data["held_on"],
                place=data["place"],
                chair_name=data["chair_name"],
                secretary_name=data["secretary_name"],
                mode=data["mode"],
            ),
            _("Đã trình Hội đồng: phiếu của Hội đồng đã được tạo. Hãy mở phiếu khi phiên họp bắt đầu."),
        )
        if ok:
            return redirect("proposals:detail", proposal.pk)
    elif request.method == "POST":
        form_errors(request, form)
    return render(request, "proposals/council_form.html", {"proposal": proposal, "form": form})


@login_required
@require_POST
def council_ballot(request, pk, action):
    """Open or close the council's ballot from the proposal's page (the voting pages do the same)."""
    proposal = load_proposal(request, pk, "proposals.manage_proposal")
    ballot = proposal.council_ballot
    if ballot is None or proposal.state != ProposalState.COUNCIL or action not in ("open", "close"):
        return redirect("proposals:detail", proposal.pk)
    if action == "open":
        ok, opened = run(
            request, lambda: voting.open_ballot(ballot, actor=request.user), _("Phiếu của Hội đồng đã mở.")
        )
        if ok and getattr(opened, "key_shares", None):
            return key_share_sheets(request, opened)  # the counting board's sheets, shown this once
    else:
        shares = request.POST.getlist("share")
        run(
            request,
            lambda: voting.close_ballot(ballot, actor=request.user, shares=shares),
            _("Đã kết thúc bỏ phiếu."),
        )
    return redirect("proposals:detail", proposal.pk)


@login_required
@require_POST
def council_result(request, pk):
    proposal = load_proposal(request, pk, "proposals.manage_proposal")
    run(
        request,
        lambda: services.record_council_result(proposal, actor=request.user),
        _("Đã ghi kết quả bỏ phiếu của Hội đồng vào tờ trình."),
    )
    return redirect("proposals:detail", proposal.pk)


@login_required
def decision_record(request, pk):
    proposal = load_proposal(request, pk, "proposals.manage_proposal")
    passed = [i for i in selectors.items_of(proposal) if i.council_passed]
    issuer = (
        ", ".join(dict.fromkeys(i.award_form.issuer for i in passed))
        if proposal.state == ProposalState.FORWARDED
        else services.default_issuer(proposal.province)
    )
    initial = {"issuer": issuer, "decision_date": timezone.localdate()}
    form = DecisionForm(request.POST or None, passed=passed, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, _decision = run(
            request,
            lambda: services.record_decision(
                proposal,
                actor=request.user,
                number=data["number"],
                decision_date=data["decision_date"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
                issuer=data["issuer"],
                items=data["items"],
            ),
            _("Đã ghi quyết định; các dòng khen thưởng đã vào sổ và người được khen đã được thông báo."),
        )
        if ok:
            return redirect("proposals:detail", proposal.pk)
    elif request.method == "POST":
        form_errors(request, form)
    return render(request, "proposals/decision_form.html", {"proposal": proposal, "form": form, "passed": passed})


@login_required
def forward(request, pk):
    """The province forwards the council's passed state-level lines to the central level."""
    proposal = load_proposal(request, pk, "proposals.manage_proposal")
    form = ForwardForm(request.POST or None, initial={"forwarded_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        ok, _result = run(
            request,
            lambda: services.forward_to_central(proposal, actor=request.user, **form.cleaned_data),
            _("Đã ghi tờ trình lên Trung ương; hồ sơ chờ quyết định của cấp trên."),
        )
        if ok:
            return redirect("proposals:detail", proposal.pk)
    elif request.method == "POST":
        form_errors(request, form)
    items, attachments = selectors.items_of(proposal), selectors.attachments_of(proposal)
    rule_set, checks, problems = central.forward_check(proposal, items, attachments, timezone.localdate())
    context = {"proposal": proposal, "form": form, "rule_set": rule_set, "checks": checks, "problems": problems}
    return render(request, "proposals/forward_form.html", context)
