"""Standards with alternatives (Luật 2022 Điều 74 khoản 1, "một trong các tiêu chuẩn"; law-check A-26)."""

import pytest
from django.urls import reverse

from tests.awards.factories import award, initiative, rate
from tests.awards.helpers import condition, judge
from tests.factories import PersonFactory
from thidua.awards import services
from thidua.awards.enums import EligibilityStatus, TaskCompletion
from thidua.awards.legal_bases import ALT_CSTD, ALT_EXCELLENT, ALT_OTHER
from thidua.awards.models import RuleSet

EX, GOOD = TaskCompletion.EXCELLENT, TaskCompletion.GOOD
FORM = "bang-khen-tinh-ca-nhan"
POINT_D = "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 74 khoản 1 điểm d"


@pytest.fixture
def person(rules):
    return PersonFactory()


def two_titles_one_good_year(person, initiatives=2):
    award(person, "chien-si-thi-dua-co-so", 2024)
    award(person, "chien-si-thi-dua-co-so", 2025)
    rate(person, 2024, GOOD)
    rate(person, 2025, EX)
    for year in (2024, 2025)[:initiatives]:
        initiative(person, year)


def test_two_cstd_titles_and_a_good_year_are_judged_on_the_cstd_alternative(person, rules):
    two_titles_one_good_year(person)
    result = judge(person, rules, FORM, 2025)
    one_of = condition(result, "one_of")
    assert [(a.name, a.status) for a in one_of.alternatives] == [
        (ALT_CSTD, "met"),
        (ALT_EXCELLENT, "not_met"),
        (ALT_OTHER, "unknown"),
    ]
    cstd = one_of.alternatives[0]
    assert [(c.condition, c.status, c.citation, c.explanation) for c in cstd.conditions] == [
        (
            "consecutive_titles",
            "met",
            POINT_D,
            "Cần đạt Chiến sĩ thi đua cơ sở 2 năm liên tục (2024–2025): đạt đủ các năm 2024, 2025.",
        ),
        (
            "initiatives",
            "met",
            POINT_D,
            "Cần 2 sáng kiến, đề tài được công nhận, phạm vi ảnh hưởng từ cơ sở trở lên (2024–2025); có 2.",
        ),
    ]
    assert one_of.status == "met"
    assert one_of.explanation.startswith(f"Đạt theo tiêu chuẩn “{ALT_CSTD}”.")
    # Not refused for the "hoàn thành tốt" year: the CSTĐ alternative, with its two recorded initiatives, is met.
    assert result.status == EligibilityStatus.ELIGIBLE
    assert not any(c.condition == "task_rating_chain" for c in result.conditions)


def test_one_initiative_short_the_cstd_alternative_is_not_met_and_says_so(person, rules):
    two_titles_one_good_year(person, initiatives=1)
    result = judge(person, rules, FORM, 2025)
    one_of = condition(result, "one_of")
    assert [(a.name, a.status) for a in one_of.alternatives] == [
        (ALT_CSTD, "not_met"),
        (ALT_EXCELLENT, "not_met"),
        (ALT_OTHER, "unknown"),
    ]
    assert [c.status for c in one_of.alternatives[0].conditions] == ["met", "not_met"]
    assert one_of.alternatives[0].conditions[1].explanation.endswith("(2024–2025); có 1.")
    # Points a–c are still read from the dossier, so the board checks; nothing is decided for the initiatives.
    assert (one_of.status, result.status) == ("unknown", EligibilityStatus.NEEDS_CHECK)


def test_the_same_person_in_2024_under_nd98_gets_the_same_answer(person, rules):
    award(person, "chien-si-thi-dua-co-so", 2023)
    award(person, "chien-si-thi-dua-co-so", 2024)
    rate(person, 2023, GOOD)
    rate(person, 2024, EX)
    initiative(person, 2023)
    initiative(person, 2024)
    result = judge(person, rules, FORM, 2024)
    assert [rs.code for rs in result.rule_sets] == ["quoc-gia-2024-nd98"]
    assert [a.status for a in condition(result, "one_of").alternatives] == ["met", "not_met", "unknown"]


def test_before_2024_the_two_year_chain_was_one_mandatory_condition(person, rules):
    award(person, "chien-si-thi-dua-co-so", 2022)
    award(person, "chien-si-thi-dua-co-so", 2023)
    rate(person, 2022, GOOD)
    rate(person, 2023, EX)
    result = judge(person, rules, FORM, 2023)
    assert condition(result, "task_rating_chain").status == "not_met"
    assert result.status == EligibilityStatus.NOT_ELIGIBLE


