"""Reads about rule sets, the award register and the facts eligibility needs."""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from thidua.awards.enums import AwardLevel, ConditionCode, RecipientKind, RuleSetKind
from thidua.awards.kinds import SCHEMAS
from thidua.awards.models import (
    AwardForm,
    AwardRecord,
    DisciplineRecord,
    ImportBatch,
    Initiative,
    ReviewFlag,
    Rule,
    RuleSet,
    TaskRating,
)
from thidua.core.caching import Generation
from thidua.core.text import fold
from thidua.organizations.models import ClusterMembership, ClusterYear, Person, Position, Province, Unit
from thidua.organizations.scopes import scope_of
from thidua.organizations.selectors import all_predecessors, predecessor_map, province_and_predecessors

HONOUR_LEVELS = (AwardLevel.PROVINCE, AwardLevel.GOVERNMENT, AwardLevel.STATE)


def _in_force_q(on, prefix=""):
    return Q(**{f"{prefix}valid_from__lte": on}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": on})
    )


def rule_sets_in_force(kind, on, *, province=None):
    """Current rule sets of a kind in force on a date: the province's own first, then those of the provinces merged
    into it (their texts stay in force until the new province replaces them), then national ones."""
    qs = RuleSet.objects.filter(_in_force_q(on), kind=kind, is_current=True)
    if province is None:
        return sorted(qs.filter(province__isnull=True), key=lambda r: -r.valid_from.toordinal())
    ids = province_and_predecessors(province)
    found = qs.filter(Q(province_id__in=ids) | Q(province__isnull=True))
    return sorted(found, key=lambda r: (_reach(r, province.pk), -r.valid_from.toordinal()))


def _reach(rule_set, province_id):
    """0 for the province's own rule set, 1 for a predecessor province's, 2 for a national one."""
    if rule_set.province_id == province_id:
        return 0
    return 2 if rule_set.province_id is None else 1


def rule_set_in_force(kind, on, *, province=None):
    found = rule_sets_in_force(kind, on, province=province)
    return found[0] if found else None


@dataclass(frozen=True)
class ChecklistRow:
    kind: str
    label: str
    purpose: str
    in_force: object  # the RuleSet that applies on the day, or None
    reach: str  # own, predecessor, national, or "" when missing
    template: object  # what a new one could be copied from: the latest of the kind in reach, in force or not


REACH = {0: "own", 1: "predecessor", 2: "national"}


def rule_set_checklist(province, on):
    """For each kind of rule set a year needs: is one in force for the province on the day (its own, a
    predecessor province's or a national one), and which existing one a new one could copy. One query."""
    ids = province_and_predecessors(province)
    sets = list(
        RuleSet.objects.filter(Q(province_id__in=ids) | Q(province__isnull=True), is_current=True)
        .select_related("province")
        .order_by("-valid_from", "-pk")
    )
    rows = []
    for kind, spec in SCHEMAS.items():
        of_kind = [rs for rs in sets if rs.kind == kind]
        in_force = sorted(
            (rs for rs in of_kind if rs.valid_from <= on and (rs.valid_to is None or rs.valid_to >= on)),
            key=lambda rs: (_reach(rs, province.pk), -rs.valid_from.toordinal()),
        )
        chosen = in_force[0] if in_force else None
        # Copy the nearest province's latest text: the province's own, then a predecessor's, then national.
        template = min(of_kind, key=lambda rs: (_reach(rs, province.pk), -rs.valid_from.toordinal()), default=None)
        rows.append(
            ChecklistRow(
                kind=kind,
                label=str(spec.label),
                purpose=str(spec.purpose),
                in_force=chosen,
                reach=REACH[_reach(chosen, province.pk)] if chosen else "",
                template=template,
            )
        )
    return rows


def rule_date_for_year(year):
    """The day whose rules judge a year's achievements: its last day.

    So achievements of 2025 are judged under ND 152/2025 (in force from 1/7/2025), those of 2023 under the
    rules in force until 31/12/2023.
    """
    return datetime.date(year, 12, 31)


def commendation_rules(year, *, province_ids=()):
    """(rule sets, rules) in force for a year's achievements: the national set plus the provinces' own sets.

    Two queries whatever the number of candidates; the caller picks the rules of each form from the list.
    """
    return commendation_rules_on(rule_date_for_year(year), province_ids=province_ids)


