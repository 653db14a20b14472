"""Before a state-level line goes upward (issue 14 item 8): its public notice has run the days the rules ask with
every objection settled, and its dossier holds the papers the rules name for its form. The numbers are rule data."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from tests.proposals.helpers import NOTICE_FROM, NOTICE_TO, minutes_file, ready_to_forward, voted
from thidua.awards.enums import RuleSetKind
from thidua.awards.models import RuleSet
from thidua.core.kernel import Refusal
from thidua.proposals import central, selectors, services
from thidua.proposals.enums import AttachmentKind, ProposalState
from thidua.proposals.models import PublicNotice

CENTRAL = "co-thi-dua-chinh-phu"
FORWARDED_ON = datetime.date(2024, 2, 5)  # a Monday


def forward(world, proposal, day=FORWARDED_ON):
    return services.forward_to_central(proposal, actor=world.board, number="45/TTr-UBND", forwarded_on=day)


def refusal_of(world, proposal, day=FORWARDED_ON):
    with pytest.raises(Refusal) as refused:
        forward(world, proposal, day)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.forward_number) == (ProposalState.VOTED, "")
    return refused.value.messages


def notice(world, item, **changes):
    values = {"place": "Cổng thông tin điện tử tỉnh", "starts_on": NOTICE_FROM, "ends_on": NOTICE_TO}
    return services.record_notice(item, actor=world.board, **{**values, **changes})


def report(world, item):
    services.add_central_paper(item, minutes_file("bao-cao.pdf"), actor=world.board, kind=AttachmentKind.REPORT)


def test_the_rule_data_names_ten_working_days_unverified(world):
    rule_set = central.central_rules(None, FORWARDED_ON)
    assert (rule_set.code, rule_set.is_verified, rule_set.parameters["notice_days"]) == (
        "trinh-trung-uong-nd98",
        False,
        10,
    )
    assert "Điều 46 khoản 1" in rule_set.citation
    assert central.central_rules(None, datetime.date(2025, 7, 1)).code == "trinh-trung-uong-nd152"


@pytest.mark.parametrize(
    ("first", "last", "working", "days"),
    [
        (NOTICE_FROM, NOTICE_TO, True, 10),
        (datetime.date(2024, 1, 29), FORWARDED_ON, True, 6),
        (datetime.date(2024, 1, 27), datetime.date(2024, 1, 28), True, 0),
        (datetime.date(2024, 1, 27), datetime.date(2024, 1, 28), False, 2),
        (FORWARDED_ON, NOTICE_TO, True, 0),
    ],
)
def test_days_counted(first, last, working, days):
    assert central.days_between(first, last, working_days=working) == days


def test_without_a_notice_or_the_papers_forwarding_is_refused_naming_each_line(world):
    proposal = voted(world, units=1, form=CENTRAL)
    name = world.units[0].full_name
    assert refusal_of(world, proposal) == [
        f"{name} – Cờ thi đua của Chính phủ: chưa ghi việc công khai (cần 10 ngày làm việc).",
        (
            f"{name} – Cờ thi đua của Chính phủ – thiếu Báo cáo thành tích có xác nhận của cấp trình: "
            "Chưa tải lên báo cáo thành tích có xác nhận của dòng này."
        ),
    ]


def test_a_notice_short_of_its_days_is_refused_with_the_days_missing(world):
    proposal = voted(world, units=1, form=CENTRAL)
    item = proposal.items.get()
    report(world, item)
    notice(world, item, starts_on=datetime.date(2024, 1, 29), ends_on=datetime.date(2024, 2, 9))
    assert refusal_of(world, proposal) == [
        (
            f"{item.name} – Cờ thi đua của Chính phủ: đến ngày 05/02/2024 mới công khai 6/10 ngày làm việc, "
            "còn thiếu 4 ngày làm việc."
        )
    ]
    # Forwarded on the day the tenth working day has run, it goes.
    assert central.notice_end(datetime.date(2024, 1, 29), central.central_rules(None, FORWARDED_ON)) == (
        datetime.date(2024, 2, 9)
    )
    forward(world, proposal, datetime.date(2024, 2, 9))
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.FORWARDED


def test_an_unsettled_objection_holds_the_line_until_its_settlement_is_written(world):
    proposal = voted(world, units=1, form=CENTRAL)
    item = proposal.items.get()
    report(world, item)
    recorded = notice(world, item, objections=2)
    assert refusal_of(world, proposal) == [
        f"{item.name} – Cờ thi đua của Chính phủ: còn 2 ý kiến phản ánh chưa ghi kết quả giải quyết."
    ]
    notice(world, item, objections=2, settlement="Đã xác minh, ý kiến không có cơ sở.", seen_version=recorded.version)
    forward(world, proposal)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.FORWARDED


def test_a_collective_line_needs_no_trich_ngang(world):
    proposal = ready_to_forward(world, units=1, form=CENTRAL)
    assert forward(world, proposal).state == ProposalState.FORWARDED
    rule_set = central.central_rules(None, FORWARDED_ON)
    item = selectors.items_of(proposal)[0]
    papers = central.papers_of(item, proposal, selectors.attachments_of(proposal), rule_set, FORWARDED_ON)
    assert [(p.code, p.ok) for p in papers] == [
        ("paper_submission", True),
        ("paper_council_minutes", True),
        ("paper_certified_report", True),
        ("paper_extract", True),
        ("paper_notice_result", True),
    ]
    assert papers[3].detail == "Không áp dụng cho tập thể"
    assert papers[4].detail == "Cổng thông tin điện tử tỉnh, từ 22/01/2024 đến 02/02/2024"


def test_the_papers_are_data_a_province_correction_drops_one(world):
    proposal = voted(world, units=1, form=CENTRAL)
    item = proposal.items.get()
    notice(world, item)
    national = central.central_rules(None, FORWARDED_ON)
    RuleSet.objects.create(
        kind=RuleSetKind.CENTRAL_DOSSIER,
        code="tinh-trinh-trung-uong",
        name="Sửa của tỉnh",
        citation="Quyết định của tỉnh (thử)",
        province=world.province,
        valid_from=datetime.date(2024, 1, 1),
        parameters={**national.parameters, "paper_certified_report": [], "notice_days": 5},
    )
    forward(world, proposal)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.FORWARDED


def test_no_rule_set_in_force_refuses_instead_of_forwarding_with_nothing(world):
    proposal = voted(world, units=1, form=CENTRAL)
    RuleSet.objects.filter(kind=RuleSetKind.CENTRAL_DOSSIER).update(valid_from=datetime.date(2024, 3, 1))
    assert refusal_of(world, proposal) == [
        "Chưa có quy định về công khai và hồ sơ trình Trung ương có hiệu lực ngày 05/02/2024."
    ]


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        (
            {"place": " ", "ends_on": datetime.date(2024, 1, 1)},
            [
                "Hãy ghi nơi công khai (ví dụ Cổng thông tin điện tử của tỉnh).",
                "Ngày kết thúc công khai không thể trước ngày bắt đầu.",
            ],
        ),
        ({"objections": -1}, ["Số ý kiến phản ánh phải là số nguyên không âm."]),
        ({"settlement": "Đã trả lời"}, ["Không có ý kiến phản ánh thì không ghi kết quả giải quyết."]),
    ],
)
def test_bad_notice_input_is_refused_and_changes_nothing(world, changes, messages):
    item = voted(world, units=1, form=CENTRAL).items.get()
    with pytest.raises(Refusal) as refused:
        notice(world, item, **changes)
    assert refused.value.messages == messages
    assert not PublicNotice.objects.exists()


def test_only_the_board_records_and_only_for_a_passed_state_level_line(world):
    item = voted(world, units=1, form=CENTRAL).items.get()
    with pytest.raises(PermissionDenied):
        services.record_notice(item, actor=world.secretary, place="x", starts_on=NOTICE_FROM, ends_on=NOTICE_TO)
    provincial = voted(world, units=1).items.get()
    with pytest.raises(Refusal) as refused:
        notice(world, provincial)
    assert refused.value.messages == [
        f"{provincial.name}: chỉ các dòng cấp Nhà nước, Chính phủ Hội đồng đã thông qua mới trình Trung ương."
    ]
    with pytest.raises(Refusal) as refused:
        services.add_central_paper(item, minutes_file(), actor=world.board, kind=AttachmentKind.MINUTES)
    assert refused.value.messages == [
        "Sau khi Hội đồng bỏ phiếu chỉ bổ sung báo cáo thành tích có xác nhận hoặc trích ngang."
    ]
    assert not PublicNotice.objects.exists()
