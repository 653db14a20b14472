"""Screenshots of the key pages into docs/screenshots/ (`make screenshots`), for README.md and the user guide.

The demo data goes into a throwaway SQLite database, the development server runs on a free local port, and
the system Chromium (Debian's package, CHROMIUM_PATH to override) takes the pictures. Run on purpose, not in tests.
Add a page by adding a Shot to SHOTS.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
OUT = PROJECT / "docs" / "screenshots"
DEMO_PASSWORD = "thidua-demo"  # noqa: S105 - the published demo password
# The same flags as tests/browser/conftest.py: headless, as root, on a machine without internet.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}


@dataclass
class Shot:
    filename: str
    username: str
    path: object  # a URL path, or a callable returning one once Django is set up
    phone: bool = False
    click: str = ""  # a button to press before the picture (the phone's Menu)


def _unit(code):
    def path():
        from thidua.organizations.models import Unit

        return f"/don-vi/{Unit.objects.get(code=code).pk}/"

    return path


def _seed_cluster():
    from thidua.organizations.demo import SEED_CLUSTER_NAME
    from thidua.organizations.models import Cluster

    return f"/cum/{Cluster.objects.get(name=SEED_CLUSTER_NAME).pk}/"


def _ranking_2023():
    from thidua.organizations.demo import SEED_CLUSTER_NAME
    from thidua.organizations.models import ClusterYear

    return f"/cham-diem/nam/{ClusterYear.objects.get(cluster__name=SEED_CLUSTER_NAME, year=2023).pk}/xep-hang/"


SHOTS = [
    Shot("home.png", "canbo.lethuy", "/"),
    Shot("unit-lethuy.png", "canbo.lethuy", _unit("qb-lethuy")),
    Shot("cluster.png", "canbo.lethuy", _seed_cluster),
    Shot("search.png", "canbo.lethuy", "/tim-kiem/?q=le+thuy"),
    Shot("home-phone.png", "canbo.lethuy", "/", phone=True),
    Shot("menu-phone.png", "canbo.lethuy", "/", phone=True, click="Menu"),
    Shot("ranking-phone.png", "canbo.lethuy", _ranking_2023, phone=True),
    Shot("home-secretariat.png", "thuky.cum", "/"),
    Shot("home-secretariat-phone.png", "thuky.cum", "/", phone=True),
    Shot("home-board-phone.png", "bantdkt", "/", phone=True),
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("the development server stopped before it answered")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    sys.exit("the development server did not answer in time")


def prepare_database(data_dir):
    os.environ.update(DEBUG="1", THIDUA_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="thidua.settings")
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(PROJECT / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)


def take(base_url):
    from playwright.sync_api import sync_playwright

    # Ask the database before Playwright starts: its event loop makes Django refuse synchronous queries.
    paths = {shot.filename: shot.path() if callable(shot.path) else shot.path for shot in SHOTS}

    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for (username, phone), shots in groupby(SHOTS, key=lambda s: (s.username, s.phone)):
            context = browser.new_context(
                base_url=base_url, viewport=PHONE if phone else DESKTOP, locale="vi-VN", is_mobile=phone
            )
            page = context.new_page()
            page.goto("/tai-khoan/dang-nhap/")
            page.fill("#id_username", username)
            page.fill("#id_password", DEMO_PASSWORD)
            page.locator("main form button[type=submit]").click()
            page.wait_for_url(f"{base_url}/")
            for shot in shots:
                page.goto(paths[shot.filename])
                page.wait_for_load_state("networkidle")  # the home page's lazily loaded to-do rows
                if shot.click:
                    page.get_by_role("button", name=shot.click).click()
                page.screenshot(path=str(OUT / shot.filename))
                print(f"docs/screenshots/{shot.filename}")
            context.close()
        browser.close()


def main():
    data_dir = Path(tempfile.mkdtemp(prefix="thidua-screenshots-"))
    try:
        prepare_database(data_dir)
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=PROJECT,
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(port, server)
            take(f"http://127.0.0.1:{port}")
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
