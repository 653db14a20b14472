"""Charts drawn on the server as SVG: no script, no remote library, no inline style (the CSP forbids them).

Every chart has a <title> and <desc> (read by screen readers), text labels on the bars and points, and colours
from classes in static/css/reports.css (series-0 ... series-7). Text goes through escape(); the markup is built
here, so it is safe to mark it so. Pages show the same figures as a table under each chart.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

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


def bar_chart(chart_id, title, rows, *, desc="", suffix="", maximum=None, width=760, empty=""):
    """Horizontal bars, one per (label, value). maximum fixes the scale (100 for percentages)."""
    if not rows:
        return _empty(chart_id, title, empty or desc, width)
    label_w = min(300, max(80, max(len(str(label)) for label, _v in rows) * FONT_W + 12))
    value_w, bar_h, gap, top = 70, 20, 8, 8
    scale = maximum or max((float(v) for _l, v in rows), default=0) or 1
    room = width - label_w - value_w
    height = top * 2 + len(rows) * (bar_h + gap)
    parts = [_open(chart_id, title, desc, width, height, "bar-chart")]
    for index, (label, value) in enumerate(rows):
        y = top + index * (bar_h + gap)
        length = max(0.0, float(value) / float(scale) * room)
        text_y = f"{y + bar_h * 0.72:.1f}"
        shown = f"{_fmt(value)}{suffix}"
        parts.append(
            f'<g class="bar-row"><title>{escape(label)}: {escape(shown)}</title>'
            f'<text class="label" x="{label_w - 8:.0f}" y="{text_y}" text-anchor="end">{escape(_short(label))}</text>'
            f'<rect class="bar series-{index % SERIES if len(rows) <= SERIES else 0}" x="{label_w:.0f}" y="{y}" '
            f'width="{length:.1f}" height="{bar_h}"></rect>'
            f'<text class="value" x="{label_w + length + 6:.1f}" y="{text_y}">{escape(shown)}</text></g>'
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


def _nice(maximum):
    """A round top for the value axis (10, 20, 25, 50, 100, ...)."""
    if maximum <= 0:
        return 1
    magnitude = 10 ** (len(str(int(maximum))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if maximum <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def column_chart(chart_id, title, categories, series, *, desc="", width=760, empty=""):
    """Vertical bars: one group per category, one bar per series (name, [value per category]), with a legend."""
    if not categories or not series or not any(v for _n, values in series for v in values):
        return _empty(chart_id, title, empty or desc, width)
    legend_w, left, top, bottom = 190, 44, 12, 46
    plot_w, plot_h = width - left - legend_w - 10, 220
    scale = _nice(max(float(v) for _n, values in series for v in values))
    group_w = plot_w / len(categories)
    bar_w = max(4.0, min(36.0, (group_w - 10) / len(series)))
    parts = [_open(chart_id, title, desc, width, top + plot_h + bottom, "column-chart")]
    parts.append(_axis(left, top, plot_w, plot_h, scale))
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
    """Lines over the categories (years), one per series; None leaves a gap. inverted puts 1 on top (ranks)."""
    values = [v for _n, vs in series for v in vs if v is not None]
    if len(categories) < 1 or not values:
        return _empty(chart_id, title, empty or desc, width)
    legend_w, left, top, bottom = 190, 44, 14, 40
    plot_w, plot_h = width - left - legend_w - 10, 220
    low, high = (1, max(values)) if inverted else (0, _nice(max(values)))
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
