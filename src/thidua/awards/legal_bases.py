"""The national commendation rule sets as data: each rule with its citation, parameters and certainty.

Certainty follows /shared/domain/law-notes.md and law-verified.md: a rule is marked verified only where those
notes tag the fact [FOUND]. Everything else is still a parameter, shown as unverified, and a province's
administrator corrects it without code (a correction makes a new version; see services.revise_rule_set).
"""

import datetime

from django.db import transaction

from thidua.awards.conditions import validate_parameters
from thidua.awards.enums import AchievementKind, Comparison, DisciplineLevel, ReviewKind, RuleSetKind, TaskCompletion
from thidua.awards.enums import ConditionCode as K
from thidua.awards.models import AwardForm, Rule, RuleSet

LUAT_2013 = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2013)"
ND_91 = "Nghị định 91/2017/NĐ-CP"
LUAT_2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15"
ND_98 = "Nghị định 98/2023/NĐ-CP"
ND_152 = "Nghị định 152/2025/NĐ-CP"
TT_15 = "Thông tư 15/2025/TT-BNV"
UNCHECKED = "điều khoản chưa đối chiếu"

ALL_REVIEWS = list(ReviewKind.values)
EXCELLENT, GOOD, COMPLETE = TaskCompletion.EXCELLENT, TaskCompletion.GOOD, TaskCompletion.COMPLETE
LDTT, CSTDCS, CSTD_TINH = "lao-dong-tien-tien", "chien-si-thi-dua-co-so", "chien-si-thi-dua-tinh"
# A Chiến sĩ thi đua cơ sở was necessarily Lao động tiên tiến that year, so both count as holding LĐTT.
LDTT_OR_BETTER = [LDTT, CSTDCS]
INITIATIVE_PROVINCE = (
    "Có sáng kiến được công nhận hiệu quả áp dụng, có khả năng nhân rộng trong phạm vi toàn tỉnh, hoặc đề tài "
    "khoa học, đề án được nghiệm thu và áp dụng hiệu quả trong toàn tỉnh (do Chủ tịch UBND tỉnh công nhận)."
)
INITIATIVE_NATION = "Có sáng kiến, đề tài khoa học, đề án có hiệu quả, phạm vi ảnh hưởng trong toàn quốc."
INITIATIVE_BASE = "Có sáng kiến được cơ sở công nhận hiệu quả, hoặc đề tài khoa học được nghiệm thu và áp dụng."
CLUSTER_LEAD = "Dẫn đầu phong trào thi đua của cụm, khối: được cụm, khối bình xét, suy tôn đề nghị tặng Cờ."
NEW_MODELS = "Có nhân tố mới, mô hình mới để các tập thể khác học tập; đoàn kết, thực hành tiết kiệm, chống lãng phí."
PROVINCE_CRITERIA = "Tiêu chuẩn xét tặng Giấy khen do bộ, ban, ngành, tỉnh quy định chi tiết."


def _general(citation, *, verified, merit_only, merit_verified, with_unit_active):
    rows = [
        (None, K.NO_DISCIPLINE, citation, {"min_level": DisciplineLevel.REPRIMAND}, verified),
        (None, K.NOT_UNDER_REVIEW, citation, {"kinds": ALL_REVIEWS}, verified),
        (None, K.POLICY_DISCIPLINE_RESETS, citation, {"min_level": DisciplineLevel.REPRIMAND}, verified),
        (
            None,
            K.POLICY_PREDECESSOR_RECORDS,
            "Chưa tìm thấy quy định về thời gian tính thành tích của đơn vị sau sắp xếp; tỉnh tự quyết định",
            {"count": True},
            False,
        ),
    ]
    if merit_only:
        kinds = [AchievementKind.THEMATIC, AchievementKind.AD_HOC]
        rows.append((None, K.POLICY_MERIT_ONLY, citation, {"excluded_kinds": kinds}, merit_verified))
    if with_unit_active:
        rows.append((None, K.UNIT_ACTIVE, f"{TT_15} (không khen đơn vị đã giải thể sau sắp xếp)", {}, True))
    return rows


