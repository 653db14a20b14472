"""Charts drawn on the server as SVG: no script, no remote library, no inline style (the CSP forbids them).

Every chart has a <title> and <desc> (read by screen readers), text labels on the bars and points, and colours
from classes in static/css/reports.css (series-0 ... series-7). Text goes through escape(); the markup is built
here, so it is safe to mark it so. Pages show the same figures as a table under each chart.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from thidua.core.scales import count_ticks, nice_top

SERIES = 8
FONT_W = 6.6  # average width of a 12 px character, to leave room for labels


def _fmt(value):
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",").removesuffix(",0")
    return str(value)


def _open(chart_id, title, desc, width, height, css):
    return (
        f'<svg class="chart-svg {css}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )


def _empty(chart_id, title, desc, width):
    parts = [_open(chart_id, title, desc, width, 40, "empty")]
    parts.append(f'<text class="label" x="{width / 2:.0f}" y="24" text-anchor="middle">{escape(desc)}</text></svg>')
    return mark_safe("".join(parts))  # every text above went through escape()


def bar_chart(chart_id, title, rows, *, desc="", suffix="", maximum=None, width=760, empty="", baseline=0):
    """Horizontal bars, one per (label, value), each label above its bar so that a phone can show it large
    (static/css/reports.css enlarges the text on a narrow screen). maximum fixes the scale (100 for percentages);
    baseline starts the axis above 0, and the chart then says so in words."""
    if not rows:
        return _empty(chart_id, title, empty or desc, width)
    value_w, label_h, bar_h, gap, top = 100, 36, 16, 10, 8
    scale = maximum or max((float(v) for _l, v in rows), default=0) or 1
    room = width - value_w
    if baseline:
        top += label_h
    height = top + len(rows) * (label_h + bar_h + gap)
    parts = [_open(chart_id, title, desc, width, height, "bar-chart")]
    if baseline:
        note = _("Trục điểm bắt đầu từ %(n)s, không từ 0") % {"n": _fmt(baseline)}
        parts.append(f'<text class="axis-note" x="0" y="{label_h - 10}">⚠ {escape(note)}</text>')
    span = float(scale) - float(baseline) or 1
    for index, (label, value) in enumerate(rows):
        y = top + index * (label_h + bar_h + gap)
        length = max(2.0, (float(value) - float(baseline)) / span * room)
        shown = f"{_fmt(value)}{suffix}"
        parts.append(
            f'<g class="bar-row"><title>{escape(label)}: {escape(shown)}</title>'
            f'<text class="label" x="0" y="{y + label_h - 8}">{escape(_short(label, 60))}</text>'
            f'<rect class="bar series-{index % SERIES if len(rows) <= SERIES else 0}" x="0" y="{y + label_h}" '
            f'width="{length:.1f}" height="{bar_h}"></rect>'
            f'<text class="value" x="{length + 6:.1f}" y="{y + label_h + bar_h - 3}">{escape(shown)}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above went through escape()


def _short(label, limit=44):
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _legend(series, x, y):
    parts = []
    for index, (name, _values) in enumerate(series):
        ly = y + index * 18
        parts.append(
            f'<rect class="series-{index % SERIES}" x="{x}" y="{ly}" width="12" height="12"></rect>'
            f'<text class="legend" x="{x + 18}" y="{ly + 10}">{escape(_short(name, 30))}</text>'
        )
    return "".join(parts)


def _axis(left, top, plot_w, plot_h, scale, ticks=4):
    parts = []
    for step in range(ticks + 1):
        value = scale * step / ticks
        y = top + plot_h - plot_h * step / ticks
        parts.append(f'<line class="grid" x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}"></line>')
        parts.append(
            f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_fmt(round(value, 1))}</text>'
        )
    return "".join(parts)


def column_chart(chart_id, title, categories, series, *, desc="", width=760, empty=""):
    """Vertical bars: one group per category, one bar per series (name, [value per category]), with a legend.
    Counts (whole numbers) get whole-number ticks. A single category is no trend: the page shows its table."""
    if not categories or not series or not any(v for _n, values in series for v in values):
        return _empty(chart_id, title, empty or desc, width)
    if len(categories) == 1:
        return ""
    legend_w, left, top, bottom = 190, 44, 12, 46
    plot_w, plot_h = width - left - legend_w - 10, 220
    whole = all(float(v) == int(v) for _n, values in series for v in values)
    scale = nice_top(max(float(v) for _n, values in series for v in values), whole=whole)
    group_w = plot_w / len(categories)
    bar_w = max(4.0, min(36.0, (group_w - 10) / len(series)))
    parts = [_open(chart_id, title, desc, width, top + plot_h + bottom, "column-chart")]
    parts.append(_axis(left, top, plot_w, plot_h, scale, count_ticks(scale) if whole else 4))
    for c_index, category in enumerate(categories):
        x0 = left + c_index * group_w + (group_w - bar_w * len(series)) / 2
        for s_index, (name, values) in enumerate(series):
            value = values[c_index]
            h = plot_h * float(value) / scale
            x, y = x0 + s_index * bar_w, top + plot_h - h
            parts.append(
                f"<g><title>{escape(category)} – {escape(name)}: {_fmt(value)}</title>"
                f'<rect class="series-{s_index % SERIES}" x="{x:.1f}" y="{y:.1f}" width="{bar_w - 1:.1f}" '
                f'height="{h:.1f}"></rect>'
                + (
                    f'<text class="value" x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" '
                    f'text-anchor="middle">{_fmt(value)}</text>'
                    if value
                    else ""
                )
                + "</g>"
            )
        parts.append(
            f'<text class="label" x="{left + (c_index + 0.5) * group_w:.1f}" y="{top + plot_h + 16}" '
            f'text-anchor="middle">{escape(_short(category, max(6, int(group_w / FONT_W))))}</text>'
        )
    parts.append(_legend(series, width - legend_w + 10, top))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above went through escape()


def line_chart(chart_id, title, categories, series, *, desc="", width=760, inverted=False, empty=""):
    """Lines over the categories (years), one per series; None leaves a gap. inverted puts 1 on top (ranks).
    A single year is no trend (a column of dots): the page shows its table instead."""
    values = [v for _n, vs in series for v in vs if v is not None]
    if len(categories) < 1 or not values:
        return _empty(chart_id, title, empty or desc, width)
    if len(categories) == 1:
        return ""
    legend_w, left, top, bottom = 190, 44, 14, 40
    plot_w, plot_h = width - left - legend_w - 10, 220
    low, high = (1, max(values)) if inverted else (0, nice_top(max(values)))
    span = (high - low) or 1
    step_x = plot_w / max(1, len(categories) - 1)

    def point(index, value):
        share = (value - low) / span
        y = top + share * plot_h if inverted else top + plot_h - share * plot_h
        return left + (index * step_x if len(categories) > 1 else plot_w / 2), y

    parts = [_open(chart_id, title, desc, width, top + plot_h + bottom, "line-chart")]
    if not inverted:
        parts.append(_axis(left, top, plot_w, plot_h, high))
    for index, category in enumerate(categories):
        x, _y = point(index, low)
        parts.append(
            f'<text class="label" x="{x:.1f}" y="{top + plot_h + 18}" text-anchor="middle">{escape(category)}</text>'
        )
    for s_index, (name, vs) in enumerate(series):
        css = f"series-{s_index % SERIES}"
        points = [(i, point(i, v), v) for i, v in enumerate(vs) if v is not None]
        path = " ".join(f"{x:.1f},{y:.1f}" for _i, (x, y), _v in points)
        parts.append(f'<g class="line {css}"><title>{escape(name)}</title><polyline points="{path}"></polyline>')
        for i, (x, y), v in points:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4">'
                f"<title>{escape(name)}, {escape(categories[i])}: {_fmt(v)}</title>"
                f'</circle><text class="value" x="{x + 6:.1f}" y="{y - 6:.1f}">{_fmt(v)}</text>'
            )
        parts.append("</g>")
    parts.append(_legend(series, width - legend_w + 10, top))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above went through escape()
