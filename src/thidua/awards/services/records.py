"""Writes about the catalogue, rule sets, award records and the facts eligibility reads. Each one checks its
guard, saves, logs and notifies inside one transaction."""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import User
from thidua.awards.enums import (
    AchievementKind,
    DisciplineLevel,
    RecipientKind,
    RecordSource,
    ReviewKind,
    TaskCompletion,
)
from thidua.awards.models import AwardForm, AwardRecord, BaseSalary, DisciplineRecord, ReviewFlag, TaskRating
from thidua.awards.rules import RecordTarget
from thidua.awards.selectors import HONOUR_BOARD
from thidua.core import kernel
from thidua.core.services import log_action, notify, snapshot
from thidua.organizations.enums import Role
from thidua.organizations.models import Person, RoleAssignment, Unit
from thidua.organizations.selectors import unit_label_on

FIRST_YEAR = 1945
STALE = gettext_lazy("Dữ liệu vừa được người khác thay đổi. Trang đã hiện giá trị mới nhất; hãy kiểm tra và lưu lại.")


def _subject_fields(subject):
    if isinstance(subject, Unit):
        return {"unit": subject}
    if isinstance(subject, Person):
        return {"person": subject}
    raise kernel.Refusal(_("Đối tượng phải là một đơn vị hoặc một cá nhân."))


# ---------------------------------------------------------------- catalogue

FORM_FIELDS = ["name", "issuer", "legal_basis", "is_record_only", "note"]


