from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.files import file_access_checkers
from thidua.core.home import home_panels
from thidua.core.models import StoredFile
from thidua.core.selectors import activity_log_for, notifications_of
from thidua.core.services import mark_notifications_read
from thidua.organizations.scopes import scope_of


@login_required
def home(request):
    scope = scope_of(request.user)
    return render(
        request,
        "core/home.html",
        {
            "panels": home_panels(request.user),
            "roles": sorted(scope.roles),
            "role_labels": [str(r.label) for r in sorted(scope.roles)],
        },
    )


@login_required
def notifications(request):
    page = Paginator(notifications_of(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page})


@login_required
@require_POST
def notifications_mark_read(request):
    mark_notifications_read(request.user)
    return redirect("core:notifications")


@login_required
def activity_log(request):
    if not request.user.has_perm("core.view_activity_log"):
        raise PermissionDenied
    filters = {
        "action": request.GET.get("action", "").strip(),
        "actor": request.GET.get("actor", "").strip(),
        "date_from": parse_date(request.GET.get("date_from", "") or "") if request.GET.get("date_from") else None,
        "date_to": parse_date(request.GET.get("date_to", "") or "") if request.GET.get("date_to") else None,
        "query": request.GET.get("q", "").strip(),
    }
    page = Paginator(activity_log_for(request.user, **filters), 50).get_page(request.GET.get("page"))
    return render(request, "core/activity_log.html", {"page": page, "filters": request.GET})


def can_view_file(user, stored):
    if stored.is_public:
        return True
    if not user.is_authenticated:
        return False
    scope = scope_of(user)
    if scope.is_admin or stored.uploaded_by_id == user.pk:
        return True
    if stored.owner_unit_id and (
        stored.owner_unit_id in scope.unit_ids
        or (stored.owner_unit and stored.owner_unit.province_id in scope.board_province_ids)
    ):
        return True
    return any(checker(user, stored) for checker in file_access_checkers())


def serve_file(request, uuid):
    stored = get_object_or_404(StoredFile.objects.select_related("owner_unit"), uuid=uuid)
    if not can_view_file(request.user, stored):
        # Not found rather than forbidden: an outsider learns nothing about which files exist.
        raise Http404(_("Không tìm thấy tệp."))
    response = FileResponse(
        stored.file.open("rb"), as_attachment=request.GET.get("inline") != "1", filename=stored.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
