"""Browser tests: Playwright drives the system Chromium (Debian's package) against pytest-django's live server.

Fixtures for every journey:
- `browser` (session): one headless Chromium per test process, never downloaded (no `playwright install`).
- `page`: a desktop-sized page on the live server (relative URLs work: `page.goto("/don-vi/")`).
- `phone_page` and `new_context(phone=True)`: phone-sized contexts, e.g. one per voting delegate.
- `demo_data`: the demo data of every app (`seed_demo`), loaded into the live server's database.
- `log_in(page, username)`: logs in through the login form, as a person would.
Every test that uses `browser` (directly or through these fixtures) is marked `browser` automatically.
A page that breaks the Content-Security-Policy or throws a JavaScript error fails its test.
"""

import contextlib
import os
import re
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from django.urls import reverse
from playwright.sync_api import expect

# Playwright's synchronous API keeps an event loop in this thread; the ORM calls the tests make here
# (loading demo data, checking rows) are still synchronous, so Django's async guard must stand aside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server, answering one request at a time while it shares the tests' connection.

    On SQLite's in-memory test database every request thread uses the one connection the tests use, so two pages
    saving at once (a score form's in-place saves) interleaved their savepoints ("no such savepoint"). Connections
    are still accepted in threads: Chromium's idle preconnections must not block the server."""

    lock = threading.Lock()

    def get_app(self):
        app = super().get_app()
        if not self.connections_override:
            return app

        def serially(environ, start_response):
            with self.lock:
                return app(environ, start_response)

        return serially


LiveServerThread.server_class = OneRequestAtATimeServer

DEMO_PASSWORD = "thidua-demo"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    # The machines have no internet: without these Chromium keeps trying to reach Google's hosts.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def chromium_path():
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # The page fixtures read this to keep a screenshot of a failed test.
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        message = (
            f"Chromium not found at {path}: install Debian's `chromium` package (or set CHROMIUM_PATH). "
            "Playwright's own browser download is never used."
        )
        # In CI a missing browser is a broken install, not a reason to pass quietly.
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def demo_data(transactional_db):
    call_command("seed_demo", verbosity=0)


class _PageWatch:
    """Collects what a person would not see but what means the page is broken."""

    def __init__(self):
        self.problems = []

    def attach(self, page):
        page.on("pageerror", lambda error: self.problems.append(f"JavaScript error: {error}"))
        page.on("console", self._console)

    def _console(self, message):
        if message.type == "error" and re.search(r"Content[ -]Security[ -]Policy", message.text, re.IGNORECASE):
            self.problems.append(f"CSP violation: {message.text}")


# expect() waits 5 s by default: too short for a loaded CI machine's first page.
expect.set_options(timeout=20_000)


@pytest.fixture
def new_context(browser, live_server, request):
    """new_context(phone=False, language="vi") -> a fresh browser context (own cookies) on the live server."""
    contexts = []
    watch = _PageWatch()

    def make(*, phone=False, language="vi"):
        options = {
            "base_url": live_server.url,
            "locale": "vi-VN" if language == "vi" else "en-US",
            "timezone_id": "Asia/Ho_Chi_Minh",
            "viewport": PHONE if phone else DESKTOP,
        }
        if phone:
            options.update(is_mobile=True, has_touch=True, device_scale_factor=2)
        context = browser.new_context(**options)
        # Generous, because CI runs these beside other test processes on two cores; a broken page still fails,
        # only later. Nothing here measures speed.
        context.set_default_timeout(30_000)
        context.on("page", watch.attach)
        contexts.append(context)
        return context

    yield make
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    for index, context in enumerate(contexts):
        if failed:
            _keep_screenshots(context, request.node.name, index)
        context.close()
    if watch.problems and not failed:
        pytest.fail("The pages broke while the test ran:\n" + "\n".join(watch.problems))


def _keep_screenshots(context, test_name, index):
    ARTIFACTS.mkdir(exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)
    for number, page in enumerate(context.pages):
        # A crashed page cannot be photographed; the test's own failure is what matters then.
        with contextlib.suppress(Exception):
            page.screenshot(path=str(ARTIFACTS / f"{safe}-{index}-{number}.png"), full_page=True)


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def phone_page(new_context):
    return new_context(phone=True).new_page()


@pytest.fixture
def log_in():
    """log_in(page, username, password=DEMO_PASSWORD): fills in the login form and waits for the home page."""

    def do(page, username, password=DEMO_PASSWORD):
        page.goto(reverse("accounts:login"))
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(re.compile(r"/$"))
        return page

    return do
