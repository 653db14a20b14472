"""Writes about clusters: found, edit and close a cluster, its rotation order, its years and their members.

Each write runs in one transaction: it checks the permission (through the kernel), locks, validates, saves, logs.
A unit belongs to at most one cluster (cụm) and one block (khối) a year: every service that adds members refuses
a unit that is already in another cluster of the same kind and year, and the database refuses it too.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.core.text import fold
from thidua.organizations import selectors
from thidua.organizations.enums import ClusterKind, LeaderSelection
from thidua.organizations.models import Cluster, ClusterMembership, ClusterYear, RotationSlot, Unit

CHANGE_CLUSTER = "organizations.change_cluster"
MANAGE_YEAR = "organizations.manage_cluster_year"
CLUSTER_FIELDS = ("name", "kind", "founding_decision", "founding_decision_date", "valid_from", "leader_selection")


def _d(day):
    return day.strftime("%d/%m/%Y")


def _unique(units):
    """The units in order, once each (a unit picked twice is one membership, not an integrity error)."""
    seen, result = set(), []
    for unit in units:
        if unit.pk not in seen:
            seen.add(unit.pk)
            result.append(unit)
    return result


# The founding and the cluster's own fields ----------------------------------------------------------------------


def _check_cluster_fields(cluster):
    cluster.name = (cluster.name or "").strip()
    if not cluster.name:
        kernel.refuse(_("Tên cụm, khối không được để trống."))
    if cluster.kind not in ClusterKind.values:
        kernel.refuse(_("Loại cụm, khối không hợp lệ."))
    if cluster.leader_selection not in LeaderSelection.values:
        kernel.refuse(_("Cách chọn Trưởng cụm không hợp lệ."))
    province = cluster.province
    start = cluster.valid_from or timezone.localdate()
    if province.valid_to is not None and start > province.valid_to:
        kernel.refuse(
            _("%(province)s đã kết thúc hoạt động ngày %(date)s; hãy lập cụm ở tỉnh hiện nay.")
            % {"province": province.name, "date": _d(province.valid_to)}
        )
    same_name = Cluster.objects.filter(
        province=province, folded_name=fold(cluster.name), valid_to__isnull=True
    ).exclude(pk=cluster.pk)
    if same_name.exists():
        kernel.refuse(_("%(province)s đã có cụm, khối “%(name)s”.") % {"province": province.name, "name": cluster.name})


@transaction.atomic
def found_cluster(
    *,
    actor,
    province,
    name,
    kind=ClusterKind.CLUSTER,
    leader_selection=LeaderSelection.ELECTED,
    founding_decision="",
    founding_decision_date=None,
    valid_from=None,
):
    """A new cụm or khối of a province, by its board (or an administrator). Its years are opened afterwards."""
    if province is None:
        kernel.refuse(_("Hãy chọn tỉnh của cụm, khối."))
    cluster = Cluster(
        province=province,
        name=name,
        kind=kind,
        leader_selection=leader_selection,
        founding_decision=(founding_decision or "").strip(),
        founding_decision_date=founding_decision_date,
        valid_from=valid_from,
    )
    kernel.require(actor, CHANGE_CLUSTER, cluster)
    _check_cluster_fields(cluster)
    cluster.save()
    kernel.log(actor, "cluster.founded", cluster, new={key: getattr(cluster, key) for key in CLUSTER_FIELDS})
    return cluster


def _lock_cluster(cluster, version):
    locked = Cluster.objects.select_for_update().select_related("province").get(pk=cluster.pk)
    kernel.check_version(locked, version)
    return locked


@transaction.atomic
def update_cluster(cluster, *, actor, version=None, **fields):
    """Change the cluster's name, kind, founding decision, start or way of choosing the leader.

    `version` is the cluster's version the user read; someone else's save since then is a lost race (StaleEdit)."""
    locked = _lock_cluster(cluster, version)
    kernel.require(actor, CHANGE_CLUSTER, locked)
    values = {key: fields[key] for key in CLUSTER_FIELDS if key in fields}
    if "founding_decision" in values:
        values["founding_decision"] = (values["founding_decision"] or "").strip()
    old = {key: getattr(locked, key) for key in values}
    changed = [key for key, value in values.items() if value != old[key]]
    if not changed:
        return kernel.sync(cluster, locked)
    for key in changed:
        setattr(locked, key, values[key])
    _check_cluster_fields(locked)
    first = locked.years.order_by("year").first()
    if locked.valid_from is not None and first is not None and locked.valid_from.year > first.year:
        kernel.refuse(
            _("Cụm đã có kỳ thi đua năm %(year)s, trước ngày bắt đầu hoạt động %(date)s.")
            % {"year": first.year, "date": _d(locked.valid_from)}
        )
    if "kind" in changed:
        _refuse_kind_conflicts(locked)
        ClusterMembership.objects.filter(cluster_year__cluster=locked).update(cluster_kind=locked.kind)
    locked.folded_name = fold(locked.name)
    kernel.compare_and_set(locked, locked.version, [*changed, "folded_name"])
    kernel.log(
        actor, "cluster.changed", locked, old={key: old[key] for key in changed}, new={k: values[k] for k in changed}
    )
    return kernel.sync(cluster, locked)


def _refuse_kind_conflicts(cluster):
    """A cụm that becomes a khối (or back) must not then share a year with another of its new kind."""
    for cluster_year in cluster.years.all():
        units = [m.unit for m in cluster_year.memberships.select_related("unit")]
        _refuse_other_clusters(cluster_year, units, kind=cluster.kind)


@transaction.atomic
def close_cluster(cluster, *, date, actor=None, decision="", version=None):
    """End a cluster. Its years stay readable; nothing is deleted."""
    if date is None:
        kernel.refuse(_("Hãy nhập ngày kết thúc hoạt động."))
    locked = _lock_cluster(cluster, version)
    kernel.require(actor, CHANGE_CLUSTER, locked)
    if locked.valid_to is not None:
        kernel.refuse(_("Cụm đã kết thúc hoạt động ngày %(date)s.") % {"date": _d(locked.valid_to)})
    if locked.valid_from is not None and date < locked.valid_from:
        kernel.refuse(_("Ngày kết thúc phải sau ngày bắt đầu hoạt động (%(date)s).") % {"date": _d(locked.valid_from)})
    later = locked.years.filter(year__gt=date.year).order_by("year").first()
    if later is not None:
        kernel.refuse(
            _("Cụm đã có kỳ thi đua năm %(year)s, sau ngày kết thúc %(date)s.") % {"year": later.year, "date": _d(date)}
        )
    old = locked.valid_to
    locked.valid_to, locked.closing_decision = date, (decision or "").strip()
    kernel.compare_and_set(locked, locked.version, ["valid_to", "closing_decision"])
    kernel.log(actor, "cluster.closed", locked, old={"valid_to": old}, new={"valid_to": date}, note=decision)
    return kernel.sync(cluster, locked)


# The rotation order ------------------------------------------------------------------------------------------------


def _check_rotation_newcomer(cluster, unit, today):
    provinces = {cluster.province_id, *cluster.province.predecessors.values_list("pk", flat=True)}
    if unit.province_id not in provinces:
        kernel.refuse(
            _("%(unit)s không thuộc %(province)s.") % {"unit": capfirst(unit.full_name), "province": cluster.province}
        )
    if unit.valid_to is not None and unit.valid_to < today:
        kernel.refuse(
            _("%(unit)s đã kết thúc hoạt động ngày %(date)s.")
            % {"unit": capfirst(unit.full_name), "date": _d(unit.valid_to)}
        )


def _change_rotation(cluster, *, actor, version, change):
    """Lock the cluster, refuse a stale order, compute the new order with `change(current units)`, write, log."""
    locked = _lock_cluster(cluster, version)
    kernel.require(actor, CHANGE_CLUSTER, locked)
    if locked.valid_to is not None:
        kernel.refuse(_("Cụm đã kết thúc hoạt động ngày %(date)s.") % {"date": _d(locked.valid_to)})
    current = [slot.unit for slot in locked.rotation.select_related("unit").order_by("position")]
    wanted = list(change(current))
    seen = set()
    for unit in wanted:
        if unit.pk in seen:
            kernel.refuse(_("%(unit)s có hai lần trong thứ tự luân phiên.") % {"unit": capfirst(unit.full_name)})
        seen.add(unit.pk)
    before = {u.pk for u in current}
    today = timezone.localdate()
    for unit in wanted:
        if unit.pk not in before:
            _check_rotation_newcomer(locked, unit, today)
    old_ids, new_ids = [u.pk for u in current], [u.pk for u in wanted]
    if old_ids != new_ids:
        locked.rotation.all().delete()
        RotationSlot.objects.bulk_create(
            [RotationSlot(cluster=locked, unit=unit, position=n) for n, unit in enumerate(wanted, start=1)]
        )
        kernel.compare_and_set(locked, locked.version, [])
        kernel.log(actor, "cluster.rotation_set", locked, old={"rotation": old_ids}, new={"rotation": new_ids})
    return kernel.sync(cluster, locked)


@transaction.atomic
def set_rotation(cluster, units, *, actor, version=None):
    """The whole rotation order at once (the API): the leader's turn passes down this list, year by year."""
    return _change_rotation(cluster, actor=actor, version=version, change=lambda _current: units)


