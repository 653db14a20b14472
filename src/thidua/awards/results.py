"""What the eligibility engine returns: each condition with its status, explanation, citation and facts."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from thidua.awards.enums import ConditionStatus, EligibilityStatus
from thidua.awards.models import AwardForm

MET, NOT_MET, UNKNOWN = ConditionStatus.MET, ConditionStatus.NOT_MET, ConditionStatus.UNKNOWN


@dataclass
class Fact:
    text: str
    kind: str = ""  # record, rating, discipline, flag, member
    year: int | None = None
    object_id: int | None = None


@dataclass
class ConditionResult:
    condition: str
    label: str
    status: str
    explanation: str
    citation: str
    is_verified: bool
    rule_id: int | None = None
    facts: list = field(default_factory=list)
    alternatives: list = field(default_factory=list)  # AlternativeResult, for "one of the standards"

    @property
    def status_label(self):
        return ConditionStatus(self.status).label


@dataclass
class AlternativeResult:
    """One alternative of "một trong các tiêu chuẩn": met only if all its conditions are met."""

    name: str
    conditions: list

    @property
    def status(self):
        return combined_status([c.status for c in self.conditions])

    @property
    def status_label(self):
        return ConditionStatus(self.status).label

    @property
    def reasons(self):
        """What stops this alternative: its unmet conditions, or else what still needs checking."""
        wanted = NOT_MET if self.status == NOT_MET else UNKNOWN
        return " ".join(c.explanation for c in self.conditions if c.status == wanted)


def combined_status(statuses):
    """All of them: not met if one is not met, cannot tell if one cannot be told, else met."""
    statuses = set(statuses)
    if NOT_MET in statuses:
        return NOT_MET
    if UNKNOWN in statuses or not statuses:
        return UNKNOWN
    return MET


@dataclass
class EligibilityResult:
    candidate: object
    award_form: AwardForm
    year: int
    as_of: datetime.date
    rule_sets: list
    conditions: list
    notes: list = field(default_factory=list)

    @property
    def status(self):
        statuses = {c.status for c in self.conditions}
        if NOT_MET in statuses:
            return EligibilityStatus.NOT_ELIGIBLE
        if UNKNOWN in statuses or not self.conditions:
            return EligibilityStatus.NEEDS_CHECK
        return EligibilityStatus.ELIGIBLE

    @property
    def status_label(self):
        return EligibilityStatus(self.status).label

    @property
    def not_met(self):
        return [c for c in self.conditions if c.status == NOT_MET]

    @property
    def unknown(self):
        return [c for c in self.conditions if c.status == UNKNOWN]

    @property
    def has_unverified_rules(self):
        return any(not c.is_verified for c in self.conditions)


def percent_text(fraction):
    return f"{float(fraction * 100):.1f}".replace(".", ",").removesuffix(",0") + "%"


def years_text(years):
    return ", ".join(str(y) for y in years)


def span_text(first, last):
    return str(last) if first == last else f"{first}–{last}"


def record_fact(record, *, note=""):
    text = _("%(form)s năm %(year)s: quyết định số %(number)s ngày %(date)s") % {
        "form": record.award_form.name,
        "year": record.year,
        "number": record.decision_number,
        "date": record.decision_date.strftime("%d/%m/%Y"),
    }
    return Fact(f"{text}{note}", "record", record.year, record.pk)
