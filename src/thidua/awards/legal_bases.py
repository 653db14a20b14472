"""The national commendation rule sets as data: each rule with its citation, parameters and certainty.

Certainty follows the law check of December 2026 (law-check-2026-12.md, 66 rows with quotes and addresses): a rule
is marked verified only where a quoted text supports it, and its note names the row and the address. Everything
else is still a parameter, shown as unverified, and a province's administrator corrects it without code (a
correction makes a new version; see services.revise_rule_set). `correct_rule_sets` brings an installation's
national sets up to these definitions as new versions, keeping the old ones as history.
"""

import datetime

from django.db import transaction

from thidua.awards.conditions import validate_parameters
from thidua.awards.enums import (
    AchievementKind,
    Comparison,
    DisciplineLevel,
    InitiativeScope,
    ReviewKind,
    RuleSetKind,
    TaskCompletion,
)
from thidua.awards.enums import ConditionCode as K
from thidua.awards.models import AwardForm, Rule, RuleSet
from thidua.awards.services import revise_rule_set

LUAT_2013 = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2013)"
ND_91 = "Nghị định 91/2017/NĐ-CP"
LUAT_2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15"
ND_98 = "Nghị định 98/2023/NĐ-CP"
ND_152 = "Nghị định 152/2025/NĐ-CP"
TT_15 = "Thông tư 15/2025/TT-BNV"
TT_08 = "Thông tư 08/2017/TT-BNV"
UNCHECKED = "điều khoản chưa đối chiếu"
# The edition of this legal data: written into each system-made version's note, so an installation can tell
# whether its national sets already carry these corrections. "bản 2" adds the alternatives of Điều 74 khoản 1;
# "bản 3" counts the initiatives from their records (awards.Initiative) instead of leaving them to the dossier;
# "bản 4" adds the flag of a thematic movement.
EDITION = "Đối chiếu pháp lý 12/2026, bản 4"
# The voting rule sets (demo data) were last corrected in the first edition.
VOTING_EDITION = "Đối chiếu pháp lý 12/2026"

# Source addresses of the law check (law-check-2026-12.md), by row.
SRC_A2 = (
    "https://bqllang.gov.vn/tin-tuc/tin-tong-hop/14951-diem-moi-cua-nghi-dinh-quy-dinh-chi-tiet-thi-hanh-mot-so-dieu-"
    "cua-luat-thi-dua-khen-thuong-nam-2022.html"
)
SRC_A17 = (
    "https://thuvienphapluat.vn/hoi-dap-phap-luat/45A9C-hd-tieu-chuan-de-xet-tang-danh-hieu-chien-si-thi-dua-co-so.html"
)
SRC_A22 = (
    "https://hethongphapluat.com/thong-tu-08-2017-tt-bnv-ve-huong-dan-nghi-dinh-91-2017-nd-cp-huong-dan-luat-thi-dua-"
    "khen-thuong-do-bo-truong-bo-noi-vu-ban-hanh/dieu-8"
)
SRC_A20 = (
    "http://118.69.201.250:801/phap-luat/danh-hieu-co-thi-dua-cua-bo-thong-tin-va-truyen-thong-duoc-tang-cho-tap-the-"
    "nao-trong-nganh-thong-t-199627.html"
)
SRC_A26 = "https://chinhsachonline.chinhphu.vn/tieu-chuan-de-nghi-xet-tang-bang-khen-cua-bo-nganh-77204.htm"

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


