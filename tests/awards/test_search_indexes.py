"""Issue 17: the diacritic-free searches (`LIKE '%…%'` on folded names) have trigram indexes on PostgreSQL; on
SQLite the migrations add nothing and the same searches still work by scanning."""

from django.db import connection

from tests.awards.factories import award
from tests.factories import PersonFactory, ProvinceFactory, UnitFactory
from thidua.awards.models import AwardRecord
from thidua.awards.selectors import filter_register
from thidua.organizations.models import Person

TRIGRAM_INDEXES = {
    "award_record_folded_name_trgm": "awards_awardrecord",
    "award_record_decision_number_trgm": "awards_awardrecord",
    "person_folded_name_trgm": "organizations_person",
    "unit_folded_name_trgm": "organizations_unit",
    "exemplar_folded_text_trgm": "emulation_exemplar",
}


def trigram_indexes():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname, tablename, indexdef FROM pg_indexes WHERE indexname LIKE %s", ["%_trgm"])
            return {name: (table, definition) for name, table, definition in cursor.fetchall()}
        cursor.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE '%trgm'")
        return {name: (table, definition) for name, table, definition in cursor.fetchall()}


def plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # A test table of a few rows is read whole whatever the indexes, or walked along the index of its ordering
        # with the LIKE as a filter; forbid both, so that only an index that serves the LIKE itself can be used.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_searches_have_trigram_indexes_on_postgresql_and_none_on_sqlite(db):
    found = trigram_indexes()
    if connection.vendor == "postgresql":
        assert {name: table for name, (table, _d) in found.items()} == TRIGRAM_INDEXES
        assert all("gin_trgm_ops" in definition for _t, definition in found.values())
    else:
        assert found == {}


def test_the_register_and_people_searches_find_by_folded_name_either_way(rules):
    province = ProvinceFactory()
    gianh = UnitFactory(province=province, name="Nam Gianh")
    other = UnitFactory(province=province, name="Lệ Thủy")
    kept = award(gianh, "co-thi-dua-tinh", 2024, decision_number="2817/QĐ-UBND")
    award(other, "co-thi-dua-tinh", 2024, decision_number="15/QĐ-UBND")
    PersonFactory(province=province, full_name="Đặng Văn Hải")
    PersonFactory(province=province, full_name="Trần Thị Mai")
    records = AwardRecord.objects.all()
    assert list(filter_register(records, query="gianh")) == [kept]
    assert list(filter_register(records, query="2817")) == [kept]
    assert list(Person.objects.filter(folded_name__contains="dang van").values_list("full_name", flat=True)) == [
        "Đặng Văn Hải"
    ]
    if connection.vendor == "postgresql":
        assert "award_record_folded_name_trgm" in plan(AwardRecord.objects.filter(folded_name__contains="gianh"))
        assert "award_record_decision_number_trgm" in plan(
            AwardRecord.objects.filter(decision_number__icontains="2817")
        )
        assert "person_folded_name_trgm" in plan(Person.objects.filter(folded_name__contains="dang van"))
