"""Reads about units, their history, clusters and people."""

import datetime
from collections import defaultdict

from django.db.models import F, Prefetch, Q
from django.utils import timezone, translation

from thidua.core.selectors import chunks
from thidua.core.text import fold
from thidua.organizations.enums import LineageKind, LineageRole, Role, UnitKind
from thidua.organizations.models import (
    Cluster,
    ClusterMembership,
    ClusterYear,
    LineageEvent,
    LineageLink,
    Person,
    Position,
    Province,
    RoleAssignment,
    RotationSlot,
    Unit,
    UnitName,
)
from thidua.organizations.scopes import scope_of


def active_on_q(day, prefix=""):
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def units_existing_on(day, *, province=None):
    qs = Unit.objects.filter(active_on_q(day)).select_related("province", "parent")
    if province is not None:
        qs = qs.filter(province=province)
    return qs


def names_in_order(qs=None):
    """Name history oldest first; a name with no start date is the oldest (databases disagree on NULL order)."""
    qs = UnitName.objects.all() if qs is None else qs
    return qs.order_by(F("valid_from").asc(nulls_first=True), "id")


def _own_name_on(unit, day):
    names = sorted(unit.names.all(), key=lambda n: (n.valid_from or datetime.date.min, n.pk))
    names = [n for n in names if (n.valid_from is None or n.valid_from <= day)]
    names = [n for n in names if n.valid_to is None or n.valid_to >= day]
    return names[-1].name if names else unit.name


def unit_bearer_on(unit, day):
    """The unit that bore this one's identity on that day: itself while it was active (or before it started),
    otherwise the one unit it went into by merges and renames that took effect by then. A unit split into several
    (or dissolved) has no single bearer: itself then, and its last name stands."""
    if unit.valid_to is None or day <= unit.valid_to:
        return unit
    bearer = unit
    for _step in range(20):  # a chain of reforms is a few steps long; never loop on a bad graph
        ids = _neighbours(
            {bearer.pk},
            from_role=LineageRole.PREDECESSOR,
            to_role=LineageRole.SUCCESSOR,
            exclude_kinds=NOT_DESCENT,
            until=day,
        )
        if len(ids) != 1:
            return bearer
        bearer = Unit.objects.get(pk=ids.pop())
        if bearer.is_active_on(day):
            return bearer
    return bearer


def unit_name_on(unit, day):
    """The name the unit bore on that day, from its name history. After the unit ended, the name of the unit it
    went into (a record dated after a merger is named as the merged unit was called then)."""
    return _own_name_on(unit_bearer_on(unit, day), day)


def unit_label_on(unit, day):
    """The unit's full name on that day ("xã Nam Gianh"), as unit_name_on, with the bearer's kind."""
    bearer = unit_bearer_on(unit, day)
    name = _own_name_on(bearer, day)
    if bearer.kind not in UnitKind.territorial():
        return name
    with translation.override("vi"):
        return f"{bearer.get_kind_display()} {name}"


def _neighbours(unit_ids, *, from_role, to_role, exclude_kinds=(), only_kinds=None, until=None):
    events = LineageLink.objects.filter(unit_id__in=unit_ids, role=from_role).exclude(event__kind__in=exclude_kinds)
    if only_kinds is not None:
        events = events.filter(event__kind__in=only_kinds)
    if until is not None:
        events = events.filter(event__date__lte=until)
    events = events.values("event_id")
    return set(
        LineageLink.objects.filter(event_id__in=events, role=to_role)
        .exclude(unit_id__in=unit_ids)
        .values_list("unit_id", flat=True)
    )


def _walk(unit, *, from_role, to_role, exclude_kinds=(), until=None):
    seen = {unit.pk}
    frontier = {unit.pk}
    found = set()
    while frontier:
        step = (
            _neighbours(frontier, from_role=from_role, to_role=to_role, exclude_kinds=exclude_kinds, until=until) - seen
        )
        found |= step
        seen |= step
        frontier = step
    return found


# A dissolved unit's territory passes to its successors, but they do not descend from it: its record stays its own.
NOT_DESCENT = (LineageKind.DISSOLVED,)


def all_predecessors(unit):
    """Every unit that went into this one, through any chain of merges, splits and renames."""
    ids = _walk(unit, from_role=LineageRole.SUCCESSOR, to_role=LineageRole.PREDECESSOR, exclude_kinds=NOT_DESCENT)
    return Unit.objects.filter(pk__in=ids).select_related("province", "parent")


def all_successors(unit):
    ids = _walk(unit, from_role=LineageRole.PREDECESSOR, to_role=LineageRole.SUCCESSOR)
    return Unit.objects.filter(pk__in=ids).select_related("province", "parent")


