import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import ClusterFactory, ProvinceFactory, UnitFactory, UserFactory, cluster_year_with_members
from tests.organizations.factories import named_unit
from thidua.core.models import ActivityLogEntry
from thidua.organizations import selectors, services
from thidua.organizations.enums import LineageKind, LineageRole, UnitKind
from thidua.organizations.models import ClusterMembership, ClusterYear, LineageEvent, Unit

D = datetime.date
pytestmark = pytest.mark.django_db


def actions():
    return list(ActivityLogEntry.objects.order_by("id").values_list("action", flat=True))


@pytest.fixture
def actor(db):
    return UserFactory(is_superuser=True)  # the cluster services check their permission


def test_record_lineage_event_ends_predecessors_the_day_before_and_logs(actor):
    province = ProvinceFactory()
    a, b = named_unit("A", province=province), named_unit("B", province=province)
    c = named_unit("C", province=province, valid_from=D(2025, 7, 1))
    event = services.record_lineage_event(
        kind=LineageKind.MERGED,
        date=D(2025, 7, 1),
        predecessors=[a, b],
        successors=[c],
        actor=actor,
        decision="NQ 1680",
        note="ghi chú",
    )
    assert (event.kind, event.date, event.decision) == ("sap_nhap", D(2025, 7, 1), "NQ 1680")
    assert sorted(event.links.values_list("role", "unit__name")) == [("sau", "C"), ("truoc", "A"), ("truoc", "B")]
    a.refresh_from_db()
    assert (a.valid_to, b.valid_to, c.valid_to) == (D(2025, 6, 30), D(2025, 6, 30), None)
    assert list(a.names.values_list("valid_to", flat=True)) == [D(2025, 6, 30)]
    assert actions() == ["unit.ended", "unit.ended", "lineage.recorded"]
    entry = ActivityLogEntry.objects.get(action="lineage.recorded")
    assert (entry.actor, entry.province_id, entry.unit_id) == (actor, province.pk, c.pk)
    assert entry.new_values == {
        "kind": "sap_nhap",
        "date": "2025-07-01",
        "decision": "NQ 1680",
        "predecessors": [a.pk, b.pk],
        "successors": [c.pk],
    }
    ended = ActivityLogEntry.objects.filter(action="unit.ended").order_by("id").first()
    assert (ended.old_values, ended.new_values, ended.unit_id) == ({"valid_to": None}, {"valid_to": "2025-06-30"}, a.pk)


def test_record_lineage_event_keeps_a_continuing_unit_open():
    province = ProvinceFactory()
    a, b = named_unit("A", province=province), named_unit("B", province=province)
    services.record_lineage_event(kind=LineageKind.MERGED, date=D(2020, 1, 1), predecessors=[a, b], successors=[a])
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.valid_to, b.valid_to) == (None, D(2019, 12, 31))
    assert list(selectors.all_predecessors(a)) == [b]


def test_record_lineage_event_counts_a_unit_picked_twice_once():
    province = ProvinceFactory()
    a = named_unit("A", province=province)
    c = named_unit("C", province=province, valid_from=D(2020, 1, 1))
    event = services.record_lineage_event(
        kind=LineageKind.RENAMED, date=D(2020, 1, 1), predecessors=[a, a], successors=[c, c]
    )
    assert event.links.count() == 2


@pytest.mark.parametrize(
    ("kind", "before", "after", "message"),
    [
        (LineageKind.MERGED, False, True, "Sự kiện này cần ít nhất một đơn vị trước."),
        (LineageKind.SPLIT, True, False, "Sự kiện này cần ít nhất một đơn vị sau."),
        (LineageKind.ESTABLISHED, False, False, "Sự kiện này cần ít nhất một đơn vị sau."),
        (LineageKind.DISSOLVED, False, False, "Sự kiện này cần ít nhất một đơn vị trước."),
    ],
)
def test_record_lineage_event_refuses_empty_sides(kind, before, after, message):
    a, c = UnitFactory(), UnitFactory()
    with pytest.raises(ValidationError) as refused:
        services.record_lineage_event(
            kind=kind, date=D(2020, 1, 1), predecessors=[a] if before else [], successors=[c] if after else []
        )
    assert refused.value.messages == [message]
    assert LineageEvent.objects.count() == 0
    assert actions() == []