def _general(citation, *, verified, merit_only, merit_verified, with_unit_active, review_note=""):
    rows = [
        (None, K.NO_DISCIPLINE, citation, {"min_level": DisciplineLevel.REPRIMAND}, verified, review_note),
        (None, K.NOT_UNDER_REVIEW, citation, {"kinds": ALL_REVIEWS}, verified, review_note),
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


def _initiatives(count, scope, years, text):
    return {"min_count": count, "min_scope": scope, "years": years, "text": text}


# The law names the initiative and its scope (law-check ); over which years it is counted is the
# system's reading: the years of the title chain the same standard asks for.
WINDOW_NOTE = (
    "Số năm tính sáng kiến là cách hệ thống hiểu (các năm của chuỗi danh hiệu cùng tiêu chuẩn), chưa đối chiếu; "
    "tỉnh sửa được."
)


def _titles(*, art21, art22, art23, art24, v21, v22, v23, v24):
    nation = _initiatives(1, InitiativeScope.NATION, 6, INITIATIVE_NATION)
    province = _initiatives(1, InitiativeScope.PROVINCE, 3, INITIATIVE_PROVINCE)
    base = _initiatives(1, InitiativeScope.BASE, 1, INITIATIVE_BASE)
    return [
        ("chien-si-thi-dua-toan-quoc", K.CONSECUTIVE_TITLES, art21, _chain([CSTD_TINH], 2), v21),
        ("chien-si-thi-dua-toan-quoc", K.INITIATIVES, art21, nation, v21, f"Đối chiếu A-10. {WINDOW_NOTE}"),
        (CSTD_TINH, K.CONSECUTIVE_TITLES, art22, _chain([CSTDCS], 3), v22),
        (CSTD_TINH, K.INITIATIVES, art22, province, v22, f"Đối chiếu A-12. {WINDOW_NOTE}"),
        (CSTDCS, K.CONSECUTIVE_TITLES, art23, _chain([LDTT], 1), v23),
        (CSTDCS, K.INITIATIVES, art23, base, v23, "Đối chiếu A-13, A-14: sáng kiến được cơ sở công nhận trong năm."),
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


INITIATIVES_TWO = (
    "Trong thời gian đó có 02 sáng kiến được công nhận và áp dụng có hiệu quả trong phạm vi cơ sở, hoặc 02 đề tài "
    "khoa học, đề án khoa học, công trình khoa học và công nghệ đã được nghiệm thu và áp dụng có hiệu quả trong "
    "phạm vi cơ sở."
)
OTHER_POINTS = (
    "Các tiêu chuẩn khác của Điều 74 khoản 1 (điểm a, b, c) chưa được đối chiếu với văn bản: thẩm định theo hồ sơ."
)
# The alternatives of Luật 2022 Điều 74 khoản 1 (law-check A-26): each needs all of its own conditions.
ALT_CSTD = "Điểm d: 02 lần liên tục Chiến sĩ thi đua cơ sở"
ALT_EXCELLENT = "Điểm d: 02 năm liên tục hoàn thành xuất sắc nhiệm vụ"
ALT_OTHER = "Điểm a–c (chưa đối chiếu)"


def _province_individual(citation, verified, note, *, one_of):
    """The Bằng khen of the provincial chairman for a person: before 2024 one chain; from 2024 one of the standards."""
    if not one_of:
        return [
            ("bang-khen-tinh-ca-nhan", K.TASK_RATING_CHAIN, citation, _rating(EXCELLENT, 2), verified),
            (
                "bang-khen-tinh-ca-nhan",
                K.MANUAL_CHECK,
                citation,
                {"text": "Có sáng kiến, hoặc thành tích xuất sắc trong phong trào thi đua."},
                verified,
            ),
        ]
    point_d = f"{citation} điểm d"
    form = "bang-khen-tinh-ca-nhan"
    two = _initiatives(2, InitiativeScope.BASE, 2, INITIATIVES_TWO)
    return [
        (form, K.CONSECUTIVE_TITLES, point_d, _chain([CSTDCS], 2), True, note, ALT_CSTD),
        (form, K.INITIATIVES, point_d, two, True, note, ALT_CSTD),
        (form, K.TASK_RATING_CHAIN, point_d, _rating(EXCELLENT, 2), True, note, ALT_EXCELLENT),
        (form, K.INITIATIVES, point_d, two, True, note, ALT_EXCELLENT),
        (form, K.MANUAL_CHECK, f"{citation} ({UNCHECKED})", {"text": OTHER_POINTS}, False, note, ALT_OTHER),
    ]


def _certificates(basis, *, prior_award_for_pm, giay_khen_citation, giay_khen_verified, one_of=False):
    """basis: {"province_individual", "province_collective", "prime_minister"}: (citation, verified, note)."""
    col, col_ok, col_note = basis["province_collective"]
    pm, pm_ok, pm_note = basis["prime_minister"]
    rows = [
        *_province_individual(*basis["province_individual"], one_of=one_of),
        ("bang-khen-tinh", K.TASK_RATING_CHAIN, col, _rating(EXCELLENT, 2), col_ok, col_note),
        ("bang-khen-thu-tuong-ca-nhan", K.TASK_RATING_CHAIN, pm, _rating(EXCELLENT, 5), pm_ok, pm_note),
        ("bang-khen-thu-tuong", K.TASK_RATING_CHAIN, pm, _rating(EXCELLENT, 5), pm_ok, pm_note),
        ("giay-khen", K.MANUAL_CHECK, giay_khen_citation, {"text": PROVINCE_CRITERIA}, giay_khen_verified),
        ("giay-khen-ca-nhan", K.MANUAL_CHECK, giay_khen_citation, {"text": PROVINCE_CRITERIA}, giay_khen_verified),
    ]
    if prior_award_for_pm:
        prior = {"within_years": 5, "min_count": 1}
        rows += [
            (
                "bang-khen-thu-tuong-ca-nhan",
                K.PRIOR_AWARD,
                pm,
                {"forms": ["bang-khen-tinh-ca-nhan"], **prior},
                False,
                pm_note,
            ),
            ("bang-khen-thu-tuong", K.PRIOR_AWARD, pm, {"forms": ["bang-khen-tinh"], **prior}, False, pm_note),
        ]
    return rows


def _certificates_2022():
    """The Bằng khen standards are in the Law itself (Điều 71, 74), not in the decrees (law-check A-26, A-27)."""
    law = LUAT_2022
    return {
        "province_individual": (
            f"{law}, Điều 74 khoản 1",
            False,
            (
                "Đối chiếu A-26, A-27: tiêu chuẩn ở Luật, Điều 74 khoản 1 (“một trong các tiêu chuẩn”), "
                f"nguồn: {SRC_A26}. "
                "Đạt một tiêu chuẩn là đủ; 02 lần Chiến sĩ thi đua cơ sở và 02 năm hoàn thành xuất sắc là hai nhánh "
                "của điểm d, mỗi nhánh kèm 02 sáng kiến."
            ),
        ),
        "province_collective": (
            f"{law}, Điều 74 khoản 2 ({UNCHECKED})",
            False,
            "Đối chiếu A-28: chưa đọc được Điều 74 khoản 2.",
        ),
        "prime_minister": (
            f"{law}, Điều 71 ({UNCHECKED})",
            False,
            (
                "Đối chiếu A-29: chưa đọc được Điều 71; quy định cũ (NĐ 65/2014 Điều 23) tính 05 năm sau Bằng khen "
                "và cần 05 sáng kiến."
            ),
        ),
    }


CERTIFICATE_KEYS = ("province_individual", "province_collective", "prime_minister")


def _quotas(citation, *, verified=False, note=""):
    return [
        (
            CSTDCS,
            K.QUOTA,
            citation,
            {"basis": "title_holders", "base_forms": [LDTT, CSTDCS], "max_percent": 15},
            verified,
            note,
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
            v24=True,
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
        (
            "co-thi-dua-tinh",
            K.MANUAL_CHECK,
            f"{ND_91}, Điều 12; {TT_08}, Điều 8",
            {"text": CLUSTER_LEAD},
            True,
            f"Đối chiếu A-22: Cờ thi đua cấp tỉnh cho tập thể “dẫn đầu cụm, khối”, nguồn: {SRC_A22}.",
        ),
        *_certificates(
            dict.fromkeys(CERTIFICATE_KEYS, (f"{ND_91} ({UNCHECKED})", False, "")),
            prior_award_for_pm=True,
            giay_khen_citation=f"{ND_91} ({UNCHECKED})",
            giay_khen_verified=False,
        ),
        *_quotas(f"{ND_91}, Điều 9 khoản 3", verified=True, note=f"Đối chiếu A-17: mức trần 15%, nguồn: {SRC_A17}."),
    ]


def _law_2022(decree, *, decree_verified, review_citation=None):
    """review_citation: (citation, note) for "no award under discipline or review" where the article is known."""
    law = LUAT_2022
    principles = f"{decree}, nguyên tắc khen thưởng" + ("" if decree_verified else f" ({UNCHECKED})")
    general = _general(
        principles,
        verified=decree_verified,
        merit_only=True,
        merit_verified=decree_verified,
        with_unit_active=decree_verified,
    )
    if review_citation is not None:
        citation, note = review_citation
        general[:2] = [(form, cond, citation, params, True, note) for form, cond, _c, params, _v, _n in general[:2]]
    return [
        *general,
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
        *_thematic_flag(),
        *_certificates(
            _certificates_2022(),
            # ND 152/2025: a lower-level award is no longer required before a higher one (law-notes §1.1).
            prior_award_for_pm=not decree_verified,
            giay_khen_citation=f"{law}, Điều 75 khoản 2",
            giay_khen_verified=True,
            one_of=True,
        ),
        *_quotas(f"{decree} ({UNCHECKED})"),
    ]


THEMATIC_FLAG = "co-thi-dua-tinh-chuyen-de"
THEMATIC_MOVEMENT = (
    "Phong trào thi đua theo chuyên đề có thời gian thực hiện từ 03 năm trở lên, xét tặng khi sơ kết, tổng kết phong "
    "trào; tập thể tiêu biểu xuất sắc của phong trào: thẩm định theo hồ sơ."
)
THEMATIC_NOTE = (
    "Đối chiếu, mục “Legal facts the project lacks” số 3: Cờ thi đua theo chuyên đề (Luật Điều 26 khoản 2, theo các "
    "thông tư của bộ, ngành dẫn lại); TT 17/2024/TT-BTTTT áp dụng cho phong trào “có thời gian thực hiện từ 03 năm trở "
    f"lên khi tổng kết”, nguồn (hàng A-20): {SRC_A20}. Chưa đọc được văn bản Luật: chưa đối chiếu."
)


def _thematic_flag():
    """The flag of a thematic movement, voted apart from the annual flag; the movement's span is read on the
    dossier (no movement duration is tracked as a fact)."""
    citation = f"{LUAT_2022}, Điều 26 khoản 2 ({UNCHECKED})"
    return [
        (THEMATIC_FLAG, K.MANUAL_CHECK, citation, {"text": THEMATIC_MOVEMENT}, False, THEMATIC_NOTE),
    ]


def _new_commune_titles():
    """ND 152's titles for the commune level and villages; their standards were not read (law-check), so checked
    on the dossier."""
    text = "Tiêu chuẩn danh hiệu theo Nghị định 152/2025/NĐ-CP (chưa đọc được điều khoản): thẩm định theo hồ sơ."
    citation = f"{ND_152} ({UNCHECKED})"
    return [
        ("xa-phuong-dac-khu-tieu-bieu", K.MANUAL_CHECK, citation, {"text": text}, False),
        ("thon-to-dan-pho-van-hoa", K.MANUAL_CHECK, citation, {"text": text}, False),
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
        "rules": lambda: _law_2022(
            ND_98,
            decree_verified=False,
            review_citation=(
                f"{ND_98}, Điều 4 khoản 2",
                (
                    "Đối chiếu A-2: chưa khen thưởng trong thời gian đang xem xét kỷ luật, điều tra, thanh tra, "
                    "kiểm tra, "
                    f"khiếu nại, tố cáo, nguồn: {SRC_A2}."
                ),
            ),
        ),
    },
    {
        "code": "quoc-gia-2025-nd152",
        "name": "Luật Thi đua, khen thưởng số 06/2022/QH15 và Nghị định 152/2025/NĐ-CP",
        "citation": f"{LUAT_2022}; {ND_152}; {TT_15}",
        "valid_from": datetime.date(2025, 7, 1),
        # The official database lists ND 152 as ending on 01/03/2027 (law-check A-33): no set after it until a
        # successor is entered, and the board is warned ahead (awards.coverage).
        "valid_to": datetime.date(2027, 2, 28),
        "is_verified": True,
        "note": "Nghị định 152/2025 ngày 14/6/2025, hiệu lực 01/7/2025; Thông tư 15/2025/TT-BNV ngày 04/8/2025. "
        "Đối chiếu A-33: cơ sở dữ liệu văn bản ghi Nghị định 152/2025 hết hiệu lực ngày 01/3/2027; chưa có văn bản "
        "thay thế.",
        "rules": lambda: [*_law_2022(ND_152, decree_verified=True), *_new_commune_titles()],
    },
]


def _rule_rows(definition):
    """The definition's rules as dicts: (form, condition, citation, parameters, verified[, note[, alternative]])."""
    rows = []
    for order, row in enumerate(definition["rules"](), start=1):
        form_code, condition, citation, params, verified, *rest = row
        rows.append(
            {
                "form": form_code,
                "condition": condition,
                "citation": citation,
                "parameters": params,
                "is_verified": verified,
                "note": rest[0] if rest else "",
                "alternative": rest[1] if len(rest) > 1 else "",
                "order": order * 10,
            }
        )
    return rows


def _set_note(definition):
    return f"{definition.get('note', '')} ({EDITION})".strip()


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
        note=_set_note(definition) if province is None else definition.get("note", ""),
        parameters=definition.get("parameters", {}),
    )
    Rule.objects.bulk_create(
        [
            Rule(
                rule_set=rule_set,
                award_form=forms[row["form"]] if row["form"] else None,
                condition=row["condition"],
                citation=row["citation"],
                parameters=validate_parameters(row["condition"], row["parameters"], known_forms=set(forms)),
                is_verified=row["is_verified"],
                note=row["note"],
                alternative=row["alternative"],
                order=row["order"],
            )
            for row in _rule_rows(definition)
        ]
    )
    return rule_set


# What the province sends upward for a state-level form (issue 14 item 8): the public notice before forwarding and
# the papers of the dossier. Law-check D-2 (10 working days; ND 98 Điều 46 khoản 1, ND 152 Điều 60 khoản 3) is
# UNVERIFIED-STILL and D-4 (tờ trình, biên bản họp, báo cáo thành tích) MATCHes only secondary sources, so every
# value here is an unverified parameter the province can correct through a new version.
CENTRAL_FORMS = [
    "co-thi-dua-chinh-phu",
    "bang-khen-thu-tuong",
    "bang-khen-thu-tuong-ca-nhan",
    "chien-si-thi-dua-toan-quoc",
    "anh-hung-lao-dong",
    "anh-hung-luc-luong-vu-trang-nhan-dan",
    "huan-chuong-lao-dong",
    "huan-chuong-lao-dong-ca-nhan",
    "huy-chuong-vi-su-nghiep",
]
CENTRAL_NOTE = (
    "Chưa đối chiếu văn bản gốc. Đối chiếu D-2: công khai 10 ngày làm việc trước khi trình khen thưởng cấp Nhà "
    "nước (thông báo của Bộ Nội vụ năm 2025 dẫn {decree}; nguồn thứ cấp societynewstech.com, law-notes §3). "
    "Đối chiếu D-4: hồ sơ gồm tờ trình, biên bản họp Hội đồng, báo cáo thành tích (nguồn thứ cấp: "
    "https://tuvangiayphep.com/thu-tuc-co-thi-dua-cap-tinh/); biên bản kèm kết quả bỏ phiếu kín và báo cáo "
    "có xác nhận của thủ trưởng cấp trình theo mẫu thông tư của Bộ Quốc phòng (law-notes §6.1); trích ngang là "
    "thực tiễn, chưa có văn bản."
)
CENTRAL_PARAMETERS = {
    "notice_days": 10,
    "notice_working_days": True,
    "notice_forms": [],
    "paper_submission": CENTRAL_FORMS,
    "paper_council_minutes": CENTRAL_FORMS,
    "paper_certified_report": CENTRAL_FORMS,
    "paper_extract": CENTRAL_FORMS,
    "paper_notice_result": CENTRAL_FORMS,
}
CENTRAL_DOSSIER_RULE_SETS = [
    {
        "code": "trinh-trung-uong-nd98",
        "name": "Công khai và hồ sơ trình khen thưởng cấp Nhà nước (Nghị định 98/2023/NĐ-CP)",
        "citation": f"{ND_98}, Điều 46 khoản 1 (công khai); Điều 84–85 (hồ sơ) ({UNCHECKED})",
        "valid_from": datetime.date(2024, 1, 1),
        "valid_to": datetime.date(2025, 6, 30),
        "note": CENTRAL_NOTE.format(decree=f"{ND_98} Điều 46 khoản 1"),
    },
    {
        "code": "trinh-trung-uong-nd152",
        "name": "Công khai và hồ sơ trình khen thưởng cấp Nhà nước (Nghị định 152/2025/NĐ-CP)",
        "citation": f"{ND_152}, Điều 60 khoản 3 (công khai) ({UNCHECKED})",
        "valid_from": datetime.date(2025, 7, 1),
        "valid_to": None,
        "note": CENTRAL_NOTE.format(decree=f"{ND_152} Điều 60 khoản 3"),
    },
]


def ensure_central_dossier_rule_sets():
    """The national rule sets of the public notice and dossier for state-level forms, created when missing (a
    province's correction is a new version of its own and is left alone)."""
    created = 0
    for spec in CENTRAL_DOSSIER_RULE_SETS:
        if RuleSet.objects.filter(code=spec["code"]).exists():
            continue
        RuleSet.objects.create(
            kind=RuleSetKind.CENTRAL_DOSSIER,
            parameters=dict(CENTRAL_PARAMETERS),
            is_verified=False,
            **{**spec, "note": f"{spec['note']} ({EDITION})"},
        )
        created += 1
    return created


@transaction.atomic
def ensure_rule_sets():
    """Create the national rule sets that are missing and bring the others up to this edition (correct_rule_sets)."""
    forms = {f.code: f for f in AwardForm.objects.all()}
    created = 0
    for definition in NATIONAL_RULE_SETS:
        if RuleSet.objects.filter(code=definition["code"]).exists():
            continue
        create_rule_set(definition, forms=forms)
        created += 1
    correct_rule_sets(forms=forms)
    ensure_central_dossier_rule_sets()
    return created


def needs_edition(rule_set, edition=EDITION):
    """A version made before this edition of the legal data (its note does not name the edition)."""
    return edition not in rule_set.note


def correct_rule_sets(*, forms=None):
    """Supersede each national set made before this edition with the corrected definition, as a new version.

    The old versions stay as history. A version made at or after this edition (including a person's later
    correction of it, which keeps the note) is left as it is. Returns the new versions."""
    forms = forms if forms is not None else {f.code: f for f in AwardForm.objects.all()}
    revised = []
    for definition in NATIONAL_RULE_SETS:
        current = RuleSet.objects.filter(code=definition["code"], is_current=True).first()
        if current is None or not needs_edition(current):
            continue
        added = [
            {
                "award_form": forms[row["form"]] if row["form"] else None,
                **{
                    k: row[k]
                    for k in ("condition", "citation", "parameters", "is_verified", "note", "alternative", "order")
                },
            }
            for row in _rule_rows(definition)
        ]
        changes = {k: definition[k] for k in ("name", "citation", "valid_from", "valid_to", "is_verified")}
        revised.append(
            revise_rule_set(
                current,
                actor=None,
                seen_version=current.version,
                changes={**changes, "note": _set_note(definition)},
                added=added,
                removed=list(current.rules.values_list("pk", flat=True)),
                note=EDITION,
            )
        )
    return revised


def ensure_parameter_rule_set(kind, spec, *, province=None):
    """A rule set whose numbers are its parameters (voting): created as version 1, or, when the current version
    predates this edition of the legal data, superseded by the spec as a new version (the old one kept)."""
    fields = ("name", "citation", "valid_from", "valid_to", "parameters")
    values = {k: spec[k] for k in fields}
    values.update(is_verified=spec.get("is_verified", False), note=f"{spec['note']} ({VOTING_EDITION})")
    current = RuleSet.objects.filter(code=spec["code"], is_current=True).first()
    if current is None:
        return RuleSet.objects.create(kind=kind, code=spec["code"], province=province, **values)
    if not needs_edition(current, VOTING_EDITION):
        return current
    return revise_rule_set(current, actor=None, seen_version=current.version, changes=values, note=VOTING_EDITION)
