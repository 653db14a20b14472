"""Issue 17: with DATABASE_REPLICA_URL, dashboards, the honour board and large exports read from the replica; writes,
other pages and a browser that has just written stay on the primary."""

import pytest
from django.conf import settings
from django.db import router
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from thidua.core import routers
from thidua.organizations.models import Unit


@pytest.fixture
def replica(monkeypatch):
    # Only the alias's presence decides the routing; the test database serves both (TEST MIRROR in settings).
    monkeypatch.setitem(settings.DATABASES, routers.REPLICA, settings.DATABASES["default"])


def seen_by(view, request):
    """Which database the view's reads and writes go to."""
    seen = {}

    def inner(_request):
        seen["read"], seen["write"] = router.db_for_read(Unit), router.db_for_write(Unit)
        return HttpResponse()

    view(inner)(request)
    return seen


def test_marked_views_read_from_the_replica_and_write_to_the_primary(replica):
    request = RequestFactory().get("/bao-cao/")
    assert seen_by(routers.reads_from_replica, request) == {"read": "replica", "write": "default"}
    assert router.db_for_read(Unit) == "default"  # only inside the view


def test_writes_a_just_written_browser_and_no_replica_stay_on_the_primary(replica, monkeypatch):
    primary = {"read": "default", "write": "default"}
    assert seen_by(routers.reads_from_replica, RequestFactory().post("/bao-cao/")) == primary
    pinned = RequestFactory().get("/bao-cao/")
    pinned.COOKIES[routers.PIN_COOKIE] = "1"
    assert seen_by(routers.reads_from_replica, pinned) == primary
    monkeypatch.delitem(settings.DATABASES, routers.REPLICA)
    assert seen_by(routers.reads_from_replica, RequestFactory().get("/bao-cao/")) == primary


def test_only_the_primary_is_migrated():
    replica_router = routers.ReplicaRouter()
    assert (replica_router.allow_migrate("default", "awards"), replica_router.allow_migrate("replica", "awards")) == (
        True,
        False,
    )


def test_a_write_pins_the_browser_to_the_primary_for_a_while(replica, client, make_user):
    from thidua.organizations.enums import Role

    client.force_login(make_user(Role.ADMIN))
    assert routers.PIN_COOKIE not in client.get(reverse("core:home")).cookies
    response = client.post(reverse("core:notifications_mark_read"))
    assert response.cookies[routers.PIN_COOKIE]["max-age"] == routers.PIN_SECONDS


def test_without_a_replica_no_cookie_is_set(client, make_user, db):
    from thidua.organizations.enums import Role

    client.force_login(make_user(Role.ADMIN))
    assert routers.PIN_COOKIE not in client.post(reverse("core:notifications_mark_read")).cookies


def test_the_dashboards_and_honour_board_are_marked():
    from thidua.awards.views import register
    from thidua.emulation.views import public
    from thidua.reports.views import dashboards

    marked = [dashboards.index, dashboards.province_dashboard, dashboards.cluster_dashboard, dashboards.unit_dashboard]
    marked += [public.honour_board, public.honour_board_export, register.register_export]
    assert all(_marked(view) for view in marked)


def _marked(view):
    # Every wrapper reads_from_replica makes shares its code object; login_required and others wrap it.
    while view is not None:
        if getattr(view, "__code__", None) is routers.reads_from_replica(lambda r: r).__code__:
            return True
        view = getattr(view, "__wrapped__", None)
    return False
