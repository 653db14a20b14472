"""Statistical report form 0602.N/BNV-TĐKT "Số lượng khen thưởng cấp Nhà nước" (Thông tư 02/2023/TT-BNV),
as data: its citation, its columns (which award forms each counts) and its rows (which records each counts).

The official form's exact layout was not available when this was written (law-notes §6.1 cites the form only):
the structure below is a reasonable reading of it and is marked on the page, in the file and in the user guide as
to be checked against the official form. Rows the register cannot fill (enterprises, households, leaders by rank,
foreign affairs, seniority) stay blank rather than show a made-up zero.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from thidua.awards.enums import AchievementKind, AwardCategory, AwardLevel, RecipientKind
from thidua.reports.selectors import province_records

CODE = "0602.N/BNV-TĐKT"
TITLE = _("Số lượng khen thưởng cấp Nhà nước")
CITATION = _("Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ")
DUE = _("Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo")
CHECK_NOTE = _(
    "Bố cục biểu do hệ thống dựng theo mô tả của biểu 0602.N; cần đối chiếu với mẫu chính thức của Thông tư "
    "02/2023/TT-BNV trước khi gửi."
)
PERIOD_NOTE = _(
    "Số liệu: khen thưởng cấp Nhà nước có ngày quyết định trong năm báo cáo, không tính khen thưởng đã hủy bỏ."
)
STATE_LEVELS = (AwardLevel.STATE, AwardLevel.GOVERNMENT)


@dataclass(frozen=True)
class Column:
    number: str  # the column's number on the form (1, 2, ...)
    group: str  # the heading over a group of columns ("" for a column on its own)
    label: str
    match: dict  # which award forms it counts: {"codes": [...]}, {"category": ...}, {"recipient": ...}


@dataclass(frozen=True)
class Row:
    code: str  # Mã số
    label: str
    unit: str  # Đơn vị tính
    match: str | None  # key of ROW_FILTERS; None: the register holds no data for this row
    bold: bool = False


COLUMNS = [
    Column("1", "", _("Tổng số"), {}),
    Column(
        "2", _("Huân chương"), _("Tập thể"), {"category": AwardCategory.ORDER, "recipient": RecipientKind.COLLECTIVE}
    ),
    Column(
        "3", _("Huân chương"), _("Cá nhân"), {"category": AwardCategory.ORDER, "recipient": RecipientKind.INDIVIDUAL}
    ),
    Column(
        "4", _("Huy chương"), _("Tập thể"), {"category": AwardCategory.MEDAL, "recipient": RecipientKind.COLLECTIVE}
    ),
    Column(
        "5", _("Huy chương"), _("Cá nhân"), {"category": AwardCategory.MEDAL, "recipient": RecipientKind.INDIVIDUAL}
    ),
    Column("6", "", _("Cờ thi đua của Chính phủ"), {"codes": ["co-thi-dua-chinh-phu"]}),
    Column("7", _("Bằng khen của Thủ tướng Chính phủ"), _("Tập thể"), {"codes": ["bang-khen-thu-tuong"]}),
    Column("8", _("Bằng khen của Thủ tướng Chính phủ"), _("Cá nhân"), {"codes": ["bang-khen-thu-tuong-ca-nhan"]}),
    Column("9", "", _("Chiến sĩ thi đua toàn quốc"), {"codes": ["chien-si-thi-dua-toan-quoc"]}),
    Column("10", _("Hình thức khác"), _("Tập thể"), {"other": True, "recipient": RecipientKind.COLLECTIVE}),
    Column("11", _("Hình thức khác"), _("Cá nhân"), {"other": True, "recipient": RecipientKind.INDIVIDUAL}),
]

ROWS = [
    Row("01", _("Tổng số"), "", "all", bold=True),
    Row("", _("1. Chia theo đối tượng khen thưởng"), "", None, bold=True),
    Row("02", _("- Tập thể"), _("Tập thể"), "collective"),
    Row("03", _("  Trong đó: doanh nghiệp"), _("Doanh nghiệp"), None),
    Row("04", _("- Hộ gia đình"), _("Hộ"), None),
    Row("05", _("- Cá nhân"), _("Người"), "individual"),
    Row("06", _("  + Lãnh đạo cấp tỉnh và tương đương trở lên"), _("Người"), None),
    Row("07", _("  + Lãnh đạo cấp sở, ngành và tương đương"), _("Người"), None),
    Row("08", _("  + Doanh nhân"), _("Người"), None),
    Row("09", _("  + Người trực tiếp lao động, sản xuất, công tác"), _("Người"), "direct"),
    Row("", _("2. Chia theo phương thức khen thưởng"), "", None, bold=True),
    Row("10", _("- Thường xuyên"), "", "kind:" + AchievementKind.ANNUAL),
    Row("11", _("- Chuyên đề"), "", "kind:" + AchievementKind.THEMATIC),
    Row("12", _("- Đột xuất"), "", "kind:" + AchievementKind.AD_HOC),
    Row("13", _("- Đối ngoại"), "", None),
    Row("14", _("- Cống hiến"), "", "kind:" + AchievementKind.LONG_SERVICE),
    Row("15", _("- Niên hạn"), "", None),
]


def _column_keys(form):
    """The numbers of the columns (besides the total) that count an award form."""
    keys = []
    for column in COLUMNS[1:]:
        match = column.match
        if "codes" in match and form["code"] not in match["codes"]:
            continue
        if "category" in match and form["category"] != match["category"]:
            continue
        if "recipient" in match and form["recipient_kind"] != match["recipient"]:
            continue
        if match.get("other") and _named_column(form):
            continue
        keys.append(column.number)
    return keys


def _named_column(form):
    return any(
        ("codes" in c.match and form["code"] in c.match["codes"])
        or ("category" in c.match and form["category"] == c.match["category"])
        for c in COLUMNS[1:]
        if not c.match.get("other")
    )


def _row_keys(kind, collective, direct):
    keys = ["all", "collective" if collective else "individual", f"kind:{kind}"]
    if not collective and direct:
        keys.append("direct")
    return keys


@dataclass
class FilledForm:
    province: object
    year: int
    cells: dict  # (row match key, column number) -> count

    def value(self, row, column):
        return None if row.match is None else self.cells.get((row.match, column.number), 0)

    def lines(self):
        """[(row, [value per column])] in form order; None where the register has no data."""
        return [(row, [self.value(row, column) for column in COLUMNS]) for row in ROWS]


def fill(province, year):
    """Count the province's state-level awards decided in the year into the form's cells (one grouped query)."""
    qs = (
        province_records(province)
        .filter(award_form__level__in=STATE_LEVELS, decision_date__year=year)
        .values(
            "award_form__code",
            "award_form__category",
            "award_form__recipient_kind",
            "achievement_kind",
            "person__is_direct_labourer",
        )
        .annotate(n=Count("id"))
    )
    cells = Counter()
    for group in qs:
        form = {
            "code": group["award_form__code"],
            "category": group["award_form__category"],
            "recipient_kind": group["award_form__recipient_kind"],
        }
        collective = form["recipient_kind"] == RecipientKind.COLLECTIVE
        for row_key in _row_keys(group["achievement_kind"], collective, group["person__is_direct_labourer"]):
            for column in ["1", *_column_keys(form)]:
                cells[(row_key, column)] += group["n"]
    return FilledForm(province, year, dict(cells))
