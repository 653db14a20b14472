"""When a kind of legal rules stops being in force with nothing after it, the board is told ahead (issue 14, item 6).

Nghị định 152/2025 is listed as ending on 01/03/2027 (law-check A-33): from then on, unless a successor set is
entered, eligibility says "no rule set in force" and a decision's prize cannot be computed. This module finds the
last day each kind of rule set (and the prize money bases) covers without a gap, nationally and for each active
province in the reader's scope, and words the warning.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from thidua.awards.enums import RuleSetKind
from thidua.awards.models import PrizeBasis, RuleSet
from thidua.organizations.models import Province
from thidua.organizations.scopes import scope_of

# How far ahead the board is warned: a reading setting, not a legal number.
WARN_DAYS = 180
PRIZE_KIND = "prize_money"
DAY = datetime.timedelta(days=1)


def coverage_end(periods, on):
    """The last day from `on` that some period covers without a gap; None when covered for good.

    periods: (valid_from, valid_to or None). A day before `on` means nothing covers `on` itself."""
    day = on
    while True:
        covering = [(start, end) for start, end in periods if start <= day and (end is None or day <= end)]
        if not covering:
            return day - DAY
        if any(end is None for _start, end in covering):
            return None
        day = max(end for _start, end in covering) + DAY


@dataclass
class Gap:
    kind: str
    label: str
    province: object  # None: the national rules
    last_day: datetime.date
    on: datetime.date
    names: list = field(default_factory=list)  # the sets in force that end

    @property
    def days_left(self):
        return (self.last_day - self.on).days

    @property
    def message(self):
        where = _("của tỉnh %(p)s") % {"p": self.province.name} if self.province else _("toàn quốc")
        values = {"kind": self.label, "where": where, "d": f"{self.last_day + DAY:%d/%m/%Y}", "n": self.days_left}
        if self.last_day < self.on:
            return _("Không có “%(kind)s” (%(where)s) nào có hiệu lực từ ngày %(d)s.") % values
        return (
            _(
                "Từ ngày %(d)s không còn “%(kind)s” (%(where)s) nào có hiệu lực (còn %(n)s ngày): cần nhập văn bản "
                "thay thế, nếu không hệ thống sẽ báo chưa có quy định thay vì xét."
            )
            % values
        )


def _gap(kind, label, province, periods, names, on, horizon):
    if not periods:
        return None
    end = coverage_end(periods, on)
    if end is None or end >= on + datetime.timedelta(days=horizon):
        return None
    return Gap(kind, label, province, end, on, names)


def rule_set_gaps(on, *, provinces=(), horizon=WARN_DAYS):
    """The warnings for the national rules and for the given provinces' own (active ones only), soonest first."""
    active = [p for p in provinces if p.valid_to is None or p.valid_to >= on]
    sets = list(RuleSet.objects.filter(is_current=True).filter(Q(province__isnull=True) | Q(province__in=active)))
    gaps = []
    for kind, label in RuleSetKind.choices:
        national = [s for s in sets if s.kind == kind and s.province_id is None]
        periods = [(s.valid_from, s.valid_to) for s in national]
        gaps.append(_gap(kind, label, None, periods, [s.name for s in national], on, horizon))
        for province in active:
            own = [s for s in sets if s.kind == kind and s.province_id == province.pk]
            if own:
                both = national + own
                periods = [(s.valid_from, s.valid_to) for s in both]
                gaps.append(_gap(kind, label, province, periods, [s.name for s in both], on, horizon))
    bases = list(PrizeBasis.objects.all())
    periods = [(b.valid_from, b.valid_to) for b in bases]
    gaps.append(_gap(PRIZE_KIND, _("Căn cứ tính tiền thưởng"), None, periods, [b.name for b in bases], on, horizon))
    return sorted((g for g in gaps if g is not None), key=lambda g: g.last_day)


def provinces_of(user):
    """The provinces whose own rules the user follows (board and council), or every province for an administrator."""
    scope = scope_of(user)
    if scope.is_admin:
        return list(Province.objects.all())
    return list(Province.objects.filter(pk__in=scope.province_ids))
