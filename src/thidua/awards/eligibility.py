"""The eligibility engine: a candidate, a form and a year, judged by the rule set in force for that year.

Every condition comes back met, not met or "cannot tell", with the facts it used and its citation. The engine holds
no legal numbers: thresholds, year counts and which awards count all come from the rules' parameters.
"""

import datetime
from dataclasses import dataclass, field
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.conditions import TYPES
from thidua.awards.enums import (
    AchievementKind,
    Comparison,
    ConditionCode,
    ConditionStatus,
    DisciplineLevel,
    EligibilityStatus,
    RecipientKind,
    TaskCompletion,
)
from thidua.awards.facts import FactStore
from thidua.awards.models import AwardForm
from thidua.awards.selectors import commendation_rules, rule_date_for_year, year_bounds
from thidua.organizations.models import Person, Unit

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

    @property
    def status_label(self):
        return ConditionStatus(self.status).label


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


def _pct(fraction):
    return f"{float(fraction * 100):.1f}".replace(".", ",").removesuffix(",0") + "%"


def _years(years):
    return ", ".join(str(y) for y in years)


def _span(first, last):
    return str(last) if first == last else f"{first}–{last}"


def _record_fact(record, *, note=""):
    text = _("%(form)s năm %(year)s: quyết định số %(number)s ngày %(date)s") % {
        "form": record.award_form.name,
        "year": record.year,
        "number": record.decision_number,
        "date": record.decision_date.strftime("%d/%m/%Y"),
    }
    return Fact(f"{text}{note}", "record", record.year, record.pk)


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
                    ignored.append(_record_fact(record, note=own + note))
                elif record.achievement_kind in self.excluded_kinds:
                    note = _(" — khen %(kind)s, không làm căn cứ khen theo công trạng") % {
                        "kind": record.get_achievement_kind_display().lower()
                    }
                    ignored.append(_record_fact(record, note=own + note))
                elif self.first_counting_year and record.year < self.first_counting_year:
                    note = _(" — trước khi chấp hành xong kỷ luật, không tính")
                    ignored.append(_record_fact(record, note=own + note))
                else:
                    counted.setdefault(record.year, []).append(record)
        return counted, ignored

    def form_names(self, codes):
        return ", ".join(self.ev.form_names.get(code, code) for code in codes)


def _window(ctx, years, *, include_current=True):
    last = ctx.year if include_current else ctx.year - 1
    return list(range(last - years + 1, last + 1))


def _consecutive_titles(ctx, p):
    window = _window(ctx, p["years"], include_current=p.get("include_current_year", True))
    counted, ignored = ctx.counted_records(ctx.record_keys(), set(p["forms"]), set(window))
    facts = [_record_fact(r) for y in window for r in counted.get(y, [])[:1]] + ignored
    missing = [y for y in window if y not in counted]
    names = ctx.form_names(p["forms"])
    need = _("Cần đạt %(forms)s %(n)s năm liên tục (%(span)s)") % {
        "forms": names,
        "n": p["years"],
        "span": _span(window[0], window[-1]),
    }
    if not missing:
        return MET, _("%(need)s: đạt đủ các năm %(years)s.") % {"need": need, "years": _years(window)}, facts
    return NOT_MET, _("%(need)s: thiếu năm %(missing)s.") % {"need": need, "missing": _years(missing)}, facts


def _rating_for(ctx, year):
    ratings = ctx.store.ratings_of(ctx.key)
    if year in ratings:
        return ratings[year], ""
    if ctx.count_predecessors:
        found = [ctx.store.ratings_of(("unit", pk)).get(year) for pk in ctx.store.predecessors_of(ctx.candidate.pk)]
        found = [r for r in found if r is not None]
        if found:
            return max(found, key=lambda r: TaskCompletion.rank(r.completion)), _(" (đơn vị trước sắp xếp)")
    return None, ""