def successors_on(unit, day=None):
    """The units that carry this unit on today (or on the given day): the ends of its successor chains.

    Only events that had taken effect by that day count: a unit that took over later is not yet a successor.
    """
    day = day or timezone.localdate()
    if unit.is_active_on(day):
        return Unit.objects.filter(pk=unit.pk)
    ids = _walk(unit, from_role=LineageRole.PREDECESSOR, to_role=LineageRole.SUCCESSOR, until=day)
    return Unit.objects.filter(pk__in=ids).filter(active_on_q(day)).select_related("province", "parent")


def successors_on_many(units, day=None):
    """successors_on for several units at once: {unit id: [units]}, in as many queries as the chains are long."""
    day = day or timezone.localdate()
    result = {u.pk: [u] for u in units if u.is_active_on(day)}
    ended = [u.pk for u in units if u.pk not in result]
    reached = {pk: set() for pk in ended}
    frontier = {pk: {pk} for pk in ended}
    while any(frontier.values()):
        ids = set().union(*frontier.values())
        edges = LineageLink.objects.filter(
            role=LineageRole.SUCCESSOR,
            event__links__unit_id__in=ids,
            event__links__role=LineageRole.PREDECESSOR,
            event__date__lte=day,
        ).values_list("event__links__unit_id", "unit_id")
        step = {}
        for before, after in edges:
            step.setdefault(before, set()).add(after)
        for origin, current in frontier.items():
            new = set().union(*(step.get(pk, set()) for pk in current)) - reached[origin] - {origin}
            reached[origin] |= new
            frontier[origin] = new
    found = Unit.objects.filter(pk__in=set().union(set(), *reached.values())).filter(active_on_q(day))
    found = {u.pk: u for u in found.order_by("folded_name")}
    for origin, ids in reached.items():
        result[origin] = sorted((found[pk] for pk in ids if pk in found), key=lambda u: u.folded_name)
    return result


def _province_closure(province_ids, *, backwards):
    """The provinces and, transitively, those merged into them (backwards) or those they merged into."""
    through = Province.predecessors.through
    start, end = ("from_province_id", "to_province_id") if backwards else ("to_province_id", "from_province_id")
    seen = set(province_ids)
    frontier = set(province_ids)
    while frontier:
        frontier = set(through.objects.filter(**{f"{start}__in": frontier}).values_list(end, flat=True)) - seen
        seen |= frontier
    return seen


def provinces_and_predecessors(province_ids):
    """The provinces and every province merged into them: their records are its history."""
    return _province_closure(province_ids, backwards=True)


def province_and_predecessors(province):
    """Kept on the province object: a page asks this many times of the same province, and mergers are rare."""
    cached = province.__dict__.get("_predecessor_ids")
    if cached is None:
        cached = province.__dict__["_predecessor_ids"] = frozenset(provinces_and_predecessors({province.pk}))
    return set(cached)


def provinces_and_successors(province_ids):
    """The provinces and those they were merged into: their boards look after their records."""
    return _province_closure(province_ids, backwards=False)


def province_and_successors(province_id):
    return provinces_and_successors({province_id})


def units_under(unit_ids):
    """unit id -> the given unit it lies under, itself included (a district and its communes and offices): for
    figures by cluster member."""
    owner = {pk: pk for pk in unit_ids}
    frontier = set(unit_ids)
    while frontier:
        children = list(Unit.objects.filter(parent_id__in=frontier).values_list("pk", "parent_id"))
        frontier = set()
        for pk, parent in children:
            if pk not in owner:
                owner[pk] = owner[parent]
                frontier.add(pk)
    return owner


def predecessor_map(unit_ids):
    """unit id -> ids of every unit that went into it (merges, splits, renames; not dissolutions)."""
    direct = defaultdict(set)
    seen = set(unit_ids)
    frontier = set(unit_ids)
    while frontier:
        links = []
        for chunk in chunks(frontier):
            events = (
                LineageLink.objects.filter(unit_id__in=chunk, role=LineageRole.SUCCESSOR)
                .exclude(event__kind__in=NOT_DESCENT)
                .values("event_id")
            )
            links.extend(LineageLink.objects.filter(event_id__in=events).values_list("event_id", "unit_id", "role"))
        sides = defaultdict(lambda: (set(), set()))
        for event_id, unit_id, role in links:
            sides[event_id][0 if role == LineageRole.PREDECESSOR else 1].add(unit_id)
        found = set()
        for before, after in sides.values():
            for successor in after & frontier:
                direct[successor] |= before - {successor}
                found |= before - {successor}
        frontier = found - seen
        seen |= found
    result = {}
    for unit_id in unit_ids:
        closure, stack = set(), [unit_id]
        while stack:
            for previous in direct.get(stack.pop(), ()):
                if previous not in closure and previous != unit_id:
                    closure.add(previous)
                    stack.append(previous)
        result[unit_id] = closure
    return result


