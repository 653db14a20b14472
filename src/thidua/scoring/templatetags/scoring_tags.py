from django import template

from thidua.scoring.calculation import fmt
from thidua.scoring.enums import CriterionKind
from thidua.scoring.services.assessments import describe_value

register = template.Library()


@register.filter
def points(value):
    """12 / 7,5 / — : points the Vietnamese way."""
    return fmt(value)


@register.filter
def described(score, criterion):
    """A saved value as the reader says it (Đạt, Có vi phạm, 95 / chỉ tiêu 100, 7,5)."""
    return describe_value(criterion, getattr(score, "value", None))


@register.filter
def input_value(score):
    value = getattr(score, "value", None)
    return "" if value is None else format(value.normalize(), "f")


@register.filter
def is_binary(criterion):
    return criterion.kind in CriterionKind.binary()
