"""The one transition function of a proposal, and the board's verdict on each line."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.enums import EligibilityStatus
from thidua.core import kernel
from thidua.core.enums import NotificationLevel
from thidua.core.services import notify
from thidua.emulation.selectors import board_users
from thidua.proposals import central, checks, selectors
from thidua.proposals.deadlines import due_date
from thidua.proposals.enums import RETURNS, TRANSITIONS, ProposalState, ProposerKind, Verdict
from thidua.proposals.models import Proposal, ProposalItem
from thidua.proposals.services.common import STALE_PROPOSAL, url_of
from thidua.proposals.services.drafting import check_phase
from thidua.voting import services as voting
from thidua.voting.enums import BallotState

S = ProposalState


def _send_problems(proposal):
    items = selectors.items_of(proposal)
    if not items:
        return [_("Tờ trình chưa có dòng đề nghị nào.")]
    problems = []
    if proposal.proposer_kind == ProposerKind.CLUSTER:
        try:
            check_phase(proposal.cluster_year)
        except ValidationError as closed:
            problems += closed.messages
    attachments = selectors.attachments_of(proposal)
    for item in items:
        report = checks.item_checklist(item, attachments)[0]
        if not report.ok:
            problems.append(f"{item.name}: {report.detail}")
    return problems


def _council_problems(proposal):
    """A proposal reaches the council only through the board's completed check."""
    items = selectors.items_of(proposal)
    pending = [i.name for i in items if i.verdict == Verdict.PENDING]
    if pending:
        return [_("Ban Thi đua - Khen thưởng chưa thẩm định xong: %(n)s.") % {"n": ", ".join(pending)}]
    accepted = [i for i in items if i.verdict == Verdict.ACCEPTED]
    if not accepted:
        return [_("Không có dòng nào được thẩm định đủ điều kiện trình Hội đồng.")]
    problems = checks.dossier_problems(proposal, accepted, selectors.attachments_of(proposal))
    ballot = proposal.council_ballot
    if ballot is None or ballot.state == BallotState.CANCELLED:
        problems.append(_("Chưa có phiếu của phiên họp Hội đồng."))
    return problems


def _voted_problems(proposal):
    ballot = proposal.council_ballot
    if ballot is None or ballot.state != BallotState.CLOSED:
        return [_("Phiếu của Hội đồng chưa kết thúc.")]
    undecided = proposal.items.filter(verdict=Verdict.ACCEPTED, council_passed__isnull=True)
    return [_("Chưa ghi kết quả bỏ phiếu của Hội đồng.")] if undecided.exists() else []


def central_items(items):
    return [i for i in items if central.is_central(i)]


def _forward_problems(proposal):
    """Only state-level lines go upward, each after its public notice and with the papers the rules name."""
    passed = [i for i in selectors.items_of(proposal) if i.council_passed]
    if not passed:
        return [_("Hội đồng chưa thông qua dòng nào để trình Trung ương.")]
    local = [i for i in passed if not central.is_central(i)]
    message = _("%(name)s: %(form)s do tỉnh quyết định, không trình Trung ương.")
    if local:
        return [message % {"name": i.name, "form": i.award_form.name} for i in local]
    day = proposal.forwarded_on or timezone.localdate()
    return central.forward_check(proposal, passed, selectors.attachments_of(proposal), day)[2]


def _decided_problems(proposal):
    if not hasattr(proposal, "decision"):
        return [_("Chưa ghi quyết định của Chủ tịch.")]
    listed = proposal.items.filter(in_decision=True)
    if not listed.exists():
        return [_("Quyết định chưa có dòng khen thưởng nào.")]
    if listed.exclude(council_passed=True).exists():
        return [_("Quyết định chỉ gồm những dòng Hội đồng đã thông qua.")]
    return []


def _awarded_problems(proposal):
    if proposal.items.filter(in_decision=True, award_record__isnull=True).exists():
        return [_("Chưa ghi đủ các dòng của quyết định vào sổ khen thưởng.")]
    return []


GUARDS = {
    S.SENT: _send_problems,
    S.COUNCIL: _council_problems,
    S.VOTED: _voted_problems,
    S.FORWARDED: _forward_problems,
    S.DECIDED: _decided_problems,
    S.AWARDED: _awarded_problems,
}


def _reset_for_return(proposal, old_state, actor):
    """A dossier sent back leaves the council behind: an unfinished ballot is cancelled, votes are forgotten."""

    ballot = proposal.council_ballot
    if ballot is not None and ballot.state in (BallotState.DRAFT, BallotState.OPEN):
        voting.cancel_ballot(ballot, actor=actor, reason=_("Tờ trình được trả lại Ban Thi đua - Khen thưởng."))
    proposal.council_ballot = None
    proposal.items.update(council_votes=None, council_percent=None, council_passed=None)


