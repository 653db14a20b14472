"""Every page and every API operation × every role, with the answer each role must get (issue 8, item 3).

The tables are tests/authz/pages.py and tests/authz/api_ops.py; the roles and the objects they are tried on are in
tests/authz/world.py. A URL pattern or an API operation without an entry fails `test_every_*_has_an_entry`, so a
new URL cannot be added without saying who may open it. Objects of unit A are tried by id as the officer of unit B,
objects of another cluster as the seed cluster's secretariat, and everything as the board of another province;
every request also records whether it wrote anything, and only the roles in an entry's `writes` may.
"""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authz import runner
from tests.authz.api_ops import API
from tests.authz.cases import SAME, resolve
from tests.authz.openapi import operations
from tests.authz.pages import PAGES
from tests.authz.runner import observe_api, observe_page, send
from tests.authz.world import ROLES

world = runner.world  # the module-scoped world, shared by every test here
world_files = runner.world_files

# The Django admin answers for itself: its own login page for anyone who is not a staff administrator.
ADMIN_NAMESPACE = "admin"
API_NAMESPACE = "api"
COUNTED = {"pages": 0, "api": 0, "admin": 0}


def url_names(resolver=None, namespace=""):
    """Every named URL pattern as "namespace:name", walking included URL configurations recursively."""
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) if pattern.namespace else namespace
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            # The admin keeps unnamed legacy redirects; anywhere else a pattern needs a name to be declared.
            assert pattern.name or namespace == ADMIN_NAMESPACE, f"unnamed URL pattern {pattern.pattern}"
            if pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_page_has_an_entry():
    names = {n for n in url_names() if n.split(":")[0] not in {ADMIN_NAMESPACE, API_NAMESPACE}}
    names |= {n for n in url_names() if n in {"api:openapi-json", "api:openapi-view"}}
    declared = {case.name for case in PAGES}
    assert sorted(names - declared) == [], "URL patterns without an entry in tests/authz/pages.py"
    assert sorted(declared - names) == [], "entries in tests/authz/pages.py for URL patterns that no longer exist"


def test_every_api_operation_has_an_entry():
    ops = {f"{method} {path}" for method, path in operations()}
    declared = {case.name for case in API}
    assert sorted(ops - declared) == [], "API operations without an entry in tests/authz/api_ops.py"
    assert sorted(declared - ops) == [], "entries in tests/authz/api_ops.py for operations that no longer exist"


def _mismatches(expected, seen):
    return {role: (expected[role], seen[role]) for role in ROLES if expected[role] != seen[role]}


def _check_writes(case, writes):
    allowed = set(case.writes.split())
    assert writes == allowed, f"roles that wrote something: {sorted(writes)}, expected {sorted(allowed)}"


@pytest.mark.parametrize("case", PAGES, ids=lambda case: case.ident)
def test_page(world_files, db, case):
    seen = observe_page(world_files, case)
    get = resolve(case.get, ROLES)
    post = get if case.post == SAME else resolve(case.post, ROLES)
    assert _mismatches(get, seen["get"]) == {}, "GET: {role: (expected, got)}"
    assert _mismatches(post, seen["post"]) == {}, "POST: {role: (expected, got)}"
    _check_writes(case, seen["writes"])
    COUNTED["pages"] += 2 * len(ROLES)


@pytest.mark.parametrize("case", API, ids=lambda case: case.ident)
def test_api_operation(world_files, db, case):
    seen = observe_api(world_files, case)
    assert _mismatches(resolve(case.get, ROLES), seen["answer"]) == {}, "{role: (expected, got)}"
    _check_writes(case, seen["writes"])
    COUNTED["api"] += len(ROLES)