def _chain(forms, years):
    return {"forms": forms, "years": years, "include_current_year": True}


def _rating(level, years=1):
    return {"min_rating": level, "years": years}


def _titles(*, art21, art22, art23, art24, v21, v22, v23, v24):
    return [
        ("chien-si-thi-dua-toan-quoc", K.CONSECUTIVE_TITLES, art21, _chain([CSTD_TINH], 2), v21),
        ("chien-si-thi-dua-toan-quoc", K.MANUAL_CHECK, art21, {"text": INITIATIVE_NATION}, v21),
        (CSTD_TINH, K.CONSECUTIVE_TITLES, art22, _chain([CSTDCS], 3), v22),
        (CSTD_TINH, K.MANUAL_CHECK, art22, {"text": INITIATIVE_PROVINCE}, v22),
        (CSTDCS, K.CONSECUTIVE_TITLES, art23, _chain([LDTT], 1), v23),
        (CSTDCS, K.MANUAL_CHECK, art23, {"text": INITIATIVE_BASE}, v23),
        (LDTT, K.TASK_RATING_CHAIN, art24, _rating(GOOD), v24),
    ]


def _collectives(*, art25, art26, art27, art28, v27, v28, members_discipline_in_27):
    rows = [
        ("co-thi-dua-chinh-phu", K.TASK_RATING_CHAIN, art25, _rating(EXCELLENT), False),
        (
            "co-thi-dua-chinh-phu",
            K.MANUAL_CHECK,
            art25,
            {"text": "Tiêu biểu xuất sắc nhất phong trào thi đua của tỉnh."},
            False,
        ),
        ("co-thi-dua-tinh", K.TASK_RATING_CHAIN, art26, _rating(EXCELLENT), False),
        ("co-thi-dua-tinh", K.MANUAL_CHECK, art26, {"text": NEW_MODELS}, False),
        ("tap-the-lao-dong-xuat-sac", K.TASK_RATING_CHAIN, art27, _rating(EXCELLENT), v27),
        (
            "tap-the-lao-dong-xuat-sac",
            K.MEMBERS_SHARE_RATING,
            art27,
            {"min_rating": COMPLETE, "comparison": Comparison.AT_LEAST, "percent": 100},
            v27,
        ),
        (
            "tap-the-lao-dong-xuat-sac",
            K.MEMBERS_SHARE_TITLE,
            art27,
            {"forms": LDTT_OR_BETTER, "comparison": Comparison.AT_LEAST, "percent": 70},
            v27,
        ),
        ("tap-the-lao-dong-xuat-sac", K.MEMBERS_COUNT_TITLE, art27, {"forms": [CSTDCS], "min_count": 1}, v27),
        ("tap-the-lao-dong-tien-tien", K.TASK_RATING_CHAIN, art28, _rating(GOOD), v28),
        (
            "tap-the-lao-dong-tien-tien",
            K.MEMBERS_SHARE_TITLE,
            art28,
            {"forms": LDTT_OR_BETTER, "comparison": Comparison.MORE_THAN, "percent": 50},
            v28,
        ),
        ("tap-the-lao-dong-tien-tien", K.MEMBERS_NO_DISCIPLINE, art28, {"min_level": DisciplineLevel.WARNING}, v28),
    ]
    if members_discipline_in_27:
        rows.append(
            (
                "tap-the-lao-dong-xuat-sac",
                K.MEMBERS_NO_DISCIPLINE,
                art27,
                {"min_level": DisciplineLevel.WARNING},
                False,
            )
        )
    return rows