def test_record_lineage_event_allows_establishing_or_dissolving_with_one_side():
    new = UnitFactory(valid_from=D(2020, 1, 1))
    services.record_lineage_event(kind=LineageKind.ESTABLISHED, date=D(2020, 1, 1), predecessors=[], successors=[new])
    old = UnitFactory()
    services.record_lineage_event(kind=LineageKind.DISSOLVED, date=D(2021, 1, 1), predecessors=[old], successors=[])
    old.refresh_from_db()
    assert old.valid_to == D(2020, 12, 31)


def test_record_lineage_event_refuses_units_not_alive_on_the_date():
    ended = UnitFactory(name="Cũ", kind=UnitKind.COMMUNE, valid_to=D(2010, 12, 31))
    later = UnitFactory(name="Sau", kind=UnitKind.COMMUNE, valid_from=D(2030, 1, 1))
    alive = UnitFactory()
    with pytest.raises(ValidationError) as refused:
        services.record_lineage_event(
            kind=LineageKind.MERGED, date=D(2020, 1, 1), predecessors=[ended], successors=[alive]
        )
    assert refused.value.messages == ["xã Cũ đã kết thúc hoạt động ngày 31/12/2010, trước ngày hiệu lực 01/01/2020."]
    with pytest.raises(ValidationError) as refused:
        services.record_lineage_event(
            kind=LineageKind.MERGED, date=D(2020, 1, 1), predecessors=[alive], successors=[later]
        )
    assert refused.value.messages == ["xã Sau không hoạt động vào ngày hiệu lực 01/01/2020."]
    assert LineageEvent.objects.count() == 0


def test_create_unit_makes_a_code_and_a_first_name(actor):
    province = ProvinceFactory(code="quang-tri")
    unit = services.create_unit(
        kind=UnitKind.COMMUNE, name="Lệ Thủy", province=province, valid_from=D(2025, 7, 1), actor=actor
    )
    again = services.create_unit(kind=UnitKind.COMMUNE, name="Lệ Thủy", province=province, actor=actor)
    assert (unit.code, again.code) == ("quang-tri-xa-le-thuy", "quang-tri-xa-le-thuy-2")
    assert list(unit.names.values_list("name", "valid_from")) == [("Lệ Thủy", D(2025, 7, 1))]
    assert actions() == ["unit.created", "unit.created"]
    for kwargs, message in (
        ({"kind": UnitKind.COMMUNE, "name": "  ", "province": province}, "Tên đơn vị không được để trống."),
        ({"kind": UnitKind.COMMUNE, "name": "X", "province": None}, "Hãy chọn tỉnh của đơn vị."),
        ({"kind": "lang", "name": "X", "province": province}, "Loại đơn vị không hợp lệ."),
    ):
        with pytest.raises(ValidationError) as refused:
            services.create_unit(**kwargs)
        assert refused.value.messages == [message]
    assert Unit.objects.count() == 2


def test_rename_unit_keeps_the_old_name_and_logs(actor):
    unit = UnitFactory(name="Yên Hòa", kind=UnitKind.WARD)  # no name history yet: the rename makes it
    services.rename_unit(unit, "Hòa Bình", date=D(2018, 1, 1), actor=actor, decision="NQ 5")
    assert unit.name == "Hòa Bình"
    unit.refresh_from_db()
    assert (unit.name, unit.folded_name) == ("Hòa Bình", "phuong hoa binh")
    history = [(n.name, n.valid_from, n.valid_to) for n in selectors.names_in_order(unit.names.all())]
    assert history == [("Yên Hòa", None, D(2017, 12, 31)), ("Hòa Bình", D(2018, 1, 1), None)]
    assert selectors.unit_name_on(unit, D(2017, 6, 1)) == "Yên Hòa"
    event = LineageEvent.objects.get()
    assert (event.kind, event.note) == ("doi_ten", "Yên Hòa → Hòa Bình")
    assert sorted(event.links.values_list("role", flat=True)) == [LineageRole.SUCCESSOR, LineageRole.PREDECESSOR]
    entry = ActivityLogEntry.objects.get()
    assert (entry.action, entry.old_values, entry.new_values["name"]) == (
        "unit.renamed",
        {"name": "Yên Hòa"},
        "Hòa Bình",
    )


