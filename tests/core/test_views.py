import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.core.helpers import MINIMAL_PDF
from tests.factories import (
    ClusterYearFactory,
    ProvinceFactory,
    RoleAssignmentFactory,
    UnitFactory,
    UserFactory,
    cluster_year_with_members,
)
from tests.querycount import assert_flat_query_count
from thidua.core import files
from thidua.core.models import ActivityLogEntry, Notification
from thidua.core.services import log_action
from thidua.organizations.enums import Role, UnitKind
from thidua.organizations.models import ClusterMembership, ClusterYear

D = datetime.date
pytestmark = pytest.mark.django_db


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


# home -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["core:home", "core:notifications", "core:activity_log"])
def test_pages_send_anonymous_users_to_login(client, name):
    response = client.get(reverse(name))
    assert (response.status_code, response["Location"]) == (302, f"/tai-khoan/dang-nhap/?next={reverse(name)}")


def test_home_of_a_user_without_role(login):
    html = html_of(login(UserFactory(full_name="Người Mới")).get("/"))
    assert "Xin chào, Người Mới" in html
    assert "chưa được phân quyền. Hãy liên hệ quản trị hệ thống." in html


def test_home_of_a_unit_officer_shows_unit_cluster_year_and_its_place(make_user, login):
    cy, units = cluster_year_with_members(3, year=2024)
    officer = make_user(Role.UNIT_OFFICER, units[0])
    html = html_of(login(officer).get("/"))
    assert "Vai trò: Cán bộ thi đua, khen thưởng đơn vị" in html
    assert "Đơn vị của tôi" in html
    assert f"<strong>{units[0].full_name}</strong>" in html
    assert "Cụm thi đua của tôi" in html
    assert f"<strong>{cy.cluster.name}</strong></a> – năm 2024" in html
    assert "Đơn vị của bạn là Trưởng cụm" in html
    assert f"Trưởng cụm: {units[0].full_name}; Phó Trưởng cụm: {units[1].full_name}" in html


def test_home_of_a_unit_head_of_the_deputy_unit(make_user, login):
    _, units = cluster_year_with_members(3, year=2024)
    html = html_of(login(make_user(Role.UNIT_HEAD, units[1])).get("/"))
    assert "Thủ trưởng đơn vị" in html
    assert "Đơn vị của bạn là Phó Trưởng cụm" in html


def test_home_of_an_officer_whose_unit_ended_shows_its_successors(make_user, login):
    from tests.organizations.factories import build_chain

    chain = build_chain()
    html = html_of(login(make_user(Role.UNIT_OFFICER, chain.e)).get("/"))
    assert "đã kết thúc 31/12/2019" in html
    assert "Đơn vị kế thừa:" in html
    assert "huyện Hải Hà</a>, <a" in html
    assert "huyện Phú Lộc</a>" in html


def test_home_of_the_secretariat_lists_its_years(make_user, login):
    cy, _ = cluster_year_with_members(2, year=2024)
    older = ClusterYear.objects.create(cluster=cy.cluster, year=2023)
    secretary = make_user(Role.CLUSTER_SECRETARIAT, cy)
    RoleAssignmentFactory(user=secretary, role=Role.CLUSTER_SECRETARIAT, cluster_year=older)
    html = html_of(login(secretary).get("/"))
    assert "Bạn là Thư ký cụm năm này" in html
    assert "năm 2024" in html
    assert "Các năm trước: <a" in html
    assert "#nam-2023" in html


def test_home_of_the_board_shows_its_province_with_the_merged_one(make_user, login):
    new = ProvinceFactory(name="Quảng Trị")
    old = ProvinceFactory(name="Quảng Bình", valid_to=D(2025, 6, 30))
    new.predecessors.add(old)
    UnitFactory(province=new)
    UnitFactory(province=new, valid_to=D(2025, 6, 30))
    html = html_of(login(make_user(Role.BOARD_OFFICER, new)).get("/"))
    assert "Tỉnh phụ trách" in html
    assert "<strong>Tỉnh Quảng Trị</strong>" in html
    assert "Bao gồm hồ sơ của: Quảng Bình" in html
    assert "1 đơn vị và 0 cụm, khối đang hoạt động" in html
    assert "Ghi nhận sự kiện sắp xếp" in html
    assert "Nhật ký hoạt động" in html


