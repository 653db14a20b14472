import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from thidua.accounts.models import User
from thidua.emulation.enums import PhaseKind
from thidua.emulation.models import Phase
from thidua.organizations.demo import SEED_CLUSTER_NAME
from thidua.organizations.models import ClusterYear
from thidua.scoring import demo, selectors
from thidua.scoring.calculation import table_problems
from thidua.scoring.enums import AssessmentState, Category, FinalSource, ReviewState
from thidua.scoring.models import Assessment, FinalScore, ReviewAssignment


@pytest.fixture
def year_2023(db):
    call_command("seed_demo", verbosity=0)
    return ClusterYear.objects.get(cluster__name=SEED_CLUSTER_NAME, year=2023)


def test_demo_ranks_le_thuy_quang_ninh_dong_hoi_first_to_third(year_2023):
    rows = selectors.ranking(year_2023)
    assert [(r.rank, r.unit.code, r.total) for r in rows[:3]] == [
        (1, "qb-lethuy", Decimal("99.00")),
        (2, "qb-quangninh", Decimal("98.30")),
        (3, "qb-donghoi", Decimal("97.70")),
    ]
    assert len(rows) == 8
    assert all(r.is_candidate for r in rows)
    assert selectors.ranking_is_published(year_2023) is True
    assert selectors.units_without_submitted_assessment(year_2023) == []


def test_demo_shows_a_tie_broken_by_group_i(year_2023):
    rows = {r.unit.code: r for r in selectors.ranking(year_2023)}
    assert (rows["qb-badon"].rank, rows["qb-quangtrach"].rank) == (5, 6)
    assert rows["qb-badon"].total == rows["qb-quangtrach"].total == Decimal(95)
    assert "phân định theo: điểm nhóm I cao hơn" in rows["qb-badon"].tie_break_note


def test_demo_table_has_five_groups_bonus_penalty_and_veto(year_2023):
    table = selectors.current_table(year_2023)
    tree = selectors.tree_of(table)
    assert table_problems(table.total_points, tree) == []
    assert [g.code for g in tree.regular_groups()] == ["I", "II", "III", "IV", "V"]
    assert [tree.category(r) for r in tree.roots[5:]] == [Category.BONUS, Category.PENALTY, Category.VETO]
    assert (table.total_points, table.is_invented) == (Decimal(100), True)


def test_demo_phases_and_reviews(year_2023):
    phases = {p.kind: (p.starts_on, p.ends_on) for p in Phase.objects.filter(cluster_year=year_2023)}
    assert phases[PhaseKind.SELF_ASSESSMENT] == (datetime.date(2023, 12, 1), datetime.date(2023, 12, 20))
    assert phases[PhaseKind.REVIEW] == (datetime.date(2023, 12, 21), datetime.date(2024, 1, 10))
    assessments = Assessment.objects.filter(cluster_year=year_2023)
    assert {(a.state, a.is_invented) for a in assessments} == {(AssessmentState.SUBMITTED, True)}
    assignments = ReviewAssignment.objects.filter(cluster_year=year_2023)
    assert all(a.reviewer_id != a.reviewee_id for a in assignments)
    assert {a.state for a in assignments} == {ReviewState.SUBMITTED}
    settled = FinalScore.objects.get(source=FinalSource.SETTLED)
    assert (settled.assessment.unit.code, settled.criterion.code, settled.points) == ("qb-donghoi", "1.5", Decimal(4))
    assert settled.is_flagged is True
    assert list(selectors.flagged_finals(year_2023)) == []


def test_demo_load_is_idempotent(year_2023):
    counts = (Assessment.objects.count(), FinalScore.objects.count(), ReviewAssignment.objects.count())
    assert demo.load() == ""
    assert (Assessment.objects.count(), FinalScore.objects.count(), ReviewAssignment.objects.count()) == counts


def test_demo_ranking_page_is_marked_invented(year_2023, client):
    client.force_login(User.objects.get(username="canbo.lethuy"))
    page = client.get(reverse("scoring:ranking", args=[year_2023.pk])).content.decode()
    assert "số liệu minh họa" in page
    assert "huyện Lệ Thủy" in page
    home = client.get(reverse("core:home")).content.decode()
    assert "Tự chấm điểm năm 2023</a>" in home
    assert '<strong class="status status-done">Đã nộp ngày 15/12/2023</strong>' in home
