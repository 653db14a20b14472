"""Issue 6's journey in the pages: the cluster's flag proposal for 2023 has been sent (demo); the board checks it and
takes it to the council; three council members vote from their own signed-in browsers; the board records the
council's result and the chairman's decision; the units are told; the public honour board shows the three flags."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.helpers import TITLE, accepting, board_checks, member_votes
from thidua.awards.models import AwardRecord
from thidua.proposals import demo
from thidua.proposals.models import Proposal

FLAGS = ["huyện Lệ Thủy", "huyện Quảng Ninh", "thành phố Đồng Hới"]


@pytest.fixture
def demo_until_sent(transactional_db, monkeypatch):
    """Every app's demo, the proposals part stopping once the cluster has sent its flag proposal."""
    full = demo.load
    monkeypatch.setattr(demo, "load", lambda: full(until=demo.SENT))
    call_command("seed_demo", verbosity=0)


def board_submits_to_council(desk):
    desk.get_by_role("link", name="Trình Hội đồng").click()
    desk.fill("#id_place", "Hội trường UBND tỉnh")
    desk.fill("#id_chair_name", "Chủ tịch Hội đồng")
    desk.get_by_role("button", name="Trình Hội đồng").click()
    expect(desk.locator(".messages")).to_contain_text("Đã trình Hội đồng")
    proposal_url = desk.url.split("#")[0]
    desk.get_by_role("button", name="Mở phiếu của Hội đồng").click()
    expect(desk.locator(".messages")).to_contain_text("Phiếu của Hội đồng đã mở.")
    shares = desk.locator(".key-sheet .share-text code").all_inner_texts()  # the counting board's sheets, shown once
    assert len(shares) == 3
    return proposal_url, shares


def board_records_result_and_decision(desk, proposal_url, shares):
    desk.goto(proposal_url)
    expect(desk.locator("main")).to_contain_text("Đã bỏ phiếu: 3/3")
    desk.fill("#share-1", shares[0])
    desk.fill("#share-2", shares[1])
    desk.get_by_role("button", name="Kết thúc bỏ phiếu").click()
    expect(desk.locator(".messages")).to_contain_text("Đã kết thúc bỏ phiếu.")
    desk.get_by_role("button", name="Ghi kết quả Hội đồng").click()
    expect(desk.locator(".tag.passed")).to_have_count(3)
    desk.get_by_role("link", name="Ghi quyết định của Chủ tịch").click()
    desk.fill("#id_number", "150/QĐ-UBND")
    desk.fill("#id_signer_name", "Người Ký Quyết Định")
    desk.get_by_role("button", name="Ghi quyết định và vào sổ").click()
    expect(desk.locator(".messages")).to_contain_text("Đã ghi quyết định")
    expect(desk.locator(".steps .current")).to_have_text("Đã khen thưởng")


def test_board_checks_council_votes_decision_recorded_honour_board_shows_the_flags(
    new_context, demo_until_sent, log_in
):
    desk = accepting(new_context().new_page())
    log_in(desk, "bantdkt")
    board_checks(desk)
    proposal_url, shares = board_submits_to_council(desk)
    assert re.search(r"/de-nghi/\d+/$", proposal_url)

    for username in ("hoidong1", "hoidong2", "hoidong3"):
        member_votes(new_context(), log_in, username, proposal_url)

    board_records_result_and_decision(desk, proposal_url, shares)
    proposal = Proposal.objects.get(title=TITLE)
    assert sorted(r.recipient_name for r in AwardRecord.objects.filter(decision_number="150/QĐ-UBND")) == sorted(FLAGS)
    assert proposal.state == "awarded"

    officer = new_context().new_page()
    log_in(officer, "canbo.lethuy")
    officer.goto("/thong-bao/")
    expect(officer.locator("main")).to_contain_text("Khen thưởng: Cờ thi đua cấp tỉnh năm 2023")

    public = new_context().new_page()
    public.goto("/bang-vang/?year=2023")
    board = public.locator(".honour-awards")
    for name in FLAGS:
        expect(board).to_contain_text(name)
    expect(board).to_contain_text("Quyết định số 150/QĐ-UBND")
