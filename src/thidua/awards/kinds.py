"""What each kind of rule set holds, as data in one place: its own parameters (label, unit, type, bounds,
required) and whether it also holds conditions (rules, each with the schema of awards.conditions).

Creating and revising a rule set validates its parameters here; the create, revision and detail pages render
them from here. Who reads each kind's parameters:

- cluster_voting, council_voting: voting.parameters.parse_voting_rules (a ballot's threshold, quota, tie rule);
- proposal_deadlines: proposals.deadlines (how many days each step of a dossier may take);
- central_dossier: proposals.central (the public notice before forwarding upward, the papers each form needs);
- commendation, quota: no parameters of their own; their conditions are read by eligibility and proposals.checks.

tests/awards/test_rule_set_kinds.py keeps these schemas and the readers' own checks in step.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.conditions import TYPES as CONDITION_TYPES
from thidua.awards.enums import ConditionCode, RuleSetKind
from thidua.awards.models import AwardForm
from thidua.core.kernel import Refusal

PERCENT = "%"
DAYS = gettext_lazy("ngày")
YEARS = gettext_lazy("năm")
PEOPLE = gettext_lazy("người")
TIMES = gettext_lazy("lần")

_FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True)
class KindParam:
    name: str
    label: str
    type: str  # share (a percentage, or an exact fraction "p/q"), int, bool, choice, forms (catalogue codes)
    unit: str = ""
    required: bool = True
    min_value: int | None = None
    max_value: int | None = None
    above_min: bool = False  # the value must be strictly above min_value (a threshold of 0% elects everyone)
    choices: tuple = ()  # ((value, label), ...) for choice
    help: str = ""
    default: object = None  # what a blank form starts with
    omit_blank: bool = False  # a blank value is left out, so that what reads the rule set applies its own default
    blank_text: str = ""  # how a blank "forms" value reads, when blank does not mean "every form without its own"


@dataclass(frozen=True)
class KindSchema:
    kind: str
    params: tuple = ()
    holds_rules: bool = False  # its content is conditions (awards.Rule) rather than parameters
    purpose: str = ""  # what in the year needs it, for the checklist

    @property
    def label(self):
        return RuleSetKind(self.kind).label


def _voting(threshold_help):
    return (
        KindParam(
            "quorum_percent",
            gettext_lazy("Tỷ lệ thành viên có mặt tối thiểu"),
            "share",
            PERCENT,
            min_value=0,
            max_value=100,
            help=gettext_lazy("Phần trăm (ví dụ 50 hoặc 66,67) hoặc phân số (ví dụ 2/3)."),
            default=50,
        ),
        KindParam(
            "threshold_percent",
            gettext_lazy("Tỷ lệ phiếu đồng ý cần đạt"),
            "share",
            PERCENT,
            min_value=0,
            max_value=100,
            above_min=True,
            help=threshold_help,
        ),
        KindParam(
            "comparison",
            gettext_lazy("Cách so với tỷ lệ"),
            "choice",
            choices=(("more_than", gettext_lazy("trên tỷ lệ")), ("at_least", gettext_lazy("từ tỷ lệ trở lên"))),
        ),
        KindParam(
            "denominator",
            gettext_lazy("Tỷ lệ tính trên"),
            "choice",
            choices=(
                ("all_members", gettext_lazy("tổng số thành viên")),
                ("present", gettext_lazy("số thành viên có mặt")),
            ),
        ),
        KindParam(
            "quota",
            gettext_lazy("Số lượng tối đa được chọn"),
            "int",
            gettext_lazy("đơn vị, người"),
            required=False,
            min_value=1,
            max_value=1000,
            help=gettext_lazy("Để trống khi không giới hạn số lượng."),
        ),
        KindParam(
            "tie_rule",
            gettext_lazy("Khi bằng phiếu ở vị trí cuối"),
            "choice",
            choices=(
                ("runoff", gettext_lazy("bỏ phiếu lại giữa những người bằng phiếu")),
                ("chair_decides", gettext_lazy("người chủ trì quyết định")),
            ),
        ),
        KindParam("secret", gettext_lazy("Bắt buộc bỏ phiếu kín"), "bool", default=True),
        KindParam(
            "written_votes_allowed",
            gettext_lazy("Cho phép thành viên vắng mặt gửi phiếu bằng văn bản"),
            "bool",
            required=False,
            default=False,
        ),
        # The counting board of a sealed ballot; the bounds are voting.parameters' KEY_MIN and KEY_MAX (this app
        # sits below voting), and the ballot checks the threshold against the holders.
        KindParam(
            "key_holders",
            gettext_lazy("Số thành viên ban kiểm phiếu giữ phần khóa"),
            "int",
            PEOPLE,
            required=False,
            min_value=2,
            max_value=9,
            help=gettext_lazy("Để trống: 3 người. Mỗi người giữ một phần khóa mở phiếu điện tử."),
            default=3,
            omit_blank=True,
        ),
        KindParam(
            "key_threshold",
            gettext_lazy("Số phần khóa cần để kiểm phiếu"),
            "int",
            PEOPLE,
            required=False,
            min_value=2,
            max_value=9,
            help=gettext_lazy("Để trống: 2. Không lớn hơn số người giữ phần khóa."),
            default=2,
            omit_blank=True,
        ),
        KindParam(
            "award_forms",
            gettext_lazy("Áp dụng cho danh hiệu, hình thức"),
            "forms",
            required=False,
            help=gettext_lazy(
                "Để trống: áp dụng cho mọi danh hiệu, hình thức không có quy định bỏ phiếu riêng đang có hiệu lực."
            ),
        ),
    )


def _days(name, label):
    return KindParam(name, label, "int", DAYS, min_value=1, max_value=365)


NO_FORM = gettext_lazy("không danh hiệu, hình thức nào")


def _component(name, label):
    """A paper of the dossier sent upward: the forms whose lines need it (proposals.central says how it is met)."""
    return KindParam(
        name, label, "forms", required=False, blank_text=NO_FORM, help=gettext_lazy("Các hình thức cần giấy tờ này.")
    )


# The papers proposals.central knows how to find; which forms need each is the rule set's data.
CENTRAL_COMPONENTS = (
    _component("paper_submission", gettext_lazy("Tờ trình đề nghị")),
    _component("paper_council_minutes", gettext_lazy("Biên bản họp và kết quả bỏ phiếu của Hội đồng")),
    _component("paper_certified_report", gettext_lazy("Báo cáo thành tích có xác nhận của cấp trình")),
    _component("paper_extract", gettext_lazy("Trích ngang (cá nhân)")),
    _component("paper_notice_result", gettext_lazy("Kết quả công khai")),
)


SCHEMAS = {
    s.kind: s
    for s in [
        KindSchema(
            RuleSetKind.COMMENDATION,
            holds_rules=True,
            purpose=gettext_lazy("Xét tiêu chuẩn, điều kiện khen thưởng"),
        ),
        KindSchema(
            RuleSetKind.CLUSTER_VOTING,
            _voting(gettext_lazy("Ví dụ: trên 50% tổng số thành viên của cụm, khối.")),
            purpose=gettext_lazy("Bỏ phiếu bình xét, suy tôn tại hội nghị cụm, khối"),
        ),
        KindSchema(
            RuleSetKind.COUNCIL_VOTING,
            _voting(gettext_lazy("Ví dụ: từ 90% tổng số thành viên Hội đồng trở lên.")),
            purpose=gettext_lazy("Bỏ phiếu của Hội đồng Thi đua - Khen thưởng tỉnh"),
        ),
        KindSchema(
            RuleSetKind.QUOTA,
            holds_rules=True,
            purpose=gettext_lazy("Kiểm tra tỷ lệ, số lượng khen thưởng của hồ sơ đề nghị"),
        ),
        KindSchema(
            RuleSetKind.PROPOSAL_DEADLINES,
            (
                _days("check_days", gettext_lazy("Thời hạn thẩm định hồ sơ")),
                _days("decision_days", gettext_lazy("Thời hạn trình Chủ tịch quyết định sau khi Hội đồng bỏ phiếu")),
                _days("resubmit_days", gettext_lazy("Thời hạn bổ sung, gửi lại hồ sơ bị trả lại")),
                KindParam(
                    "working_days", gettext_lazy("Tính theo ngày làm việc (không tính thứ Bảy, Chủ nhật)"), "bool"
                ),
            ),
            purpose=gettext_lazy("Nhắc hạn xử lý hồ sơ đề nghị khen thưởng"),
        ),
        KindSchema(
            RuleSetKind.CENTRAL_DOSSIER,
            (
                _days("notice_days", gettext_lazy("Thời gian công khai danh sách đề nghị")),
                KindParam(
                    "notice_working_days",
                    gettext_lazy("Tính theo ngày làm việc (không tính thứ Bảy, Chủ nhật)"),
                    "bool",
                    default=True,
                ),
                KindParam(
                    "notice_forms",
                    gettext_lazy("Danh hiệu, hình thức phải công khai"),
                    "forms",
                    required=False,
                    blank_text=gettext_lazy("mọi danh hiệu, hình thức cấp Nhà nước, Chính phủ"),
                    help=gettext_lazy("Để trống: mọi danh hiệu, hình thức cấp Nhà nước, Chính phủ."),
                ),
                *CENTRAL_COMPONENTS,
            ),
            purpose=gettext_lazy("Trình Trung ương khen thưởng cấp Nhà nước, Chính phủ"),
        ),
    ]
}

# Units of the conditions' own parameters (awards.conditions), for the rule forms and tables: a percentage is
# always "%"; the others by the parameter's name, or by (condition, name) where one name counts different things.
_CONDITION_UNITS = {
    "years": YEARS,
    "within_years": YEARS,
    (ConditionCode.MEMBERS_COUNT_TITLE, "min_count"): PEOPLE,
    (ConditionCode.PRIOR_AWARD, "min_count"): TIMES,
}


def schema(kind):
    if kind not in SCHEMAS:
        raise Refusal(_("Loại quy định “%(kind)s” không tồn tại.") % {"kind": kind})
    return SCHEMAS[kind]


def condition_unit(condition, param):
    if param.kind == "percent":
        return PERCENT
    return _CONDITION_UNITS.get((condition, param.name)) or _CONDITION_UNITS.get(param.name, "")


def condition_params(condition):
    """(param, unit) of a condition type, for the rule form."""
    return [(p, condition_unit(condition, p)) for p in CONDITION_TYPES[condition].params]


# ---------------------------------------------------------------- validation


class _BadValueError(ValueError):
    pass


def _number(value):
    if isinstance(value, bool) or value is None:
        raise _BadValueError
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as bad:
        raise _BadValueError from bad
    if not number.is_finite():
        raise _BadValueError
    return number


def _in_bounds(param, number):
    low, high = param.min_value, param.max_value
    if low is not None and (number < low or (param.above_min and number == low)):
        return False
    return high is None or number <= high


def _clean_share(param, value):
    if isinstance(value, str) and _FRACTION.match(value):
        top, bottom = (int(x) for x in _FRACTION.match(value).groups())
        if bottom == 0 or not _in_bounds(param, Decimal(top) * 100 / bottom):
            raise _BadValueError
        return f"{top}/{bottom}"
    number = _number(value)
    if not _in_bounds(param, number) or number != number.quantize(Decimal("0.01")):
        raise _BadValueError
    number = number.normalize()
    return int(number) if number == number.to_integral_value() else float(number)


def _clean_int(param, value):
    number = _number(value)
    if number != number.to_integral_value() or not _in_bounds(param, number):
        raise _BadValueError
    return int(number)


def _clean_bool(param, value):
    if not isinstance(value, bool):
        raise _BadValueError
    return value


def _clean_choice(param, value):
    if value not in {v for v, _label in param.choices}:
        raise _BadValueError
    return value


def _clean_forms(param, value):
    codes = [value] if isinstance(value, str) else value
    if not isinstance(codes, (list, tuple)) or not all(isinstance(c, str) for c in codes):
        raise _BadValueError
    codes = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    unknown = [
        c for c in codes if c not in set(AwardForm.objects.filter(code__in=codes).values_list("code", flat=True))
    ]
    if unknown:
        raise Refusal(_("Không có danh hiệu, hình thức mã “%(code)s” trong danh mục.") % {"code": unknown[0]})
    return codes


# What an optional parameter left blank is stored as.
BLANK = {"bool": False, "forms": []}

CLEANERS = {
    "share": _clean_share,
    "int": _clean_int,
    "bool": _clean_bool,
    "choice": _clean_choice,
    "forms": _clean_forms,
}


def bad_value_message(param):
    """The Vietnamese sentence for a value outside the parameter's schema."""
    if param.type == "share":
        lower = _("lớn hơn %(min)s") if param.above_min else _("từ %(min)s")
        return _("“%(label)s” phải là tỷ lệ %(lower)s đến %(max)s%% (hoặc một phân số như 2/3).") % {
            "label": param.label,
            "lower": lower % {"min": param.min_value},
            "max": param.max_value,
        }
    if param.type == "int":
        return _("“%(label)s” phải là số nguyên từ %(min)s đến %(max)s %(unit)s.") % {
            "label": param.label,
            "min": param.min_value,
            "max": param.max_value,
            "unit": param.unit,
        }
    if param.type == "bool":
        return _("“%(label)s” chỉ nhận giá trị có hoặc không.") % {"label": param.label}
    if param.type == "forms":
        return _("“%(label)s” phải là danh sách mã danh hiệu, hình thức.") % {"label": param.label}
    allowed = "; ".join(str(label) for _value, label in param.choices)
    return _("“%(label)s” phải là một trong: %(allowed)s.") % {"label": param.label, "allowed": allowed}


