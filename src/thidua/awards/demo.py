"""Demo data for commendation: the catalogue, the national rule sets, a province's own rules, and invented award
histories of the eight Quảng Bình districts and of people working there whose 2023 eligibility differs, each for a
reason the screening page explains. Everything invented is marked (is_invented, "minh họa").

The 2023 provincial flags of Lệ Thủy, Quảng Ninh and Đồng Hới are NOT created here: they come out of the proposal
workflow's decision (proposals demo).
"""

import datetime

from thidua.awards.catalogue import ensure_catalogue
from thidua.awards.enums import (
    AchievementKind,
    DisciplineLevel,
    InitiativeScope,
    ReviewKind,
    RuleSetKind,
    TaskCompletion,
)
from thidua.awards.enums import ConditionCode as K
from thidua.awards.legal_bases import create_rule_set, ensure_rule_sets
from thidua.awards.models import AwardForm, Initiative, RuleSet, TaskRating
from thidua.awards.services import (
    DecisionItem,
    create_award_records_from_decision,
    open_review_flag,
    record_discipline,
    revoke_award_record,
)
from thidua.organizations.enums import Gender, UnitKind
from thidua.organizations.models import Person, Position, Province, Unit

MARKER = "quang-binh-ty-le-khen-thuong"
LAST_DISTRICT_DAY = datetime.date(2025, 6, 30)
EX, GOOD, OK, FAIL = TaskCompletion.EXCELLENT, TaskCompletion.GOOD, TaskCompletion.COMPLETE, TaskCompletion.INCOMPLETE
PROVINCE_ISSUER = "Chủ tịch UBND tỉnh Quảng Bình"
NOTE = "Dữ liệu minh họa"
REVOKED_YEAR = 2022  # the year whose grassroots title the demo revokes

# Unit ratings of the districts (invented): key -> {year: completion}
DISTRICT_RATINGS = {
    "donghoi": {2021: GOOD, 2022: EX, 2023: EX},
    "badon": {2021: GOOD, 2022: GOOD, 2023: GOOD},
    "lethuy": {2021: GOOD, 2022: EX, 2023: EX},
    "quangninh": {2021: EX, 2022: EX, 2023: EX},
    "botrach": {2021: EX, 2022: GOOD, 2023: EX},
    "quangtrach": {2021: GOOD, 2022: GOOD, 2023: OK},
    "tuyenhoa": {2021: GOOD, 2022: EX, 2023: EX},
    "minhhoa": {2021: EX, 2022: EX, 2023: EX},
}
# Earlier collective awards of the districts (invented): (form, year, keys, decision, date)
DISTRICT_AWARDS = [
    ("co-thi-dua-tinh", 2021, ["botrach", "minhhoa"], "215/QĐ-UBND", datetime.date(2022, 1, 25)),
    ("co-thi-dua-tinh", 2022, ["donghoi", "minhhoa"], "190/QĐ-UBND", datetime.date(2023, 1, 30)),
    ("bang-khen-tinh", 2022, ["lethuy", "quangninh", "tuyenhoa"], "191/QĐ-UBND", datetime.date(2023, 1, 30)),
]

# Recognised initiatives (invented): key -> (year, scope, title, recognised by, decision, date). Hoài An's is
# province-wide, so the initiative of Chiến sĩ thi đua cấp tỉnh is counted from the record.
INITIATIVES = {
    "an": [
        (
            2023,
            InitiativeScope.PROVINCE,
            "Cải tiến quy trình tiếp nhận hồ sơ một cửa liên thông",
            "Chủ tịch UBND tỉnh Quảng Bình",
            "2890/QĐ-UBND (minh họa)",
            datetime.date(2023, 11, 28),
        ),
    ],
}