def _certificates(decree, *, prior_award_for_pm, giay_khen_citation, giay_khen_verified):
    basis = f"{decree} ({UNCHECKED})"
    rows = [
        ("bang-khen-tinh-ca-nhan", K.TASK_RATING_CHAIN, basis, _rating(EXCELLENT, 2), False),
        (
            "bang-khen-tinh-ca-nhan",
            K.MANUAL_CHECK,
            basis,
            {"text": "Có sáng kiến, hoặc thành tích xuất sắc trong phong trào thi đua."},
            False,
        ),
        ("bang-khen-tinh", K.TASK_RATING_CHAIN, basis, _rating(EXCELLENT, 2), False),
        ("bang-khen-thu-tuong-ca-nhan", K.TASK_RATING_CHAIN, basis, _rating(EXCELLENT, 5), False),
        ("bang-khen-thu-tuong", K.TASK_RATING_CHAIN, basis, _rating(EXCELLENT, 5), False),
        ("giay-khen", K.MANUAL_CHECK, giay_khen_citation, {"text": PROVINCE_CRITERIA}, giay_khen_verified),
        ("giay-khen-ca-nhan", K.MANUAL_CHECK, giay_khen_citation, {"text": PROVINCE_CRITERIA}, giay_khen_verified),
    ]
    if prior_award_for_pm:
        prior = {"within_years": 5, "min_count": 1}
        rows += [
            (
                "bang-khen-thu-tuong-ca-nhan",
                K.PRIOR_AWARD,
                basis,
                {"forms": ["bang-khen-tinh-ca-nhan"], **prior},
                False,
            ),
            ("bang-khen-thu-tuong", K.PRIOR_AWARD, basis, {"forms": ["bang-khen-tinh"], **prior}, False),
        ]
    return rows


def _quotas(citation):
    return [
        (
            CSTDCS,
            K.QUOTA,
            citation,
            {"basis": "title_holders", "base_forms": [LDTT, CSTDCS], "max_percent": 15},
            False,
        ),
    ]


def _pre_2024():
    law = LUAT_2013
    return [
        *_general(
            f"{ND_91} ({UNCHECKED})", verified=False, merit_only=False, merit_verified=False, with_unit_active=False
        ),
        (None, K.NOT_ALREADY_AWARDED, f"{law}, nguyên tắc khen thưởng", {}, False),
        *_titles(
            art21=f"{law}, Điều 21",
            art22=f"{law}, Điều 22",
            art23=f"{law}, Điều 23",
            art24=f"{law}, Điều 24",
            v21=False,
            v22=False,
            v23=True,
            v24=False,
        ),
        *_collectives(
            art25=f"{law}, Điều 25",
            art26=f"{law}, Điều 26; {ND_91}, Điều 12 (so sánh, bình xét trong cụm, khối)",
            art27=f"{law}, Điều 27",
            art28=f"{law}, Điều 28",
            v27=False,
            v28=True,
            members_discipline_in_27=True,
        ),
        ("co-thi-dua-tinh", K.MANUAL_CHECK, f"{ND_91}, Điều 12", {"text": CLUSTER_LEAD}, True),
        *_certificates(
            ND_91, prior_award_for_pm=True, giay_khen_citation=f"{ND_91} ({UNCHECKED})", giay_khen_verified=False
        ),
        *_quotas(f"{ND_91} ({UNCHECKED})"),
    ]


def _law_2022(decree, *, decree_verified):
    law = LUAT_2022
    principles = f"{decree}, nguyên tắc khen thưởng" + ("" if decree_verified else f" ({UNCHECKED})")
    return [
        *_general(
            principles,
            verified=decree_verified,
            merit_only=True,
            merit_verified=decree_verified,
            with_unit_active=decree_verified,
        ),
        (None, K.NOT_ALREADY_AWARDED, f"{law}, nguyên tắc khen thưởng", {}, True),
        *_titles(
            art21=f"{law}, Điều 21",
            art22=f"{law}, Điều 22",
            art23=f"{law}, Điều 23",
            art24=f"{law}, Điều 24",
            v21=True,
            v22=True,
            v23=False,
            v24=True,
        ),
        *_collectives(
            art25=f"{law}, Điều 25",
            art26=f"{law}, Điều 26",
            art27=f"{law}, Điều 27 khoản 1",
            art28=f"{law}, Điều 28 khoản 1",
            v27=True,
            v28=False,
            members_discipline_in_27=False,
        ),
        ("co-thi-dua-tinh", K.MANUAL_CHECK, f"{law}, Điều 26 ({UNCHECKED})", {"text": CLUSTER_LEAD}, False),
        *_certificates(
            decree,
            # ND 152/2025: a lower-level award is no longer required before a higher one (law-notes §1.1).
            prior_award_for_pm=not decree_verified,
            giay_khen_citation=f"{law}, Điều 75 khoản 2",
            giay_khen_verified=True,
        ),
        *_quotas(f"{decree} ({UNCHECKED})"),
    ]


