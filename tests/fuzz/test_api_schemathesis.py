"""The API's own OpenAPI schema drives schemathesis (issue 8, item 4): no answer may be a server error.

Every operation gets a bounded number of generated requests, sent in-process through the WSGI application with a
bearer token of one of four roles, each in a savepoint that is rolled back. Path ids are either generated or the
ids of real objects of the demo world (to reach past the 404s). Examples are derandomized: a failure repeats.
"""

import contextlib

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.authz import runner
from tests.authz.api_ops import argument_for
from tests.authz.openapi import operations, schema

EXAMPLES_PER_OPERATION = 12
ROLES = ("admin", "officer_a", "secretariat", "board")
SENT = {"requests": 0, "operations": 0}


@pytest.fixture(scope="module")
def fuzz_schema():
    from thidua.wsgi import application

    loaded = schemathesis.openapi.from_dict(schema())
    loaded.app = application
    return loaded


@pytest.fixture
def wsgi_in_test_transaction():
    """Django's test client does the same: a request must not close the connection holding the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _real_ids(world, path, case):
    for name in case.path_parameters or {}:
        with contextlib.suppress(KeyError, StopIteration):
            case.path_parameters[name] = runner.fill(world, argument_for(path, name))


@pytest.mark.parametrize(("method", "path"), operations(), ids=lambda value: value)
def test_no_operation_answers_with_a_server_error(world_files, db, fuzz_schema, wsgi_in_test_transaction, method, path):
    world = world_files
    operation = fuzz_schema[path][method]
    failures = []

    @settings_for_fuzzing
    @given(case=operation.as_strategy(), role=st.sampled_from(ROLES), real_ids=st.booleans())
    def fuzz(case, role, real_ids):
        if real_ids:
            _real_ids(world, path, case)
        response = None
        with contextlib.suppress(runner.Rollback), transaction.atomic():
            response = case.call(headers={"Authorization": f"Bearer {world.tokens[role]}"})
            raise runner.Rollback
        SENT["requests"] += 1
        if response.status_code >= 500:
            failures.append((role, case.path_parameters, case.query, case.body, response.text[:300]))
        assert response.status_code < 500, response.text[:500]

    fuzz()
    SENT["operations"] += 1
    assert failures == []


settings_for_fuzzing = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module", autouse=True)
def _report_requests(request):
    yield
    if SENT["requests"]:
        plugins = request.config.pluginmanager
        reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
        with capture.global_and_fixture_disabled():
            reporter.write_line(
                f"schemathesis: {SENT['requests']} generated requests over {SENT['operations']} API operations"
            )
