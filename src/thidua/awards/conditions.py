"""The kinds of rule a rule set can hold and the schema of each one's parameters.

A province's administrator corrects parameters through a form built from these schemas; a value outside its
schema is refused with a Vietnamese message naming the parameter. The numbers themselves live in the rule sets.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.enums import (
    AchievementKind,
    Comparison,
    ConditionCode,
    DisciplineLevel,
    InitiativeScope,
    QuotaBasis,
    RecipientKind,
    ReviewKind,
    TaskCompletion,
)

BOTH = (RecipientKind.COLLECTIVE, RecipientKind.INDIVIDUAL)
COLLECTIVE = (RecipientKind.COLLECTIVE,)
INDIVIDUAL = (RecipientKind.INDIVIDUAL,)


@dataclass(frozen=True)
class Param:
    name: str
    label: str
    kind: str  # int, percent, bool, forms, text, choice, choices
    required: bool = True
    min_value: int | None = None
    max_value: int | None = None
    choices: type | None = None  # a TextChoices class for choice/choices


@dataclass(frozen=True)
class ConditionType:
    code: str
    params: tuple = ()
    applies_to: tuple = BOTH
    # Policies change how facts are counted (e.g. which awards count); they are not met/not met themselves.
    is_policy: bool = False
    is_quota: bool = False

    @property
    def label(self):
        return ConditionCode(self.code).label


FORMS = Param("forms", gettext_lazy("Danh hiệu, hình thức (mã)"), "forms")
YEARS = Param("years", gettext_lazy("Số năm liên tục"), "int", min_value=1, max_value=30)
MIN_RATING = Param("min_rating", gettext_lazy("Mức hoàn thành nhiệm vụ tối thiểu"), "choice", choices=TaskCompletion)
COMPARISON = Param("comparison", gettext_lazy("So sánh"), "choice", choices=Comparison)
PERCENT = Param("percent", gettext_lazy("Tỷ lệ (%)"), "percent", min_value=0, max_value=100)
MIN_LEVEL = Param("min_level", gettext_lazy("Từ hình thức kỷ luật"), "choice", choices=DisciplineLevel)

TYPES = {
    t.code: t
    for t in [
        ConditionType(
            ConditionCode.CONSECUTIVE_TITLES,
            (
                FORMS,
                YEARS,
                Param(
                    "include_current_year",
                    gettext_lazy("Tính cả năm đang xét"),
                    "bool",
                ),
            ),
        ),
        ConditionType(ConditionCode.TASK_RATING_CHAIN, (MIN_RATING, YEARS)),
        ConditionType(ConditionCode.MEMBERS_SHARE_RATING, (MIN_RATING, COMPARISON, PERCENT), COLLECTIVE),
        ConditionType(ConditionCode.MEMBERS_SHARE_TITLE, (FORMS, COMPARISON, PERCENT), COLLECTIVE),
        ConditionType(
            ConditionCode.MEMBERS_COUNT_TITLE,
            (FORMS, Param("min_count", gettext_lazy("Số người tối thiểu"), "int", min_value=1, max_value=10000)),
            COLLECTIVE,
        ),
        ConditionType(ConditionCode.MEMBERS_NO_DISCIPLINE, (MIN_LEVEL,), COLLECTIVE),
        ConditionType(ConditionCode.NO_DISCIPLINE, (MIN_LEVEL,)),
        ConditionType(
            ConditionCode.NOT_UNDER_REVIEW,
            (Param("kinds", gettext_lazy("Các trường hợp"), "choices", choices=ReviewKind),),
        ),
        ConditionType(ConditionCode.NOT_ALREADY_AWARDED),
        ConditionType(ConditionCode.UNIT_ACTIVE, (), COLLECTIVE),
        ConditionType(
            ConditionCode.PRIOR_AWARD,
            (
                FORMS,
                Param("within_years", gettext_lazy("Trong số năm gần nhất"), "int", min_value=1, max_value=50),
                Param("min_count", gettext_lazy("Số lần tối thiểu"), "int", min_value=1, max_value=20),
            ),
        ),
        ConditionType(
            ConditionCode.MANUAL_CHECK,
            (Param("text", gettext_lazy("Nội dung cần thẩm định"), "text"),),
        ),
        # Counted from the person's recognised initiatives (awards.Initiative) over the years ending with the
        # year considered; a wider scope of effect counts for a narrower one.
        ConditionType(
            ConditionCode.INITIATIVES,
            (
                Param("min_count", gettext_lazy("Số sáng kiến, đề tài tối thiểu"), "int", min_value=1, max_value=50),
                Param("min_scope", gettext_lazy("Phạm vi ảnh hưởng tối thiểu"), "choice", choices=InitiativeScope),
                Param("years", gettext_lazy("Trong số năm, tính cả năm đang xét"), "int", min_value=1, max_value=30),
                Param("text", gettext_lazy("Nội dung tiêu chuẩn"), "text", required=False),
            ),
            INDIVIDUAL,
        ),
        ConditionType(
            ConditionCode.POLICY_MERIT_ONLY,
            (Param("excluded_kinds", gettext_lazy("Loại thành tích không tính"), "choices", choices=AchievementKind),),
            is_policy=True,
        ),
        ConditionType(ConditionCode.POLICY_DISCIPLINE_RESETS, (MIN_LEVEL,), is_policy=True),
        ConditionType(
            ConditionCode.POLICY_PREDECESSOR_RECORDS,
            (Param("count", gettext_lazy("Tính thành tích của đơn vị trước sắp xếp"), "bool"),),
            COLLECTIVE,
            is_policy=True,
        ),
        ConditionType(
            ConditionCode.QUOTA,
            (
                Param("basis", gettext_lazy("Tính trên"), "choice", choices=QuotaBasis),
                Param(
                    "max_percent",
                    gettext_lazy("Tỷ lệ tối đa (%)"),
                    "percent",
                    required=False,
                    min_value=0,
                    max_value=100,
                ),
                Param(
                    "max_count", gettext_lazy("Số lượng tối đa"), "int", required=False, min_value=0, max_value=100000
                ),
                Param("base_forms", gettext_lazy("Danh hiệu làm căn cứ (mã)"), "forms", required=False),
            ),
            is_quota=True,
        ),
    ]
}


def condition_type(code):
    return TYPES[code]


class BadValueError(ValueError):
    """A parameter value outside its schema; turned into the parameter's Vietnamese message."""


