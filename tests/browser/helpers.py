"""Helpers the tests of this app share."""

import io
import re
from pathlib import Path

from docx import Document
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


# A cluster's year, shared by the journeys that run one (test_whole_year: the demo's 2023; test_new_province: a
# new cluster's 2026) -------------------------------------------------------------------------------------------
def message(page, text):
    expect(page.locator(".messages")).to_contain_text(text)


def emulation_year(page, year):
    """The cluster year's page in "Thi đua" (the first cluster the user sees with that year); returns its address."""
    page.goto("/thi-dua/nam/")
    page.get_by_role("link", name=re.compile(str(year))).first.click()
    expect(page.locator("h1")).to_contain_text(str(year))
    return page.url


def schedule(secretary, phases_url, dates):
    """dates: {phase kind: (first day, last day)} typed into the schedule form, ISO dates."""
    secretary.goto(phases_url)
    for kind, (start, end) in dates.items():
        secretary.fill(f"#id_{kind}_starts_on", start)
        secretary.fill(f"#id_{kind}_ends_on", end)
    secretary.get_by_role("button", name="Lưu lịch").click()
    message(secretary, "Đã lưu lịch")


def set_phase(secretary, phases_url, kind, button):
    """button: "Mở bằng tay", "Đóng bằng tay" or "Theo lịch"."""
    secretary.goto(phases_url)
    form = secretary.locator(f"form[action$='/giai-doan/{kind}/dieu-chinh/']")
    form.get_by_role("button", name=button).click()
    expect(secretary.locator(".messages")).to_contain_text("Đã điều chỉnh giai đoạn")


def scoring_year(page, year):
    page.goto("/cham-diem/")
    page.locator("tbody tr").filter(has_text=str(year)).get_by_role("link").first.click()
    expect(page.locator("h1")).to_contain_text(str(year))


def criteria_table(secretary, year, criteria):
    """criteria: (code, parent code or "", title, kind, maximum points), parents first. Returns the table's address."""
    scoring_year(secretary, year)
    secretary.get_by_role("link", name="Bảng tiêu chí").first.click()
    secretary.get_by_role("button", name="Tạo bảng tiêu chí mới").click()
    table_url = secretary.url
    titles = {code: title for code, _parent, title, _kind, _points in criteria}
    for code, parent, title, kind, points in criteria:
        secretary.goto(table_url)
        secretary.get_by_role("link", name="Thêm tiêu chí").click()
        if parent:
            group = secretary.locator("#id_parent option", has_text=titles[parent])
            secretary.select_option("#id_parent", group.get_attribute("value"))
        secretary.fill("#id_code", code)
        secretary.fill("#id_title", title)
        secretary.select_option("#id_kind", kind)
        secretary.fill("#id_max_points", points)
        secretary.get_by_role("button", name="Lưu").click()
    secretary.goto(table_url)
    expect(secretary.locator("main")).to_contain_text("Bảng hợp lệ")
    return table_url


def self_assess(head, year, values, note):
    """values: one per criterion in the table's order, points as a number, a yes/no or veto answer as "1" or "0"."""
    scoring_year(head, year)
    head.get_by_role("link", name="Tự chấm điểm").first.click()
    head.get_by_role("button", name="Bắt đầu tự chấm điểm").click()
    running = 0
    for index, value in enumerate(values):
        form = head.locator("form.score-form").nth(index)
        field = form.locator("[name=value]")
        if isinstance(value, str):
            field.select_option(value)
        else:
            field.fill(str(value))
            running += value
        form.locator("textarea[name=note]").fill(note)
        form.get_by_role("button", name="Lưu").click()
        expect(head.locator("#self-totals")).to_contain_text(str(running))
    # The list of what is left refreshes with each save: once it is empty every save has landed.
    expect(head.locator("#self-problems")).not_to_contain_text("chưa chấm")
    head.get_by_role("button", name="Nộp bản tự chấm").click()
    expect(head.locator("main")).to_contain_text("Đã nộp bản tự chấm điểm")


