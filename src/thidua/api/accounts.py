"""Accounts and roles over the API: the same services and permission names as the pages
(organizations.view_accounts, view_account, manage_accounts, manage_account, grant_role)."""

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.responses import Status

from thidua.accounts.models import User
from thidua.api.common import AUTH, paginate, require_perm
from thidua.organizations.models import ClusterYear, Province, RoleAssignment, Unit
from thidua.organizations.selectors import accounts as account_selectors
from thidua.organizations.services import accounts as account_services

router = Router(tags=["accounts"], auth=AUTH)


class RoleOut(Schema):
    id: int
    role: str
    role_label: str
    unit_id: int | None
    cluster_year_id: int | None
    province_id: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class AccountOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    phone: str
    is_active: bool
    must_change_password: bool
    roles: list[RoleOut]


class AccountPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[AccountOut]


class RoleIn(Schema):
    role: str
    unit_id: int | None = None
    cluster_year_id: int | None = None
    province_id: int | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


class AccountIn(Schema):
    full_name: str
    username: str
    email: str = ""
    phone: str = ""
    role: str
    unit_id: int | None = None
    cluster_year_id: int | None = None
    province_id: int | None = None
    valid_from: datetime.date | None = None


class CreatedOut(Schema):
    account: AccountOut
    temporary_password: str


class EndRoleIn(Schema):
    on_date: datetime.date | None = None


class ActiveIn(Schema):
    active: bool


def _role(r):
    return {
        "id": r.pk,
        "role": r.role,
        "role_label": str(r.get_role_display()),
        "unit_id": r.unit_id,
        "cluster_year_id": r.cluster_year_id,
        "province_id": r.province_id,
        "valid_from": r.valid_from,
        "valid_to": r.valid_to,
    }


def _account(user, roles=None):
    roles = user.role_assignments.all() if roles is None else roles
    return {
        "id": user.pk,
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "phone": user.phone,
        "is_active": user.is_active,
        "must_change_password": user.must_change_password,
        "roles": [_role(r) for r in roles],
    }


def _scope(unit_id, cluster_year_id, province_id):
    """The scope objects named by id; an id that names nothing is 404, like any other missing object."""
    return {
        "unit": get_object_or_404(Unit, pk=unit_id) if unit_id else None,
        "cluster_year": get_object_or_404(ClusterYear.objects.select_related("cluster"), pk=cluster_year_id)
        if cluster_year_id
        else None,
        "province": get_object_or_404(Province, pk=province_id) if province_id else None,
    }


def _visible_account(request, account_id):
    account = get_object_or_404(User, pk=account_id)
    if not request.user.has_perm("organizations.view_account", account):
        raise Http404
    return account


@router.get("/accounts", response=AccountPage, summary="Tài khoản trong phạm vi (tìm có dấu hoặc không dấu)")
def list_accounts(request, q: str = "", active: bool | None = None, limit: int = 50, offset: int = 0):
    require_perm(request, "organizations.view_accounts")
    qs = account_selectors.accounts_visible_to(request.user, q, active=active)
    items, limit, offset = paginate(qs, limit, offset)
    return {"count": qs.count(), "limit": limit, "offset": offset, "items": [_account(u) for u in items]}


@router.get("/accounts/{account_id}", response=AccountOut, summary="Một tài khoản với các vai trò")
def get_account(request, account_id: int):
    account = _visible_account(request, account_id)
    return _account(account, account_selectors.roles_of(account))


@router.post("/accounts", response={201: CreatedOut}, summary="Tạo tài khoản với vai trò (mật khẩu tạm trả về một lần)")
def create_account(request, payload: AccountIn):
    require_perm(request, "organizations.manage_accounts")
    user, password = account_services.create_account(
        actor=request.user,
        full_name=payload.full_name,
        username=payload.username,
        email=payload.email,
        phone=payload.phone,
        role=payload.role,
        valid_from=payload.valid_from,
        **_scope(payload.unit_id, payload.cluster_year_id, payload.province_id),
    )
    return Status(201, {"account": _account(user, account_selectors.roles_of(user)), "temporary_password": password})


@router.post("/accounts/{account_id}/roles", response={201: RoleOut}, summary="Thêm vai trò cho tài khoản")
def add_role(request, account_id: int, payload: RoleIn):
    account = _visible_account(request, account_id)
    require_perm(request, "organizations.manage_account", account)
    assignment = account_services.add_role(
        account,
        actor=request.user,
        role=payload.role,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
        **_scope(payload.unit_id, payload.cluster_year_id, payload.province_id),
    )
    return Status(201, _role(assignment))


@router.post("/role-assignments/{role_id}/end", response=RoleOut, summary="Kết thúc một vai trò")
def end_role(request, role_id: int, payload: EndRoleIn):
    assignment = get_object_or_404(RoleAssignment.objects.select_related("user"), pk=role_id)
    _visible_account(request, assignment.user_id)
    require_perm(request, "organizations.manage_account", assignment.user)
    return _role(account_services.end_role(assignment, actor=request.user, on_date=payload.on_date))


@router.post("/accounts/{account_id}/active", response=AccountOut, summary="Khóa hoặc mở khóa tài khoản")
def set_active(request, account_id: int, payload: ActiveIn):
    account = _visible_account(request, account_id)
    require_perm(request, "organizations.manage_account", account)
    account = account_services.set_account_active(account, actor=request.user, active=payload.active)
    return _account(account, account_selectors.roles_of(account))
