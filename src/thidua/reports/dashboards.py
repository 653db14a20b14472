"""The dashboards of each role, as lists of figures: a chart (SVG) and the same numbers as a table.

Province (board, council, administrators), cluster (its secretariat, and the province), unit (its own staff).
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from thidua.awards.statistics import award_priority_statistics, direct_labourer_share
from thidua.organizations.selectors import clusters_of_unit
from thidua.reports import charts, selectors


@dataclass
class Figure:
    key: str
    title: str
    chart: str
    headers: list
    rows: list
    note: str = ""
    links: list = field(default_factory=list)


def _count_figure(key, title, pairs, header, *, empty):
    total = sum(n for _label, n in pairs)
    chart = charts.bar_chart(
        f"fig-{key}",
        title,
        [(label, n) for label, n in pairs if n] if total else [],
        empty=empty,
        desc=_("Tổng cộng %(n)s lượt khen thưởng.") % {"n": total} if total else empty,
    )
    return Figure(key, title, chart, [header, _("Số lượt")], [*pairs, (_("Tổng cộng"), total)])


def _trend_figure(key, title, qs, *, empty):
    years, series = selectors.by_year_and_level(qs)
    labels = [str(y) for y in years]
    chart = charts.column_chart(
        f"fig-{key}", title, labels, series, desc=_("Số lượt khen thưởng mỗi năm, theo cấp khen."), empty=empty
    )
    rows = [[name, *values, sum(values)] for name, values in series]
    return Figure(key, title, chart, [_("Cấp khen"), *labels, _("Cộng")], rows)


def _share_rows(rows, label_of):
    """(label, percent or None, direct, total) of PriorityRow-like rows."""
    return [(label_of(r), r.share.percent, r.share.direct, r.share.total) for r in rows]


def _share_figure(key, title, shares, *, empty):
    chart = charts.bar_chart(
        f"fig-{key}",
        title,
        [(label, percent) for label, percent, _d, _t in shares if percent is not None],
        suffix="%",
        maximum=100,
        desc=_("Tỷ lệ người trực tiếp lao động, sản xuất trong số cá nhân được khen thưởng."),
        empty=empty,
    )
    rows = [
        (label, total, direct, "—" if percent is None else f"{number_format(percent, decimal_pos=1)}%")
        for label, percent, direct, total in shares
    ]
    headers = [_("Phạm vi"), _("Cá nhân được khen"), _("Trực tiếp lao động, sản xuất"), _("Tỷ lệ")]
    return Figure(key, title, chart, headers, rows)


def _award_figures(qs, year, *, empty):
    suffix = _(" năm %(y)s") % {"y": year}
    return [
        _count_figure("level", _("Khen thưởng theo cấp") + suffix, selectors.by_level(qs), _("Cấp khen"), empty=empty),
        _count_figure(
            "form",
            _("Khen thưởng theo danh hiệu, hình thức") + suffix,
            selectors.by_form(qs),
            _("Danh hiệu, hình thức"),
            empty=empty,
        ),
        _count_figure(
            "recipient",
            _("Khen thưởng theo đối tượng") + suffix,
            selectors.by_recipient(qs),
            pgettext("người được khen", "Đối tượng"),
            empty=empty,
        ),
    ]


# Province ----------------------------------------------------------------------------------------------------------
def province_dashboard(province, year):
    empty = _("Chưa có khen thưởng nào trong sổ.")
    figures = _award_figures(selectors.province_records(province, year=year), year, empty=empty)
    figures.append(
        _trend_figure("trend", _("Khen thưởng qua các năm"), selectors.province_records(province), empty=empty)
    )
    figures.append(_clusters_figure(province, year))
    stats = award_priority_statistics(province=province, year=year)
    shares = _share_rows(stats, lambda r: r.label)
    figures.append(
        _share_figure(
            "direct", _("Người trực tiếp lao động, sản xuất được khen năm %(y)s") % {"y": year}, shares, empty=empty
        )
    )
    return figures


def _clusters_figure(province, year):
    comparison = selectors.cluster_comparison(province, year)
    title = _("Các cụm, khối thi đua của tỉnh năm %(y)s") % {"y": year}
    series = [
        (_("Tập thể được khen"), [c.collective for c in comparison]),
        (_("Cá nhân được khen"), [c.individual for c in comparison]),
        (_("Cấp tỉnh trở lên"), [c.honours for c in comparison]),
    ]
    chart = charts.column_chart(
        "fig-clusters",
        title,
        [str(c.cluster_year.cluster) for c in comparison],
        series,
        desc=_("So sánh số lượt khen thưởng của đơn vị thành viên từng cụm, khối."),
        empty=_("Không có cụm, khối nào có kỳ thi đua năm này."),
    )
    rows = [(c.cluster_year.cluster, c.members, c.collective, c.individual, c.honours, c.total) for c in comparison]
    headers = [_("Cụm, khối"), _("Thành viên"), _("Tập thể"), _("Cá nhân"), _("Cấp tỉnh trở lên"), _("Cộng")]
    return Figure("clusters", title, chart, headers, rows)


# Cluster -----------------------------------------------------------------------------------------------------------
def cluster_dashboard(cluster, year, user):
    empty = _("Chưa có khen thưởng nào của đơn vị thành viên.")
    years = selectors.cluster_years_of(cluster)
    current = next((cy for cy in years if cy.year == year), None)
    figures = list(_ranking_figures(years, current, user))
    if current is not None:
        figures += _award_figures(selectors.cluster_year_records(current), year, empty=empty)
    figures.append(_cluster_trend(years, empty=empty))
    stats = award_priority_statistics(cluster=cluster)
    shares = _share_rows(sorted(stats, key=lambda r: r.year), lambda r: str(r.year))
    figures.append(_share_figure("direct", _("Người trực tiếp lao động, sản xuất được khen"), shares, empty=empty))
    return figures


def _cluster_trend(years, *, empty):
    """Awards per year by level over the cluster's years, in one grouped query for all years."""
    title = _("Khen thưởng của đơn vị thành viên qua các năm")
    labels = [str(cy.year) for cy in years]
    counts = selectors.cluster_level_counts(years)
    levels = {}
    for index, cy in enumerate(years):
        for level in selectors.LEVELS:
            n = counts.get((cy.pk, level), 0)
            levels.setdefault(str(level.label), [0] * len(years))[index] = n
    series = [(label, values) for label, values in levels.items() if any(values)]
    chart = charts.column_chart(
        "fig-trend", title, labels, series, desc=_("Số lượt khen thưởng mỗi năm, theo cấp khen."), empty=empty
    )
    rows = [[name, *values, sum(values)] for name, values in series]
    return Figure("trend", title, chart, [_("Cấp khen"), *labels, _("Cộng")], rows)


