"""Movements (phong trào thi đua), the units taking part, their reports and models; guiding documents."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.core.enums import FileKind
from thidua.core.services import snapshot
from thidua.emulation import selectors
from thidua.emulation.enums import GuidingDocumentType, MovementKind, MovementLevel, PhaseKind
from thidua.emulation.models import GuidingDocument, Movement, MovementModel, MovementParticipation, MovementReport
from thidua.emulation.services.common import (
    notify_secretariat,
    require_phase_open,
    require_unit_staff,
    store_uploads,
)
from thidua.organizations.models import ClusterYear

MOVEMENT_FIELDS = ("name", "level", "kind", "launch_reference", "starts_on", "ends_on", "targets", "description")
DOCUMENT_FIELDS = ("number", "issued_on", "issuer", "doc_type", "summary", "province", "note")
DOCUMENT_KINDS = (FileKind.PDF, FileKind.DOCX)


def _clean_movement(data):
    if not (data.get("name") or "").strip():
        raise kernel.Refusal(_("Hãy nhập tên phong trào."))
    if data.get("level") not in MovementLevel.values:
        raise kernel.Refusal(_("Cấp phát động không hợp lệ."))
    if data.get("kind") not in MovementKind.values:
        raise kernel.Refusal(_("Loại phong trào không hợp lệ."))
    starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        raise kernel.Refusal(_("Ngày kết thúc phải từ ngày bắt đầu trở đi."))


def _movement_links(movement, provinces, clusters):
    if provinces is not None:
        movement.provinces.set(provinces)
    if clusters is not None:
        movement.clusters.set(clusters)


def _movement_values(data):
    """Text fields stripped (blank, never None); dates as given."""
    values = {k: data.get(k) for k in MOVEMENT_FIELDS}
    for key in MOVEMENT_FIELDS:
        if key not in ("starts_on", "ends_on"):
            values[key] = (values[key] or "").strip()
    _clean_movement(values)
    return values


@transaction.atomic
def create_movement(*, actor, provinces=(), clusters=(), launched_by_unit=None, is_invented=False, **data):
    kernel.require(actor, "emulation.add_movement")
    movement = Movement.objects.create(
        **_movement_values(data), launched_by_unit=launched_by_unit, is_invented=is_invented, created_by=actor
    )
    _movement_links(movement, provinces, clusters)
    kernel.log(actor, "movement.created", movement, new=snapshot(movement, MOVEMENT_FIELDS))
    return movement


@transaction.atomic
def update_movement(movement, *, actor, provinces=None, clusters=None, **data):
    movement = Movement.objects.select_for_update(of=("self",)).get(pk=movement.pk)
    kernel.require(actor, "emulation.change_movement", movement)
    old = snapshot(movement, MOVEMENT_FIELDS)
    current = {k: getattr(movement, k) for k in MOVEMENT_FIELDS}
    for key, value in _movement_values({**current, **data}).items():
        setattr(movement, key, value)
    movement.save()
    _movement_links(movement, provinces, clusters)
    kernel.log(actor, "movement.updated", movement, old=old, new=snapshot(movement, MOVEMENT_FIELDS))
    return movement


def _require_reach(movement, unit):
    if not selectors.movement_reaches_unit(movement, unit):
        raise kernel.Refusal(
            _("Phong trào “%(movement)s” không áp dụng cho %(unit)s.")
            % {"movement": movement.name, "unit": unit.full_name}
        )


@transaction.atomic
def join_movement(movement, unit, *, actor, commitment=""):
    """The unit registers its participation in a movement that reaches it."""
    require_unit_staff(actor, unit)
    _require_reach(movement, unit)
    try:
        with transaction.atomic():
            participation = MovementParticipation.objects.create(
                movement=movement, unit=unit, commitment=(commitment or "").strip(), registered_by=actor
            )
    except IntegrityError as duplicate:
        raise kernel.Refusal(
            _("%(unit)s đã đăng ký tham gia phong trào này.") % {"unit": unit.full_name}
        ) from duplicate
    kernel.log(actor, "movement.joined", participation, new={"movement": movement.pk, "unit": unit.pk}, scope=unit)
    return participation


def _cluster_year_of(unit, year):
    return ClusterYear.objects.filter(memberships__unit=unit, year=year).select_related("cluster").first()


def _clean_figures(figures):
    cleaned = []
    for row in figures or []:
        label, value = (str(row.get("label", "")).strip(), str(row.get("value", "")).strip())
        if label or value:
            if not label:
                raise kernel.Refusal(_("Mỗi số liệu cần có tên chỉ tiêu."))
            cleaned.append({"label": label, "value": value})
    return cleaned


@transaction.atomic
def file_movement_report(participation, *, actor, year, period, content, figures=(), uploads=()):
    """Report a period's results. A member of a cluster reports while its year's reporting phase is open."""
    unit = participation.unit
    require_unit_staff(actor, unit)
    if not (content or "").strip() or not (period or "").strip():
        raise kernel.Refusal(_("Hãy nhập kỳ báo cáo và nội dung kết quả."))
    cluster_year = _cluster_year_of(unit, year)
    if cluster_year is not None:
        require_phase_open(cluster_year, PhaseKind.REPORTING)
    figures = _clean_figures(figures)
    files = store_uploads(uploads, actor=actor, owner_unit=unit)
    report = MovementReport.objects.create(
        participation=participation,
        year=year,
        period=period.strip(),
        content=content.strip(),
        figures=figures,
        reported_by=actor,
    )
    report.files.set(files)
    kernel.log(
        actor,
        "movement.reported",
        report,
        new={"movement": participation.movement_id, "year": year, "period": report.period, "files": len(files)},
        scope=unit,
    )
    notify_secretariat(
        cluster_year,
        _("%(unit)s đã báo cáo kết quả phong trào “%(movement)s”")
        % {"unit": unit.full_name, "movement": participation.movement.name},
        url=reverse("emulation:movement_detail", args=[participation.movement_id]),
    )
    return report


@transaction.atomic
def record_movement_model(movement, unit, *, actor, name, year, description, category="", uploads=()):
    require_unit_staff(actor, unit)
    _require_reach(movement, unit)
    if not (name or "").strip() or not (description or "").strip():
        raise kernel.Refusal(_("Hãy nhập tên và mô tả của mô hình."))
    files = store_uploads(uploads, actor=actor, owner_unit=unit)
    model = MovementModel.objects.create(
        movement=movement,
        unit=unit,
        name=name.strip(),
        category=(category or "").strip(),
        year=year,
        description=description.strip(),
        created_by=actor,
    )
    model.evidence.set(files)
    kernel.log(actor, "movement.model_recorded", model, new={"movement": movement.pk, "name": model.name}, scope=unit)
    return model


def _document_values(data):
    values = {k: data.get(k) for k in DOCUMENT_FIELDS}
    for key in ("number", "issuer", "summary", "note"):
        values[key] = (values[key] or "").strip()
    for key, message in (
        ("number", _("Hãy nhập số, ký hiệu văn bản.")),
        ("issued_on", _("Hãy nhập ngày ban hành.")),
        ("issuer", _("Hãy nhập cơ quan ban hành.")),
        ("summary", _("Hãy nhập trích yếu.")),
    ):
        if not values[key]:
            raise kernel.Refusal(message)
    if values["doc_type"] not in GuidingDocumentType.values:
        raise kernel.Refusal(_("Loại văn bản không hợp lệ."))
    return values


@transaction.atomic
def create_guiding_document(*, actor, movements=(), cluster_years=(), upload=None, is_invented=False, **data):
    kernel.require(actor, "emulation.add_guiding_document")
    values = _document_values(data)
    stored = store_uploads([upload], actor=actor, owner_unit=None, allowed_kinds=DOCUMENT_KINDS)
    document = GuidingDocument.objects.create(
        **values, file=stored[0] if stored else None, is_invented=is_invented, created_by=actor
    )
    document.movements.set(movements)
    document.cluster_years.set(cluster_years)
    kernel.log(actor, "guiding_document.created", document, new=snapshot(document, DOCUMENT_FIELDS))
    return document


@transaction.atomic
def update_guiding_document(document, *, actor, movements=None, cluster_years=None, upload=None, **data):
    document = GuidingDocument.objects.select_for_update(of=("self",)).get(pk=document.pk)
    kernel.require(actor, "emulation.change_guiding_document", document)
    old = snapshot(document, DOCUMENT_FIELDS)
    values = _document_values({**{k: getattr(document, k) for k in DOCUMENT_FIELDS}, **data})
    stored = store_uploads([upload], actor=actor, owner_unit=None, allowed_kinds=DOCUMENT_KINDS)
    for key, value in values.items():
        setattr(document, key, value)
    if stored:
        document.file = stored[0]
    document.save()
    if movements is not None:
        document.movements.set(movements)
    if cluster_years is not None:
        document.cluster_years.set(cluster_years)
    kernel.log(actor, "guiding_document.updated", document, old=old, new=snapshot(document, DOCUMENT_FIELDS))
    return document