def _task_rating_chain(ctx, p):
    window = _window(ctx, p["years"])
    floor = TaskCompletion.rank(p["min_rating"])
    facts, below, missing = [], [], []
    for year in window:
        rating, note = _rating_for(ctx, year)
        if ctx.first_counting_year and year < ctx.first_counting_year:
            below.append(year)
            facts.append(
                Fact(_("Năm %(y)s: trước khi chấp hành xong kỷ luật, không tính") % {"y": year}, "rating", year)
            )
        elif rating is None:
            missing.append(year)
            facts.append(Fact(_("Năm %(y)s: chưa có đánh giá") % {"y": year}, "rating", year))
        else:
            facts.append(Fact(f"{year}: {rating.get_completion_display()}{note}", "rating", year, rating.pk))
            if TaskCompletion.rank(rating.completion) < floor:
                below.append(year)
    need = _("Cần %(level)s trở lên %(n)s năm liên tục (%(span)s)") % {
        "level": TaskCompletion(p["min_rating"]).label.lower(),
        "n": p["years"],
        "span": _span(window[0], window[-1]),
    }
    if below:
        return NOT_MET, _("%(need)s: không đạt năm %(years)s.") % {"need": need, "years": _years(below)}, facts
    if missing:
        return UNKNOWN, _("%(need)s: chưa có đánh giá năm %(years)s.") % {"need": need, "years": _years(missing)}, facts
    return MET, _("%(need)s: đạt.") % {"need": need}, facts


def _passes(fraction, comparison, percent):
    bound = Fraction(str(percent)) / 100
    return fraction >= bound if comparison == Comparison.AT_LEAST else fraction > bound


def _share_verdict(low, high, total, p, what):
    need = _("yêu cầu %(cmp)s %(pct)s") % {
        "cmp": Comparison(p["comparison"]).label.split(" (")[0],
        "pct": _pct(Fraction(str(p["percent"])) / 100),
    }
    low_share = Fraction(low, total)
    text = _("%(n)s/%(total)s thành viên (%(pct)s) %(what)s; %(need)s.") % {
        "n": low,
        "total": total,
        "pct": _pct(low_share),
        "what": what,
        "need": need,
    }
    if _passes(low_share, p["comparison"], p["percent"]):
        return MET, text
    if _passes(Fraction(high, total), p["comparison"], p["percent"]):
        return UNKNOWN, text + " " + _("Còn %(n)s thành viên chưa có đánh giá.") % {"n": high - low}
    return NOT_MET, text


def _no_members(ctx):
    return (
        UNKNOWN,
        _("Chưa có danh sách thành viên (chức vụ, nơi công tác) của đơn vị trong năm %(y)s.") % {"y": ctx.year},
        [],
    )


def _members_share_rating(ctx, p):
    members = ctx.store.members(ctx.candidate.pk, ctx.year)
    if not members:
        return _no_members(ctx)
    floor = TaskCompletion.rank(p["min_rating"])
    ok, facts = 0, []
    unrated = 0
    for person in members:
        rating = ctx.store.ratings_of(("person", person.pk)).get(ctx.year)
        if rating is None:
            unrated += 1
            facts.append(
                Fact(
                    _("%(name)s: chưa có đánh giá năm %(y)s") % {"name": person.full_name, "y": ctx.year},
                    "member",
                    ctx.year,
                    person.pk,
                )
            )
        elif TaskCompletion.rank(rating.completion) >= floor:
            ok += 1
        else:
            facts.append(Fact(f"{person.full_name}: {rating.get_completion_display()}", "member", ctx.year, person.pk))
    what = _("đạt mức %(level)s trở lên năm %(y)s") % {
        "level": TaskCompletion(p["min_rating"]).label.lower(),
        "y": ctx.year,
    }
    status, text = _share_verdict(ok, ok + unrated, len(members), p, what)
    return status, text, facts


def _member_title_holders(ctx, members, forms):
    holders = []
    for person in members:
        counted, _ignored = ctx.counted_records([("person", person.pk)], forms, {ctx.year})
        if counted:
            holders.append((person, counted[ctx.year][0]))
    return holders


def _members_share_title(ctx, p):
    members = ctx.store.members(ctx.candidate.pk, ctx.year)
    if not members:
        return _no_members(ctx)
    holders = _member_title_holders(ctx, members, set(p["forms"]))
    what = _("đạt %(forms)s năm %(y)s") % {"forms": ctx.form_names(p["forms"]), "y": ctx.year}
    status, text = _share_verdict(len(holders), len(holders), len(members), p, what)
    held = {person.pk for person, _r in holders}
    facts = [
        Fact(_("Chưa đạt: %(name)s") % {"name": m.full_name}, "member", ctx.year, m.pk)
        for m in members
        if m.pk not in held
    ]
    return status, text, facts


