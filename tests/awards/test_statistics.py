import datetime

from tests.awards.factories import award
from tests.factories import PersonFactory, PositionFactory, UnitFactory, cluster_year_with_members
from thidua.awards.statistics import award_priority_statistics, direct_labourer_share


def test_share_of_any_iterable_of_people_counts_each_person_once(db):
    farmer = PersonFactory(is_direct_labourer=True)
    clerk = PersonFactory()
    share = direct_labourer_share([farmer, clerk, farmer, PersonFactory()])
    assert (share.total, share.direct, share.percent) == (3, 1, 33.3)
    assert direct_labourer_share([]).percent is None


def test_priority_statistics_by_cluster_and_year(forms):
    cy, (first, second, _third) = cluster_year_with_members(3, year=2023)
    commune = UnitFactory(province=first.province, parent=first)
    farmer = PersonFactory(province=first.province, is_direct_labourer=True)
    clerk = PersonFactory(province=first.province)
    outsider = PersonFactory(province=first.province, is_direct_labourer=True)
    PositionFactory(person=farmer, unit=commune)
    award(farmer, "bang-khen-tinh-ca-nhan", 2023, person_unit=commune)
    award(farmer, "lao-dong-tien-tien", 2023, person_unit=commune)
    award(clerk, "lao-dong-tien-tien", 2023, person_unit=second)
    award(clerk, "giay-khen-ca-nhan", 2023, person_unit=second, revoked_on=datetime.date(2024, 1, 1))
    award(outsider, "lao-dong-tien-tien", 2023, person_unit=UnitFactory(province=first.province))
    award(clerk, "lao-dong-tien-tien", 2022, person_unit=second)
    rows = award_priority_statistics(province=first.province, year=2023)
    assert [(r.cluster_year, r.year, r.share.total, r.share.direct, r.share.percent, r.records) for r in rows] == [
        (cy, 2023, 2, 1, 50.0, 3),
        (None, 2023, 3, 2, 66.7, 4),
    ]
