"""The product's settings plus the query-count header, for bench/pages.py's gunicorn only."""

from thidua.settings import *  # noqa: F403 - the product's settings, unchanged
from thidua.settings import MIDDLEWARE

MIDDLEWARE = ["querycount.QueryCountMiddleware", *MIDDLEWARE]
