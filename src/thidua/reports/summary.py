"""The annual summary (báo cáo tổng kết công tác thi đua, khen thưởng) of a cluster year, built from the data.

The structure follows the seed article: how the year was led (registration, pledge, guiding documents), the
movements and their results, the models, the exemplars, the commendation figures by level, the ranking and the
conference's vote, next year's leader and deputy, and next year's pledge. The result is a Summary: blocks of text
and tables that the page previews and documents.summary_docx() writes as an editable .docx draft (Nghị định
30/2020 layout). Every figure is counted from the records; invented demo data is marked "minh họa".
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import AwardRecord
from thidua.awards.statistics import award_priority_statistics
from thidua.core.documents import OfficialDocument, Signature
from thidua.emulation.enums import ExemplarState, MovementLevel
from thidua.emulation.models import Exemplar, Movement, MovementModel, MovementParticipation, MovementReport
from thidua.emulation.selectors import current_pledge, guiding_documents, province_and_successors, registration_counts
from thidua.organizations.models import ClusterMembership, ClusterYear
from thidua.organizations.selectors import unit_head_name
from thidua.reports import conference, selectors
from thidua.scoring.selectors import ranking_details, ranking_is_published


@dataclass
class Block:
    kind: str  # heading, subheading, paragraph, bullets, table, note
    text: str = ""
    items: list = field(default_factory=list)  # bullets; table rows
    headers: list = field(default_factory=list)


@dataclass
class Summary:
    meta: OfficialDocument
    blocks: list = field(default_factory=list)
    flags: list = field(default_factory=list)  # names of the units acclaimed or decided for an emulation flag
    next_leader: object = None
    next_deputy: object = None
    level_rows: list = field(default_factory=list)
    invented: bool = False

    def heading(self, text):
        self.blocks.append(Block("heading", text))

    def subheading(self, text):
        self.blocks.append(Block("subheading", text))

    def paragraph(self, text):
        self.blocks.append(Block("paragraph", text))

    def bullets(self, items):
        if items:
            self.blocks.append(Block("bullets", items=list(items)))

    def table(self, headers, rows):
        self.blocks.append(Block("table", items=[list(r) for r in rows], headers=list(headers)))

    def note(self, text):
        self.blocks.append(Block("note", text))

    def screen_note(self, text):
        """A note for the page only (e.g. that the draft was written by the system): papers never print it."""
        self.blocks.append(Block("screen_note", text))

    def text(self):
        """All the words of the draft, for search and tests."""
        parts = []
        for block in self.blocks:
            parts += [block.text, *map(str, block.headers)]
            parts += [" ".join(map(str, item)) if isinstance(item, list) else str(item) for item in block.items]
        return "\n".join(p for p in parts if p)


DRAFT_NOTE = gettext_lazy("Dự thảo do hệ thống lập từ dữ liệu; đề nghị rà soát, bổ sung trước khi ban hành.")


def _names(units):
    return ", ".join(u.full_name for u in units)


def cluster_summary_meta(cluster_year):
    cluster = cluster_year.cluster
    next_year = cluster_year.year + 1
    return OfficialDocument(
        issuer=cluster.name,
        parent_issuer=_("UBND tỉnh %(province)s") % {"province": cluster.province.name},
        doc_type=_("Báo cáo"),
        summary=_("Tổng kết công tác thi đua, khen thưởng năm %(year)s và phương hướng, nhiệm vụ năm %(next)s")
        % {"year": cluster_year.year, "next": next_year},
        place=cluster.province.name,
        date=None,  # dated when it is signed, not on the day it was downloaded
        recipients_line=_("Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh %(province)s")
        % {"province": cluster.province.name},
        signatures=[
            Signature(
                title=_("Cụm thi đua"),
                prefix="TM.",
                deputy_title=_("Trưởng cụm"),
                name=unit_head_name(cluster_year.leader),
            )
        ],
        distribution=[_("Như trên"), _("Ban Thi đua - Khen thưởng tỉnh"), _("Các đơn vị thành viên")],
        drafter="CTĐ",
    )


def build_cluster_summary(cluster_year):
    """The Summary of a cluster year: every section from the records, nothing typed by hand."""
    cluster_year = ClusterYear.objects.select_related("cluster__province", "leader", "deputy").get(pk=cluster_year.pk)
    members = [m.unit for m in ClusterMembership.objects.filter(cluster_year=cluster_year).select_related("unit")]
    members.sort(key=lambda u: u.folded_name)
    summary = Summary(meta=cluster_summary_meta(cluster_year), invented=cluster_year.leader_is_invented)
    summary.screen_note(str(DRAFT_NOTE))
    _opening(summary, cluster_year, members)
    summary.heading(_("I. KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM %(y)s") % {"y": cluster_year.year})
    _leadership(summary, cluster_year)
    _movements(summary, cluster_year, members)
    _models(summary, cluster_year, members)
    _exemplars(summary, cluster_year, members)
    _commendation(summary, cluster_year)
    outcome = conference.outcome_of(cluster_year)
    _ranking_and_vote(summary, cluster_year, outcome)
    summary.heading(_("II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM %(y)s") % {"y": cluster_year.year + 1})
    _next_year(summary, cluster_year, outcome)
    if summary.invented:
        summary.note(_("Báo cáo có số liệu minh họa (dữ liệu demo), không phải số liệu thật."))
    return summary


def _opening(summary, cluster_year, members):
    leader = cluster_year.leader.full_name if cluster_year.leader else _("(chưa ghi)")
    deputy = cluster_year.deputy.full_name if cluster_year.deputy else _("(chưa ghi)")
    pledge = current_pledge(cluster_year)
    motto = pledge.motto if pledge else cluster_year.motto
    text = _(
        "Năm %(year)s, %(cluster)s gồm %(n)s đơn vị thành viên: %(members)s; %(leader)s làm Trưởng cụm, "
        "%(deputy)s làm Phó Trưởng cụm."
    ) % {
        "year": cluster_year.year,
        "cluster": cluster_year.cluster.name,
        "n": len(members),
        "members": _names(members),
        "leader": leader,
        "deputy": deputy,
    }
    if motto:
        text += " " + _("Phương châm thi đua: “%(motto)s”.") % {"motto": motto}
    summary.paragraph(text)


def _leadership(summary, cluster_year):
    summary.subheading(_("1. Công tác chỉ đạo, tổ chức thực hiện"))
    counts = registration_counts(cluster_year)
    if counts["missing"] == counts["members"]:
        summary.paragraph(_("Chưa có bản đăng ký thi đua nào của năm trong hệ thống."))
    else:
        summary.paragraph(
            _("Đăng ký thi đua: %(approved)s/%(members)s đơn vị được duyệt, %(submitted)s đơn vị đã gửi chờ duyệt.")
            % {
                "approved": counts.get("approved", 0),
                "members": counts["members"],
                "submitted": counts.get("submitted", 0),
            }
        )
    pledge = current_pledge(cluster_year)
    if pledge is not None:
        signed = pledge.signatures.filter(voided_at__isnull=True).count()
        day = pledge.signing_date.strftime("%d/%m/%Y") if pledge.signing_date else _("(chưa ghi ngày)")
        summary.paragraph(
            _("Giao ước thi đua năm %(y)s: %(signed)s/%(members)s đơn vị đã ký, ngày ký kết %(day)s.")
            % {"y": cluster_year.year, "signed": signed, "members": counts["members"], "day": day}
        )
        summary.invented |= pledge.is_invented
    documents = list(guiding_documents(cluster_year=cluster_year))
    summary.bullets(
        _("%(kind)s %(number)s ngày %(date)s: %(summary)s")
        % {
            "kind": d.get_doc_type_display(),
            "number": d.number,
            "date": f"{d.issued_on:%d/%m/%Y}",
            "summary": d.summary,
        }
        for d in documents
    )


def movements_reaching(cluster, year):
    """Movements running in the year that reach the cluster: national ones, its province's and its own."""
    provinces = province_and_successors(cluster.province_id)
    qs = Movement.objects.filter(
        Q(level=MovementLevel.NATIONAL) | Q(provinces__in=provinces) | Q(clusters=cluster)
    ).filter(
        Q(starts_on__isnull=True) | Q(starts_on__year__lte=year), Q(ends_on__isnull=True) | Q(ends_on__year__gte=year)
    )
    return list(qs.distinct().order_by("level", "folded_name"))