@transaction.atomic
def add_to_rotation(cluster, unit, *, actor, version=None):
    """Put a unit at the end of the rotation order."""

    def change(current):
        if unit.pk in {u.pk for u in current}:
            kernel.refuse(_("%(unit)s đã có trong thứ tự luân phiên.") % {"unit": capfirst(unit.full_name)})
        return [*current, unit]

    return _change_rotation(cluster, actor=actor, version=version, change=change)


@transaction.atomic
def remove_from_rotation(cluster, unit, *, actor, version=None):
    def change(current):
        if unit.pk not in {u.pk for u in current}:
            kernel.refuse(_("%(unit)s không có trong thứ tự luân phiên.") % {"unit": capfirst(unit.full_name)})
        return [u for u in current if u.pk != unit.pk]

    return _change_rotation(cluster, actor=actor, version=version, change=change)


@transaction.atomic
def move_in_rotation(cluster, unit, *, up, actor, version=None):
    """Move a unit one place up (earlier turn) or down (later turn)."""

    def change(current):
        ids = [u.pk for u in current]
        if unit.pk not in ids:
            kernel.refuse(_("%(unit)s không có trong thứ tự luân phiên.") % {"unit": capfirst(unit.full_name)})
        here = ids.index(unit.pk)
        there = here - 1 if up else here + 1
        if not 0 <= there < len(current):
            kernel.refuse(
                (_("%(unit)s đã ở đầu thứ tự.") if up else _("%(unit)s đã ở cuối thứ tự."))
                % {"unit": capfirst(unit.full_name)}
            )
        moved = list(current)
        moved[here], moved[there] = moved[there], moved[here]
        return moved

    return _change_rotation(cluster, actor=actor, version=version, change=change)


