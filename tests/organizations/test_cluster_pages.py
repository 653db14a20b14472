"""The board sets a cluster up in pages: found it, edit and close it, its rotation order, its first and next year."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import ClusterFactory, ProvinceFactory, UnitFactory, UserFactory
from tests.organizations.factories import named_unit
from thidua.core.models import ActivityLogEntry
from thidua.emulation.models import Phase
from thidua.organizations import services
from thidua.organizations.enums import ClusterKind, LeaderSelection, Role, UnitKind
from thidua.organizations.models import Cluster, ClusterYear, RotationSlot
from thidua.scoring.models import CriteriaTable, Criterion

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def province(db):
    return ProvinceFactory(code="quang-tri", name="Quảng Trị")


@pytest.fixture
def board(make_user, province):
    return make_user(Role.BOARD_OFFICER, province)


@pytest.fixture
def officer(make_user, province):
    return make_user(Role.UNIT_OFFICER, UnitFactory(province=province))


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def communes(province, *names):
    return [named_unit(name, province=province, kind=UnitKind.COMMUNE) for name in names]


def rotation_of(cluster):
    return [s.unit.name for s in RotationSlot.objects.filter(cluster=cluster).select_related("unit")]


def test_board_founds_a_cluster_from_the_list_page(login, board, province):
    client = login(board)
    assert reverse("organizations:cluster_create") in client.get(reverse("organizations:cluster_list")).content.decode()
    response = client.post(
        reverse("organizations:cluster_create"),
        {
            "province": province.pk,
            "name": "Cụm thi đua các xã phía Bắc",
            "kind": ClusterKind.CLUSTER,
            "founding_decision": "Quyết định 12/QĐ-HĐTĐKT",
            "founding_decision_date": "2026-01-05",
            "valid_from": "2026-01-01",
            "leader_selection": LeaderSelection.ROTATION,
        },
        follow=True,
    )
    cluster = Cluster.objects.get()
    assert response.redirect_chain[-1][0] == reverse("organizations:cluster_detail", args=[cluster.pk])
    assert messages_of(response) == ["Đã thành lập Cụm thi đua các xã phía Bắc."]
    assert (cluster.province, cluster.founding_decision_date, cluster.leader_selection) == (
        province,
        D(2026, 1, 5),
        "luan_phien",
    )
    html = response.content.decode()
    assert "Quyết định 12/QĐ-HĐTĐKT (ngày 05/01/2026)" in html
    assert reverse("organizations:cluster_rotation", args=[cluster.pk]) in html


def test_founding_page_refuses_bad_input_and_outsiders(login, board, officer, province):
    assert login(officer).get(reverse("organizations:cluster_create")).status_code == 403
    assert (
        reverse("organizations:cluster_create")
        not in login(officer).get(reverse("organizations:cluster_list")).content.decode()
    )
    ClusterFactory(province=province, name="Cụm Bắc")
    response = login(board).post(
        reverse("organizations:cluster_create"),
        {"province": province.pk, "name": "cụm bắc", "kind": "cum", "leader_selection": "bau"},
    )
    assert response.status_code == 200
    assert messages_of(response) == ["Quảng Trị đã có cụm, khối “cụm bắc”."]
    other = ProvinceFactory(name="Huế")
    response = login(board).post(
        reverse("organizations:cluster_create"),
        {"province": other.pk, "name": "Cụm Huế", "kind": "cum", "leader_selection": "bau"},
    )
    assert "province" in response.context["form"].errors  # not a province of this board
    assert (Cluster.objects.count(), ActivityLogEntry.objects.count()) == (1, 0)


def test_edit_page_saves_and_a_stale_form_is_refused(login, board, province):
    cluster = services.found_cluster(actor=None, province=province, name="Cụm Bắc")
    url = reverse("organizations:cluster_edit", args=[cluster.pk])
    form = {"name": "Cụm Bắc mới", "kind": "cum", "leader_selection": "luan_phien", "version": 0}
    assert login(board).post(url, form).status_code == 302
    cluster.refresh_from_db()
    assert (cluster.name, cluster.leader_selection, cluster.version) == ("Cụm Bắc mới", "luan_phien", 1)
    response = login(board).post(url, {**form, "name": "Cụm cũ hơn"})
    assert response.status_code == 200
    assert messages_of(response) == [
        "Người khác vừa sửa nội dung này sau khi bạn mở nó. Trang đã hiện giá trị mới nhất; hãy xem lại rồi làm tiếp."
    ]
    assert response.context["form"].initial["version"] == 1
    cluster.refresh_from_db()
    assert cluster.name == "Cụm Bắc mới"


def test_close_page(login, board, officer, province):
    cluster = services.found_cluster(actor=None, province=province, name="Cụm Bắc", valid_from=D(2026, 1, 1))
    url = reverse("organizations:cluster_close", args=[cluster.pk])
    assert login(officer).post(url, {"date": "2026-12-31", "version": 0}).status_code == 403
    response = login(board).post(url, {"date": "2025-12-31", "version": 0})
    assert messages_of(response) == ["Ngày kết thúc phải sau ngày bắt đầu hoạt động (01/01/2026)."]
    response = login(board).post(url, {"date": "2026-12-31", "decision": "QĐ 99", "version": 0}, follow=True)
    assert messages_of(response) == ["Đã ghi nhận cụm kết thúc hoạt động."]
    cluster.refresh_from_db()
    assert (cluster.valid_to, cluster.closing_decision) == (D(2026, 12, 31), "QĐ 99")


def test_rotation_page_adds_moves_and_removes_without_javascript(login, board, officer, province):
    cluster = services.found_cluster(
        actor=None, province=province, name="Cụm Bắc", leader_selection=LeaderSelection.ROTATION
    )
    a, b, c = communes(province, "An", "Bình", "Cát")
    url = reverse("organizations:cluster_rotation", args=[cluster.pk])
    client = login(board)
    for version, unit in enumerate((a, b, c)):
        response = client.post(url, {"unit": unit.pk, "version": version}, follow=True)
        assert messages_of(response) == ["Đã cập nhật thứ tự luân phiên."]
    client.post(url, {"unit": c.pk, "action": "up", "version": 3}, follow=True)
    client.post(url, {"unit": a.pk, "action": "down", "version": 4}, follow=True)
    assert rotation_of(cluster) == ["Cát", "An", "Bình"]
    response = client.post(url, {"unit": c.pk, "action": "up", "version": 5}, follow=True)
    assert messages_of(response) == ["Xã Cát đã ở đầu thứ tự."]
    stale = client.post(url, {"unit": c.pk, "action": "remove", "version": 2}, follow=True)
    assert messages_of(stale) == [
        "Người khác vừa sửa nội dung này sau khi bạn mở nó. Trang đã hiện giá trị mới nhất; hãy xem lại rồi làm tiếp."
    ]
    client.post(url, {"unit": c.pk, "action": "remove", "version": 5}, follow=True)
    assert rotation_of(cluster) == ["An", "Bình"]
    html = client.get(url).content.decode()
    assert html.count('name="action" value="up"') == 1
    assert html.count('name="action" value="down"') == 1
    assert "<td>xã An</td><td>xã Bình</td>" in html  # this year's leader and deputy, by the order
    assert login(officer).get(url).status_code == 403
    assert login(officer).post(url, {"unit": a.pk, "action": "remove", "version": 6}).status_code == 403
    assert rotation_of(cluster) == ["An", "Bình"]


def test_first_year_opens_from_an_empty_cluster(login, board, province):
    cluster = services.found_cluster(actor=None, province=province, name="Cụm Bắc", valid_from=D(2026, 1, 1))
    units = communes(province, "An", "Bình", "Cát")
    url = reverse("organizations:cluster_year_open", args=[cluster.pk])
    assert login(board).get(url).status_code == 200
    response = login(board).post(
        url, {"year": 2026, "members": [u.pk for u in units], "leader": units[0].pk, "deputy": units[1].pk}
    )
    assert response.status_code == 302
    year = ClusterYear.objects.get(cluster=cluster)
    assert (year.year, year.leader, year.deputy, year.memberships.count()) == (2026, units[0], units[1], 3)


def test_open_year_page_names_the_other_cluster(login, board, province):
    (an,) = communes(province, "An")
    services.open_cluster_year(ClusterFactory(province=province, name="Cụm Nam"), 2026, members=[an])
    cluster = ClusterFactory(province=province, name="Cụm Bắc")
    response = login(board).post(
        reverse("organizations:cluster_year_open", args=[cluster.pk]), {"year": 2026, "members": [an.pk]}
    )
    assert messages_of(response) == ["Xã An đã là thành viên của Cụm Nam năm 2026."]
    assert not cluster.years.exists()


def _year_with_table_and_phases(province):
    cluster = ClusterFactory(province=province, name="Cụm Bắc", leader_selection=LeaderSelection.ROTATION)
    a, b, c = communes(province, "An", "Bình", "Cát")
    ended = named_unit("Cũ", province=province, kind=UnitKind.COMMUNE)
    ended.valid_to = D(2026, 6, 30)
    ended.save()
    services.set_rotation(cluster, [a, b, c], actor=None)
    year = services.open_cluster_year(cluster, 2026, members=[a, b, c, ended], leader=a, deputy=b)
    table = CriteriaTable.objects.create(cluster_year=year, name="Bảng 2026", total_points=100)
    group = Criterion.objects.create(table=table, code="I", title="Nhóm I", max_points=60, position=1)
    Criterion.objects.create(table=table, parent=group, code="1", title="Tiêu chí 1", max_points=60, position=2)
    Phase.objects.create(cluster_year=year, kind="registration", starts_on=D(2026, 1, 5), ends_on=D(2026, 2, 28))
    Phase.objects.create(cluster_year=year, kind="self_assessment", starts_on=D(2026, 11, 1), ends_on=D(2026, 11, 30))
    return year, (a, b, c)


def test_open_next_year_copies_members_table_phases_and_rotates_the_leader(login, board, province):
    year, (_a, b, c) = _year_with_table_and_phases(province)
    url = reverse("organizations:cluster_year_open_next", args=[year.pk])
    preview = login(board).get(url).content.decode()
    assert "Theo thứ tự luân phiên: xã Bình (Trưởng cụm), xã Cát (Phó Trưởng cụm)" in preview
    assert "xã Cũ" in preview  # listed as not carried over
    response = login(board).post(url, follow=True)
    assert messages_of(response) == ["Đã mở kỳ thi đua năm 2027 với 3 thành viên."]
    following = ClusterYear.objects.get(cluster=year.cluster, year=2027)
    assert (following.leader, following.deputy) == (b, c)
    assert sorted(following.memberships.values_list("unit__name", flat=True)) == ["An", "Bình", "Cát"]
    table = CriteriaTable.objects.get(cluster_year=following)
    assert (table.name, table.total_points, table.frozen_at) == (
        "Bảng tiêu chí, thang điểm thi đua năm 2027",
        100,
        None,
    )
    assert list(table.criteria.order_by("position").values_list("code", "parent__code", "max_points")) == [
        ("I", None, 60),
        ("1", "I", 60),
    ]
    assert sorted(Phase.objects.filter(cluster_year=following).values_list("kind", "starts_on", "ends_on")) == [
        ("registration", D(2027, 1, 5), D(2027, 2, 28)),
        ("self_assessment", D(2027, 11, 1), D(2027, 11, 30)),
    ]
    entry = ActivityLogEntry.objects.get(action="cluster_year.opened_from")
    assert (entry.actor, entry.new_values) == (board, {"from_year": 2026, "copied": {"phases": 2, "criteria": 2}})
    again = login(board).post(url, follow=True)
    assert messages_of(again) == ["Kỳ thi đua năm 2027 của cụm đã có."]
    assert ClusterYear.objects.filter(cluster=year.cluster).count() == 2


def test_open_next_year_is_refused_whole(login, board, officer, province):
    year, (a, _b, _c) = _year_with_table_and_phases(province)
    url = reverse("organizations:cluster_year_open_next", args=[year.pk])
    assert login(officer).post(url).status_code == 403
    services.open_cluster_year(ClusterFactory(province=province, name="Cụm Nam"), 2027, members=[a])
    response = login(board).post(url)
    assert messages_of(response) == ["Xã An đã là thành viên của Cụm Nam năm 2027."]
    assert not ClusterYear.objects.filter(cluster=year.cluster, year=2027).exists()
    assert CriteriaTable.objects.count() == 1
    assert Phase.objects.count() == 2


def test_the_admin_shows_the_rotation_order_read_only(login, province):
    cluster = ClusterFactory(province=province)
    services.set_rotation(cluster, communes(province, "An", "Bình"), actor=None)
    administrator = UserFactory(is_superuser=True, is_staff=True)
    response = login(administrator).get(reverse("admin:organizations_cluster_change", args=[cluster.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("xã An") < html.index("xã Bình")
    assert 'name="rotation-0-unit"' not in html  # shown, not edited: the rotation page guards the order
