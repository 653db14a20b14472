"""Proposals beyond the province (issue 14 item 8): state-level lines the council passed are forwarded upward,
wait as "Đã trình Trung ương", and go into the register when the central decision is recorded."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.proposals.helpers import COUNCIL_DAY, ready_to_forward, voted
from thidua.awards.models import AwardRecord
from thidua.core.kernel import Refusal
from thidua.core.models import ActivityLogEntry
from thidua.proposals import services
from thidua.proposals.enums import ProposalState

FORWARDED_ON = datetime.date(2024, 2, 5)
CENTRAL = "co-thi-dua-chinh-phu"


def forward(world, proposal, **changes):
    values = {"actor": world.board, "number": "45/TTr-UBND", "forwarded_on": FORWARDED_ON}
    return services.forward_to_central(proposal, **{**values, **changes})


def test_the_board_forwards_a_state_level_line_and_it_waits_until_the_central_decision(world):
    proposal = ready_to_forward(world, form=CENTRAL)
    forward(world, proposal, central_reference="TĐKT-2024-0117")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.forward_number, proposal.forwarded_on, proposal.central_reference) == (
        ProposalState.FORWARDED,
        "45/TTr-UBND",
        FORWARDED_ON,
        "TĐKT-2024-0117",
    )
    assert proposal.get_state_display() == "Đã trình Trung ương"
    entry = ActivityLogEntry.objects.get(action="proposal.forward_recorded")
    assert entry.new_values["central_reference"] == "TĐKT-2024-0117"
    assert not AwardRecord.objects.exists()
    decision = services.record_decision(
        proposal,
        actor=world.board,
        number="210/QĐ-TTg",
        decision_date=datetime.date(2024, 4, 2),
        signer_name="Nguyễn Văn Ký",
        signer_title="Thủ tướng",
    )
    proposal.refresh_from_db()
    assert (proposal.state, decision.issuer) == (ProposalState.AWARDED, "Thủ tướng Chính phủ")
    assert sorted(AwardRecord.objects.values_list("award_form__code", "decision_number", "issuer")) == [
        (CENTRAL, "210/QĐ-TTg", "Thủ tướng Chính phủ"),
        (CENTRAL, "210/QĐ-TTg", "Thủ tướng Chính phủ"),
    ]


def test_the_chairman_cannot_decide_a_state_level_line(world):
    proposal = voted(world, form=CENTRAL)
    with pytest.raises(Refusal) as refused:
        services.record_decision(
            proposal,
            actor=world.board,
            number="1/QĐ-UBND",
            decision_date=datetime.date(2024, 2, 1),
            signer_name="A",
            signer_title="Chủ tịch",
        )
    assert refused.value.messages == [
        "Cờ thi đua của Chính phủ do Thủ tướng Chính phủ quyết định: hãy trình Trung ương, rồi ghi quyết định khi có."
    ]
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.VOTED
    assert not AwardRecord.objects.exists()


def test_a_provincial_line_is_not_forwarded(world):
    proposal = voted(world)
    with pytest.raises(Refusal) as refused:
        forward(world, proposal)
    assert all(
        m.endswith("Cờ thi đua cấp tỉnh do tỉnh quyết định, không trình Trung ương.") for m in refused.value.messages
    )
    proposal.refresh_from_db()
    assert (proposal.state, proposal.forward_number) == (ProposalState.VOTED, "")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"number": " "}, "Hãy ghi số và ngày tờ trình lên Trung ương."),
        (
            {"forwarded_on": COUNCIL_DAY - datetime.timedelta(days=1)},
            "Ngày trình Trung ương không thể trước ngày họp Hội đồng.",
        ),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(world, changes, message):
    proposal = voted(world, form=CENTRAL)
    with pytest.raises(Refusal) as refused:
        forward(world, proposal, **changes)
    assert refused.value.messages == [message]
    proposal.refresh_from_db()
    assert (proposal.state, proposal.forward_number) == (ProposalState.VOTED, "")


def test_only_the_board_forwards(world):
    proposal = voted(world, form=CENTRAL)
    with pytest.raises(PermissionDenied):
        forward(world, proposal, actor=world.secretary)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.VOTED


def test_page_and_api(world, login):
    proposal = ready_to_forward(world, form=CENTRAL)
    url = reverse("proposals:forward", args=[proposal.pk])
    assert login(world.secretary).get(url).status_code in (403, 404)
    board = login(world.board)
    assert board.get(url).status_code == 200
    response = board.post(url, {"number": "45/TTr-UBND", "forwarded_on": "05/02/2024"})
    assert response.status_code == 302
    html = board.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "Đang chờ quyết định của cấp trên." in html
    assert "Tờ trình số 45/TTr-UBND ngày 05/02/2024" in html
    other = ready_to_forward(world, form=CENTRAL)
    api = f"/api/v1/proposals/{other.pk}/forward"
    bad = board.post(api, {"number": "", "forwarded_on": "2024-02-05"}, content_type="application/json")
    assert (bad.status_code, bad.json()["detail"]) == (422, "Hãy ghi số và ngày tờ trình lên Trung ương.")
    good = board.post(
        api,
        {"number": "46/TTr-UBND", "forwarded_on": "2024-02-05", "central_reference": "X-1"},
        content_type="application/json",
    )
    assert good.status_code == 200
    body = good.json()
    assert (body["state"], body["state_label"], body["forward_number"], body["central_reference"]) == (
        "forwarded",
        "Đã trình Trung ương",
        "46/TTr-UBND",
        "X-1",
    )
