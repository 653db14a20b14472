"""Writes about people and their posts: a unit's officer keeps the unit's people, the board its province's.

Each write goes through the service kernel: the permission (organizations.add_person, change_person,
change_position), a lock on the row, the checks, the save with update_fields, the log entry, all in one transaction.
Edits carry the version the user read; a lost edit race is kernel.StaleEdit.
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.core.services import notify, snapshot
from thidua.core.text import fold
from thidua.organizations.enums import Gender, Role
from thidua.organizations.models import Person, Position, RoleAssignment
from thidua.organizations.selectors import changeable_provinces

ONE_DAY = datetime.timedelta(days=1)
PERSON_FIELDS = ["full_name", "gender", "birth_date", "is_direct_labourer"]
POSITION_FIELDS = ["title", "valid_from", "valid_to"]


def _d(day):
    return day.strftime("%d/%m/%Y")


def _clean_person(full_name, gender, birth_date):
    full_name = " ".join((full_name or "").split())
    if not full_name:
        kernel.refuse(_("Họ và tên không được để trống."))
    if len(full_name) > Person._meta.get_field("full_name").max_length:  # noqa: SLF001 - Django's model metadata
        kernel.refuse(_("Họ và tên quá dài."))
    if gender not in Gender.values:
        kernel.refuse(_("Giới tính phải là Nam, Nữ hoặc Khác."))
    if birth_date is not None and birth_date > timezone.localdate():
        kernel.refuse(_("Ngày sinh %(d)s chưa đến.") % {"d": _d(birth_date)})
    return full_name


def _clean_post(unit, title, valid_from, valid_to):
    title = " ".join((title or "").split())
    if not title:
        kernel.refuse(_("Hãy ghi chức vụ tại %(unit)s.") % {"unit": unit.full_name})
    if len(title) > Position._meta.get_field("title").max_length:  # noqa: SLF001 - Django's model metadata
        kernel.refuse(_("Chức vụ quá dài."))
    if valid_from and valid_to and valid_to < valid_from:
        kernel.refuse(
            _("Ngày kết thúc %(end)s trước ngày bắt đầu %(start)s.") % {"end": _d(valid_to), "start": _d(valid_from)}
        )
    day = valid_from or timezone.localdate()
    if not unit.is_active_on(day):
        kernel.refuse(_("%(unit)s không hoạt động vào ngày %(d)s.") % {"unit": unit.full_name, "d": _d(day)})
    return title


def _overlaps(position, valid_from, valid_to):
    starts_before_end = valid_to is None or position.valid_from is None or position.valid_from <= valid_to
    ends_after_start = valid_from is None or position.valid_to is None or position.valid_to >= valid_from
    return starts_before_end and ends_after_start


def _refuse_overlap(person, unit, valid_from, valid_to, *, exclude=None):
    for post in person.positions.filter(unit=unit).exclude(pk=getattr(exclude, "pk", None)):
        if _overlaps(post, valid_from, valid_to):
            kernel.refuse(
                _("%(person)s đã có chức vụ “%(title)s” tại %(unit)s trong thời gian này.")
                % {"person": person.full_name, "title": post.title, "unit": unit.full_name}
            )


@transaction.atomic
def create_person(
    *,
    actor,
    full_name,
    gender,
    unit=None,
    title="",
    valid_from=None,
    province=None,
    birth_date=None,
    is_direct_labourer=False,
):
    """A new person, with their post in `unit` from `valid_from`. Without a unit only the board (or the system)
    adds someone, into its province; a unit's officer adds people to their own unit."""
    kernel.require(actor, "organizations.add_person", unit)
    if unit is None and actor is not None and not changeable_provinces(actor).filter(pk=getattr(province, "pk", None)):
        # A person with no post belongs to no unit's officer: only the board of the province keeps them.
        kernel.refuse(_("Hãy chọn đơn vị công tác của người này."))
    full_name = _clean_person(full_name, gender, birth_date)
    province = unit.province if unit is not None else province
    if province is None:
        kernel.refuse(_("Hãy chọn tỉnh của người này."))
    if unit is not None:
        title = _clean_post(unit, title, valid_from, None)
        same = Position.objects.filter(
            unit=unit, person__folded_name=fold(full_name), person__birth_date=birth_date
        ).exists()
        if same:
            kernel.refuse(
                _("%(person)s (cùng ngày sinh) đã có trong danh sách của %(unit)s.")
                % {"person": full_name, "unit": unit.full_name}
            )
    person = Person.objects.create(
        full_name=full_name,
        gender=gender,
        birth_date=birth_date,
        province=province,
        is_direct_labourer=is_direct_labourer,
    )
    new = snapshot(person, PERSON_FIELDS)
    if unit is not None:
        Position.objects.create(person=person, unit=unit, title=title, valid_from=valid_from)
        new |= {"unit": unit.pk, "title": title, "valid_from": valid_from}
    kernel.log(actor, "person.created", person, new=new, unit_id=getattr(unit, "pk", None), province_id=province.pk)
    return person


def _locked_person(person, seen_version):
    locked = Person.objects.select_for_update().get(pk=person.pk)
    kernel.check_version(locked, seen_version)
    return locked


