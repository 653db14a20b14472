import datetime

from tests.awards.factories import award
from tests.factories import PersonFactory, ProvinceFactory, UnitFactory
from thidua.awards.facts import FactStore
from thidua.awards.selectors import awards_of_person, awards_of_unit, honour_board_awards
from thidua.core.text import fold
from thidua.organizations.enums import LineageKind
from thidua.organizations.selectors import predecessor_map
from thidua.organizations.services import record_lineage_event


def _merge(old, new, kind=LineageKind.MERGED):
    record_lineage_event(kind=kind, date=datetime.date(2025, 7, 1), predecessors=old, successors=[new])


def test_a_units_history_includes_its_predecessors_records(forms):
    a, b = UnitFactory(), UnitFactory()
    new = UnitFactory(province=a.province)
    _merge([a, b], new)
    own = award(new, "bang-khen-tinh", 2025)
    inherited = award(a, "co-thi-dua-tinh", 2023)
    assert list(awards_of_unit(new)) == [own, inherited]
    assert list(awards_of_unit(new, include_predecessors=False)) == [own]


def test_a_dissolved_units_records_stay_its_own(forms):
    district = UnitFactory()
    commune = UnitFactory(province=district.province)
    _merge([district], commune, kind=LineageKind.DISSOLVED)
    award(district, "co-thi-dua-tinh", 2023)
    assert list(awards_of_unit(commune)) == []
    assert predecessor_map({commune.pk}) == {commune.pk: set()}


def test_predecessor_map_follows_chains_in_one_query_per_level(forms, django_assert_num_queries):
    first, second = UnitFactory(), UnitFactory()
    middle = UnitFactory(province=first.province)
    last = UnitFactory(province=first.province)
    _merge([first], middle)
    record_lineage_event(
        kind=LineageKind.MERGED, date=datetime.date(2026, 1, 1), predecessors=[middle, second], successors=[last]
    )
    with django_assert_num_queries(3):
        mapping = predecessor_map({last.pk})
    assert mapping == {last.pk: {first.pk, second.pk, middle.pk}}


def test_revoked_awards_show_in_history_but_can_be_left_out(forms):
    person = PersonFactory()
    kept = award(person, "lao-dong-tien-tien", 2023)
    award(person, "lao-dong-tien-tien", 2022, revoked_on=datetime.date(2024, 1, 1))
    assert awards_of_person(person).count() == 2
    assert list(awards_of_person(person, include_revoked=False)) == [kept]


def test_honour_board_lists_provincial_collective_awards_of_the_province_and_its_predecessors(
    forms, django_assert_num_queries
):
    old = ProvinceFactory()
    new = ProvinceFactory()
    new.predecessors.add(old)
    flag = award(UnitFactory(province=old, name="Lệ Thủy"), "co-thi-dua-tinh", 2023)
    award(UnitFactory(province=old), "giay-khen", 2023)
    award(UnitFactory(province=old), "co-thi-dua-tinh", 2023, revoked_on=datetime.date(2024, 1, 1))
    award(PersonFactory(province=old), "chien-si-thi-dua-tinh", 2023)
    award(UnitFactory(), "co-thi-dua-tinh", 2023)
    with django_assert_num_queries(3):
        rows = list(honour_board_awards(province=new, year=2023, query="le thuy"))
        assert [(r.unit.province.name, r.award_form.name) for r in rows] == [(old.name, "Cờ thi đua cấp tỉnh")]
    assert rows == [flag]
    assert fold("Lệ Thủy") in flag.folded_name
    assert honour_board_awards(province=new.pk, year=2022).count() == 0


def test_fact_store_loads_a_batch_with_a_fixed_number_of_queries(forms, django_assert_num_queries):
    units = [UnitFactory() for _ in range(3)]
    people = [PersonFactory() for _ in range(3)]
    for subject in [*units, *people]:
        award(subject, "giay-khen" if subject in units else "giay-khen-ca-nhan", 2023)
    # lineage (one query per level), positions, then records, ratings, discipline and flags for units and people,
    # and the people's initiatives
    with django_assert_num_queries(11):
        store = FactStore(units=units, persons=people)
    assert len(store.records_of(store.key(units[0]))) == 1
