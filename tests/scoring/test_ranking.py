import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tests.scoring.factories import close_review, open_review
from thidua.scoring import selectors
from thidua.scoring.documents import bar_chart_svg, ranking_docx, ranking_sheet, ranking_xlsx
from thidua.scoring.enums import ReviewerRole
from thidua.scoring.models import CriteriaTable, RankingPublication, ReviewAssignment
from thidua.scoring.selectors import RankingRow
from thidua.scoring.services import ranking as services
from thidua.scoring.services.reviews import assign_reviewer, save_review_score


@pytest.fixture
def ranked_world(world, submit):
    """A 10 (full), B 9 (loses 1.1), C 9 (loses 2.1: more in group I than B), D 12 with a bonus but vetoed."""
    CriteriaTable.objects.filter(pk=world.table.pk).update(tie_break_rule="group:I,penalty,decision")
    submit(world, 0)
    submit(world, 1, {"1.1": 3})
    submit(world, 2, {"2.1": 75})
    submit(world, 3, {"3.1": 2, "5.1": 1})
    close_review(world.cy)
    return world


def test_ranking_contract_rows(ranked_world):
    a, b, c, d = ranked_world.units
    rows = selectors.ranking(ranked_world.cy)
    assert [type(r) for r in rows] == [RankingRow] * 4
    assert [(r.unit, r.total, r.rank, r.is_vetoed, r.is_candidate) for r in rows] == [
        (a, Decimal(10), 1, False, True),
        (c, Decimal(9), 2, False, True),
        (b, Decimal(9), 3, False, True),
        (d, Decimal(12), 4, True, False),
    ]
    assert rows[1].tie_break_note == (
        f"Bằng 9 điểm với {b.full_name}; phân định theo: điểm nhóm I cao hơn ({c.full_name} 6; {b.full_name} 5)."
    )
    assert rows[3].tie_break_note == "Vi phạm điểm liệt (tiêu chí 5.1): không là ứng viên suy tôn."
    assert rows[0].tie_break_note == ""


def test_units_without_a_submitted_assessment_are_not_ranked(world, submit):
    submit(world, 0)
    assert [r.unit for r in selectors.ranking(world.cy)] == [world.units[0]]


def test_year_without_a_table_has_an_empty_ranking(world):
    CriteriaTable.objects.filter(pk=world.table.pk).update(status="superseded")
    assert selectors.ranking(world.cy) == []


def test_remaining_tie_is_settled_by_the_recorded_decision(world, submit):
    CriteriaTable.objects.filter(pk=world.table.pk).update(tie_break_rule="penalty,decision")
    submit(world, 0, {"1.1": 3})
    submit(world, 1, {"1.1": 3})
    close_review(world.cy)
    a, b = world.units[:2]
    assert [(r.unit, r.rank) for r in selectors.ranking(world.cy)] == [(a, 1), (b, 1)]
    with pytest.raises(PermissionDenied):
        services.record_tie_decision(world.cy, actor=world.heads[0], unit_order=[a.pk, b.pk], reason="x")
    with pytest.raises(ValidationError) as no_reason:
        services.record_tie_decision(world.cy, actor=world.secretary, unit_order=[b.pk, a.pk], reason=" ")
    assert no_reason.value.messages == ["Hãy ghi lý do quyết định thứ tự."]
    services.record_tie_decision(world.cy, actor=world.secretary, unit_order=[b.pk, a.pk], reason="Biên bản số 3")
    rows = selectors.ranking(world.cy)
    assert [(r.unit, r.rank) for r in rows] == [(b, 1), (a, 2)]
    assert rows[0].tie_break_note.endswith(
        "phân định theo: theo quyết định đã ghi nhận của Thư ký cụm (Biên bản số 3)."
    )


def test_decision_is_refused_when_the_rule_has_no_decision_step(ranked_world):
    CriteriaTable.objects.filter(pk=ranked_world.table.pk).update(tie_break_rule="penalty")
    a, b = ranked_world.units[:2]
    with pytest.raises(ValidationError) as refusal:
        services.record_tie_decision(ranked_world.cy, actor=ranked_world.secretary, unit_order=[a.pk, b.pk], reason="x")
    assert refusal.value.messages == ["Cách phân định của năm này không có bước theo quyết định của Thư ký cụm."]


def test_publication_waits_for_the_review_phase_to_close(world, submit):
    submit(world, 0)
    open_review(world.cy)
    assign_reviewer(
        world.cy, actor=world.secretary, reviewee=world.units[0], reviewer=world.units[1], role=ReviewerRole.DEPUTY
    )
    with pytest.raises(ValidationError) as refusal:
        services.publish_ranking(world.cy, actor=world.secretary)
    assert refusal.value.messages == [
        "Chưa thể công bố kết quả xếp hạng:",
        "Giai đoạn thẩm định, chấm chéo chưa kết thúc.",
        "Còn 1 phân công thẩm định chưa nộp kết quả.",
    ]
    assert selectors.ranking_is_published(world.cy) is False


def test_secretariat_publishes_and_members_can_then_see_it(ranked_world):
    officer = ranked_world.officers[1]
    assert officer.has_perm("scoring.view_ranking", ranked_world.cy) is False
    assert ranked_world.board.has_perm("scoring.view_ranking", ranked_world.cy) is True
    with pytest.raises(PermissionDenied):
        services.publish_ranking(ranked_world.cy, actor=ranked_world.heads[0])
    services.publish_ranking(ranked_world.cy, actor=ranked_world.secretary, note="Hội nghị tổng kết")
    assert selectors.ranking_is_published(ranked_world.cy) is True
    assert officer.has_perm("scoring.view_ranking", ranked_world.cy) is True
    assert ranked_world.outsider.has_perm("scoring.view_ranking", ranked_world.cy) is False
    with pytest.raises(ValidationError) as again:
        services.publish_ranking(ranked_world.cy, actor=ranked_world.secretary)
    assert again.value.messages == ["Kết quả xếp hạng năm 2024 đã công bố; không thể thay đổi."]
    assert RankingPublication.objects.count() == 1


