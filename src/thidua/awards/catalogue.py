"""The national catalogue of titles and forms. Their prize coefficients are versioned by decree (awards.prizes)."""

from thidua.awards.enums import AwardCategory as C
from thidua.awards.enums import AwardLevel as L
from thidua.awards.enums import RecipientKind as R
from thidua.awards.models import AwardForm
from thidua.awards.prizes import ensure_prizes

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
# code, name, category, recipient, level, issuer, legal basis, record-only
CATALOGUE = [
    (
        "co-thi-dua-chinh-phu",
        "Cờ thi đua của Chính phủ",
        C.EMULATION_TITLE,
        R.COLLECTIVE,
        L.GOVERNMENT,
        "Thủ tướng Chính phủ",
        f"{LAW}, Điều 25",
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
        False,
    ),
    # The flag of a thematic movement (law-check "Legal facts the project lacks", 3): awarded when the movement is
    # reviewed, apart from the annual flag of the cluster; its article of the Law was not read.
    (
        "co-thi-dua-tinh-chuyen-de",
        "Cờ thi đua cấp tỉnh (phong trào thi đua theo chuyên đề)",
        C.EMULATION_TITLE,
        R.COLLECTIVE,
        L.PROVINCE,
        "Chủ tịch UBND tỉnh",
        f"{LAW}, Điều 26 khoản 2 (điều khoản chưa đối chiếu)",
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
        False,
    ),
    # ND 152/2025 titles of the new commune level (law-check "Legal facts the project lacks", 1).
    (
        "xa-phuong-dac-khu-tieu-bieu",
        "Xã, phường, đặc khu tiêu biểu",
        C.EMULATION_TITLE,
        R.COLLECTIVE,
        L.PROVINCE,
        "Chủ tịch UBND tỉnh",
        "Nghị định 152/2025/NĐ-CP (điều khoản chưa đối chiếu)",
        False,
    ),
    (
        "thon-to-dan-pho-van-hoa",
        "Thôn, tổ dân phố văn hóa",
        C.EMULATION_TITLE,
        R.COLLECTIVE,
        L.GRASSROOTS,
        "Chủ tịch UBND cấp xã",
        "Nghị định 152/2025/NĐ-CP (điều khoản chưa đối chiếu)",
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
        True,
    ),
    ("huan-chuong-lao-dong", "Huân chương Lao động", C.ORDER, R.COLLECTIVE, L.STATE, "Chủ tịch nước", LAW, True),
    (
        "huan-chuong-lao-dong-ca-nhan",
        "Huân chương Lao động (cá nhân)",
        C.ORDER,
        R.INDIVIDUAL,
        L.STATE,
        "Chủ tịch nước",
        LAW,
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
        True,
    ),
]


def ensure_catalogue():
    """Create the catalogue's rows that are missing, then their prize coefficients; never overwrite a row an
    administrator corrected. Returns how many forms it created."""
    created = 0
    for order, (code, name, category, recipient, level, issuer, basis, record_only) in enumerate(CATALOGUE, start=1):
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
                "sort_order": order * 10,
            },
        )
        created += was_created
    ensure_prizes()
    return created
