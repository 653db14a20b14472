"""Sends the matrix's requests: one client per role, each request inside a savepoint that is rolled back."""

import contextlib
import copy
import json
import re
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import signals
from django.test import Client
from django.urls import reverse

from tests.authz.cases import LOGIN, Obj
from tests.authz.world import ROLES, build_world


class Rollback(Exception):  # noqa: N818 - a control-flow signal, not an error
    pass


def make_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo year plus the matrix's objects, built once inside a transaction rolled back at the end.

    Each test still runs in its own savepoint (pytest-django's `db`), and each request in one more.
    """
    files = tmp_path_factory.mktemp("authz-files")
    with django_db_blocker.unblock(), _files_in(files), _outer_transaction():
        built = build_world()
        built.files = files
        built.clients = _clients(built)
        yield built


# Once per module (the matrix); tests/fuzz/conftest.py shares one world across its package.
world = pytest.fixture(scope="module", name="world")(make_world)


@contextlib.contextmanager
def _outer_transaction():
    with contextlib.suppress(Rollback), transaction.atomic():
        yield
        raise Rollback


@contextlib.contextmanager
def _files_in(folder):
    from django.test import override_settings

    storages = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(folder)}},
    }
    with override_settings(STORAGES=storages, MEDIA_ROOT=folder):
        yield


@pytest.fixture
def world_files(world, settings):
    """The files the world stored stay readable inside each test (tests/conftest.py points storage elsewhere)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(world.files)},
        },
    }
    settings.MEDIA_ROOT = world.files
    return world


def _clients(world):
    clients = {"anon": Client(raise_request_exception=False)}
    for role in ROLES[1:]:
        client = Client(raise_request_exception=False)
        client.force_login(world.users[role])
        clients[role] = client
    return clients


def fill(world, value):
    if isinstance(value, Obj):
        obj = world.objects[value.name]
        return getattr(obj, value.attr, obj)
    return value


def url_of(world, case):
    kwargs = {key: fill(world, value) for key, value in case.kwargs.items()}
    url = reverse(case.name, kwargs=kwargs)
    if case.query:
        names = {name: world.pk(name) for name in world.objects}
        url += "?" + case.query.format(**names)
    return url


def answer(response):
    """The status, or LOGIN for a redirect to a login page."""
    if response.status_code in {301, 302}:
        path = urlsplit(response.get("Location", "")).path
        if path in {reverse("accounts:login"), reverse("admin:login")}:
            return LOGIN
    return response.status_code


# Rows a request may write without changing anything a user owns: sessions, login bookkeeping, the count of wrong
# one-time codes.
UNTRACKED = {
    "sessions.session",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    "voting.codeguess",
}
# The table an INSERT, UPDATE or DELETE statement names (Django quotes it on every backend it runs on here).
WRITE_STATEMENT = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"([^"]+)"', re.IGNORECASE)
# Bookkeeping a statement may write: when an API token was last used (a hint for administrators).
BOOKKEEPING = re.compile(r'^\s*UPDATE\s+"accounts_apitoken"\s+SET\s+"last_used_at"\s*=\s*%s\s+WHERE', re.IGNORECASE)


@contextlib.contextmanager
def writes_recorded():
    """Collects the models written meanwhile: saved or deleted through the ORM's signals, and any table a write
    statement names, so that bulk updates (a sealed vote rewrites its ballot's slots that way) are seen too."""
    written = set()
    tables = {model._meta.db_table: model._meta.label_lower for model in apps.get_models(include_auto_created=True)}

    def note(label):
        if label not in UNTRACKED:
            written.add(label)

    def record(sender, **kwargs):
        note(sender._meta.label_lower)

    def watch(execute, sql, params, many, context):
        # A statement the database refused, or an UPDATE that matched no row (a lost edit race), wrote nothing.
        result = execute(sql, params, many, context)
        found = WRITE_STATEMENT.match(sql)
        if found and found.group(1) in tables and context["cursor"].rowcount != 0 and not BOOKKEEPING.match(sql):
            note(tables[found.group(1)])
        return result

    hooks = (signals.post_save, signals.post_delete, signals.m2m_changed)
    for hook in hooks:
        hook.connect(record, weak=False, dispatch_uid="authz-writes")
    try:
        with connection.execute_wrapper(watch):
            yield written
    finally:
        for hook in hooks:
            hook.disconnect(dispatch_uid="authz-writes")


def send(client, method, url, **extra):
    """One request whose writes are undone afterwards, so that every role meets the same world.

    Returns (response, the set of models it wrote)."""
    response = None
    cookies = copy.deepcopy(client.cookies)  # a logout must not log the next request out
    with writes_recorded() as written, contextlib.suppress(Rollback), transaction.atomic():
        response = getattr(client, method)(url, **extra)
        raise Rollback
    client.cookies = cookies
    return response, written


# What each role gets ---------------------------------------------------------------------------------------------
def observe_page(world, case):
    """{"get": {role: answer}, "post": {role: answer}, "writes": roles whose request wrote something}."""
    url = url_of(world, case)
    seen = {"get": {}, "post": {}, "writes": set()}
    for method in ("get", "post"):
        for role in ROLES:
            response, written = send(world.clients[role], method, url)
            seen[method][role] = answer(response)
            if written:
                seen["writes"].add(role)
    return seen


def api_url(world, case):
    from tests.authz.api_ops import argument_for

    method, template = case.name.split(" ", 1)
    names = re.findall(r"\{(\w+)\}", template)
    url = template
    for name in names:
        value = case.kwargs.get(name, argument_for(template, name))
        url = url.replace("{" + name + "}", str(fill(world, value)))
    if case.query:
        url += "?" + case.query.format(**{name: world.pk(name) for name in world.objects})
    return method, url


def api_request(world, case):
    """(method, url, keyword arguments for the test client) of the smallest valid request plus the case's body."""
    from tests.authz.openapi import body_of

    method, url = api_url(world, case)
    content_type, body = body_of(method, case.name.split(" ", 1)[1])
    extra = {}
    if content_type is not None:
        body = {**body, **{key: fill(world, value) for key, value in case.body.items()}}
        if content_type == "application/json":
            extra = {"data": json.dumps(body, cls=DjangoJSONEncoder), "content_type": content_type}
        else:
            extra = {"data": body}
    return method.lower(), url, extra


def observe_api(world, case):
    seen = {"answer": {}, "writes": set()}
    for role in ROLES:
        method, url, extra = api_request(world, case)  # a fresh body each time: uploads are read once
        if role != "anon":
            extra["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens[role]}"
        response, written = send(world.clients["anon"], method, url, **extra)
        seen["answer"][role] = response.status_code
        if written:
            seen["writes"].add(role)
    return seen
