"""Demo data of the emulation year, written through the services (so the activity log tells the story).

The seed cluster's 2024 year: phases, eight registrations (Lệ Thủy's returned, corrected, approved), the pledge
signed by all eight heads; the 2023 pledge signed by all; the movements the seed article names with invented
reports and models; recognised exemplars; guiding documents. The 2025 year has its registration and pledge
phases opened by hand so a visitor can try the whole journey. Past phases are opened by hand for the demo's own
writes, then given back to their dates.
"""

import datetime
from contextlib import contextmanager

from django.utils import timezone

from thidua.accounts.models import User
from thidua.awards.catalogue import ensure_catalogue
from thidua.awards.models import AwardForm
from thidua.core.models import Notification
from thidua.emulation import demo_data as data
from thidua.emulation import services
from thidua.emulation.enums import PhaseKind, PhaseOverride, RegistrationState
from thidua.emulation.models import (
    Exemplar,
    Movement,
    MovementModel,
    MovementParticipation,
    MovementReport,
    Phase,
    Pledge,
    PledgeSignature,
    Registration,
)
from thidua.organizations.demo import QB_DISTRICTS, SEED_CLUSTER_NAME
from thidua.organizations.models import Cluster

D = datetime.date
PHASES_2024 = [
    (PhaseKind.REGISTRATION, D(2024, 1, 2), D(2024, 1, 31)),
    (PhaseKind.PLEDGE, D(2024, 1, 2), D(2024, 2, 29)),
    (PhaseKind.REPORTING, D(2024, 2, 1), D(2024, 11, 30)),
    (PhaseKind.SELF_ASSESSMENT, D(2024, 12, 1), D(2024, 12, 15)),
    (PhaseKind.REVIEW, D(2024, 12, 16), D(2024, 12, 24)),
    (PhaseKind.CONFERENCE, D(2024, 12, 25), D(2024, 12, 31)),
    (PhaseKind.PROPOSALS, D(2024, 12, 25), D(2024, 12, 31)),
]
UNIT_KEYS = [key for key, _kind, _name in QB_DISTRICTS]


def load():
    cluster = Cluster.objects.filter(name=SEED_CLUSTER_NAME).first()
    if cluster is None or Pledge.objects.filter(cluster_year__cluster=cluster).exists():
        return ""
    ensure_catalogue()
    last_notification = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ctx = _Context(cluster)
    _load_phases(ctx)
    _load_registrations(ctx)
    for year in (2023, 2024):
        _load_signed_pledge(ctx, year)
    _load_2025(ctx)
    movements = _load_movements(ctx)
    _load_documents(ctx, movements)
    _load_models_and_reports(ctx, movements)
    _load_exemplars(ctx, movements)
    _backdate(ctx)
    # What the demo did in 2024 is history, not news: no one should find it in their notifications today.
    Notification.objects.filter(pk__gt=last_notification).delete()
    return (
        f"{Registration.objects.filter(cluster_year__cluster=cluster).count()} đăng ký, "
        f"{Pledge.objects.filter(cluster_year__cluster=cluster).count()} giao ước, "
        f"{Movement.objects.count()} phong trào, {Exemplar.objects.count()} điển hình"
    )


class _Context:
    def __init__(self, cluster):
        self.cluster = cluster
        self.years = {cy.year: cy for cy in cluster.years.all()}
        self.units = {
            m.unit.code.removeprefix("qb-"): m.unit for m in self.years[2024].memberships.select_related("unit")
        }
        self.secretary = User.objects.get(username="thuky.cum")
        self.board = User.objects.get(username="bantdkt")
        self.officers = {k: User.objects.get(username=f"canbo.{k}") for k in UNIT_KEYS}
        self.heads = {k: User.objects.get(username=f"truong.{k}") for k in UNIT_KEYS}
        self.province = cluster.province


@contextmanager
def _opened(ctx, cluster_year, kind):
    """Open a past phase by hand for the demo's writes, then give it back to its dates."""
    phase = Phase.objects.get(cluster_year=cluster_year, kind=kind)
    services.set_phase_override(phase, PhaseOverride.OPENED, actor=ctx.secretary, reason="Nạp dữ liệu demo")
    yield
    services.set_phase_override(phase, PhaseOverride.BY_DATES, actor=ctx.secretary, reason="Nạp dữ liệu demo")


def _load_phases(ctx):
    for kind, starts_on, ends_on in PHASES_2024:
        services.set_phase_dates(ctx.years[2024], kind, starts_on=starts_on, ends_on=ends_on, actor=ctx.secretary)
    services.set_phase_dates(
        ctx.years[2023], PhaseKind.PLEDGE, starts_on=D(2023, 1, 3), ends_on=D(2023, 2, 28), actor=ctx.secretary
    )