def _members_count_title(ctx, p):
    members = ctx.store.members(ctx.candidate.pk, ctx.year)
    if not members:
        return _no_members(ctx)
    holders = _member_title_holders(ctx, members, set(p["forms"]))
    facts = [
        Fact(f"{person.full_name}: {record.award_form.name} {record.year}", "record", record.year, record.pk)
        for person, record in holders
    ]
    text = _("%(n)s thành viên đạt %(forms)s năm %(y)s; yêu cầu ít nhất %(min)s.") % {
        "n": len(holders),
        "forms": ctx.form_names(p["forms"]),
        "y": ctx.year,
        "min": p["min_count"],
    }
    return (MET if len(holders) >= p["min_count"] else NOT_MET), text, facts


def _discipline_fact(record, name=""):
    end = record.ends_on.strftime("%d/%m/%Y") if record.ends_on else _("chưa hết thời hạn")
    prefix = f"{name}: " if name else ""
    return Fact(
        f"{prefix}{record.get_level_display()} ({record.starts_on:%d/%m/%Y} – {end}) {record.decision}".strip(),
        "discipline",
        record.starts_on.year,
        record.pk,
    )


def _overlaps(record, first, last):
    return record.starts_on <= last and (record.ends_on is None or record.ends_on >= first)


def _members_no_discipline(ctx, p):
    members = ctx.store.members(ctx.candidate.pk, ctx.year)
    threshold = DisciplineLevel.severity(p["min_level"])
    first, last = year_bounds(ctx.year)
    facts = [
        _discipline_fact(record, person.full_name)
        for person in members
        for record in ctx.store.disciplines_of(("person", person.pk))
        if DisciplineLevel.severity(record.level) >= threshold and _overlaps(record, first, last)
    ]
    level = DisciplineLevel(p["min_level"]).label.lower()
    if facts:
        return (
            NOT_MET,
            _("Có %(n)s thành viên bị kỷ luật từ %(level)s trở lên trong năm %(y)s.")
            % {"n": len(facts), "level": level, "y": ctx.year},
            facts,
        )
    return (
        MET,
        _("Không có thành viên bị kỷ luật từ %(level)s trở lên trong năm %(y)s.") % {"level": level, "y": ctx.year},
        [],
    )


def _no_discipline(ctx, p):
    threshold = DisciplineLevel.severity(p["min_level"])
    first = year_bounds(ctx.year)[0]
    hits = [
        r
        for r in ctx.store.disciplines_of(ctx.key)
        if DisciplineLevel.severity(r.level) >= threshold and _overlaps(r, first, ctx.as_of)
    ]
    if hits:
        return (
            NOT_MET,
            _(
                "Đang chịu kỷ luật, hoặc thời gian kỷ luật trùng năm %(y)s: không khen thưởng; thành tích chỉ được tính "
                "từ khi chấp hành xong kỷ luật."
            )
            % {"y": ctx.year},
            [_discipline_fact(r) for r in hits],
        )
    return (
        MET,
        _("Không bị kỷ luật trong năm %(y)s và đến ngày %(d)s.") % {"y": ctx.year, "d": ctx.as_of.strftime("%d/%m/%Y")},
        [],
    )


def _not_under_review(ctx, p):
    kinds = set(p["kinds"])
    hits = [f for f in ctx.store.flags_of(ctx.key) if f.kind in kinds and f.open_on(ctx.as_of)]
    facts = [
        Fact(
            f"{f.get_kind_display()} ({_('từ')} {f.opened_on:%d/%m/%Y}) {f.description}".strip(),
            "flag",
            f.opened_on.year,
            f.pk,
        )
        for f in hits
    ]
    if hits:
        return (
            NOT_MET,
            _("Đang trong thời gian bị xem xét, xác minh tại ngày %(d)s: chưa khen thưởng.")
            % {"d": ctx.as_of.strftime("%d/%m/%Y")},
            facts,
        )
    return (
        MET,
        _("Không có việc xem xét, điều tra, khiếu nại nào đang mở tại ngày %(d)s.")
        % {"d": ctx.as_of.strftime("%d/%m/%Y")},
        [],
    )


