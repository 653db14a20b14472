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
    assert_flat(lambda: selectors.cluster_comparison(world["province"], 2023), world, exactly=7)


def test_whole_dashboards_stay_flat(world):
    seed_records(world)
    province, cluster = world["province"], world["cluster"]
    more_records(world)
    for user in (world["secretary"], world["officer"]):
        user.has_perm("reports.view_reports")  # the user's scope is read once per request and kept
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
