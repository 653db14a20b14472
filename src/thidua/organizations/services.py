"""Writes about units, their history and clusters. Each one logs itself."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.services import log_action
from thidua.organizations.enums import LineageKind, LineageRole
from thidua.organizations.models import ClusterMembership, ClusterYear, LineageEvent, LineageLink, Unit, UnitName


@transaction.atomic
def record_lineage_event(
    *, kind, date, predecessors, successors, actor=None, decision="", decision_date=None, note="", end_predecessors=True
):
    """Record that some units became others on a date. Predecessors that do not continue end the day before."""
    predecessors, successors = list(predecessors), list(successors)
    if kind != LineageKind.ESTABLISHED and not predecessors:
        raise ValidationError(_("Sự kiện này cần ít nhất một đơn vị trước."))
    if kind != LineageKind.DISSOLVED and not successors:
        raise ValidationError(_("Sự kiện này cần ít nhất một đơn vị sau."))
    event = LineageEvent.objects.create(kind=kind, date=date, decision=decision, decision_date=decision_date, note=note)
    LineageLink.objects.bulk_create(
        [LineageLink(event=event, unit=u, role=LineageRole.PREDECESSOR) for u in predecessors]
        + [LineageLink(event=event, unit=u, role=LineageRole.SUCCESSOR) for u in successors]
    )
    continuing = {u.pk for u in successors}
    if end_predecessors:
        last_day = date - datetime.timedelta(days=1)
        for unit in predecessors:
            if unit.pk in continuing or (unit.valid_to is not None and unit.valid_to <= last_day):
                continue
            old = unit.valid_to
            unit.valid_to = last_day
            unit.save(update_fields=["valid_to", "folded_name"])
            log_action(
                actor,
                "unit.ended",
                unit,
                old={"valid_to": old},
                new={"valid_to": last_day},
                unit_id=unit.pk,
                province_id=unit.province_id,
            )
    log_action(
        actor,
        "lineage.recorded",
        event,
        new={"kind": kind, "predecessors": [u.pk for u in predecessors], "successors": [u.pk for u in successors]},
    )
    return event


@transaction.atomic
def rename_unit(unit, new_name, *, date, actor=None, decision=""):
    if not new_name.strip():
        raise ValidationError(_("Tên mới không được để trống."))
    current = unit.names.filter(valid_to__isnull=True).order_by("-valid_from").first()
    if current is not None:
        current.valid_to = date - datetime.timedelta(days=1)
        current.save(update_fields=["valid_to"])
    UnitName.objects.create(unit=unit, name=new_name, valid_from=date)
    old = unit.name
    unit.name = new_name
    unit.save()
    event = LineageEvent.objects.create(
        kind=LineageKind.RENAMED, date=date, decision=decision, note=f"{old} → {new_name}"
    )
    LineageLink.objects.bulk_create(
        [
            LineageLink(event=event, unit=unit, role=LineageRole.PREDECESSOR),
            LineageLink(event=event, unit=unit, role=LineageRole.SUCCESSOR),
        ]
    )
    log_action(
        actor,
        "unit.renamed",
        unit,
        old={"name": old},
        new={"name": new_name},
        unit_id=unit.pk,
        province_id=unit.province_id,
    )
    return unit


@transaction.atomic
def set_cluster_year_leaders(cluster_year, *, leader, deputy, actor=None, reason=""):
    member_ids = set(cluster_year.memberships.values_list("unit_id", flat=True))
    for unit in (leader, deputy):
        if unit is not None and member_ids and unit.pk not in member_ids:
            raise ValidationError(
                _("%(unit)s không phải thành viên của cụm năm %(year)s.") % {"unit": unit, "year": cluster_year.year}
            )
    if leader is not None and deputy is not None and leader.pk == deputy.pk:
        raise ValidationError(_("Trưởng cụm và Phó Trưởng cụm phải là hai đơn vị khác nhau."))
    old = {"leader": cluster_year.leader_id, "deputy": cluster_year.deputy_id}
    cluster_year.leader, cluster_year.deputy = leader, deputy
    cluster_year.save(update_fields=["leader", "deputy"])
    log_action(
        actor,
        "cluster_year.leaders_set",
        cluster_year,
        old=old,
        new={"leader": cluster_year.leader_id, "deputy": cluster_year.deputy_id},
        note=reason,
        province_id=cluster_year.cluster.province_id,
    )
    return cluster_year


@transaction.atomic
def open_cluster_year(cluster, year, *, members, actor=None, leader=None, deputy=None, motto=""):
    if cluster.valid_to is not None and cluster.valid_to.year < year:
        raise ValidationError(
            _("Cụm đã kết thúc hoạt động ngày %(date)s.") % {"date": cluster.valid_to.strftime("%d/%m/%Y")}
        )
    cluster_year, created = ClusterYear.objects.get_or_create(cluster=cluster, year=year, defaults={"motto": motto})
    if not created:
        raise ValidationError(_("Kỳ thi đua năm %(year)s của cụm đã có.") % {"year": year})
    ClusterMembership.objects.bulk_create([ClusterMembership(cluster_year=cluster_year, unit=u) for u in members])
    log_action(
        actor,
        "cluster_year.opened",
        cluster_year,
        new={"members": [u.pk for u in members]},
        province_id=cluster.province_id,
    )
    if leader or deputy:
        set_cluster_year_leaders(cluster_year, leader=leader, deputy=deputy, actor=actor)
    return cluster_year


@transaction.atomic
def close_cluster(cluster, *, date, actor=None, decision=""):
    """End a cluster. Its years stay readable; nothing is deleted."""
    old = cluster.valid_to
    cluster.valid_to = date
    cluster.closing_decision = decision
    cluster.save(update_fields=["valid_to", "closing_decision"])
    log_action(
        actor,
        "cluster.closed",
        cluster,
        old={"valid_to": old},
        new={"valid_to": date},
        note=decision,
        province_id=cluster.province_id,
    )
    return cluster


def units_by_code(codes):
    found = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationError(_("Không tìm thấy đơn vị: %(codes)s") % {"codes": ", ".join(missing)})
    return [found[c] for c in codes]
