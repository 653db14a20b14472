"""What the scoring pages share beyond the kernel's page adapter (core/web.py): the year a page is about, and
htmx detection."""

from django.shortcuts import get_object_or_404

from thidua.core.web import visible_or_404
from thidua.organizations.models import ClusterYear


def get_year(request, pk, perm="scoring.view_year"):
    cluster_year = get_object_or_404(ClusterYear.objects.select_related("cluster__province", "leader", "deputy"), pk=pk)
    return visible_or_404(request, perm, cluster_year)


def is_htmx(request):
    return request.headers.get("HX-Request") == "true"
