"""Accessibility of the key pages (axe-core: no serious or critical violation) and the keyboard alone reaching the
main actions: logging in, opening a menu entry, ticking a ballot paper and sending it (issue 8, item 2)."""

import datetime
import re

from playwright.sync_api import expect

from tests.browser.axe import install_axe, violations
from thidua.accounts.models import User
from thidua.emulation import services as emulation
from thidua.organizations.demo import SEED_CLUSTER_NAME
from thidua.organizations.models import Cluster, ClusterYear, Unit
from thidua.proposals.models import Proposal
from thidua.scoring.models import Assessment
from thidua.voting import services as voting
from thidua.voting.enums import MeetingKind
from thidua.voting.models import Ballot


def open_ballot_codes():
    """A 2024 review conference of the seed cluster with an open secret ballot; the addresses its slips' QR codes
    open (the code in the fragment)."""
    cluster_year = ClusterYear.objects.get(cluster__name=SEED_CLUSTER_NAME, year=2024)
    secretary = User.objects.get(username="thuky.cum")
    meeting = voting.create_meeting(
        kind=MeetingKind.CONFERENCE,
        title="Hội nghị tổng kết năm 2024",
        held_on=datetime.date(2024, 12, 28),
        place="Hội trường UBND huyện Minh Hóa",
        actor=secretary,
        cluster_year=cluster_year,
    )
    voting.add_member_delegates(meeting, actor=secretary)
    ballot = voting.create_ballot(
        meeting, question="Bầu đơn vị đề nghị tặng Cờ thi đua năm 2024", max_choices=3, actor=secretary
    )
    voting.open_ballot(ballot, actor=secretary)
    return [f"/bo-phieu/ma/{ballot.public_id}/#ma={i.code}" for i in voting.issue_codes(ballot, actor=secretary)]


def key_pages():
    lethuy = Unit.objects.get(code="qb-lethuy")
    cluster = Cluster.objects.get(name=SEED_CLUSTER_NAME)
    cy2025 = ClusterYear.objects.get(cluster=cluster, year=2025)
    officer = User.objects.get(username="canbo.lethuy")
    registration = emulation.registration_for(cy2025, lethuy, actor=officer)
    assessment = Assessment.objects.get(cluster_year__cluster=cluster, cluster_year__year=2023, unit=lethuy)
    return [
        "/",
        f"/don-vi/{lethuy.pk}/",
        f"/cum/{cluster.pk}/",
        f"/thi-dua/dang-ky/{registration.pk}/",
        f"/thi-dua/dang-ky/{registration.pk}/sua/",
        f"/cham-diem/tu-cham/{assessment.pk}/",
        "/khen-thuong/so-theo-doi/",
        "/de-nghi/",
        "/bao-cao/",
    ]


def test_key_pages_have_no_serious_accessibility_violation(new_context, demo_data, log_in):
    found = []
    public = new_context()
    install_axe(public)
    page = public.new_page()
    for path in ("/tai-khoan/dang-nhap/", "/bang-vang/", "/bo-phieu/ma/"):
        page.goto(path)
        found += violations(page)
    # The checker itself can fail: an image without a text alternative is a critical violation.
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert any(" image-alt (critical)" in line for line in violations(page))

    desk = new_context()
    install_axe(desk)
    page = log_in(desk.new_page(), "canbo.lethuy")
    for path in key_pages():
        page.goto(path)
        found += violations(page)

    phone = new_context(phone=True)
    install_axe(phone)
    page = phone.new_page()
    page.goto(open_ballot_codes()[0])
    expect(page.get_by_role("button", name="Gửi phiếu")).to_be_visible()
    found += violations(page)
    assert found == []


def staff_pages():
    """The pages the secretariat and the board work on, from the demo's 2023 year and its proposal."""
    cy2023 = ClusterYear.objects.get(cluster__name=SEED_CLUSTER_NAME, year=2023)
    ballot = Ballot.objects.filter(meeting__cluster_year=cy2023).order_by("pk").first()
    proposal = Proposal.objects.filter(cluster_year=cy2023).order_by("pk").first()
    secretariat = [
        f"/thi-dua/nam/{cy2023.pk}/giai-doan/",
        f"/thi-dua/nam/{cy2023.pk}/dang-ky/",
        f"/cham-diem/nam/{cy2023.pk}/phan-cong/",
        f"/cham-diem/nam/{cy2023.pk}/xep-hang/",
        "/bo-phieu/",
        f"/bo-phieu/hoi-nghi/{ballot.meeting_id}/",
        f"/bo-phieu/phieu/{ballot.pk}/ket-qua/",
    ]
    board = [f"/de-nghi/{proposal.pk}/", "/khen-thuong/quy-dinh/", "/nhat-ky/", "/khong-co-trang-nay/"]
    return secretariat, board


def test_secretariat_and_board_pages_have_no_serious_accessibility_violation(new_context, demo_data, log_in):
    found = []
    secretariat, board = staff_pages()
    for username, paths in (("thuky.cum", secretariat), ("bantdkt", board)):
        context = new_context()
        install_axe(context)
        page = log_in(context.new_page(), username)
        for path in paths:
            page.goto(path)
            found += violations(page)
    assert found == [], "\n".join(found)


def test_every_part_of_the_home_page_is_inside_a_landmark(new_context, demo_data, log_in):
    # The demo banner once stood outside every landmark (a moderate axe finding, fixed in base.html).
    context = new_context()
    install_axe(context)
    page = log_in(context.new_page(), "canbo.lethuy")
    assert [line for line in violations(page, impacts=("moderate",)) if " region " in line] == []


def tab_to(page, test, limit=40):
    """Press Tab until the focused element passes `test` (a JavaScript expression on `el`)."""
    for _ in range(limit):
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {test}; }})()"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached an element where {test}")


def test_the_keyboard_alone_logs_in_opens_the_menu_and_casts_a_ballot(new_context, demo_data):
    page = new_context().new_page()
    page.goto("/tai-khoan/dang-nhap/")
    tab_to(page, "el.id === 'id_username'")
    page.keyboard.type("canbo.lethuy")
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.type("thidua-demo")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/$"))
    expect(page.locator("main")).to_contain_text("huyện Lệ Thủy")

    # The skip link is the first stop; then the menu: Enter opens the year's group, whose "Kỳ thi đua" follows.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    tab_to(page, "el.textContent.trim() === 'Công việc trong năm'")
    page.keyboard.press("Enter")
    expect(page.locator("#nav-nam")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator("#nav-nam a").first).to_be_focused()
    expect(page.locator("#nav-nam a").first).to_have_text("Kỳ thi đua")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/thi-dua/nam/$"))

    phone = new_context(phone=True).new_page()
    phone.goto(open_ballot_codes()[0])
    first = phone.locator(".choices input[type=checkbox]").first
    first.focus()
    phone.keyboard.press("Space")
    expect(first).to_be_checked()
    tab_to(phone, "el.textContent.trim() === 'Gửi phiếu'")
    phone.on("dialog", lambda dialog: dialog.accept())
    phone.keyboard.press("Enter")
    expect(phone.locator(".notice.ok")).to_contain_text("Phiếu của bạn đã được ghi nhận")
