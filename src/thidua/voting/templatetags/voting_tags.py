from django import template

from thidua.voting.parameters import fmt_percent

register = template.Library()


@register.filter
def vn_percent(value):
    """Decimal percentage with a Vietnamese decimal comma, as in the minutes: 62.5 -> "62,50"."""
    return fmt_percent(value) if value is not None else ""
