"""manage.py setup_province on an empty database: the province, its units, the catalogue and the national rule
sets, the first administrator who can log in; running it twice changes nothing; another province's CSV."""

import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from thidua.accounts.models import User
from thidua.awards.legal_bases import CENTRAL_DOSSIER_RULE_SETS, NATIONAL_RULE_SETS
from thidua.awards.models import AwardForm, RuleSet
from thidua.organizations.enums import Role, UnitKind
from thidua.organizations.models import Province, RoleAssignment, Unit

pytestmark = pytest.mark.django_db


def run(*args, **options):
    out = io.StringIO()
    call_command("setup_province", *args, stdout=out, **options)
    return out.getvalue()


def logs_in(username, password):
    response = Client().post("/tai-khoan/dang-nhap/", {"username": username, "password": password})
    return response.status_code == 302 and response["Location"] == "/"


def counts():
    return (
        Province.objects.count(),
        Unit.objects.count(),
        AwardForm.objects.count(),
        RuleSet.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
    )


def test_the_new_quang_tri_from_the_shipped_list_and_a_second_run_changes_nothing():
    assert counts() == (0, 0, 0, 0, 0, 0)
    output = run()
    province = Province.objects.get()
    assert (province.code, province.name) == ("quang-tri", "Quảng Trị")
    units = Unit.objects.filter(province=province)
    assert units.count() == 78
    kinds = {kind: units.filter(kind=kind).count() for kind in (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE)}
    assert kinds == {UnitKind.COMMUNE: 69, UnitKind.WARD: 8, UnitKind.SPECIAL_ZONE: 1}
    nam_gianh = Unit.objects.get(code="quang-tri-nam-gianh")
    assert (nam_gianh.full_name, nam_gianh.valid_from) == ("xã Nam Gianh", datetime.date(2025, 7, 1))
    assert "Quảng Hòa, Quảng Lộc, Quảng Văn, Quảng Minh" in nam_gianh.note
    assert Unit.objects.get(code="quang-tri-tan-thanh").valid_from is None  # kept as it was
    national = len(NATIONAL_RULE_SETS) + len(CENTRAL_DOSSIER_RULE_SETS)
    assert RuleSet.objects.filter(province__isnull=True).count() == national > len(NATIONAL_RULE_SETS)
    assert AwardForm.objects.filter(code="chien-si-thi-dua-co-so").exists()
    assert "Đơn vị: thêm 78, đã có 0." in output
    password = re.search(r"mật khẩu tạm: (\S+)", output).group(1)
    admin = User.objects.get(username="admin")
    assert (admin.is_superuser, admin.is_staff) == (True, True)
    assert RoleAssignment.objects.filter(user=admin, role=Role.ADMIN).exists()
    assert admin.must_change_password  # the generated password was printed: it is replaced at the first sign-in
    assert logs_in("admin", password)
    before = counts()
    again = run()
    assert counts() == before
    assert "Đơn vị: thêm 0, đã có 78." in again
    assert "Danh mục khen thưởng: thêm 0 dòng; bộ quy định quốc gia: thêm 0." in again
    assert "đã có, giữ nguyên mật khẩu" in again
    assert logs_in("admin", password)


def test_another_province_from_a_documented_csv(tmp_path):
    units = tmp_path / "ha-tinh.csv"
    units.write_text(
        "code,kind,name,valid_from,parent,note\n"
        "so-noi-vu,sở,Sở Nội vụ,01/07/2025,,\n"
        "phong-tdkt,ban,Phòng Thi đua - Khen thưởng,2025-07-01,so-noi-vu,Thuộc Sở Nội vụ\n"
        "thach-ha,Xã,Thạch Hà,,,\n",
        encoding="utf-8",
    )
    output = run(
        province_code="ha-tinh",
        province_name="Hà Tĩnh",
        units=str(units),
        admin_username="quantri",
        admin_password="mat-khau-rieng-123",
    )
    assert "Đơn vị: thêm 3, đã có 0." in output
    office = Unit.objects.get(code="ha-tinh-phong-tdkt")
    assert (office.parent.code, office.kind, office.valid_from, office.note) == (
        "ha-tinh-so-noi-vu",
        UnitKind.BOARD,
        datetime.date(2025, 7, 1),
        "Thuộc Sở Nội vụ",
    )
    assert Unit.objects.get(code="ha-tinh-thach-ha").valid_from is None
    assert not User.objects.get(username="quantri").must_change_password  # the operator chose it
    assert logs_in("quantri", "mat-khau-rieng-123")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("code,name\nx,Y\n", "Tệp danh sách thiếu cột: kind."),
        ("code,kind,name\nthach-ha,làng,Thạch Hà\n", "Dòng 2: loại đơn vị “làng” không có trong danh mục."),
        ("code,kind,name\na,xã,A\na,xã,B\n", "Dòng 3: mã “a” trùng với dòng 2."),
        ("code,kind,name,parent\na,xã,A,khong-co\n", "Dòng 2: không có đơn vị cấp trên mã “khong-co”"),
        ("code,kind,name,valid_from\na,xã,A,31/02/2025\n", "Dòng 2: ngày “31/02/2025” không đúng dạng dd/mm/yyyy."),
    ],
)
def test_a_bad_list_is_refused_in_vietnamese_and_nothing_is_written(tmp_path, content, message):
    units = tmp_path / "units.csv"
    units.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=re.escape(message)):
        run(province_code="ha-tinh", province_name="Hà Tĩnh", units=str(units))
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_a_province_other_than_quang_tri_needs_its_list():
    with pytest.raises(CommandError, match="--units"):
        run(province_code="ha-tinh", province_name="Hà Tĩnh")
    assert counts() == (0, 0, 0, 0, 0, 0)
