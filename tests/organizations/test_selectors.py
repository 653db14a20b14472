import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ClusterFactory,
    ClusterYearFactory,
    PersonFactory,
    PositionFactory,
    ProvinceFactory,
    UnitFactory,
    cluster_year_with_members,
)
from tests.organizations.factories import named_unit
from thidua.organizations import selectors, services
from thidua.organizations.enums import LineageKind, Role, UnitKind
from thidua.organizations.models import ClusterMembership, UnitName

D = datetime.date
pytestmark = pytest.mark.django_db


def names(units):
    return sorted(u.name for u in units)


def test_all_predecessors_follow_merges_splits_and_renames(chain):
    assert names(selectors.all_predecessors(chain.f)) == ["An Lạc", "Bình Minh", "Cẩm Thành", "Hòa Bình", "Đông Sơn"]
    assert names(selectors.all_predecessors(chain.g)) == names(selectors.all_predecessors(chain.f))
    assert names(selectors.all_predecessors(chain.e)) == ["An Lạc", "Bình Minh", "Cẩm Thành", "Đông Sơn"]
    assert names(selectors.all_predecessors(chain.c)) == ["An Lạc", "Bình Minh"]
    assert list(selectors.all_predecessors(chain.a)) == []


def test_dissolution_is_not_descent(chain):
    # H took G's territory but does not inherit G's record, nor anything before G.
    assert list(selectors.all_predecessors(chain.h)) == []
    assert list(selectors.direct_predecessors(chain.h)) == []
    assert names(selectors.territory_from(chain.h)) == ["Gia Lâm"]
    assert list(selectors.territory_from(chain.f)) == []


def test_all_successors_reach_every_later_unit(chain):
    assert names(selectors.all_successors(chain.a)) == ["Cẩm Thành", "Gia Lâm", "Hòa Bình", "Hải Hà", "Phú Lộc"]
    assert names(selectors.all_successors(chain.g)) == ["Hải Hà"]
    assert list(selectors.all_successors(chain.x)) == []
    assert list(selectors.all_successors(chain.h)) == []


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2005, 6, 1), ["An Lạc"]),
        (D(2009, 12, 31), ["An Lạc"]),
        (D(2010, 1, 1), ["Cẩm Thành"]),
        (D(2016, 3, 1), ["Hòa Bình"]),
        (D(2020, 1, 1), ["Gia Lâm", "Phú Lộc"]),
        (D(2021, 7, 1), ["Gia Lâm", "Phú Lộc"]),
        (D(2022, 1, 1), ["Hải Hà", "Phú Lộc"]),
        (D(2026, 1, 1), ["Hải Hà", "Phú Lộc"]),
    ],
)
def test_successors_on_a_day(chain, day, expected):
    assert names(selectors.successors_on(chain.a, day)) == expected
    assert names(selectors.successors_on_many([chain.a], day)[chain.a.pk]) == expected


def test_successors_of_a_unit_dissolved_without_successor_are_none(chain):
    assert list(selectors.successors_on(chain.x, D(2024, 1, 1))) == []
    assert selectors.successors_on_many([chain.x, chain.h], D(2024, 1, 1)) == {chain.x.pk: [], chain.h.pk: [chain.h]}


def test_successors_on_many_takes_queries_by_chain_length_not_unit_count(chain):
    units = [chain.a, chain.b, chain.c, chain.d, chain.e, chain.g, chain.x]
    with CaptureQueriesContext(connection) as captured:
        result = selectors.successors_on_many(units, D(2024, 1, 1))
    assert {pk: names(found) for pk, found in result.items()} == {
        chain.a.pk: ["Hải Hà", "Phú Lộc"],
        chain.b.pk: ["Hải Hà", "Phú Lộc"],
        chain.c.pk: ["Hải Hà", "Phú Lộc"],
        chain.d.pk: ["Hải Hà", "Phú Lộc"],
        chain.e.pk: ["Hải Hà", "Phú Lộc"],
        chain.g.pk: ["Hải Hà"],
        chain.x.pk: [],
    }
    # a -> c -> e -> f, g -> h: four hops, one empty step, then the units.
    assert len(captured) == 6


def test_direct_predecessors_are_one_step(chain):
    assert names(selectors.direct_predecessors(chain.e)) == ["Cẩm Thành", "Đông Sơn"]
    assert names(selectors.direct_predecessors(chain.f)) == ["Hòa Bình"]
    assert names(selectors.direct_predecessors(chain.c)) == ["An Lạc", "Bình Minh"]


