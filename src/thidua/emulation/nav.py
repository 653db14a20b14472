"""Menu entries and home panels of the emulation year."""

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.home import HomePanel, register_home_panel
from thidua.core.navigation import NavItem, register_nav
from thidua.emulation import selectors
from thidua.emulation.enums import PhaseKind, PledgeState
from thidua.emulation.models import Phase, Pledge, PledgeSignature, Registration
from thidua.organizations.models import ClusterYear
from thidua.organizations.scopes import scope_of


@register_nav
def emulation_nav(user):
    if not user.has_perm("emulation.view_movement"):
        return []
    return [
        NavItem(_("Kỳ thi đua"), reverse("emulation:year_list"), order=20),
        NavItem(_("Phong trào"), reverse("emulation:movement_list"), order=21),
        NavItem(_("Điển hình"), reverse("emulation:exemplar_list"), order=22),
        NavItem(_("Văn bản chỉ đạo"), reverse("emulation:document_list"), order=23),
        NavItem(_("Bảng vàng"), reverse("honour:board"), order=24),
    ]


def _registration_rows(unit_ids):
    """(unit, cluster year, registration or None, phase) for each unit's most recent cluster year."""
    latest = selectors.latest_cluster_years_of_units(unit_ids)
    year_ids = [cy.pk for _u, cy in latest]
    registrations = {
        (r.cluster_year_id, r.unit_id): r
        for r in Registration.objects.filter(cluster_year_id__in=year_ids, unit_id__in=unit_ids)
    }
    phases = {
        p.cluster_year_id: p for p in Phase.objects.filter(cluster_year_id__in=year_ids, kind=PhaseKind.REGISTRATION)
    }
    return [(u, cy, registrations.get((cy.pk, u.pk)), phases.get(cy.pk)) for u, cy in latest]


def _pledge_rows(unit_ids):
    latest = selectors.latest_cluster_years_of_units(unit_ids)
    pledges = {
        p.cluster_year_id: p
        for p in Pledge.objects.filter(cluster_year_id__in=[cy.pk for _u, cy in latest]).exclude(
            state__in=(PledgeState.SUPERSEDED, PledgeState.DRAFT)
        )
    }
    signed = set(
        PledgeSignature.objects.filter(pledge__in=pledges.values(), voided_at__isnull=True).values_list(
            "pledge_id", "unit_id"
        )
    )
    rows = []
    for unit, cluster_year in latest:
        pledge = pledges.get(cluster_year.pk)
        rows.append((unit, cluster_year, pledge, pledge is not None and (pledge.pk, unit.pk) in signed))
    return rows


@register_home_panel
def emulation_panels(user):
    scope = scope_of(user)
    panels = []
    if scope.unit_ids:
        panels.append(
            HomePanel(
                _("Đăng ký thi đua của đơn vị"),
                "emulation/panels/_registrations.html",
                {"rows": _registration_rows(scope.unit_ids)},
                order=20,
            )
        )
    if scope.head_unit_ids:
        panels.append(
            HomePanel(
                _("Giao ước thi đua"),
                "emulation/panels/_pledges.html",
                {"rows": _pledge_rows(scope.head_unit_ids)},
                order=21,
            )
        )
    if scope.secretariat_cluster_year_ids:
        years = ClusterYear.objects.filter(pk__in=scope.secretariat_cluster_year_ids).select_related("cluster")
        rows = []
        for cluster_year in years.order_by("-year")[:3]:
            pledge = selectors.current_pledge(cluster_year)
            signed = pledge.signatures.filter(voided_at__isnull=True).count() if pledge else 0
            rows.append((cluster_year, selectors.registration_counts(cluster_year), pledge, signed))
        panels.append(
            HomePanel(
                _("Thư ký cụm: đăng ký và giao ước"), "emulation/panels/_secretariat.html", {"rows": rows}, order=19
            )
        )
    return panels