@pytest.mark.parametrize(
    ("new_name", "date", "expected", "message"),
    [
        ("  ", D(2020, 1, 1), None, "Tên mới không được để trống."),
        ("Cũ", D(2020, 1, 1), None, "Tên mới trùng với tên hiện tại."),
        ("Mới", D(2031, 1, 1), None, "xã Cũ không hoạt động vào ngày 01/01/2031."),
        ("Mới", D(2005, 1, 1), None, "Tên hiện tại có hiệu lực từ 01/01/2005; ngày đổi tên phải sau ngày đó."),
        (
            "Mới",
            D(2020, 1, 1),
            "Khác",
            "Đơn vị vừa được người khác đổi tên thành “Cũ”. Hãy xem lại trước khi đổi.",
        ),
    ],
)
def test_rename_unit_refusals_change_nothing(new_name, date, expected, message):
    unit = named_unit("Cũ", province=ProvinceFactory(), kind=UnitKind.COMMUNE, valid_from=D(2005, 1, 1))
    unit.valid_to = D(2030, 12, 31)
    unit.save()
    with pytest.raises(ValidationError) as refused:
        services.rename_unit(unit, new_name, date=date, expected_name=expected)
    assert refused.value.messages == [message]
    unit.refresh_from_db()
    assert (unit.name, unit.names.count(), LineageEvent.objects.count()) == ("Cũ", 1, 0)


def test_set_cluster_year_leaders_sets_and_logs(actor):
    cy, units = cluster_year_with_members(4)
    services.set_cluster_year_leaders(cy, leader=units[2], deputy=units[3], actor=actor, reason="Hội nghị")
    cy.refresh_from_db()
    assert (cy.leader, cy.deputy) == (units[2], units[3])
    entry = ActivityLogEntry.objects.get()
    assert (entry.action, entry.note, entry.province_id) == (
        "cluster_year.leaders_set",
        "Hội nghị",
        cy.cluster.province_id,
    )
    assert (entry.old_values, entry.new_values) == (
        {"leader": units[0].pk, "deputy": units[1].pk},
        {"leader": units[2].pk, "deputy": units[3].pk},
    )


def test_set_cluster_year_leaders_refuses_non_members_and_the_same_unit_twice():
    cy, units = cluster_year_with_members(2)
    stranger = UnitFactory(name="Ngoài Cụm", kind=UnitKind.DISTRICT)
    with pytest.raises(ValidationError) as refused:
        services.set_cluster_year_leaders(cy, leader=stranger, deputy=units[1])
    assert refused.value.messages == ["huyện Ngoài Cụm không phải thành viên của cụm năm 2024."]
    with pytest.raises(ValidationError) as refused:
        services.set_cluster_year_leaders(cy, leader=units[1], deputy=units[1])
    assert refused.value.messages == ["Trưởng cụm và Phó Trưởng cụm phải là hai đơn vị khác nhau."]
    cy.refresh_from_db()
    assert (cy.leader, cy.deputy, actions()) == (units[0], units[1], [])


def test_set_cluster_year_leaders_refuses_anyone_in_a_year_without_members():
    cy = ClusterYear.objects.create(cluster=ClusterFactory(), year=2026)
    with pytest.raises(ValidationError):
        services.set_cluster_year_leaders(cy, leader=UnitFactory(), deputy=None)


def test_set_cluster_year_leaders_notices_a_concurrent_change():
    cy, units = cluster_year_with_members(3)
    seen = services.cluster_year_state(cy)
    services.set_cluster_year_leaders(cy, leader=units[1], deputy=units[0])
    with pytest.raises(ValidationError) as refused:
        services.set_cluster_year_leaders(cy, leader=units[2], deputy=units[0], expected_state=seen)
    assert refused.value.messages == [
        "Kỳ thi đua năm 2024 vừa được người khác thay đổi. Trang đã hiện thông tin mới nhất; hãy làm lại."
    ]
    cy.refresh_from_db()
    assert cy.leader == units[1]


def test_set_cluster_year_members_adds_removes_and_logs(actor):
    cy, units = cluster_year_with_members(3)
    newcomer = UnitFactory(province=cy.cluster.province)
    services.set_cluster_year_members(cy, members=[units[0], units[1], newcomer], actor=actor)
    assert sorted(cy.memberships.values_list("unit_id", flat=True)) == sorted([units[0].pk, units[1].pk, newcomer.pk])
    entry = ActivityLogEntry.objects.get()
    assert entry.action == "cluster_year.members_set"
    assert (entry.new_values["added"], entry.new_values["removed"]) == ([newcomer.pk], [units[2].pk])


