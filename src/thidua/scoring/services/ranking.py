"""Writes about the ranking: the secretariat's tie decisions and publication to the members."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import kernel
from thidua.core.services import notify
from thidua.scoring import selectors
from thidua.scoring.enums import AssessmentState, ReviewState, TieBreakStep
from thidua.scoring.models import RankingPublication, TieDecision
from thidua.scoring.services.common import refuse_if_published, require_reason


@transaction.atomic
def record_tie_decision(cluster_year, *, actor, unit_order, reason):
    """Record the order the secretariat decided for units still tied (used by the "decision" tie-break step)."""
    kernel.require(actor, "scoring.publish_ranking", cluster_year)
    refuse_if_published(cluster_year)
    reason = require_reason(reason, _("quyết định thứ tự"))
    unit_order = [int(pk) for pk in unit_order]
    if len(unit_order) < 2 or len(set(unit_order)) != len(unit_order):  # noqa: PLR2004 - a tie needs two
        raise kernel.Refusal(_("Hãy xếp thứ tự ít nhất hai đơn vị khác nhau."))
    table = selectors.current_table(cluster_year)
    if table is None or TieBreakStep.DECISION not in table.tie_break_steps:
        raise kernel.Refusal(_("Cách phân định của năm này không có bước theo quyết định của Thư ký cụm."))
    assessed = set(
        cluster_year.assessments.filter(state=AssessmentState.SUBMITTED, unit_id__in=unit_order).values_list(
            "unit_id", flat=True
        )
    )
    if assessed != set(unit_order):
        raise kernel.Refusal(_("Chỉ xếp thứ tự các đơn vị đã nộp bản tự chấm."))
    decision = TieDecision.objects.create(
        cluster_year=cluster_year, unit_order=unit_order, reason=reason, decided_by=actor
    )
    kernel.log(actor, "scoring.tie.decided", decision, new={"unit_order": unit_order}, note=reason)
    return decision


def publication_problems(cluster_year):
    """Why the ranking cannot be published yet (Vietnamese sentences)."""
    problems = []
    if not selectors.review_has_closed(cluster_year):
        problems.append(_("Giai đoạn thẩm định, chấm chéo chưa kết thúc."))
    if not cluster_year.assessments.filter(state=AssessmentState.SUBMITTED).exists():
        problems.append(_("Chưa có bản tự chấm nào được nộp."))
    open_reviews = cluster_year.review_assignments.exclude(state=ReviewState.SUBMITTED).count()
    if open_reviews:
        problems.append(_("Còn %(n)s phân công thẩm định chưa nộp kết quả.") % {"n": open_reviews})
    flags = selectors.flagged_finals(cluster_year).count()
    if flags:
        problems.append(_("Còn %(n)s tiêu chí chênh lệch vượt ngưỡng chưa được Thư ký cụm quyết định.") % {"n": flags})
    return problems


@transaction.atomic
def publish_ranking(cluster_year, *, actor, note=""):
    """Publish the ranking to the members once the review phase has closed and every difference is settled."""
    kernel.require(actor, "scoring.publish_ranking", cluster_year)
    refuse_if_published(cluster_year)
    problems = publication_problems(cluster_year)
    if problems:
        raise kernel.Refusal([_("Chưa thể công bố kết quả xếp hạng:"), *problems])
    publication = RankingPublication.objects.create(
        cluster_year=cluster_year, published_at=timezone.now(), published_by=actor, note=note.strip()
    )
    kernel.log(actor, "scoring.ranking.published", publication, new={"published": True}, note=note)
    notify(
        selectors.users_of_units(cluster_year.members.values("pk")),
        _("Kết quả xếp hạng thi đua năm %(year)s đã được công bố") % {"year": cluster_year.year},
        url=reverse("scoring:ranking", args=[cluster_year.pk]),
    )
    return publication