# Individuals: key, name, gender, district, {year: rating}, {form: [years]}, case
PEOPLE = [
    (
        "an",
        "Nguyễn Thị Hoài An",
        Gender.FEMALE,
        "lethuy",
        {2021: EX, 2022: EX, 2023: EX},
        {"chien-si-thi-dua-co-so": [2021, 2022, 2023], "lao-dong-tien-tien": [2021, 2022, 2023]},
        "",
    ),
    (
        "binh",
        "Trần Văn Bình",
        Gender.MALE,
        "quangninh",
        {2021: EX, 2022: GOOD, 2023: EX},
        {"chien-si-thi-dua-co-so": [2021, 2023], "lao-dong-tien-tien": [2021, 2022, 2023]},
        "",
    ),
    (
        "chau",
        "Lê Minh Châu",
        Gender.MALE,
        "donghoi",
        {2021: EX, 2022: EX, 2023: GOOD},
        {"chien-si-thi-dua-co-so": [2021, 2022, 2023], "lao-dong-tien-tien": [2021, 2022, 2023]},
        "discipline",
    ),
    (
        "dung",
        "Phạm Thị Dung",
        Gender.FEMALE,
        "botrach",
        {2021: EX, 2022: EX, 2023: EX},
        {"chien-si-thi-dua-co-so": [2021, 2022, 2023], "lao-dong-tien-tien": [2021, 2022, 2023]},
        "complaint",
    ),
    (
        "em",
        "Hoàng Văn Em",
        Gender.MALE,
        "badon",
        {2021: EX, 2022: EX, 2023: EX},
        {"chien-si-thi-dua-co-so": [2021, 2022, 2023], "lao-dong-tien-tien": [2021, 2022, 2023]},
        "revoked",
    ),
    (
        "giang",
        "Đinh Thị Giang",
        Gender.FEMALE,
        "tuyenhoa",
        {2021: EX, 2022: EX, 2023: EX},
        {"chien-si-thi-dua-co-so": [2020, 2021, 2022, 2023], "chien-si-thi-dua-tinh": [2022, 2023]},
        "",
    ),
    (
        "hai",
        "Cao Xuân Hải",
        Gender.MALE,
        "minhhoa",
        {2021: EX, 2022: GOOD, 2023: EX},
        {"chien-si-thi-dua-co-so": [2021, 2023], "chien-si-thi-dua-tinh": [2023]},
        "",
    ),
    (
        "lan",
        "Võ Thị Lan Anh",
        Gender.FEMALE,
        "quangtrach",
        {2021: EX, 2022: EX, 2023: GOOD},
        {"lao-dong-tien-tien": [2021, 2022, 2023]},
        "",
    ),
]