def test_predecessors_end_the_day_before_and_keep_their_records(chain):
    assert (chain.a.valid_to, chain.b.valid_to) == (D(2009, 12, 31), D(2009, 12, 31))
    assert chain.c.valid_to == D(2014, 12, 31)
    assert chain.e.valid_to == D(2019, 12, 31)
    assert (chain.g.valid_to, chain.x.valid_to) == (D(2021, 12, 31), D(2020, 12, 31))
    assert (chain.f.valid_to, chain.h.valid_to) == (None, None)


def test_unit_name_on_across_a_rename(chain):
    assert selectors.unit_name_on(chain.e, D(2015, 1, 1)) == "Yên Hòa"
    assert selectors.unit_name_on(chain.e, D(2017, 12, 31)) == "Yên Hòa"
    assert selectors.unit_name_on(chain.e, D(2018, 1, 1)) == "Hòa Bình"
    assert selectors.unit_name_on(chain.e, D(2019, 12, 31)) == "Hòa Bình"
    assert chain.e.name == "Hòa Bình"
    history = [(n.name, n.valid_from, n.valid_to) for n in selectors.names_in_order(chain.e.names.all())]
    assert history == [("Yên Hòa", D(2015, 1, 1), D(2017, 12, 31)), ("Hòa Bình", D(2018, 1, 1), D(2019, 12, 31))]


def test_unit_name_on_keeps_an_undated_first_name_first():
    province = ProvinceFactory()
    unit = named_unit("Cũ", province=province)
    UnitName.objects.filter(unit=unit).update(valid_to=D(2019, 12, 31))
    UnitName.objects.create(unit=unit, name="Mới", valid_from=D(2020, 1, 1))
    unit.refresh_from_db()
    assert selectors.unit_name_on(unit, D(2000, 1, 1)) == "Cũ"
    assert selectors.unit_name_on(unit, D(2021, 1, 1)) == "Mới"
    assert [n.name for n in selectors.names_in_order(unit.names.all())] == ["Cũ", "Mới"]


def test_units_existing_on(chain):
    def existing(day):
        return names(selectors.units_existing_on(day, province=chain.province))

    assert existing(D(2005, 1, 1)) == ["An Lạc", "Bình Minh", "Hải Hà", "Xuân Lộc", "Đông Sơn"]
    assert existing(D(2012, 1, 1)) == ["Cẩm Thành", "Hải Hà", "Xuân Lộc", "Đông Sơn"]
    assert existing(D(2016, 1, 1)) == ["Hòa Bình", "Hải Hà", "Xuân Lộc"]
    assert existing(D(2021, 6, 1)) == ["Gia Lâm", "Hải Hà", "Phú Lộc"]
    assert existing(D(2023, 1, 1)) == ["Hải Hà", "Phú Lộc"]
    other = UnitFactory()
    assert other in selectors.units_existing_on(D(2023, 1, 1))
    assert other not in selectors.units_existing_on(D(2023, 1, 1), province=chain.province)


def test_unit_timeline_lists_every_event_in_date_order(chain):
    timeline = list(selectors.unit_timeline(chain.e))
    assert [(e.kind, e.date) for e in timeline] == [
        ("sap_nhap", D(2015, 1, 1)),
        ("doi_ten", D(2018, 1, 1)),
        ("chia_tach", D(2020, 1, 1)),
    ]
    assert sorted((link.role, link.unit.name) for link in timeline[2].links.all()) == [
        ("sau", "Gia Lâm"),
        ("sau", "Phú Lộc"),
        ("truoc", "Hòa Bình"),
    ]


def test_search_units_ignores_diacritics_and_case_and_lists_active_first():
    province = ProvinceFactory()
    ended = UnitFactory(name="Lệ Thủy", kind=UnitKind.DISTRICT, province=province, valid_to=D(2025, 6, 30))
    active = UnitFactory(name="Lệ Thủy", kind=UnitKind.COMMUNE, province=province)
    UnitFactory(name="Đồng Hới", kind=UnitKind.PROVINCE_CITY, province=province)
    for query in ("le thuy", "LỆ THỦY", "Le Thuy", "lệ thủy", "  le   THUY "):
        assert list(selectors.search_units(query)) == [active, ended]
    assert [u.full_name for u in selectors.search_units("dong hoi")] == ["thành phố Đồng Hới"]
    assert [u.full_name for u in selectors.search_units("huyen le")] == ["huyện Lệ Thủy"]
    assert list(selectors.search_units("")) == []
    assert list(selectors.search_units("khong co")) == []


