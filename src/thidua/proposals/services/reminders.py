"""Deadline reminders: whoever must act on a proposal is told once when its step is due soon and once when it is
overdue. The cluster's own step also shows up in emulation's phase reminders (the "Đề nghị khen thưởng" phase)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.enums import NotificationLevel
from thidua.core.services import notify
from thidua.emulation.enums import PhaseKind
from thidua.emulation.selectors import register_phase_pending
from thidua.proposals import selectors
from thidua.proposals.enums import ProposalState, ProposerKind
from thidua.proposals.models import Proposal
from thidua.proposals.services.common import url_of


def _recipients(proposal):
    users = selectors.owner_users(proposal)
    if proposal.state == ProposalState.COUNCIL:
        users += selectors.council_members_of(proposal.province)
    return users


def send_proposal_reminders(day=None):
    """Remind the current owners of every proposal whose step is due within REMINDER_DAYS_BEFORE_PHASE_CLOSE days
    or overdue. Each owner hears once per step, deadline and kind (due soon, overdue). Returns the count sent."""
    day = day or timezone.localdate()
    sent = 0
    for proposal in selectors.proposals_due(day, settings.REMINDER_DAYS_BEFORE_PHASE_CLOSE):
        late = proposal.due_on < day
        values = {
            "t": proposal.title,
            "step": ProposalState(proposal.state).label,
            "d": proposal.due_on.strftime("%d/%m/%Y"),
        }
        if late:
            title = _("Quá hạn: “%(step)s” của tờ trình %(t)s (hạn %(d)s)") % values
        else:
            title = _("Nhắc hạn: “%(step)s” của tờ trình %(t)s đến hạn ngày %(d)s") % values
        key = f"proposal-due:{proposal.pk}:{proposal.state}:{proposal.due_on.isoformat()}:{'late' if late else 'soon'}"
        with transaction.atomic():
            sent += len(
                notify(
                    _recipients(proposal),
                    title,
                    url=url_of(proposal),
                    level=NotificationLevel.WARNING,
                    dedup_key=key,
                )
            )
    return sent


def units_without_sent_proposal(cluster_year):
    """The phase reminders' view: the leader unit (whose staff keep the secretariat) until the cluster has sent."""
    if cluster_year.leader_id is None:
        return []
    sent = Proposal.objects.filter(proposer_kind=ProposerKind.CLUSTER, cluster_year=cluster_year).exclude(
        state__in=ProposalState.editable()
    )
    return [] if sent.exists() else [cluster_year.leader]


register_phase_pending(PhaseKind.PROPOSALS, units_without_sent_proposal)
