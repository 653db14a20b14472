"""Menu entries and home page panels: each role sees its own unit, cluster year or province first."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from thidua.core.home import HomePanel, register_home_panel
from thidua.core.navigation import ADMIN, RECORDS, NavItem, register_nav
from thidua.organizations import selectors
from thidua.organizations.models import Cluster, Province, Unit
from thidua.organizations.scopes import scope_of


@register_nav
def organizations_nav(user):
    if not user.has_perm("organizations.view_unit"):
        return []
    return [
        # "danh sách": the menu names a list (English plural); the same words label one item elsewhere.
        NavItem(pgettext("danh sách", "Đơn vị"), reverse("organizations:unit_list"), order=10, section=RECORDS),
        NavItem(_("Cụm, khối"), reverse("organizations:cluster_list"), order=11, section=RECORDS),
        NavItem(pgettext("danh sách", "Cá nhân"), reverse("organizations:person_list"), order=12, section=RECORDS),
        NavItem(_("Tìm kiếm"), reverse("organizations:search"), order=13, section=RECORDS),
        *(
            [NavItem(_("Tài khoản"), reverse("organizations:account_list"), order=14, section=ADMIN)]
            if user.has_perm("organizations.view_accounts")
            else []
        ),
    ]


def _unit_roles(scope, unit):
    roles = []
    if unit.pk in scope.officer_unit_ids:
        roles.append(_("Cán bộ thi đua, khen thưởng"))
    if unit.pk in scope.head_unit_ids:
        roles.append(_("Thủ trưởng đơn vị"))
    return roles


def _my_units(user, scope, today):
    units = list(selectors.user_units(user).order_by("folded_name"))
    successors = selectors.successors_on_many(units, today)
    for unit in units:
        unit.my_roles = _unit_roles(scope, unit)
        unit.is_active_today = unit.is_active_on(today)
        unit.successors_today = [] if unit.is_active_today else successors.get(unit.pk, [])
    return units


def _my_cluster_years(scope, cluster_years):
    """The latest year of each of the user's clusters, with the place of the user's unit in it."""
    latest, older = {}, {}
    for cy in cluster_years:
        cy.my_role = ""
        if cy.leader_id in scope.unit_ids:
            cy.my_role = _("Trưởng cụm")
        elif cy.deputy_id in scope.unit_ids:
            cy.my_role = _("Phó Trưởng cụm")
        if cy.cluster_id in latest:
            older[cy.cluster_id].append(cy)
            continue
        latest[cy.cluster_id], older[cy.cluster_id] = cy, []
        if cy.leader_id in scope.unit_ids:
            cy.my_place = _("Đơn vị của bạn là Trưởng cụm")
        elif cy.deputy_id in scope.unit_ids:
            cy.my_place = _("Đơn vị của bạn là Phó Trưởng cụm")
        elif cy.pk in scope.secretariat_cluster_year_ids:
            cy.my_place = _("Bạn là Thư ký cụm năm này")
        else:
            cy.my_place = _("Đơn vị của bạn là thành viên")
    for cluster_id, cy in latest.items():
        cy.older_years = older[cluster_id]
    return list(latest.values())


@register_home_panel
def my_units_panel(user):
    scope = scope_of(user)
    today = timezone.localdate()
    panels = []
    if scope.unit_ids:
        panels.append(
            HomePanel(
                _("Đơn vị của tôi"),
                "organizations/_panel_units.html",
                {"units": _my_units(user, scope, today), "today": today},
                order=10,
            )
        )
    years = list(selectors.user_cluster_years(user)[:20])
    if years:
        panels.append(
            HomePanel(
                _("Cụm thi đua của tôi"),
                "organizations/_panel_cluster_years.html",
                {"cluster_years": _my_cluster_years(scope, years), "today": today},
                order=11,
            )
        )
    return panels


@register_home_panel
def province_panel(user):
    """Board officers and council members: the province they work for, with what it holds today."""
    scope = scope_of(user)
    if not scope.province_ids:
        return []
    today = timezone.localdate()
    active_units = Q(units__valid_to__isnull=True) | Q(units__valid_to__gte=today)
    active_clusters = Q(clusters__valid_to__isnull=True) | Q(clusters__valid_to__gte=today)
    provinces = list(
        Province.objects.filter(pk__in=scope.province_ids)
        .annotate(
            active_unit_count=Count("units", filter=active_units, distinct=True),
            active_cluster_count=Count("clusters", filter=active_clusters, distinct=True),
        )
        .prefetch_related("predecessors")
        .order_by(*selectors.ACTIVE_FIRST, "name")
    )
    # Provinces merged into another are shown under it, not on their own.
    merged_ids = {p.pk for province in provinces for p in province.predecessors.all()}
    context = {
        "provinces": [p for p in provinces if p.pk not in merged_ids],
        "is_board": bool(scope.board_province_ids),
        "can_record": user.has_perm("organizations.change_unit"),
        "can_view_log": user.has_perm("core.view_activity_log"),
    }
    title = _("Tỉnh phụ trách") if scope.board_province_ids else _("Hội đồng Thi đua - Khen thưởng")
    return [HomePanel(title, "organizations/_panel_province.html", context, order=20)]


@register_home_panel
def admin_panel(user):
    if not scope_of(user).is_admin:
        return []
    context = {
        "unit_count": Unit.objects.count(),
        "cluster_count": Cluster.objects.count(),
        "can_use_admin": user.is_staff,
    }
    return [HomePanel(_("Quản trị hệ thống"), "organizations/_panel_admin.html", context, order=90)]
