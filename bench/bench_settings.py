"""The product's settings plus the query-count header, for bench/pages.py's gunicorn only."""

from thidua.settings import *  # noqa: F403 - the product's settings, unchanged
from thidua.settings import MIDDLEWARE, STORAGES

MIDDLEWARE = ["querycount.QueryCountMiddleware", *MIDDLEWARE]
# The bench fetches pages, never static files: hashed names as in production, without compressing every file
# at each run (whitenoise's compression took minutes of a loaded 2-core machine's time).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
