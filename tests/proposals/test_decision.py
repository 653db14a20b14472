"""The chairman's decision, recorded by the board: award records through the awards service (names as on the
decision), recipients told, the unit's record and the honour board; a revoked award stops counting."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.proposals.helpers import before_council, vote_all, voted
from thidua.awards.eligibility import evaluate_eligibility
from thidua.awards.enums import ConditionCode, ConditionStatus, RecordSource
from thidua.awards.models import AwardRecord
from thidua.awards.selectors import awards_of_unit, honour_board_awards
from thidua.awards.services import revoke_award_record
from thidua.core.models import Notification
from thidua.organizations.services import rename_unit
from thidua.proposals import services
from thidua.proposals.enums import ProposalState

DAY = datetime.date(2024, 1, 30)


def record(world, proposal, **kwargs):
    values = {
        "actor": world.board,
        "number": "150/QĐ-UBND",
        "decision_date": DAY,
        "signer_name": "Lê Văn Ký",
        "signer_title": "Phó Chủ tịch",
    }
    return services.record_decision(proposal, **{**values, **kwargs})


def test_the_decision_puts_each_listed_line_in_the_register_and_tells_the_recipients(world):
    proposal = voted(world)
    first, second = proposal.items.order_by("position")
    names = [first.unit.full_name, second.unit.full_name]
    decision = record(world, proposal)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.AWARDED
    assert decision.issuer == f"Chủ tịch UBND tỉnh {world.province.name}"
    records = list(AwardRecord.objects.order_by("id"))
    assert [
        (r.recipient_name, r.award_form.code, r.year, r.decision_number, r.decision_date, r.source) for r in records
    ] == [
        (names[0], "co-thi-dua-tinh", 2023, "150/QĐ-UBND", DAY, RecordSource.DECISION),
        (names[1], "co-thi-dua-tinh", 2023, "150/QĐ-UBND", DAY, RecordSource.DECISION),
    ]
    assert list(proposal.items.order_by("position").values_list("award_record_id", flat=True)) == [
        r.pk for r in records
    ]
    told = Notification.objects.get(recipient=world.officer)
    assert told.title == "Khen thưởng: Cờ thi đua cấp tỉnh năm 2023"
    assert list(awards_of_unit(world.units[0])) == [records[0]]
    assert list(honour_board_awards(province=world.province, year=2023)) == sorted(
        records, key=lambda r: (r.folded_name, r.pk)
    )


def test_the_record_keeps_the_name_printed_on_the_decision(world):
    proposal = voted(world, units=1)
    unit = world.units[0]
    old_name = unit.full_name
    record(world, proposal)
    rename_unit(unit, "Tên Mới Sau Sáp Nhập", date=datetime.date(2025, 7, 1))
    assert AwardRecord.objects.get().recipient_name == old_name


def test_the_chairman_may_trim_the_list(world):
    proposal = voted(world)
    second = proposal.items.order_by("position").last()
    record(world, proposal, items=[second.pk])
    assert list(proposal.items.order_by("position").values_list("in_decision", flat=True)) == [False, True]
    assert AwardRecord.objects.get().unit == second.unit


def test_a_line_the_council_did_not_pass_cannot_be_decided(world):
    proposal = before_council(world)
    vote_all(world, proposal, voters=2)  # nobody reaches 90% of all members
    services.record_council_result(proposal, actor=world.board)
    failed = proposal.items.first()
    with pytest.raises(ValidationError, match="Quyết định chỉ gồm những dòng Hội đồng đã thông qua"):
        record(world, proposal, items=[failed.pk])
    with pytest.raises(ValidationError, match="ít nhất một dòng"):
        record(world, proposal)
    assert AwardRecord.objects.count() == 0


def test_the_decision_needs_a_number_a_date_after_the_session_and_the_voted_step(world):
    proposal = voted(world)
    with pytest.raises(ValidationError, match="Hãy ghi số, ngày quyết định và người ký"):
        record(world, proposal, number=" ")
    with pytest.raises(ValidationError, match="không thể trước ngày họp Hội đồng"):
        record(world, proposal, decision_date=datetime.date(2024, 1, 2))
    before = before_council(world)
    with pytest.raises(ValidationError, match="sau khi Hội đồng đã bỏ phiếu"):
        record(world, before)


def test_only_the_board_records_the_decision(world):
    proposal = voted(world)
    for user in (world.secretary, world.council[0], world.outsider):
        with pytest.raises(PermissionDenied):
            record(world, proposal, actor=user)


def test_a_duplicate_in_the_register_refuses_the_whole_decision(world):
    from thidua.awards.services import DecisionItem, create_award_records_from_decision

    proposal = voted(world)
    unit = world.units[1]
    create_award_records_from_decision(
        [
            DecisionItem(
                award_form=world.forms["co-thi-dua-tinh"],
                year=2023,
                decision_number="99/QĐ-UBND",
                decision_date=datetime.date(2024, 1, 20),
                issuer="Chủ tịch UBND tỉnh",
                unit=unit,
            )
        ],
        actor=world.board,
    )
    with pytest.raises(ValidationError, match="một thành tích chỉ khen một lần"):
        record(world, proposal)
    proposal.refresh_from_db()
    assert (proposal.state, AwardRecord.objects.count(), hasattr(proposal, "decision")) == (
        ProposalState.VOTED,
        1,
        False,
    )


def test_the_whole_path_then_a_revoked_award_stops_counting(world):
    proposal = voted(world, units=1)
    unit = world.units[0]
    record(world, proposal)
    awarded = AwardRecord.objects.get()
    form = world.forms["co-thi-dua-tinh"]

    def once_rule():
        result = evaluate_eligibility(unit, form, 2023, as_of=datetime.date(2024, 6, 1))
        return next(c.status for c in result.conditions if c.condition == ConditionCode.NOT_ALREADY_AWARDED)

    assert once_rule() == ConditionStatus.NOT_MET
    assert list(honour_board_awards(year=2023)) == [awarded]
    revoke_award_record(
        awarded, actor=world.board, reason="Hồ sơ khai không đúng.", revoked_on=datetime.date(2024, 6, 1)
    )
    assert once_rule() == ConditionStatus.MET
    assert list(honour_board_awards(year=2023)) == []
    assert list(awards_of_unit(unit, include_revoked=False)) == []