def _notify(proposal, old_state, new_state, reason):
    title = {
        S.SENT: _("Tờ trình gửi tỉnh: %(t)s"),
        S.CHECKING: _("Ban Thi đua - Khen thưởng đang thẩm định: %(t)s"),
        S.RETURNED: _("Tờ trình bị trả lại: %(t)s"),
        S.COUNCIL: _("Tờ trình trình Hội đồng Thi đua - Khen thưởng: %(t)s"),
        S.VOTED: _("Hội đồng đã bỏ phiếu: %(t)s"),
        S.FORWARDED: _("Tờ trình đã trình Trung ương: %(t)s"),
        S.AWARDED: _("Đã có quyết định khen thưởng: %(t)s"),
    }.get(new_state)
    if title is None:
        return
    title = title % {"t": proposal.title}
    is_return = RETURNS.get(old_state) == new_state
    if is_return and new_state == S.CHECKING:
        title = _("Tờ trình trả lại Ban thẩm định: %(t)s") % {"t": proposal.title}
    body = _("Lý do: %(r)s") % {"r": reason} if reason else ""
    if proposal.due_on:
        body += ("\n" if body else "") + _("Hạn xử lý: %(d)s") % {"d": proposal.due_on.strftime("%d/%m/%Y")}
    drafters = selectors.drafter_users(proposal)
    board = board_users(proposal.province_id)
    who = {
        S.SENT: (board, NotificationLevel.ACTION),
        S.CHECKING: (
            board if is_return else drafters,
            NotificationLevel.ACTION if is_return else NotificationLevel.INFO,
        ),
        S.RETURNED: (drafters, NotificationLevel.ACTION),
        S.COUNCIL: (selectors.council_members_of(proposal.province) + drafters, NotificationLevel.ACTION),
        S.VOTED: (drafters + board, NotificationLevel.INFO),
        S.FORWARDED: (drafters, NotificationLevel.INFO),
        S.AWARDED: (drafters, NotificationLevel.INFO),
    }
    users, level = who[new_state]
    notify(users, title, body=body, url=url_of(proposal), level=level)


@transaction.atomic
def set_proposal_state(proposal, new_state, *, actor, reason="", day=None):
    """Move a proposal one step: guard (allowed step, permission, the step's conditions), save with the new
    deadline, log the old and new state, notify whoever acts next, in one transaction.

    A return (trả lại) goes to the previous owner and needs a reason. `day` is the day the step is taken (today
    unless the demo replays the past)."""
    original = proposal
    proposal = (
        Proposal.objects.select_for_update(of=("self",)).select_related("council_ballot__meeting").get(pk=proposal.pk)
    )
    old_state = S(proposal.state)
    if new_state not in S.values:
        raise kernel.Refusal(_("Không có bước “%(state)s” của tờ trình.") % {"state": new_state})
    new_state = S(new_state)
    if new_state not in TRANSITIONS[old_state]:
        raise kernel.Refusal(
            _("Không chuyển được tờ trình từ “%(old)s” sang “%(new)s”.")
            % {"old": old_state.label, "new": new_state.label}
        )
    is_return = RETURNS.get(old_state) == new_state
    kernel.require(actor, "proposals.change_proposal" if new_state == S.SENT else "proposals.manage_proposal", proposal)
    if is_return and not reason.strip():
        raise kernel.Refusal(_("Hãy ghi lý do trả lại."))
    problems = [] if is_return else GUARDS[new_state](proposal) if new_state in GUARDS else []
    if problems:
        raise kernel.Refusal(problems)
    day = day or timezone.localdate()
    if is_return:
        _reset_for_return(proposal, old_state, actor)
        proposal.return_reason = reason.strip()
    if new_state == S.SENT:
        proposal.sent_on = day
        proposal.items.update(
            verdict=Verdict.PENDING, verdict_reason="", verdict_by=None, verdict_at=None, version=F("version") + 1
        )
    proposal.due_on = due_date(proposal, new_state, day)
    proposal.state = new_state
    proposal.version += 1
    proposal.save()
    kernel.log(
        actor,
        f"proposal.{'returned' if is_return else new_state}",
        proposal,
        old={"state": old_state},
        new={"state": new_state, "due_on": proposal.due_on},
        note=reason.strip(),
    )
    _notify(proposal, old_state, new_state, reason.strip())
    for field in ("state", "due_on", "sent_on", "return_reason", "council_ballot_id", "version"):
        setattr(original, field, getattr(proposal, field))
    return original


