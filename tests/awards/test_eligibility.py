"""Each rule both ways, at its boundaries, and across the 1/7/2025 change of decree."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.awards.factories import award, collective, discipline, flag, rate
from tests.awards.helpers import AS_OF, condition, judge
from tests.factories import PersonFactory, UnitFactory
from thidua.awards.enums import AchievementKind, DisciplineLevel, EligibilityStatus, TaskCompletion
from thidua.awards.models import RuleSet

EX, GOOD, OK, FAIL = TaskCompletion.EXCELLENT, TaskCompletion.GOOD, TaskCompletion.COMPLETE, TaskCompletion.INCOMPLETE


def has_condition(result, code):
    return any(c.condition == code for c in result.conditions)


@pytest.fixture
def person(rules):
    return PersonFactory()


# ---------------------------------------------------------------- consecutive years


def test_three_consecutive_grassroots_titles_meet_provincial_fighter(person, rules):
    for year in (2021, 2022, 2023):
        award(person, "chien-si-thi-dua-co-so", year)
    result = judge(person, rules, "chien-si-thi-dua-tinh", 2023)
    chain = condition(result, "consecutive_titles")
    assert chain.status == "met"
    assert chain.explanation == (
        "Cần đạt Chiến sĩ thi đua cơ sở 3 năm liên tục (2021–2023): đạt đủ các năm 2021, 2022, 2023."
    )
    assert chain.citation.endswith("Điều 22")
    assert [f.year for f in chain.facts] == [2021, 2022, 2023]
    # The initiative is counted from the records: none of province-wide scope, so not eligible, and it says why.
    initiatives = condition(result, "initiatives")
    assert (initiatives.status, initiatives.explanation) == (
        "not_met",
        (
            "Cần 1 sáng kiến, đề tài được công nhận, phạm vi ảnh hưởng từ toàn tỉnh (bộ, ban, ngành, tỉnh) trở lên "
            "(2021–2023); có 0."
        ),
    )
    assert result.status == EligibilityStatus.NOT_ELIGIBLE


def test_a_missing_year_breaks_the_chain_and_says_which(person, rules):
    award(person, "chien-si-thi-dua-co-so", 2021)
    award(person, "chien-si-thi-dua-co-so", 2023)
    result = judge(person, rules, "chien-si-thi-dua-tinh", 2023)
    chain = condition(result, "consecutive_titles")
    assert chain.status == "not_met"
    assert chain.explanation == "Cần đạt Chiến sĩ thi đua cơ sở 3 năm liên tục (2021–2023): thiếu năm 2022."
    assert "Điều 22" in chain.citation
    assert result.status == EligibilityStatus.NOT_ELIGIBLE


def test_two_years_are_one_short_of_three(person, rules):
    award(person, "chien-si-thi-dua-co-so", 2022)
    award(person, "chien-si-thi-dua-co-so", 2023)
    chain = condition(judge(person, rules, "chien-si-thi-dua-tinh", 2023), "consecutive_titles")
    assert chain.status == "not_met"
    assert chain.explanation.endswith("thiếu năm 2021.")


def test_chain_under_the_2022_law_cites_article_22_verified(person, rules):
    for year in (2022, 2023, 2024):
        award(person, "chien-si-thi-dua-co-so", year)
    result = judge(person, rules, "chien-si-thi-dua-tinh", 2024)
    chain = condition(result, "consecutive_titles")
    assert (chain.status, chain.citation, chain.is_verified) == (
        "met",
        "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 22",
        True,
    )
    assert [rs.code for rs in result.rule_sets] == ["quoc-gia-2024-nd98"]


def test_two_consecutive_provincial_titles_for_the_national_title(person, rules):
    award(person, "chien-si-thi-dua-tinh", 2022)
    award(person, "chien-si-thi-dua-tinh", 2023)
    assert condition(judge(person, rules, "chien-si-thi-dua-toan-quoc", 2023), "consecutive_titles").status == "met"


def test_provincial_titles_with_a_gap_do_not_make_a_national_title(person, rules):
    award(person, "chien-si-thi-dua-tinh", 2021)
    award(person, "chien-si-thi-dua-tinh", 2023)
    chain = condition(judge(person, rules, "chien-si-thi-dua-toan-quoc", 2023), "consecutive_titles")
    assert (chain.status, chain.explanation) == (
        "not_met",
        "Cần đạt Chiến sĩ thi đua cấp tỉnh 2 năm liên tục (2022–2023): thiếu năm 2022.",
    )


def test_a_revoked_award_stops_counting(person, rules):
    for year in (2021, 2022, 2023):
        record = award(person, "chien-si-thi-dua-co-so", year)
    assert condition(judge(person, rules, "chien-si-thi-dua-tinh", 2023), "consecutive_titles").status == "met"
    record.revoked_on = datetime.date(2024, 5, 1)
    record.save()
    chain = condition(judge(person, rules, "chien-si-thi-dua-tinh", 2023), "consecutive_titles")
    assert chain.status == "not_met"
    assert chain.explanation.endswith("thiếu năm 2023.")
    assert any("đã bị hủy bỏ ngày 01/05/2024, không tính" in f.text for f in chain.facts)


# ---------------------------------------------------------------- thematic and ad-hoc awards


def test_thematic_awards_do_not_count_toward_merit_awards_under_nd152(person, rules):
    award(person, "chien-si-thi-dua-co-so", 2023)
    award(person, "chien-si-thi-dua-co-so", 2024, achievement_kind=AchievementKind.THEMATIC)
    award(person, "chien-si-thi-dua-co-so", 2025)
    chain = condition(judge(person, rules, "chien-si-thi-dua-tinh", 2025), "consecutive_titles")
    assert chain.status == "not_met"
    assert chain.explanation.endswith("thiếu năm 2024.")
    assert any("không làm căn cứ khen theo công trạng" in f.text for f in chain.facts)


def test_annual_awards_keep_counting_under_nd152(person, rules):
    for year in (2023, 2024, 2025):
        award(person, "chien-si-thi-dua-co-so", year)
    result = judge(person, rules, "chien-si-thi-dua-tinh", 2025)
    assert condition(result, "consecutive_titles").status == "met"
    assert [rs.code for rs in result.rule_sets] == ["quoc-gia-2025-nd152"]


def test_prime_minister_certificate_needs_a_merit_provincial_certificate_in_2024(person, rules):
    for year in range(2020, 2025):
        rate(person, year, EX)
    award(person, "bang-khen-tinh-ca-nhan", 2022, achievement_kind=AchievementKind.THEMATIC)
    prior = condition(judge(person, rules, "bang-khen-thu-tuong-ca-nhan", 2024), "prior_award")
    assert prior.status == "not_met"
    assert any("khen theo chuyên đề, không làm căn cứ" in f.text for f in prior.facts)
    award(person, "bang-khen-tinh-ca-nhan", 2023)
    assert condition(judge(person, rules, "bang-khen-thu-tuong-ca-nhan", 2024), "prior_award").status == "met"


def test_nd152_no_longer_requires_a_lower_award_first(person, rules):
    for year in range(2021, 2026):
        rate(person, year, EX)
    result_2024 = judge(person, rules, "bang-khen-thu-tuong-ca-nhan", 2024)
    result_2025 = judge(person, rules, "bang-khen-thu-tuong-ca-nhan", 2025)
    assert condition(result_2024, "prior_award").status == "not_met"
    assert not has_condition(result_2025, "prior_award")
    assert condition(result_2025, "task_rating_chain").status == "met"


# ---------------------------------------------------------------- task completion chains


def test_two_years_of_excellent_completion_for_the_provincial_certificate(person, rules):
    rate(person, 2022, EX)
    rate(person, 2023, EX)
    chain = condition(judge(person, rules, "bang-khen-tinh-ca-nhan", 2023), "task_rating_chain")
    assert chain.status == "met"


def test_one_good_year_breaks_excellent_completion(person, rules):
    rate(person, 2022, GOOD)
    rate(person, 2023, EX)
    chain = condition(judge(person, rules, "bang-khen-tinh-ca-nhan", 2023), "task_rating_chain")
    assert (chain.status, chain.explanation) == (
        "not_met",
        "Cần hoàn thành xuất sắc nhiệm vụ trở lên 2 năm liên tục (2022–2023): không đạt năm 2022.",
    )


def test_a_missing_rating_cannot_be_told(person, rules):
    rate(person, 2023, EX)
    chain = condition(judge(person, rules, "bang-khen-tinh-ca-nhan", 2023), "task_rating_chain")
    assert chain.status == "unknown"
    assert chain.explanation.endswith("chưa có đánh giá năm 2022.")


@pytest.mark.parametrize(("completion", "status"), [(GOOD, "eligible"), (OK, "not_eligible")])
def test_advanced_worker_needs_good_completion_or_better(person, rules, completion, status):
    rate(person, 2024, completion)
    assert judge(person, rules, "lao-dong-tien-tien", 2024).status == status


# ---------------------------------------------------------------- shares of a collective's members


def _excellent_collective(size, holders, *, year=2024, cstdcs=1):
    unit, people = collective(size, year=year)
    rate(unit, year, EX)
    for index, member in enumerate(people):
        rate(member, year, GOOD)
        if index < holders:
            award(member, "lao-dong-tien-tien", year)
        if index < cstdcs:
            award(member, "chien-si-thi-dua-co-so", year)
    return unit, people


@pytest.mark.parametrize(
    ("holders", "status", "text"), [(69, "not_met", "69/100 thành viên (69%)"), (70, "met", "70/100 thành viên (70%)")]
)
def test_excellent_collective_needs_at_least_70_percent_advanced_workers(rules, holders, status, text):
    unit, _people = _excellent_collective(100, holders)
    share = condition(judge(unit, rules, "tap-the-lao-dong-xuat-sac", 2024), "members_share_title")
    assert share.status == status
    assert share.explanation.startswith(text)
    assert "yêu cầu ít nhất 70%" in share.explanation
    assert share.citation == "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 27 khoản 1"


def test_excellent_collective_with_70_percent_and_all_else_is_eligible(rules):
    unit, _people = _excellent_collective(10, 7)
    result = judge(unit, rules, "tap-the-lao-dong-xuat-sac", 2024)
    assert {c.condition: c.status for c in result.conditions} == {
        "no_discipline": "met",
        "not_under_review": "met",
        "not_already_awarded": "met",
        "task_rating_chain": "met",
        "members_share_rating": "met",
        "members_share_title": "met",
        "members_count_title": "met",
    }
    assert result.status == EligibilityStatus.ELIGIBLE


def test_excellent_collective_needs_every_member_to_complete_tasks(rules):
    unit, people = _excellent_collective(10, 8)
    from thidua.awards.models import TaskRating

    TaskRating.objects.filter(person=people[3]).update(completion=FAIL)
    share = condition(judge(unit, rules, "tap-the-lao-dong-xuat-sac", 2024), "members_share_rating")
    assert share.status == "not_met"
    assert share.explanation.startswith("9/10 thành viên (90%)")
    assert [f.text for f in share.facts] == [f"{people[3].full_name}: Không hoàn thành nhiệm vụ"]


def test_an_unrated_member_leaves_the_share_undecided(rules):
    unit, people = _excellent_collective(10, 8)
    from thidua.awards.models import TaskRating

    TaskRating.objects.filter(person=people[0]).delete()
    share = condition(judge(unit, rules, "tap-the-lao-dong-xuat-sac", 2024), "members_share_rating")
    assert share.status == "unknown"
    assert share.explanation.endswith("Còn 1 thành viên chưa có đánh giá.")


@pytest.mark.parametrize(("cstdcs", "status"), [(0, "not_met"), (1, "met")])
def test_excellent_collective_needs_one_grassroots_fighter(rules, cstdcs, status):
    unit, _people = _excellent_collective(10, 8, cstdcs=cstdcs)
    assert condition(judge(unit, rules, "tap-the-lao-dong-xuat-sac", 2024), "members_count_title").status == status


@pytest.mark.parametrize(("holders", "status"), [(5, "not_met"), (6, "met")])
def test_advanced_collective_needs_more_than_half(rules, holders, status):
    unit, _people = _excellent_collective(10, holders, cstdcs=0)
    share = condition(judge(unit, rules, "tap-the-lao-dong-tien-tien", 2024), "members_share_title")
    assert share.status == status
    assert "yêu cầu trên 50%" in share.explanation


@pytest.mark.parametrize(
    ("level", "status"), [(DisciplineLevel.WARNING, "not_met"), (DisciplineLevel.REPRIMAND, "met")]
)
def test_advanced_collective_refuses_a_member_disciplined_at_warning_or_above(rules, level, status):
    unit, people = _excellent_collective(10, 8, cstdcs=0)
    discipline(people[2], datetime.date(2024, 4, 1), datetime.date(2025, 3, 31), level=level)
    assert condition(judge(unit, rules, "tap-the-lao-dong-tien-tien", 2024), "members_no_discipline").status == status


def test_a_collective_without_members_cannot_be_told(rules):
    unit = UnitFactory()
    rate(unit, 2024, EX)
    share = condition(judge(unit, rules, "tap-the-lao-dong-xuat-sac", 2024), "members_share_title")
    assert share.status == "unknown"


# ---------------------------------------------------------------- discipline and reviews


def _fighter(person, years=(2021, 2022, 2023)):
    for year in years:
        award(person, "chien-si-thi-dua-co-so", year)


def test_no_commendation_while_under_discipline(person, rules):
    _fighter(person)
    discipline(person, datetime.date(2023, 3, 1), datetime.date(2024, 2, 29))
    result = judge(person, rules, "chien-si-thi-dua-tinh", 2023)
    assert condition(result, "no_discipline").status == "not_met"
    assert condition(result, "consecutive_titles").status == "not_met"
    assert "Thành tích chỉ tính từ năm 2025 (sau khi chấp hành xong kỷ luật khiển trách)." in result.notes


@pytest.mark.parametrize(
    ("ends_on", "status"), [(datetime.date(2020, 12, 31), "met"), (datetime.date(2021, 6, 30), "not_met")]
)
def test_achievements_count_from_the_end_of_discipline(person, rules, ends_on, status):
    _fighter(person)
    discipline(person, datetime.date(2020, 1, 1), ends_on)
    result = judge(person, rules, "chien-si-thi-dua-tinh", 2023)
    chain = condition(result, "consecutive_titles")
    assert chain.status == status
    assert condition(result, "no_discipline").status == "met"
    if status == "not_met":
        assert chain.explanation.endswith("thiếu năm 2021.")
        assert any("trước khi chấp hành xong kỷ luật" in f.text for f in chain.facts)


@pytest.mark.parametrize(
    ("opened", "closed", "status"),
    [
        (datetime.date(2026, 1, 10), None, "not_met"),
        (datetime.date(2025, 1, 10), datetime.date(2025, 12, 1), "met"),
        (datetime.date(2026, 3, 2), None, "met"),
    ],
)
def test_no_commendation_while_a_complaint_is_open(person, rules, opened, closed, status):
    _fighter(person)
    flag(person, opened, closed)
    assert condition(judge(person, rules, "chien-si-thi-dua-tinh", 2023), "not_under_review").status == status


# ---------------------------------------------------------------- one achievement, one award


def test_one_achievement_is_rewarded_once(person, rules):
    rate(person, 2024, GOOD)
    record = award(person, "lao-dong-tien-tien", 2024)
    once = condition(judge(person, rules, "lao-dong-tien-tien", 2024), "not_already_awarded")
    assert once.status == "not_met"
    assert once.facts[0].object_id == record.pk
    assert condition(judge(person, rules, "lao-dong-tien-tien", 2025), "not_already_awarded").status == "met"
    record.revoked_on = datetime.date(2025, 5, 1)
    record.save()
    assert condition(judge(person, rules, "lao-dong-tien-tien", 2024), "not_already_awarded").status == "met"


# ---------------------------------------------------------------- units that ended or merged


def test_a_dissolved_unit_is_not_commended_under_tt15(rules):
    ended = UnitFactory(valid_to=datetime.date(2025, 6, 30))
    active = UnitFactory()
    assert condition(judge(ended, rules, "bang-khen-tinh", 2025), "unit_active").status == "not_met"
    assert condition(judge(active, rules, "bang-khen-tinh", 2025), "unit_active").status == "met"
    # The rule came with TT 15/2025: the 2024 rule set has no such condition.
    assert not has_condition(judge(ended, rules, "bang-khen-tinh", 2024), "unit_active")


def _merged_unit():
    from thidua.organizations.enums import LineageKind
    from thidua.organizations.services import record_lineage_event

    before = UnitFactory()
    other = UnitFactory(province=before.province)
    after = UnitFactory(province=before.province, valid_from=datetime.date(2024, 1, 1))
    record_lineage_event(
        kind=LineageKind.MERGED, date=datetime.date(2024, 1, 1), predecessors=[before, other], successors=[after]
    )
    return before, after


def test_a_merged_units_predecessor_ratings_count_when_the_rule_set_says_so(rules):
    before, after = _merged_unit()
    rate(before, 2023, EX)
    rate(after, 2024, EX)
    chain = condition(judge(after, rules, "bang-khen-tinh", 2024), "task_rating_chain")
    assert chain.status == "met"
    assert "2023: Hoàn thành xuất sắc nhiệm vụ (đơn vị trước sắp xếp)" in [f.text for f in chain.facts]


def test_predecessor_records_stop_counting_when_the_parameter_is_turned_off(rules, make_user):
    from thidua.awards import services
    from thidua.organizations.enums import Role

    before, after = _merged_unit()
    rate(before, 2023, EX)
    rate(after, 2024, EX)
    rule_set = RuleSet.objects.get(code="quoc-gia-2024-nd98", is_current=True)
    policy = rule_set.rules.get(condition="policy_predecessor_records")
    services.revise_rule_set(
        rule_set,
        actor=make_user(Role.ADMIN),
        seen_version=rule_set.version,
        rule_changes={policy.pk: {"parameters": {"count": False}}},
    )
    chain = condition(judge(after, rules, "bang-khen-tinh", 2024), "task_rating_chain")
    assert chain.status == "unknown"
    assert chain.explanation.endswith("chưa có đánh giá năm 2023.")


# ---------------------------------------------------------------- the 1/7/2025 boundary and odd requests


@pytest.mark.parametrize(
    ("year", "code"),
    [(2023, "quoc-gia-2017-2023"), (2024, "quoc-gia-2024-nd98"), (2025, "quoc-gia-2025-nd152")],
)
def test_each_year_is_judged_by_the_rule_set_in_force_on_its_last_day(person, rules, year, code):
    assert [rs.code for rs in judge(person, rules, "lao-dong-tien-tien", year).rule_sets] == [code]


def test_a_year_without_a_rule_set_cannot_be_told(person, rules):
    result = judge(person, rules, "lao-dong-tien-tien", 2010)
    assert result.status == EligibilityStatus.NEEDS_CHECK
    assert result.conditions[0].explanation == "Chưa có bộ quy định khen thưởng nào có hiệu lực ngày 31/12/2010."


def test_forms_for_the_other_kind_of_recipient_are_refused(person, rules):
    with pytest.raises(ValidationError, match="dành cho tập thể"):
        judge(person, rules, "tap-the-lao-dong-xuat-sac", 2024)
    with pytest.raises(ValidationError, match="chỉ ghi sổ"):
        judge(person, rules, "huan-chuong-lao-dong-ca-nhan", 2024)


def test_a_provinces_own_rules_apply_to_its_candidates_only(rules):
    from thidua.awards.enums import ConditionCode
    from thidua.awards.legal_bases import create_rule_set

    mine, other = PersonFactory(), PersonFactory()
    create_rule_set(
        {
            "code": "tinh-rieng",
            "name": "Quy định riêng",
            "citation": "Quyết định của UBND tỉnh",
            "valid_from": datetime.date(2025, 7, 1),
            "valid_to": None,
            "is_verified": False,
            "rules": lambda: [
                (
                    "giay-khen-ca-nhan",
                    ConditionCode.TASK_RATING_CHAIN,
                    "QĐ tỉnh",
                    {"min_rating": GOOD, "years": 1},
                    False,
                )
            ],
        },
        province=mine.province,
    )
    assert has_condition(judge(mine, rules, "giay-khen-ca-nhan", 2025), "task_rating_chain")
    assert not has_condition(judge(other, rules, "giay-khen-ca-nhan", 2025), "task_rating_chain")


def test_screening_builds_the_condition_labels_once_not_per_rule_form_and_candidate(rules, monkeypatch):
    """A province-wide screening spent most of its time in get_condition_display(); the labels are made once."""
    from thidua.awards import eligibility
    from thidua.awards.models import Rule

    calls = []
    original = Rule.get_condition_display
    monkeypatch.setattr(Rule, "get_condition_display", lambda self: calls.append(self.pk) or original(self))
    people = [PersonFactory() for _ in range(3)]
    rows = eligibility.screen(year=2023, persons=people, as_of=AS_OF)
    assert calls == []
    labels = {c.label for row in rows for r in row.results for c in r.conditions if c.condition == "consecutive_titles"}
    assert labels == {"Đạt danh hiệu, hình thức nhiều năm liên tục"}