def _ranking_figures(years, current, user):
    rankings = selectors.visible_rankings(years, user)
    by_year = dict(rankings)
    if current is not None:
        details = next((d for cy, d in rankings if cy.pk == current.pk), [])
        title = _("Kết quả chấm điểm, xếp hạng năm %(y)s") % {"y": current.year}
        chart = charts.bar_chart(
            "fig-ranking",
            title,
            [(f"{d.row.rank}. {d.row.unit.full_name}", float(d.row.total)) for d in details],
            desc=_("Tổng điểm cuối cùng của từng đơn vị, theo thứ hạng."),
            empty=_("Chưa có kết quả xếp hạng được công bố cho năm này."),
        )
        rows = [
            (d.row.rank, d.row.unit.full_name, d.row.total, _("bị loại") if d.row.is_vetoed else "") for d in details
        ]
        yield Figure("ranking", title, chart, [_("Hạng"), _("Đơn vị"), _("Tổng điểm"), _("Ghi chú")], rows)
    if rankings:
        yield _rank_trend([cy for cy, _d in rankings], by_year)


def _rank_trend(years, by_year, only_unit=None):
    units = {}
    for cy in years:
        for d in by_year[cy]:
            if only_unit is None or d.row.unit.pk == only_unit.pk:
                units.setdefault(d.row.unit.pk, d.row.unit)
    labels = [str(cy.year) for cy in years]
    ranks = {cy.pk: {d.row.unit.pk: d.row.rank for d in by_year[cy]} for cy in years}
    series = [
        (unit.full_name, [ranks[cy.pk].get(unit.pk) for cy in years])
        for unit in sorted(units.values(), key=lambda u: u.folded_name)
    ]
    title = _("Thứ hạng qua các năm")
    chart = charts.line_chart(
        "fig-rank-trend",
        title,
        labels,
        series,
        inverted=True,
        desc=_("Thứ hạng của đơn vị qua các năm (1 là cao nhất)."),
    )
    rows = [[name, *["—" if r is None else r for r in values]] for name, values in series]
    return Figure("rank-trend", title, chart, [_("Đơn vị"), *labels], rows)


# Unit --------------------------------------------------------------------------------------------------------------
def unit_dashboard(unit, user):

    empty = _("Chưa có khen thưởng nào của đơn vị.")
    records = selectors.unit_records(unit)
    years = list(clusters_of_unit(unit).order_by("year"))
    rankings = selectors.visible_rankings(years, user)
    figures = []
    if rankings:
        figures.append(_rank_trend([cy for cy, _d in rankings], dict(rankings), only_unit=unit))
    figures.append(_trend_figure("trend", _("Khen thưởng của đơn vị qua các năm"), records, empty=empty))
    figures.append(
        _count_figure(
            "form",
            _("Khen thưởng theo danh hiệu, hình thức"),
            selectors.by_form(records),
            _("Danh hiệu, hình thức"),
            empty=empty,
        )
    )
    figures.append(
        _count_figure(
            "recipient",
            _("Khen thưởng theo đối tượng"),
            selectors.by_recipient(records),
            pgettext("người được khen", "Đối tượng"),
            empty=empty,
        )
    )
    people = records.filter(person__isnull=False).select_related("person")
    by_year = {}
    for record in people:
        by_year.setdefault(record.year, []).append(record.person)
    shares = [(str(y), *_share(direct_labourer_share(p))) for y, p in sorted(by_year.items())]
    figures.append(_share_figure("direct", _("Người trực tiếp lao động, sản xuất được khen"), shares, empty=empty))
    return figures


def _share(share):
    return share.percent, share.direct, share.total