def test_set_cluster_year_members_keeps_the_leader():
    cy, units = cluster_year_with_members(3)
    with pytest.raises(ValidationError) as refused:
        services.set_cluster_year_members(cy, members=[units[1], units[2]])
    assert refused.value.messages == [
        f"{units[0].full_name} đang là Trưởng cụm năm 2024; hãy chọn Trưởng cụm khác trước khi bỏ khỏi cụm."
    ]
    assert cy.memberships.count() == 3


def test_set_cluster_year_members_refuses_units_ended_before_the_year():
    cy, units = cluster_year_with_members(2)
    ended = UnitFactory(name="Đã Hết", kind=UnitKind.COMMUNE, valid_to=D(2023, 12, 31))
    with pytest.raises(ValidationError) as refused:
        services.set_cluster_year_members(cy, members=[*units, ended])
    assert refused.value.messages == ["xã Đã Hết không hoạt động trong năm 2024."]


def test_open_cluster_year_with_members_and_leaders(actor):
    cluster = ClusterFactory(valid_from=D(2026, 1, 1))
    units = [UnitFactory(province=cluster.province) for _ in range(3)]
    cy = services.open_cluster_year(
        cluster, 2026, members=[*units, units[0]], leader=units[1], deputy=units[2], actor=actor, motto="Đoàn kết"
    )
    cy.refresh_from_db()
    assert (cy.year, cy.leader, cy.deputy, cy.motto) == (2026, units[1], units[2], "Đoàn kết")
    assert cy.memberships.count() == 3
    assert actions() == ["cluster_year.opened", "cluster_year.leaders_set"]


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (2026, "Kỳ thi đua năm 2026 của cụm đã có."),
        (2031, "Cụm đã kết thúc hoạt động ngày 31/12/2030."),
        (2019, "Cụm bắt đầu hoạt động ngày 01/01/2020, sau năm 2019."),
    ],
)
def test_open_cluster_year_refusals(year, message):
    cluster = ClusterFactory(valid_from=D(2020, 1, 1), valid_to=D(2030, 12, 31))
    ClusterYear.objects.create(cluster=cluster, year=2026)
    with pytest.raises(ValidationError) as refused:
        services.open_cluster_year(cluster, year, members=[])
    assert refused.value.messages == [message]
    assert cluster.years.count() == 1


def test_open_cluster_year_refuses_a_leader_who_is_not_a_member():
    cluster = ClusterFactory()
    member, stranger = UnitFactory(), UnitFactory()
    with pytest.raises(ValidationError):
        services.open_cluster_year(cluster, 2026, members=[member], leader=stranger)
    assert (ClusterYear.objects.count(), ClusterMembership.objects.count()) == (0, 0)


def test_close_cluster_keeps_its_years_readable(actor):
    cy, units = cluster_year_with_members(3, year=2025)
    cluster = cy.cluster
    services.close_cluster(cluster, date=D(2025, 6, 30), actor=actor, decision="Kết thúc cấp huyện")
    cluster.refresh_from_db()
    assert (cluster.valid_to, cluster.closing_decision) == (D(2025, 6, 30), "Kết thúc cấp huyện")
    years = list(selectors.cluster_years_with_members(cluster))
    assert [(y.year, y.leader, len(y.memberships.all())) for y in years] == [(2025, units[0], 3)]
    entry = ActivityLogEntry.objects.get()
    assert (entry.action, entry.new_values) == ("cluster.closed", {"valid_to": "2025-06-30"})
    with pytest.raises(ValidationError) as refused:
        services.close_cluster(cluster, date=D(2025, 12, 31))
    assert refused.value.messages == ["Cụm đã kết thúc hoạt động ngày 30/06/2025."]


def test_close_cluster_refuses_a_date_before_an_opened_year():
    cy, _ = cluster_year_with_members(2, year=2026)
    with pytest.raises(ValidationError) as refused:
        services.close_cluster(cy.cluster, date=D(2025, 6, 30))
    assert refused.value.messages == ["Cụm đã có kỳ thi đua năm 2026, sau ngày kết thúc 30/06/2025."]


def test_units_by_code():
    a, b = UnitFactory(code="a"), UnitFactory(code="b")
    assert services.units_by_code(["b", "a"]) == [b, a]
    with pytest.raises(ValidationError) as refused:
        services.units_by_code(["a", "khong-co"])
    assert refused.value.messages == ["Không tìm thấy đơn vị: khong-co"]
    assert Unit.objects.count() == 2
