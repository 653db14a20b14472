from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleSetKind(models.TextChoices):
    """What a rule set governs. Each kind has its own parameter schema."""

    COMMENDATION = "commendation", _("Tiêu chuẩn, điều kiện khen thưởng")
    CLUSTER_VOTING = "cluster_voting", _("Bỏ phiếu bình xét, suy tôn của cụm, khối")
    COUNCIL_VOTING = "council_voting", _("Bỏ phiếu của Hội đồng Thi đua - Khen thưởng")
    QUOTA = "quota", _("Tỷ lệ, số lượng khen thưởng")
    PROPOSAL_DEADLINES = "proposal_deadlines", _("Thời hạn xử lý hồ sơ đề nghị khen thưởng")
    CENTRAL_DOSSIER = "central_dossier", _("Công khai và hồ sơ trình khen thưởng cấp Nhà nước")


class RecipientKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class AwardCategory(models.TextChoices):
    EMULATION_TITLE = "title", _("Danh hiệu thi đua")
    COMMENDATION = "commendation", _("Hình thức khen thưởng")
    HONOUR = "honour", _("Danh hiệu vinh dự Nhà nước")
    ORDER = "order", _("Huân chương")
    MEDAL = "medal", _("Huy chương")


class AwardLevel(models.TextChoices):
    STATE = "state", _("Cấp Nhà nước")
    GOVERNMENT = "government", _("Chính phủ, Thủ tướng Chính phủ")
    PROVINCE = "province", _("Cấp tỉnh, bộ, ban, ngành")
    GRASSROOTS = "grassroots", _("Cấp cơ sở")


class AchievementKind(models.TextChoices):
    """What an award rewarded. Only annual (merit) achievements count toward later merit awards."""

    ANNUAL = "annual", _("Thường xuyên, hằng năm (theo công trạng)")
    THEMATIC = "thematic", _("Theo chuyên đề")
    AD_HOC = "ad_hoc", _("Đột xuất")
    LONG_SERVICE = "long_service", _("Quá trình cống hiến")