def _movements(summary, cluster_year, members):
    summary.subheading(_("2. Các phong trào thi đua và kết quả"))
    movements = movements_reaching(cluster_year.cluster, cluster_year.year)
    if not movements:
        summary.paragraph(_("Chưa có phong trào thi đua nào được ghi trong hệ thống."))
        return
    joined = dict(
        MovementParticipation.objects.filter(movement__in=movements, unit__in=members)
        .values_list("movement_id")
        .annotate(n=Count("id"))
        .values_list("movement_id", "n")
    )
    reports = MovementReport.objects.filter(
        participation__movement__in=movements, participation__unit__in=members, year=cluster_year.year
    ).select_related("participation__unit")
    results = {}
    for report in reports.order_by("participation__unit__folded_name"):
        figures = "; ".join(f"{f.get('label')}: {f.get('value')}" for f in report.figures if isinstance(f, dict))
        line = f"{report.participation.unit.full_name}: {figures or report.content}"
        results.setdefault(report.participation.movement_id, []).append(line)
        summary.invented |= report.is_invented
    rows = [
        (i, m.name, m.get_level_display(), joined.get(m.pk, 0), "\n".join(results.get(m.pk, [])))
        for i, m in enumerate(movements, start=1)
    ]
    summary.table([_("STT"), _("Phong trào"), _("Cấp phát động"), _("Đơn vị tham gia"), _("Kết quả báo cáo")], rows)