def _forms(*codes):
    return list(AwardForm.objects.filter(code__in=codes))


def _save(registration, officer, key, year, *, with_people=True):
    provincial, grassroots, advanced = data.REGISTRATION_COUNTS[key]
    targets = {AwardForm.objects.get(code="chien-si-thi-dua-tinh"): provincial}
    if with_people:
        targets[AwardForm.objects.get(code="chien-si-thi-dua-co-so")] = grassroots
        targets[AwardForm.objects.get(code="lao-dong-tien-tien")] = advanced
    registration.refresh_from_db()
    return services.save_registration(
        registration,
        actor=officer,
        seen_version=registration.version,
        collective_forms=_forms("co-thi-dua-tinh", "tap-the-lao-dong-xuat-sac"),
        targets=targets,
        commitments=data.COMMITMENT.format(year=year),
    )


def _load_registrations(ctx):
    cluster_year = ctx.years[2024]
    submitted = RegistrationState.SUBMITTED
    with _opened(ctx, cluster_year, PhaseKind.REGISTRATION):
        registrations = {}
        for key in UNIT_KEYS:
            officer = ctx.officers[key]
            registration = services.registration_for(cluster_year, ctx.units[key], actor=officer)
            registration = _save(registration, officer, key, 2024, with_people=key != "lethuy")
            registrations[key] = services.set_registration_state(registration, submitted, actor=officer)
        lethuy = services.set_registration_state(
            registrations["lethuy"], RegistrationState.RETURNED, actor=ctx.secretary, reason=data.LETHUY_RETURN_REASON
        )
        lethuy = _save(lethuy, ctx.officers["lethuy"], "lethuy", 2024)
        registrations["lethuy"] = services.set_registration_state(lethuy, submitted, actor=ctx.officers["lethuy"])
        for registration in registrations.values():
            services.set_registration_state(registration, RegistrationState.APPROVED, actor=ctx.secretary)
    Registration.objects.filter(cluster_year=cluster_year).update(is_invented=True)


def _pledge_items(year):
    return [item.format(year=year) for item in data.PLEDGE_ITEMS]


def _load_signed_pledge(ctx, year):
    cluster_year = ctx.years[year]
    pledge = services.create_pledge(
        cluster_year,
        actor=ctx.secretary,
        motto=data.MOTTO,
        items=_pledge_items(year),
        preamble=(
            f"Thực hiện kế hoạch công tác thi đua, khen thưởng năm {year}, các đơn vị thành viên Cụm thi đua các "
            "huyện, thị xã, thành phố thống nhất ký kết giao ước thi đua với các nội dung sau:"
        ),
        signing_place="Quảng Bình",
        signing_date=D(year, 1, 20),
    )
    Pledge.objects.filter(pk=pledge.pk).update(is_invented=True)
    with _opened(ctx, cluster_year, PhaseKind.PLEDGE):
        services.set_pledge_state(pledge, "open", actor=ctx.secretary)
        for key in UNIT_KEYS:
            services.sign_pledge(pledge, actor=ctx.heads[key], unit=ctx.units[key])


def _load_2025(ctx):
    cluster_year = ctx.years[2025]
    for kind, start, end in (
        (PhaseKind.REGISTRATION, D(2025, 1, 2), D(2025, 1, 31)),
        (PhaseKind.PLEDGE, D(2025, 1, 2), D(2025, 2, 28)),
    ):
        phase = services.set_phase_dates(cluster_year, kind, starts_on=start, ends_on=end, actor=ctx.secretary)
        services.set_phase_override(
            phase, PhaseOverride.OPENED, actor=ctx.secretary, reason="Mở bằng tay để dùng thử bản demo"
        )
    pledge = services.create_pledge(
        cluster_year,
        actor=ctx.secretary,
        motto="Đoàn kết, sáng tạo, hoàn thành xuất sắc nhiệm vụ",
        items=_pledge_items(2025),
        signing_place="Quảng Bình",
    )
    Pledge.objects.filter(pk=pledge.pk).update(is_invented=True)
    services.set_pledge_state(pledge, "open", actor=ctx.secretary)