def validate_kind_parameters(kind, parameters):
    """The cleaned parameters of a rule set of `kind`, or a Refusal naming every wrong parameter in Vietnamese."""
    spec = schema(kind)
    if parameters is None:
        parameters = {}
    if not isinstance(parameters, dict):
        raise Refusal(_("Tham số phải là một bộ giá trị có tên."))
    known = {p.name for p in spec.params}
    errors = [
        _("Tham số “%(name)s” không dùng cho loại quy định “%(kind)s”.") % {"name": name, "kind": spec.label}
        for name in sorted(set(parameters) - known)
    ]
    cleaned = {}
    for param in spec.params:
        value = parameters.get(param.name)
        if value is None or value == "":
            if param.required:
                errors.append(_("Thiếu tham số “%(label)s”.") % {"label": param.label})
            elif not param.omit_blank:
                cleaned[param.name] = BLANK.get(param.type)
            continue
        try:
            cleaned[param.name] = CLEANERS[param.type](param, value)
        except Refusal as refusal:
            errors.extend(refusal.messages)
        except (_BadValueError, TypeError, ValueError):
            errors.append(bad_value_message(param))
    if errors:
        raise Refusal(errors)
    return cleaned


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class ShownParam:
    name: str
    label: str
    unit: str
    value: object
    text: str


