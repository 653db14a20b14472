"""Writes about accounts and their roles. Each checks the permission, locks, validates, saves, logs and notifies
in one transaction (core.kernel). The board manages the accounts of its province; administrators all of them."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.services import new_temporary_password, set_temporary_password
from thidua.core import kernel
from thidua.core.services import notify
from thidua.organizations.enums import LineageRole, Role
from thidua.organizations.models import RoleAssignment
from thidua.organizations.selectors import provinces_and_successors

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,149}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^\+?[0-9 .-]{8,20}$")


def _d(day):
    return day.strftime("%d/%m/%Y")


def build_role(user, role, *, unit=None, cluster_year=None, province=None, valid_from=None, valid_to=None):
    """An unsaved role row with exactly the scope the role needs (the others are dropped)."""
    if role not in Role.values:
        kernel.refuse(_("Vai trò không hợp lệ: %(role)s."), role=role)
    field = RoleAssignment.SCOPE_FIELD[role]
    scopes = {"unit": unit, "cluster_year": cluster_year, "province": province}
    kwargs = {field: scopes[field]} if field else {}
    return RoleAssignment(user=user, role=role, valid_from=valid_from, valid_to=valid_to, **kwargs)


def check_contact(username, email, phone, *, exclude_pk=None):
    """Refuse a login that is taken or malformed and a contact that is neither an e-mail nor a phone number."""
    if not USERNAME_RE.match(username or ""):
        kernel.refuse(
            _(
                "Tên đăng nhập “%(username)s” không hợp lệ: dùng chữ thường không dấu, chữ số, dấu chấm, gạch "
                "ngang hoặc gạch dưới (2 đến 150 ký tự)."
            ),
            username=username,
        )
    if User.objects.filter(username__iexact=username).exclude(pk=exclude_pk).exists():
        kernel.refuse(_("Tên đăng nhập “%(username)s” đã có người dùng."), username=username)
    if email and not EMAIL_RE.match(email):
        kernel.refuse(_("E-mail “%(email)s” không hợp lệ."), email=email)
    if phone and not PHONE_RE.match(phone):
        kernel.refuse(_("Số điện thoại “%(phone)s” không hợp lệ."), phone=phone)
    if not email and not phone:
        kernel.refuse(_("Cần ít nhất một e-mail hoặc số điện thoại để liên hệ với người dùng."))


def split_contact(contact):
    """One column "e-mail hoặc điện thoại" -> (email, phone)."""
    contact = (contact or "").strip()
    return (contact.lower(), "") if "@" in contact else ("", contact)


def _check_role(assignment):
    # clean() is what the admin's form asks too; its ValidationError becomes the kernel's refusal.
    try:
        assignment.clean()
    except ValidationError as error:
        raise kernel.Refusal(error.messages) from error


@transaction.atomic
def create_account(
    *,
    actor,
    full_name,
    username,
    email="",
    phone="",
    role,
    unit=None,
    cluster_year=None,
    province=None,
    valid_from=None,
):
    """One form: an account with its first role and scope, and a temporary password to change at first login.

    Returns (user, temporary password); the password is shown once and never stored in clear."""
    kernel.require(actor, "organizations.manage_accounts")
    full_name, username = " ".join((full_name or "").split()), (username or "").strip().lower()
    if not full_name:
        kernel.refuse(_("Cần nhập họ và tên."))
    check_contact(username, email, phone)
    assignment = build_role(None, role, unit=unit, cluster_year=cluster_year, province=province, valid_from=valid_from)
    kernel.require(actor, "organizations.grant_role", assignment)
    _check_role(assignment)
    raw = new_temporary_password()
    user = User(username=username, full_name=full_name, email=email, phone=phone, must_change_password=True)
    user.set_password(raw)
    user.save()
    assignment.user = user
    assignment.save()
    kernel.log(
        actor,
        "account.created",
        user,
        new={"username": username, "role": role, "scope": str(assignment.scope_object or "")},
        province_id=assignment.scope_province_id,
    )
    return user, raw


def _locked_user(user):
    return User.objects.select_for_update().get(pk=user.pk)


@transaction.atomic
def add_role(user, *, actor, role, unit=None, cluster_year=None, province=None, valid_from=None, valid_to=None):
    """Give an account one more role. The same role on the same scope for an overlapping period is refused."""
    kernel.require(actor, "organizations.manage_account", user)
    _locked_user(user)  # two boards adding the same role at once: the second sees the first's row
    assignment = build_role(
        user, role, unit=unit, cluster_year=cluster_year, province=province, valid_from=valid_from, valid_to=valid_to
    )
    kernel.require(actor, "organizations.grant_role", assignment)
    _check_role(assignment)
    assignment.save()
    kernel.log(
        actor,
        "role.granted",
        assignment,
        new={"user": user.pk, "role": role, "scope": str(assignment.scope_object or ""), "valid_to": valid_to},
        province_id=assignment.scope_province_id,
    )
    return assignment


@transaction.atomic
def end_role(assignment, *, actor, on_date=None):
    """End a role on a day (its last day; today by default). An ended role can be ended earlier, never revived."""
    kernel.require(actor, "organizations.manage_account", assignment.user)
    kernel.require(actor, "organizations.grant_role", assignment)
    locked = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    on_date = on_date or timezone.localdate()
    if locked.valid_from and on_date < locked.valid_from:
        kernel.refuse(
            _("Ngày kết thúc %(end)s trước ngày bắt đầu vai trò %(start)s."),
            end=_d(on_date),
            start=_d(locked.valid_from),
        )
    if locked.valid_to is not None and locked.valid_to <= on_date:
        kernel.refuse(_("Vai trò này đã kết thúc ngày %(end)s."), end=_d(locked.valid_to))
    old = locked.valid_to
    locked.valid_to = on_date
    locked.save(update_fields=["valid_to"])
    kernel.log(
        actor,
        "role.ended",
        locked,
        old={"valid_to": old},
        new={"valid_to": on_date},
        province_id=locked.scope_province_id,
    )
    return kernel.sync(assignment, locked)


@transaction.atomic
def set_account_active(user, *, actor, active):
    """Close or reopen an account. Closing ends its API tokens (accounts.models.User.save) and its sessions' use."""
    kernel.require(actor, "organizations.manage_account", user)
    if actor is not None and actor.pk == user.pk and not active:
        kernel.refuse(_("Không thể tự khóa tài khoản của chính mình."))
    locked = _locked_user(user)
    if locked.is_active == active:
        return kernel.sync(user, locked)
    locked.is_active = active
    locked.save(update_fields=["is_active"])
    kernel.log(actor, "account.activated" if active else "account.deactivated", locked, new={"is_active": active})
    return kernel.sync(user, locked)