# Invented offices: key, district, name, members, LĐTT holders, CSTĐCS holders, member ratings override, unit rating
OFFICES = [
    ("noivu-lethuy", "lethuy", "Nội vụ", 10, 7, 1, {}, EX),
    ("noivu-quangninh", "quangninh", "Nội vụ", 13, 9, 1, {}, EX),
    ("tckh-minhhoa", "minhhoa", "Tài chính - Kế hoạch", 10, 8, 1, {9: FAIL}, EX),
    ("nnptnt-botrach", "botrach", "Nông nghiệp và Phát triển nông thôn", 10, 6, 0, {}, GOOD),
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Quang", "Thanh", "Hữu", "Ngọc", "Đức", "Thu", "Xuân"]
GIVEN = ["Anh", "Bảo", "Cường", "Diệp", "Hạnh", "Khánh", "Linh", "Mạnh", "Nga", "Phúc", "Quế", "Sơn", "Tâm", "Uyên"]
FARMERS = [
    ("lethuy", "Trương Văn Lực", "Nông dân sản xuất, kinh doanh giỏi"),
    ("quangninh", "Phan Thị Mận", "Nông dân sản xuất, kinh doanh giỏi"),
    ("botrach", "Hồ Văn Nam", "Công nhân chế biến lâm sản"),
]


def load():
    ensure_catalogue()
    ensure_rule_sets()
    quang_binh = Province.objects.filter(code="quang-binh").first()
    if quang_binh is None or RuleSet.objects.filter(code=MARKER).exists():
        return ""
    _province_rules(quang_binh)
    forms = {f.code: f for f in AwardForm.objects.all()}
    districts = {key: Unit.objects.get(code=f"qb-{key}") for key in DISTRICT_RATINGS}
    _district_history(districts, forms)
    people = _individuals(districts, forms)
    offices = _offices(districts, forms)
    _farmers(districts, forms)
    return f"{len(people)} cá nhân minh họa, {len(offices)} phòng chuyên môn minh họa, quy định của tỉnh"


def _province_rules(quang_binh):
    create_rule_set(
        {
            "code": MARKER,
            "name": "Tỷ lệ khen thưởng theo quy chế cụm, khối thi đua tỉnh Quảng Bình (minh họa)",
            "citation": "Quy chế cụm, khối thi đua tỉnh Quảng Bình (chưa tìm thấy văn bản); quy chế chung: Quy chế Thi "
            "đua, Khen thưởng tỉnh Quảng Bình (QĐ 40/2015/QĐ-UBND)",
            "valid_from": datetime.date(2016, 1, 1),
            "valid_to": LAST_DISTRICT_DAY,
            "is_verified": False,
            "note": "Tham số minh họa: chưa đọc được nội dung quy chế (law-verified.md §3). Đối chiếu V-5, V-7, V-8: "
            "QĐ "
            "40/2015/QĐ-UBND là quy chế thi đua, khen thưởng chung của tỉnh, không phải quy chế cụm, khối; tỷ lệ 10% "
            "Chiến sĩ thi đua cấp tỉnh là ví dụ của Thừa Thiên Huế năm 2017.",
            "rules": lambda: [
                (
                    "co-thi-dua-tinh",
                    K.QUOTA,
                    "Quy chế cụm, khối tỉnh Quảng Bình (minh họa)",
                    {"basis": "cluster_members", "max_percent": 40},
                    False,
                ),
                (
                    "chien-si-thi-dua-tinh",
                    K.QUOTA,
                    "Ví dụ hướng dẫn cấp tỉnh năm 2017 (minh họa)",
                    {"basis": "title_holders", "base_forms": ["chien-si-thi-dua-co-so"], "max_percent": 10},
                    False,
                ),
            ],
        },
        kind=RuleSetKind.QUOTA,
        province=quang_binh,
    )
    quang_tri = Province.objects.filter(code="quang-tri").first()
    if quang_tri is not None:
        create_rule_set(
            {
                "code": "quang-tri-tieu-chuan-giay-khen",
                "name": "Tiêu chuẩn xét tặng Giấy khen của tỉnh Quảng Trị (minh họa)",
                "citation": "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 75 khoản 2; quy định của UBND tỉnh",
                "valid_from": datetime.date(2025, 7, 1),
                "valid_to": None,
                "is_verified": False,
                "note": "Luật giao tỉnh quy định tiêu chuẩn Giấy khen; nội dung ở đây là minh họa.",
                "rules": lambda: [
                    (
                        "giay-khen-ca-nhan",
                        K.TASK_RATING_CHAIN,
                        "Quy định của UBND tỉnh Quảng Trị (minh họa)",
                        {"min_rating": GOOD, "years": 1},
                        False,
                    ),
                    (
                        "giay-khen",
                        K.TASK_RATING_CHAIN,
                        "Quy định của UBND tỉnh Quảng Trị (minh họa)",
                        {"min_rating": GOOD, "years": 1},
                        False,
                    ),
                ],
            },
            province=quang_tri,
        )


def _rate(subject, ratings):
    field = "unit" if isinstance(subject, Unit) else "person"
    TaskRating.objects.bulk_create(
        [TaskRating(**{field: subject}, year=y, completion=c, is_invented=True) for y, c in ratings.items()]
    )


def _issuer(district):
    return f"Chủ tịch UBND {district.full_name}"


def _item(form, year, *, issuer, number, day, **recipient):
    return DecisionItem(
        award_form=form,
        year=year,
        decision_number=number,
        decision_date=day,
        issuer=issuer,
        is_invented=True,
        summary=NOTE,
        **recipient,
    )


def _district_history(districts, forms):
    for key, ratings in DISTRICT_RATINGS.items():
        _rate(districts[key], ratings)
    items = [
        _item(forms[code], year, issuer=PROVINCE_ISSUER, number=number, day=day, unit=districts[key])
        for code, year, keys, number, day in DISTRICT_AWARDS
        for key in keys
    ]
    create_award_records_from_decision(items, actor=None, notify_recipients=False)


def _titles(person, unit, district, forms, titles):
    items = []
    for code, years in titles.items():
        for year in years:
            provincial = code == "chien-si-thi-dua-tinh"
            items.append(
                _item(
                    forms[code],
                    year,
                    person=person,
                    person_unit=unit,
                    issuer=PROVINCE_ISSUER if provincial else _issuer(district),
                    number=f"{(year % 100) * 10 + (3 if provincial else 1)}/QĐ-UBND",
                    day=datetime.date(year + 1, 1, 20 if provincial else 12),
                )
            )
    return create_award_records_from_decision(items, actor=None, notify_recipients=False) if items else []


def _person(name, gender, unit, title, *, direct=False):
    person = Person.objects.create(
        full_name=name, gender=gender, province=unit.province, is_direct_labourer=direct, is_invented=True
    )
    Position.objects.create(
        person=person, unit=unit, title=title, valid_from=datetime.date(2019, 1, 1), valid_to=LAST_DISTRICT_DAY
    )
    return person


def _individuals(districts, forms):
    people = []
    for key, name, gender, district_key, ratings, titles, case in PEOPLE:
        district = districts[district_key]
        person = _person(name, gender, district, "Chuyên viên Văn phòng HĐND và UBND")
        _rate(person, ratings)
        Initiative.objects.bulk_create(
            [
                Initiative(
                    person=person,
                    year=year,
                    scope=scope,
                    title=title,
                    recognised_by=by,
                    decision_number=number,
                    decision_date=day,
                    is_invented=True,
                )
                for year, scope, title, by, number, day in INITIATIVES.get(key, [])
            ]
        )
        records = _titles(person, district, district, forms, titles)
        if case == "discipline":
            record_discipline(
                person,
                level=DisciplineLevel.REPRIMAND,
                starts_on=datetime.date(2023, 3, 1),
                ends_on=datetime.date(2024, 2, 29),
                decision="25/QĐ-UBND (minh họa)",
                actor=None,
                reason="Chậm thực hiện nhiệm vụ được giao (minh họa)",
            )
        elif case == "complaint":
            open_review_flag(
                person,
                kind=ReviewKind.COMPLAINT,
                opened_on=datetime.date(2024, 1, 10),
                actor=None,
                description="Đơn khiếu nại đang được xác minh (minh họa)",
            )
        elif case == "revoked":
            record = next(
                r for r in records if r.year == REVOKED_YEAR and r.award_form.code == "chien-si-thi-dua-co-so"
            )
            revoke_award_record(
                record,
                actor=None,
                reason="Sáng kiến kê khai không đúng thực tế (minh họa)",
                decision="88/QĐ-UBND ngày 15/5/2024 (minh họa)",
                revoked_on=datetime.date(2024, 5, 15),
                notify_recipients=False,
            )
        people.append(person)
    return people


def _member_name(index):
    return f"{FAMILY[index % len(FAMILY)]} {MIDDLE[(index // 3) % len(MIDDLE)]} {GIVEN[(index * 7) % len(GIVEN)]}"


def _offices(districts, forms):
    offices, counter = [], 0
    for key, district_key, name, size, ldtt, cstdcs, overrides, unit_rating in OFFICES:
        district = districts[district_key]
        office = Unit.objects.create(
            code=f"qb-{key}",
            kind=UnitKind.AGENCY,
            name=f"Phòng {name} {district.full_name}",
            province=district.province,
            parent=district,
            valid_to=LAST_DISTRICT_DAY,
            is_invented=True,
            note="Phòng chuyên môn minh họa để xét danh hiệu tập thể.",
        )
        office.names.create(name=office.name, valid_to=LAST_DISTRICT_DAY)
        _rate(office, {2022: unit_rating, 2023: unit_rating})
        for index in range(size):
            counter += 1
            gender = Gender.FEMALE if index % 2 else Gender.MALE
            person = _person(_member_name(counter), gender, office, "Chuyên viên" if index else "Trưởng phòng")
            _rate(person, {2023: overrides.get(index, EX if index < cstdcs else GOOD)})
            titles = {"lao-dong-tien-tien": [2023] if index < ldtt else []}
            if index < cstdcs:
                titles["chien-si-thi-dua-co-so"] = [2023]
            _titles(person, office, district, forms, titles)
            if key == "nnptnt-botrach" and index == size - 1:
                record_discipline(
                    person,
                    level=DisciplineLevel.WARNING,
                    starts_on=datetime.date(2023, 6, 1),
                    ends_on=datetime.date(2024, 5, 31),
                    decision="40/QĐ-UBND (minh họa)",
                    actor=None,
                )
        offices.append(office)
    return offices


def _farmers(districts, forms):
    for district_key, name, title in FARMERS:
        district = districts[district_key]
        commune = (
            Unit.objects.filter(parent=district, kind=UnitKind.COMMUNE).order_by("folded_name").first() or district
        )
        person = _person(name, Gender.MALE if "Văn" in name else Gender.FEMALE, commune, title, direct=True)
        item = _item(
            forms["bang-khen-tinh-ca-nhan"],
            2023,
            person=person,
            person_unit=commune,
            issuer=PROVINCE_ISSUER,
            number="305/QĐ-UBND",
            day=datetime.date(2023, 11, 20),
        )
        item.achievement_kind = AchievementKind.THEMATIC
        item.summary = "Phong trào “Nông dân sản xuất kinh doanh giỏi” (minh họa)"
        create_award_records_from_decision([item], actor=None, notify_recipients=False)
