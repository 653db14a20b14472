"""Accounts from an Excel sheet: họ tên, tên đăng nhập, e-mail hoặc điện thoại, mã đơn vị, vai trò.

A dry run reads and checks every row and says each row's problems in Vietnamese; nothing is written. Creating
checks the same way and writes all the rows in one transaction, or none if any row has a problem. The file is
bounded before it is read (size) and while it is read (rows, cell length).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import User
from thidua.core import kernel
from thidua.core.cells import bounded_rows, cell_text, open_sheet
from thidua.core.exports import Choices, Sheet, workbook_bytes
from thidua.core.text import fold
from thidua.organizations.enums import Role
from thidua.organizations.models import Unit
from thidua.organizations.services import accounts as account_services

MAX_BYTES = 1024 * 1024
MAX_ROWS = 2000
MAX_CELL = 300

COLUMNS = [
    ("full_name", gettext_lazy("Họ tên")),
    ("username", gettext_lazy("Tên đăng nhập")),
    ("contact", gettext_lazy("E-mail hoặc điện thoại")),
    ("unit_code", gettext_lazy("Mã đơn vị")),
    ("role", gettext_lazy("Vai trò")),
]
# Roles a sheet may give: those scoped to a unit. Secretariats, the board and the council are few, one form each.
SHEET_ROLES = Role.unit_roles()


@dataclass
class Row:
    number: int
    full_name: str = ""
    username: str = ""
    email: str = ""
    phone: str = ""
    unit: Unit | None = None
    unit_code: str = ""
    role: str = ""
    problems: list = field(default_factory=list)
    password: str = ""  # filled when the account is created, shown once

    @property
    def role_label(self):
        return Role(self.role).label if self.role in Role.values else self.role


def template_bytes():
    """The downloadable template: the five headers and one example row."""
    example = ["Lê Thị Thủy", "canbo.lethuy", "thuy.lt@lethuy.gov.vn", "qb-lethuy", str(Role.UNIT_OFFICER.label)]
    roles = [[str(label)] for value, label in Role.choices if value in SHEET_ROLES]
    roles_title = str(_("Vai trò được dùng"))
    role_column = [key for key, _header in COLUMNS].index("role")
    return workbook_bytes(
        [
            Sheet(
                str(_("Tài khoản")),
                [str(header) for _key, header in COLUMNS],
                [example],
                choices=[Choices(role_column, roles_title)],
                sample_rows=1,
            ),
            (roles_title, [str(_("Vai trò"))], roles),
        ]
    )


def _role_value(text):
    folded = fold(text)
    for value, label in Role.choices:
        if value in SHEET_ROLES and folded in {fold(str(label)), value}:
            return value
    return None


def read_sheet(uploaded):
    """[Row] from the upload; a file too big, unreadable, without the columns or too long is refused whole."""
    if uploaded.size > MAX_BYTES:
        kernel.refuse(_("Tệp quá lớn (hơn 1 MB). Hãy chia thành nhiều tệp nhỏ hơn."))
    sheet = open_sheet(uploaded, max_rows=MAX_ROWS)
    try:
        rows = bounded_rows(sheet)
        wanted = {fold(str(header)): key for key, header in COLUMNS}
        found = {}
        for index, title in enumerate(next(rows, None) or ()):
            key = wanted.get(fold(cell_text(title)))
            if key and key not in found:
                found[key] = index
        missing = [str(header) for key, header in COLUMNS if key not in found]
        if missing:
            kernel.refuse(_("Tệp thiếu cột: %(cols)s. Hãy tải và dùng tệp mẫu."), cols=", ".join(missing))
        result = []
        for number, values in enumerate(rows, start=2):
            cells = {key: cell_text(values[i]) if i < len(values) else "" for key, i in found.items()}
            if not any(cells.values()):
                continue
            if len(result) >= MAX_ROWS:
                kernel.refuse(_("Tệp có hơn %(max)s dòng. Hãy chia thành nhiều tệp nhỏ hơn."), max=MAX_ROWS)
            result.append((number, cells))
    finally:
        sheet.parent.close()
    if not result:
        kernel.refuse(_("Tệp không có dòng dữ liệu nào."))
    return result


def check_rows(actor, raw_rows):
    """Each row with its problems, checked against the database and against the other rows of the sheet."""
    codes = {cells["unit_code"].lower() for _n, cells in raw_rows if cells["unit_code"]}
    units = {u.code.lower(): u for u in Unit.objects.select_related("province").filter(code__in=codes)}
    if len(units) < len(codes):  # codes typed in another case
        for unit in Unit.objects.select_related("province").filter(code__in=[c.upper() for c in codes]):
            units.setdefault(unit.code.lower(), unit)
    usernames = {cells["username"].lower() for _n, cells in raw_rows}
    taken = {u.lower() for u in User.objects.filter(username__in=usernames).values_list("username", flat=True)}
    seen = {}
    checked = []
    for number, cells in raw_rows:
        email, phone = account_services.split_contact(cells["contact"])
        row = Row(number, " ".join(cells["full_name"].split()), cells["username"].lower(), email, phone)
        row.unit_code = cells["unit_code"]
        too_long = [str(h) for key, h in COLUMNS if len(cells[key]) > MAX_CELL]
        if too_long:
            row.problems.append(
                _("Ô quá dài (hơn %(max)s ký tự): %(cols)s.") % {"max": MAX_CELL, "cols": ", ".join(too_long)}
            )
        else:
            _check_identity(row, taken, seen)
            _check_role(actor, row, cells["role"], units)
        checked.append(row)
    return checked


def _check_identity(row, taken, seen):
    if not row.full_name:
        row.problems.append(_("Thiếu họ tên."))
    if row.username in taken:
        row.problems.append(_("Tên đăng nhập “%(u)s” đã có người dùng.") % {"u": row.username})
    elif row.username in seen:
        row.problems.append(
            _("Tên đăng nhập “%(u)s” trùng với dòng %(n)s.") % {"u": row.username, "n": seen[row.username]}
        )
    else:
        try:
            account_services.check_contact(row.username, row.email, row.phone)
        except kernel.Refusal as refusal:
            row.problems.extend(refusal.messages)
    seen.setdefault(row.username, row.number)


def _check_role(actor, row, role_text, units):
    row.role = _role_value(role_text) or ""
    if not row.role:
        row.problems.append(
            _("Vai trò “%(r)s” không dùng được trong tệp; ghi “%(a)s” hoặc “%(b)s”.")
            % {"r": role_text, "a": Role.UNIT_OFFICER.label, "b": Role.UNIT_HEAD.label}
        )
    row.unit = units.get(row.unit_code.lower())
    if row.unit is None:
        row.problems.append(_("Không có đơn vị mã “%(c)s”.") % {"c": row.unit_code})
    elif row.role:
        assignment = account_services.build_role(None, row.role, unit=row.unit)
        if not actor.has_perm("organizations.grant_role", assignment):
            row.problems.append(_("Bạn không quản lý tài khoản của đơn vị %(u)s.") % {"u": row.unit.full_name})
        elif row.unit.valid_to is not None:
            row.problems.append(_("Đơn vị %(u)s đã kết thúc hoạt động.") % {"u": row.unit.full_name})


def dry_run(actor, uploaded):
    kernel.require(actor, "organizations.manage_accounts")
    return check_rows(actor, read_sheet(uploaded))


@transaction.atomic
def create_from_sheet(actor, uploaded):
    """Create every account of the sheet, or none: a row with a problem refuses the whole file."""
    kernel.require(actor, "organizations.manage_accounts")
    rows = check_rows(actor, read_sheet(uploaded))
    bad = [row for row in rows if row.problems]
    if bad:
        kernel.refuse(
            _("Có %(count)s dòng có lỗi (dòng %(rows)s); chưa tạo tài khoản nào. Hãy chạy thử và sửa tệp."),
            count=len(bad),
            rows=", ".join(str(row.number) for row in bad[:20]),
        )
    for row in rows:
        _user, row.password = account_services.create_account(
            actor=actor,
            full_name=row.full_name,
            username=row.username,
            email=row.email,
            phone=row.phone,
            role=row.role,
            unit=row.unit,
        )
    return rows
