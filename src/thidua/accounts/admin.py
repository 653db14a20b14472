from http import HTTPStatus

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import ApiToken, User
from thidua.accounts.services import revoke_api_token
from thidua.core.admin import FoldedSearch, LoggedAdmin, ReadOnlyAdmin
from thidua.core.services import log_action


@admin.register(User)
class UserAdmin(FoldedSearch, LoggedAdmin, DjangoUserAdmin):
    list_display = ["username", "full_name", "email", "is_active", "must_change_password", "is_staff", "last_login"]
    list_filter = ["is_active", "must_change_password", "is_staff", "is_demo"]
    search_fields = ["folded_name", "username", "email"]
    autocomplete_fields = ["person"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Thông tin"), {"fields": ["full_name", "email", "phone", "person", "is_demo", "must_change_password"]}),
        (_("Quyền vào trang quản trị"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Thời điểm"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["username", "full_name", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined"]

    def user_change_password(self, request, id, form_url=""):  # noqa: A002 - Django's own signature
        response = super().user_change_password(request, id, form_url)
        # The admin redirects only after the new password was saved.
        if request.method == "POST" and response.status_code == HTTPStatus.FOUND:
            log_action(request.user, "admin.user.password_set", User.objects.get(pk=id))
        return response


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["pk", "user", "created_at", "expires_at", "last_used_at", "revoked_at"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    actions = ["revoke"]

    @admin.action(description=_("Thu hồi các token đã chọn"), permissions=["revoke"])
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True, expires_at__gt=timezone.now()):
            revoke_api_token(token, actor=request.user)

    def has_revoke_permission(self, request):
        return self.has_view_permission(request)
