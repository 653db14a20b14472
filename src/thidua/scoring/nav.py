from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.home import TASKS, HomePanel, register_home_panel
from thidua.core.navigation import YEAR, NavItem, register_nav
from thidua.emulation.enums import PhaseKind
from thidua.emulation.models import Phase
from thidua.organizations.models import ClusterYear
from thidua.organizations.scopes import scope_of
from thidua.scoring import selectors
from thidua.scoring.enums import AssessmentState, ReviewState, TableStatus
from thidua.scoring.models import Assessment, ReviewAssignment, SelfScore

PANEL_YEARS = 2


@register_nav
def scoring_nav(user):
    scope = scope_of(user)
    if not (scope.is_admin or scope.unit_ids or scope.secretariat_cluster_year_ids or scope.province_ids):
        return []
    items = [NavItem(_("Chấm điểm"), reverse("scoring:index"), order=30, section=YEAR)]
    if scope.unit_ids and ReviewAssignment.objects.filter(reviewer_id__in=scope.unit_ids).exists():
        items.append(NavItem(_("Thẩm định"), reverse("scoring:my_reviews"), order=31, section=YEAR))
    return items


def _self_assessment_due(cluster_years):
    """The last day of each year's self-assessment phase, the deadline the officer's to-do row shows."""
    phases = Phase.objects.filter(cluster_year__in=cluster_years, kind=PhaseKind.SELF_ASSESSMENT)
    return {phase.cluster_year_id: phase.ends_on for phase in phases}


def _unit_lines(user, scope):
    years = list(
        ClusterYear.objects.filter(
            memberships__unit_id__in=scope.unit_ids,
            criteria_tables__status=TableStatus.IN_FORCE,
        )
        .select_related("cluster")
        .distinct()
        .order_by("-year")[:PANEL_YEARS]
    )
    due_on = _self_assessment_due(years)
    lines = []
    for cluster_year in years:
        leaf_ids = [leaf.pk for leaf in selectors.tree_of(selectors.current_table(cluster_year)).leaves()]
        for membership in cluster_year.memberships.filter(unit_id__in=scope.unit_ids).select_related("unit"):
            unit = membership.unit
            assessment = Assessment.objects.filter(cluster_year=cluster_year, unit=unit).first()
            submitted = assessment is not None and assessment.state == AssessmentState.SUBMITTED
            if unit.valid_to is not None and unit.valid_to < timezone.localdate() and not submitted:
                continue  # an ended unit is asked for nothing; what it submitted stays as a record
            line = {
                "name": _("Tự chấm điểm năm %(year)s") % {"year": cluster_year.year},
                "url": reverse("scoring:unit_assessment", args=[cluster_year.pk, unit.pk]),
                "unit": unit.full_name,
                "total": len(leaf_ids),
                "count": 0,
                "due_on": due_on.get(cluster_year.pk),
                "done": False,
            }
            if assessment is None:
                line.update(status=_("Chưa bắt đầu"), tone="waiting")
            elif submitted:
                day = timezone.localtime(assessment.submitted_at).strftime("%d/%m/%Y")
                line.update(status=_("Đã nộp ngày %(day)s") % {"day": day}, tone="done", done=True, total=0)
            else:
                line["count"] = SelfScore.objects.filter(
                    assessment=assessment, value__isnull=False, criterion_id__in=leaf_ids
                ).count()
                line.update(status=assessment.get_state_display(), tone="waiting")
            lines.append(line)
    return lines


def _progress_lines(user, scope):
    years = [
        cy
        for cy in selectors.scoring_years_for(user).filter(criteria_tables__status=TableStatus.IN_FORCE)[:5]
        if user.has_perm("scoring.view_progress", cy)
    ]
    lines = []
    for cluster_year in years:
        progress = selectors.year_progress(cluster_year)
        lines.append(
            {
                "cluster_year": cluster_year,
                "progress": progress,
                "url": reverse("scoring:year", args=[cluster_year.pk]),
            }
        )
    return lines


@register_home_panel
def scoring_panels(user):
    scope = scope_of(user)
    panels = []
    if scope.unit_ids:
        lines = _unit_lines(user, scope)
        if lines:
            waiting = sum(1 for line in lines if line["tone"] == "waiting")
            context = {"lines": lines}
            panels.append(HomePanel(_("Tự chấm điểm"), "scoring/_panel_self.html", context, 30, TASKS, waiting))
        reviews = list(
            selectors.assignments_for_user(user).order_by("state", "-cluster_year__year", "reviewee__folded_name")[:8]
        )
        if reviews:
            pending = sum(1 for a in reviews if a.state == ReviewState.ASSIGNED)
            panels.append(
                HomePanel(
                    _("Thẩm định được phân công"),
                    "scoring/_panel_reviews.html",
                    {"assignments": reviews, "pending": pending},
                    order=31,
                    kind=TASKS,
                    waiting=pending,
                )
            )
    if scope.is_admin or scope.secretariat_cluster_year_ids or scope.board_province_ids:
        lines = _progress_lines(user, scope)
        if lines:
            # Differences past the threshold wait for the secretariat; the rest is the units' and reviewers' work.
            waiting = sum(1 for line in lines if line["progress"]["flags"])
            context = {"lines": lines}
            panels.append(
                HomePanel(_("Tiến độ chấm điểm thi đua"), "scoring/_panel_progress.html", context, 32, TASKS, waiting)
            )
    return panels