class TaskCompletion(models.TextChoices):
    """Mức độ hoàn thành nhiệm vụ of a year, best first."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETE = "complete", _("Hoàn thành nhiệm vụ")
    INCOMPLETE = "incomplete", _("Không hoàn thành nhiệm vụ")

    @classmethod
    def rank(cls, value):
        # Higher is better; "at least good" compares ranks.
        return {cls.EXCELLENT: 4, cls.GOOD: 3, cls.COMPLETE: 2, cls.INCOMPLETE: 1}.get(value, 0)


class InitiativeScope(models.TextChoices):
    """Phạm vi ảnh hưởng of a recognised initiative, narrowest first; a wider scope counts for a narrower need."""

    BASE = "co_so", _("Cơ sở")
    PROVINCE = "tinh", _("Toàn tỉnh (bộ, ban, ngành, tỉnh)")
    NATION = "toan_quoc", _("Toàn quốc")

    @classmethod
    def rank(cls, value):
        return {cls.BASE: 1, cls.PROVINCE: 2, cls.NATION: 3}.get(value, 0)


class InitiativeKind(models.TextChoices):
    """What was recognised: the law counts a scientific topic or a scheme where it asks for an initiative."""

    INITIATIVE = "sang_kien", _("Sáng kiến")
    TOPIC = "de_tai", _("Đề tài khoa học")
    SCHEME = "de_an", _("Đề án, công trình khoa học và công nghệ")


class DisciplineLevel(models.TextChoices):
    """Hình thức kỷ luật, lightest first (cán bộ, công chức, viên chức; tập thể)."""

    REPRIMAND = "khien_trach", _("Khiển trách")
    WARNING = "canh_cao", _("Cảnh cáo")
    SALARY_DOWN = "ha_bac_luong", _("Hạ bậc lương")
    DEMOTION = "giang_chuc", _("Giáng chức")
    DISMISSAL_FROM_POST = "cach_chuc", _("Cách chức")
    DISMISSAL = "buoc_thoi_viec", _("Buộc thôi việc")
    DISBANDMENT = "giai_tan", _("Giải tán (tập thể)")

    @classmethod
    def severity(cls, value):
        order = [cls.REPRIMAND, cls.WARNING, cls.SALARY_DOWN, cls.DEMOTION, cls.DISMISSAL_FROM_POST, cls.DISMISSAL]
        if value == cls.DISBANDMENT:
            return len(order)
        return order.index(value) + 1 if value in order else 0


class ReviewKind(models.TextChoices):
    """Why a candidate is "under review": no commendation until it is closed."""

    DISCIPLINARY = "disciplinary", _("Đang xem xét kỷ luật")
    INVESTIGATION = "investigation", _("Đang điều tra")
    INSPECTION = "inspection", _("Đang thanh tra, kiểm tra, kiểm toán có dấu hiệu vi phạm")
    COMPLAINT = "complaint", _("Khiếu nại, tố cáo đang được xác minh")
    PRESS = "press", _("Phản ánh của báo chí đang được xác minh")


class ConditionStatus(models.TextChoices):
    MET = "met", _("Đạt")
    NOT_MET = "not_met", _("Không đạt")
    UNKNOWN = "unknown", _("Chưa xác định được")


class EligibilityStatus(models.TextChoices):
    ELIGIBLE = "eligible", _("Đủ điều kiện")
    NEEDS_CHECK = "needs_check", _("Đạt theo sổ, cần thẩm định thêm")
    NOT_ELIGIBLE = "not_eligible", _("Chưa đủ điều kiện")


class Comparison(models.TextChoices):
    AT_LEAST = "gte", _("ít nhất (≥)")
    MORE_THAN = "gt", _("trên (>)")


class RecordSource(models.TextChoices):
    MANUAL = "manual", _("Nhập trực tiếp")
    IMPORT = "import", _("Nhập từ Excel")
    DECISION = "decision", _("Từ quyết định khen thưởng trong hệ thống")


class ImportState(models.TextChoices):
    CHECKED = "checked", _("Đã kiểm tra, chưa ghi")
    REFUSED = "refused", _("Có lỗi, không ghi")
    COMMITTED = "committed", _("Đã ghi vào sổ")


class QuotaBasis(models.TextChoices):
    CLUSTER_MEMBERS = "cluster_members", _("số đơn vị thành viên của cụm, khối")
    TITLE_HOLDERS = "title_holders", _("số người đạt danh hiệu làm căn cứ")
    COUNT = "count", _("số lượng cố định")


class ConditionCode(models.TextChoices):
    """The kinds of rule a rule set can hold. Each has its own parameter schema (awards.conditions)."""

    CONSECUTIVE_TITLES = "consecutive_titles", _("Đạt danh hiệu, hình thức nhiều năm liên tục")
    TASK_RATING_CHAIN = "task_rating_chain", _("Mức hoàn thành nhiệm vụ nhiều năm liên tục")
    MEMBERS_SHARE_RATING = "members_share_rating", _("Tỷ lệ thành viên đạt mức hoàn thành nhiệm vụ")
    MEMBERS_SHARE_TITLE = "members_share_title", _("Tỷ lệ thành viên đạt danh hiệu")
    MEMBERS_COUNT_TITLE = "members_count_title", _("Số thành viên đạt danh hiệu")
    MEMBERS_NO_DISCIPLINE = "members_no_discipline", _("Không có thành viên bị kỷ luật")
    NO_DISCIPLINE = "no_discipline", _("Không đang bị kỷ luật")
    NOT_UNDER_REVIEW = "not_under_review", _("Không đang bị xem xét, điều tra, thanh tra, khiếu nại")
    NOT_ALREADY_AWARDED = "not_already_awarded", _("Một thành tích chỉ khen một lần")
    UNIT_ACTIVE = "unit_active", _("Đơn vị còn hoạt động (không khen đơn vị đã giải thể)")
    PRIOR_AWARD = "prior_award", _("Đã được tặng hình thức khác trước đó")
    MANUAL_CHECK = "manual_check", _("Điều kiện thẩm định theo hồ sơ")
    INITIATIVES = "initiatives", _("Sáng kiến, đề tài được công nhận")
    POLICY_MERIT_ONLY = "policy_merit_only", _("Khen chuyên đề, đột xuất không làm căn cứ khen theo công trạng")
    POLICY_DISCIPLINE_RESETS = "policy_discipline_resets", _("Thành tích tính từ khi chấp hành xong kỷ luật")
    POLICY_PREDECESSOR_RECORDS = "policy_predecessor_records", _("Tính thành tích của đơn vị trước sắp xếp")
    QUOTA = "quota", _("Tỷ lệ, số lượng tối đa")
