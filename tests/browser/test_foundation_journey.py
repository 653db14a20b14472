"""Issue 2's first journey, as a unit officer of huyện Lệ Thủy would do it in a browser."""

import re

from playwright.sync_api import expect

from thidua.organizations.models import Unit

LETHUY_SUCCESSORS = ["Lệ Thủy", "Cam Hồng", "Sen Ngư", "Tân Mỹ", "Trường Phú", "Lệ Ninh", "Kim Ngân"]


def search(page, words):
    page.goto("/tim-kiem/")
    page.fill("#q", words)
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"\?q="))
    return page.locator(".results-units")


def test_officer_logs_in_opens_lethuy_and_searches_without_accents(page, demo_data, log_in):
    log_in(page, "canbo.lethuy")
    main = page.locator("main")
    expect(main).to_contain_text("huyện Lệ Thủy")
    expect(main).to_contain_text("Cụm thi đua các huyện, thị xã, thành phố")

    main.get_by_role("link", name="huyện Lệ Thủy").first.click()
    expect(page.locator("h1")).to_have_text("huyện Lệ Thủy")
    successors = page.locator("#successors")
    expect(successors).to_contain_text("Đơn vị kết thúc hoạt động ngày 30/06/2025")
    for name in LETHUY_SUCCESSORS:
        expect(successors.get_by_role("link", name=f"xã {name}", exact=True)).to_be_visible()

    units = search(page, "le thuy")
    expect(units.get_by_role("link", name="huyện Lệ Thủy", exact=True)).to_be_visible()
    expect(units.get_by_role("link", name="xã Lệ Thủy", exact=True)).to_be_visible()

    units = search(page, "dong hoi")
    expect(units.get_by_role("link", name="thành phố Đồng Hới", exact=True)).to_be_visible()


def test_commune_page_shows_the_former_communes(page, demo_data, log_in):
    log_in(page, "canbo.lethuy")
    commune = Unit.objects.get(code="qt2025-le-thuy")
    page.goto(f"/don-vi/{commune.pk}/")
    expect(page.locator("h1")).to_have_text("xã Lệ Thủy")
    for former in ["thị trấn Kiến Giang", "xã An Thủy", "xã Liên Thủy", "xã Lộc Thủy", "xã Phong Thủy", "xã Xuân Thủy"]:
        expect(page.locator("main").get_by_role("link", name=former, exact=True).first).to_be_visible()


def test_wrong_password_keeps_the_officer_out(page, demo_data):
    page.goto("/tai-khoan/dang-nhap/")
    page.fill("#id_username", "canbo.lethuy")
    page.fill("#id_password", "sai-mat-khau")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[role=alert]")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/tai-khoan/dang-nhap/\?next=/$"))


def test_language_switch_shows_english(page, demo_data, log_in):
    log_in(page, "canbo.lethuy")
    # The select submits itself through static/js/thidua.js: this also proves the script runs under the CSP.
    with page.expect_navigation():
        page.select_option("#lang-select", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main h1")).to_contain_text("Hello")
    expect(page.locator("header")).to_contain_text("Log out")


def test_home_page_fits_a_phone(phone_page, demo_data, log_in):
    log_in(phone_page, "canbo.lethuy")
    expect(phone_page.locator("main")).to_contain_text("huyện Lệ Thủy")
    widths = phone_page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways on a phone: {widths}"


def test_one_tap_on_menu_opens_every_group_on_a_phone(phone_page, demo_data, log_in):
    log_in(phone_page, "canbo.lethuy")
    menu = phone_page.locator("#main-nav")
    expect(menu).to_be_hidden()  # the page starts right under a short header
    phone_page.get_by_role("button", name="Menu").click()
    expect(menu.locator(".nav-group-title")).to_have_text(["Công việc trong năm", "Hồ sơ và khen thưởng", "Báo cáo"])
    last_link = menu.get_by_role("link").last
    with phone_page.expect_navigation():
        last_link.click()
    widths = phone_page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways on a phone: {widths}"
