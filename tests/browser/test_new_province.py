"""The new Quảng Trị from an empty installation, through pages only (issue 13, "How it will be checked").

The database holds only what the documented first step leaves: `setup_province` (the province, its 78 communes,
wards and special zone, the award catalogue, the national rule sets and the first administrator). Everything
after it is done in a real browser by the account whose work it is, signed in through the login form:
the administrator creates the board's account; the board founds a cluster of ten communes that rotates its
leader, opens 2026 with the ten as members, sets the rotation order, creates the cluster-voting rule set (two
flags at most, more than half of all members) and the ten communes' accounts from an Excel sheet; a commune's
officer signs in with the printed temporary password; the "open next year" page of 2026 then names 2027's
leader from the rotation order.
"""

import io

import pytest
from django.core.management import call_command
from openpyxl import Workbook
from playwright.sync_api import expect

ADMIN_PASSWORD = "quantri-QT-2026!"
NEW_PASSWORD = "mat-khau-moi-QT-2026!"
# Ten communes of the new Quảng Trị (codes from the official list) in the cluster's rotation order.
COMMUNES = [
    ("tuyen-lam", "Tuyên Lâm"),
    ("nam-gianh", "Nam Gianh"),
    ("dan-hoa", "Dân Hóa"),
    ("kim-dien", "Kim Điền"),
    ("kim-phu", "Kim Phú"),
    ("minh-hoa", "Minh Hóa"),
    ("nam-ba-don", "Nam Ba Đồn"),
    ("tuyen-son", "Tuyên Sơn"),
    ("dong-le", "Đồng Lê"),
    ("tuyen-phu", "Tuyên Phú"),
]
CLUSTER = "Cụm thi đua số 1 - các xã miền núi phía Bắc"
OFFICER = "Cán bộ thi đua, khen thưởng đơn vị"


def label(name):
    return f"xã {name} – Quảng Trị"


@pytest.fixture
def empty_province(transactional_db):
    call_command("setup_province", admin_password=ADMIN_PASSWORD, verbosity=0, stdout=io.StringIO())


def message(page, text):
    expect(page.locator(".messages")).to_contain_text(text)