@transaction.atomic
def correct_award_form(award_form, *, actor, seen_version, **changes):
    """Correct a catalogue row (name, issuer, basis, coefficient...). Refused if someone saved since it was opened."""
    kernel.require(actor, "awards.change_award_form", award_form)
    unknown = set(changes) - set(FORM_FIELDS)
    if unknown:
        raise kernel.Refusal(_("Không sửa được trường: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    if "name" in changes and not str(changes["name"]).strip():
        raise kernel.Refusal(_("Tên danh hiệu, hình thức không được để trống."))
    old = snapshot(award_form, FORM_FIELDS)
    updated = AwardForm.objects.filter(pk=award_form.pk, version=seen_version).update(
        **changes, version=F("version") + 1
    )
    if not updated:
        raise kernel.StaleEdit(STALE)
    award_form.refresh_from_db()
    HONOUR_BOARD.changed()  # the board prints the form's name
    log_action(actor, "award_form.corrected", award_form, old=old, new=snapshot(award_form, FORM_FIELDS))
    return award_form


# ---------------------------------------------------------------- award records


@dataclass
class DecisionItem:
    """One line of a commendation decision: what the proposals app passes to create_award_records_from_decision."""

    award_form: AwardForm
    year: int
    decision_number: str
    decision_date: datetime.date
    issuer: str
    unit: Unit | None = None
    person: Person | None = None
    person_unit: Unit | None = None
    achievement_kind: str = AchievementKind.ANNUAL
    period_from: datetime.date | None = None
    period_to: datetime.date | None = None
    summary: str = ""
    source_ref: str = ""
    is_invented: bool = False


def _recipient_errors(item):
    form = item.award_form
    if (item.unit is None) == (item.person is None):
        return [_("Phải ghi đúng một đối tượng được khen: một tập thể hoặc một cá nhân.")]
    if item.unit is not None and form.recipient_kind != RecipientKind.COLLECTIVE:
        return [_("%(form)s dành cho cá nhân, không tặng cho tập thể.") % {"form": form.name}]
    if item.person is not None and form.recipient_kind != RecipientKind.INDIVIDUAL:
        return [_("%(form)s dành cho tập thể, không tặng cho cá nhân.") % {"form": form.name}]
    return []


def _decision_errors(item):
    errors = []
    if not str(item.decision_number or "").strip():
        errors.append(_("Thiếu số quyết định."))
    if not str(item.issuer or "").strip():
        errors.append(_("Thiếu cấp, người ký quyết định."))
    if item.decision_date is None:
        errors.append(_("Thiếu ngày quyết định."))
    elif not (FIRST_YEAR <= int(item.year or 0) <= item.decision_date.year):
        errors.append(_("Năm thành tích phải từ %(first)s đến năm ra quyết định.") % {"first": FIRST_YEAR})
    if item.achievement_kind not in AchievementKind.values:
        errors.append(_("Loại thành tích không hợp lệ."))
    if item.period_from and item.period_to and item.period_to < item.period_from:
        errors.append(_("Thời gian thành tích: ngày kết thúc trước ngày bắt đầu."))
    return errors


def item_errors(item, *, existing=None):
    """The Vietnamese reasons an item cannot go into the register (empty when it can).

    existing: a set of duplicate_key() values already in the register (the importer fetches them in bulk).
    """
    errors = _recipient_errors(item) + _decision_errors(item)
    if not errors and _is_duplicate(item, existing):
        errors.append(
            _("%(form)s năm %(year)s đã có trong sổ cho đối tượng này: một thành tích chỉ khen một lần.")
            % {"form": item.award_form.name, "year": item.year}
        )
    return errors


def duplicate_key(form_id, year, unit_id, person_id, kind, number):
    # Thematic and ad-hoc awards may repeat in a year (different movements); the same decision may not.
    return (form_id, int(year), unit_id, person_id, kind, "" if kind == AchievementKind.ANNUAL else number.strip())


def _is_duplicate(item, existing):
    key = duplicate_key(
        item.award_form.pk,
        item.year,
        getattr(item.unit, "pk", None),
        getattr(item.person, "pk", None),
        item.achievement_kind,
        item.decision_number,
    )
    if existing is not None:
        return key in existing
    qs = AwardRecord.objects.filter(
        award_form=item.award_form,
        year=item.year,
        unit=item.unit,
        person=item.person,
        achievement_kind=item.achievement_kind,
        revoked_on__isnull=True,
    )
    if item.achievement_kind != AchievementKind.ANNUAL:
        qs = qs.filter(decision_number=item.decision_number.strip())
    return qs.exists()


def person_unit_in_year(person, year):
    """The unit the person worked in during the year (the latest post), or None."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    for position in person.positions.select_related("unit").order_by("-valid_from"):
        if (position.valid_from is None or position.valid_from <= last) and (
            position.valid_to is None or position.valid_to >= first
        ):
            return position.unit
    return None


def _unit_label(unit, day, cache):
    # Imports build thousands of records for a few hundred units: name each unit once per decision date.
    key = (unit.pk, day)
    if key not in cache:
        cache[key] = unit_label_on(unit, day)
    return cache[key]


def build_record(item, *, actor, source, import_batch=None, name_cache=None):
    """An unsaved AwardRecord with the names as they were on the decision date."""
    cache = {} if name_cache is None else name_cache
    day = item.decision_date
    if item.unit is not None:
        recipient_name = _unit_label(item.unit, day, cache)
        province = item.unit.province
    else:
        recipient_name = item.person.full_name
        province = item.person_unit.province if item.person_unit else item.person.province
    unit_name = _unit_label(item.person_unit, day, cache) if item.person_unit is not None else ""
    record = AwardRecord(
        award_form=item.award_form,
        unit=item.unit,
        person=item.person,
        person_unit=item.person_unit,
        recipient_name=recipient_name,
        person_unit_name=unit_name,
        province=province,
        decision_number=item.decision_number.strip(),
        decision_date=day,
        issuer=item.issuer.strip(),
        year=item.year,
        period_from=item.period_from,
        period_to=item.period_to,
        achievement_kind=item.achievement_kind,
        summary=item.summary,
        source=source,
        source_ref=item.source_ref,
        import_batch=import_batch,
        is_invented=item.is_invented,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record.set_folded_name()
    return record


RECORD_FIELDS = [
    "award_form_id",
    "year",
    "recipient_name",
    "decision_number",
    "decision_date",
    "issuer",
    "achievement_kind",
    "revoked_on",
    "revocation_reason",
    "revocation_decision",
]


@transaction.atomic
def create_award_records_from_decision(decision_items, *, actor, source=RecordSource.DECISION, notify_recipients=True):
    """Put every line of a decision into the register, all or none, and tell the recipients.

    Raises ValidationError listing each refused line ("Dòng 2: ...") and writes nothing if any line is refused.
    """
    items = list(decision_items)
    if not items:
        raise kernel.Refusal(_("Quyết định chưa có dòng khen thưởng nào."))
    errors, seen = [], set()
    for number, item in enumerate(items, start=1):
        if item.person is not None and item.person_unit is None:
            item.person_unit = person_unit_in_year(item.person, int(item.year))
        kernel.require(
            actor, "awards.record_awards", RecordTarget(item.unit or item.person, item.award_form, item.person_unit)
        )
        problems = item_errors(item)
        key = duplicate_key(
            item.award_form.pk,
            item.year,
            getattr(item.unit, "pk", None),
            getattr(item.person, "pk", None),
            item.achievement_kind,
            item.decision_number,
        )
        if not problems and key in seen:
            problems.append(_("Trùng với một dòng khác của cùng quyết định."))
        seen.add(key)
        errors += [_("Dòng %(n)s: %(e)s") % {"n": number, "e": e} for e in problems]
    if errors:
        raise kernel.Refusal(errors)
    records = []
    for item in items:
        record = build_record(item, actor=actor, source=source)
        record.save()
        log_action(
            actor,
            "award.recorded",
            record,
            new=snapshot(record, RECORD_FIELDS),
            unit_id=record.unit_id or record.person_unit_id,
            province_id=record.province_id,
        )
        records.append(record)
    HONOUR_BOARD.changed()
    if notify_recipients:
        _notify_recipients(records, revoked=False)
    return records


def create_award_record(item, *, actor, source=RecordSource.MANUAL):
    return create_award_records_from_decision([item], actor=actor, source=source)[0]


def recipient_users(records):
    """user id -> (user, records): the officers and heads of the recipient units and the people's own accounts."""

    unit_ids = {r.unit_id for r in records if r.unit_id} | {r.person_unit_id for r in records if r.person_unit_id}
    assignments = RoleAssignment.objects.filter(unit_id__in=unit_ids, role__in=Role.unit_roles()).select_related("user")
    by_unit = {}
    for assignment in assignments:
        by_unit.setdefault(assignment.unit_id, []).append(assignment.user)
    by_person = {}
    for user in User.objects.filter(person_id__in={r.person_id for r in records if r.person_id}, is_active=True):
        by_person.setdefault(user.person_id, []).append(user)
    result = {}
    for record in records:
        users = by_unit.get(record.unit_id or record.person_unit_id, []) + by_person.get(record.person_id, [])
        for user in users:
            result.setdefault(user.pk, (user, []))[1].append(record)
    return result


def _notify_recipients(records, *, revoked):
    for user, own in recipient_users(records).values():
        first = own[0]
        if revoked:
            title = _("Hủy bỏ khen thưởng: %(form)s năm %(year)s") % {"form": first.award_form.name, "year": first.year}
        elif len(own) == 1:
            title = _("Khen thưởng: %(form)s năm %(year)s") % {"form": first.award_form.name, "year": first.year}
        else:
            title = _("Khen thưởng: %(n)s dòng theo quyết định số %(number)s") % {
                "n": len(own),
                "number": first.decision_number,
            }
        body = "\n".join(f"{r.recipient_name}: {r.award_form.name} {r.year} ({r.decision_number})" for r in own)
        notify([user], title, body=body, url=reverse("awards:record_detail", args=[first.pk]))


@transaction.atomic
def revoke_award_record(
    record, *, actor, reason, decision="", revoked_on=None, seen_version=None, notify_recipients=True
):
    """Cancel an award (fraud, false dossier, standard not met). It stays in the register, marked; it stops counting."""
    kernel.require(actor, "awards.revoke_record", record)
    if record.revoked_on:
        raise kernel.Refusal(_("Bản ghi này đã bị hủy bỏ trước đó."))
    if not str(reason or "").strip():
        raise kernel.Refusal(_("Phải ghi lý do hủy bỏ khen thưởng."))
    revoked_on = revoked_on or timezone.localdate()
    if revoked_on < record.decision_date:
        raise kernel.Refusal(_("Ngày hủy bỏ không thể trước ngày quyết định khen thưởng."))
    old = snapshot(record, RECORD_FIELDS)
    updated = AwardRecord.objects.filter(
        pk=record.pk, version=record.version if seen_version is None else seen_version, revoked_on__isnull=True
    ).update(
        revoked_on=revoked_on,
        revocation_reason=reason.strip(),
        revocation_decision=decision.strip(),
        version=F("version") + 1,
    )
    if not updated:
        raise kernel.StaleEdit(STALE)
    record.refresh_from_db()
    HONOUR_BOARD.changed()
    log_action(
        actor,
        "award.revoked",
        record,
        old=old,
        new=snapshot(record, RECORD_FIELDS),
        note=reason,
        unit_id=record.unit_id or record.person_unit_id,
        province_id=record.province_id,
    )
    if notify_recipients:
        _notify_recipients([record], revoked=True)
    return record


# ---------------------------------------------------------------- facts eligibility reads


def _subject_scope(subject):
    if isinstance(subject, Unit):
        return {"unit_id": subject.pk, "province_id": subject.province_id}
    return {"province_id": subject.province_id}


@transaction.atomic
def set_task_rating(subject, *, year, completion, actor, basis="", seen_version=None):
    """Record (or correct) a person's or unit's task-completion rating for a year."""
    kernel.require(actor, "awards.rate_subject", subject)
    fields = _subject_fields(subject)
    if completion not in TaskCompletion.values:
        raise kernel.Refusal(_("Mức độ hoàn thành nhiệm vụ không hợp lệ."))
    if not (FIRST_YEAR <= int(year) <= timezone.localdate().year):
        raise kernel.Refusal(_("Năm đánh giá không hợp lệ."))
    rating = TaskRating.objects.select_for_update().filter(**fields, year=year).first()
    old = snapshot(rating, ["completion", "basis"]) if rating else {}
    if rating is None:
        rating = TaskRating.objects.create(**fields, year=year, completion=completion, basis=basis, created_by=actor)
    else:
        if seen_version is not None and rating.version != seen_version:
            raise kernel.StaleEdit(STALE)
        rating.completion, rating.basis, rating.version = completion, basis, rating.version + 1
        rating.save(update_fields=["completion", "basis", "version"])
    log_action(
        actor,
        "task_rating.set",
        rating,
        old=old,
        new={**snapshot(rating, ["completion", "basis"]), "year": year},
        **_subject_scope(subject),
    )
    return rating


@transaction.atomic
def record_discipline(subject, *, level, starts_on, actor, ends_on=None, decision="", reason=""):
    kernel.require(actor, "awards.record_discipline", subject)
    if level not in DisciplineLevel.values:
        raise kernel.Refusal(_("Hình thức kỷ luật không hợp lệ."))
    if ends_on and ends_on < starts_on:
        raise kernel.Refusal(_("Ngày kết thúc kỷ luật phải sau ngày bắt đầu."))
    record = DisciplineRecord.objects.create(
        **_subject_fields(subject),
        level=level,
        starts_on=starts_on,
        ends_on=ends_on,
        decision=decision,
        reason=reason,
        created_by=actor,
    )
    log_action(
        actor,
        "discipline.recorded",
        record,
        new=snapshot(record, ["level", "starts_on", "ends_on", "decision"]),
        **_subject_scope(subject),
    )
    return record


@transaction.atomic
def open_review_flag(subject, *, kind, opened_on, actor, description=""):
    kernel.require(actor, "awards.record_discipline", subject)
    if kind not in ReviewKind.values:
        raise kernel.Refusal(_("Loại việc xem xét không hợp lệ."))
    flag = ReviewFlag.objects.create(
        **_subject_fields(subject), kind=kind, opened_on=opened_on, description=description, created_by=actor
    )
    log_action(
        actor,
        "review_flag.opened",
        flag,
        new=snapshot(flag, ["kind", "opened_on", "description"]),
        **_subject_scope(subject),
    )
    return flag


@transaction.atomic
def close_review_flag(flag, *, closed_on, actor, outcome="", seen_version=None):
    kernel.require(actor, "awards.record_discipline", flag.subject)
    if closed_on < flag.opened_on:
        raise kernel.Refusal(_("Ngày kết thúc phải sau ngày bắt đầu."))
    updated = ReviewFlag.objects.filter(
        pk=flag.pk, closed_on__isnull=True, version=flag.version if seen_version is None else seen_version
    ).update(closed_on=closed_on, outcome=outcome, version=F("version") + 1)
    if not updated:
        raise kernel.StaleEdit(STALE)
    flag.refresh_from_db()
    log_action(
        actor, "review_flag.closed", flag, new=snapshot(flag, ["closed_on", "outcome"]), **_subject_scope(flag.subject)
    )
    return flag


# ---------------------------------------------------------------- base salary

# A storage guard, not a legal number: the column holds whole đồng up to 2^31 - 1.
MAX_AMOUNT = 2_000_000_000


@transaction.atomic
def add_base_salary(*, actor, amount, valid_from, citation, source="", note="", is_verified=False):
    """Extend the base-salary table with the amount a new decree sets from a date (it holds until the next row)."""
    kernel.require(actor, "awards.change_base_salary")
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= MAX_AMOUNT:
        kernel.refuse(_("Mức lương cơ sở phải là số đồng nguyên dương, không quá %(max)s."), max=f"{MAX_AMOUNT:,}")
    if not isinstance(valid_from, datetime.date):
        kernel.refuse(_("Hãy nhập ngày áp dụng."))
    if not str(citation or "").strip():
        kernel.refuse(_("Hãy ghi căn cứ (văn bản quy định mức lương cơ sở)."))
    if BaseSalary.objects.filter(valid_from=valid_from).exists():
        kernel.refuse(_("Đã có mức lương cơ sở áp dụng từ ngày %(d)s."), d=f"{valid_from:%d/%m/%Y}")
    try:
        with transaction.atomic():
            row = BaseSalary.objects.create(
                amount=amount,
                valid_from=valid_from,
                citation=str(citation).strip()[:300],
                source=str(source or "").strip()[:500],
                note=str(note or "").strip(),
                is_verified=bool(is_verified),
                created_by=actor,
            )
    except IntegrityError:  # the same date added by someone else a moment ago
        kernel.refuse(_("Đã có mức lương cơ sở áp dụng từ ngày %(d)s."), d=f"{valid_from:%d/%m/%Y}")
    kernel.log(
        actor,
        "base_salary.added",
        row,
        new={"amount": amount, "valid_from": valid_from.isoformat(), "citation": row.citation},
    )
    return row
