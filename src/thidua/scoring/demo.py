"""Demo data: the seed cluster's 2023 criteria table, eight submitted self-assessments, reviews, final scores and
the published ranking. The seed article gives only the outcome (Lệ Thủy, Quảng Ninh and Đồng Hới acclaimed for
the flag); every score here is invented and marked so (is_invented, shown as "minh họa").

The 2023 phases are long closed, so this writes rows directly instead of going through the phase-guarded
services; final scores still come from the same recompute_finals() the services use."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thidua.accounts.models import User
from thidua.core.files import store_upload
from thidua.emulation.enums import PhaseKind
from thidua.emulation.models import Phase
from thidua.organizations.demo import SEED_CLUSTER_NAME
from thidua.organizations.models import Cluster, Unit
from thidua.scoring import selectors
from thidua.scoring.calculation import points_for
from thidua.scoring.enums import (
    AssessmentState,
    CriterionKind,
    FinalScoreRule,
    FinalSource,
    ReviewState,
)
from thidua.scoring.models import (
    Assessment,
    CriteriaTable,
    Criterion,
    Evidence,
    FinalScore,
    RankingPublication,
    ReviewAssignment,
    ReviewScore,
    SelfScore,
)
from thidua.scoring.services.reviews import recompute_finals, rotation_plan

G, P, Y, R, B, T, V = (
    CriterionKind.GROUP,
    CriterionKind.POINTS,
    CriterionKind.YES_NO,
    CriterionKind.PERCENT,
    CriterionKind.BONUS,
    CriterionKind.PENALTY,
    CriterionKind.VETO,
)
# (code, parent code, title, kind, max points, evidence required): the five groups of law-notes §4, 100 points,
# then bonus, penalty and veto items. Invented for the demo, in the shape such tables usually take.
TABLE = [
    ("I", "", "Thực hiện nhiệm vụ phát triển kinh tế - xã hội", G, 40, False),
    ("1.1", "I", "Tốc độ tăng giá trị sản xuất so với kế hoạch năm (% kế hoạch)", R, 10, True),
    ("1.2", "I", "Thu ngân sách trên địa bàn so với dự toán tỉnh giao (% dự toán)", R, 10, True),
    ("1.3", "I", "Xây dựng nông thôn mới, đô thị văn minh", P, 10, False),
    ("1.4", "I", "Giảm tỷ lệ hộ nghèo đạt chỉ tiêu kế hoạch", Y, 5, False),
    ("1.5", "I", "Chuyển dịch cơ cấu kinh tế nông nghiệp; sản phẩm OCOP", P, 5, False),
    ("II", "", "Tổ chức phong trào thi đua và công tác khen thưởng", G, 20, False),
    ("2.1", "II", "Ban hành kế hoạch, phát động phong trào thi đua kịp thời", Y, 4, False),
    ("2.2", "II", "Đăng ký, ký kết giao ước thi đua đầy đủ, đúng hạn", Y, 3, False),
    ("2.3", "II", "Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến", P, 7, False),
    ("2.4", "II", "Khen thưởng kịp thời, ưu tiên người trực tiếp lao động, sản xuất", P, 6, False),
    ("III", "", "Xây dựng Đảng, chính quyền, đoàn thể; cải cách hành chính", G, 20, False),
    ("3.1", "III", "Công tác xây dựng Đảng và hệ thống chính trị", P, 8, False),
    ("3.2", "III", "Cải cách hành chính", P, 7, False),
    ("3.3", "III", "Hoạt động của Mặt trận Tổ quốc và các đoàn thể", P, 5, False),
    ("IV", "", "Quốc phòng, an ninh", G, 10, False),
    ("4.1", "IV", "Hoàn thành chỉ tiêu tuyển quân", Y, 5, False),
    ("4.2", "IV", "Giữ vững an ninh chính trị, trật tự an toàn xã hội", P, 5, False),
    ("V", "", "Tham gia hoạt động của Cụm thi đua", G, 10, False),
    ("5.1", "V", "Tham dự đầy đủ hội nghị, hoạt động của Cụm", P, 5, False),
    ("5.2", "V", "Gửi báo cáo đúng thời hạn, đúng chất lượng", P, 5, False),
    ("VI", "", "Điểm thưởng (tối đa 5 điểm)", G, 5, False),
    ("6.1", "VI", "Tập thể được Chủ tịch nước, Thủ tướng Chính phủ khen thưởng trong năm", B, 3, True),
    ("6.2", "VI", "Có mô hình mới, cách làm hay được tỉnh biểu dương", B, 2, True),
    ("6.3", "VI", "Hoàn thành vượt mức các chỉ tiêu chủ yếu", B, 2, True),
    ("VII", "", "Điểm trừ (tối đa 10 điểm)", G, 10, False),
    ("7.1", "VII", "Chậm gửi báo cáo theo yêu cầu của Cụm (0,5 điểm mỗi lần)", T, 3, False),
    ("7.2", "VII", "Để xảy ra vụ việc phức tạp về an ninh trật tự, khiếu kiện đông người", T, 5, False),
    ("VIII", "", "Điểm liệt", G, 0, False),
    ("8.1", "VIII", "Tập thể lãnh đạo bị kỷ luật hoặc để xảy ra sai phạm nghiêm trọng", V, 0, False),
]
EVIDENCE_TEXT = {"1.1": "Báo cáo kinh tế - xã hội năm 2023", "1.2": "Báo cáo thu ngân sách năm 2023"}
# Final (reviewed) values that differ from the maximum, per unit: points for point items, the achieved % for
# percentage items, bonus and penalty points. Everything not listed gets the maximum (and 0 for bonus, penalty, veto).
FINAL = {
    "lethuy": {"1.3": 9.5, "1.5": 4.5, "2.3": 6.5, "3.2": 6.5, "6.2": 1},
    "quangninh": {"1.1": 98, "1.3": 9, "2.3": 6.5, "3.1": 7.5, "5.2": 4.5, "6.3": 1},
    "donghoi": {"1.2": 97, "1.3": 9, "1.5": 4, "2.4": 5.5, "3.3": 4.5, "6.2": 1},
    "botrach": {"1.1": 95, "1.2": 96, "1.3": 8.5, "2.3": 6, "3.2": 6},
    "badon": {"1.1": 95, "1.2": 90, "1.3": 9, "2.3": 6, "3.2": 6.5, "4.2": 4.5, "5.1": 4.5},
    "quangtrach": {"1.1": 97, "1.2": 92, "1.3": 8.5, "2.3": 5.5, "3.1": 7.5, "3.3": 4.6},
    "tuyenhoa": {"1.1": 90, "1.2": 88, "1.3": 8, "2.3": 6, "3.2": 6, "5.2": 4.5, "7.1": 0.5},
    "minhhoa": {"1.1": 88, "1.2": 85, "1.3": 8, "1.5": 4, "2.3": 6, "3.2": 6, "7.1": 1},
}
# Where the unit scored itself higher than the reviewers (within the margin, so nothing is flagged).
SELF_EXTRA = {
    "quangninh": {"1.3": 1},
    "donghoi": {"1.3": 1},
    "badon": {"1.3": 1, "2.3": 1},
    "quangtrach": {"1.3": 1.5},
    "tuyenhoa": {"1.3": 2},
    "minhhoa": {"1.3": 1.5, "2.3": 1},
}
# One criterion on which the two reviewers of Đồng Hới differed beyond the margin; the secretariat settled it.
SPLIT = ("donghoi", "1.5", {"leader": Decimal("2.5"), "peer": Decimal(5)})
SETTLED_REASON = "Đối chiếu báo cáo sản phẩm OCOP của thành phố: đạt 4/5 điểm (minh họa)."
SUBMITTED_ON = datetime.date(2023, 12, 15)
PUBLISHED_ON = datetime.date(2024, 1, 12)
PDF = b"%PDF-1.4\n% Tai lieu minh hoa cho ban demo Thidua\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _aware(day, hour=9):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def _phases(cluster_year):
    dates = {
        PhaseKind.SELF_ASSESSMENT: (datetime.date(2023, 12, 1), datetime.date(2023, 12, 20)),
        PhaseKind.REVIEW: (datetime.date(2023, 12, 21), datetime.date(2024, 1, 10)),
    }
    for kind, (starts, ends) in dates.items():
        Phase.objects.get_or_create(
            cluster_year=cluster_year, kind=kind, defaults={"starts_on": starts, "ends_on": ends}
        )


def _table(cluster_year, secretary):
    table = CriteriaTable.objects.create(
        cluster_year=cluster_year,
        name="Bảng tiêu chí, thang điểm thi đua năm 2023 (minh họa)",
        total_points=Decimal(100),
        final_score_rule=FinalScoreRule.MEAN,
        discrepancy_margin=Decimal(2),
        tie_break_rule="group:I,penalty,decision",
        frozen_at=_aware(datetime.date(2023, 12, 1)),
        is_invented=True,
        created_by=secretary,
    )
    created = {}
    for position, (code, parent, title, kind, max_points, evidence) in enumerate(TABLE, start=1):
        created[code] = Criterion.objects.create(
            table=table,
            parent=created.get(parent),
            code=code,
            title=title,
            kind=kind,
            max_points=Decimal(max_points),
            target=Decimal(100) if kind == R else None,
            evidence_required=evidence,
            evidence_description=EVIDENCE_TEXT.get(
                code, "Quyết định khen thưởng, văn bản biểu dương" if evidence else ""
            ),
            position=position,
        )
    return table


def _value(leaf, figure):
    """The entered value meaning `figure` for a leaf (defaults: maximum, 100 %, yes; nothing for the others)."""
    if figure is not None:
        return Decimal(str(figure))
    if leaf.kind in (P, Y):
        return leaf.max_points if leaf.kind == P else Decimal(1)
    return Decimal(100) if leaf.kind == R else Decimal(0)


def _assessment(cluster_year, unit, key, leaves, head):
    assessment = Assessment.objects.create(
        cluster_year=cluster_year,
        unit=unit,
        state=AssessmentState.SUBMITTED,
        submitted_at=_aware(SUBMITTED_ON),
        submitted_by=head,
        is_invented=True,
    )
    final, extra = FINAL[key], SELF_EXTRA.get(key, {})
    rows = []
    for leaf in leaves:
        value = _value(leaf, final.get(leaf.code))
        if leaf.code in extra:
            value += Decimal(str(extra[leaf.code]))
        rows.append(
            SelfScore(
                assessment=assessment,
                criterion=leaf,
                value=value,
                points=points_for(leaf, value),
                explanation="Số liệu minh họa.",
                version=1,
                updated_by=head,
            )
        )
    SelfScore.objects.bulk_create(rows)
    proof = None
    for row in rows:
        if row.criterion.evidence_required and row.points:
            if proof is None:
                upload = SimpleUploadedFile(f"minh-chung-{key}-2023.pdf", PDF, content_type="application/pdf")
                proof = store_upload(upload, actor=head, owner_unit=unit)
            Evidence.objects.create(
                assessment=assessment, criterion_code=row.criterion.code, file=proof, note="Minh họa", added_by=head
            )
    return assessment


def _reviews(cluster_year, units, leaves, keys):
    by_unit = {unit.pk: key for key, unit in units.items()}
    for reviewer, reviewee, role in rotation_plan(cluster_year):
        assignment = ReviewAssignment.objects.create(
            cluster_year=cluster_year,
            reviewee=reviewee,
            reviewer=reviewer,
            role=role,
            state=ReviewState.SUBMITTED,
            submitted_at=_aware(datetime.date(2024, 1, 5)),
            submitted_by=keys.get(reviewer.pk),
            is_invented=True,
        )
        key = by_unit[reviewee.pk]
        rows = []
        for leaf in leaves:
            value = _value(leaf, FINAL[key].get(leaf.code))
            if (key, leaf.code) == SPLIT[:2]:
                value = SPLIT[2]["leader" if reviewer.pk == cluster_year.leader_id else "peer"]
            rows.append(
                ReviewScore(
                    assignment=assignment,
                    criterion=leaf,
                    value=value,
                    points=points_for(leaf, value),
                    comment="Minh họa." if (key, leaf.code) == SPLIT[:2] else "",
                    version=1,
                    updated_by=keys.get(reviewer.pk),
                )
            )
        ReviewScore.objects.bulk_create(rows)


def load():
    cluster = Cluster.objects.filter(name=SEED_CLUSTER_NAME).first()
    cluster_year = cluster.years.filter(year=2023).first() if cluster else None
    if cluster_year is None or CriteriaTable.objects.filter(cluster_year=cluster_year).exists():
        return ""
    _phases(cluster_year)
    secretary = User.objects.filter(username="thuky.cum").first()
    table = _table(cluster_year, secretary)
    leaves = selectors.tree_of(table).leaves()
    units = {key: Unit.objects.get(code=f"qb-{key}") for key in FINAL}
    heads = {unit.pk: User.objects.filter(username=f"truong.{key}").first() for key, unit in units.items()}
    assessments = [_assessment(cluster_year, unit, key, leaves, heads[unit.pk]) for key, unit in units.items()]
    _reviews(cluster_year, units, leaves, heads)
    for assessment in assessments:
        recompute_finals(assessment, table=table)
    split = FinalScore.objects.get(assessment__unit=units[SPLIT[0]], criterion__table=table, criterion__code=SPLIT[1])
    split.value = split.points = Decimal(4)
    split.source, split.settled_reason = FinalSource.SETTLED, SETTLED_REASON
    split.settled_at, split.updated_by = _aware(datetime.date(2024, 1, 11)), secretary
    split.version += 1
    split.save()
    RankingPublication.objects.create(
        cluster_year=cluster_year,
        published_at=_aware(PUBLISHED_ON),
        published_by=secretary,
        note="Kết quả minh họa: điểm số do bản demo tự đặt, chỉ thứ tự ba đơn vị dẫn đầu theo bài báo.",
    )
    top = ", ".join(row.unit.name for row in selectors.ranking(cluster_year)[:3])
    return f"bảng tiêu chí 2023 ({len(leaves)} tiêu chí), 8 bản tự chấm, xếp hạng đã công bố: {top} (minh họa)"
