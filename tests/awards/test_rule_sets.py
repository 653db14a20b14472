import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import ProvinceFactory
from thidua.awards import services
from thidua.awards.legal_bases import NATIONAL_RULE_SETS, create_rule_set, ensure_rule_sets
from thidua.awards.models import Rule, RuleSet
from thidua.awards.selectors import rule_set_versions
from thidua.core.kernel import StaleEdit
from thidua.core.models import ActivityLogEntry
from thidua.organizations.enums import Role


@pytest.fixture
def nd98(rules):
    return RuleSet.objects.get(code="quoc-gia-2024-nd98")


def test_national_rule_sets_are_created_once_with_their_dates(rules):
    assert ensure_rule_sets() == 0
    sets = RuleSet.objects.order_by("valid_from", "code")
    assert [(rs.code, rs.valid_from, rs.valid_to) for rs in sets] == [
        ("quoc-gia-2017-2023", datetime.date(2017, 9, 15), datetime.date(2023, 12, 31)),
        ("quoc-gia-2024-nd98", datetime.date(2024, 1, 1), datetime.date(2025, 6, 30)),
        ("trinh-trung-uong-nd98", datetime.date(2024, 1, 1), datetime.date(2025, 6, 30)),
        ("quoc-gia-2025-nd152", datetime.date(2025, 7, 1), datetime.date(2027, 2, 28)),
        ("trinh-trung-uong-nd152", datetime.date(2025, 7, 1), None),
    ]
    assert len(NATIONAL_RULE_SETS) == 3


def test_certainty_follows_the_law_notes(rules):
    nd152 = RuleSet.objects.get(code="quoc-gia-2025-nd152")
    share = nd152.rules.get(award_form__code="tap-the-lao-dong-xuat-sac", condition="members_share_title")
    assert (share.parameters["percent"], share.is_verified) == (70, True)
    advanced = nd152.rules.get(award_form__code="tap-the-lao-dong-tien-tien", condition="members_share_title")
    assert (advanced.parameters, advanced.is_verified) == (
        {"forms": ["lao-dong-tien-tien", "chien-si-thi-dua-co-so"], "comparison": "gt", "percent": 50},
        False,
    )
    quota = nd152.rules.get(condition="quota")
    assert (quota.parameters["max_percent"], quota.is_verified) == (15, False)


def test_a_correction_makes_a_new_version_and_keeps_the_old(nd98, make_user):
    # A national rule set is corrected by an administrator (a province's board no longer may: issue 13).
    board = make_user(Role.ADMIN)
    rule = nd98.rules.get(award_form__code="tap-the-lao-dong-tien-tien", condition="members_share_title")
    revised = services.revise_rule_set(
        nd98,
        actor=board,
        seen_version=1,
        rule_changes={rule.pk: {"parameters": {**rule.parameters, "percent": 60}, "is_verified": True}},
        note="Đối chiếu Điều 28",
    )
    nd98.refresh_from_db()
    assert (revised.version, revised.supersedes_id, revised.is_current, nd98.is_current) == (2, nd98.pk, True, False)
    assert rule_set_versions(revised).count() == 2
    new_rule = revised.rules.get(award_form__code="tap-the-lao-dong-tien-tien", condition="members_share_title")
    assert (new_rule.parameters["percent"], new_rule.is_verified) == (60, True)
    assert Rule.objects.get(pk=rule.pk).parameters["percent"] == 50
    assert revised.rules.count() == nd98.rules.count()
    entry = ActivityLogEntry.objects.get(action="rule_set.revised")
    assert (entry.actor, entry.note, entry.new_values["version"], entry.old_values["version"]) == (
        board,
        "Đối chiếu Điều 28",
        2,
        1,
    )


def test_a_bad_parameter_is_refused_and_nothing_changes(nd98, make_user):
    rule = nd98.rules.get(award_form__code="tap-the-lao-dong-xuat-sac", condition="members_share_title")
    with pytest.raises(ValidationError, match="phải là một tỷ lệ từ 0 đến 100"):
        services.revise_rule_set(
            nd98,
            actor=make_user(Role.ADMIN),
            seen_version=1,
            rule_changes={rule.pk: {"parameters": {**rule.parameters, "percent": 170}}},
        )
    assert RuleSet.objects.filter(code=nd98.code).count() == 1
    assert RuleSet.objects.get(pk=nd98.pk).is_current


