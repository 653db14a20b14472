"""manage.py setup_province: start an empty installation for one province.

It creates the province, its units from the official list (the new Quảng Trị's ships with the project; any other
province gives a CSV in the format of organizations/provisioning.py), the award catalogue and the national rule
sets, and the first administrator. Running it again changes nothing. Everything else is done in the pages.
It lives in the awards app because it needs both organizations and awards (an app imports only those to its left).
"""

import datetime
import secrets
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from thidua.accounts.models import User
from thidua.awards.catalogue import ensure_catalogue
from thidua.awards.legal_bases import ensure_rule_sets
from thidua.organizations import provisioning
from thidua.organizations.enums import Role
from thidua.organizations.models import RoleAssignment


def _day(text):
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError as bad:
        raise CommandError(f"Ngày “{text}” phải có dạng YYYY-MM-DD.") from bad


class Command(BaseCommand):
    help = (
        "Khởi tạo hệ thống trống cho một tỉnh: tỉnh, các đơn vị theo danh sách chính thức (CSV), danh mục khen "
        "thưởng, các bộ quy định quốc gia và tài khoản quản trị đầu tiên. Chạy lại không thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("--province-code", default="quang-tri", help="Mã tỉnh (mặc định: quang-tri).")
        parser.add_argument("--province-name", default="Quảng Trị", help="Tên tỉnh (mặc định: Quảng Trị).")
        parser.add_argument(
            "--province-valid-from", default="", help="Ngày tỉnh bắt đầu hoạt động, YYYY-MM-DD (tùy chọn)."
        )
        parser.add_argument(
            "--units",
            default="",
            help="Tệp CSV danh sách đơn vị. Bỏ trống với quang-tri: dùng danh sách 78 xã, phường, đặc khu kèm theo.",
        )
        parser.add_argument(
            "--units-valid-from",
            default="",
            help="Ngày bắt đầu của đơn vị không ghi cột valid_from, YYYY-MM-DD (danh sách kèm theo: 2025-07-01).",
        )
        parser.add_argument("--admin-username", default="admin", help="Tên đăng nhập quản trị (mặc định: admin).")
        parser.add_argument("--admin-email", default="", help="Thư điện tử của quản trị (tùy chọn).")
        parser.add_argument(
            "--admin-password",
            default="",
            help="Mật khẩu quản trị. Bỏ trống: hệ thống tạo mật khẩu tạm và in ra một lần.",
        )

    def handle(self, *args, **options):
        code = options["province_code"].strip()
        units_file = options["units"]
        default_start = _day(options["units_valid_from"])
        if not units_file:
            if code != "quang-tri":
                raise CommandError("Hãy chỉ ra tệp danh sách đơn vị của tỉnh bằng --units TỆP.csv.")
            units_file = provisioning.QUANG_TRI_2025
            default_start = default_start or provisioning.QUANG_TRI_2025_START
        try:
            text = Path(units_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as bad:
            raise CommandError(f"Không đọc được tệp danh sách đơn vị “{units_file}” (cần CSV, UTF-8).") from bad
        try:
            with transaction.atomic():
                rows = provisioning.read_units(text, default_valid_from=default_start)
                province, outcome = provisioning.set_up_province(
                    code=code,
                    name=options["province_name"].strip(),
                    rows=rows,
                    valid_from=_day(options["province_valid_from"]),
                )
                forms = ensure_catalogue()
                rule_sets = ensure_rule_sets()
                admin_line = self._admin(options)
        except ValidationError as refused:
            raise CommandError(" ".join(refused.messages)) from refused
        state = "tạo mới" if outcome.province_created else "đã có"
        self.stdout.write(f"Tỉnh: {province.name} (mã {province.code}, {state}).")
        self.stdout.write(f"Đơn vị: thêm {len(outcome.created)}, đã có {outcome.existing}.")
        self.stdout.write(f"Danh mục khen thưởng: thêm {forms} dòng; bộ quy định quốc gia: thêm {rule_sets}.")
        self.stdout.write(admin_line)

    def _admin(self, options):
        username = options["admin_username"].strip()
        if not username:
            raise CommandError("Tên đăng nhập quản trị không được để trống.")
        user = User.objects.filter(username=username).first()
        if user is not None:
            # Never reset an existing account's password: running the command again changes nothing.
            RoleAssignment.objects.get_or_create(user=user, role=Role.ADMIN)
            return f"Quản trị: tài khoản “{username}” đã có, giữ nguyên mật khẩu."
        password = options["admin_password"] or secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username,
            email=options["admin_email"],
            password=password,
            full_name="Quản trị hệ thống",
            is_staff=True,
            is_superuser=True,
            # A generated password was printed on a terminal: like every temporary password, it must be replaced
            # at the first sign-in. A password the operator chose is theirs already.
            must_change_password=not options["admin_password"],
        )
        RoleAssignment.objects.create(user=user, role=Role.ADMIN)
        if options["admin_password"]:
            return f"Quản trị: đã tạo tài khoản “{username}” với mật khẩu đã cho."
        return (
            f"Quản trị: đã tạo tài khoản “{username}”, mật khẩu tạm: {password}\n"
            "Hãy đăng nhập và đổi mật khẩu ngay; mật khẩu này không được in lại."
        )
