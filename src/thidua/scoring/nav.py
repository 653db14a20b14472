from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.home import HomePanel, register_home_panel
from thidua.core.navigation import YEAR, NavItem, register_nav
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


def _unit_lines(user, scope):
    years = (
        ClusterYear.objects.filter(
            memberships__unit_id__in=scope.unit_ids,
            criteria_tables__status=TableStatus.IN_FORCE,
        )
        .select_related("cluster")
        .distinct()
        .order_by("-year")[:PANEL_YEARS]
    )
    lines = []
    for cluster_year in years:
        leaf_ids = [leaf.pk for leaf in selectors.tree_of(selectors.current_table(cluster_year)).leaves()]
        for membership in cluster_year.memberships.filter(unit_id__in=scope.unit_ids).select_related("unit"):
            unit = membership.unit
            assessment = Assessment.objects.filter(cluster_year=cluster_year, unit=unit).first()
            if assessment is None:
                status = _("chưa bắt đầu")
            elif assessment.state == AssessmentState.SUBMITTED:
                day = timezone.localtime(assessment.submitted_at).strftime("%d/%m/%Y")
                status = _("đã nộp ngày %(day)s") % {"day": day}
            else:
                done = SelfScore.objects.filter(
                    assessment=assessment, value__isnull=False, criterion_id__in=leaf_ids
                ).count()
                status = _("%(state)s, đã chấm %(done)s/%(total)s tiêu chí") % {
                    "state": assessment.get_state_display().lower(),
                    "done": done,
                    "total": len(leaf_ids),
                }
            url = reverse("scoring:unit_assessment", args=[cluster_year.pk, unit.pk])
            label = _("Tự chấm điểm năm %(year)s: %(status)s") % {"year": cluster_year.year, "status": status}
            lines.append({"label": label, "url": url, "unit": unit.full_name})
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
            panels.append(HomePanel(_("Tự chấm điểm"), "scoring/_panel_self.html", {"lines": lines}, order=30))
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
                )
            )
    if scope.is_admin or scope.secretariat_cluster_year_ids or scope.board_province_ids:
        lines = _progress_lines(user, scope)
        if lines:
            panels.append(
                HomePanel(_("Tiến độ chấm điểm thi đua"), "scoring/_panel_progress.html", {"lines": lines}, order=32)
            )
    return panels
