"""The national catalogue of titles and forms. Prize coefficients are data with their source; those not
verified against ND 152/2025 are marked in the rule-set notes, and an administrator can correct them."""

from decimal import Decimal

from thidua.awards.enums import AwardCategory as C
from thidua.awards.enums import AwardLevel as L
from thidua.awards.enums import RecipientKind as R
from thidua.awards.models import AwardForm

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
# Coefficients seen in a public source for ND 152/2025 (law-notes §1.4, dantri.com.vn 06/12/2025); the rest are
# long-standing values not yet checked against the decree and shown as unverified.
VERIFIED_COEFFICIENTS = {"chien-si-thi-dua-toan-quoc", "chien-si-thi-dua-tinh", "lao-dong-tien-tien"}
# code, name, category, recipient, level, issuer, legal basis, coefficient, record-only
CATALOGUE = [
    (
        "co-thi-dua-chinh-phu",
        "Cờ thi đua của Chính phủ",
        C.EMULATION_TITLE,
        R.COLLECTIVE,
        L.GOVERNMENT,
        "Thủ tướng Chính phủ",
        f"{LAW}, Điều 25",
        "12.0",
        False,
    ),
    (
        "co-thi-dua-tinh",
        "Cờ thi đua cấp tỉnh",
        C.EMULATION_TITLE,
        R.COLLECTIVE,
        L.PROVINCE,
        "Chủ tịch UBND tỉnh",
        f"{LAW}, Điều 26",
        "8.0",
        False,
    ),
    (
        "tap-the-lao-dong-xuat-sac",
        "Tập thể lao động xuất sắc",
        C.EMULATION_TITLE,
        R.COLLECTIVE,
        L.PROVINCE,
        "Chủ tịch UBND tỉnh",
        f"{LAW}, Điều 27",
        "3.0",
        False,
    ),
    (
        "tap-the-lao-dong-tien-tien",
        "Tập thể lao động tiên tiến",
        C.EMULATION_TITLE,
        R.COLLECTIVE,
        L.GRASSROOTS,
        "Thủ trưởng cơ quan, Chủ tịch UBND cấp xã",
        f"{LAW}, Điều 28",
        "1.5",
        False,
    ),
    (
        "chien-si-thi-dua-toan-quoc",
        "Chiến sĩ thi đua toàn quốc",
        C.EMULATION_TITLE,
        R.INDIVIDUAL,
        L.STATE,
        "Thủ tướng Chính phủ",
        f"{LAW}, Điều 21",
        "4.5",
        False,
    ),
    (
        "chien-si-thi-dua-tinh",
        "Chiến sĩ thi đua cấp tỉnh",
        C.EMULATION_TITLE,
        R.INDIVIDUAL,
        L.PROVINCE,
        "Chủ tịch UBND tỉnh",
        f"{LAW}, Điều 22",
        "3.0",
        False,
    ),
    (
        "chien-si-thi-dua-co-so",
        "Chiến sĩ thi đua cơ sở",
        C.EMULATION_TITLE,
        R.INDIVIDUAL,
        L.GRASSROOTS,
        "Thủ trưởng cơ quan, Chủ tịch UBND cấp xã",
        f"{LAW}, Điều 23",
        "1.0",
        False,
    ),
    (
        "lao-dong-tien-tien",
        "Lao động tiên tiến",
        C.EMULATION_TITLE,
        R.INDIVIDUAL,
        L.GRASSROOTS,
        "Thủ trưởng cơ quan, Chủ tịch UBND cấp xã",
        f"{LAW}, Điều 24",
        "0.3",
        False,
    ),
    (
        "bang-khen-thu-tuong",
        "Bằng khen của Thủ tướng Chính phủ",
        C.COMMENDATION,
        R.COLLECTIVE,
        L.GOVERNMENT,
        "Thủ tướng Chính phủ",
        LAW,
        "2.0",
        False,
    ),
    (
        "bang-khen-thu-tuong-ca-nhan",
        "Bằng khen của Thủ tướng Chính phủ (cá nhân)",
        C.COMMENDATION,
        R.INDIVIDUAL,
        L.GOVERNMENT,
        "Thủ tướng Chính phủ",
        LAW,
        "1.0",
        False,
    ),
    (
        "bang-khen-tinh",
        "Bằng khen của Chủ tịch UBND tỉnh",
        C.COMMENDATION,
        R.COLLECTIVE,
        L.PROVINCE,
        "Chủ tịch UBND tỉnh",
        LAW,
        "2.0",
        False,
    ),
    (
        "bang-khen-tinh-ca-nhan",
        "Bằng khen của Chủ tịch UBND tỉnh (cá nhân)",
        C.COMMENDATION,
        R.INDIVIDUAL,
        L.PROVINCE,
        "Chủ tịch UBND tỉnh",
        LAW,
        "1.0",
        False,
    ),
    (
        "giay-khen",
        "Giấy khen",
        C.COMMENDATION,
        R.COLLECTIVE,
        L.GRASSROOTS,
        "Thủ trưởng cơ quan, Chủ tịch UBND cấp xã",
        f"{LAW}, Điều 75",
        "0.6",
        False,
    ),
    (
        "giay-khen-ca-nhan",
        "Giấy khen (cá nhân)",
        C.COMMENDATION,
        R.INDIVIDUAL,
        L.GRASSROOTS,
        "Thủ trưởng cơ quan, Chủ tịch UBND cấp xã",
        f"{LAW}, Điều 75",
        "0.3",
        False,
    ),
    # The Hero titles are kept for the record and named by the council's 90% rule (law-check V-1).
    (
        "anh-hung-lao-dong",
        "Anh hùng Lao động",
        C.HONOUR,
        R.INDIVIDUAL,
        L.STATE,
        "Chủ tịch nước",
        LAW,
        None,
        True,
    ),
    (
        "anh-hung-luc-luong-vu-trang-nhan-dan",
        "Anh hùng Lực lượng vũ trang nhân dân",
        C.HONOUR,
        R.INDIVIDUAL,
        L.STATE,
        "Chủ tịch nước",
        LAW,
        None,
        True,
    ),
    ("huan-chuong-lao-dong", "Huân chương Lao động", C.ORDER, R.COLLECTIVE, L.STATE, "Chủ tịch nước", LAW, None, True),
    (
        "huan-chuong-lao-dong-ca-nhan",
        "Huân chương Lao động (cá nhân)",
        C.ORDER,
        R.INDIVIDUAL,
        L.STATE,
        "Chủ tịch nước",
        LAW,
        None,
        True,
    ),
    (
        "huy-chuong-vi-su-nghiep",
        "Kỷ niệm chương, huy chương (ghi sổ)",
        C.MEDAL,
        R.INDIVIDUAL,
        L.STATE,
        "Theo quy định",
        LAW,
        None,
        True,
    ),
]


def ensure_catalogue():
    """Create the catalogue's rows that are missing; never overwrite a row an administrator corrected."""
    created = 0
    for order, (code, name, category, recipient, level, issuer, basis, coefficient, record_only) in enumerate(
        CATALOGUE, start=1
    ):
        _, was_created = AwardForm.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "category": category,
                "recipient_kind": recipient,
                "level": level,
                "issuer": issuer,
                "legal_basis": basis,
                "is_record_only": record_only,
                "prize_coefficient": Decimal(coefficient) if coefficient else None,
                "sort_order": order * 10,
                "coefficient_verified": code in VERIFIED_COEFFICIENTS,
            },
        )
        created += was_created
    return created
