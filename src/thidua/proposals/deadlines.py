"""How long each step may take. The numbers are data: a rule set of kind proposal_deadlines (with its citation and
effective dates) in force for the province; without one, no deadline is set. The cluster's own step ends with its
"Đề nghị khen thưởng" phase; the council's step with the date of its session."""

import datetime

from django.utils.translation import gettext_lazy as _

from thidua.awards.enums import RuleSetKind
from thidua.awards.selectors import rule_set_in_force
from thidua.emulation.enums import PhaseKind
from thidua.emulation.selectors import phase_of
from thidua.proposals.enums import ProposalState, ProposerKind

# parameter -> the step it limits, counted from the day the step starts
PARAMETERS = {
    "check_days": _("thẩm định (từ ngày tỉnh nhận tờ trình đến khi trình Hội đồng)"),
    "decision_days": _("trình Chủ tịch quyết định (từ ngày Hội đồng bỏ phiếu)"),
    "resubmit_days": _("bổ sung, gửi lại hồ sơ bị trả lại"),
}


def deadline_rules(province, day):
    """The parameters in force on a day, or {} (no deadlines) when there is no rule set or it is malformed."""
    rule_set = rule_set_in_force(RuleSetKind.PROPOSAL_DEADLINES, day, province=province)
    if rule_set is None:
        return {}
    params = {k: v for k, v in rule_set.parameters.items() if k in PARAMETERS and isinstance(v, int) and v > 0}
    params["working_days"] = bool(rule_set.parameters.get("working_days"))
    params["rule_set"] = rule_set
    return params


def add_days(day, count, *, working_days=False):
    """count days after day; with working_days, Saturdays and Sundays do not count (public holidays are not known)."""
    if not working_days:
        return day + datetime.timedelta(days=count)
    current = day
    while count > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:  # noqa: PLR2004 - Monday..Friday
            count -= 1
    return current


def _after(proposal, day, name):
    rules = deadline_rules(proposal.province, day)
    if name not in rules:
        return None
    return add_days(day, rules[name], working_days=rules["working_days"])


def due_date(proposal, new_state, day):
    """The deadline of the step a proposal enters on `day`."""
    if new_state == ProposalState.DRAFT:
        if proposal.proposer_kind == ProposerKind.CLUSTER:
            phase = phase_of(proposal.cluster_year, PhaseKind.PROPOSALS)
            return phase.ends_on if phase else None
        return None
    if new_state == ProposalState.RETURNED:
        return _after(proposal, day, "resubmit_days")
    if new_state == ProposalState.SENT:
        return _after(proposal, day, "check_days")
    if new_state == ProposalState.CHECKING:
        # Receiving keeps the deadline set on sending; coming back from the council starts the check again.
        return proposal.due_on if proposal.state == ProposalState.SENT else _after(proposal, day, "check_days")
    if new_state == ProposalState.COUNCIL:
        return proposal.council_ballot.meeting.held_on if proposal.council_ballot_id else None
    if new_state == ProposalState.VOTED:
        return _after(proposal, day, "decision_days")
    return None