def test_the_second_of_two_editors_is_refused(nd98, make_user):
    admin = make_user(Role.ADMIN)
    services.revise_rule_set(nd98, actor=admin, seen_version=1, changes={"note": "Lần 1"})
    with pytest.raises(StaleEdit, match="Người khác vừa sửa"):
        services.revise_rule_set(nd98, actor=admin, seen_version=1, changes={"note": "Lần 2"})


def test_rules_can_be_added_and_removed(nd98, make_user, rules):
    admin = make_user(Role.ADMIN)
    manual = nd98.rules.filter(condition="manual_check").first()
    revised = services.revise_rule_set(
        nd98,
        actor=admin,
        seen_version=1,
        removed=[manual.pk],
        added=[
            {
                "award_form": rules["giay-khen"],
                "condition": "task_rating_chain",
                "citation": "QĐ tỉnh",
                "parameters": {"min_rating": "good", "years": 1},
            }
        ],
    )
    assert revised.rules.count() == nd98.rules.count()
    assert revised.rules.filter(award_form__code="giay-khen", condition="task_rating_chain").exists()


def test_a_rule_without_citation_is_refused(nd98, make_user):
    rule = nd98.rules.first()
    with pytest.raises(ValidationError, match="căn cứ pháp lý"):
        services.revise_rule_set(
            nd98, actor=make_user(Role.ADMIN), seen_version=1, rule_changes={rule.pk: {"citation": " "}}
        )


def test_dates_out_of_order_are_refused(nd98, make_user):
    with pytest.raises(ValidationError, match="Ngày hết hiệu lực phải sau"):
        services.revise_rule_set(
            nd98, actor=make_user(Role.ADMIN), seen_version=1, changes={"valid_to": datetime.date(2020, 1, 1)}
        )


@pytest.mark.parametrize("role", [Role.COUNCIL_MEMBER, Role.UNIT_OFFICER])
def test_only_the_board_and_administrators_correct_rules(nd98, make_user, role, unit):
    user = make_user(role, unit if role == Role.UNIT_OFFICER else unit.province)
    with pytest.raises(PermissionDenied):
        services.revise_rule_set(nd98, actor=user, seen_version=1, changes={"note": "x"})


def test_a_provinces_own_rule_set_is_corrected_by_that_province_only(rules, make_user):
    mine, other = ProvinceFactory(), ProvinceFactory()
    own = create_rule_set(
        {
            "code": "rieng",
            "name": "Riêng",
            "citation": "QĐ",
            "valid_from": datetime.date(2025, 7, 1),
            "valid_to": None,
            "is_verified": False,
            "rules": list,
        },
        province=mine,
    )
    with pytest.raises(PermissionDenied):
        services.revise_rule_set(own, actor=make_user(Role.BOARD_OFFICER, other), seen_version=1, changes={"note": "x"})
    revised = services.revise_rule_set(
        own, actor=make_user(Role.BOARD_OFFICER, mine), seen_version=1, changes={"note": "x"}
    )
    assert revised.version == 2


def test_the_install_command_creates_what_is_missing_only(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("ensure_award_rules", stdout=out)
    call_command("ensure_award_rules", stdout=out)
    assert out.getvalue().splitlines() == [
        "Danh mục: thêm 22 dòng; bộ quy định: thêm 3, sửa theo đối chiếu pháp lý 0.",
        "Danh mục: thêm 0 dòng; bộ quy định: thêm 0, sửa theo đối chiếu pháp lý 0.",
    ]


def test_quota_rules_for_the_proposals(rules):
    from thidua.awards.selectors import quota_rules

    province = ProvinceFactory()
    create_rule_set(
        {
            "code": "ty-le",
            "name": "Tỷ lệ",
            "citation": "Quy chế cụm",
            "valid_from": datetime.date(2016, 1, 1),
            "valid_to": datetime.date(2025, 6, 30),
            "is_verified": False,
            "rules": lambda: [
                ("co-thi-dua-tinh", "quota", "Quy chế cụm", {"basis": "cluster_members", "max_percent": 40}, False)
            ],
        },
        kind="quota",
        province=province,
    )
    found = quota_rules(rules["co-thi-dua-tinh"], 2023, province=province)
    assert [(r.rule_set.code, r.parameters) for r in found] == [
        ("ty-le", {"basis": "cluster_members", "max_percent": 40})
    ]
    assert quota_rules(rules["co-thi-dua-tinh"], 2023, province=ProvinceFactory()) == []
    assert [r.parameters["max_percent"] for r in quota_rules(rules["chien-si-thi-dua-co-so"], 2024)] == [15]
