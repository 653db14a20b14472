"""Demo data plumbing: every app's demo module has load(); the seed command runs them in app order."""

import importlib

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

DEMO_APPS = ["organizations", "awards", "emulation", "scoring", "voting", "proposals", "reports"]


def load_all(stdout=None):
    if not settings.ALLOW_DEMO_PASSWORDS:
        raise ImproperlyConfigured("Demo data (with its published password) is refused in production mode.")
    for app in DEMO_APPS:
        try:
            module = importlib.import_module(f"thidua.{app}.demo")
        except ModuleNotFoundError as missing:
            if missing.name != f"thidua.{app}.demo":
                raise
            continue
        # Each app's part lands whole or not at all; a loaded part is skipped on the next run.
        with transaction.atomic():
            loaded = module.load()
        if stdout is not None and loaded:
            stdout.write(f"  {app}: {loaded}\n")
