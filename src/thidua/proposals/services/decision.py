"""The chairman's decision, recorded by the board: the list it names goes into the award register through the
awards service (names as they were on the decision's day), and the recipients are told."""

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards.enums import AchievementKind, RecordSource
from thidua.awards.services import DecisionItem, create_award_records_from_decision
from thidua.core import kernel
from thidua.proposals.enums import ProposalState
from thidua.proposals.models import Decision, Proposal, ProposalItem
from thidua.proposals.services.workflow import central_items, set_proposal_state


def default_issuer(province):
    return _("Chủ tịch UBND tỉnh %(p)s") % {"p": province.name}


def _chosen_items(proposal, items):
    passed = list(proposal.items.filter(council_passed=True).select_related("unit", "person", "award_form"))
    if items is None:
        return passed
    wanted = {getattr(i, "pk", i) for i in items}
    try:
        wanted = {int(pk) for pk in wanted}
    except (TypeError, ValueError):
        raise kernel.Refusal(_("Danh sách khen thưởng không hợp lệ.")) from None
    passed_ids = {i.pk for i in passed}
    if not wanted <= passed_ids:
        raise kernel.Refusal(_("Quyết định chỉ gồm những dòng Hội đồng đã thông qua."))
    return [i for i in passed if i.pk in wanted]


def _decision_items(decision, items):
    return [
        DecisionItem(
            award_form=item.award_form,
            year=item.year,
            decision_number=decision.number,
            decision_date=decision.decision_date,
            issuer=decision.issuer,
            unit=item.unit,
            person=item.person,
            person_unit=item.person_unit,
            achievement_kind=AchievementKind.ANNUAL,
            summary=item.summary,
            source_ref=f"proposal:{decision.proposal_id}:{item.pk}",
            is_invented=decision.is_invented,
        )
        for item in items
    ]


@transaction.atomic
def record_decision(
    proposal,
    *,
    actor,
    number,
    decision_date,
    signer_name,
    signer_title,
    items=None,
    issuer="",
    is_invented=False,
    day=None,
):
    """Record the decision (number, date, signer, the list: the council's passed lines, possibly trimmed), put
    each line in the register and tell the recipients; the proposal ends "Đã khen thưởng". All or nothing."""
    locked = Proposal.objects.select_for_update(of=("self",)).select_related("province").get(pk=proposal.pk)
    kernel.require(actor, "proposals.manage_proposal", locked)
    if locked.state not in (ProposalState.VOTED, ProposalState.FORWARDED):
        raise kernel.Refusal(_("Chỉ ghi quyết định sau khi Hội đồng đã bỏ phiếu."))
    if not str(number).strip() or decision_date is None or not str(signer_name).strip():
        raise kernel.Refusal(_("Hãy ghi số, ngày quyết định và người ký."))
    council_day = locked.council_ballot.meeting.held_on if locked.council_ballot_id else None
    if council_day and decision_date < council_day:
        raise kernel.Refusal(_("Ngày quyết định không thể trước ngày họp Hội đồng."))
    chosen = _chosen_items(locked, items)
    if not chosen:
        raise kernel.Refusal(_("Quyết định phải có ít nhất một dòng khen thưởng."))
    central = central_items(chosen)
    if locked.state == ProposalState.VOTED and central:
        raise kernel.Refusal(
            _("%(form)s do %(issuer)s quyết định: hãy trình Trung ương, rồi ghi quyết định khi có.")
            % {"form": central[0].award_form.name, "issuer": central[0].award_form.issuer}
        )
    if locked.state == ProposalState.FORWARDED and not issuer.strip():
        issuer = ", ".join(dict.fromkeys(i.award_form.issuer for i in chosen))
    decision = Decision.objects.create(
        proposal=locked,
        number=str(number).strip(),
        decision_date=decision_date,
        issuer=issuer.strip() or default_issuer(locked.province),
        signer_name=str(signer_name).strip(),
        signer_title=str(signer_title).strip(),
        is_invented=is_invented,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    ProposalItem.objects.filter(pk__in=[i.pk for i in chosen]).update(in_decision=True)
    kernel.log(
        actor,
        "proposal.decision_recorded",
        locked,
        new={"number": decision.number, "date": decision.decision_date, "items": [i.name for i in chosen]},
    )
    set_proposal_state(locked, ProposalState.DECIDED, actor=actor, day=day)
    records = create_award_records_from_decision(
        _decision_items(decision, chosen), actor=actor, source=RecordSource.DECISION
    )
    for item, record in zip(chosen, records, strict=True):
        ProposalItem.objects.filter(pk=item.pk).update(award_record=record)
    set_proposal_state(locked, ProposalState.AWARDED, actor=actor, day=day)
    proposal.refresh_from_db()
    return decision