def sign_in(new_context, username, password):
    page = new_context().new_page()
    page.goto("/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page


def first_sign_in(new_context, username, temporary):
    """A temporary password opens only the change page: the new user replaces it first."""
    page = sign_in(new_context, username, temporary)
    expect(page.locator("#id_new_password1")).to_be_visible()
    page.fill("#id_old_password", temporary)
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    page.get_by_role("button", name="Đổi mật khẩu").click()
    expect(page.locator("#id_new_password1")).to_have_count(0)
    return page


def slip_password(page, username):
    slip = page.locator(".account-slip").filter(has_text=username)
    return slip.locator(".password").inner_text().strip()


# 1a. The administrator creates the board's account --------------------------------------------------------------
def create_board_account(admin):
    admin.goto("/quan-ly-tai-khoan/")
    admin.get_by_role("link", name="Tạo tài khoản", exact=True).click()
    admin.fill("#id_full_name", "Nguyễn Văn Ban")
    admin.fill("#id_username", "ban.tdkt")
    admin.fill("#id_email", "ban.tdkt@quangtri.gov.vn")
    admin.select_option("#id_role", label="Cán bộ Ban Thi đua - Khen thưởng tỉnh")
    admin.select_option("#id_province", label="Quảng Trị")
    admin.get_by_role("button", name="Tạo tài khoản").click()
    expect(admin.locator("h1")).to_contain_text("Đã tạo tài khoản")
    expect(admin.locator(".account-slip")).to_contain_text("Ban Thi đua - Khen thưởng tỉnh – Quảng Trị")
    return slip_password(admin, "ban.tdkt")


# 1b. The board founds the cluster, opens 2026, sets the rotation order -------------------------------------------
def found_cluster(board):
    board.goto("/cum/")
    board.get_by_role("link", name="Thành lập cụm, khối").click()
    board.fill("#id_name", CLUSTER)
    board.select_option("#id_kind", label="cụm thi đua")
    board.fill("#id_founding_decision", "Quyết định số 15/QĐ-HĐTĐKT về việc thành lập các cụm thi đua")
    board.fill("#id_founding_decision_date", "2026-01-05")
    board.fill("#id_valid_from", "2026-01-05")
    board.select_option("#id_leader_selection", label="luân phiên theo thứ tự")
    board.get_by_role("button", name="Thành lập").click()
    message(board, f"Đã thành lập {CLUSTER}")
    return board.url


def open_2026(board, cluster_url):
    board.goto(cluster_url)
    board.get_by_role("link", name="Mở kỳ thi đua mới").click()
    board.fill("#id_year", "2026")
    board.select_option("#id_members", label=[label(name) for _code, name in COMMUNES])
    board.select_option("#id_leader", label=label(COMMUNES[0][1]))
    board.select_option("#id_deputy", label=label(COMMUNES[1][1]))
    board.get_by_role("button", name="Mở kỳ thi đua").click()
    expect(board.locator("main")).to_contain_text("2026")


def rotation_order(board, cluster_url):
    board.goto(cluster_url)
    board.get_by_role("link", name="Thứ tự luân phiên").click()
    for _code, name in COMMUNES:
        board.select_option("#id_unit", label=label(name))
        board.get_by_role("button", name="Thêm vào thứ tự").click()
        message(board, "Đã cập nhật thứ tự luân phiên")
    expect(board.locator("ol.rotation li")).to_have_count(10)
    for index, (_code, name) in enumerate(COMMUNES):
        expect(board.locator("ol.rotation li").nth(index)).to_contain_text(f"xã {name}")


# 1c. The board creates the ten communes' accounts from an Excel sheet ----------------------------------------------
def accounts_sheet(path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Họ tên", "Tên đăng nhập", "E-mail hoặc điện thoại", "Mã đơn vị", "Vai trò"])
    for number, (code, name) in enumerate(COMMUNES, start=1):
        sheet.append(
            [
                f"Cán bộ xã {name}",
                f"canbo.{code}",
                f"canbo{number}@{code}.quangtri.gov.vn",
                f"quang-tri-{code}",
                OFFICER,
            ]
        )
    book.save(path)
    return path


def import_accounts(board, sheet):
    board.goto("/quan-ly-tai-khoan/")
    board.get_by_role("link", name="Tạo nhiều tài khoản từ tệp Excel").click()
    board.set_input_files("#id_file", str(sheet))
    board.get_by_role("button", name="Chạy thử").click()
    expect(board.locator("[role=status]")).to_contain_text("10 dòng hợp lệ; chưa có gì được ghi.")
    board.set_input_files("#id_file", str(sheet))
    board.get_by_role("button", name="Tạo tài khoản").click()
    expect(board.locator("h1")).to_contain_text("Đã tạo 10 tài khoản")
    expect(board.locator(".account-slip")).to_have_count(10)
    return {code: slip_password(board, f"canbo.{code}") for code, _name in COMMUNES}


# 2. The board creates the cluster-voting rule set: two flags at most, more than half of all members ----------------
VOTING_RULES = "Bình xét, suy tôn trong cụm, khối thi đua tỉnh Quảng Trị"


def cluster_voting_rules(board):
    board.goto("/khen-thuong/quy-dinh/")
    board.get_by_role("link", name="Thêm bộ quy định").first.click()
    board.select_option("#id_kind", "cluster_voting")
    board.get_by_role("button", name="Tiếp tục").click()
    board.fill("#id_name", VOTING_RULES)
    board.fill("#id_citation", "Quyết định số 20/2026/QĐ-UBND, Điều 9")
    expect(board.locator("#id_province option:checked")).to_have_text("Riêng tỉnh Quảng Trị")
    board.fill("#id_valid_from", "2026-01-01")
    board.fill("#id_p_quorum_percent", "50")
    board.fill("#id_p_threshold_percent", "50")
    board.select_option("#id_p_comparison", "more_than")
    board.select_option("#id_p_denominator", "all_members")
    board.fill("#id_p_quota", "2")
    board.select_option("#id_p_tie_rule", "runoff")
    board.check("#id_p_secret")
    board.get_by_role("button", name="Tạo bộ quy định").click()
    message(board, "Đã tạo bộ quy định (phiên bản 1, ghi nhật ký).")
    expect(board.locator("h1")).to_contain_text(VOTING_RULES)


# 6. 2027's leader comes from the rotation order -------------------------------------------------------------------
def next_year_leader(board, cluster_url):
    board.goto(cluster_url)
    board.get_by_role("link", name="Mở năm sau từ năm này").click()
    expect(board.locator("h1")).to_contain_text("Mở kỳ thi đua năm 2027 từ năm 2026")
    expect(board.locator("dl.facts")).to_contain_text(
        f"Theo thứ tự luân phiên: xã {COMMUNES[1][1]} (Trưởng cụm), xã {COMMUNES[2][1]} (Phó Trưởng cụm)"
    )
    expect(board.locator("dl.facts")).to_contain_text("10 đơn vị")


def test_new_quang_tri_from_an_empty_installation(empty_province, new_context, tmp_path):
    admin = sign_in(new_context, "admin", ADMIN_PASSWORD)
    expect(admin.locator("#id_password")).to_have_count(0)
    board_password = create_board_account(admin)

    board = first_sign_in(new_context, "ban.tdkt", board_password)
    cluster_url = found_cluster(board)
    open_2026(board, cluster_url)
    rotation_order(board, cluster_url)
    cluster_voting_rules(board)
    passwords = import_accounts(board, accounts_sheet(tmp_path / "tai-khoan-10-xa.xlsx"))

    # A commune's officer signs in with the password on the printed slip and sees its own commune.
    officer = first_sign_in(new_context, "canbo.tuyen-lam", passwords["tuyen-lam"])
    officer.goto("/")
    expect(officer.locator("body")).to_contain_text("Tuyên Lâm")

    next_year_leader(board, cluster_url)
