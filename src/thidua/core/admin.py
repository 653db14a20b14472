"""The Django admin is for system administrators only, and every write made there is logged like any other."""

from django.contrib import admin
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.core.models import ActivityLogEntry, Notification, StoredFile
from thidua.core.services import log_action
from thidua.core.text import fold

admin.site.site_header = _("Thidua – Quản trị hệ thống")
admin.site.site_title = _("Quản trị Thidua")
admin.site.index_title = _("Dữ liệu nền")


def is_system_administrator(request):
    # "core.use_admin" is granted by the organizations rules to the administrator role (and to superusers).
    user = request.user
    return user.is_active and user.is_staff and user.has_perm("core.use_admin")


admin.site.has_permission = is_system_administrator


class AdministratorsOnly:
    """Every model page of the admin asks the same question; nothing is hard-deleted from it."""

    def has_module_permission(self, request):
        return is_system_administrator(request)

    def has_view_permission(self, request, obj=None):
        return is_system_administrator(request)

    def has_add_permission(self, request, *args):
        return is_system_administrator(request)

    def has_change_permission(self, request, obj=None):
        return is_system_administrator(request)

    def has_delete_permission(self, request, obj=None):
        return False


def _changes(form):
    """The changed fields and their new values; passwords are never written to the log."""
    changes = {}
    for name in form.changed_data:
        if name not in form.cleaned_data or "password" in name:
            continue
        value = form.cleaned_data[name]
        changes[name] = [item.pk for item in value] if isinstance(value, QuerySet) else value
    return changes


class LoggedAdmin(AdministratorsOnly, admin.ModelAdmin):
    """Saves from the admin write an activity log entry in the same transaction as the change."""

    def _log(self, request, obj, verb, new=None):
        log_action(request.user, f"admin.{type(obj).__name__.lower()}.{verb}", obj, new=new or {})

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._log(request, obj, "changed" if change else "created", _changes(form))

    def delete_model(self, request, obj):
        self._log(request, obj, "deleted")
        super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            self._log(request, obj, "created")
        for obj, fields in formset.changed_objects:
            self._log(request, obj, "changed", {"fields": fields})
        for obj in formset.deleted_objects:
            self._log(request, obj, "deleted")


class FoldedSearch:
    """Search (and the autocomplete pickers, which use it) on folded columns: "Lệ Thủy" and "le thuy" both find
    huyện Lệ Thủy. Put only folded or plain ASCII columns (codes, logins) in `search_fields`."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


class ReadOnlyAdmin(AdministratorsOnly, admin.ModelAdmin):
    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ActivityLogEntry)
class ActivityLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "object_repr", "province_id", "unit_id"]
    list_filter = ["action"]
    search_fields = ["action", "object_repr", "actor__username", "note"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "title", "level", "read_at", "emailed_at"]
    list_filter = ["level"]
    search_fields = ["title", "recipient__username"]
    list_select_related = ["recipient"]


@admin.register(StoredFile)
class StoredFileAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "kind", "size", "uploaded_by", "uploaded_at", "owner_unit", "is_public"]
    list_filter = ["kind", "is_public"]
    search_fields = ["original_name", "sha256"]
    list_select_related = ["uploaded_by", "owner_unit"]


# django-tasks' own result table is the worker's bookkeeping, with English labels; people follow their jobs on the
# "Việc chạy nền" pages (core.jobs), so administrators do not need it here.
try:
    from django_tasks_db.models import DBTaskResult
except ImportError:  # the database backend is not installed
    DBTaskResult = None
if DBTaskResult is not None and admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
