"""Builders for scoring tests: a small sound table, phases, and filled-in assessments and reviews."""

import datetime
from decimal import Decimal

from django.utils import timezone

from thidua.emulation.enums import PhaseKind, PhaseOverride
from thidua.emulation.models import Phase
from thidua.scoring.enums import AssessmentState, CriterionKind, FinalScoreRule, ReviewState
from thidua.scoring.models import CriteriaTable, Criterion

K = CriterionKind
# (code, parent, kind, max, target, evidence required): 10 regular points, a bonus cap 2, a penalty cap 3, a veto.
SMALL_TABLE = [
    ("I", "", K.GROUP, 6, None, False),
    ("1.1", "I", K.POINTS, 4, None, True),
    ("1.2", "I", K.YES_NO, 2, None, False),
    ("II", "", K.GROUP, 4, None, False),
    ("2.1", "II", K.PERCENT, 4, 100, False),
    ("III", "", K.GROUP, 2, None, False),
    ("3.1", "III", K.BONUS, 2, None, False),
    ("3.2", "III", K.BONUS, 1, None, False),
    ("IV", "", K.GROUP, 3, None, False),
    ("4.1", "IV", K.PENALTY, 3, None, False),
    ("V", "", K.GROUP, 0, None, False),
    ("5.1", "V", K.VETO, 0, None, False),
]
FULL_MARKS = {"1.1": 4, "1.2": 1, "2.1": 100, "3.1": 0, "3.2": 0, "4.1": 0, "5.1": 0}


def make_table(cluster_year, rows=SMALL_TABLE, *, total=10, rule=FinalScoreRule.MEAN, margin=1, tie_rule="", **extra):
    table = CriteriaTable.objects.create(
        cluster_year=cluster_year,
        name=f"Bảng thử {cluster_year.year}",
        total_points=Decimal(total),
        final_score_rule=rule,
        discrepancy_margin=Decimal(margin),
        tie_break_rule=tie_rule,
        **extra,
    )
    made = {}
    for position, (code, parent, kind, max_points, target, evidence) in enumerate(rows, start=1):
        made[code] = Criterion.objects.create(
            table=table,
            parent=made.get(parent),
            code=code,
            title=f"Tiêu chí {code}",
            kind=kind,
            max_points=Decimal(max_points),
            target=None if target is None else Decimal(target),
            evidence_required=evidence,
            position=position,
        )
    return table


def set_phase(cluster_year, kind, state):
    """state: "open", "closed" or "future". Dates put it there; no hand override."""
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    starts, ends = {
        "open": (today - day, today + 5 * day),
        "closed": (today - 10 * day, today - 2 * day),
        "future": (today + 2 * day, today + 10 * day),
    }[state]
    Phase.objects.update_or_create(
        cluster_year=cluster_year,
        kind=kind,
        defaults={"starts_on": starts, "ends_on": ends, "override": PhaseOverride.BY_DATES},
    )


def open_self_assessment(cluster_year):
    set_phase(cluster_year, PhaseKind.SELF_ASSESSMENT, "open")
    set_phase(cluster_year, PhaseKind.REVIEW, "future")


def open_review(cluster_year):
    set_phase(cluster_year, PhaseKind.SELF_ASSESSMENT, "closed")
    set_phase(cluster_year, PhaseKind.REVIEW, "open")


def close_review(cluster_year):
    set_phase(cluster_year, PhaseKind.SELF_ASSESSMENT, "closed")
    set_phase(cluster_year, PhaseKind.REVIEW, "closed")


def code_map(table):
    return {c.code: c for c in Criterion.objects.filter(table=table)}


def fill_self(assessment, actor, values=None, *, evidence_file=None):
    """Save every leaf through the service (values override full marks) and attach evidence where required."""
    from thidua.scoring.selectors import current_table
    from thidua.scoring.services.assessments import add_evidence, save_self_score

    criteria = code_map(current_table(assessment.cluster_year))
    for code, value in {**FULL_MARKS, **(values or {})}.items():
        save_self_score(assessment, criteria[code], actor=actor, value=Decimal(str(value)), seen_version=0)
        if criteria[code].evidence_required and evidence_file is not None and Decimal(str(value)) > 0:
            add_evidence(assessment, criteria[code], evidence_file(), actor=actor)


def submitted(assessment):
    assessment.refresh_from_db()
    return assessment.state == AssessmentState.SUBMITTED


def fill_review(assignment, actor, values=None):
    from thidua.scoring.selectors import current_table
    from thidua.scoring.services.reviews import save_review_score

    criteria = code_map(current_table(assignment.cluster_year))
    for code, value in {**FULL_MARKS, **(values or {})}.items():
        save_review_score(assignment, criteria[code], actor=actor, value=Decimal(str(value)), seen_version=0)


def review_submitted(assignment):
    assignment.refresh_from_db()
    return assignment.state == ReviewState.SUBMITTED
