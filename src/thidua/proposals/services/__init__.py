"""Every write about proposals. Each function checks its guard, writes, logs and notifies in one transaction;
actor=None means the system itself (demo loader, commands)."""

from thidua.proposals.services.central import add_central_paper, record_notice
from thidua.proposals.services.council import record_council_result, submit_to_council
from thidua.proposals.services.decision import default_issuer, record_decision
from thidua.proposals.services.drafting import (
    add_attachment,
    add_item,
    candidate_problems,
    create_proposal,
    create_proposal_from_conference,
    remove_attachment,
    remove_item,
    update_item,
    update_proposal,
)
from thidua.proposals.services.reminders import send_proposal_reminders
from thidua.proposals.services.workflow import (
    forward_to_central,
    judge_item,
    receive_proposal,
    return_proposal,
    send_proposal,
    set_proposal_state,
)

__all__ = [
    "add_attachment",
    "add_central_paper",
    "add_item",
    "candidate_problems",
    "create_proposal",
    "create_proposal_from_conference",
    "default_issuer",
    "forward_to_central",
    "judge_item",
    "receive_proposal",
    "record_council_result",
    "record_decision",
    "record_notice",
    "remove_attachment",
    "remove_item",
    "return_proposal",
    "send_proposal",
    "send_proposal_reminders",
    "set_proposal_state",
    "submit_to_council",
    "update_item",
    "update_proposal",
]
