"""The board's check: each line's eligibility from the awards engine, the dossier checklist, the province's quota."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import PersonFactory, PositionFactory
from tests.proposals.helpers import draft, sent
from tests.voting.factories import RuleSetFactory
from thidua.awards.enums import ConditionCode, EligibilityStatus, ReviewKind, RuleSetKind
from thidua.awards.models import Rule
from thidua.awards.services import DecisionItem, create_award_records_from_decision, open_review_flag
from thidua.proposals import checks, selectors, services
from thidua.proposals.enums import Verdict


def received(world, **kwargs):
    proposal = sent(world, **kwargs)
    services.receive_proposal(proposal, actor=world.board)
    return proposal


def test_the_board_judges_a_line_and_the_engines_answer_is_kept(world):
    proposal = received(world, units=1)
    item = proposal.items.get()
    services.judge_item(item, actor=world.board, verdict=Verdict.ACCEPTED, reason="Dẫn đầu Cụm.")
    item.refresh_from_db()
    expected = checks.evaluate_items([item])[item.pk]
    assert (item.verdict, item.verdict_reason, item.verdict_by) == (Verdict.ACCEPTED, "Dẫn đầu Cụm.", world.board)
    assert item.eligibility_status == expected.status
    assert [c["label"] for c in item.eligibility] == [str(c.label) for c in expected.conditions]


def test_a_line_not_eligible_by_the_register_needs_a_reason_to_go_on(world):
    proposal = received(world, units=1)
    item = proposal.items.get()
    open_review_flag(item.unit, kind=ReviewKind.INSPECTION, opened_on=datetime.date(2023, 12, 1), actor=None)
    result = checks.evaluate_items([item], as_of=datetime.date(2024, 1, 20))[item.pk]
    assert result.status == EligibilityStatus.NOT_ELIGIBLE
    with pytest.raises(ValidationError, match="chưa đủ điều kiện; hãy ghi lý do"):
        services.judge_item(item, actor=world.board, verdict=Verdict.ACCEPTED, as_of=datetime.date(2024, 1, 20))
    services.judge_item(
        item, actor=world.board, verdict=Verdict.ACCEPTED, reason="Đã có kết luận thanh tra không vi phạm."
    )
    item.refresh_from_db()
    assert item.verdict == Verdict.ACCEPTED


def test_rejecting_needs_a_reason(world):
    item = received(world, units=1).items.get()
    with pytest.raises(ValidationError, match="Hãy ghi lý do không trình Hội đồng"):
        services.judge_item(item, actor=world.board, verdict=Verdict.REJECTED)
    services.judge_item(item, actor=world.board, verdict=Verdict.REJECTED, reason="Không dẫn đầu.")
    item.refresh_from_db()
    assert (item.verdict, item.verdict_reason) == (Verdict.REJECTED, "Không dẫn đầu.")


def test_accepting_needs_a_complete_dossier(world):
    proposal = received(world, units=1, with_minutes=False)
    item = proposal.items.get()
    with pytest.raises(ValidationError, match="Biên bản họp xét: Chưa có biên bản họp xét"):
        services.judge_item(item, actor=world.board, verdict=Verdict.ACCEPTED, reason="x")


def test_only_the_board_judges_and_only_during_its_check(world):
    proposal = sent(world, units=1)
    item = proposal.items.get()
    with pytest.raises(ValidationError, match="Chỉ thẩm định khi tờ trình đang ở bước"):
        services.judge_item(item, actor=world.board, verdict=Verdict.ACCEPTED, reason="x")
    services.receive_proposal(proposal, actor=world.board)
    with pytest.raises(PermissionDenied):
        services.judge_item(item, actor=world.secretary, verdict=Verdict.ACCEPTED, reason="x")
    with pytest.raises(ValidationError, match="Kết quả thẩm định không hợp lệ"):
        services.judge_item(item, actor=world.board, verdict=Verdict.PENDING)


def test_two_board_officers_judging_at_once_the_second_is_told(world):
    item = received(world, units=1).items.get()
    seen = item.version
    services.judge_item(item, actor=world.board, verdict=Verdict.ACCEPTED, reason="Đạt.", seen_version=seen)
    with pytest.raises(ValidationError, match="Người khác vừa sửa"):
        services.judge_item(
            item, actor=world.second_board, verdict=Verdict.REJECTED, reason="Không.", seen_version=seen
        )


def test_the_checklist_names_what_is_there_and_what_is_missing(world):
    proposal = draft(world, units=1, with_minutes=False)
    proposal.submission_number = ""
    proposal.save()
    item = proposal.items.get()
    attachments = selectors.attachments_of(proposal)
    assert [(e.label, e.ok, e.detail) for e in checks.proposal_checklist(proposal, attachments)] == [
        ("Tờ trình", False, "Chưa ghi số và ngày tờ trình."),
        ("Biên bản họp xét", False, "Chưa có biên bản họp xét đề nghị khen thưởng."),
    ]
    assert [(e.label, e.ok, e.detail) for e in checks.item_checklist(item, attachments)] == [
        ("Báo cáo thành tích", True, "Tạo từ tóm tắt thành tích"),
    ]
    item.summary = ""
    assert [(e.ok, e.detail) for e in checks.item_checklist(item, attachments)] == [
        (False, "Chưa có tóm tắt thành tích hoặc tệp báo cáo.")
    ]


def test_quota_over_cluster_members_warns_beyond_the_share(world):
    RuleSetFactory(
        kind=RuleSetKind.QUOTA, province=world.province, code="quota-thu", valid_from=datetime.date(2016, 1, 1)
    ).rules.create(
        award_form=world.forms["co-thi-dua-tinh"],
        condition=ConditionCode.QUOTA,
        citation="Quy chế cụm (thử)",
        parameters={"basis": "cluster_members", "max_percent": 40},
    )
    proposal = draft(world, units=2)
    [check] = checks.quota_checks(proposal, selectors.items_of(proposal))
    # 40% of 4 members is 1.6: at most one flag.
    assert (check.proposed, check.limit, check.exceeded) == (2, 1, True)
    assert check.explanation.startswith("tối đa 40% của 4 đơn vị thành viên")
    item = proposal.items.order_by("position").last()
    item.verdict = Verdict.REJECTED
    item.save()
    [check] = checks.quota_checks(proposal, selectors.items_of(proposal))
    assert (check.proposed, check.exceeded) == (1, False)


def test_quota_over_title_holders_counts_the_people_of_the_cluster(world):
    rule_set = RuleSetFactory(
        kind=RuleSetKind.QUOTA, province=world.province, code="quota-cstd", valid_from=datetime.date(2016, 1, 1)
    )
    Rule.objects.create(
        rule_set=rule_set,
        award_form=world.forms["chien-si-thi-dua-tinh"],
        condition=ConditionCode.QUOTA,
        citation="Hướng dẫn (thử)",
        parameters={"basis": "title_holders", "base_forms": ["chien-si-thi-dua-co-so"], "max_percent": 10},
    )
    people = []
    for index in range(11):
        person = PersonFactory(province=world.province)
        PositionFactory(person=person, unit=world.units[index % 4], valid_from=datetime.date(2020, 1, 1))
        people.append(person)
    create_award_records_from_decision(
        [
            DecisionItem(
                award_form=world.forms["chien-si-thi-dua-co-so"],
                year=2023,
                decision_number=f"{i}/QĐ",
                decision_date=datetime.date(2024, 1, 5),
                issuer="Chủ tịch UBND huyện",
                person=p,
            )
            for i, p in enumerate(people)
        ],
        actor=None,
        notify_recipients=False,
    )
    proposal = draft(world, units=0)
    services.add_item(
        proposal, actor=world.secretary, person=people[0], award_form=world.forms["chien-si-thi-dua-tinh"]
    )
    [check] = checks.quota_checks(proposal, selectors.items_of(proposal))
    assert (check.proposed, check.limit, check.exceeded) == (1, 1, False)  # 10% of 11 holders is 1.1