def direct_predecessors(unit):
    """The units this one was formed from in one step (not the dissolved units whose territory it took)."""
    ids = _neighbours(
        {unit.pk}, from_role=LineageRole.SUCCESSOR, to_role=LineageRole.PREDECESSOR, exclude_kinds=NOT_DESCENT
    )
    return Unit.objects.filter(pk__in=ids).select_related("parent")


def territory_from(unit):
    """The dissolved units whose territory this one took over (a new commune: the former district it lies in).

    Kept apart from its predecessors: a dissolved unit's record stays its own and is not inherited.
    """
    ids = _neighbours(
        {unit.pk},
        from_role=LineageRole.SUCCESSOR,
        to_role=LineageRole.PREDECESSOR,
        only_kinds=NOT_DESCENT,
    )
    return Unit.objects.filter(pk__in=ids).select_related("province").order_by("folded_name")


def unit_timeline(unit):
    """The unit's lineage events in date order, each with the units on both sides."""
    return (
        LineageEvent.objects.filter(links__unit=unit)
        .distinct()
        .prefetch_related(
            Prefetch("links", queryset=LineageLink.objects.select_related("unit").order_by("unit__folded_name"))
        )
        .order_by("date", "id")
    )


def units_with_history():
    """Units with their province, parent and name history (oldest name first) loaded."""
    return Unit.objects.select_related("province", "parent").prefetch_related(
        Prefetch("names", queryset=names_in_order())
    )


def unit_detail(pk):
    return units_with_history().get(pk=pk)


# Units still active first, then the most recently ended (PostgreSQL puts NULLs last unless told).
ACTIVE_FIRST = (F("valid_to").desc(nulls_first=True),)


def search_units(query, *, limit=50):
    words = fold(query).split()
    qs = Unit.objects.select_related("province", "parent")
    for word in words:
        qs = qs.filter(folded_name__contains=word)
    return qs.order_by(*ACTIVE_FIRST, "folded_name", "id")[:limit] if words else qs.none()


def children_of(unit):
    return unit.children.select_related("province").order_by(*ACTIVE_FIRST, "folded_name", "id")


def people_visible_to(user):
    """People the user may read: everyone for administrators, the province's people for its staff, and the
    people who work or worked in the user's own units."""
    scope = scope_of(user)
    qs = Person.objects.select_related("province")
    if scope.is_admin:
        return qs
    condition = Q(pk__in=[])
    if scope.province_ids:
        condition |= Q(province_id__in=scope.province_ids)
    if scope.unit_ids:
        condition |= Q(positions__unit_id__in=scope.unit_ids)
    return qs.filter(condition).distinct()


def search_people(user, query, *, limit=50):
    words = fold(query).split()
    qs = people_visible_to(user)
    for word in words:
        qs = qs.filter(folded_name__contains=word)
    return qs.order_by("folded_name")[:limit] if words else qs.none()


def cluster_years_with_members(cluster):
    return (
        ClusterYear.objects.filter(cluster=cluster)
        .select_related("leader", "deputy")
        .prefetch_related(
            Prefetch(
                "memberships", queryset=ClusterMembership.objects.select_related("unit").order_by("unit__folded_name")
            )
        )
        .order_by("-year")
    )


def clusters_for_list(province=None):
    latest_years = ClusterYear.objects.select_related("leader", "deputy").order_by("-year")
    qs = (
        Cluster.objects.select_related("province")
        .prefetch_related(Prefetch("years", queryset=latest_years))
        .order_by(*ACTIVE_FIRST, "name", "id")
    )
    if province is not None:
        qs = qs.filter(province=province)
    return qs


def clusters_brief(province_id=None):
    """Clusters without their years, for a paged list (the API's): ordered on the cluster table alone."""
    qs = Cluster.objects.order_by(*ACTIVE_FIRST, "name", "id")
    return qs.filter(province_id=province_id) if province_id else qs


def rotation_units(cluster):
    return [slot.unit for slot in RotationSlot.objects.filter(cluster=cluster).select_related("unit")]


def rotation_after(cluster, leader_id, member_ids=None, *, units=None):
    """The next leader and deputy by the cluster's rotation order: the two turns after `leader_id`.

    Only units among `member_ids` take a turn (all of them when it is empty); with no current leader the order starts
    at its top. None, None when fewer than two units take turns."""
    units = rotation_units(cluster) if units is None else units
    if member_ids:
        units = [u for u in units if u.pk in member_ids]
    if len(units) < 2:  # noqa: PLR2004 - a leader and a deputy
        return None, None
    ids = [u.pk for u in units]
    start = ids.index(leader_id) if leader_id in ids else -1
    return units[(start + 1) % len(units)], units[(start + 2) % len(units)]


