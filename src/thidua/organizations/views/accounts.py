"""Account pages: the board manages its province's accounts, the cluster's secretariat reads its members', the
administrator manages all. Each page asks the same rules permission as the API and calls one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.models import User
from thidua.core import web
from thidua.core.exports import Column, list_export, xlsx_response
from thidua.organizations import account_import as importer
from thidua.organizations.forms.accounts import AccountCreateForm, AddRoleForm, EndRoleForm, ImportForm
from thidua.organizations.models import LineageEvent, RoleAssignment, Unit
from thidua.organizations.scopes import scope_of
from thidua.organizations.selectors import accounts as account_selectors
from thidua.organizations.selectors import active_on_q
from thidua.organizations.services import accounts as account_services


def _date(value):
    return value.strftime("%d/%m/%Y") if value else ""


def _list_qs(request):
    web.require(request, "organizations.view_accounts")
    active = {"active": True, "closed": False}.get(request.GET.get("show", ""))
    return account_selectors.accounts_visible_to(request.user, request.GET.get("q", ""), active=active)


def _unit_choices(request):
    # The datalist behind the unit box: active units the user may give roles on (typing still resolves any name).
    units = Unit.objects.filter(active_on_q(_today())).order_by("folded_name")
    scope = scope_of(request.user)
    if not scope.is_admin:
        units = units.filter(province_id__in=scope.board_province_ids)
    return units.only("name", "kind", "code")


def _today():
    return timezone.localdate()


@login_required
def account_list(request):
    page = Paginator(_list_qs(request), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "organizations/account_list.html",
        {
            "page": page,
            "query": request.GET.get("q", ""),
            "show": request.GET.get("show", ""),
            "today": _today(),
            "can_manage": request.user.has_perm("organizations.manage_accounts"),
        },
    )


@login_required
def account_list_export(request):
    columns = [
        Column(_("Tên đăng nhập"), lambda u: u.username),
        Column(_("Họ và tên"), lambda u: u.full_name),
        Column(_("E-mail"), lambda u: u.email),
        Column(_("Điện thoại"), lambda u: u.phone),
        Column(_("Hoạt động"), lambda u: _("Có") if u.is_active else _("Đã khóa")),
        Column(_("Vai trò"), lambda u: "; ".join(_role_text(r) for r in u.role_assignments.all())),
    ]
    return list_export(_list_qs(request), columns, sheet=_("Tài khoản"), filename="tai-khoan")


def _role_text(assignment):
    text = f"{assignment.get_role_display()}"
    if assignment.scope_object is not None:
        text += f" – {assignment.scope_object}"
    if assignment.valid_to:
        text += " " + _("(đến %(date)s)") % {"date": _date(assignment.valid_to)}
    return text


def _sheet(request, rows, title):
    """The page that shows temporary passwords, once: it is also the printable sheet handed to each person."""
    return render(request, "organizations/account_passwords.html", {"rows": rows, "title": title})


@login_required
def account_create(request):
    web.require(request, "organizations.manage_accounts")
    form = AccountCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            ok, result = web.run(
                request,
                lambda: account_services.create_account(
                    actor=request.user,
                    full_name=data["full_name"],
                    username=data["username"],
                    email=data["email"],
                    phone=data["phone"],
                    **form.role_kwargs(),
                ),
            )
            if ok:
                user, password = result
                roles = list(account_selectors.roles_of(user))
                return _sheet(request, [(user, password, roles)], _("Đã tạo tài khoản"))
        else:
            web.form_errors(request, form)
    return render(request, "organizations/account_create.html", {"form": form, "unit_choices": _unit_choices(request)})


@login_required
def account_detail(request, pk):
    account = get_object_or_404(User, pk=pk)
    web.visible_or_404(request, "organizations.view_account", account)
    can_manage = request.user.has_perm("organizations.manage_account", account)
    roles = list(account_selectors.roles_of(account))
    today = _today()
    return render(
        request,
        "organizations/account_detail.html",
        {
            "account": account,
            "roles": [
                (
                    r,
                    account_selectors.is_current(r, today),
                    can_manage and request.user.has_perm("organizations.grant_role", r),
                )
                for r in roles
            ],
            "can_manage": can_manage,
            "role_form": AddRoleForm(actor=request.user) if can_manage else None,
            "end_form": EndRoleForm(),
            "unit_choices": _unit_choices(request) if can_manage else [],
        },
    )


def _managed_account(request, pk):
    account = get_object_or_404(User, pk=pk)
    web.visible_or_404(request, "organizations.view_account", account)
    web.require(request, "organizations.manage_account", account)
    return account


@login_required
@require_POST
def account_role_add(request, pk):
    account = _managed_account(request, pk)
    form = AddRoleForm(request.POST, actor=request.user)
    if form.is_valid():
        web.run(
            request,
            lambda: account_services.add_role(account, actor=request.user, **form.role_kwargs()),
            _("Đã thêm vai trò."),
        )
    else:
        web.form_errors(request, form)
    return redirect("organizations:account_detail", account.pk)


@login_required
@require_POST
def account_role_end(request, pk):
    assignment = get_object_or_404(RoleAssignment.objects.select_related("user"), pk=pk)
    _managed_account(request, assignment.user_id)
    form = EndRoleForm(request.POST)
    if form.is_valid():
        web.run(
            request,
            lambda: account_services.end_role(assignment, actor=request.user, on_date=form.cleaned_data["on_date"]),
            _("Đã đặt ngày kết thúc vai trò."),
        )
    else:
        web.form_errors(request, form)
    return redirect("organizations:account_detail", assignment.user_id)


@login_required
@require_POST
def account_active(request, pk):
    account = _managed_account(request, pk)
    if request.POST.get("active") not in {"0", "1"}:
        messages.error(request, _("Hãy bấm nút Khóa hoặc Mở khóa trên trang tài khoản."))
        return redirect("organizations:account_detail", account.pk)
    active = request.POST["active"] == "1"
    web.run(
        request,
        lambda: account_services.set_account_active(account, actor=request.user, active=active),
        _("Đã mở khóa tài khoản.") if active else _("Đã khóa tài khoản; các token API của nó đã bị thu hồi."),
    )
    return redirect("organizations:account_detail", account.pk)


@login_required
@require_POST
def account_temporary_password(request, pk):
    account = _managed_account(request, pk)
    ok, password = web.run(request, lambda: account_services.reset_temporary_password(account, actor=request.user))
    if not ok:
        return redirect("organizations:account_detail", account.pk)
    return _sheet(request, [(account, password, list(account_selectors.roles_of(account)))], _("Mật khẩu tạm mới"))


@login_required
def account_import(request):
    web.require(request, "organizations.manage_accounts")
    form = ImportForm(request.POST or None, request.FILES or None)
    rows = None
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if request.POST.get("commit") == "1":
                ok, created = web.run(request, lambda: importer.create_from_sheet(request.user, upload))
                if ok:
                    sheet = _created_sheet(created)
                    return _sheet(request, sheet, _("Đã tạo %(count)s tài khoản") % {"count": len(created)})
            else:
                ok, rows = web.run(request, lambda: importer.dry_run(request.user, upload))
                rows = rows if ok else None
        else:
            web.form_errors(request, form)
    return render(
        request,
        "organizations/account_import.html",
        {
            "form": form,
            "rows": rows,
            "problem_count": sum(1 for row in rows or [] if row.problems),
            "max_rows": importer.MAX_ROWS,
        },
    )


def _created_sheet(rows):
    users = {u.username: u for u in User.objects.filter(username__in=[row.username for row in rows])}
    roles = {}
    for assignment in RoleAssignment.objects.filter(user__in=users.values()).select_related("unit"):
        roles.setdefault(assignment.user_id, []).append(assignment)
    return [(users[row.username], row.password, roles.get(users[row.username].pk, [])) for row in rows]


@login_required
def account_import_template(request):
    web.require(request, "organizations.manage_accounts")
    return xlsx_response(importer.template_bytes(), "mau-tai-khoan.xlsx")


@login_required
def account_move(request, pk):
    """After a unit ended: each account's ended role, with one button per successor to give it there."""
    web.require(request, "organizations.manage_accounts")
    event = get_object_or_404(LineageEvent.objects.prefetch_related("links__unit"), pk=pk)
    rows, successors = account_selectors.roles_ended_by_event(event)
    rows = [r for r in rows if request.user.has_perm("organizations.manage_account", r.user)]
    if request.method == "POST":
        assignment = next((r for r in rows if str(r.pk) == request.POST.get("assignment")), None)
        successor = next((u for u in successors if str(u.pk) == request.POST.get("successor")), None)
        if assignment is None or successor is None:
            messages.error(request, _("Hãy chọn một tài khoản và một đơn vị kế tục trong danh sách."))
        else:
            web.run(
                request,
                lambda: account_services.move_role_to_successor(assignment, successor, actor=request.user, event=event),
                _("Đã chuyển %(user)s sang %(unit)s.") % {"user": assignment.user, "unit": successor.full_name},
            )
        return redirect("organizations:account_move", event.pk)
    moved = set(
        RoleAssignment.objects.filter(
            user_id__in=[r.user_id for r in rows], unit__in=successors, valid_from=event.date
        ).values_list("user_id", "role", "unit_id")
    )
    return render(
        request,
        "organizations/account_move.html",
        {
            "event": event,
            "rows": [(r, [(u, (r.user_id, r.role, u.pk) in moved) for u in successors]) for r in rows],
            "successors": successors,
        },
    )