def _page_rows(html):
    body = html.split('<table class="ranking stack">', 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr[^>]*data-unit[^>]*>(.*?)</tr>", body, re.DOTALL)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL) for row in rows]
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in row] for row in cells]


def test_page_chart_excel_and_docx_agree(ranked_world, login):
    sheet = ranking_sheet(ranked_world.cy)
    expected = [(line[0], line[1], line[-3]) for line in sheet.lines()]
    assert expected == [
        ("1", ranked_world.units[0].full_name, "10"),
        ("2", ranked_world.units[2].full_name, "9"),
        ("3", ranked_world.units[1].full_name, "9"),
        ("4", ranked_world.units[3].full_name, "12"),
    ]
    html = login(ranked_world.secretary).get(reverse("scoring:ranking", args=[ranked_world.cy.pk])).content.decode()
    assert [(r[0], r[1], r[-3]) for r in _page_rows(html)] == expected
    # On a phone each row is a card led by the unit's name, its rank and total the key figures under it.
    assert f'<td class=" card-title">{ranked_world.units[0].full_name}</td>' in html
    assert '<td class="num key rank">1</td>' in html
    assert '<td class="num key">10</td>' in html
    assert sheet.rule_text in html

    workbook = load_workbook(io.BytesIO(ranking_xlsx(sheet)))
    xlsx_rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert xlsx_rows[0] == tuple(sheet.headers())
    # Excel keeps rank and scores as numbers, so the office can sum and sort them.
    assert [(r[0], r[1], r[-3]) for r in xlsx_rows[1:]] == [(int(a), b, int(c)) for a, b, c in expected]
    assert {type(r[-3]) for r in xlsx_rows[1:]} == {int}

    document = Document(io.BytesIO(ranking_docx(sheet)))
    table = document.tables[1]
    assert [c.text for c in table.rows[0].cells] == sheet.headers()
    assert [(r.cells[0].text, r.cells[1].text, r.cells[-3].text) for r in table.rows[1:]] == expected
    assert any(sheet.rule_text in p.text for p in document.paragraphs)

    svg = str(bar_chart_svg(sheet))
    labels = re.findall(r'<text class="label"[^>]*>([^<]+)</text>', svg)
    values = re.findall(r'<text class="value"[^>]*>([^<]+)</text>', svg)
    assert [
        (label.split(". ", 1)[0], label.split(". ", 1)[1], value) for label, value in zip(labels, values, strict=True)
    ] == expected
    assert svg.count('class="bar vetoed"') == 1


def test_docx_follows_nd30_header_and_names_the_vetoed_unit(ranked_world):
    document = Document(io.BytesIO(ranking_docx(ranking_sheet(ranked_world.cy))))
    header = document.tables[0].rows[0].cells
    assert ranked_world.cy.cluster.name.upper() in header[0].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1].text
    texts = [p.text for p in document.paragraphs]
    assert "BẢNG TỔNG HỢP" in texts
    assert "Kết quả chấm điểm thi đua năm 2024" in texts
    assert f"Đơn vị vi phạm điểm liệt, không là ứng viên suy tôn: {ranked_world.units[3].full_name}." in texts
    assert round(document.sections[0].page_width.mm) == 297


def test_nothing_changes_the_scores_after_publication(ranked_world, make_user):
    from tests.scoring.factories import set_phase
    from thidua.emulation.enums import PhaseKind, PhaseOverride
    from thidua.emulation.models import Phase
    from thidua.scoring.enums import AssessmentState
    from thidua.scoring.models import Assessment
    from thidua.scoring.services.assessments import set_assessment_state

    services.publish_ranking(ranked_world.cy, actor=ranked_world.secretary)
    set_phase(ranked_world.cy, PhaseKind.SELF_ASSESSMENT, "open")
    Phase.objects.filter(cluster_year=ranked_world.cy, kind=PhaseKind.REVIEW).update(override=PhaseOverride.OPENED)
    late = Assessment.objects.get(unit=ranked_world.units[3])
    Assessment.objects.filter(pk=late.pk).update(state=AssessmentState.DRAFT)
    with pytest.raises(ValidationError) as refusal:
        set_assessment_state(late, AssessmentState.SUBMITTED, actor=ranked_world.heads[3])
    assert refusal.value.messages == ["Kết quả xếp hạng năm 2024 đã công bố; không thể thay đổi."]
    Assessment.objects.filter(pk=late.pk).update(state=AssessmentState.SUBMITTED)  # undo the set-up above
    with pytest.raises(ValidationError):
        assign_reviewer(
            ranked_world.cy,
            actor=ranked_world.secretary,
            reviewee=ranked_world.units[0],
            reviewer=ranked_world.units[1],
            role="deputy",
        )
    assignment = ReviewAssignment.objects.create(
        cluster_year=ranked_world.cy, reviewee=ranked_world.units[0], reviewer=ranked_world.units[1], role="deputy"
    )
    with pytest.raises(ValidationError) as review_refusal:
        save_review_score(assignment, ranked_world.criteria["1.1"], actor=ranked_world.officers[1], value=Decimal(1))
    assert review_refusal.value.messages == ["Kết quả xếp hạng năm 2024 đã công bố; không thể thay đổi."]
    assert [r.total for r in selectors.ranking(ranked_world.cy)] == [Decimal(10), Decimal(9), Decimal(9), Decimal(12)]