def rotation_forecast(cluster, *, years=5, today=None):
    """Who leads each of the coming years by rotation, as [(year, leader, deputy)], from the latest opened year
    (its members take the turns, as if they stayed). A cluster without years starts at this year with the top."""
    units = rotation_units(cluster)
    latest = cluster.years.order_by("-year").first()
    if latest is not None:
        year, leader_id = latest.year + 1, latest.leader_id
        member_ids = set(latest.memberships.values_list("unit_id", flat=True))
    else:
        today = today or timezone.localdate()
        year = max(today.year, cluster.valid_from.year if cluster.valid_from else today.year)
        leader_id, member_ids = None, set()
    rows = []
    for _turn in range(years):
        if cluster.valid_to is not None and year > cluster.valid_to.year:
            break
        leader, deputy = rotation_after(cluster, leader_id, member_ids, units=units)
        if leader is None:
            break
        rows.append((year, leader, deputy))
        year, leader_id = year + 1, leader.pk
    return rows


def clusters_of_unit(unit):
    return (
        ClusterYear.objects.filter(memberships__unit=unit)
        .select_related("cluster", "leader", "deputy")
        .order_by("-year")
    )


def current_cluster_year_of_unit(unit, year=None):
    year = year or timezone.localdate().year
    return clusters_of_unit(unit).filter(year__lte=year).first()


def user_units(user):
    return Unit.objects.filter(pk__in=scope_of(user).unit_ids).select_related("province")


def user_cluster_years(user):
    scope = scope_of(user)
    return (
        ClusterYear.objects.filter(
            Q(pk__in=scope.secretariat_cluster_year_ids) | Q(memberships__unit_id__in=scope.unit_ids)
        )
        .select_related("cluster", "leader", "deputy")
        .distinct()
        .order_by("-year")
    )


def changeable_provinces(user):
    """Provinces whose units the user may record history for: all for administrators, the board's own."""
    scope = scope_of(user)
    qs = Province.objects.all()
    return qs if scope.is_admin else qs.filter(pk__in=scope.board_province_ids)


def changeable_units(user):
    scope = scope_of(user)
    qs = Unit.objects.select_related("province").order_by(*ACTIVE_FIRST, "province__name", "folded_name", "id")
    return qs if scope.is_admin else qs.filter(province_id__in=scope.board_province_ids)


def units_for_new_people(user, day=None):
    """Units the user may add people to, active on the day: an officer's own units, the board's province's."""
    day = day or timezone.localdate()
    scope = scope_of(user)
    qs = Unit.objects.filter(active_on_q(day)).select_related("province").order_by("province__name", "folded_name")
    if scope.is_admin:
        return qs
    return qs.filter(Q(pk__in=scope.officer_unit_ids) | Q(province_id__in=scope.board_province_ids))


def transfer_targets(position, day=None):
    """Units a person may move to from this post: those active on the day in the post's province, the provinces
    it was merged into, and the person's own province."""
    day = day or timezone.localdate()
    province_ids = {position.unit.province_id, position.person.province_id}
    province_ids |= set(Province.objects.filter(predecessors__in=province_ids).values_list("pk", flat=True))
    return (
        Unit.objects.filter(active_on_q(day), province_id__in=province_ids)
        .exclude(pk=position.unit_id)
        .select_related("province")
        .order_by("province__name", "folded_name")
    )


def positions_of(person):
    """The person's posts, newest first (an undated one last), with their units."""
    return (
        Position.objects.filter(person=person)
        .select_related("unit", "unit__province")
        .order_by(F("valid_from").desc(nulls_last=True), "-id")
    )


def place_name(unit, day=None):
    """The địa danh a unit's papers are dated with (ND 30/2020, Phụ lục I): a district's or commune's own name on
    that day ("Lệ Thủy"), with its kind when the name is a number ("Phường 1"); a department or agency of the
    province dates its papers with the province's name."""
    if unit is None:
        return ""
    if unit.kind not in UnitKind.territorial():
        return unit.province.name
    name = _own_name_on(unit, day) if day else unit.name
    if name[:1].isdigit():
        with translation.override("vi"):
            return f"{unit.get_kind_display().capitalize()} {name}"
    return name


def unit_head_name(unit, day=None):
    """The name of the head who signs for a unit on a day: the unit-head account in force then; "" if none."""
    if unit is None:
        return ""
    day = day or timezone.localdate()
    heads = (
        RoleAssignment.objects.filter(unit=unit, role=Role.UNIT_HEAD, user__is_active=True)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("user")
        .order_by("-valid_from", "pk")
    )
    head = heads.first()
    return (head.user.full_name or head.user.get_username()) if head else ""