# A year's members and leaders -------------------------------------------------------------------------------------


def cluster_year_state(cluster_year):
    """A fingerprint of members, leader and deputy: a form carries it so that a concurrent edit is noticed."""
    members = sorted(cluster_year.memberships.values_list("unit_id", flat=True))
    return f"{','.join(map(str, members))}|{cluster_year.leader_id or ''}|{cluster_year.deputy_id or ''}"


def _lock_cluster_year(cluster_year, expected_state):
    locked = ClusterYear.objects.select_for_update().select_related("cluster").get(pk=cluster_year.pk)
    if expected_state is not None and cluster_year_state(locked) != expected_state:
        raise kernel.StaleEdit(
            _("Kỳ thi đua năm %(year)s vừa được người khác thay đổi. Trang đã hiện thông tin mới nhất; hãy làm lại.")
            % {"year": locked.year}
        )
    return locked


def _refuse_other_clusters(cluster_year, units, *, kind=None):
    """Refuse a unit that is already in another cluster (or block) of the same kind in the same year."""
    kind = kind or cluster_year.cluster.kind
    other = (
        ClusterMembership.objects.filter(unit__in=[u.pk for u in units], year=cluster_year.year, cluster_kind=kind)
        .exclude(cluster_year_id=cluster_year.pk)
        .select_related("unit", "cluster_year__cluster")
        .order_by("unit__folded_name")
        .first()
    )
    if other is not None:
        kernel.refuse(
            _("%(unit)s đã là thành viên của %(cluster)s năm %(year)s.")
            % {"unit": capfirst(other.unit.full_name), "cluster": other.cluster_year.cluster, "year": other.year}
        )


def _add_memberships(cluster_year, units):
    _refuse_other_clusters(cluster_year, units)
    try:
        with transaction.atomic():  # a savepoint: a race lost to another cluster's save is a refusal, not a 500
            ClusterMembership.objects.bulk_create([ClusterMembership(cluster_year=cluster_year, unit=u) for u in units])
    except IntegrityError:
        _refuse_other_clusters(cluster_year, units)
        raise