def _models(summary, cluster_year, members):
    summary.subheading(_("3. Các mô hình mới, cách làm hay"))
    models = MovementModel.objects.filter(unit__in=members, year=cluster_year.year).select_related("unit", "movement")
    models = list(models.order_by("unit__folded_name", "folded_name"))
    if not models:
        summary.paragraph(_("Chưa có mô hình nào của năm được ghi trong hệ thống."))
        return
    summary.invented |= any(m.is_invented for m in models)
    summary.paragraph(_("Có %(n)s mô hình được ghi nhận:") % {"n": len(models)})
    summary.bullets(f"{m.name} ({m.unit.full_name}; {m.movement.name})" for m in models)


def _exemplars(summary, cluster_year, members):
    summary.subheading(_("4. Công tác phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến"))
    exemplars = Exemplar.objects.filter(
        Q(cluster_year=cluster_year) | Q(unit__in=members, year=cluster_year.year), state=ExemplarState.RECOGNISED
    )
    exemplars = list(exemplars.select_related("unit").distinct().order_by("kind", "name"))
    if not exemplars:
        summary.paragraph(_("Chưa có điển hình tiên tiến nào của năm được công nhận trong hệ thống."))
        return
    summary.invented |= any(e.is_invented for e in exemplars)
    summary.paragraph(_("Có %(n)s điển hình tiên tiến được công nhận:") % {"n": len(exemplars)})
    summary.bullets(f"{e.name} – {e.get_kind_display()} ({e.unit.full_name})" for e in exemplars)


def _commendation(summary, cluster_year):
    summary.subheading(_("5. Công tác khen thưởng"))
    records = selectors.cluster_year_records(cluster_year)
    summary.level_rows = selectors.level_table(records)
    summary.paragraph(
        _(
            "Khen thưởng thành tích năm %(y)s của các đơn vị thành viên, tập thể và cá nhân thuộc đơn vị (theo sổ theo "
            "dõi khen thưởng, không tính khen thưởng đã hủy bỏ):"
        )
        % {"y": cluster_year.year}
    )
    summary.table(
        [_("Cấp khen thưởng"), _("Tập thể"), _("Cá nhân"), _("Cộng")],
        [(r.label, r.collective, r.individual, r.total) for r in summary.level_rows],
    )
    forms = selectors.by_form(records)
    summary.bullets(f"{name}: {n}" for name, n in forms)
    stats = award_priority_statistics(cluster=cluster_year.cluster, year=cluster_year.year)
    share = next((r.share for r in stats if r.cluster_year and r.cluster_year.pk == cluster_year.pk), None)
    if share and share.total:
        summary.paragraph(
            _("Trong %(total)s cá nhân được khen thưởng có %(direct)s người trực tiếp lao động, sản xuất (%(p)s%%).")
            % {"total": share.total, "direct": share.direct, "p": number_format(share.percent, decimal_pos=1)}
        )
    summary.invented |= records.filter(is_invented=True).exists()


