"""What the scoring pages share beyond the kernel's page adapter (core/web.py): the year a page is about, saving
one score row from its form, and htmx detection."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404

from thidua.core.kernel import StaleEdit
from thidua.core.web import form_error_text, refusal_text, visible_or_404
from thidua.organizations.models import ClusterYear
from thidua.scoring.forms import ScoreForm


def get_year(request, pk, perm="scoring.view_year"):
    cluster_year = get_object_or_404(ClusterYear.objects.select_related("cluster__province", "leader", "deputy"), pk=pk)
    return visible_or_404(request, perm, cluster_year)


def is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def save_score_from_form(request, save):
    """Read a score row's form and call `save(value, note, seen_version)`. Returns (error, conflict, attempted):
    a lost edit race is a conflict, shown beside the current value; any other refusal is an error; `attempted`
    keeps what the user typed so the page can give it back."""
    form = ScoreForm(request.POST)
    attempted = {"value": request.POST.get("value", ""), "note": request.POST.get("note", "")}
    if not form.is_valid():
        return form_error_text(form), "", attempted
    try:
        save(form.parsed_value(), form.cleaned_data["note"], form.cleaned_data["version"])
    except StaleEdit as lost:
        return "", lost.messages[0], attempted
    except (ValidationError, PermissionDenied) as refusal:
        return refusal_text(refusal), "", attempted
    return "", "", attempted