def _check_leaders(cluster_year, leader, deputy, member_ids):
    for unit in (leader, deputy):
        if unit is not None and unit.pk not in member_ids:
            kernel.refuse(
                _("%(unit)s không phải thành viên của cụm năm %(year)s.")
                % {"unit": unit.full_name, "year": cluster_year.year}
            )
    if leader is not None and deputy is not None and leader.pk == deputy.pk:
        kernel.refuse(_("Trưởng cụm và Phó Trưởng cụm phải là hai đơn vị khác nhau."))


def _apply_leaders(locked, leader, deputy, *, actor, reason=""):
    old = {"leader": locked.leader_id, "deputy": locked.deputy_id}
    new = {"leader": leader.pk if leader else None, "deputy": deputy.pk if deputy else None}
    if old == new:
        return
    locked.leader, locked.deputy = leader, deputy
    locked.save(update_fields=["leader", "deputy"])
    kernel.log(actor, "cluster_year.leaders_set", locked, old=old, new=new, note=reason)


def _apply_members(locked, members, *, actor):
    wanted = {u.pk for u in members}
    current = set(locked.memberships.values_list("unit_id", flat=True))
    removed, added = current - wanted, wanted - current
    if not removed and not added:
        return
    try:
        locked.memberships.filter(unit_id__in=removed).delete()
    except ProtectedError as protected:
        raise kernel.Refusal(
            _("Không thể bỏ đơn vị khỏi cụm: đã có hồ sơ thi đua của đơn vị trong năm %(year)s.")
            % {"year": locked.year}
        ) from protected
    _add_memberships(locked, [u for u in members if u.pk in added])
    kernel.log(
        actor,
        "cluster_year.members_set",
        locked,
        old={"members": sorted(current)},
        new={"members": sorted(wanted), "added": sorted(added), "removed": sorted(removed)},
    )


def _copy_leaders(target, locked):
    target.leader_id, target.deputy_id = locked.leader_id, locked.deputy_id


@transaction.atomic
def set_cluster_year_leaders(cluster_year, *, leader, deputy, actor=None, reason="", expected_state=None):
    """Trưởng cụm and Phó Trưởng cụm of the year: two different member units (or none).

    The caller checks the permission: the board's pages ask manage_cluster_year, the conference (voting) its own."""
    locked = _lock_cluster_year(cluster_year, expected_state)
    _check_leaders(locked, leader, deputy, set(locked.memberships.values_list("unit_id", flat=True)))
    _apply_leaders(locked, leader, deputy, actor=actor, reason=reason)
    _copy_leaders(cluster_year, locked)
    return cluster_year


def _check_members(cluster_year, members):
    year_start = datetime.date(cluster_year.year, 1, 1)
    year_end = datetime.date(cluster_year.year, 12, 31)
    for unit in members:
        if (unit.valid_to is not None and unit.valid_to < year_start) or (
            unit.valid_from is not None and unit.valid_from > year_end
        ):
            kernel.refuse(
                _("%(unit)s không hoạt động trong năm %(year)s.") % {"unit": unit.full_name, "year": cluster_year.year}
            )


@transaction.atomic
def set_cluster_year_members(cluster_year, *, members, actor=None, expected_state=None):
    """Replace the year's members. The leader and deputy stay members; so does a unit other records hang on."""
    locked = _lock_cluster_year(cluster_year, expected_state)
    kernel.require(actor, MANAGE_YEAR, locked)
    members = _unique(members)
    _check_members(locked, members)
    wanted = {u.pk for u in members}
    for role_unit_id, label in ((locked.leader_id, _("Trưởng cụm")), (locked.deputy_id, _("Phó Trưởng cụm"))):
        if role_unit_id is not None and role_unit_id not in wanted:
            unit = Unit.objects.get(pk=role_unit_id)
            kernel.refuse(
                _("%(unit)s đang là %(role)s năm %(year)s; hãy chọn %(role)s khác trước khi bỏ khỏi cụm.")
                % {"unit": unit.full_name, "role": label, "year": locked.year}
            )
    _apply_members(locked, members, actor=actor)
    return cluster_year


@transaction.atomic
def update_cluster_year(cluster_year, *, members, leader, deputy, actor=None, expected_state=None, reason=""):
    """Members, leader and deputy of the year at once (the management page and the API use this)."""
    locked = _lock_cluster_year(cluster_year, expected_state)
    kernel.require(actor, MANAGE_YEAR, locked)
    members = _unique(members)
    _check_members(locked, members)
    _check_leaders(locked, leader, deputy, {u.pk for u in members})
    # Leaders first, so that a former leader replaced in the same edit can then leave the membership.
    _apply_leaders(locked, leader, deputy, actor=actor, reason=reason)
    _apply_members(locked, members, actor=actor)
    _copy_leaders(cluster_year, locked)
    return cluster_year


