"""Reads of the outgoing registers: the number a paper has, the registers a user may read, search, and the issuing
bodies' signing certificates."""

from django.db.models import Q

from thidua.core.text import fold
from thidua.organizations.models import Cluster, ClusterYear, Province, Unit
from thidua.organizations.scopes import scope_of
from thidua.registers.models import Entry, Register, SigningCertificate
from thidua.registers.papers import board_issuer, cluster_issuer, unit_issuer


def entry_for(code, object_id):
    """The number a paper was given, or None while it is a draft."""
    if object_id is None:
        return None
    return Entry.objects.select_related("register").filter(paper_code=code, object_id=object_id).first()


def registers_visible_to(user):
    scope = scope_of(user)
    qs = Register.objects.select_related("province")
    if scope.is_admin:
        return qs
    clusters = ClusterYear.objects.filter(pk__in=scope.secretariat_cluster_year_ids).values("cluster_id")
    return qs.filter(
        Q(province_id__in=scope.board_province_ids)
        | Q(unit_id__in=scope.unit_ids)
        | Q(issuer_kind="cluster", cluster_id__in=clusters)
    )


def search_entries(user, *, query="", register=None, year=None, limit=200):
    """Numbers given out in the registers the user may read; every word of `query` (accents ignored) must occur in
    the number or the trích yếu."""
    qs = Entry.objects.filter(register__in=registers_visible_to(user)).select_related("register", "issued_by")
    if register is not None:
        qs = qs.filter(register=register)
    if year:
        qs = qs.filter(register__year=year)
    for word in fold(query).split():
        qs = qs.filter(folded_summary__contains=word)
    return qs.order_by("-issued_on", "-pk")[:limit]


def _provinces_of(user):
    scope = scope_of(user)
    provinces = Province.objects.order_by("name")
    return provinces if scope.is_admin else provinces.filter(pk__in=scope.board_province_ids)


def certificates_visible_to(user):
    return SigningCertificate.objects.filter(province__in=_provinces_of(user)).select_related("province", "uploaded_by")


def bodies_for(user):
    """The issuing bodies whose certificate the user looks after: [(body_key, name)], the board, then the
    clusters, then the units of each of the user's provinces."""
    provinces = list(_provinces_of(user))
    ids = [p.pk for p in provinces]
    clusters = Cluster.objects.filter(province_id__in=ids).select_related("province").order_by("name")
    units = Unit.objects.filter(province_id__in=ids, valid_to__isnull=True).select_related("province").order_by("name")
    issuers = [board_issuer(p) for p in provinces]
    issuers += [cluster_issuer(c) for c in clusters] + [unit_issuer(u) for u in units]
    return [(i.body_key, i.name) for i in issuers]


def issuer_of(body_key):
    """The issuing body a key names ("unit:5", "cluster:3", "board:1"), or None."""
    kind, _sep, pk = str(body_key).partition(":")
    if not pk.isdigit():
        return None
    if kind == "unit":
        unit = Unit.objects.select_related("province").filter(pk=pk).first()
        return unit_issuer(unit) if unit else None
    if kind == "cluster":
        cluster = Cluster.objects.select_related("province").filter(pk=pk).first()
        return cluster_issuer(cluster) if cluster else None
    if kind == "board":
        province = Province.objects.filter(pk=pk).first()
        return board_issuer(province) if province else None
    return None