@transaction.atomic
def reset_temporary_password(user, *, actor):
    """A new temporary password for someone who lost theirs (shown once); it must be changed at first login."""
    kernel.require(actor, "organizations.manage_account", user)
    if not user.is_active:
        kernel.refuse(_("Tài khoản đã bị khóa; hãy mở khóa trước khi cấp mật khẩu tạm."))
    return set_temporary_password(_locked_user(user), actor=actor)


# When a unit ends (organizations.services.record_lineage_event) its people's roles end with it.


def end_roles_of_ended_units(units, last_day, *, event, actor=None):
    """End, on `last_day`, the roles held on these units that run past it, and tell the board of each province
    with a link to the page that moves them to the successor. Runs inside the lineage event's transaction."""
    rows = list(
        RoleAssignment.objects.select_for_update()
        .filter(unit__in=units)
        .exclude(valid_to__lte=last_day)
        .exclude(valid_from__gt=last_day)
        .select_related("unit", "user")
    )
    for row in rows:
        old = row.valid_to
        row.valid_to = last_day
        row.save(update_fields=["valid_to"])
        kernel.log(
            actor,
            "role.ended",
            row,
            old={"valid_to": old},
            new={"valid_to": last_day},
            note=str(event),
            province_id=row.unit.province_id,
        )
    if rows:
        _tell_boards(rows, event)
    return rows


def _tell_boards(rows, event):
    province_ids = {row.unit.province_id for row in rows}
    today = timezone.localdate()
    boards = (
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.BOARD_OFFICER,
            role_assignments__province__in=provinces_and_successors(province_ids),
        )
        .exclude(role_assignments__valid_to__lt=today)
        .distinct()
    )
    names = ", ".join(sorted({row.unit.name for row in rows}))
    notify(
        list(boards),
        _("Vai trò của %(count)s tài khoản đã kết thúc cùng đơn vị (%(units)s)") % {"count": len(rows), "units": names},
        body=_(
            "Các đơn vị này kết thúc theo sự kiện ngày %(date)s. Mở trang để chuyển từng tài khoản sang đơn vị "
            "kế tục bằng một lần bấm."
        )
        % {"date": _d(event.date)},
        url=reverse("organizations:account_move", args=[event.pk]),
        dedup_key=f"roles-ended-{event.pk}",
    )


@transaction.atomic
def move_role_to_successor(assignment, successor, *, actor, event):
    """Give the account the same role on the unit that carries on, from the event's day (one click per account)."""
    kernel.require(actor, "organizations.manage_account", assignment.user)
    new = build_role(assignment.user, assignment.role, unit=successor, valid_from=event.date)
    kernel.require(actor, "organizations.grant_role", new)
    successor_ids = {link.unit_id for link in event.links.all() if link.role == LineageRole.SUCCESSOR}
    if successor.pk not in successor_ids:
        kernel.refuse(_("%(unit)s không phải đơn vị kế tục trong sự kiện này."), unit=successor.name)
    _locked_user(assignment.user)
    _check_role(new)
    new.save()
    kernel.log(
        actor,
        "role.moved",
        new,
        old={"unit": assignment.unit_id},
        new={"unit": successor.pk, "role": new.role, "valid_from": event.date},
        note=str(event),
        province_id=successor.province_id,
    )
    return new


__all__ = [
    "add_role",
    "create_account",
    "end_role",
    "end_roles_of_ended_units",
    "move_role_to_successor",
    "reset_temporary_password",
    "set_account_active",
]