def commendation_rules_on(day, *, province_ids=()):
    """(rule sets, rules) in force on a day: what a paper dated that day cites as its legal basis (a decision of
    2024 on the achievements of 2023 cites Luật 06/2022, in force from 1/1/2024, not the law that judged them)."""
    sets = list(
        RuleSet.objects.filter(
            Q(province__isnull=True) | Q(province_id__in=list(province_ids)),
            kind=RuleSetKind.COMMENDATION,
            is_current=True,
            valid_from__lte=day,
        ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    )
    national = [rs for rs in sets if rs.province_id is None]
    # One national set applies; if two overlap by mistake the most recent start wins.
    national = sorted(national, key=lambda rs: rs.valid_from, reverse=True)[:1]
    chosen = national + [rs for rs in sets if rs.province_id is not None]
    rules = list(
        Rule.objects.filter(rule_set__in=[rs.pk for rs in chosen])
        .select_related("award_form")
        .order_by("rule_set_id", "order", "id")
    )
    return chosen, rules


def quota_rules(form, year, *, province=None):
    """Quota rules for a form in force for a year: national ones and the province's own (for the proposals app)."""
    day = rule_date_for_year(year)
    return list(
        Rule.objects.filter(
            Q(rule_set__province__isnull=True) | Q(rule_set__province=province),
            award_form=form,
            condition=ConditionCode.QUOTA,
            rule_set__is_current=True,
            rule_set__valid_from__lte=day,
        )
        .filter(Q(rule_set__valid_to__isnull=True) | Q(rule_set__valid_to__gte=day))
        .select_related("rule_set", "award_form")
    )


def current_rule_sets():
    return RuleSet.objects.filter(is_current=True).select_related("province").order_by("kind", "-valid_from")


def rule_set_versions(rule_set):
    """Every version of a rule set, newest first (the history of corrections)."""
    return RuleSet.objects.filter(code=rule_set.code).order_by("-version")


def rule_set_detail(pk):
    return RuleSet.objects.select_related("province", "supersedes").get(pk=pk)


def rules_of(rule_set):
    return list(rule_set.rules.select_related("award_form").order_by("award_form__sort_order", "order", "id"))


def catalogue():
    return AwardForm.objects.all()


def _record_qs():
    return AwardRecord.objects.select_related("award_form", "unit", "person", "person_unit", "province")


def visible_unit_ids(user):
    """Units whose records a user sees as unit staff or cluster secretariat: their own units and the units that
    went into them (their history), and the member units of the cluster years they keep. Cached per request."""
    cached = getattr(user, "_awards_unit_ids", None)
    if cached is not None:
        return cached
    scope = scope_of(user)
    ids = set(scope.unit_ids)
    for previous in predecessor_map(ids).values() if ids else ():
        ids |= previous
    if scope.secretariat_cluster_year_ids:
        ids |= set(
            ClusterMembership.objects.filter(cluster_year_id__in=scope.secretariat_cluster_year_ids).values_list(
                "unit_id", flat=True
            )
        )
    user._awards_unit_ids = frozenset(ids)  # noqa: SLF001 - per-request cache on the user object, like scope_of
    return user._awards_unit_ids  # noqa: SLF001


def records_visible_to(user):
    """Records a user may read: administrators all; the province's board and council their provinces';
    a unit's officer and head the records of their units (with their history) and of the people working there;
    a cluster's secretariat those of its member units."""
    scope = scope_of(user)
    qs = _record_qs()
    if scope.is_admin:
        return qs
    condition = Q(pk__in=[])
    if scope.province_ids:
        condition |= Q(province_id__in=scope.province_ids)
    unit_ids = visible_unit_ids(user)
    if unit_ids:
        condition |= Q(unit_id__in=unit_ids) | Q(person_unit_id__in=unit_ids)
    return qs.filter(condition)


RECIPIENT_FILTERS = {"collective": Q(unit__isnull=False), "individual": Q(person__isnull=False)}
REVOKED_FILTERS = {"exclude": Q(revoked_on__isnull=True), "only": Q(revoked_on__isnull=False), "include": Q()}


def filter_register(
    qs, *, year=None, form=None, level="", kind="", recipient="", province=None, query="", revoked="exclude"
):
    """The register's filters; `revoked` is exclude (default), include or only."""
    exact = {"year": year, "award_form": form, "award_form__level": level, "achievement_kind": kind}
    qs = qs.filter(**{k: v for k, v in exact.items() if v}, **({"province": province} if province else {}))
    qs = qs.filter(RECIPIENT_FILTERS.get(recipient, Q()), REVOKED_FILTERS.get(revoked, REVOKED_FILTERS["exclude"]))
    for word in fold(query).split():
        qs = qs.filter(Q(folded_name__contains=word) | Q(decision_number__icontains=word))
    # Columns of the record itself, served by its (-year, folded_name, id) index: ordering on the joined form's
    # sort order made the database sort every record of the year before taking a page.
    return qs.order_by("-year", "folded_name", "id")


def awards_of_unit(unit, *, include_predecessors=True, include_revoked=True):
    """The collective awards of a unit, and (by default) of every unit that went into it through merges."""
    unit_ids = [unit.pk]
    if include_predecessors:
        unit_ids += [u.pk for u in all_predecessors(unit)]
    qs = _record_qs().filter(unit_id__in=unit_ids)
    if not include_revoked:
        qs = qs.filter(revoked_on__isnull=True)
    return qs.order_by("-year", "-decision_date", "id")


def awards_of_person(person, *, include_revoked=True):
    qs = _record_qs().filter(person=person)
    if not include_revoked:
        qs = qs.filter(revoked_on__isnull=True)
    return qs.order_by("-year", "-decision_date", "id")


def individual_awards_in_unit(unit, *, include_predecessors=True, include_revoked=True):
    """Awards of the people who worked in a unit when they were awarded, and (by default) of the people of every
    unit that went into it through merges: the unit page promises its predecessors' records, people's included."""
    unit_ids = [unit.pk]
    if include_predecessors:
        unit_ids += [u.pk for u in all_predecessors(unit)]
    qs = _record_qs().filter(person_unit_id__in=unit_ids)
    if not include_revoked:
        qs = qs.filter(revoked_on__isnull=True)
    return qs.order_by("-year", "folded_name", "id")


# The public honour board as pages read it (every search, filter and page), cached until an award or exemplar on it
# changes; the timeout bounds what no service reports (a province merged into another changes a province filter).
HONOUR_BOARD = Generation("honour-board", timeout=600)


def honour_board_awards(*, province=None, year=None, query=""):
    """Non-revoked provincial-and-above awards of collectives, for the public honour board.

    A province's board includes the provinces merged into it. `province` is a Province or its id.
    """
    qs = (
        AwardRecord.objects.filter(revoked_on__isnull=True, unit__isnull=False, award_form__level__in=HONOUR_LEVELS)
        .select_related("award_form", "unit", "unit__province", "province")
        .order_by("-year", "award_form__sort_order", "folded_name", "id")
    )
    if province is not None:
        province = province if isinstance(province, Province) else Province.objects.get(pk=province)
        qs = qs.filter(province_id__in=province_and_predecessors(province))
    if year:
        qs = qs.filter(year=year)
    for word in fold(query).split():
        qs = qs.filter(folded_name__contains=word)
    return qs


def ratings_of(subject):
    field = "unit" if isinstance(subject, Unit) else "person"
    return TaskRating.objects.filter(**{field: subject}).order_by("-year")


def disciplines_of(subject):
    field = "unit" if isinstance(subject, Unit) else "person"
    return DisciplineRecord.objects.filter(**{field: subject}).order_by("-starts_on")


def review_flags_of(subject):
    field = "unit" if isinstance(subject, Unit) else "person"
    return ReviewFlag.objects.filter(**{field: subject}).order_by("-opened_on")


def initiatives_of(person):
    return Initiative.objects.filter(person=person).order_by("-year", "-decision_date", "id")


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def overlapping_year_q(year, prefix=""):
    first, last = year_bounds(year)
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": last})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": first})
    )