@transaction.atomic
def update_person(person, *, actor, seen_version=None, **changes):
    """Correct a person's name, gender, birth date or the direct-labourer flag."""
    kernel.require(actor, "organizations.change_person", person)
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        kernel.refuse(_("Không sửa được trường: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    locked = _locked_person(person, seen_version)
    values = {name: changes.get(name, getattr(locked, name)) for name in PERSON_FIELDS}
    values["full_name"] = _clean_person(values["full_name"], values["gender"], values["birth_date"])
    old = snapshot(locked, PERSON_FIELDS)
    for name in PERSON_FIELDS:
        setattr(locked, name, values[name])
    new = snapshot(locked, PERSON_FIELDS)
    if new == old:
        return kernel.sync(person, locked)
    locked.folded_name = fold(locked.full_name)
    locked.version += 1
    locked.save(update_fields=[*PERSON_FIELDS, "folded_name", "version"])
    changed = [name for name in PERSON_FIELDS if old[name] != new[name]]
    kernel.log(
        actor,
        "person.changed",
        locked,
        old={k: old[k] for k in changed},
        new={k: new[k] for k in changed},
        province_id=locked.province_id,
    )
    return kernel.sync(person, locked)


@transaction.atomic
def add_position(person, *, actor, unit, title, valid_from=None, valid_to=None):
    """A further post of a person: in their own unit by the unit's officer, anywhere in its province by the board."""
    kernel.require(actor, "organizations.change_person", person)
    kernel.require(actor, "organizations.add_person", unit)
    locked = Person.objects.select_for_update().get(pk=person.pk)
    title = _clean_post(unit, title, valid_from, valid_to)
    _refuse_overlap(locked, unit, valid_from, valid_to)
    position = Position.objects.create(person=locked, unit=unit, title=title, valid_from=valid_from, valid_to=valid_to)
    kernel.log(actor, "position.added", position, new={"person": locked.pk, **snapshot(position, POSITION_FIELDS)})
    return position


@transaction.atomic
def update_position(position, *, actor, seen_version=None, **changes):
    """Correct a post's title or dates, or end it (valid_to)."""
    kernel.require(actor, "organizations.change_position", position)
    unknown = set(changes) - set(POSITION_FIELDS)
    if unknown:
        kernel.refuse(_("Không sửa được trường: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    locked = Position.objects.select_for_update().select_related("unit", "person").get(pk=position.pk)
    kernel.check_version(locked, seen_version)
    old = snapshot(locked, POSITION_FIELDS)
    values = {name: changes.get(name, getattr(locked, name)) for name in POSITION_FIELDS}
    values["title"] = _clean_post(locked.unit, values["title"], values["valid_from"], values["valid_to"])
    _refuse_overlap(locked.person, locked.unit, values["valid_from"], values["valid_to"], exclude=locked)
    for name in POSITION_FIELDS:
        setattr(locked, name, values[name])
    new = snapshot(locked, POSITION_FIELDS)
    if new == old:
        return kernel.sync(position, locked)
    locked.version += 1
    locked.save(update_fields=[*POSITION_FIELDS, "version"])
    changed = [name for name in POSITION_FIELDS if old[name] != new[name]]
    kernel.log(actor, "position.changed", locked, old={k: old[k] for k in changed}, new={k: new[k] for k in changed})
    return kernel.sync(position, locked)


@transaction.atomic
def transfer_person(position, *, actor, to_unit, title, date, seen_version=None):
    """Chuyển công tác: the post `position` ends the day before `date` and a post in `to_unit` opens on `date`.

    The officer of the unit the person leaves (or the board) transfers; the receiving unit's officers are told."""
    kernel.require(actor, "organizations.change_position", position)
    if date is None:
        kernel.refuse(_("Hãy ghi ngày chuyển công tác."))
    locked = Position.objects.select_for_update().select_related("unit", "person").get(pk=position.pk)
    kernel.check_version(locked, seen_version)
    person = locked.person
    if to_unit.pk == locked.unit_id:
        kernel.refuse(_("Đơn vị mới trùng với đơn vị đang công tác."))
    if not locked.is_current(date - ONE_DAY) and not locked.is_current(date):
        kernel.refuse(
            _("Chức vụ “%(title)s” tại %(unit)s không có hiệu lực vào ngày %(d)s.")
            % {"title": locked.title, "unit": locked.unit.full_name, "d": _d(date)}
        )
    if locked.valid_from is not None and locked.valid_from >= date:
        kernel.refuse(
            _("Ngày chuyển công tác phải sau ngày bắt đầu chức vụ hiện tại (%(d)s).") % {"d": _d(locked.valid_from)}
        )
    title = _clean_post(to_unit, title, date, None)
    _refuse_overlap(person, to_unit, date, None)
    old_end = locked.valid_to
    locked.valid_to = date - ONE_DAY
    locked.version += 1
    locked.save(update_fields=["valid_to", "version"])
    new_post = Position.objects.create(person=person, unit=to_unit, title=title, valid_from=date)
    kernel.log(
        actor,
        "person.transferred",
        locked,
        old={"unit": locked.unit_id, "valid_to": old_end},
        new={"person": person.pk, "unit": to_unit.pk, "title": title, "date": date, "valid_to": locked.valid_to},
    )
    kernel.log(actor, "position.added", new_post, new={"person": person.pk, **snapshot(new_post, POSITION_FIELDS)})
    _tell_receiving_unit(person, locked.unit, to_unit, date)
    kernel.sync(position, locked)
    return new_post


def _tell_receiving_unit(person, from_unit, to_unit, date):
    officers = [
        a.user
        for a in RoleAssignment.objects.filter(unit=to_unit, role=Role.UNIT_OFFICER).select_related("user")
        if a.user.is_active
    ]
    notify(
        officers,
        _("%(person)s chuyển công tác về %(unit)s") % {"person": person.full_name, "unit": to_unit.full_name},
        body=_("Từ %(from)s, từ ngày %(d)s.") % {"from": from_unit.full_name, "d": _d(date)},
        url=reverse("organizations:person_detail", args=[person.pk]),
    )
