"""Helpers the tests of this app share."""

from playwright.sync_api import expect


def board_checks(desk):
    desk.goto("/de-nghi/")
    desk.get_by_role("link", name=TITLE).click()
    expect(desk.locator("main")).to_contain_text("Đã gửi tỉnh")
    desk.get_by_role("button", name="Tiếp nhận, thẩm định").click()
    expect(desk.locator(".messages")).to_contain_text("Đã tiếp nhận")
    expect(desk.locator("main")).to_contain_text("Điều kiện theo sổ")
    for index in range(3):
        form = desk.locator("form.verdict-form").nth(index)
        form.locator("select").select_option("accepted")
        form.locator("textarea").fill("Dẫn đầu Cụm theo kết quả bình xét, suy tôn; hồ sơ đầy đủ.")
        form.get_by_role("button", name="Ghi thẩm định").click()
        expect(desk.locator(".messages")).to_contain_text("Đã ghi kết quả thẩm định")
    expect(desk.locator(".tag.verdict-accepted")).to_have_count(3)


def member_votes(context, log_in, username, proposal_url):
    page = accepting(context.new_page())
    log_in(page, username)
    page.goto(proposal_url)
    page.get_by_role("link", name="Bỏ phiếu của tôi").click()
    boxes = page.locator(".choices input[type=checkbox]")
    expect(boxes).to_have_count(3)
    for index in range(3):
        boxes.nth(index).check()
    page.get_by_role("button", name="Gửi phiếu").click()
    expect(page.locator(".notice.ok")).to_contain_text("Phiếu của bạn đã được ghi nhận")


TITLE = "Đề nghị tặng Cờ thi đua cấp tỉnh năm 2023"


def accepting(page):
    page.on("dialog", lambda dialog: dialog.accept())
    return page
