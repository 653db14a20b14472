"""The annual summary of a province: its clusters and blocks side by side (leader, flags, next year's leader and
deputy), the movements, models and exemplars of the year, and the commendation figures by level. Same Summary
blocks as a cluster's (summary.py), so the same page and the same .docx writer serve both."""

from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from thidua.awards.statistics import award_priority_statistics
from thidua.core.documents import OfficialDocument, Signature
from thidua.emulation.enums import ExemplarState, MovementLevel
from thidua.emulation.models import Exemplar, Movement, MovementModel
from thidua.emulation.selectors import current_pledge
from thidua.organizations.models import ClusterYear
from thidua.organizations.selectors import province_and_predecessors
from thidua.reports import selectors
from thidua.reports.summary import DRAFT_NOTE, Summary, build_cluster_summary


def province_summary_meta(province, year):
    return OfficialDocument(
        issuer=_("Hội đồng Thi đua - Khen thưởng tỉnh %(p)s") % {"p": province.name},
        parent_issuer=_("UBND tỉnh %(p)s") % {"p": province.name},
        doc_type=_("Báo cáo"),
        summary=_("Tổng kết công tác thi đua, khen thưởng năm %(y)s và phương hướng, nhiệm vụ năm %(n)s")
        % {"y": year, "n": year + 1},
        place=province.name,
        date=None,  # dated when it is signed, not on the day it was downloaded
        signatures=[Signature(title=_("Hội đồng"), prefix="TM.", deputy_title=_("Chủ tịch"))],
        distribution=[_("Ban Thi đua - Khen thưởng Trung ương"), _("Thường trực Tỉnh ủy, HĐND, UBND tỉnh")],
        drafter="BTĐKT",
    )


def build_province_summary(province, year):
    summary = Summary(meta=province_summary_meta(province, year))
    summary.screen_note(str(DRAFT_NOTE))
    cluster_years = selectors.province_cluster_years(province, year)
    summary.heading(_("I. KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM %(y)s") % {"y": year})
    _clusters(summary, cluster_years)
    _movements(summary, province, year)
    _commendation(summary, province, year)
    summary.heading(_("II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM %(y)s") % {"y": year + 1})
    _next_year(summary, cluster_years)
    if summary.invented:
        summary.note(_("Báo cáo có số liệu minh họa (dữ liệu demo), không phải số liệu thật."))
    return summary


def _clusters(summary, cluster_years):
    summary.subheading(_("1. Hoạt động của các cụm, khối thi đua"))
    if not cluster_years:
        summary.paragraph(_("Không có cụm, khối thi đua nào có kỳ thi đua năm này."))
        return
    rows = []
    for cluster_year in cluster_years:
        part = build_cluster_summary(cluster_year)
        summary.invented |= part.invented
        summary.flags += part.flags
        rows.append(
            (
                cluster_year.cluster.name,
                cluster_year.leader.full_name if cluster_year.leader else "",
                ", ".join(part.flags) or "—",
                part.next_leader.full_name if part.next_leader else "—",
                part.next_deputy.full_name if part.next_deputy else "—",
            )
        )
    summary.table(
        [
            _("Cụm, khối"),
            _("Trưởng cụm"),
            _("Suy tôn, tặng Cờ thi đua"),
            _("Trưởng cụm năm sau"),
            _("Phó Trưởng cụm năm sau"),
        ],
        rows,
    )


def _movements(summary, province, year):
    provinces = province_and_predecessors(province)
    summary.subheading(_("2. Các phong trào thi đua, mô hình, điển hình tiên tiến"))
    movements = Movement.objects.filter(
        Q(level=MovementLevel.NATIONAL) | Q(provinces__in=provinces) | Q(clusters__province_id__in=provinces)
    ).filter(
        Q(starts_on__isnull=True) | Q(starts_on__year__lte=year), Q(ends_on__isnull=True) | Q(ends_on__year__gte=year)
    )
    movements = list(movements.distinct().order_by("level", "folded_name"))
    summary.paragraph(_("Các phong trào thi đua triển khai trong năm (%(n)s):") % {"n": len(movements)})
    summary.bullets(f"{m.name} ({m.get_level_display()})" for m in movements)
    models = MovementModel.objects.filter(unit__province_id__in=provinces, year=year).count()
    exemplars = list(
        Exemplar.objects.filter(province_id__in=provinces, year=year, state=ExemplarState.RECOGNISED)
        .select_related("unit")
        .order_by("kind", "name")
    )
    summary.paragraph(
        _("Có %(m)s mô hình được ghi nhận và %(e)s điển hình tiên tiến được công nhận trong năm.")
        % {"m": models, "e": len(exemplars)}
    )
    summary.bullets(f"{e.name} – {e.get_kind_display()} ({e.unit.full_name})" for e in exemplars)
    summary.invented |= any(e.is_invented for e in exemplars)


def _commendation(summary, province, year):
    summary.subheading(_("3. Công tác khen thưởng"))
    records = selectors.province_records(province, year=year)
    summary.level_rows = selectors.level_table(records)
    summary.paragraph(
        _("Khen thưởng thành tích năm %(y)s trong sổ theo dõi khen thưởng của tỉnh (không tính khen thưởng đã hủy bỏ):")
        % {"y": year}
    )
    summary.table(
        [_("Cấp khen thưởng"), _("Tập thể"), _("Cá nhân"), _("Cộng")],
        [(r.label, r.collective, r.individual, r.total) for r in summary.level_rows],
    )
    summary.bullets(f"{name}: {n}" for name, n in selectors.by_form(records))
    province_row = next(
        (r for r in award_priority_statistics(province=province, year=year) if r.cluster_year is None), None
    )
    if province_row and province_row.share.total:
        share = province_row.share
        summary.paragraph(
            _("Trong %(total)s cá nhân được khen thưởng có %(direct)s người trực tiếp lao động, sản xuất (%(p)s%%).")
            % {"total": share.total, "direct": share.direct, "p": number_format(share.percent, decimal_pos=1)}
        )
    summary.invented |= records.filter(is_invented=True).exists()


def _next_year(summary, cluster_years):
    summary.subheading(_("1. Giao ước thi đua của các cụm, khối"))
    following = ClusterYear.objects.filter(
        cluster__in=[cy.cluster_id for cy in cluster_years], year__in=[cy.year + 1 for cy in cluster_years]
    ).select_related("cluster")
    lines = []
    for cluster_year in following.order_by("cluster__name"):
        pledge = current_pledge(cluster_year)
        if pledge is not None:
            lines.append(f"{cluster_year.cluster.name}: “{pledge.motto}”")
    if lines:
        summary.bullets(lines)
    else:
        summary.paragraph(_("Chưa có giao ước thi đua năm sau trong hệ thống."))
