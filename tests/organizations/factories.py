"""Histories built through the real services, so the tests read the data the pages and API read."""

import datetime
from dataclasses import dataclass

from tests.factories import ProvinceFactory, UnitFactory
from thidua.organizations.enums import LineageKind, UnitKind
from thidua.organizations.models import UnitName
from thidua.organizations.services import record_lineage_event, rename_unit

D = datetime.date


def named_unit(name, *, province, kind=UnitKind.DISTRICT, valid_from=None, **kwargs):
    """A unit with its first entry in the name history, as the demo and create_unit make them."""
    unit = UnitFactory(name=name, kind=kind, province=province, valid_from=valid_from, **kwargs)
    UnitName.objects.create(unit=unit, name=name, valid_from=valid_from)
    return unit


@dataclass
class Chain:
    province: object
    a: object
    b: object
    c: object
    d: object
    e: object
    f: object
    g: object
    h: object
    x: object
    merge_ab: object
    merge_cd: object
    split_e: object
    dissolve_g: object


def build_chain(province=None):
    """A+B→C (2010), C+D→E (2015), E renamed "Hòa Bình" (2018), E split into F and G (2020),
    X dissolved with no successor (2021), G dissolved, its territory taken by H (2022)."""
    province = province or ProvinceFactory(name="Tỉnh Lịch Sử")
    a = named_unit("An Lạc", province=province)
    b = named_unit("Bình Minh", province=province)
    d = named_unit("Đông Sơn", province=province)
    h = named_unit("Hải Hà", province=province)
    x = named_unit("Xuân Lộc", province=province)
    c = named_unit("Cẩm Thành", province=province, valid_from=D(2010, 1, 1))
    merge_ab = record_lineage_event(
        kind=LineageKind.MERGED, date=D(2010, 1, 1), predecessors=[a, b], successors=[c], decision="NQ 1/2009"
    )
    e = named_unit("Yên Hòa", province=province, valid_from=D(2015, 1, 1))
    merge_cd = record_lineage_event(kind=LineageKind.MERGED, date=D(2015, 1, 1), predecessors=[c, d], successors=[e])
    rename_unit(e, "Hòa Bình", date=D(2018, 1, 1), decision="NQ 5/2017")
    f = named_unit("Phú Lộc", province=province, valid_from=D(2020, 1, 1))
    g = named_unit("Gia Lâm", province=province, valid_from=D(2020, 1, 1))
    split_e = record_lineage_event(kind=LineageKind.SPLIT, date=D(2020, 1, 1), predecessors=[e], successors=[f, g])
    record_lineage_event(kind=LineageKind.DISSOLVED, date=D(2021, 1, 1), predecessors=[x], successors=[])
    dissolve_g = record_lineage_event(kind=LineageKind.DISSOLVED, date=D(2022, 1, 1), predecessors=[g], successors=[h])
    for unit in (a, b, c, d, e, f, g, h, x):
        unit.refresh_from_db()
    return Chain(province, a, b, c, d, e, f, g, h, x, merge_ab, merge_cd, split_e, dissolve_g)
