"""Pages for one ballot: set-up and checklist, opening and closing, the result, ties, and the hall screen."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.web import form_errors, run
from thidua.voting import selectors, services
from thidua.voting.enums import BallotPurpose, BallotState, CountState, TieKind, VotingMode
from thidua.voting.forms import BallotEditForm, BallotForm, CandidateForm, ReasonForm, TieDecisionForm
from thidua.voting.models import Candidate
from thidua.voting.parameters import CHAIR_DECIDES
from thidua.voting.selectors import COMPARISON_LABELS, DENOMINATOR_LABELS, ResultNotAvailable
from thidua.voting.views.common import load_ballot, load_meeting, load_meeting_of
from thidua.voting.views.counting import qr_data_uri


def _member_units(meeting):
    if not meeting.is_conference:
        return []
    return [m.unit for m in meeting.cluster_year.memberships.select_related("unit").order_by("unit__folded_name")]


@login_required
def ballot_create(request, pk):
    meeting = load_meeting(request, pk, "voting.manage_meeting")
    rule_sets = selectors.rule_sets_for(meeting)
    form = BallotForm(request.POST or None, rule_sets=rule_sets, is_conference=meeting.is_conference)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        candidates = form.label_list() if data["source"] == BallotForm.SOURCE_LABELS else None
        ok, ballot = run(
            request,
            lambda: services.create_ballot(
                meeting,
                question=data["question"],
                candidates=candidates,
                max_choices=data["max_choices"],
                rule_set=data["rule_set"],
                mode=data["mode"],
                purpose=data["purpose"],
                award_form=data["award_form"],
                seats=data["seats"],
                key_threshold=data["key_threshold"],
                key_holders=data["key_holders"],
                actor=request.user,
            ),
            _("Đã tạo phiếu. Hãy kiểm tra danh sách ứng viên trước khi mở."),
        )
        if ok:
            return redirect("voting:ballot_detail", ballot.pk)
    return render(request, "voting/ballot_form.html", {"form": form, "meeting": meeting, "rule_sets": rule_sets})


def _rules_or_error(ballot):
    try:
        return selectors.rules_of(ballot), []
    except Exception as invalid:  # noqa: BLE001 - a broken rule set is shown as a problem, not a crash
        return None, getattr(invalid, "messages", [str(invalid)])


@login_required
def ballot_detail(request, pk):
    ballot = load_ballot(request, pk)
    meeting = ballot.meeting
    can_manage = request.user.has_perm("voting.manage_meeting", meeting)
    rules, rule_errors = _rules_or_error(ballot)
    context = {
        "ballot": ballot,
        "meeting": meeting,
        "candidates": list(ballot.candidates.select_related("unit", "person").order_by("position", "id")),
        "rules": rules,
        "rule_errors": rule_errors,
        "comparison_labels": COMPARISON_LABELS,
        "denominator_labels": DENOMINATOR_LABELS,
        "can_manage": can_manage,
        "voter": selectors.voter_for_user(ballot, request.user),
        "runoffs": list(ballot.runoffs.order_by("id")),
        "share_numbers": range(1, ballot.key_holders + 1),
    }
    if ballot.state == BallotState.DRAFT:
        context["problems"] = selectors.ballot_problems(ballot)
        context["warnings"] = selectors.ballot_warnings(ballot)
        context["candidate_form"] = CandidateForm(units=_member_units(meeting))
        context["edit_form"] = BallotEditForm(
            initial={
                "version": ballot.version,
                "question": ballot.question,
                "mode": ballot.mode,
                "max_choices": ballot.max_choices,
                "seats": ballot.seats,
                "key_holders": ballot.key_holders,
                "key_threshold": ballot.key_threshold,
            }
        )
    if ballot.state == BallotState.OPEN:
        context["turnout"] = selectors.turnout(ballot)
        if ballot.is_counted_by_hand:
            context["paper_count"] = selectors.current_paper_count(ballot)
        else:
            context["written_votes"] = list(
                ballot.written_votes.filter(state=CountState.ENTERED).select_related("voter__delegate", "entered_by")
            )
    context["cancel_form"] = ReasonForm()
    return render(request, "voting/ballot_detail.html", context)


@login_required
@require_POST
def ballot_edit(request, pk):
    ballot = load_ballot(request, pk, "voting.manage_meeting")
    form = BallotEditForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        run(
            request,
            lambda: services.update_ballot(ballot, actor=request.user, seen_version=version, **data),
            _("Đã lưu."),
        )
    else:
        form_errors(request, form)
    return redirect("voting:ballot_detail", ballot.pk)


@login_required
@require_POST
def candidate_add(request, pk):
    ballot = load_ballot(request, pk, "voting.manage_meeting")
    form = CandidateForm(request.POST, units=_member_units(ballot.meeting))
    if form.is_valid():
        item = form.cleaned_data["unit"] or form.cleaned_data["label"].strip()
        run(request, lambda: services.add_candidates(ballot, [item], actor=request.user), _("Đã thêm ứng viên."))
    else:
        form_errors(request, form)
    return redirect("voting:ballot_detail", ballot.pk)


@login_required
@require_POST
def candidate_remove(request, pk):
    candidate = get_object_or_404(Candidate.objects.select_related("ballot__meeting"), pk=pk)
    load_meeting_of(request, candidate.ballot.meeting, "voting.manage_meeting")
    run(request, lambda: services.remove_candidate(candidate, actor=request.user), _("Đã bỏ ứng viên."))
    return redirect("voting:ballot_detail", candidate.ballot_id)


@login_required
@require_POST
def ballot_state(request, pk):
    ballot = load_ballot(request, pk, "voting.manage_meeting")
    action = request.POST.get("action")
    if action == "open":
        ok, opened = run(
            request, lambda: services.open_ballot(ballot, actor=request.user), _("Phiếu đã mở. Danh sách đã cố định.")
        )
        if ok and getattr(opened, "key_shares", None):
            return key_share_sheets(request, opened)
    elif action == "close":
        shares = request.POST.getlist("share")
        ok, _ballot = run(
            request,
            lambda: services.close_ballot(ballot, actor=request.user, shares=shares),
            _("Đã kết thúc bỏ phiếu."),
        )
        if ok:
            return redirect("voting:ballot_result", ballot.pk)
    elif action == "void":
        reason = request.POST.get("reason", "")
        run(
            request,
            lambda: services.void_ballot(ballot, actor=request.user, reason=reason),
            _("Phiếu đã được tuyên bố vô hiệu."),
        )
    elif action == "cancel":
        reason = request.POST.get("reason", "")
        run(request, lambda: services.cancel_ballot(ballot, actor=request.user, reason=reason), _("Đã hủy phiếu."))
    return redirect("voting:ballot_detail", ballot.pk)


def key_share_sheets(request, ballot):
    """The counting board's key shares, one printable sheet each, shown in the answer to opening and never again."""
    sheets = [{"sheet": sheet, "qr": qr_data_uri(sheet.text)} for sheet in ballot.key_shares]
    response = render(
        request, "voting/key_shares.html", {"ballot": ballot, "meeting": ballot.meeting, "sheets": sheets}
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def rerun(request, pk):
    ballot = load_ballot(request, pk, "voting.manage_meeting")
    ok, created = run(
        request,
        lambda: services.rerun_void_ballot(ballot, actor=request.user),
        _("Đã tạo phiếu mới cùng nội dung; hãy mở phiếu."),
    )
    if ok:
        return redirect("voting:ballot_detail", created.pk)
    return redirect("voting:ballot_detail", ballot.pk)


def result_context(ballot):
    result = selectors.ballot_result(ballot)
    return {
        "ballot": ballot,
        "meeting": ballot.meeting,
        "result": result,
        "comparison_label": COMPARISON_LABELS[result.rules.comparison],
        "denominator_label": DENOMINATOR_LABELS[result.rules.denominator],
        "runoffs": list(ballot.runoffs.order_by("id")),
    }


@login_required
def ballot_result(request, pk):
    ballot = load_ballot(request, pk)
    try:
        context = result_context(ballot)
    except ResultNotAvailable as hidden:
        return render(request, "voting/result_hidden.html", {"ballot": ballot, "reason": str(hidden)}, status=409)
    result = context["result"]
    can_manage = request.user.has_perm("voting.manage_meeting", ballot.meeting)
    tie = result.tie
    context.update(
        can_manage=can_manage,
        chair_may_decide=bool(
            tie and not tie.decided_by_chair and tie.kind == TieKind.QUOTA and result.rules.tie_rule == CHAIR_DECIDES
        ),
        live_runoff=selectors.live_runoff(ballot),
        is_election=ballot.purpose in (BallotPurpose.LEADER, BallotPurpose.DEPUTY),
    )
    if context["chair_may_decide"]:
        context["tie_form"] = TieDecisionForm(tied=[row.candidate for row in tie.candidates])
    return render(request, "voting/ballot_result.html", context)


@login_required
@require_POST
def tie_decision(request, pk):
    ballot = load_ballot(request, pk, "voting.manage_meeting")
    try:
        tie = selectors.ballot_result(ballot).tie
    except ResultNotAvailable:
        tie = None
    form = TieDecisionForm(request.POST, tied=[row.candidate for row in tie.candidates] if tie else [])
    if form.is_valid():
        run(
            request,
            lambda: services.decide_tie(
                ballot, chosen=form.cleaned_data["chosen"], note=form.cleaned_data["note"], actor=request.user
            ),
            _("Đã ghi quyết định của người chủ trì."),
        )
    else:
        form_errors(request, form)
    return redirect("voting:ballot_result", ballot.pk)


@login_required
@require_POST
def runoff(request, pk):
    ballot = load_ballot(request, pk, "voting.manage_meeting")
    ok, created = run(
        request, lambda: services.create_runoff(ballot, actor=request.user), _("Đã tạo phiếu bầu lại; hãy mở phiếu.")
    )
    if ok:
        return redirect("voting:ballot_detail", created.pk)
    return redirect("voting:ballot_result", ballot.pk)


def _hall_context(ballot):
    context = {"ballot": ballot, "turnout": selectors.turnout(ballot), "is_paper": ballot.mode != VotingMode.ELECTRONIC}
    if ballot.state == BallotState.CLOSED:
        context.update(result_context(ballot))
    return context


@login_required
def hall(request, pk):
    ballot = load_ballot(request, pk)
    return render(request, "voting/hall.html", _hall_context(ballot))


@login_required
def hall_status(request, pk):
    ballot = load_ballot(request, pk)
    return render(request, "voting/_hall_status.html", _hall_context(ballot))
