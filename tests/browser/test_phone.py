"""Each role's key pages on a 390×844 phone (issue 18): no sideways scrolling, the key figure on screen in every
card, what waits for the person on the first screen, and the whole menu one tap away."""

from django.urls import reverse
from playwright.sync_api import expect

from thidua.organizations.demo import SEED_CLUSTER_NAME
from thidua.organizations.models import ClusterYear

PHONE_WIDTH, PHONE_HEIGHT = 390, 844


def key_pages():
    """(username, [(path, CSS selector of the key figure that must be on screen)]) per role."""
    y2023 = ClusterYear.objects.get(cluster__name=SEED_CLUSTER_NAME, year=2023)
    y2024 = ClusterYear.objects.get(cluster__name=SEED_CLUSTER_NAME, year=2024)
    ranking = (reverse("scoring:ranking", args=[y2023.pk]), "table.stack tbody tr:first-child td.key:not(.rank)")
    board = (reverse("emulation:registration_board", args=[y2024.pk]), "table.stack tbody tr:first-child td.key")
    register = (reverse("awards:register"), "table.stack tbody tr:first-child td.key")
    return [
        ("canbo.lethuy", [ranking, register]),
        ("truong.minhhoa", [ranking]),
        ("thuky.cum", [board, ranking]),
        ("bantdkt", [register, (reverse("proposals:list"), "table.stack tbody tr:first-child")]),
        ("hoidong1", [(reverse("reports:index"), "main h1")]),
        ("admin", [(reverse("core:activity_log"), "table.stack tbody tr:first-child")]),
    ]


def assert_fits(page):
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways on a phone: {widths}"


def assert_on_screen(page, selector):
    page.locator(selector).first.scroll_into_view_if_needed()
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not drawn on {page.url}"
    assert box["x"] >= 0, f"{selector} starts off-screen on {page.url}: {box}"
    assert box["x"] + box["width"] <= PHONE_WIDTH, f"{selector} ends off-screen on {page.url}: {box}"


def test_every_role_reads_its_key_pages_on_a_phone(new_context, demo_data, log_in):
    for username, pages in key_pages():
        page = log_in(new_context(phone=True).new_page(), username)
        # The first screen says what waits for the person (or that nothing does).
        todo = page.locator("#todo-title")
        expect(todo).to_be_visible()
        assert todo.bounding_box()["y"] < PHONE_HEIGHT
        assert_fits(page)
        # One tap on Menu shows every group of the menu.
        page.get_by_role("button", name="Menu").click()
        expect(page.locator("#main-nav .nav-group-title").first).to_be_visible()
        expect(page.locator("#main-nav a").last).to_be_visible()
        for path, key in pages:
            page.goto(path)
            assert_fits(page)
            assert_on_screen(page, key)
