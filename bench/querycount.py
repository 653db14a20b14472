"""Bench-only middleware: answers every response with the number of SQL queries it cost (X-Query-Count).

bench/bench_settings.py puts it first; the product's settings never load it, so production pays nothing.
"""

from django.db import connection


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response
