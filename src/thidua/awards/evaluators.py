"""One evaluator per kind of condition: (context, parameters) -> (status, explanation, facts).

The numbers they compare against come from the rule's parameters; the context (eligibility._Context) gives the
candidate, the year, the facts of the batch and the counting policies of the rule set.
"""

from fractions import Fraction

from django.utils.translation import gettext as _

from thidua.awards.enums import Comparison, ConditionCode, DisciplineLevel, InitiativeScope, TaskCompletion
from thidua.awards.results import MET, NOT_MET, UNKNOWN, Fact, percent_text, record_fact, span_text, years_text
from thidua.awards.selectors import year_bounds


def _window(ctx, years, *, include_current=True):
    last = ctx.year if include_current else ctx.year - 1
    return list(range(last - years + 1, last + 1))


def _consecutive_titles(ctx, p):
    window = _window(ctx, p["years"], include_current=p.get("include_current_year", True))
    counted, ignored = ctx.counted_records(ctx.record_keys(), set(p["forms"]), set(window))
    facts = [record_fact(r) for y in window for r in counted.get(y, [])[:1]] + ignored
    missing = [y for y in window if y not in counted]
    names = ctx.form_names(p["forms"])
    need = _("Cần đạt %(forms)s %(n)s năm liên tục (%(span)s)") % {
        "forms": names,
        "n": p["years"],
        "span": span_text(window[0], window[-1]),
    }
    if not missing:
        return MET, _("%(need)s: đạt đủ các năm %(years)s.") % {"need": need, "years": years_text(window)}, facts
    return NOT_MET, _("%(need)s: thiếu năm %(missing)s.") % {"need": need, "missing": years_text(missing)}, facts


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
        "span": span_text(window[0], window[-1]),
    }
    if below:
        return NOT_MET, _("%(need)s: không đạt năm %(years)s.") % {"need": need, "years": years_text(below)}, facts
    if missing:
        return (
            UNKNOWN,
            _("%(need)s: chưa có đánh giá năm %(years)s.") % {"need": need, "years": years_text(missing)},
            facts,
        )
    return MET, _("%(need)s: đạt.") % {"need": need}, facts


def _passes(fraction, comparison, percent):
    bound = Fraction(str(percent)) / 100
    return fraction >= bound if comparison == Comparison.AT_LEAST else fraction > bound


def _share_verdict(low, high, total, p, what):
    need = _("yêu cầu %(cmp)s %(pct)s") % {
        "cmp": Comparison(p["comparison"]).label.split(" (")[0],
        "pct": percent_text(Fraction(str(p["percent"])) / 100),
    }
    low_share = Fraction(low, total)
    text = _("%(n)s/%(total)s thành viên (%(pct)s) %(what)s; %(need)s.") % {
        "n": low,
        "total": total,
        "pct": percent_text(low_share),
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
                "Đang chịu kỷ luật, hoặc thời gian kỷ luật trùng năm %(y)s: không khen thưởng; "
                "thành tích chỉ được tính từ khi chấp hành xong kỷ luật."
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
            [record_fact(r) for r in same],
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
        "span": span_text(window[0], window[-1]),
        "found": len(found),
    }
    return (MET if len(found) >= p["min_count"] else NOT_MET), text, [record_fact(r) for r in found] + ignored


def _manual_check(ctx, p):
    return UNKNOWN, p["text"] + " " + _("Hệ thống không theo dõi nội dung này: thẩm định theo hồ sơ."), []


def _initiative_fact(initiative, note=""):
    text = _("%(kind)s “%(title)s” (%(scope)s), năm %(year)s: %(by)s, quyết định số %(number)s ngày %(date)s") % {
        "kind": initiative.get_kind_display(),
        "title": initiative.title,
        "scope": initiative.get_scope_display().lower(),
        "year": initiative.year,
        "by": initiative.recognised_by,
        "number": initiative.decision_number,
        "date": initiative.decision_date.strftime("%d/%m/%Y"),
    }
    return Fact(f"{text}{note}", "initiative", initiative.year, initiative.pk)


def _initiatives(ctx, p):
    window = _window(ctx, p["years"])
    floor = InitiativeScope.rank(p["min_scope"])
    counted, facts = [], []
    for initiative in ctx.store.initiatives_of(ctx.key):
        if initiative.year not in window:
            continue
        if initiative.decision_date > ctx.as_of:
            note = _(" — công nhận sau ngày xét %(d)s, không tính") % {"d": ctx.as_of.strftime("%d/%m/%Y")}
        elif InitiativeScope.rank(initiative.scope) < floor:
            note = _(" — phạm vi hẹp hơn yêu cầu, không tính")
        else:
            counted.append(initiative)
            note = ""
        facts.append(_initiative_fact(initiative, note))
    text = _(
        "Cần %(n)s sáng kiến, đề tài được công nhận, phạm vi ảnh hưởng từ %(scope)s trở lên (%(span)s); có %(found)s."
    ) % {
        "n": p["min_count"],
        "scope": InitiativeScope(p["min_scope"]).label.lower(),
        "span": span_text(window[0], window[-1]),
        "found": len(counted),
    }
    return (MET if len(counted) >= p["min_count"] else NOT_MET), text, facts


EVALUATORS = {
    ConditionCode.INITIATIVES: _initiatives,
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
