"""Reads of the outgoing registers: the number a paper has, the registers a user may read, and search."""

from django.db.models import Q

from thidua.core.text import fold
from thidua.organizations.models import ClusterYear
from thidua.organizations.scopes import scope_of
from thidua.registers.models import Entry, Register


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