def _shown(param, value, form_names):
    if param.type == "forms":
        if not value:
            return str(param.blank_text) if param.blank_text else _("mọi danh hiệu, hình thức không có quy định riêng")
        return ", ".join(str(form_names.get(code, code)) for code in value)
    if (value is None or value == "") and param.omit_blank and param.default is not None:
        return _("%(value)s %(unit)s (mặc định)") % {"value": param.default, "unit": param.unit}
    if value is None or value == "":
        return _("không giới hạn") if param.type == "int" else "—"
    if param.type == "bool":
        return _("có") if value else _("không")
    if param.type == "choice":
        return str(dict(param.choices).get(value, value))
    if param.type == "share" and isinstance(value, str) and _FRACTION.match(value):
        top, bottom = (int(x) for x in _FRACTION.match(value).groups())
        share = (Decimal(top) * 100 / bottom).quantize(Decimal("0.01")) if bottom else Decimal(0)
        return f"{value} ({str(share).replace('.', ',')}{PERCENT})"
    unit = f" {param.unit}" if param.unit and param.unit != PERCENT else param.unit
    return f"{str(value).replace('.', ',')}{unit}"


def shown_parameters(kind, parameters):
    """Every parameter of the kind with its label, unit and value as read, in schema order; keys the schema does
    not know (kept from older data) come last under their own name."""
    spec = SCHEMAS.get(kind)
    parameters = parameters or {}
    wanted = [c for p in (spec.params if spec else ()) if p.type == "forms" for c in parameters.get(p.name) or ()]
    form_names = dict(AwardForm.objects.filter(code__in=wanted).values_list("code", "name")) if wanted else {}
    rows = []
    for param in spec.params if spec else ():
        value = parameters.get(param.name)
        rows.append(ShownParam(param.name, str(param.label), str(param.unit), value, _shown(param, value, form_names)))
    known = {p.name for p in spec.params} if spec else set()
    rows.extend(ShownParam(n, n, "", parameters[n], str(parameters[n])) for n in sorted(set(parameters) - known))
    return rows


def initial_parameters(kind):
    """What a blank rule set of this kind starts with on the create page."""
    return {p.name: p.default for p in schema(kind).params if p.default is not None}
