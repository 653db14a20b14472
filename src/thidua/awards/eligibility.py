"""The eligibility engine: a candidate, a form and a year, judged by the rule set in force for that year.

Every condition comes back met, not met or "cannot tell", with the facts it used and its citation. The engine holds
no legal numbers: thresholds, year counts and which awards count all come from the rules' parameters.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.conditions import TYPES
from thidua.awards.enums import (
    AchievementKind,
    ConditionCode,
    DisciplineLevel,
    EligibilityStatus,
    RecipientKind,
)
from thidua.awards.evaluators import EVALUATORS
from thidua.awards.facts import FactStore
from thidua.awards.models import AwardForm
from thidua.awards.results import (
    MET,
    NOT_MET,
    UNKNOWN,
    AlternativeResult,
    ConditionResult,
    EligibilityResult,
    record_fact,
)
from thidua.awards.selectors import commendation_rules, rule_date_for_year, year_bounds
from thidua.organizations.models import Person, Unit


class _Context:
    """One candidate, one form, one year: the rules that apply and the counting policies they set."""

    def __init__(self, evaluator, candidate, form, year, rules, achievement_kind):
        self.ev, self.candidate, self.form, self.year = evaluator, candidate, form, year
        self.store = evaluator.store
        self.as_of = evaluator.as_of
        self.is_unit = isinstance(candidate, Unit)
        self.key = self.store.key(candidate)
        self.achievement_kind = achievement_kind
        self.rules = rules
        policies = {r.condition: r for r in rules if TYPES[r.condition].is_policy}
        self.policies = policies
        merit = policies.get(ConditionCode.POLICY_MERIT_ONLY)
        counts_merit = achievement_kind == AchievementKind.ANNUAL
        self.excluded_kinds = set(merit.parameters["excluded_kinds"]) if merit and counts_merit else set()
        predecessors = policies.get(ConditionCode.POLICY_PREDECESSOR_RECORDS)
        self.count_predecessors = bool(self.is_unit and predecessors and predecessors.parameters.get("count"))
        self.first_counting_year, self.reset_by = self._counting_start(
            policies.get(ConditionCode.POLICY_DISCIPLINE_RESETS)
        )

    def _counting_start(self, policy):
        if policy is None:
            return None, None
        threshold = DisciplineLevel.severity(policy.parameters["min_level"])
        last_day = year_bounds(self.year)[1]
        start, by = None, None
        for record in self.store.disciplines_of(self.key):
            if DisciplineLevel.severity(record.level) < threshold or record.starts_on > last_day:
                continue
            after = (record.ends_on.year + 1) if record.ends_on else self.year + 1
            if start is None or after > start:
                start, by = after, record
        return start, by

    def record_keys(self):
        keys = [self.key]
        if self.count_predecessors:
            keys += [("unit", pk) for pk in sorted(self.store.predecessors_of(self.candidate.pk))]
        return keys

    def counted_records(self, keys, forms, years):
        """year -> records that count, and the facts about records that were seen but do not count."""
        counted, ignored = {}, []
        for key in keys:
            for record in self.store.records_of(key):
                if record.award_form.code not in forms or record.year not in years:
                    continue
                own = (
                    ""
                    if key == self.key
                    else _(" (của %(name)s, đơn vị trước sắp xếp)") % {"name": record.recipient_name}
                )
                if record.revoked_on:
                    note = _(" — đã bị hủy bỏ ngày %(date)s, không tính") % {
                        "date": record.revoked_on.strftime("%d/%m/%Y")
                    }
                    ignored.append(record_fact(record, note=own + note))
                elif record.achievement_kind in self.excluded_kinds:
                    note = _(" — khen %(kind)s, không làm căn cứ khen theo công trạng") % {
                        "kind": record.get_achievement_kind_display().lower()
                    }
                    ignored.append(record_fact(record, note=own + note))
                elif self.first_counting_year and record.year < self.first_counting_year:
                    note = _(" — trước khi chấp hành xong kỷ luật, không tính")
                    ignored.append(record_fact(record, note=own + note))
                else:
                    counted.setdefault(record.year, []).append(record)
        return counted, ignored

    def form_names(self, codes):
        return ", ".join(self.ev.form_names.get(code, code) for code in codes)


class Evaluator:
    """Judges many candidates for one year with one load of facts and rules (see FactStore)."""

    def __init__(self, *, year, units=(), persons=(), as_of=None, store=None):
        self.year = int(year)
        self.as_of = as_of or timezone.localdate()
        self.store = store or FactStore(units=units, persons=persons)
        provinces = {c.province_id for c in [*self.store.units.values(), *self.store.persons.values()]}
        self.rule_sets, self.rules = commendation_rules(self.year, province_ids=provinces)
        self.form_names = dict(AwardForm.objects.values_list("code", "name"))
        # Each condition's label once per run: rebuilding the translated choices for every rule x form x candidate
        # was most of a province-wide screening's time.
        self.labels = {code: str(label) for code, label in ConditionCode.choices}

    def rules_for(self, candidate, form):
        sets = {rs.pk for rs in self.rule_sets if rs.province_id in {None, candidate.province_id}}
        kind = RecipientKind.COLLECTIVE if isinstance(candidate, Unit) else RecipientKind.INDIVIDUAL
        return [
            r
            for r in self.rules
            if r.rule_set_id in sets
            and (r.award_form_id is None or r.award_form_id == form.pk)
            and kind in TYPES[r.condition].applies_to
            and not TYPES[r.condition].is_quota
        ]

    def evaluate(self, candidate, form, *, achievement_kind=AchievementKind.ANNUAL):
        _check_candidate(candidate, form)
        rules = self.rules_for(candidate, form)
        sets = [rs for rs in self.rule_sets if rs.province_id in {None, candidate.province_id}]
        result = EligibilityResult(candidate, form, self.year, self.as_of, sets, [])
        if not any(rs.province_id is None for rs in sets):
            result.conditions.append(_no_rule_set(self.year))
            return result
        ctx = _Context(self, candidate, form, self.year, rules, achievement_kind)
        alternatives = {}  # name -> the conditions of that alternative, in the rules' order
        for rule in rules:
            if TYPES[rule.condition].is_policy:
                result.notes.append(f"{self.labels.get(rule.condition, rule.condition)} ({rule.citation})")
                continue
            status, text, facts = EVALUATORS[rule.condition](ctx, rule.parameters)
            condition = ConditionResult(
                rule.condition,
                self.labels.get(rule.condition, rule.condition),
                status,
                text,
                rule.citation,
                rule.is_verified,
                rule.pk,
                facts,
            )
            if rule.alternative:
                alternatives.setdefault(rule.alternative, []).append(condition)
            else:
                result.conditions.append(condition)
        if alternatives:
            result.conditions.append(_one_of([AlternativeResult(n, c) for n, c in alternatives.items()]))
        if ctx.reset_by is not None:
            result.notes.append(
                _("Thành tích chỉ tính từ năm %(y)s (sau khi chấp hành xong kỷ luật %(level)s).")
                % {"y": ctx.first_counting_year, "level": ctx.reset_by.get_level_display().lower()}
            )
        return result


def _quoted(alternatives):
    return "; ".join(f"“{a.name}”" for a in alternatives)


def _one_of(alternatives):
    """The standards of which one is enough (Luật 2022 Điều 74 khoản 1): which was met, and why the others were not."""
    met = [a for a in alternatives if a.status == MET]
    open_ = [a for a in alternatives if a.status == UNKNOWN]
    failed = [a for a in alternatives if a.status == NOT_MET]
    why_not = " ".join(_("Không đạt “%(name)s”: %(why)s") % {"name": a.name, "why": a.reasons} for a in failed)
    if met:
        status = MET
        text = _("Đạt theo tiêu chuẩn “%(name)s”.") % {"name": met[0].name}
    elif open_:
        status = UNKNOWN
        text = _("Có thể đạt theo %(names)s; còn cần thẩm định: %(what)s") % {
            "names": _quoted(open_),
            "what": " ".join(a.reasons for a in open_),
        }
    else:
        status = NOT_MET
        text = _("Không đạt tiêu chuẩn nào trong %(n)s tiêu chuẩn (chỉ cần một).") % {"n": len(alternatives)}
    conditions = [c for a in alternatives for c in a.conditions]
    return ConditionResult(
        "one_of",
        _("Một trong các tiêu chuẩn"),
        status,
        f"{text} {why_not}".strip(),
        "; ".join(dict.fromkeys(c.citation for c in conditions)),
        all(c.is_verified for c in conditions),
        None,
        [],
        alternatives,
    )


def _no_rule_set(year):
    return ConditionResult(
        "no_rule_set",
        _("Bộ quy định áp dụng"),
        UNKNOWN,
        _("Chưa có bộ quy định khen thưởng nào có hiệu lực ngày %(d)s.")
        % {"d": rule_date_for_year(year).strftime("%d/%m/%Y")},
        "",
        is_verified=False,
    )


def _check_candidate(candidate, form):
    if form.is_record_only:
        raise ValidationError(_("%(form)s chỉ ghi sổ, không xét điều kiện trong hệ thống.") % {"form": form.name})
    if isinstance(candidate, Unit) and form.recipient_kind != RecipientKind.COLLECTIVE:
        raise ValidationError(_("%(form)s dành cho cá nhân, không xét cho tập thể.") % {"form": form.name})
    if isinstance(candidate, Person) and form.recipient_kind != RecipientKind.INDIVIDUAL:
        raise ValidationError(_("%(form)s dành cho tập thể, không xét cho cá nhân.") % {"form": form.name})
    if not isinstance(candidate, (Unit, Person)):
        raise ValidationError(_("Đối tượng xét phải là một đơn vị hoặc một cá nhân."))


def evaluate_eligibility(candidate, award_form, year, *, as_of=None, achievement_kind=AchievementKind.ANNUAL):
    """Judge one candidate (a Unit or a Person) for one form and one achievement year.

    `as_of` is the day of consideration (today by default): discipline, review flags and a unit's dissolution are
    judged on that day. The rule set is the one in force on the year's last day.
    """
    units, persons = ([candidate], []) if isinstance(candidate, Unit) else ([], [candidate])
    evaluator = Evaluator(year=year, units=units, persons=persons, as_of=as_of)
    return evaluator.evaluate(candidate, award_form, achievement_kind=achievement_kind)


@dataclass
class ScreeningRow:
    candidate: object
    results: list

    @property
    def is_unit(self):
        return isinstance(self.candidate, Unit)

    @property
    def qualifying(self):
        return [r for r in self.results if r.status != EligibilityStatus.NOT_ELIGIBLE]

    @property
    def refused(self):
        return [r for r in self.results if r.status == EligibilityStatus.NOT_ELIGIBLE]


def screen(*, year, units=(), persons=(), forms=None, as_of=None):
    """Who qualifies for what, and why not: every candidate against every form meant for its kind."""
    units, persons = list(units), list(persons)
    forms = list(forms) if forms is not None else list(AwardForm.objects.filter(is_record_only=False))
    forms = [f for f in forms if not f.is_record_only]
    evaluator = Evaluator(year=year, units=units, persons=persons, as_of=as_of)
    rows = []
    for candidate in [*units, *persons]:
        kind = RecipientKind.COLLECTIVE if isinstance(candidate, Unit) else RecipientKind.INDIVIDUAL
        results = [evaluator.evaluate(candidate, f) for f in forms if f.recipient_kind == kind]
        rows.append(ScreeningRow(candidate, results))
    return rows
