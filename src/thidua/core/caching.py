"""Cached reads that a write invalidates at once.

Each cached subject (the public honour board) has a generation token in Django's cache; every key includes it, so
changing the token drops every cached variant (each search, filter and page) at once, whichever process cached them.
A write changes the token twice: at once, so a page read later in the same transaction is fresh, and again after
the commit, so a page another request cached while the write was still uncommitted is not kept.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction


class Generation:
    def __init__(self, name, timeout):
        self.name = name
        self.timeout = timeout  # a backstop for changes no service reports (a province merger), in seconds
        self.token_key = f"{name}:generation"

    def token(self):
        token = cache.get(self.token_key)
        if token is None:
            cache.add(self.token_key, uuid.uuid4().hex, None)
            token = cache.get(self.token_key)
        return token

    def key(self, *parts):
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
        return f"{self.name}:{self.token()}:{digest}"

    def get_or_set(self, parts, compute):
        return cache.get_or_set(self.key(*parts), compute, self.timeout)

    def changed(self):
        cache.set(self.token_key, uuid.uuid4().hex, None)
        transaction.on_commit(lambda: cache.set(self.token_key, uuid.uuid4().hex, None))
