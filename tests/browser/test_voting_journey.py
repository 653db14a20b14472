"""Issue 5's journey: the secretary sets up a secret ballot, eight delegates vote from eight phones with the codes
printed on their slips (no login), the hall screen counts who has voted, and the result comes out at closing."""

import re

from playwright.sync_api import expect

from thidua.voting.models import CastBallot

QUESTION = "Bầu đơn vị đề nghị UBND tỉnh tặng Cờ thi đua năm 2024"
PICKS = [[0, 1, 2]] * 6 + [[0, 1, 3], [0, 3, 4]]  # candidates by position on the ballot paper


def set_up_ballot(page):
    page.goto("/bo-phieu/")
    page.select_option("#cy", label="Cụm thi đua các huyện, thị xã, thành phố – 2024")
    page.get_by_role("button", name="Tạo hội nghị tổng kết").click()
    page.fill("#id_held_on", "2024-12-28")
    page.fill("#id_place", "Hội trường UBND huyện Minh Hóa")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Thêm đại biểu của các đơn vị thành viên").click()
    expect(page.locator("main")).to_contain_text("Đã thêm 8 người vào danh sách.")
    page.get_by_role("link", name="Thêm phiếu").click()
    page.fill("#id_question", QUESTION)
    page.select_option("#id_purpose", "award")
    page.fill("#id_max_choices", "3")
    page.get_by_role("button", name="Tạo phiếu").click()
    expect(page.locator("main")).to_contain_text("Không có vướng mắc")
    page.get_by_role("button", name="Mở phiếu").click()
    expect(page.locator("main")).to_contain_text("Phiếu đã mở. Danh sách đã cố định.")
    shares = page.locator(".key-sheet .share-text code").all_inner_texts()  # the counting board's three sheets
    assert len(shares) == 3
    page.get_by_role("link", name="Đã in xong, về trang phiếu").click()
    ballot_url = page.url
    page.get_by_role("link", name="In phiếu có mã bỏ phiếu").click()
    page.get_by_role("button", name="Cấp mã và mở trang in").click()
    codes = page.locator(".slip .code").all_inner_texts()
    assert len(codes) == 8
    expect(page.locator(".slip").first).to_contain_text("Phiếu không ghi tên")
    entry = page.locator(".slip .entry-url").first.inner_text()
    return ballot_url, [f"{entry}#ma={code}" for code in codes], shares


def vote_on_phone(context, slip_url, picks):
    phone = context.new_page()
    phone.on("dialog", lambda dialog: dialog.accept())
    phone.goto(slip_url)  # what the QR code opens: the code in the fragment, posted by the page's script
    boxes = phone.locator(".choices input[type=checkbox]")
    for index in picks:
        boxes.nth(index).check()
    phone.get_by_role("button", name="Gửi phiếu").click()
    expect(phone.locator(".notice.ok")).to_contain_text("Phiếu của bạn đã được ghi nhận")
    return phone, phone.locator(".receipt-code").inner_text()


def test_eight_delegates_vote_from_eight_phones(new_context, demo_data, log_in):
    desk = new_context().new_page()
    desk.on("dialog", lambda dialog: dialog.accept())
    log_in(desk, "thuky.cum")
    ballot_url, codes, shares = set_up_ballot(desk)

    receipts = []
    phones = []
    for slip_url, picks in zip(codes, PICKS, strict=True):
        phone, receipt = vote_on_phone(new_context(phone=True), slip_url, picks)
        phones.append(phone)
        receipts.append(receipt)
    assert len(set(receipts)) == 8
    assert CastBallot.objects.filter(filled=True, ballot__question=QUESTION).count() == 8

    # The same slip a second time: refused, and still eight ballots.
    again = new_context(phone=True).new_page()  # a fresh page: the same address again would only move the fragment
    again.goto(codes[0])
    expect(again.locator("[role=alert]")).to_contain_text("Mã này đã được dùng để bỏ phiếu")

    hall = new_context().new_page()
    log_in(hall, "thuky.cum")
    hall.goto(ballot_url + "man-hinh/")
    expect(hall.locator(".turnout")).to_contain_text("8")
    expect(hall.locator("main")).not_to_contain_text("Số phiếu")

    desk.goto(ballot_url)
    desk.fill("#share-1", shares[2])  # any two of the three members hand in their sheets
    desk.fill("#share-3", shares[0])
    desk.get_by_role("button", name="Kết thúc bỏ phiếu").click()
    expect(desk).to_have_url(re.compile(r"/ket-qua/$"))
    rows = desk.locator("table.result tbody tr")
    expect(rows.nth(0)).to_contain_text("8")
    expect(rows.nth(0)).to_contain_text("Đạt")
    for receipt in receipts:
        expect(desk.locator(".receipts")).to_contain_text(receipt)
    # The hall screen turns to the result by itself (htmx polling, no page reload).
    expect(hall.locator("table.result")).to_be_visible()
    assert CastBallot.objects.filter(filled=True, ballot__question=QUESTION).count() == 8
