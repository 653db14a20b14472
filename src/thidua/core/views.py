import datetime

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.activity import action_label, action_labels
from thidua.core.files import file_access_checkers
from thidua.core.home import home_panels
from thidua.core.models import StoredFile
from thidua.core.selectors import activity_log_for, notifications_of
from thidua.core.services import mark_notifications_read
from thidua.organizations.scopes import scope_of


@login_required
def home(request):
    scope = scope_of(request.user)
    roles = sorted(scope.roles)
    return render(
        request,
        "core/home.html",
        {"panels": home_panels(request.user), "roles": roles, "role_labels": [str(r.label) for r in roles]},
    )


@login_required
def notifications(request):
    page = Paginator(notifications_of(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page})


@login_required
@require_POST
def notifications_mark_read(request):
    ids = [int(pk) for pk in request.POST.getlist("id") if pk.isdigit()]
    mark_notifications_read(request.user, ids or None)
    return redirect("core:notifications")


@login_required
def notification_open(request, pk):
    """Follow a notification's link, marking it read. Only links inside this site are followed."""
    notification = get_object_or_404(notifications_of(request.user), pk=pk)
    mark_notifications_read(request.user, [notification.pk])
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return redirect("core:notifications")


def _date_param(request, name):
    # A hand-typed date like 2024-02-31 is ignored rather than turned into a server error.
    try:
        return datetime.date.fromisoformat(request.GET.get(name, "").strip())
    except ValueError:
        return None


def _pairs(values):
    if isinstance(values, dict):
        return list(values.items())
    return [] if values in (None, "", [], {}) else [("", values)]


@login_required
def activity_log(request):
    if not request.user.has_perm("core.view_activity_log"):
        raise PermissionDenied
    filters = {
        "action": request.GET.get("action", "").strip(),
        "actor": request.GET.get("actor", "").strip(),
        "date_from": _date_param(request, "date_from"),
        "date_to": _date_param(request, "date_to"),
        "query": request.GET.get("q", "").strip(),
    }
    page = Paginator(activity_log_for(request.user, **filters), 50).get_page(request.GET.get("page"))
    for entry in page:
        entry.label = action_label(entry.action)
        # Pairs made here: in a template, `values.items` would read a logged field named "items" instead.
        entry.old_pairs = _pairs(entry.old_values)
        entry.new_pairs = _pairs(entry.new_values)
    return render(
        request,
        "core/activity_log.html",
        {"page": page, "filters": request.GET, "known_actions": sorted(action_labels().items())},
    )


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
    stored = StoredFile.objects.select_related("owner_unit").filter(uuid=uuid).first()
    if stored is None or not stored.is_public:
        if not request.user.is_authenticated:
            # The same answer whether or not the file exists: log in first.
            return redirect_to_login(request.get_full_path())
        if stored is None or not can_view_file(request.user, stored):
            # Not found rather than forbidden: an outsider learns nothing about which files exist.
            raise Http404(_("Không tìm thấy tệp."))
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404(_("Không tìm thấy tệp.")) from missing
    response = FileResponse(handle, as_attachment=request.GET.get("inline") != "1", filename=stored.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