def _ranking_and_vote(summary, cluster_year, outcome):
    summary.subheading(_("6. Kết quả chấm điểm, bình xét, suy tôn"))
    details = ranking_details(cluster_year)
    if details:
        state = _("đã công bố") if ranking_is_published(cluster_year) else _("chưa công bố")
        summary.paragraph(_("Kết quả chấm điểm, xếp hạng (%(state)s):") % {"state": state})
        summary.table(
            [_("Hạng"), _("Đơn vị"), _("Tổng điểm")],
            [(d.row.rank, d.row.unit.full_name, number_format(d.row.total, decimal_pos=2)) for d in details],
        )
        summary.invented |= any(d.assessment.is_invented for d in details)
    if outcome is not None:
        summary.paragraph(outcome.text)
        summary.table([_("Nội dung"), _("Đơn vị"), _("Số phiếu"), _("Tỷ lệ")], outcome.rows)
        summary.flags += outcome.flag_units
        summary.invented |= outcome.is_invented
    decided = (
        AwardRecord.objects.filter(
            revoked_on__isnull=True,
            year=cluster_year.year,
            award_form__code__in=conference.FLAG_FORMS,
            unit__memberships__cluster_year=cluster_year,
        )
        .select_related("award_form", "unit")
        .order_by("award_form__sort_order", "unit__folded_name")
    )
    decided = list(decided)
    if decided:
        summary.paragraph(
            _("Đã được khen thưởng theo quyết định: %(list)s.")
            % {"list": "; ".join(f"{r.award_form.name}: {r.unit.full_name} ({r.decision_number})" for r in decided)}
        )
        summary.flags += [r.unit.full_name for r in decided if r.unit.full_name not in summary.flags]
    if not details and outcome is None and not decided:
        summary.paragraph(_("Chưa có kết quả chấm điểm, bình xét trong hệ thống."))


def _next_year(summary, cluster_year, outcome):
    following = (
        ClusterYear.objects.filter(cluster=cluster_year.cluster, year=cluster_year.year + 1)
        .select_related("leader", "deputy")
        .first()
    )
    leader = following.leader if following and following.leader else getattr(outcome, "next_leader", None)
    deputy = following.deputy if following and following.deputy else getattr(outcome, "next_deputy", None)
    summary.next_leader, summary.next_deputy = leader, deputy
    summary.subheading(_("1. Trưởng cụm, Phó Trưởng cụm năm %(y)s") % {"y": cluster_year.year + 1})
    if leader or deputy:
        summary.paragraph(
            _("%(leader)s làm Trưởng cụm, %(deputy)s làm Phó Trưởng cụm năm %(y)s.")
            % {
                "leader": leader.full_name if leader else _("(chưa có)"),
                "deputy": deputy.full_name if deputy else _("(chưa có)"),
                "y": cluster_year.year + 1,
            }
        )
    else:
        summary.paragraph(_("Chưa chọn Trưởng cụm, Phó Trưởng cụm năm sau."))
    summary.subheading(_("2. Giao ước thi đua năm %(y)s") % {"y": cluster_year.year + 1})
    pledge = current_pledge(following) if following else None
    if pledge is None:
        summary.paragraph(_("Chưa có giao ước thi đua năm sau trong hệ thống."))
        return
    summary.paragraph(_("Phương châm: “%(motto)s”. Các đơn vị thống nhất giao ước:") % {"motto": pledge.motto})
    summary.bullets(f"{item.position}. {item.text}" for item in pledge.items.all())
    summary.invented |= pledge.is_invented