def test_people_visible_to_unit_staff_province_staff_and_admins(make_user):
    province, other_province = ProvinceFactory(), ProvinceFactory()
    unit = UnitFactory(province=province)
    insider = PositionFactory(unit=unit, person__province=province).person
    outsider = PersonFactory(province=other_province)
    elsewhere = PersonFactory(province=province)
    officer = make_user(Role.UNIT_OFFICER, unit)
    assert list(selectors.people_visible_to(officer)) == [insider]
    board = make_user(Role.BOARD_OFFICER, province)
    assert sorted(p.pk for p in selectors.people_visible_to(board)) == sorted([insider.pk, elsewhere.pk])
    admin = make_user(Role.ADMIN)
    assert selectors.people_visible_to(admin).count() == 3
    assert list(selectors.people_visible_to(make_user())) == []
    assert outsider not in selectors.people_visible_to(board)


def test_search_people_ignores_diacritics(make_user):
    province = ProvinceFactory()
    thuy = PersonFactory(full_name="Lê Thị Thủy", province=province)
    PersonFactory(full_name="Nguyễn Văn Đông", province=province)
    board = make_user(Role.BOARD_OFFICER, province)
    assert list(selectors.search_people(board, "le thi thuy")) == [thuy]
    assert list(selectors.search_people(board, "LÊ THỊ THỦY")) == [thuy]
    assert [p.full_name for p in selectors.search_people(board, "dong")] == ["Nguyễn Văn Đông"]
    assert list(selectors.search_people(make_user(), "thuy")) == []


def test_cluster_years_with_members_and_clusters_of_unit():
    cy, units = cluster_year_with_members(3, year=2024)
    older = ClusterYearFactory(cluster=cy.cluster, year=2023)
    ClusterMembership.objects.create(cluster_year=older, unit=units[2])
    years = list(selectors.cluster_years_with_members(cy.cluster))
    assert [y.year for y in years] == [2024, 2023]
    assert [m.unit for m in years[0].memberships.all()] == sorted(units, key=lambda u: u.folded_name)
    assert (years[0].leader, years[0].deputy) == (units[0], units[1])
    assert [y.year for y in selectors.clusters_of_unit(units[2])] == [2024, 2023]
    assert [y.year for y in selectors.clusters_of_unit(units[0])] == [2024]
    assert selectors.current_cluster_year_of_unit(units[2], 2023) == older


def test_clusters_for_list_puts_active_clusters_first():
    province = ProvinceFactory()
    closed = ClusterFactory(province=province, name="A cụm cũ", valid_to=D(2025, 6, 30))
    active = ClusterFactory(province=province, name="B cụm mới")
    assert list(selectors.clusters_for_list(province)) == [active, closed]


def test_user_units_and_cluster_years(make_user):
    cy, units = cluster_year_with_members(2)
    officer = make_user(Role.UNIT_OFFICER, units[0])
    assert list(selectors.user_units(officer)) == [units[0]]
    assert list(selectors.user_cluster_years(officer)) == [cy]
    secretary = make_user(Role.CLUSTER_SECRETARIAT, cy)
    assert list(selectors.user_cluster_years(secretary)) == [cy]
    assert list(selectors.user_cluster_years(make_user())) == []


def test_unit_name_on_after_a_merger_is_the_merged_units_name():
    province = ProvinceFactory()
    old = UnitFactory(province=province, kind=UnitKind.TOWNSHIP, name="Kiến Giang")
    old.names.create(name="Kiến Giang")
    split = UnitFactory(province=province, name="Chia Đôi")
    split.names.create(name="Chia Đôi")
    event = services.record_lineage_event(
        kind=LineageKind.MERGED,
        date=D(2025, 7, 1),
        predecessors=[old],
        successors=[],
        new_successor={"kind": UnitKind.COMMUNE, "name": "Lệ Thủy", "province": province},
    )
    second = services.create_unit(kind=UnitKind.COMMUNE, name="Hai", province=province, valid_from=D(2025, 7, 1))
    services.record_lineage_event(
        kind=LineageKind.SPLIT,
        date=D(2025, 7, 1),
        predecessors=[split],
        successors=[second],
        new_successor={"kind": UnitKind.COMMUNE, "name": "Một", "province": province},
    )
    old.refresh_from_db()
    split.refresh_from_db()
    assert event.links.count() == 2
    assert selectors.unit_name_on(old, D(2025, 6, 30)) == "Kiến Giang"
    assert selectors.unit_name_on(old, D(2025, 7, 1)) == "Lệ Thủy"
    assert selectors.unit_label_on(old, D(2025, 7, 1)) == "xã Lệ Thủy"
    assert selectors.unit_label_on(old, D(2025, 6, 30)) == "thị trấn Kiến Giang"
    # Split in two: no single unit bears its name afterwards; its last name stands.
    assert selectors.unit_name_on(split, D(2025, 8, 1)) == "Chia Đôi"