def send_proposal(proposal, *, actor, day=None):
    return set_proposal_state(proposal, S.SENT, actor=actor, day=day)


def receive_proposal(proposal, *, actor, day=None):
    return set_proposal_state(proposal, S.CHECKING, actor=actor, day=day)


def return_proposal(proposal, *, actor, reason, day=None):
    """Send the dossier back to whoever had it before: the drafter, or the board's check."""
    target = RETURNS.get(S(proposal.state))
    if target is None:
        raise kernel.Refusal(_("Tờ trình ở bước này không trả lại được."))
    return set_proposal_state(proposal, target, actor=actor, reason=reason, day=day)


@transaction.atomic
def judge_item(item, *, actor, verdict, reason="", seen_version=None, as_of=None):
    """The board's check of one line, with the eligibility result and the dossier checklist it saw.

    Accepting needs a complete dossier, and a reason when the register says "not eligible"; rejecting needs a reason."""
    proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=item.proposal_id)
    kernel.require(actor, "proposals.manage_proposal", proposal)
    if proposal.state != S.CHECKING:
        raise kernel.Refusal(_("Chỉ thẩm định khi tờ trình đang ở bước Ban TĐKT thẩm định."))
    if verdict not in (Verdict.ACCEPTED, Verdict.REJECTED):
        raise kernel.Refusal(_("Kết quả thẩm định không hợp lệ."))
    item = selectors.item_qs().get(pk=item.pk)
    if seen_version is not None and item.version != seen_version:
        raise kernel.StaleEdit(STALE_PROPOSAL)
    result = checks.evaluate_items([item], as_of=as_of)[item.pk]
    status, conditions = checks.snapshot(result)
    reason = reason.strip()
    if verdict == Verdict.REJECTED and not reason:
        raise kernel.Refusal(_("Hãy ghi lý do không trình Hội đồng."))
    if verdict == Verdict.ACCEPTED:
        attachments = selectors.attachments_of(proposal)
        problems = checks.dossier_problems(proposal, [item], attachments)
        if problems:
            raise kernel.Refusal(problems)
        if status in ("", EligibilityStatus.NOT_ELIGIBLE) and not reason:
            raise kernel.Refusal(
                _("Theo sổ, %(n)s chưa đủ điều kiện; hãy ghi lý do vẫn trình Hội đồng.") % {"n": item.name}
            )
    old = {"verdict": item.verdict, "reason": item.verdict_reason}
    updated = ProposalItem.objects.filter(pk=item.pk, version=item.version).update(
        verdict=verdict,
        verdict_reason=reason,
        verdict_by=actor if getattr(actor, "is_authenticated", False) else None,
        verdict_at=timezone.now(),
        eligibility_status=status,
        eligibility=conditions,
        version=F("version") + 1,
    )
    if not updated:
        raise kernel.StaleEdit(STALE_PROPOSAL)
    item.refresh_from_db()
    kernel.log(
        actor,
        "proposal.item_judged",
        proposal,
        old=old,
        new={"item": str(item), "verdict": verdict, "reason": reason, "eligibility": status},
    )
    return item


@transaction.atomic
def forward_to_central(proposal, *, actor, number, forwarded_on, central_reference="", day=None):
    """The province forwards the council's passed state-level lines upward (Thủ tướng, Chủ tịch nước); the dossier
    then waits as "Đã trình Trung ương" until the central decision is recorded (record_decision)."""
    rows = Proposal.objects.select_for_update(of=("self",)).select_related("council_ballot__meeting")
    locked = rows.get(pk=proposal.pk)
    kernel.require(actor, "proposals.manage_proposal", locked)
    if locked.state != S.VOTED:
        raise kernel.Refusal(_("Chỉ trình Trung ương sau khi Hội đồng đã bỏ phiếu."))
    number = str(number or "").strip()
    if not number or forwarded_on is None:
        raise kernel.Refusal(_("Hãy ghi số và ngày tờ trình lên Trung ương."))
    council_day = locked.council_ballot.meeting.held_on if locked.council_ballot_id else None
    if council_day and forwarded_on < council_day:
        raise kernel.Refusal(_("Ngày trình Trung ương không thể trước ngày họp Hội đồng."))
    locked.forward_number, locked.forwarded_on = number, forwarded_on
    locked.central_reference = str(central_reference or "").strip()
    locked.save(update_fields=["forward_number", "forwarded_on", "central_reference"])
    set_proposal_state(locked, S.FORWARDED, actor=actor, day=day)
    kernel.log(
        actor,
        "proposal.forward_recorded",
        locked,
        new={"number": number, "date": forwarded_on, "central_reference": locked.central_reference},
    )
    return kernel.sync(proposal, Proposal.objects.get(pk=proposal.pk))
