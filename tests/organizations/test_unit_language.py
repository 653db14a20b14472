"""A unit's name and its folded search column do not depend on the language of the person who saves it."""

import datetime

from django.utils import translation

from tests.factories import ProvinceFactory, UnitFactory
from thidua.organizations import selectors, services
from thidua.organizations.enums import UnitKind
from thidua.organizations.models import Unit


def test_unit_saved_while_english_is_active_folds_the_vietnamese_name(db):
    province = ProvinceFactory()
    with translation.override("en"):
        created = services.create_unit(kind=UnitKind.DISTRICT, name="Lệ Thủy", province=province)
        edited = UnitFactory(name="Đồng Hới", kind=UnitKind.PROVINCE_CITY, province=province)
        edited.note = "sửa khi đọc trang tiếng Anh"
        edited.save()
    assert Unit.objects.get(pk=created.pk).folded_name == "huyen le thuy"
    assert Unit.objects.get(pk=edited.pk).folded_name == "thanh pho dong hoi"
    assert list(selectors.search_units("huyen le thuy")) == [created]
    assert list(selectors.search_units("thanh pho dong")) == [edited]


def test_unit_renamed_while_english_is_active_stays_searchable(db):
    unit = UnitFactory(name="Ba Đồn", kind=UnitKind.TOWN, valid_from=datetime.date(2000, 1, 1))
    with translation.override("en"):
        services.rename_unit(unit, "Quảng Trạch", date=datetime.date(2025, 7, 1))
    unit.refresh_from_db()
    assert unit.folded_name == "thi xa quang trach"
    assert list(selectors.search_units("thi xa quang")) == [unit]


def test_full_name_is_the_vietnamese_proper_name_on_english_pages(db):
    unit = UnitFactory(name="Lệ Thủy", kind=UnitKind.DISTRICT)
    with translation.override("en"):
        assert unit.full_name == "huyện Lệ Thủy"
        assert str(unit.get_kind_display()) == "district"  # the kind alone is translated


def test_full_name_of_a_department_or_agency_is_its_own_name(db):
    assert UnitFactory(name="Sở Nội vụ", kind=UnitKind.DEPARTMENT).full_name == "Sở Nội vụ"
    office = UnitFactory(name="Phòng Nội vụ huyện Lệ Thủy", kind=UnitKind.AGENCY)
    assert office.full_name == "Phòng Nội vụ huyện Lệ Thủy"
    assert UnitFactory(name="Ba Đồn", kind=UnitKind.TOWN).full_name == "thị xã Ba Đồn"


def test_full_name_reads_the_vietnamese_kind_once_not_per_unit(db, monkeypatch):
    """Issue 17: a cluster page named 384 units and switched the language for each, over a second of its time."""
    units = [UnitFactory(name=f"Thử {i}", kind=UnitKind.COMMUNE) for i in range(5)]
    assert units[0].full_name == "xã Thử 0"  # the kind is read (or was already)
    switches = []
    real_override = translation.override
    monkeypatch.setattr(translation, "override", lambda *a, **k: switches.append(a) or real_override(*a, **k))
    with real_override("en"):
        names = [u.full_name for u in units]
    assert names == [f"xã Thử {i}" for i in range(5)]
    assert switches == []