def _clean_int(param, value, _known):
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise BadValueError
    number = int(value)
    if (param.min_value is not None and number < param.min_value) or (
        param.max_value is not None and number > param.max_value
    ):
        raise BadValueError
    return number


def _clean_percent(param, value, _known):
    if isinstance(value, bool):
        raise BadValueError
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation as bad:
        raise BadValueError from bad
    if not number.is_finite() or number < param.min_value or number > param.max_value:
        raise BadValueError
    number = number.quantize(Decimal("0.01")).normalize()
    return int(number) if number == number.to_integral_value() else float(number)


def _clean_bool(param, value, _known):
    if not isinstance(value, bool):
        raise BadValueError
    return value


def _clean_choice(param, value, _known):
    if value not in param.choices.values:
        raise BadValueError
    return value


def _clean_choices(param, value, _known):
    values = [value] if isinstance(value, str) else list(value or [])
    if not values or any(v not in param.choices.values for v in values):
        raise BadValueError
    return sorted(set(values), key=list(param.choices.values).index)


def _clean_forms(param, value, known_forms):
    codes = [value] if isinstance(value, str) else list(value or [])
    codes = [c.strip() for c in codes if isinstance(c, str) and c.strip()]
    if not codes:
        raise BadValueError
    unknown = [c for c in codes if known_forms is not None and c not in known_forms]
    if unknown:
        raise ValidationError(_("Không có danh hiệu, hình thức mã “%(code)s” trong danh mục.") % {"code": unknown[0]})
    return list(dict.fromkeys(codes))


def _clean_text(param, value, _known):
    text = str(value or "").strip()
    if not text:
        raise BadValueError
    return text


CLEANERS = {
    "int": _clean_int,
    "percent": _clean_percent,
    "bool": _clean_bool,
    "choice": _clean_choice,
    "choices": _clean_choices,
    "forms": _clean_forms,
    "text": _clean_text,
}


def _error_for(param):
    if param.kind == "int":
        return _("Tham số “%(label)s” phải là số nguyên từ %(min)s đến %(max)s.") % {
            "label": param.label,
            "min": param.min_value,
            "max": param.max_value,
        }
    if param.kind == "percent":
        return _("Tham số “%(label)s” phải là một tỷ lệ từ 0 đến 100.") % {"label": param.label}
    if param.kind == "bool":
        return _("Tham số “%(label)s” chỉ nhận giá trị có hoặc không.") % {"label": param.label}
    if param.kind in {"choice", "choices"}:
        allowed = ", ".join(str(label) for label in param.choices.labels)
        return _("Tham số “%(label)s” phải là một trong: %(allowed)s.") % {"label": param.label, "allowed": allowed}
    return _("Tham số “%(label)s” không được để trống.") % {"label": param.label}


def validate_parameters(code, parameters, *, known_forms=None):
    """Return the cleaned parameters of a rule of the given kind, or raise ValidationError (Vietnamese)."""
    if code not in TYPES:
        raise ValidationError(_("Loại điều kiện “%(code)s” không tồn tại.") % {"code": code})
    if not isinstance(parameters, dict):
        raise ValidationError(_("Tham số phải là một bộ giá trị có tên."))
    spec = TYPES[code]
    names = {p.name for p in spec.params}
    extra = sorted(set(parameters) - names)
    if extra:
        raise ValidationError(_("Tham số không dùng cho loại điều kiện này: %(names)s.") % {"names": ", ".join(extra)})
    cleaned = {}
    for param in spec.params:
        value = parameters.get(param.name)
        if value is None or value in ("", []):
            if param.required:
                raise ValidationError(_("Thiếu tham số “%(label)s”.") % {"label": param.label})
            continue
        try:
            cleaned[param.name] = CLEANERS[param.kind](param, value, known_forms)
        except (ValueError, TypeError) as bad:
            raise ValidationError(_error_for(param)) from bad
    if spec.is_quota and "max_percent" not in cleaned and "max_count" not in cleaned:
        raise ValidationError(_("Cần ít nhất một trong hai tham số: tỷ lệ tối đa hoặc số lượng tối đa."))
    return cleaned


def describe_parameters(code, parameters, form_names=None):
    """A short Vietnamese reading of the parameters, for tables: "Số năm liên tục: 3; ..."."""
    form_names = form_names or {}
    parts = []
    for param in TYPES[code].params if code in TYPES else ():
        if param.name not in parameters:
            continue
        value = parameters[param.name]
        if param.kind == "forms":
            shown = ", ".join(str(form_names.get(c, c)) for c in value)
        elif param.kind == "bool":
            shown = _("có") if value else _("không")
        elif param.kind == "choice":
            shown = str(param.choices(value).label)
        elif param.kind == "choices":
            shown = ", ".join(str(param.choices(v).label) for v in value)
        elif param.kind == "percent":
            shown = f"{value}%"
        else:
            shown = str(value)
        parts.append(f"{param.label}: {shown}")
    return "; ".join(parts)
