"""The dashboards' figures against the records they come from, and their query counts (no N+1)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.reports.records import more_records, seed_records
from thidua.reports import dashboards, selectors

pytestmark = pytest.mark.django_db


def queries(fn):
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def assert_flat(fn, world, *, exactly):
    """The figure costs the same few queries with more records (exactly that many)."""
    more_records(world)
    first = queries(fn)
    more_records(world, 3)
    assert (first, queries(fn)) == (exactly, exactly)


def test_cluster_year_records_cover_members_their_communes_and_their_people(world):
    records = seed_records(world)
    found = set(selectors.cluster_year_records(world["cluster_year"]).values_list("pk", flat=True))
    expected = {records[k].pk for k in ("flag", "commune", "farmer", "clerk", "national")}
    assert found == expected


def test_figures_of_a_cluster_year(world):
    seed_records(world)
    qs = selectors.cluster_year_records(world["cluster_year"])
    assert selectors.by_level(qs) == [
        ("Cấp Nhà nước", 1),
        ("Chính phủ, Thủ tướng Chính phủ", 0),
        ("Cấp tỉnh, bộ, ban, ngành", 2),
        ("Cấp cơ sở", 2),
    ]
    assert selectors.by_recipient(qs) == [("Tập thể", 2), ("Cá nhân", 3)]
    assert selectors.by_form(qs) == [
        ("Cờ thi đua cấp tỉnh", 1),
        ("Tập thể lao động tiên tiến", 1),
        ("Chiến sĩ thi đua toàn quốc", 1),
        ("Lao động tiên tiến", 1),
        ("Bằng khen của Chủ tịch UBND tỉnh (cá nhân)", 1),
    ]
    table = [(r.label, r.collective, r.individual, r.total) for r in selectors.level_table(qs)]
    assert table == [
        ("Cấp Nhà nước", 0, 1, 1),
        ("Chính phủ, Thủ tướng Chính phủ", 0, 0, 0),
        ("Cấp tỉnh, bộ, ban, ngành", 1, 1, 2),
        ("Cấp cơ sở", 1, 1, 2),
        ("Tổng cộng", 2, 3, 5),
    ]


def test_province_trend_across_years(world):
    seed_records(world)
    years, series = selectors.by_year_and_level(selectors.province_records(world["province"]))
    assert years == [2022, 2023]
    assert series == [("Cấp Nhà nước", [0, 1]), ("Cấp tỉnh, bộ, ban, ngành", [1, 2]), ("Cấp cơ sở", [0, 2])]


def test_clusters_side_by_side(world):
    from tests.factories import cluster_year_with_members

    seed_records(world)
    other, _members = cluster_year_with_members(2, year=2023, province=world["province"])
    comparison = selectors.cluster_comparison(world["province"], 2023)
    figures = {c.cluster_year.pk: (c.members, c.collective, c.individual, c.honours, c.total) for c in comparison}
    assert figures == {world["cluster_year"].pk: (3, 2, 3, 3, 5), other.pk: (2, 0, 0, 0, 0)}


def test_unit_records_include_its_people(world):
    records = seed_records(world)
    found = set(selectors.unit_records(world["units"][2]).values_list("pk", flat=True))
    assert found == {records["clerk"].pk, records["national"].pk}


def test_province_dashboard_figures(world):
    seed_records(world)
    figures = {f.key: f for f in dashboards.province_dashboard(world["province"], 2023)}
    assert list(figures) == ["level", "form", "recipient", "trend", "clusters", "direct"]
    assert figures["recipient"].rows == [("Tập thể", 2), ("Cá nhân", 3), ("Tổng cộng", 5)]
    assert figures["clusters"].rows == [(world["cluster"], 3, 2, 3, 3, 5)]
    assert figures["direct"].rows[-1] == ("Toàn tỉnh", 2, 1, "50,0%")
    assert '<title id="fig-level-title">Khen thưởng theo cấp năm 2023</title>' in figures["level"].chart


def test_cluster_dashboard_has_the_ranking_when_one_is_visible(world, monkeypatch):
    from types import SimpleNamespace

    seed_records(world)
    units = world["units"]
    rows = [
        SimpleNamespace(row=SimpleNamespace(rank=i + 1, unit=u, total=Decimal(str(90 - i)), is_vetoed=False))
        for i, u in enumerate(units)
    ]
    monkeypatch.setattr(selectors, "ranking_details", lambda cy: rows if cy.year == 2023 else [])
    figures = {f.key: f for f in dashboards.cluster_dashboard(world["cluster"], 2023, world["secretary"])}
    assert figures["ranking"].rows == [(i + 1, u.full_name, Decimal(str(90 - i)), "") for i, u in enumerate(units)]
    assert figures["rank-trend"].rows == [
        [u.full_name, i + 1] for i, u in sorted(enumerate(units), key=lambda p: p[1].folded_name)
    ]
    assert figures["level"].rows[-1] == ("Tổng cộng", 5)
    # A unit's staff sees no ranking until it is published.
    officer_keys = [f.key for f in dashboards.cluster_dashboard(world["cluster"], 2023, world["officer"])]
    assert "ranking" in officer_keys  # the figure is there, empty
    officer_ranking = next(
        f for f in dashboards.cluster_dashboard(world["cluster"], 2023, world["officer"]) if f.key == "ranking"
    )
    assert officer_ranking.rows == []


def test_unit_dashboard_share_of_direct_labourers(world):
    seed_records(world)
    figures = {f.key: f for f in dashboards.unit_dashboard(world["commune"], world["board"])}
    assert figures["direct"].rows == [("2023", 1, 1, "100,0%")]
    assert figures["form"].rows == [
        ("Tập thể lao động tiên tiến", 1),
        ("Bằng khen của Chủ tịch UBND tỉnh (cá nhân)", 1),
        ("Tổng cộng", 2),
    ]


@pytest.mark.parametrize(
    ("name", "exactly"),
    [("by_level", 1), ("by_form", 1), ("by_recipient", 1), ("by_year_and_level", 1), ("level_table", 1)],
)
def test_each_count_figure_is_one_query(world, name, exactly):
    seed_records(world)
    qs = selectors.province_records(world["province"], year=2023)
    assert_flat(lambda: getattr(selectors, name)(qs), world, exactly=exactly)


def test_cluster_figures_stay_flat(world):
    seed_records(world)
    cluster_year = world["cluster_year"]
    # memberships + units under the members (one query per level, the last finds none) + the grouped count
    assert_flat(lambda: selectors.by_level(selectors.cluster_year_records(cluster_year)), world, exactly=4)
    # the province's predecessors are walked once per province object (then remembered on it), not per figure
    selectors.province_and_predecessors(world["province"])
    assert_flat(lambda: selectors.cluster_comparison(world["province"], 2023), world, exactly=5)
    assert selectors.province_and_predecessors(world["province"]) == {world["province"].pk}


def test_predecessors_are_walked_once_per_province_object(world):
    from thidua.organizations.models import Province

    province = Province.objects.get(pk=world["province"].pk)
    assert queries(lambda: selectors.province_and_predecessors(province)) == 1
    assert queries(lambda: selectors.province_and_predecessors(province)) == 0
    older = Province.objects.create(name="Tỉnh cũ", code="OLD")
    province.predecessors.add(older)
    # recording a merger on the object forgets what it remembered
    assert selectors.province_and_predecessors(province) == {province.pk, older.pk}


def test_whole_dashboards_stay_flat(world):
    seed_records(world)
    province, cluster = world["province"], world["cluster"]
    more_records(world)
    for user in (world["secretary"], world["officer"]):
        user.has_perm("reports.view_reports")  # the user's scope is read once per request and kept
    selectors.province_and_predecessors(province)  # walked once per request, then remembered on the province
    counts = [
        queries(lambda: dashboards.province_dashboard(province, 2023)),
        queries(lambda: dashboards.cluster_dashboard(cluster, 2023, world["secretary"])),
        queries(lambda: dashboards.unit_dashboard(world["units"][0], world["officer"])),
    ]
    more_records(world, 3)
    assert counts == [
        queries(lambda: dashboards.province_dashboard(province, 2023)),
        queries(lambda: dashboards.cluster_dashboard(cluster, 2023, world["secretary"])),
        queries(lambda: dashboards.unit_dashboard(world["units"][0], world["officer"])),
    ]


def _add_cluster_years(world, years):
    from tests.factories import ClusterYearFactory
    from thidua.organizations.models import ClusterMembership

    for year in years:
        cy = ClusterYearFactory(cluster=world["cluster"], year=year)
        for unit in world["units"]:
            ClusterMembership.objects.create(cluster_year=cy, unit=unit)


def test_cluster_trend_and_priority_shares_cost_the_same_queries_whatever_the_years(world):
    """The trend is one grouped query over all the cluster's years (not one per year), and the priority shares are
    read for the cluster's member units only, in a fixed few queries."""
    records = seed_records(world)

    def trend():
        return dashboards._cluster_trend(selectors.cluster_years_of(world["cluster"]), empty="")

    def shares():
        return dashboards.award_priority_statistics(cluster=world["cluster"])

    _add_cluster_years(world, [2020])
    counts = (queries(trend), queries(shares))
    _add_cluster_years(world, [2019, 2021, 2022])
    assert (queries(trend), queries(shares)) == counts
    # years, memberships, two levels of units under the members (the last finds none), the grouped count
    assert counts[0] == 5
    figure = trend()
    assert figure.headers[1:-1] == ["2019", "2020", "2021", "2022", "2023"]
    by_level = {row[0]: row[1:] for row in figure.rows}
    # 2023 as test_figures_of_a_cluster_year; 2022: the old provincial certificate; revoked and elsewhere never count
    assert by_level == {
        "Cấp Nhà nước": [0, 0, 0, 0, 1, 1],
        "Cấp tỉnh, bộ, ban, ngành": [0, 0, 0, 1, 2, 3],
        "Cấp cơ sở": [0, 0, 0, 0, 2, 2],
    }
    assert records["old"].year == 2022