@transaction.atomic
def open_cluster_year(cluster, year, *, members, actor=None, leader=None, deputy=None, motto=""):
    """Open the cluster's emulation year (kỳ thi đua) with its members, and leader and deputy if chosen.

    The caller checks the permission: the board's page and the API ask change_cluster; the conference that
    applies next year's leadership (voting) asks its own."""
    if cluster.valid_to is not None and cluster.valid_to.year < year:
        kernel.refuse(_("Cụm đã kết thúc hoạt động ngày %(date)s.") % {"date": _d(cluster.valid_to)})
    if cluster.valid_from is not None and cluster.valid_from.year > year:
        kernel.refuse(
            _("Cụm bắt đầu hoạt động ngày %(date)s, sau năm %(year)s.") % {"date": _d(cluster.valid_from), "year": year}
        )
    if ClusterYear.objects.filter(cluster=cluster, year=year).exists():
        kernel.refuse(_("Kỳ thi đua năm %(year)s của cụm đã có.") % {"year": year})
    members = _unique(members)
    cluster_year = ClusterYear(cluster=cluster, year=year, motto=motto)
    _check_members(cluster_year, members)
    _check_leaders(cluster_year, leader, deputy, {u.pk for u in members})
    _refuse_other_clusters(cluster_year, members)
    cluster_year.save()
    _add_memberships(cluster_year, members)
    opened = {"year": year, "members": [u.pk for u in members], "motto": motto}
    kernel.log(actor, "cluster_year.opened", cluster_year, new=opened)
    if leader or deputy:
        set_cluster_year_leaders(cluster_year, leader=leader, deputy=deputy, actor=actor)
    return cluster_year


# Opening next year from this one ----------------------------------------------------------------------------------

# What other apps copy into the next year (the criteria table, the phases): {code: (label, copy, count)}, where
# copy(source, target, actor) copies and returns how many rows it made, and count(source) says beforehand how many it
# would. They register in their AppConfig.ready(); organizations imports none of them.
NEXT_YEAR_COPIERS = {}


def register_next_year_copier(code, label, *, copy, count):
    NEXT_YEAR_COPIERS[code] = (label, copy, count)


def members_active_in(cluster_year, year):
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    units = [m.unit for m in cluster_year.memberships.select_related("unit").order_by("unit__folded_name")]
    ended_before = [u for u in units if u.valid_to is not None and u.valid_to < first]
    starts_after = [u for u in units if u.valid_from is not None and u.valid_from > last]
    return [u for u in units if u not in ended_before and u not in starts_after]


@transaction.atomic
def open_next_year(cluster_year, *, actor):
    """ "Mở năm sau từ năm này": the next year with this year's members (those still active then), the leader and
    deputy by rotation when the cluster rotates, and what the other apps copy (criteria table, phases a year later).

    Returns the new year; `copied` on it says how much each app copied ({code: count})."""
    source = ClusterYear.objects.select_for_update().select_related("cluster__province").get(pk=cluster_year.pk)
    cluster = source.cluster
    kernel.require(actor, CHANGE_CLUSTER, cluster)
    year = source.year + 1
    members = members_active_in(source, year)
    leader = deputy = None
    if cluster.leader_selection == LeaderSelection.ROTATION:
        leader, deputy = selectors.rotation_after(cluster, source.leader_id, {u.pk for u in members})
        if leader is None:
            kernel.refuse(
                _(
                    "Cụm chọn Trưởng cụm luân phiên nhưng thứ tự luân phiên chưa có ít nhất hai đơn vị thành viên; "
                    "hãy nhập thứ tự luân phiên trước."
                )
            )
    target = open_cluster_year(cluster, year, members=members, actor=actor)
    if leader is not None:
        set_cluster_year_leaders(target, leader=leader, deputy=deputy, actor=actor, reason=_("Theo thứ tự luân phiên"))
    copied = {code: copy(source, target, actor) for code, (_label, copy, _count) in NEXT_YEAR_COPIERS.items()}
    kernel.log(actor, "cluster_year.opened_from", target, new={"from_year": source.year, "copied": copied})
    target.copied = copied
    return target
