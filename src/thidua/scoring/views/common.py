"""What the scoring pages share: permission checks, refusal messages and htmx detection."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from thidua.organizations.models import ClusterYear
from thidua.scoring.services.common import ScoreConflict


def require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def visible_or_404(request, perm, obj):
    """Out-of-scope objects are "not found": an outsider learns nothing about another unit's drafts."""
    if not request.user.has_perm(perm, obj):
        raise Http404(_("Không tìm thấy."))
    return obj


def get_year(request, pk, perm="scoring.view_year"):
    cluster_year = get_object_or_404(ClusterYear.objects.select_related("cluster__province", "leader", "deputy"), pk=pk)
    return visible_or_404(request, perm, cluster_year)


def is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def refusal_text(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("Bạn không có quyền thực hiện thao tác này.")


def report(request, error):
    """Show a refusal as a message; the service changed nothing."""
    messages.error(request, refusal_text(error))


def form_errors(form):
    return " ".join(
        f"{form.fields[k].label if k in form.fields else ''}: {' '.join(v)}".lstrip(": ")
        for k, v in form.errors.items()
    )


def attempt(request, action, success):
    """Run a service call; show its refusal, or the success message. Returns the result, or None if refused."""
    try:
        result = action()
    except ScoreConflict as lost:
        messages.error(request, lost.message)
        return None
    except (ValidationError, PermissionDenied) as refusal:
        report(request, refusal)
        return None
    messages.success(request, success)
    return result
