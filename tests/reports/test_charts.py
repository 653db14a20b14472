"""The server-drawn SVG charts: accessible, escaped, and free of inline style (the CSP forbids it)."""

import re

from thidua.core.scales import count_ticks, nice_floor, nice_top
from thidua.reports import charts


def test_bar_chart_has_title_desc_labels_and_values():
    svg = str(charts.bar_chart("c1", "Khen thưởng theo cấp", [("Cấp tỉnh", 3), ("Cấp cơ sở", 12)], desc="Tổng 15"))
    assert svg.startswith('<svg class="chart-svg bar-chart"')
    assert 'role="img" aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Khen thưởng theo cấp</title><desc id="c1-desc">Tổng 15</desc>' in svg
    assert svg.count("<rect") == 2
    assert ">Cấp tỉnh</text>" in svg
    assert ">12</text>" in svg
    assert "style" not in svg
    assert "<script" not in svg


def test_bar_lengths_follow_the_values_and_a_fixed_maximum():
    svg = str(charts.bar_chart("c2", "Tỷ lệ", [("A", 50.0), ("B", 100.0)], suffix="%", maximum=100, width=560))
    widths = [float(w) for w in re.findall(r'<rect[^>]* width="([0-9.]+)"', svg)]
    assert widths[1] == 2 * widths[0]
    assert ">50%</text>" in svg


def test_text_is_escaped():
    svg = str(charts.bar_chart("c3", "<b>x</b>", [("<script>alert(1)</script>", 1)]))
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "&lt;b&gt;x&lt;/b&gt;" in svg


def test_an_empty_chart_says_so():
    svg = str(charts.bar_chart("c4", "Khen thưởng", [], empty="Chưa có khen thưởng nào trong sổ."))
    assert 'class="chart-svg empty"' in svg
    assert "Chưa có khen thưởng nào trong sổ.</text>" in svg
    assert "<rect" not in svg


def test_column_chart_groups_series_with_a_legend():
    svg = str(charts.column_chart("c5", "Qua các năm", ["2022", "2023"], [("Cấp tỉnh", [1, 2]), ("Cấp cơ sở", [0, 4])]))
    assert svg.count('class="series-0"') == 3  # two bars and the legend's swatch
    assert svg.count('class="series-1"') == 3
    assert ">Cấp cơ sở</text>" in svg
    assert ">2023</text>" in svg
    assert "style" not in svg


def test_line_chart_of_ranks_puts_first_place_on_top():
    svg = str(charts.line_chart("c6", "Thứ hạng", ["2023", "2024"], [("Lệ Thủy", [1, 3])], inverted=True))
    ys = [float(y) for y in re.findall(r'<circle cx="[0-9.]+" cy="([0-9.]+)"', svg)]
    assert ys[0] < ys[1]
    assert "<polyline" in svg
    assert "Lệ Thủy, 2024: 3</title>" in svg


def test_a_score_axis_starts_near_the_lowest_score_and_says_so():
    assert nice_floor(91.3, 100) == 85
    assert nice_floor(40, 100) == 0  # already spread over more than half the axis
    svg = str(charts.bar_chart("c7", "Tổng điểm", [("A", 99.0), ("B", 91.3)], maximum=100, baseline=85))
    assert "Trục điểm bắt đầu từ 85, không từ 0</text>" in svg
    widths = [float(w) for w in re.findall(r'<rect[^>]* width="([0-9.]+)"', svg)]
    assert widths[0] > 2 * widths[1]  # 99 and 91,3 no longer look alike


def test_count_axes_have_whole_number_ticks():
    assert (nice_top(37, whole=True), count_ticks(50), count_ticks(2)) == (50, 5, 2)
    svg = str(charts.column_chart("c8", "Số lượt", ["2023", "2024"], [("Cấp tỉnh", [37, 12])]))
    ticks = re.findall(r'<text class="tick"[^>]*>([^<]+)</text>', svg)
    assert ticks == ["0", "10", "20", "30", "40", "50"]


def test_a_single_year_is_not_drawn_as_a_trend():
    assert charts.line_chart("c9", "Thứ hạng", ["2023"], [("Lệ Thủy", [1])], inverted=True) == ""
    assert charts.column_chart("c10", "Số lượt", ["2023"], [("Cấp tỉnh", [3])]) == ""