def admin_urls(world):
    """The admin's index, each app's page and, for every registered model, its list, add, change and history
    pages (on the first object, when there is one)."""
    labels = sorted({model._meta.app_label for model in admin.site._registry})
    urls = [reverse("admin:index")] + [reverse("admin:app_list", kwargs={"app_label": label}) for label in labels]
    request = RequestFactory().get("/")
    request.user = world.users["admin"]
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls.append(reverse(f"{prefix}_changelist"))
        if model_admin.has_add_permission(request):  # records kept read-only (the log, files) have no add page
            urls.append(reverse(f"{prefix}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"{prefix}_change", args=[first.pk]))
            urls.append(reverse(f"{prefix}_history", args=[first.pk]))
    return urls


def test_admin_site_is_for_administrators_only(world_files, db):
    failures = {}
    for url in admin_urls(world_files):
        for role in ROLES:
            response, written = send(world_files.clients[role], "get", url)
            expected = {200} if role == "admin" else {302}
            login = reverse("admin:login")
            if response.status_code not in expected or (role != "admin" and login not in response["Location"]):
                failures[(url, role)] = response.status_code
            if written:
                failures[(url, role, "wrote")] = sorted(written)
            COUNTED["admin"] += 1
    assert failures == {}


def _api_ids(world, role, path, key="id"):
    response, _written = send(world.clients["anon"], "get", path, HTTP_AUTHORIZATION=f"Bearer {world.tokens[role]}")
    assert response.status_code == 200, response.content
    return {item[key] for item in response.json()}


def _page(world, role, name, **kwargs):
    response, _written = send(world.clients[role], "get", reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    return response.content.decode()


def test_lists_show_unit_b_nothing_of_unit_a_private_work(world_files, db):
    """Lists answer 200 to everyone with a role, so what they contain is checked: A's drafts stay A's."""
    world, o = world_files, world_files.objects
    assessments = f"/api/v1/scoring/years/{o['cy2024'].pk}/assessments"
    assert o["assessment_a_draft"].pk in _api_ids(world, "officer_a", assessments)
    assert o["assessment_a_draft"].pk not in _api_ids(world, "officer_b", assessments)
    assert o["assessment_a_draft"].pk not in _api_ids(world, "council", assessments)
    assert o["exemplar_a_proposed"].pk in _api_ids(world, "officer_a", "/api/v1/exemplars")
    assert o["exemplar_a_proposed"].pk not in _api_ids(world, "officer_b", "/api/v1/exemplars")
    reports = f"/api/v1/movements/{o['movement'].pk}/reports"
    assert o["unit_a"].pk in _api_ids(world, "officer_a", reports, "unit_id")
    assert o["unit_a"].pk not in _api_ids(world, "officer_b", reports, "unit_id")
    assert o["unit_a"].pk not in _api_ids(world, "board_other", reports, "unit_id")
    records = "/api/v1/awards/records?limit=200"
    assert o["unit_a"].pk in _api_ids(world, "officer_a", records, "unit_id")
    assert o["unit_a"].pk not in _api_ids(world, "officer_b", records, "unit_id")
    assert _api_ids(world, "board_other", records) == set()
    proposals = "/api/v1/proposals?limit=200"
    assert {o["proposal_a_draft"].pk, o["proposal_a_sent"].pk} <= _api_ids(world, "officer_a", proposals)
    assert {o["proposal_a_draft"].pk, o["proposal_a_sent"].pk} & _api_ids(world, "officer_b", proposals) == set()
    assert o["proposal_a_draft"].pk not in _api_ids(world, "board", proposals)
    assert o["proposal_a_sent"].pk in _api_ids(world, "board", proposals)
    name = o["exemplar_a_proposed"].name
    assert name in _page(world, "officer_a", "emulation:exemplar_list")
    assert name not in _page(world, "officer_b", "emulation:exemplar_list")
    title = o["notification_a"].title
    assert title in _page(world, "officer_a", "core:notifications")
    assert title not in _page(world, "officer_b", "core:notifications")
    assert title not in _page(world, "admin", "core:notifications")


@pytest.fixture(scope="module", autouse=True)
def _report_pairs(request):
    yield
    total = sum(COUNTED.values())
    if total:
        plugins = request.config.pluginmanager
        reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
        line = (
            f"authorization matrix: {total} URL × role requests ({COUNTED['pages']} page, {COUNTED['api']} API, "
            f"{COUNTED['admin']} admin) over {len(ROLES)} roles"
        )
        if reporter is not None and capture is not None:
            with capture.global_and_fixture_disabled():
                reporter.write_line(line)


def test_the_matrix_covers_at_least_what_the_docs_say():
    # docs/testing.md quotes these figures; a shrinking table should not pass unnoticed.
    assert len(ROLES) == 9
    assert len(PAGES) >= 170
    assert len(API) >= 140
