"""Reads about rule sets (more award reads arrive with the commendation work)."""

from django.db.models import Q

from thidua.awards.models import RuleSet


def rule_sets_in_force(kind, on, *, province=None):
    """Current rule sets of a kind in force on a date; the province's own rules first, then national ones."""
    qs = RuleSet.objects.filter(kind=kind, is_current=True, valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )
    if province is None:
        qs = qs.filter(province__isnull=True)
    else:
        qs = qs.filter(Q(province=province) | Q(province__isnull=True))
    return sorted(qs, key=lambda r: (r.province_id is None, -r.valid_from.toordinal()))


def rule_set_in_force(kind, on, *, province=None):
    found = rule_sets_in_force(kind, on, province=province)
    return found[0] if found else None
