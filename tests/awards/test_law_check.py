"""The corrections of the December 2026 law check (law-check-2026-12.md) in the national rule sets."""

import datetime

import pytest
from django.core.management import call_command

from thidua.awards.legal_bases import EDITION, SRC_A2, SRC_A26, correct_rule_sets, ensure_parameter_rule_set
from thidua.awards.models import RuleSet
from thidua.core.models import ActivityLogEntry


def _rule(code, form, condition):
    rule_set = RuleSet.objects.get(code=code, is_current=True)
    return rule_set.rules.get(award_form__code=form, condition=condition)


@pytest.mark.parametrize("code", ["quoc-gia-2024-nd98", "quoc-gia-2025-nd152"])
def test_the_bang_khen_standards_cite_the_law_not_the_decree(rules, code):
    chain = _rule(code, "bang-khen-tinh-ca-nhan", "task_rating_chain")
    assert chain.citation == "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 74 khoản 1 điểm d"
    assert SRC_A26 in chain.note
    collective = _rule(code, "bang-khen-tinh", "task_rating_chain")
    assert (collective.citation, collective.is_verified) == (
        "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 74 khoản 2 (điều khoản chưa đối chiếu)",
        False,
    )
    prime_minister = _rule(code, "bang-khen-thu-tuong-ca-nhan", "task_rating_chain")
    assert prime_minister.citation.endswith("Điều 71 (điều khoản chưa đối chiếu)")


def test_no_award_under_review_cites_nd98_article_4_from_2024(rules):
    rule_set = RuleSet.objects.get(code="quoc-gia-2024-nd98", is_current=True)
    review = rule_set.rules.get(award_form=None, condition="not_under_review")
    assert (review.citation, review.is_verified) == ("Nghị định 98/2023/NĐ-CP, Điều 4 khoản 2", True)
    assert SRC_A2 in review.note
    before = RuleSet.objects.get(code="quoc-gia-2017-2023", is_current=True)
    quota = before.rules.get(condition="quota")
    assert (quota.citation, quota.is_verified, quota.parameters["max_percent"]) == (
        "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3",
        True,
        15,
    )


def test_every_system_version_names_the_edition(rules):
    assert all(EDITION in rs.note for rs in RuleSet.objects.filter(province=None))


def test_an_installation_made_before_the_law_check_gets_a_new_version_and_keeps_the_old(rules):
    old = RuleSet.objects.get(code="quoc-gia-2025-nd152")
    # As an installation made before this edition had it: the decree cited for the Bằng khen chain.
    old.rules.filter(award_form__code="bang-khen-tinh-ca-nhan").update(citation="Nghị định 152/2025/NĐ-CP (cũ)")
    RuleSet.objects.filter(pk=old.pk).update(note="Bản cũ")
    revised = correct_rule_sets()
    assert [rs.code for rs in revised] == ["quoc-gia-2025-nd152"]
    new = revised[0]
    old.refresh_from_db()
    assert (new.version, new.supersedes_id, new.is_current, old.is_current) == (2, old.pk, True, False)
    assert old.rules.filter(citation="Nghị định 152/2025/NĐ-CP (cũ)").count() == 5
    assert _rule("quoc-gia-2025-nd152", "bang-khen-tinh-ca-nhan", "task_rating_chain").citation.endswith(
        "Điều 74 khoản 1 điểm d"
    )
    entry = ActivityLogEntry.objects.get(action="rule_set.revised")
    assert (entry.actor, entry.note) == (None, EDITION)
    # Once corrected, nothing more happens; nor after a person's own later correction (which keeps the note).
    assert correct_rule_sets() == []


def test_the_install_command_reports_corrections(db):
    from io import StringIO

    out = StringIO()
    call_command("ensure_award_rules", stdout=out)
    RuleSet.objects.filter(code="quoc-gia-2024-nd98").update(note="Bản cũ")
    call_command("ensure_award_rules", stdout=out)
    assert (
        out.getvalue().splitlines()[-1] == "Danh mục: thêm 0 dòng; bộ quy định: thêm 0, sửa theo đối chiếu pháp lý 1."
    )


def test_a_voting_rule_set_of_an_older_edition_is_superseded_with_its_scope(forms):
    # forms: the catalogue, since a voting rule set may name only award forms it holds (rule-set kinds schema).
    spec = {
        "code": "hd-thu",
        "name": "Hội đồng (thử)",
        "citation": "NĐ 91/2017, Điều 45 khoản 8",
        "valid_from": datetime.date(2017, 9, 15),
        "valid_to": None,
        "parameters": {
            "quorum_percent": 50,
            "threshold_percent": 90,
            "comparison": "at_least",
            "denominator": "all_members",
            "tie_rule": "runoff",
            "secret": True,
        },
        "note": "Phạm vi theo V-2",
    }
    first = ensure_parameter_rule_set("council_voting", spec)
    RuleSet.objects.filter(pk=first.pk).update(note="Bản cũ, không phạm vi")
    scoped = ensure_parameter_rule_set(
        "council_voting", {**spec, "parameters": {**spec["parameters"], "award_forms": ["chien-si-thi-dua-tinh"]}}
    )
    assert (scoped.version, scoped.supersedes_id, scoped.parameters["award_forms"]) == (
        2,
        first.pk,
        ["chien-si-thi-dua-tinh"],
    )
    assert ensure_parameter_rule_set("council_voting", spec).pk == scoped.pk


def test_the_thematic_movement_flag_is_its_own_form_with_its_own_rule(rules):
    from tests.factories import UnitFactory
    from thidua.awards.legal_bases import SRC_A20

    flag = rules["co-thi-dua-tinh-chuyen-de"]
    assert (flag.name, flag.level, flag.recipient_kind) == (
        "Cờ thi đua cấp tỉnh (phong trào thi đua theo chuyên đề)",
        "province",
        "collective",
    )
    for code in ("quoc-gia-2024-nd98", "quoc-gia-2025-nd152"):
        rule = _rule(code, "co-thi-dua-tinh-chuyen-de", "manual_check")
        assert (rule.citation, rule.is_verified) == (
            "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 26 khoản 2 (điều khoản chưa đối chiếu)",
            False,
        )
        assert "từ 03 năm trở lên" in rule.parameters["text"]
        assert SRC_A20 in rule.note
    before = RuleSet.objects.get(code="quoc-gia-2017-2023", is_current=True)
    assert not before.rules.filter(award_form=flag).exists()
    # The annual flag keeps the cluster-lead rule; the thematic one is judged on the movement's dossier.
    from tests.awards.helpers import condition, judge

    result = judge(UnitFactory(), rules, "co-thi-dua-tinh-chuyen-de", 2025)
    assert "từ 03 năm trở lên" in condition(result, "manual_check").explanation
    assert result.status == "needs_check"
