"""Founding, editing and closing a cluster, its rotation order, and the one-cluster-a-year rule for members."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from tests.factories import ClusterFactory, ProvinceFactory, UnitFactory, UserFactory, cluster_year_with_members
from tests.organizations.factories import named_unit
from thidua.core import kernel
from thidua.core.models import ActivityLogEntry
from thidua.organizations import selectors, services
from thidua.organizations.enums import ClusterKind, LeaderSelection, Role, UnitKind
from thidua.organizations.models import Cluster, ClusterMembership, ClusterYear, RotationSlot

D = datetime.date
pytestmark = pytest.mark.django_db


def actions():
    return list(ActivityLogEntry.objects.order_by("id").values_list("action", flat=True))


@pytest.fixture
def province(db):
    return ProvinceFactory(name="Quảng Trị")


@pytest.fixture
def board(make_user, province):
    return make_user(Role.BOARD_OFFICER, province)


def communes(province, *names):
    return [named_unit(name, province=province, kind=UnitKind.COMMUNE) for name in names]


def rotation_of(cluster):
    return [slot.unit.name for slot in RotationSlot.objects.filter(cluster=cluster).select_related("unit")]


# One cluster of a kind a year --------------------------------------------------------------------------------


def test_a_unit_in_another_cluster_of_the_same_year_is_refused_by_name(province):
    cam_lo, gio_linh = communes(province, "Cam Lộ", "Gio Linh")
    first = services.open_cluster_year(
        ClusterFactory(province=province, name="Cụm thi đua số 1"), 2026, members=[cam_lo, gio_linh]
    )
    second = ClusterFactory(province=province, name="Cụm thi đua số 2")
    with pytest.raises(kernel.Refusal) as refused:
        services.open_cluster_year(second, 2026, members=[communes(province, "Hải Lăng")[0], gio_linh])
    assert refused.value.messages == ["Xã Gio Linh đã là thành viên của Cụm thi đua số 1 năm 2026."]
    assert (second.years.count(), first.memberships.count()) == (0, 2)


def test_set_members_and_update_year_refuse_a_unit_of_another_cluster(province):
    cam_lo, gio_linh, hai_lang = communes(province, "Cam Lộ", "Gio Linh", "Hải Lăng")
    services.open_cluster_year(ClusterFactory(province=province, name="Cụm A"), 2026, members=[cam_lo])
    other = services.open_cluster_year(ClusterFactory(province=province, name="Cụm B"), 2026, members=[gio_linh])
    with pytest.raises(kernel.Refusal) as refused:
        services.set_cluster_year_members(other, members=[gio_linh, hai_lang, cam_lo])
    assert refused.value.messages == ["Xã Cam Lộ đã là thành viên của Cụm A năm 2026."]
    with pytest.raises(kernel.Refusal):
        services.update_cluster_year(other, members=[gio_linh, cam_lo], leader=None, deputy=None)
    assert list(other.memberships.values_list("unit__name", flat=True)) == ["Gio Linh"]


def test_a_unit_may_be_in_a_cluster_and_a_block_and_in_other_years(province):
    (cam_lo,) = communes(province, "Cam Lộ")
    services.open_cluster_year(ClusterFactory(province=province, name="Cụm A"), 2026, members=[cam_lo])
    block = ClusterFactory(province=province, name="Khối A", kind=ClusterKind.BLOCK)
    services.open_cluster_year(block, 2026, members=[cam_lo])
    services.open_cluster_year(ClusterFactory(province=province, name="Cụm B"), 2027, members=[cam_lo])
    assert sorted(ClusterMembership.objects.values_list("year", "cluster_kind")) == [
        (2026, "cum"),
        (2026, "khoi"),
        (2027, "cum"),
    ]


def test_the_database_refuses_a_second_cluster_of_the_same_kind_and_year(province):
    (cam_lo,) = communes(province, "Cam Lộ")
    services.open_cluster_year(ClusterFactory(province=province), 2026, members=[cam_lo])
    other = ClusterYear.objects.create(cluster=ClusterFactory(province=province), year=2026)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClusterMembership.objects.create(cluster_year=other, unit=cam_lo)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClusterMembership.objects.bulk_create([ClusterMembership(cluster_year=other, unit=cam_lo)])
    with pytest.raises(ValidationError) as refused:
        ClusterMembership(cluster_year=other, unit=cam_lo).full_clean()
    other_name = ClusterYear.objects.exclude(pk=other.pk).get().cluster.name
    assert f"Xã Cam Lộ đã là thành viên của {other_name} năm 2026." in refused.value.messages


# Founding, editing, closing ---------------------------------------------------------------------------------------


def test_board_founds_a_cluster_and_it_is_logged(board, province):
    cluster = services.found_cluster(
        actor=board,
        province=province,
        name="  Cụm thi đua các xã phía Bắc  ",
        kind=ClusterKind.CLUSTER,
        leader_selection=LeaderSelection.ROTATION,
        founding_decision="Quyết định 12/QĐ-HĐTĐKT",
        founding_decision_date=D(2026, 1, 5),
        valid_from=D(2026, 1, 1),
    )
    cluster.refresh_from_db()
    assert (cluster.name, cluster.folded_name, cluster.leader_selection, cluster.version) == (
        "Cụm thi đua các xã phía Bắc",
        "cum thi dua cac xa phia bac",
        "luan_phien",
        0,
    )
    entry = ActivityLogEntry.objects.get()
    assert (entry.action, entry.actor, entry.province_id) == ("cluster.founded", board, province.pk)
    assert entry.new_values["founding_decision_date"] == "2026-01-05"


def test_founding_is_refused_to_another_province_and_for_bad_input(board, make_user, province):
    other = ProvinceFactory(name="Huế")
    with pytest.raises(PermissionDenied):
        services.found_cluster(actor=board, province=other, name="Cụm X")
    with pytest.raises(PermissionDenied):
        services.found_cluster(
            actor=make_user(Role.UNIT_OFFICER, UnitFactory(province=province)), province=province, name="X"
        )
    with pytest.raises(kernel.Refusal) as refused:
        services.found_cluster(actor=board, province=province, name="   ")
    assert refused.value.messages == ["Tên cụm, khối không được để trống."]
    services.found_cluster(actor=board, province=province, name="Cụm Bắc")
    with pytest.raises(kernel.Refusal) as refused:
        services.found_cluster(actor=board, province=province, name="cum bac")
    assert refused.value.messages == ["Quảng Trị đã có cụm, khối “cum bac”."]
    ended = ProvinceFactory(name="Quảng Bình", valid_to=D(2025, 6, 30))
    with pytest.raises(kernel.Refusal) as refused:
        services.found_cluster(actor=None, province=ended, name="Cụm cũ", valid_from=D(2026, 1, 1))
    assert refused.value.messages == ["Quảng Bình đã kết thúc hoạt động ngày 30/06/2025; hãy lập cụm ở tỉnh hiện nay."]
    assert (Cluster.objects.count(), actions()) == (1, ["cluster.founded"])


def test_edit_cluster_with_version_and_a_lost_race(board, province):
    cluster = services.found_cluster(actor=board, province=province, name="Cụm Bắc")
    seen = cluster.version
    services.update_cluster(cluster, actor=board, version=seen, name="Cụm Bắc Quảng Trị", founding_decision="QĐ 1")
    assert (cluster.name, cluster.folded_name, cluster.version) == ("Cụm Bắc Quảng Trị", "cum bac quang tri", 1)
    with pytest.raises(kernel.StaleEdit):
        services.update_cluster(cluster, actor=board, version=seen, name="Cụm khác")
    cluster.refresh_from_db()
    assert (cluster.name, cluster.version) == ("Cụm Bắc Quảng Trị", 1)
    entry = ActivityLogEntry.objects.filter(action="cluster.changed").get()
    assert (entry.old_values, entry.new_values) == (
        {"name": "Cụm Bắc", "founding_decision": ""},
        {"name": "Cụm Bắc Quảng Trị", "founding_decision": "QĐ 1"},
    )


def test_changing_the_kind_keeps_one_cluster_a_year(province):
    (cam_lo,) = communes(province, "Cam Lộ")
    services.open_cluster_year(ClusterFactory(province=province, name="Cụm A"), 2026, members=[cam_lo])
    block = ClusterFactory(province=province, name="Khối B", kind=ClusterKind.BLOCK)
    services.open_cluster_year(block, 2026, members=[cam_lo])
    with pytest.raises(kernel.Refusal) as refused:
        services.update_cluster(block, actor=None, kind=ClusterKind.CLUSTER)
    assert refused.value.messages == ["Xã Cam Lộ đã là thành viên của Cụm A năm 2026."]
    block.refresh_from_db()
    assert block.kind == ClusterKind.BLOCK


def test_close_cluster_checks_permission_and_version(board, province):
    cluster = services.found_cluster(actor=board, province=province, name="Cụm Bắc", valid_from=D(2026, 1, 1))
    with pytest.raises(PermissionDenied):
        services.close_cluster(cluster, date=D(2026, 12, 31), actor=UserFactory())
    with pytest.raises(kernel.StaleEdit):
        services.close_cluster(cluster, date=D(2026, 12, 31), actor=board, version=cluster.version + 1)
    services.close_cluster(cluster, date=D(2026, 12, 31), actor=board, decision="QĐ giải thể", version=0)
    cluster.refresh_from_db()
    assert (cluster.valid_to, cluster.closing_decision, cluster.version) == (D(2026, 12, 31), "QĐ giải thể", 1)


# The rotation order --------------------------------------------------------------------------------------------


def test_rotation_is_entered_reordered_and_forecast(board, province):
    cluster = services.found_cluster(
        actor=board, province=province, name="Cụm Bắc", leader_selection=LeaderSelection.ROTATION
    )
    a, b, c = communes(province, "An", "Bình", "Cát")
    for unit in (a, b, c):
        services.add_to_rotation(cluster, unit, actor=board, version=cluster.version)
    assert (rotation_of(cluster), cluster.version) == (["An", "Bình", "Cát"], 3)
    services.move_in_rotation(cluster, c, up=True, actor=board, version=cluster.version)
    services.remove_from_rotation(cluster, a, actor=board, version=cluster.version)
    services.add_to_rotation(cluster, a, actor=board, version=cluster.version)
    assert rotation_of(cluster) == ["Cát", "Bình", "An"]
    year = services.open_cluster_year(cluster, 2026, members=[a, b, c], leader=b, deputy=a)
    forecast = [(y, leader.name, deputy.name) for y, leader, deputy in selectors.rotation_forecast(cluster, years=5)]
    assert forecast == [
        (2027, "An", "Cát"),
        (2028, "Cát", "Bình"),
        (2029, "Bình", "An"),
        (2030, "An", "Cát"),
        (2031, "Cát", "Bình"),
    ]
    assert selectors.rotation_after(cluster, year.leader_id) == (a, c)
    assert actions().count("cluster.rotation_set") == 6


def test_rotation_refusals_change_nothing(board, province):
    cluster = services.found_cluster(actor=board, province=province, name="Cụm Bắc")
    a, b = communes(province, "An", "Bình")
    services.set_rotation(cluster, [a, b], actor=board, version=0)
    stranger = named_unit("Lạ", province=ProvinceFactory(), kind=UnitKind.COMMUNE)
    ended = named_unit("Cũ", province=province, kind=UnitKind.COMMUNE)
    ended.valid_to = D(2025, 6, 30)
    ended.save()
    cases = [
        (lambda: services.move_in_rotation(cluster, a, up=True, actor=board, version=1), "Xã An đã ở đầu thứ tự."),
        (lambda: services.move_in_rotation(cluster, b, up=False, actor=board, version=1), "Xã Bình đã ở cuối thứ tự."),
        (lambda: services.add_to_rotation(cluster, a, actor=board, version=1), "Xã An đã có trong thứ tự luân phiên."),
        (lambda: services.add_to_rotation(cluster, stranger, actor=board, version=1), "Xã Lạ không thuộc Quảng Trị."),
        (
            lambda: services.add_to_rotation(cluster, ended, actor=board, version=1),
            "Xã Cũ đã kết thúc hoạt động ngày 30/06/2025.",
        ),
        (
            lambda: services.set_rotation(cluster, [a, a], actor=board, version=1),
            "Xã An có hai lần trong thứ tự luân phiên.",
        ),
    ]
    for call, message in cases:
        with pytest.raises(kernel.Refusal) as refused:
            call()
        assert refused.value.messages == [message]
    with pytest.raises(kernel.StaleEdit):
        services.move_in_rotation(cluster, b, up=True, actor=board, version=0)
    with pytest.raises(PermissionDenied):
        services.set_rotation(cluster, [b, a], actor=UserFactory(), version=1)
    cluster.refresh_from_db()
    assert (rotation_of(cluster), cluster.version) == (["An", "Bình"], 1)


def test_forecast_of_a_cluster_without_years_starts_at_the_top(province):
    cluster = ClusterFactory(province=province, valid_from=D(2026, 1, 1))
    a, b = communes(province, "An", "Bình")
    services.set_rotation(cluster, [a, b], actor=None)
    rows = selectors.rotation_forecast(cluster, years=3, today=D(2025, 11, 1))
    assert [(y, leader.name, deputy.name) for y, leader, deputy in rows] == [
        (2026, "An", "Bình"),
        (2027, "Bình", "An"),
        (2028, "An", "Bình"),
    ]
    assert selectors.rotation_forecast(ClusterFactory(province=province)) == []


def test_the_leadership_rotation_reads_the_same_order(province):
    cy, units = cluster_year_with_members(3, year=2026, province=province)
    services.set_rotation(cy.cluster, [units[2], units[0], units[1]], actor=None)
    from thidua.voting.selectors import rotation_leaders

    assert rotation_leaders(cy) == (units[1], units[2])