def test_home_of_a_council_member(make_user, login):
    province = ProvinceFactory(name="Quảng Trị")
    html = html_of(login(make_user(Role.COUNCIL_MEMBER, province)).get("/"))
    assert "Hội đồng Thi đua - Khen thưởng" in html
    assert "Ghi nhận sự kiện sắp xếp" not in html


def test_home_of_an_administrator(make_user, login):
    html = html_of(login(make_user(Role.ADMIN, is_staff=True)).get("/"))
    assert "Quản trị hệ thống" in html
    assert "Trang quản trị (tài khoản, phân quyền)" in html


def test_home_query_count_is_flat(make_user, login):
    officer = make_user(Role.UNIT_OFFICER, UnitFactory())
    years = itertools.count(2000)

    def add():
        unit = UnitFactory(valid_to=D(2020, 1, 1))
        RoleAssignmentFactory(user=officer, role=Role.UNIT_HEAD, unit=unit)
        cy = ClusterYearFactory(year=next(years))
        ClusterMembership.objects.create(cluster_year=cy, unit=unit)

    # Every app adds a panel of the user's work to the home page; flatness is the guard, the cap a ceiling.
    assert_flat_query_count(login(officer), "/", add, maximum=20)


def test_home_query_count_is_flat_for_the_board(make_user, login):
    province = ProvinceFactory()
    board = make_user(Role.BOARD_OFFICER, province)

    def add():
        older = ProvinceFactory()
        province.predecessors.add(older)
        UnitFactory(province=older)

    assert_flat_query_count(login(board), "/", add, maximum=20)


# notifications ----------------------------------------------------------------------------------------


def test_notifications_list_only_the_users_own(login):
    user, other = UserFactory(), UserFactory()
    Notification.objects.create(recipient=user, title="Đến hạn chấm điểm", body="Còn 2 ngày")
    Notification.objects.create(recipient=other, title="Của người khác")
    html = html_of(login(user).get(reverse("core:notifications")))
    assert "Đến hạn chấm điểm" in html
    assert "Còn 2 ngày" in html
    assert "chưa đọc" in html
    assert "Của người khác" not in html
    assert 'class="badge">1</span>' in html


def test_an_empty_notification_list_offers_no_buttons(login):
    user = UserFactory()
    client = login(user)
    empty = html_of(client.get(reverse("core:notifications")))
    assert "Chưa có thông báo nào." in empty
    assert "Đánh dấu tất cả đã đọc" not in empty
    assert reverse("core:notifications_export") not in empty
    Notification.objects.create(recipient=user, title="Đến hạn")
    one = html_of(client.get(reverse("core:notifications")))
    assert "Đánh dấu tất cả đã đọc" in one
    assert reverse("core:notifications_export") in one
    Notification.objects.update(read_at=timezone.now())
    read = html_of(client.get(reverse("core:notifications")))
    assert "Đánh dấu tất cả đã đọc" not in read
    assert reverse("core:notifications_export") in read


def test_mark_all_and_one_notification_read(login):
    user = UserFactory()
    a, b = (Notification.objects.create(recipient=user, title=t) for t in ("a", "b"))
    client = login(user)
    response = client.post(reverse("core:notifications_mark_read"), {"id": [str(a.pk)]})
    assert response.status_code == 302
    assert set(Notification.objects.filter(read_at__isnull=True).values_list("pk", flat=True)) == {b.pk}
    client.post(reverse("core:notifications_mark_read"))
    assert Notification.objects.filter(read_at__isnull=True).count() == 0
    assert client.get(reverse("core:notifications_mark_read")).status_code == 405


def test_opening_a_notification_marks_it_read_and_follows_only_local_links(login):
    user = UserFactory()
    local = Notification.objects.create(recipient=user, title="a", url="/cum/1/")
    remote = Notification.objects.create(recipient=user, title="b", url="https://example.com/lua-dao")
    client = login(user)
    assert client.get(reverse("core:notification_open", args=[local.pk]))["Location"] == "/cum/1/"
    assert client.get(reverse("core:notification_open", args=[remote.pk]))["Location"] == "/thong-bao/"
    assert Notification.objects.filter(read_at__isnull=True).count() == 0
    theirs = Notification.objects.create(recipient=UserFactory(), title="c")
    assert client.get(reverse("core:notification_open", args=[theirs.pk])).status_code == 404


def test_notifications_query_count_is_flat(login):
    user = UserFactory()

    def add():
        for i in range(5):
            Notification.objects.create(recipient=user, title=f"Thông báo {i}", url="/")

    assert_flat_query_count(login(user), reverse("core:notifications"), add, maximum=8)


