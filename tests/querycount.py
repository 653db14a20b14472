"""N+1 guard for list pages: the number of queries must not grow with the number of rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url, *, status=200):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == status, response.status_code
    return len(captured)


# The layout's menu asks each app whether to show its entries (e.g. "Thẩm định" for assigned reviewers); those
# few queries are constant per page and grow with the number of apps, not with rows.
LAYOUT_ALLOWANCE = 4


def assert_flat_query_count(client, url, add_rows, *, maximum):
    """Add rows once and count the page's queries; add three times as many and count again.

    Both counts must be equal (no query per row) and at most maximum. Returns the count.
    """
    add_rows()
    before = queries_for(client, url)
    for _ in range(3):
        add_rows()
    after = queries_for(client, url)
    assert before == after, f"{url}: {before} queries with few rows, {after} with more"
    ceiling = maximum + LAYOUT_ALLOWANCE
    assert after <= ceiling, f"{url}: {after} queries, at most {ceiling} expected"
    return after