NATIONAL_RULE_SETS = [
    {
        "code": "quoc-gia-2017-2023",
        "name": "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013) và Nghị định 91/2017/NĐ-CP",
        "citation": f"{LUAT_2013}; {ND_91}",
        "valid_from": datetime.date(2017, 9, 15),
        "valid_to": datetime.date(2023, 12, 31),
        "is_verified": False,
        "note": "Áp dụng cho thành tích đến hết năm 2023. Ngày bắt đầu áp dụng trong hệ thống chưa đối chiếu.",
        "rules": _pre_2024,
    },
    {
        "code": "quoc-gia-2024-nd98",
        "name": "Luật Thi đua, khen thưởng số 06/2022/QH15 và Nghị định 98/2023/NĐ-CP",
        "citation": f"{LUAT_2022}; {ND_98}",
        "valid_from": datetime.date(2024, 1, 1),
        "valid_to": datetime.date(2025, 6, 30),
        "is_verified": True,
        "note": "Luật có hiệu lực 01/01/2024; Nghị định 98/2023 được thay thế bởi Nghị định 152/2025 từ 01/7/2025.",
        "rules": lambda: _law_2022(ND_98, decree_verified=False),
    },
    {
        "code": "quoc-gia-2025-nd152",
        "name": "Luật Thi đua, khen thưởng số 06/2022/QH15 và Nghị định 152/2025/NĐ-CP",
        "citation": f"{LUAT_2022}; {ND_152}; {TT_15}",
        "valid_from": datetime.date(2025, 7, 1),
        "valid_to": None,
        "is_verified": True,
        "note": "Nghị định 152/2025 ngày 14/6/2025, hiệu lực 01/7/2025; Thông tư 15/2025/TT-BNV ngày 04/8/2025.",
        "rules": lambda: _law_2022(ND_152, decree_verified=True),
    },
]


def create_rule_set(definition, *, kind=RuleSetKind.COMMENDATION, province=None, forms=None):
    """Create version 1 of a rule set with its rules; parameters pass the same validation as a correction."""
    forms = forms if forms is not None else {f.code: f for f in AwardForm.objects.all()}
    rule_set = RuleSet.objects.create(
        kind=kind,
        code=definition["code"],
        name=definition["name"],
        citation=definition["citation"],
        province=province,
        valid_from=definition["valid_from"],
        valid_to=definition["valid_to"],
        is_verified=definition["is_verified"],
        note=definition.get("note", ""),
        parameters=definition.get("parameters", {}),
    )
    rules = []
    for order, (form_code, condition, citation, params, verified) in enumerate(definition["rules"](), start=1):
        rules.append(
            Rule(
                rule_set=rule_set,
                award_form=forms[form_code] if form_code else None,
                condition=condition,
                citation=citation,
                parameters=validate_parameters(condition, params, known_forms=set(forms)),
                is_verified=verified,
                order=order * 10,
            )
        )
    Rule.objects.bulk_create(rules)
    return rule_set


@transaction.atomic
def ensure_rule_sets():
    """Create the national rule sets that are missing. A set already there (any version) is left as corrected."""
    forms = {f.code: f for f in AwardForm.objects.all()}
    created = 0
    for definition in NATIONAL_RULE_SETS:
        if RuleSet.objects.filter(code=definition["code"]).exists():
            continue
        create_rule_set(definition, forms=forms)
        created += 1
    return created