# activity log -----------------------------------------------------------------------------------------


@pytest.fixture
def log_world(db):
    new = ProvinceFactory(name="Quảng Trị")
    old = ProvinceFactory(name="Quảng Bình")
    new.predecessors.add(old)
    other = ProvinceFactory(name="Tỉnh Khác")
    actor = UserFactory(username="bantdkt")
    log_action(actor, "unit.renamed", UnitFactory(name="Mới", province=new), province_id=new.pk)
    log_action(actor, "unit.ended", UnitFactory(name="Cũ", province=old), province_id=old.pk)
    log_action(
        UserFactory(username="khac"), "unit.created", UnitFactory(name="Xa", province=other), province_id=other.pk
    )
    return {"new": new, "old": old, "other": other}


def _objects(response):
    return [e.object_repr for e in response.context["page"]]


def test_admin_sees_the_whole_activity_log(make_user, login, log_world):
    response = login(make_user(Role.ADMIN)).get(reverse("core:activity_log"))
    assert _objects(response) == ["huyện Xa", "huyện Cũ", "huyện Mới"]
    html = html_of(response)
    assert "Đổi tên đơn vị" in html
    assert '<code class="muted">unit.renamed</code>' in html


def test_activity_log_shows_a_logged_field_named_items(make_user, login, log_world):
    # A pledge logs its items; `old_values.items` in the template used to read that list and crash the page.
    log_action(UserFactory(), "pledge.updated", old={"items": ["Một", "Hai"], "motto": "Cũ"}, new={"items": ["Ba"]})
    response = login(make_user(Role.ADMIN)).get(reverse("core:activity_log"))
    assert response.status_code == 200
    html = html_of(response)
    assert '<span class="muted">items:</span> [&#x27;Một&#x27;, &#x27;Hai&#x27;]' in html
    assert '<span class="muted">motto:</span> Cũ' in html
    assert '<span class="muted">items:</span> [&#x27;Ba&#x27;]' in html


def test_board_sees_its_province_and_the_merged_one(make_user, login, log_world):
    board = make_user(Role.BOARD_OFFICER, log_world["new"])
    assert _objects(login(board).get(reverse("core:activity_log"))) == ["huyện Cũ", "huyện Mới"]


def test_board_also_sees_its_own_entries(make_user, login, log_world):
    board = make_user(Role.BOARD_OFFICER, log_world["other"])
    log_action(board, "api_token.issued")
    assert _objects(login(board).get(reverse("core:activity_log"))) == ["", "huyện Xa"]


@pytest.mark.parametrize("role", [Role.UNIT_OFFICER, Role.UNIT_HEAD, Role.COUNCIL_MEMBER, Role.CLUSTER_SECRETARIAT])
def test_other_roles_are_refused_the_activity_log(make_user, login, log_world, role):
    scope = {
        Role.UNIT_OFFICER: UnitFactory(province=log_world["new"]),
        Role.UNIT_HEAD: UnitFactory(province=log_world["new"]),
        Role.COUNCIL_MEMBER: log_world["new"],
        Role.CLUSTER_SECRETARIAT: ClusterYearFactory(),
    }[role]
    assert login(make_user(role, scope)).get(reverse("core:activity_log")).status_code == 403


def test_activity_log_filters(make_user, login, log_world):
    client = login(make_user(Role.ADMIN))
    url = reverse("core:activity_log")
    assert _objects(client.get(url, {"action": "unit.ren"})) == ["huyện Mới"]
    assert _objects(client.get(url, {"actor": "khac"})) == ["huyện Xa"]
    assert _objects(client.get(url, {"q": "cũ"})) == ["huyện Cũ"]
    today = timezone.localdate()
    assert len(_objects(client.get(url, {"date_from": today.isoformat(), "date_to": today.isoformat()}))) == 3
    tomorrow = today + datetime.timedelta(days=1)
    assert _objects(client.get(url, {"date_from": tomorrow.isoformat()})) == []
    assert _objects(client.get(url, {"date_to": (today - datetime.timedelta(days=1)).isoformat()})) == []
    # A date that does not exist is ignored, not a server error.
    assert len(_objects(client.get(url, {"date_from": "2024-02-31", "date_to": "hôm qua"}))) == 3


