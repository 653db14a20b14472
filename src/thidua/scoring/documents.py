"""The ranking in its published forms: a server-drawn SVG bar chart, an Excel sheet and the score summary
(bảng tổng hợp kết quả chấm điểm) as an ND 30/2020 .docx. All three are drawn from one ranking_details() list,
so they cannot disagree with each other or with the page."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from thidua.core.documents import DocxBuilder, OfficialDocument, Signature, in_vietnamese
from thidua.core.exports import workbook_bytes
from thidua.core.scales import nice_floor
from thidua.organizations.selectors import unit_head_name
from thidua.scoring import selectors
from thidua.scoring.calculation import describe_rule, fmt


@dataclass
class RankingSheet:
    """Everything a ranking document needs, gathered once (see ranking_sheet)."""

    cluster_year: object
    table: object
    tree: object
    ranked: list  # selectors.RankedUnit
    is_invented: bool = False
    published_on: object = None

    @property
    def groups(self):
        return self.tree.regular_groups()

    @property
    def rule_text(self):
        return describe_rule(self.table.tie_break_steps)

    def headers(self):
        return [
            _("Hạng"),
            _("Đơn vị"),
            _("Điểm tự chấm"),
            *[_("Nhóm %(code)s") % {"code": g.code} for g in self.groups],
            _("Điểm thưởng"),
            _("Điểm trừ"),
            _("Tổng điểm"),
            _("Ứng viên suy tôn"),
            _("Ghi chú"),
        ]

    def cells(self):
        """One list per unit, in rank order, numbers kept as numbers: the rows of the Excel copy."""
        result = []
        for item in self.ranked:
            row, totals = item.row, item.totals
            result.append(
                [
                    row.rank,
                    row.unit.full_name,
                    item.self_total,
                    *[totals.group_scores.get(g.code, 0) for g in self.groups],
                    totals.bonus,
                    totals.penalty,
                    row.total,
                    _("Có") if row.is_candidate else _("Không (điểm liệt)"),
                    row.tie_break_note,
                ]
            )
        return result

    def lines(self):
        """The same rows as display strings: the page and the .docx."""
        numbers = {0, *range(2, 6 + len(self.groups))}
        return [[fmt(v) if i in numbers else v for i, v in enumerate(line)] for line in self.cells()]


def ranking_sheet(cluster_year):
    table = selectors.current_table(cluster_year)
    if table is None:
        return None
    ranked = selectors.ranking_details(cluster_year, table)
    publication = selectors.publication_of(cluster_year)
    return RankingSheet(
        cluster_year=cluster_year,
        table=table,
        tree=selectors.tree_of(table),
        ranked=ranked,
        is_invented=table.is_invented or any(item.assessment.is_invented for item in ranked),
        published_on=timezone.localdate(publication.published_at) if publication else None,
    )


def bar_chart_svg(sheet, *, width=760):
    """Horizontal bars of the totals, in rank order, each unit's name above its bar (large on a phone). The axis
    starts a little under the lowest total and says so: from 0, 91,3 and 99 looked the same length."""
    label_h, bar_h, gap, value_w = 36, 16, 10, 100
    rows = sheet.ranked
    totals = [float(item.row.total) for item in rows]
    high = max([float(sheet.table.total_points), *totals]) or 1
    start = nice_floor(min(totals), high) if totals else 0
    top = label_h if start else 6
    height = top + len(rows) * (label_h + bar_h + gap)
    room = width - value_w
    title = _("Tổng điểm thi đua năm %(year)s") % {"year": sheet.cluster_year.year}
    opening = (
        f'<svg class="bar-chart ranking-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="chart-title"><title id="chart-title">{escape(title)}</title>'
    )
    parts = [opening]
    if start:
        note = _("Trục điểm bắt đầu từ %(start)s, không từ 0; thang điểm tối đa %(top)s") % {
            "start": start,
            "top": fmt(sheet.table.total_points),
        }
        parts.append(f'<text class="axis-note" x="0" y="{label_h - 10}">⚠ {escape(note)}</text>')
    for index, item in enumerate(rows):
        y = top + index * (label_h + bar_h + gap)
        length = max(2.0, (float(item.row.total) - start) / ((high - start) or 1) * room)
        css = "bar vetoed" if item.row.is_vetoed else "bar"
        label = f"{item.row.rank}. {item.row.unit.full_name}"
        shown = escape(fmt(item.row.total))
        parts.append(
            f'<g class="bar-row" data-unit="{item.row.unit.pk}">'
            f'<text class="label" x="0" y="{y + label_h - 8}">{escape(label)}</text>'
            f'<rect class="{css}" x="0" y="{y + label_h}" width="{length:.1f}" height="{bar_h}"></rect>'
            f'<text class="value" x="{length + 6:.1f}" y="{y + label_h + bar_h - 3}">{shown}</text>'
            "</g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above went through escape()


def ranking_xlsx(sheet):
    notes = [[_("Cách phân định khi bằng điểm"), sheet.rule_text]]
    if sheet.is_invented:
        notes.append([_("Lưu ý"), _("Số liệu minh họa, không phải kết quả thật.")])
    return workbook_bytes(
        [
            (_("Xếp hạng %(year)s") % {"year": sheet.cluster_year.year}, sheet.headers(), sheet.cells()),
            (_("Ghi chú"), [_("Mục"), _("Nội dung")], notes),
        ]
    )


@in_vietnamese
def ranking_docx(sheet):
    cluster_year = sheet.cluster_year
    cluster = cluster_year.cluster
    meta = OfficialDocument(
        issuer=cluster.name,
        doc_type=_("Bảng tổng hợp"),
        summary=_("Kết quả chấm điểm thi đua năm %(year)s") % {"year": cluster_year.year},
        place=cluster.province.name,
        date=sheet.published_on or timezone.localdate(),
        landscape=True,
        signatures=[
            Signature(
                prefix="TM.",
                title=_("Cụm thi đua"),
                deputy_title=_("Trưởng cụm"),
                name=unit_head_name(cluster_year.leader, sheet.published_on),
            )
        ],
        distribution=[_("Ban Thi đua - Khen thưởng tỉnh"), _("Các đơn vị thành viên Cụm")],
        drafter="CTĐ",
    )
    builder = DocxBuilder(meta)
    builder.paragraph(
        _(
            "Căn cứ %(table)s (phiên bản %(version)s) và kết quả tự chấm điểm, thẩm định, chấm chéo của các đơn vị "
            "thành viên, %(cluster)s tổng hợp kết quả chấm điểm thi đua năm %(year)s như sau:"
        )
        % {
            "table": sheet.table.name,
            "version": sheet.table.version,
            "cluster": cluster.name,
            "year": cluster_year.year,
        }
    )
    headers = sheet.headers()
    builder.table(headers, sheet.lines(), size=10)
    builder.paragraph(sheet.rule_text, italic=True)
    vetoed = [item.row.unit.full_name for item in sheet.ranked if item.row.is_vetoed]
    if vetoed:
        builder.paragraph(
            _("Đơn vị vi phạm điểm liệt, không là ứng viên suy tôn: %(units)s.") % {"units": ", ".join(vetoed)}
        )
    if sheet.is_invented:
        builder.paragraph(_("Ghi chú: số liệu minh họa, không phải kết quả thật."), italic=True)
    builder.signatures_and_distribution()
    return builder.to_bytes()
