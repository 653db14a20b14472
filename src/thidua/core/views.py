import datetime
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.activity import action_label, action_labels
from thidua.core.enums import JobState
from thidua.core.exports import Column, list_export
from thidua.core.files import file_access_checkers
from thidua.core.home import home_for
from thidua.core.imports import again_url, start_write
from thidua.core.jobs import can_rerun, is_stale, job_kind, jobs_of, rerun_job
from thidua.core.models import JobRun, StoredFile
from thidua.core.selectors import activity_log_for, notifications_of
from thidua.core.services import mark_notifications_read
from thidua.core.web import CappedPaginator
from thidua.organizations.scopes import scope_of


@login_required
def home(request):
    scope = scope_of(request.user)
    roles = sorted(scope.roles)
    return render(
        request,
        "core/home.html",
        {"home": home_for(request.user), "roles": roles, "role_labels": [str(r.label) for r in roles]},
    )


@login_required
def notifications(request):
    page = Paginator(notifications_of(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page})


@login_required
def notifications_export(request):
    columns = [
        Column(_("Thời điểm"), lambda n: n.created_at),
        Column(_("Mức"), lambda n: n.get_level_display()),
        Column(_("Tiêu đề"), lambda n: n.title),
        Column(_("Nội dung"), lambda n: n.body),
        Column(_("Đã đọc"), lambda n: _("Có") if n.read_at else ""),
    ]
    return list_export(notifications_of(request.user), columns, sheet="Thong bao", filename="thong-bao")


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


def _activity_entries(request):
    if not request.user.has_perm("core.view_activity_log"):
        raise PermissionDenied
    filters = {
        "action": request.GET.get("action", "").strip(),
        "actor": request.GET.get("actor", "").strip(),
        "date_from": _date_param(request, "date_from"),
        "date_to": _date_param(request, "date_to"),
        "query": request.GET.get("q", "").strip(),
    }
    return activity_log_for(request.user, **filters)


@login_required
def activity_log(request):
    page = CappedPaginator(_activity_entries(request), 50).get_page(request.GET.get("page"))
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


@login_required
def activity_log_export(request):
    columns = [
        Column(_("Thời điểm"), lambda e: e.created_at),
        Column(_("Người thực hiện"), lambda e: e.actor.username if e.actor else _("hệ thống")),
        Column(_("Thao tác"), lambda e: e.action),
        Column(_("Tên thao tác"), lambda e: action_label(e.action)),
        Column(_("Đối tượng"), lambda e: e.object_repr),
        Column(_("Giá trị cũ"), lambda e: json.dumps(e.old_values, ensure_ascii=False) if e.old_values else ""),
        Column(_("Giá trị mới"), lambda e: json.dumps(e.new_values, ensure_ascii=False) if e.new_values else ""),
        Column(_("Ghi chú"), lambda e: e.note),
    ]
    return list_export(_activity_entries(request), columns, sheet="Nhat ky", filename="nhat-ky-hoat-dong")


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


# Long jobs ----------------------------------------------------------------------------------------------------
def _job_for(request, pk):
    """The owner and administrators see a job; anyone else gets 404 (they learn nothing about it)."""
    job = get_object_or_404(JobRun.objects.select_related("owner", "source_file", "result_file"), pk=pk)
    if job.owner_id != request.user.pk and not scope_of(request.user).is_admin:
        raise Http404(_("Không tìm thấy việc này."))
    return job


def _job_context(job):
    kind = job_kind(job.kind)
    return {
        "job": job,
        "label": kind.label if kind else job.kind,
        "result_template": kind.result_template if kind and job.state == JobState.SUCCEEDED else "",
        "result": job.result,
        "stale": is_stale(job),
        "can_rerun": can_rerun(job),
        "again_url": again_url(job),
    }


@login_required
def job_list(request):
    page = Paginator(jobs_of(request.user), 30).get_page(request.GET.get("page"))
    for job in page:
        kind = job_kind(job.kind)
        job.label = kind.label if kind else job.kind
    return render(request, "core/job_list.html", {"page": page})


@login_required
def job_list_export(request):
    columns = [
        Column(_("Việc"), lambda j: str(job_kind(j.kind).label) if job_kind(j.kind) else j.kind),
        Column(_("Tạo lúc"), lambda j: j.created_at),
        Column(_("Trạng thái"), lambda j: j.get_state_display()),
        Column(_("Tiến độ (%)"), lambda j: j.percent),
        Column(_("Tệp"), lambda j: j.source_file.original_name if j.source_file else ""),
        Column(_("Lỗi"), lambda j: j.error),
    ]
    return list_export(jobs_of(request.user), columns, sheet="Viec chay nen", filename="viec-chay-nen")


@login_required
def job_detail(request, pk):
    return render(request, "core/job_detail.html", _job_context(_job_for(request, pk)))


@login_required
def job_progress(request, pk):
    """The progress block the page polls (htmx). A finished job asks the page to reload and show its result."""
    job = _job_for(request, pk)
    response = render(request, "core/_job_progress.html", _job_context(job))
    if job.is_finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def job_rerun(request, pk):
    job = _job_for(request, pk)
    try:
        new_job = rerun_job(job, actor=request.user)
    except (ValidationError, PermissionDenied) as refused:
        messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])))
        return redirect("core:job_detail", job.pk)
    messages.success(request, _("Đã cho chạy lại."))
    return redirect("core:job_detail", new_job.pk)


@login_required
@require_POST
def import_write(request, pk):
    """Write a checked file: the button under a clean dry run's result, whichever app's import it is."""
    check_job = get_object_or_404(JobRun.objects.select_related("source_file"), pk=pk, owner=request.user)
    try:
        job = start_write(check_job, actor=request.user)
    except (ValidationError, PermissionDenied) as refused:
        messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])))
        return redirect("core:job_detail", check_job.pk)
    messages.success(request, _("Đã bắt đầu ghi dữ liệu."))
    return redirect("core:job_detail", job.pk)


def csrf_failure(request, reason=""):
    """An expired or foreign form: a page in the site's language, with the menu, instead of Django's English one."""
    return render(request, "403_csrf.html", status=403)