def test_activity_log_query_count_is_flat(make_user, login, log_world):
    board = make_user(Role.BOARD_OFFICER, log_world["new"])

    def add():
        for _ in range(5):
            actor = UserFactory()
            log_action(actor, "unit.created", UnitFactory(province=log_world["old"]), province_id=log_world["old"].pk)

    assert_flat_query_count(login(board), reverse("core:activity_log"), add, maximum=8)


def test_activity_log_counts_at_most_the_cap(make_user, login, log_world, monkeypatch):
    """The admin's log does not count every row on each request: the count stops at the cap (a LIMITed count)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thidua.core.web import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 2)
    client = login(make_user(Role.ADMIN))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("core:activity_log"), {"page": 5})
    page = response.context["page"]
    assert (page.paginator.count, page.paginator.num_pages, page.number) == (2, 1, 1)
    assert _objects(response) == ["huyện Xa", "huyện Cũ"]
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper() and "core_activitylogentry" in q["sql"]]
    assert counts
    assert all("LIMIT 2" in sql.upper() for sql in counts)


# files ------------------------------------------------------------------------------------------------


@pytest.fixture
def stored_file(upload):
    province = ProvinceFactory(code="qt")
    merged = ProvinceFactory(code="qb")
    province.predecessors.add(merged)
    unit = UnitFactory(province=merged, kind=UnitKind.DISTRICT)
    uploader = UserFactory()
    stored = files.store_upload(upload("minh-chung.pdf", MINIMAL_PDF), actor=uploader, owner_unit=unit)
    return {"file": stored, "unit": unit, "uploader": uploader, "province": province}


def _file_url(stored):
    return reverse("core:file", args=[stored.uuid])


def test_file_is_served_to_those_who_may(make_user, login, stored_file):
    stored = stored_file["file"]
    for user in (
        stored_file["uploader"],
        make_user(Role.UNIT_OFFICER, stored_file["unit"]),
        make_user(Role.UNIT_HEAD, stored_file["unit"]),
        make_user(Role.BOARD_OFFICER, stored_file["province"]),
        make_user(Role.ADMIN),
    ):
        response = login(user).get(_file_url(stored))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == MINIMAL_PDF
        assert response["Content-Disposition"] == 'attachment; filename="minh-chung.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
    inline = login(stored_file["uploader"]).get(_file_url(stored) + "?inline=1")
    assert inline["Content-Disposition"] == 'inline; filename="minh-chung.pdf"'


def test_file_is_404_for_outsiders(make_user, login, stored_file):
    stored = stored_file["file"]
    for outsider in (
        make_user(Role.UNIT_OFFICER, UnitFactory(province=stored_file["province"])),
        make_user(Role.BOARD_OFFICER, ProvinceFactory()),
        make_user(Role.COUNCIL_MEMBER, stored_file["province"]),
        make_user(),
    ):
        assert login(outsider).get(_file_url(stored)).status_code == 404


def test_file_of_an_unknown_uuid_is_404_and_anonymous_users_log_in_first(client, login, stored_file):
    missing = "/tep/00000000-0000-0000-0000-000000000000/"
    assert login(UserFactory()).get(missing).status_code == 404
    for url in (missing, _file_url(stored_file["file"])):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, f"/tai-khoan/dang-nhap/?next={url}")


def test_public_file_needs_no_login(client, stored_file):
    stored = stored_file["file"]
    stored.is_public = True
    stored.save()
    assert client.get(_file_url(stored)).status_code == 200


def test_registered_checkers_grant_access(monkeypatch, login, stored_file):
    reader = UserFactory(username="nguoi.doc")
    monkeypatch.setattr(files, "_FILE_ACCESS_CHECKERS", [lambda user, _stored: user.username == "nguoi.doc"])
    assert login(reader).get(_file_url(stored_file["file"])).status_code == 200
    assert login(UserFactory()).get(_file_url(stored_file["file"])).status_code == 404


def test_file_missing_on_disk_is_404(login, stored_file):
    stored = stored_file["file"]
    stored.file.storage.delete(stored.file.name)
    assert login(stored_file["uploader"]).get(_file_url(stored)).status_code == 404


def test_log_entries_have_readable_action_names():
    assert ActivityLogEntry.objects.count() == 0
    from thidua.core.activity import action_label

    assert action_label("lineage.recorded") == "Ghi nhận sự kiện sắp xếp đơn vị"
    assert action_label("api_token.issued") == "Cấp token API"
    assert action_label("khong.co") == ""
