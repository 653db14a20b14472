"""Exemplars (điển hình tiên tiến): units propose, the secretariat or the province recognises."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.selectors import HONOUR_BOARD
from thidua.core import kernel
from thidua.core.enums import NotificationLevel
from thidua.core.services import notify, snapshot
from thidua.emulation import selectors
from thidua.emulation.enums import EXEMPLAR_TRANSITIONS, ExemplarKind, ExemplarState
from thidua.emulation.models import Exemplar
from thidua.emulation.services.common import (
    notify_secretariat,
    notify_units,
    require_reason,
    require_unit_staff,
    store_uploads,
)
from thidua.organizations.models import ClusterYear
from thidua.organizations.scopes import scope_of

E = ExemplarState
CONTENT_FIELDS = ("kind", "name", "title", "year", "achievements", "movement", "movement_model", "person")


def exemplar_url(exemplar):
    return reverse("emulation:exemplar_detail", args=[exemplar.pk])


def _clean(data):
    values = {k: data.get(k) for k in CONTENT_FIELDS}
    for key in ("name", "title", "achievements"):
        values[key] = (values[key] or "").strip()
    if values["kind"] not in ExemplarKind.values:
        raise kernel.Refusal(_("Loại điển hình không hợp lệ."))
    if not values["name"] or not values["achievements"]:
        raise kernel.Refusal(_("Hãy nhập tên và thành tích của điển hình."))
    if not values["year"]:
        raise kernel.Refusal(_("Hãy nhập năm."))
    model = values["movement_model"]
    if model is not None and values["movement"] is not None and model.movement_id != values["movement"].pk:
        raise kernel.Refusal(_("Mô hình đã chọn không thuộc phong trào đã chọn."))
    return values


@transaction.atomic
def propose_exemplar(*, actor, unit, uploads=(), is_invented=False, **data):
    """A unit proposes a person, a collective or a model. The year's cluster, if any, is the one to recognise it."""
    require_unit_staff(actor, unit)
    values = _clean(data)
    if values["movement_model"] is not None and values["movement_model"].unit_id != unit.pk:
        raise kernel.Refusal(_("Chỉ đề xuất được mô hình của chính đơn vị."))
    files = store_uploads(uploads, actor=actor, owner_unit=unit)
    cluster_year = ClusterYear.objects.filter(memberships__unit=unit, year=values["year"]).first()
    exemplar = Exemplar.objects.create(
        **values,
        unit=unit,
        province_id=unit.province_id,
        cluster_year=cluster_year,
        proposed_by=actor,
        is_invented=is_invented,
    )
    exemplar.evidence.set(files)
    kernel.log(actor, "exemplar.proposed", exemplar, new=snapshot(exemplar, CONTENT_FIELDS), scope=unit)
    params = {"unit": unit.full_name, "name": exemplar.name}
    title = _("%(unit)s đề xuất điển hình tiên tiến: %(name)s") % params
    notify_secretariat(cluster_year, title, url=exemplar_url(exemplar), level=NotificationLevel.ACTION)
    if cluster_year is None:
        notify(
            selectors.board_users(unit.province_id), title, url=exemplar_url(exemplar), level=NotificationLevel.ACTION
        )
    return exemplar


@transaction.atomic
def update_exemplar(exemplar, *, actor, uploads=(), **data):
    caller = exemplar
    exemplar = Exemplar.objects.select_for_update(of=("self",)).select_related("unit").get(pk=exemplar.pk)
    require_unit_staff(actor, exemplar.unit)
    if exemplar.state != E.PROPOSED:
        raise kernel.Refusal(_("Chỉ sửa được điển hình đang ở trạng thái đề xuất."))
    old = snapshot(exemplar, CONTENT_FIELDS)
    values = _clean({**{k: getattr(exemplar, k) for k in CONTENT_FIELDS}, **data})
    files = store_uploads(uploads, actor=actor, owner_unit=exemplar.unit)
    for key, value in values.items():
        setattr(exemplar, key, value)
    exemplar.save()
    exemplar.evidence.add(*files)
    kernel.log(
        actor, "exemplar.updated", exemplar, old=old, new=snapshot(exemplar, CONTENT_FIELDS), scope=exemplar.unit
    )
    return kernel.sync(caller, exemplar)


def _recogniser_label(exemplar, actor):
    scope = scope_of(actor)
    if exemplar.province_id in scope.board_province_ids:
        return _("Ban Thi đua - Khen thưởng tỉnh")
    if exemplar.cluster_year_id in scope.secretariat_cluster_year_ids:
        return exemplar.cluster_year.cluster.name
    return _("Quản trị hệ thống")


@transaction.atomic
def set_exemplar_state(exemplar, new_state, *, actor, reason=""):
    """The one way an exemplar changes state: recognise, decline (with a reason) or revoke (with a reason)."""
    caller = exemplar
    exemplar = (
        Exemplar.objects.select_for_update(of=("self",))
        .select_related("unit", "cluster_year__cluster")
        .get(pk=exemplar.pk)
    )
    old_state = E(exemplar.state)
    new_state = kernel.check_transition(E, EXEMPLAR_TRANSITIONS, old_state, new_state, what=_("điển hình"))
    if not actor.has_perm("emulation.decide_exemplar", exemplar):
        raise PermissionDenied(_("Chỉ thư ký cụm hoặc Ban Thi đua - Khen thưởng tỉnh được công nhận điển hình."))
    if new_state in (E.DECLINED, E.REVOKED):
        reason = require_reason(reason, _("Hãy ghi lý do."))
    exemplar.state = new_state
    exemplar.decision_note = (reason or "").strip()
    exemplar.decided_by, exemplar.decided_at = actor, timezone.now()
    if new_state == E.RECOGNISED:
        exemplar.recognised_by = _recogniser_label(exemplar, actor)
    exemplar.save(update_fields=["state", "decision_note", "decided_by", "decided_at", "recognised_by"])
    HONOUR_BOARD.changed()
    kernel.log(
        actor,
        f"exemplar.{new_state}",
        exemplar,
        old={"state": old_state},
        new={"state": new_state},
        note=exemplar.decision_note,
        scope=exemplar.unit,
    )
    titles = {
        E.RECOGNISED: _("Điển hình “%(name)s” đã được công nhận"),
        E.DECLINED: _("Điển hình “%(name)s” không được công nhận"),
        E.REVOKED: _("Điển hình “%(name)s” đã bị thu hồi công nhận"),
    }
    notify_units(
        [exemplar.unit_id],
        titles[new_state] % {"name": exemplar.name},
        body=exemplar.decision_note,
        url=exemplar_url(exemplar),
    )
    return kernel.sync(caller, exemplar)
