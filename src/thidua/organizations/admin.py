"""Admin pages for the foundation records. History (lineage, renames, cluster years) is written through the
app's own pages and services, which check and log it; here it is read, and corrected only where safe."""

from django.contrib import admin

from thidua.core.admin import FoldedSearch, LoggedAdmin, ReadOnlyAdmin
from thidua.organizations.models import (
    Cluster,
    ClusterMembership,
    ClusterYear,
    LineageEvent,
    LineageLink,
    Person,
    Position,
    Province,
    RoleAssignment,
    RotationSlot,
    Unit,
    UnitName,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Province)
class ProvinceAdmin(LoggedAdmin):
    list_display = ["name", "code", "valid_from", "valid_to", "is_invented"]
    search_fields = ["name", "code"]
    filter_horizontal = ["predecessors"]


class UnitNameInline(ReadOnlyInline):
    model = UnitName
    fields = ["name", "valid_from", "valid_to"]


@admin.register(Unit)
class UnitAdmin(FoldedSearch, LoggedAdmin):
    list_display = ["full_name", "code", "province", "parent", "valid_from", "valid_to", "is_invented"]
    list_filter = ["kind", "province", "is_invented"]
    search_fields = ["folded_name", "code"]
    list_select_related = ["province", "parent"]
    autocomplete_fields = ["parent"]
    inlines = [UnitNameInline]

    def get_readonly_fields(self, request, obj=None):
        # A new name goes through "Đổi tên" so that the old one stays in the history.
        return ["name", "valid_to"] if obj is not None else []


class LineageLinkInline(ReadOnlyInline):
    model = LineageLink
    fields = ["role", "unit"]


@admin.register(LineageEvent)
class LineageEventAdmin(ReadOnlyAdmin):
    list_display = ["date", "kind", "decision"]
    list_filter = ["kind"]
    search_fields = ["decision", "note"]
    date_hierarchy = "date"
    inlines = [LineageLinkInline]


class RotationInline(ReadOnlyInline):
    # The order is edited on the cluster's "Thứ tự luân phiên" page, which guards against two people at once.
    model = RotationSlot
    fields = ["position", "unit"]


@admin.register(Cluster)
class ClusterAdmin(FoldedSearch, LoggedAdmin):
    list_display = ["name", "kind", "province", "valid_from", "valid_to", "is_invented"]
    list_filter = ["kind", "province"]
    search_fields = ["folded_name"]
    list_select_related = ["province"]
    inlines = [RotationInline]


class MembershipInline(ReadOnlyInline):
    model = ClusterMembership
    fields = ["unit", "joined_on"]


@admin.register(ClusterYear)
class ClusterYearAdmin(LoggedAdmin):
    list_display = ["cluster", "year", "leader", "deputy"]
    list_filter = ["year"]
    list_select_related = ["cluster", "leader", "deputy"]
    # Members, leader and deputy change on the cluster year page, which checks and logs them.
    readonly_fields = ["cluster", "year", "leader", "deputy"]
    inlines = [MembershipInline]

    def has_add_permission(self, request, *args):
        return False


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Person)
class PersonAdmin(FoldedSearch, LoggedAdmin):
    list_display = ["full_name", "gender", "birth_date", "province", "is_direct_labourer", "is_invented"]
    list_filter = ["gender", "is_direct_labourer", "province"]
    search_fields = ["folded_name"]
    list_select_related = ["province"]
    inlines = [PositionInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(FoldedSearch, LoggedAdmin):
    list_display = ["user", "role", "unit", "cluster_year", "province", "valid_from", "valid_to"]
    list_filter = ["role"]
    search_fields = ["user__folded_name", "user__username"]
    list_select_related = ["user", "unit", "cluster_year__cluster", "province"]
    autocomplete_fields = ["user", "unit"]

    def has_delete_permission(self, request, obj=None):
        # A role given by mistake may be removed (the log keeps the trace); normally set "valid_to" instead.
        return super().has_change_permission(request, obj)
