"""Reads about accounts and their roles: who may see which accounts, and the pickers for units and accounts."""

import datetime

from django.db.models import Prefetch, Q
from django.utils import timezone

from thidua.accounts.models import User
from thidua.core.text import fold
from thidua.organizations.enums import LineageRole, Role
from thidua.organizations.models import ClusterMembership, ClusterYear, Province, RoleAssignment, Unit
from thidua.organizations.scopes import scope_of
from thidua.organizations.selectors import ACTIVE_FIRST


def _province_q(province_ids, prefix=""):
    """Role rows exercised in one of these provinces: a unit's, a cluster year's or the province's own."""
    return (
        Q(**{f"{prefix}unit__province_id__in": province_ids})
        | Q(**{f"{prefix}cluster_year__cluster__province_id__in": province_ids})
        | Q(**{f"{prefix}province_id__in": province_ids})
    )


def _cluster_years_q(cluster_year_ids, prefix=""):
    member_units = ClusterMembership.objects.filter(cluster_year_id__in=cluster_year_ids).values("unit_id")
    return Q(**{f"{prefix}unit_id__in": member_units}) | Q(**{f"{prefix}cluster_year_id__in": cluster_year_ids})


def account_facts(user):
    """(frozenset of the province ids the account's roles are exercised in, whether it holds the admin role)."""
    rows = RoleAssignment.objects.filter(user=user).values_list(
        "role", "unit__province_id", "cluster_year__cluster__province_id", "province_id"
    )
    provinces, is_admin = set(), user.is_superuser
    for role, unit_province, year_province, province in rows:
        is_admin = is_admin or role == Role.ADMIN
        provinces.add(unit_province or year_province or province)
    provinces.discard(None)
    return frozenset(provinces), is_admin


def account_in_cluster_years(user, cluster_year_ids):
    return RoleAssignment.objects.filter(Q(user=user) & _cluster_years_q(cluster_year_ids)).exists()


def accounts_visible_to(actor, query="", *, active=None):
    """The accounts `actor` may see, with their roles prefetched for the list (no per-row query)."""
    scope = scope_of(actor)
    qs = User.objects.all()
    if not scope.is_admin:
        where = Q(pk__in=[])
        if scope.board_province_ids:
            in_province = RoleAssignment.objects.filter(_province_q(scope.board_province_ids))
            admins = RoleAssignment.objects.filter(role=Role.ADMIN).values("user_id")
            where |= Q(pk__in=in_province.values("user_id")) & ~Q(pk__in=admins) & Q(is_superuser=False)
        if scope.secretariat_cluster_year_ids:
            in_cluster = RoleAssignment.objects.filter(_cluster_years_q(scope.secretariat_cluster_year_ids))
            where |= Q(pk__in=in_cluster.values("user_id"))
        qs = qs.filter(where)
    for word in fold(query).split():
        qs = qs.filter(Q(folded_name__contains=word) | Q(email__icontains=word) | Q(phone__contains=word))
    if active is not None:
        qs = qs.filter(is_active=active)
    roles = RoleAssignment.objects.select_related("unit", "cluster_year__cluster", "province").order_by(
        "valid_to", "pk"
    )
    return qs.prefetch_related(Prefetch("role_assignments", queryset=roles)).order_by("folded_name", "pk")


def roles_of(user):
    return (
        RoleAssignment.objects.filter(user=user)
        .select_related("unit__province", "cluster_year__cluster", "province")
        .order_by(*ACTIVE_FIRST, "pk")
    )


def is_current(assignment, day=None):
    day = day or timezone.localdate()
    return (assignment.valid_from is None or assignment.valid_from <= day) and (
        assignment.valid_to is None or assignment.valid_to >= day
    )


def units_for_picker(actor, query, *, limit=20):
    """Units whose folded name or code matches every word typed (with or without diacritics), inside the
    provinces the actor manages (all for an administrator); active units first."""
    words = fold(query).split()
    if not words:
        return Unit.objects.none()
    qs = Unit.objects.select_related("province")
    scope = scope_of(actor)
    if not scope.is_admin:
        qs = qs.filter(province_id__in=scope.board_province_ids)
    for word in words:
        qs = qs.filter(Q(folded_name__contains=word) | Q(code__iexact=word))
    return qs.order_by(*ACTIVE_FIRST, "folded_name", "id")[:limit]


def resolve_unit(actor, text):
    """The one unit the typed text names: its code exactly, or the only unit whose name matches (active ones
    preferred). Returns (unit or None, candidates) so that a form can say which names were meant."""
    text = (text or "").strip()
    if not text:
        return None, []
    by_code = Unit.objects.select_related("province").filter(code__iexact=text).first()
    if by_code is not None:
        return by_code, [by_code]
    candidates = list(units_for_picker(actor, text, limit=11))
    exact = [u for u in candidates if u.folded_name == fold(text) or fold(u.name) == fold(text)]
    if len(exact) == 1:
        return exact[0], exact
    active = [u for u in candidates if u.valid_to is None]
    if len(candidates) == 1:
        return candidates[0], candidates
    if len(active) == 1:
        return active[0], candidates
    return None, candidates


def cluster_years_for_picker(actor):
    scope = scope_of(actor)
    qs = ClusterYear.objects.select_related("cluster").order_by("-year", "cluster__folded_name")
    return qs if scope.is_admin else qs.filter(cluster__province_id__in=scope.board_province_ids)


def provinces_for_picker(actor):
    scope = scope_of(actor)
    qs = Province.objects.order_by("name")
    return qs if scope.is_admin else qs.filter(pk__in=scope.board_province_ids)


def roles_ended_by_event(event):
    """Role rows of the units an event ended, ended on their unit's last day, with the accounts' successors."""
    ended_units = [link.unit for link in event.links.all() if link.role == LineageRole.PREDECESSOR]
    successors = [link.unit for link in event.links.all() if link.role == LineageRole.SUCCESSOR]
    ended_ids = [u.pk for u in ended_units if u.valid_to is not None and u not in successors]
    rows = (
        RoleAssignment.objects.filter(unit_id__in=ended_ids, valid_to=event.date - datetime.timedelta(days=1))
        .select_related("user", "unit")
        .order_by("unit__folded_name", "user__folded_name", "pk")
    )
    return list(rows), successors