def _revise(rules, drop):
    """The board has read points a–c (say) and keeps only what the data can decide."""
    nd152 = RuleSet.objects.get(code="quoc-gia-2025-nd152", is_current=True)
    removed = [r.pk for r in nd152.rules.filter(award_form__code=FORM) if drop(r)]
    return services.revise_rule_set(nd152, actor=None, seen_version=nd152.version, removed=removed)


def test_no_alternative_met_refuses_and_says_why_each_failed(person, rules):
    revised = _revise(rules, lambda r: r.alternative == ALT_OTHER)
    assert set(revised.rules.filter(award_form__code=FORM).values_list("alternative", flat=True)) == {
        ALT_CSTD,
        ALT_EXCELLENT,
    }
    award(person, "chien-si-thi-dua-co-so", 2025)
    rate(person, 2024, GOOD)
    rate(person, 2025, EX)
    result = judge(person, rules, FORM, 2025)
    one_of = condition(result, "one_of")
    assert one_of.status == "not_met"
    none = "Cần 2 sáng kiến, đề tài được công nhận, phạm vi ảnh hưởng từ cơ sở trở lên (2024–2025); có 0."
    assert one_of.explanation == (
        "Không đạt tiêu chuẩn nào trong 2 tiêu chuẩn (chỉ cần một). "
        f"Không đạt “{ALT_CSTD}”: Cần đạt Chiến sĩ thi đua cơ sở 2 năm liên tục (2024–2025): thiếu năm 2024. {none} "
        f"Không đạt “{ALT_EXCELLENT}”: Cần hoàn thành xuất sắc nhiệm vụ trở lên 2 năm liên tục (2024–2025): "
        f"không đạt năm 2024. {none}"
    )
    assert result.status == EligibilityStatus.NOT_ELIGIBLE


def test_an_alternative_met_in_full_names_itself(person, rules):
    _revise(rules, lambda r: r.alternative == ALT_OTHER or r.condition == "manual_check")
    two_titles_one_good_year(person)
    result = judge(person, rules, FORM, 2025)
    one_of = condition(result, "one_of")
    assert (one_of.status, one_of.explanation) == (
        "met",
        (
            f"Đạt theo tiêu chuẩn “{ALT_CSTD}”. Không đạt “{ALT_EXCELLENT}”: Cần hoàn thành xuất sắc nhiệm vụ trở lên "
            "2 năm liên tục (2024–2025): không đạt năm 2024."
        ),
    )
    assert result.status == EligibilityStatus.ELIGIBLE


def test_a_general_rule_cannot_be_an_alternative(rules):
    from django.core.exceptions import ValidationError

    nd152 = RuleSet.objects.get(code="quoc-gia-2025-nd152", is_current=True)
    with pytest.raises(ValidationError, match="Chỉ điều kiện của một danh hiệu"):
        services.revise_rule_set(
            nd152,
            actor=None,
            seen_version=nd152.version,
            added=[
                {
                    "award_form": None,
                    "condition": "no_discipline",
                    "citation": "x",
                    "alternative": "A",
                    "parameters": {"min_level": "khien_trach"},
                }
            ],
        )
    assert RuleSet.objects.filter(code="quoc-gia-2025-nd152").count() == 1


def test_page_and_api_name_the_alternatives(world, login):
    person = world["person"]
    two_titles_one_good_year(person, initiatives=1)
    query = f"?person={person.pk}&form={FORM}&year=2025&as_of=2026-03-01"
    html = login(world["officer"]).get(reverse("awards:eligibility_detail") + query).content.decode()
    assert ALT_CSTD in html
    assert ALT_EXCELLENT in html
    assert "Cần 2 sáng kiến, đề tài được công nhận, phạm vi ảnh hưởng từ cơ sở trở lên (2024–2025); có 1." in html
    body = (
        login(world["officer"])
        .get("/api/v1/awards/eligibility", {"person": person.pk, "form": FORM, "year": 2025, "as_of": "2026-03-01"})
        .json()
    )
    one_of = next(c for c in body["conditions"] if c["condition"] == "one_of")
    assert [(a["name"], a["status"]) for a in one_of["alternatives"]] == [
        (ALT_CSTD, "not_met"),
        (ALT_EXCELLENT, "not_met"),
        (ALT_OTHER, "unknown"),
    ]
    assert one_of["alternatives"][0]["reasons"].endswith("(2024–2025); có 1.")
    assert body["status"] == "needs_check"
