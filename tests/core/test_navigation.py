"""The menu in groups by what a role does: only what the role can use, the group of this page marked."""

import pytest
from django.urls import reverse

from tests.factories import UnitFactory
from thidua.core.navigation import menu_for
from thidua.organizations.enums import Role

pytestmark = pytest.mark.django_db


def labels(menu):
    return {str(group.label): [str(item.label) for item in group.items] for group in menu.groups}


def test_officer_sees_the_years_work_and_records_but_no_administration(make_user):
    officer = make_user(Role.UNIT_OFFICER, UnitFactory())
    menu = menu_for(officer, "/")
    assert [str(item.label) for item in menu.top] == ["Trang chủ"]
    groups = labels(menu)
    assert list(groups) == ["Công việc trong năm", "Hồ sơ và khen thưởng", "Báo cáo"]
    assert groups["Công việc trong năm"][:3] == ["Kỳ thi đua", "Phong trào", "Văn bản chỉ đạo"]
    assert "Sổ khen thưởng" in groups["Hồ sơ và khen thưởng"]
    assert "Thống kê ưu tiên" not in groups["Báo cáo"]
    assert menu.current_url == "/"
    assert not any(group.is_current for group in menu.groups)


def test_admin_gets_the_administration_group(make_user):
    admin = make_user(Role.ADMIN, is_staff=True)
    groups = labels(menu_for(admin, "/"))
    assert groups["Quản trị"] == ["Tài khoản", "Nhật ký", "Trang quản trị"]


def test_a_page_below_an_entry_marks_that_entry_and_its_group(make_user):
    officer = make_user(Role.UNIT_OFFICER, UnitFactory())
    unit_list = reverse("organizations:unit_list")
    menu = menu_for(officer, f"{unit_list}12/")
    assert menu.current_url == unit_list
    assert [group.key for group in menu.groups if group.is_current] == ["ho-so"]


def test_the_page_draws_the_groups_and_marks_the_current_one(make_user, login):
    officer = make_user(Role.UNIT_OFFICER, UnitFactory())
    page = login(officer).get(reverse("organizations:unit_list")).content.decode()
    assert 'class="menu-toggle" aria-expanded="false" aria-controls="main-nav">Menu</button>' in page
    assert 'aria-controls="nav-ho-so" aria-current="true">Hồ sơ và khen thưởng</button>' in page
    assert f'<a href="{reverse("organizations:unit_list")}" aria-current="page">' in page
    assert "Quản trị</button>" not in page


def test_anonymous_visitor_gets_no_menu(client):
    page = client.get(reverse("honour:board")).content.decode()
    assert 'class="menu-toggle"' not in page
