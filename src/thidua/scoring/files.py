"""Who may open an evidence file: whoever may see the self-assessment it is attached to (the unit, its
reviewers once submitted, the secretariat, the board). core's own rules already cover uploader and unit."""

from thidua.core.files import register_file_access
from thidua.scoring.models import Evidence


@register_file_access
def evidence_access(user, stored_file):
    evidence = Evidence.objects.filter(file=stored_file).select_related("assessment__unit", "assessment__cluster_year")
    return any(user.has_perm("scoring.view_assessment", e.assessment) for e in evidence)