def people_of_units(unit_ids, year):
    """People holding a post in one of the units at some time in the year."""
    positions = Position.objects.filter(overlapping_year_q(year), unit_id__in=unit_ids).values("person_id")
    return Person.objects.filter(pk__in=positions).order_by("folded_name", "id")


def units_of_province_in_year(province, year):
    return (
        Unit.objects.filter(overlapping_year_q(year), province=province)
        .select_related("province", "parent")
        .order_by("folded_name", "id")
    )


def imports_of(user):
    scope = scope_of(user)
    qs = ImportBatch.objects.select_related("stored_file", "created_by")
    if scope.is_admin:
        return qs
    return qs.filter(Q(created_by=user) | Q(province_id__in=scope.board_province_ids))


def screening_candidates(target, year, award_form=None):
    """Units and people to screen for a target in a year (people holding a post there during the year)."""
    if isinstance(target, Unit):
        units = [target]
    elif isinstance(target, ClusterYear):
        units = [m.unit for m in target.memberships.select_related("unit", "unit__province")]
    else:
        units = list(units_of_province_in_year(target, year))
    want_units = award_form is None or award_form.recipient_kind == RecipientKind.COLLECTIVE
    want_people = award_form is None or award_form.recipient_kind == RecipientKind.INDIVIDUAL
    people = list(people_of_units([u.pk for u in units], year)) if want_people else []
    _attach_units(people, units, year)
    return (units if want_units else []), people


def _attach_units(people, units, year):
    """Set person.screening_unit: the screened unit the person worked in that year (one query)."""
    by_id = {u.pk: u for u in units}
    posts = Position.objects.filter(overlapping_year_q(year), unit_id__in=list(by_id), person__in=people).order_by(
        "valid_from"
    )
    where = dict(posts.values_list("person_id", "unit_id"))
    for person in people:
        person.screening_unit = by_id.get(where.get(person.pk))


def rule_set_provinces(user):
    """(provinces the user may write rule sets for, may write national ones): administrators every province and
    the national ones; a board officer the provinces of the board (a merged province's included), current first."""
    scope = scope_of(user)
    qs = Province.objects.all() if scope.is_admin else Province.objects.filter(pk__in=scope.board_province_ids)
    provinces = sorted(qs, key=lambda p: (p.valid_to is not None, p.name))
    return provinces, scope.is_admin


def rule_set_templates():
    """Every current rule set, to copy from: the same kinds together, the latest first."""
    return list(current_rule_sets().order_by("kind", "-valid_from", "name"))
