"""Reads that may come from a read replica (DATABASE_REPLICA_URL, PostgreSQL's streaming replication).

Only the views marked with `reads_from_replica` (dashboards, the public honour board, large exports) read from the
replica; every write, every other view, and every request of a browser that wrote in the last PIN_SECONDS go to the
primary, so people always see their own writes even while the replica lags a little.
"""

import contextvars
from contextlib import contextmanager
from functools import wraps

from django.conf import settings

REPLICA = "replica"
PIN_COOKIE = "thidua_primary"
PIN_SECONDS = 30  # well above the replica's usual lag on one local network
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

_replica_reads = contextvars.ContextVar("thidua_replica_reads", default=False)


def replica_configured():
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _replica_reads.get() and replica_configured() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica receives the primary's schema by replication


@contextmanager
def replica_reads():
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def reads_from_replica(view):
    """A read-only view that may read from the replica, unless this browser has just written."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in SAFE_METHODS or request.COOKIES.get(PIN_COOKIE) or not replica_configured():
            return view(request, *args, **kwargs)
        with replica_reads():
            return view(request, *args, **kwargs)

    return wrapper


class PinToPrimaryMiddleware:
    """After a write request, the browser reads from the primary for PIN_SECONDS (read-your-writes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in SAFE_METHODS and replica_configured():
            response.set_cookie(
                PIN_COOKIE, "1", max_age=PIN_SECONDS, httponly=True, samesite="Lax", secure=request.is_secure()
            )
        return response
