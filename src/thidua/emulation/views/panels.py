"""The rows of the emulation home panels, fetched by the home page after it has loaded."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from thidua.emulation import selectors
from thidua.organizations.scopes import scope_of


@login_required
def panel_units(request):
    scope = scope_of(request.user)
    if not scope.unit_ids:
        raise PermissionDenied
    return render(
        request,
        "emulation/panels/_units.html",
        {
            "registrations": selectors.home_registration_rows(scope.unit_ids),
            "pledges": selectors.home_pledge_rows(scope.head_unit_ids) if scope.head_unit_ids else [],
        },
    )


@login_required
def panel_secretariat(request):
    scope = scope_of(request.user)
    if not scope.secretariat_cluster_year_ids:
        raise PermissionDenied
    rows = selectors.home_secretariat_rows(scope.secretariat_cluster_year_ids)
    return render(request, "emulation/panels/_secretariat.html", {"rows": rows})