def create_conference(secretary, cluster_year, *, held_on, place, chair, delegates):
    """From the voting home: the cluster year's summing-up conference with its member units' delegates on the roll.
    cluster_year is the label the year picker shows; returns the meeting's address."""
    secretary.goto("/bo-phieu/")
    secretary.select_option("#cy", label=cluster_year)
    secretary.get_by_role("button", name="Tạo hội nghị tổng kết").click()
    secretary.fill("#id_held_on", held_on)
    secretary.fill("#id_place", place)
    secretary.fill("#id_chair_name", chair)
    secretary.get_by_role("button", name="Lưu").click()
    meeting_url = secretary.url
    secretary.get_by_role("button", name="Thêm đại biểu của các đơn vị thành viên").click()
    expect(secretary.locator("main")).to_contain_text(f"Đã thêm {delegates} người vào danh sách.")
    return meeting_url


def add_award_ballot(secretary, question, max_choices, rule_set=None):
    """On a meeting's page: a ballot choosing the units proposed for the provincial flag."""
    secretary.get_by_role("link", name="Thêm phiếu").click()
    secretary.fill("#id_question", question)
    secretary.select_option("#id_purpose", "award")
    secretary.select_option("#id_award_form", label="Cờ thi đua cấp tỉnh")
    secretary.fill("#id_max_choices", str(max_choices))
    if rule_set:
        secretary.select_option("#id_rule_set", label=rule_set)
    secretary.get_by_role("button", name="Tạo phiếu").click()


def open_ballot_with_slips(secretary, slips):
    """On a draft ballot's page: open it (the counting board's three key sheets appear once), then issue the coded
    slips. Returns the ballot's address, each slip's voting address (what its QR code opens) and the key sheets."""
    secretary.get_by_role("button", name="Mở phiếu").click()
    shares = secretary.locator(".key-sheet .share-text code").all_inner_texts()
    assert len(shares) == 3
    secretary.get_by_role("link", name="Đã in xong, về trang phiếu").click()
    ballot_url = secretary.url
    secretary.get_by_role("link", name="In phiếu có mã bỏ phiếu").click()
    secretary.get_by_role("button", name="Cấp mã và mở trang in").click()
    codes = secretary.locator(".slip .code").all_inner_texts()
    assert len(codes) == slips
    entry = secretary.locator(".slip .entry-url").first.inner_text()
    return ballot_url, [f"{entry}#ma={code}" for code in codes], shares


def vote_on_phone(phone, slip_url, picks, before_sending=None):
    """picks: candidates by their position on the paper."""
    phone.on("dialog", lambda dialog: dialog.accept())
    phone.goto(slip_url)  # the QR code's address: the code in the fragment, which the page's script posts
    boxes = phone.locator(".choices input[type=checkbox]")
    for index in picks:
        boxes.nth(index).check()
    if before_sending:
        before_sending(phone)
    phone.get_by_role("button", name="Gửi phiếu").click()
    expect(phone.locator(".notice.ok")).to_contain_text("Phiếu của bạn đã được ghi nhận")


def close_and_read_result(secretary, ballot_url, shares):
    """Two of the three key sheets close the ballot; returns the result page's rows as (candidate, votes)."""
    secretary.goto(ballot_url)
    secretary.fill("#share-1", shares[0])
    secretary.fill("#share-2", shares[1])
    secretary.get_by_role("button", name="Kết thúc bỏ phiếu").click()
    expect(secretary).to_have_url(re.compile(r"/ket-qua/$"))
    rows = secretary.locator("table.result tbody tr")
    return [(row.locator("td").nth(1).inner_text(), int(row.locator("td.votes").inner_text())) for row in rows.all()]


def meeting_minutes(secretary, meeting_url):
    """The conference minutes (.docx) as downloaded: their paragraphs' text and, per ballot, its (candidate, votes)."""
    secretary.goto(meeting_url)
    with secretary.expect_download() as download:
        secretary.locator("a[href$='bien-ban.docx']").click()
    document = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    tables = [t for t in document.tables if t.rows[0].cells[1].text == "Ứng viên"]
    votes = [[(row.cells[1].text, int(row.cells[2].text)) for row in table.rows[1:]] for table in tables]
    return text, votes