def _load_movements(ctx):
    movements = {}
    for key, name, level, kind, scope, targets in data.MOVEMENTS:
        links = {"provinces": [], "clusters": []}
        if scope == "province":
            links["provinces"] = [ctx.province]
        elif scope == "cluster":
            links = {"provinces": [ctx.province], "clusters": [ctx.cluster]}
        actor = ctx.secretary if scope == "cluster" else ctx.board
        movements[key] = services.create_movement(
            actor=actor, name=name, level=level, kind=kind, targets=targets, **links
        )
    for key in ("ntm", "ngheo", "hcm"):
        for unit_key in UNIT_KEYS:
            services.join_movement(movements[key], ctx.units[unit_key], actor=ctx.officers[unit_key])
    for movement_key, unit_key, *_rest in data.MODELS:
        if not MovementParticipation.objects.filter(
            movement=movements[movement_key], unit=ctx.units[unit_key]
        ).exists():
            services.join_movement(movements[movement_key], ctx.units[unit_key], actor=ctx.officers[unit_key])
    MovementParticipation.objects.update(is_invented=True)
    return movements


def _load_documents(ctx, movements):
    for number, issued_on, issuer, doc_type, summary, keys, invented in data.DOCUMENTS:
        services.create_guiding_document(
            actor=ctx.board,
            number=number,
            issued_on=issued_on,
            issuer=issuer,
            doc_type=doc_type,
            summary=summary,
            province=ctx.province if invented else None,
            movements=[movements[k] for k in keys],
            cluster_years=[ctx.years[2024]] if invented else [],
            note="" if invented else "Trích dẫn chưa đối chiếu với văn bản gốc.",
            is_invented=invented,
        )


def _load_models_and_reports(ctx, movements):
    for movement_key, unit_key, name, category, description in data.MODELS:
        services.record_movement_model(
            movements[movement_key],
            ctx.units[unit_key],
            actor=ctx.officers[unit_key],
            name=name,
            category=category,
            year=2024,
            description=description,
        )
    MovementModel.objects.update(is_invented=True)
    figures = {"donghoi": 0, "badon": 1, "lethuy": 3, "quangninh": 2, "botrach": 3, "quangtrach": 2}
    with _opened(ctx, ctx.years[2024], PhaseKind.REPORTING):
        for unit_key, new_communes in figures.items():
            participation = MovementParticipation.objects.get(movement=movements["ntm"], unit=ctx.units[unit_key])
            services.file_movement_report(
                participation,
                actor=ctx.officers[unit_key],
                year=2024,
                period="Cả năm",
                content="Tiếp tục huy động nguồn lực xây dựng nông thôn mới; nâng chất các tiêu chí đã đạt.",
                figures=[{"label": "Số xã đạt chuẩn nông thôn mới trong năm", "value": str(new_communes)}],
            )
    MovementReport.objects.update(is_invented=True)


def _load_exemplars(ctx, movements):
    for unit_key, kind, name, title, achievements, movement_key, model_name, decider in data.EXEMPLARS:
        unit = ctx.units[unit_key]
        model = MovementModel.objects.filter(unit=unit, name=model_name).first() if model_name else None
        exemplar = services.propose_exemplar(
            actor=ctx.officers[unit_key],
            unit=unit,
            kind=kind,
            name=name,
            title=title,
            year=2024,
            achievements=achievements,
            movement=movements[movement_key],
            movement_model=model,
            person=None,
            is_invented=True,
        )
        actor = ctx.secretary if decider == "cluster" else ctx.board
        services.set_exemplar_state(exemplar, "recognised", actor=actor)


def _at(day, hour=9, minute=0):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone.get_current_timezone())


def _backdate(ctx):
    """The services stamp today's time; the story happened in 2023-2024, so its dates are set back to then."""
    cluster_year = ctx.years[2024]
    registrations = Registration.objects.filter(cluster_year=cluster_year).order_by("unit__folded_name")
    for i, registration in enumerate(registrations):
        late = registration.unit.code == "qb-lethuy"
        Registration.objects.filter(pk=registration.pk).update(
            submitted_at=_at(D(2024, 1, 22) if late else D(2024, 1, 10 + i)), decided_at=_at(D(2024, 1, 25), 15)
        )
    for year in (2023, 2024):
        pledge = Pledge.objects.get(cluster_year=ctx.years[year])
        signatures = PledgeSignature.objects.filter(pledge=pledge).order_by("unit__folded_name")
        for i, signature in enumerate(signatures):
            PledgeSignature.objects.filter(pk=signature.pk).update(signed_at=_at(pledge.signing_date, 9, 5 * i))
        Pledge.objects.filter(pk=pledge.pk).update(
            opened_at=_at(pledge.signing_date, 8), completed_at=_at(pledge.signing_date, 9, 5 * (len(signatures) - 1))
        )
    MovementParticipation.objects.update(registered_at=_at(D(2024, 2, 15)))
    MovementReport.objects.update(reported_at=_at(D(2024, 11, 25)))
    MovementModel.objects.update(created_at=_at(D(2024, 6, 1)))
    Exemplar.objects.update(proposed_at=_at(D(2024, 11, 20)), decided_at=_at(D(2024, 12, 20)))