def _not_already_awarded(ctx, p):
    same = [
        r
        for r in ctx.store.records_of(ctx.key)
        if r.award_form_id == ctx.form.pk
        and r.year == ctx.year
        and not r.revoked_on
        and r.achievement_kind == ctx.achievement_kind
    ]
    if same:
        return (
            NOT_MET,
            _("Thành tích năm %(y)s đã được tặng %(form)s: một thành tích chỉ khen một lần.")
            % {"y": ctx.year, "form": ctx.form.name},
            [_record_fact(r) for r in same],
        )
    return MET, _("Chưa được tặng %(form)s cho thành tích năm %(y)s.") % {"form": ctx.form.name, "y": ctx.year}, []


def _unit_active(ctx, p):
    unit = ctx.candidate
    if unit.valid_to and unit.valid_to < ctx.as_of:
        return (
            NOT_MET,
            _("Đơn vị đã kết thúc hoạt động ngày %(d)s (giải thể, sắp xếp): không khen thưởng.")
            % {"d": unit.valid_to.strftime("%d/%m/%Y")},
            [],
        )
    return MET, _("Đơn vị đang hoạt động tại ngày %(d)s.") % {"d": ctx.as_of.strftime("%d/%m/%Y")}, []


def _prior_award(ctx, p):
    window = list(range(ctx.year - p["within_years"], ctx.year))
    counted, ignored = ctx.counted_records(ctx.record_keys(), set(p["forms"]), set(window))
    found = [r for y in window for r in counted.get(y, [])]
    text = _("Cần được tặng %(forms)s ít nhất %(n)s lần trong các năm %(span)s; có %(found)s lần được tính.") % {
        "forms": ctx.form_names(p["forms"]),
        "n": p["min_count"],
        "span": _span(window[0], window[-1]),
        "found": len(found),
    }
    return (MET if len(found) >= p["min_count"] else NOT_MET), text, [_record_fact(r) for r in found] + ignored


def _manual_check(ctx, p):
    return UNKNOWN, p["text"] + " " + _("Hệ thống không theo dõi nội dung này: thẩm định theo hồ sơ."), []


EVALUATORS = {
    ConditionCode.CONSECUTIVE_TITLES: _consecutive_titles,
    ConditionCode.TASK_RATING_CHAIN: _task_rating_chain,
    ConditionCode.MEMBERS_SHARE_RATING: _members_share_rating,
    ConditionCode.MEMBERS_SHARE_TITLE: _members_share_title,
    ConditionCode.MEMBERS_COUNT_TITLE: _members_count_title,
    ConditionCode.MEMBERS_NO_DISCIPLINE: _members_no_discipline,
    ConditionCode.NO_DISCIPLINE: _no_discipline,
    ConditionCode.NOT_UNDER_REVIEW: _not_under_review,
    ConditionCode.NOT_ALREADY_AWARDED: _not_already_awarded,
    ConditionCode.UNIT_ACTIVE: _unit_active,
    ConditionCode.PRIOR_AWARD: _prior_award,
    ConditionCode.MANUAL_CHECK: _manual_check,
}


class Evaluator:
    """Judges many candidates for one year with one load of facts and rules (see FactStore)."""

    def __init__(self, *, year, units=(), persons=(), as_of=None, store=None):
        self.year = int(year)
        self.as_of = as_of or timezone.localdate()
        self.store = store or FactStore(units=units, persons=persons)
        provinces = {c.province_id for c in [*self.store.units.values(), *self.store.persons.values()]}
        self.rule_sets, self.rules = commendation_rules(self.year, province_ids=provinces)
        self.form_names = dict(AwardForm.objects.values_list("code", "name"))

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
        for rule in rules:
            if TYPES[rule.condition].is_policy:
                result.notes.append(f"{rule.get_condition_display()} ({rule.citation})")
                continue
            status, text, facts = EVALUATORS[rule.condition](ctx, rule.parameters)
            result.conditions.append(
                ConditionResult(
                    rule.condition,
                    rule.get_condition_display(),
                    status,
                    text,
                    rule.citation,
                    rule.is_verified,
                    rule.pk,
                    facts,
                )
            )
        if ctx.reset_by is not None:
            result.notes.append(
                _("Thành tích chỉ tính từ năm %(y)s (sau khi chấp hành xong kỷ luật %(level)s).")
                % {"y": ctx.first_counting_year, "level": ctx.reset_by.get_level_display().lower()}
            )
        return result


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
