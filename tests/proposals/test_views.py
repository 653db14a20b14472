"""The pages: what each role sees in Vietnamese, the steps through POSTs, refusals as messages, 404/403, and the
list page's query count."""

import datetime
import re

from django.utils import timezone

from tests.proposals.factories import ProposalFactory, ProposalItemFactory
from tests.proposals.helpers import before_council, checked, draft, sent, vote_all, voted
from tests.querycount import assert_flat_query_count
from thidua.awards.models import AwardRecord
from thidua.proposals.enums import ProposalState, ProposerKind, Verdict
from thidua.voting.enums import BallotState


def url(proposal, suffix=""):
    return f"/de-nghi/{proposal.pk}/{suffix}"


def test_the_list_shows_the_users_proposals_and_the_ways_to_start_one(world, login):
    proposal = draft(world)
    page = login(world.secretary).get("/de-nghi/").content.decode()
    assert "Đề nghị khen thưởng" in page
    assert proposal.title in page
    assert "Tạo tờ trình mới" in page
    assert "Nháp" in page
    other = login(world.other_officer).get("/de-nghi/").content.decode()
    assert proposal.title not in other
    assert "Chưa có tờ trình nào." in other


def test_the_list_page_does_not_query_per_row(world, login):
    client = login(world.board)

    def add_rows():
        for unit in world.units:
            proposal = ProposalFactory(proposer_kind=ProposerKind.UNIT, unit=unit, state=ProposalState.SENT)
            ProposalItemFactory(proposal=proposal, unit=unit, award_form=world.forms["co-thi-dua-tinh"])

    assert_flat_query_count(client, "/de-nghi/", add_rows, maximum=12)


def test_another_units_draft_is_not_found_and_the_board_cannot_edit(world, login):
    proposal = draft(world)
    assert login(world.other_officer).get(url(proposal)).status_code == 404
    assert login(world.board).get(url(proposal)).status_code == 404
    assert login(world.nobody).get(url(proposal)).status_code == 404
    services_sent = sent(world)
    assert login(world.board).get(url(services_sent, "sua/")).status_code == 403
    assert login(world.secretary).get(url(services_sent, "sua/")).status_code == 403


def test_anonymous_users_are_sent_to_log_in(world, client):
    proposal = draft(world)
    response = client.get(url(proposal))
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/")


def test_the_secretary_sends_from_the_page(world, login):
    proposal = draft(world)
    client = login(world.secretary)
    page = client.get(url(proposal)).content.decode()
    for words in ("Gửi tỉnh", "Thêm dòng đề nghị", "Sửa thông tin tờ trình", "Báo cáo thành tích", "Hồ sơ"):
        assert words in page
    response = client.post(url(proposal, "buoc/send/"), follow=True)
    assert "Đã gửi tờ trình lên tỉnh." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SENT


def test_a_refused_step_shows_its_reason_and_changes_nothing(world, login):
    proposal = draft(world, units=0)
    response = login(world.secretary).post(url(proposal, "buoc/send/"), follow=True)
    assert "Tờ trình chưa có dòng đề nghị nào." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DRAFT


def test_the_board_checks_each_line_with_eligibility_and_checklist_shown(world, login):
    proposal = sent(world)
    client = login(world.board)
    client.post(url(proposal, "buoc/receive/"))
    page = client.get(url(proposal)).content.decode()
    for words in ("Điều kiện theo sổ", "Ghi thẩm định", "Trình Hội đồng", "Biên bản họp xét", "Trả lại đơn vị đề nghị"):
        assert words in page
    for item in proposal.items.all():
        response = client.post(
            f"/de-nghi/dong/{item.pk}/tham-dinh/",
            {"verdict": Verdict.ACCEPTED, "reason": "Dẫn đầu Cụm.", "version": item.version},
        )
        assert response.status_code == 302
    assert set(proposal.items.values_list("verdict", flat=True)) == {Verdict.ACCEPTED}


def test_the_board_returns_with_a_reason(world, login):
    proposal = sent(world)
    client = login(world.board)
    response = client.post(url(proposal, "buoc/return/"), {"reason": ""}, follow=True)
    assert "Lý do" in response.content.decode()
    client.post(url(proposal, "buoc/return/"), {"reason": "Thiếu biên bản có chữ ký."})
    proposal.refresh_from_db()
    assert (proposal.state, proposal.return_reason) == (ProposalState.RETURNED, "Thiếu biên bản có chữ ký.")
    page = login(world.secretary).get(url(proposal)).content.decode()
    assert "Thiếu biên bản có chữ ký." in page
    assert "Bị trả lại" in page


def test_the_secretary_cannot_post_the_boards_steps(world, login):
    proposal = sent(world)
    assert login(world.secretary).post(url(proposal, "buoc/receive/")).status_code == 403
    assert login(world.secretary).get(url(proposal, "hoi-dong/")).status_code == 403


def test_the_council_from_the_page_to_the_decision(world, login):
    proposal = checked(world)
    board = login(world.board)
    response = board.post(
        url(proposal, "hoi-dong/"),
        {"meeting": "", "held_on": "2024-01-25", "place": "Hội trường tỉnh", "mode": "electronic"},
        follow=True,
    )
    assert "Đã trình Hội đồng" in response.content.decode()
    proposal.refresh_from_db()
    sheets = board.post(url(proposal, "hoi-dong/phieu/open/")).content.decode()
    # The counting board's key shares are shown once, on the page the opening answers with.
    shares = re.findall(r'<p class="share-text"><code>([^<]+)</code>', sheets)
    assert len(shares) == 3
    member = login(world.council[0])
    page = member.get(url(proposal)).content.decode()
    assert "Bỏ phiếu của tôi" in page
    assert "Ghi kết quả Hội đồng" not in page
    ballot = proposal.council_ballot
    ballot.refresh_from_db()
    assert ballot.state == BallotState.OPEN
    from thidua.voting import services as voting

    for user in world.council:
        voting.cast_ballot_for_user(ballot, user, list(ballot.candidates.all()))
    board.post(url(proposal, "hoi-dong/phieu/close/"), {"share": shares[:2]})
    board.post(url(proposal, "hoi-dong/ket-qua/"))
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.VOTED
    form_page = board.get(url(proposal, "quyet-dinh/")).content.decode()
    assert "Ghi quyết định và vào sổ" in form_page
    items = list(proposal.items.values_list("pk", flat=True))
    response = board.post(
        url(proposal, "quyet-dinh/"),
        {
            "number": "150/QĐ-UBND",
            "decision_date": "2024-01-30",
            "signer_name": "Lê Văn Ký",
            "signer_title": "Chủ tịch",
            "issuer": f"Chủ tịch UBND tỉnh {world.province.name}",
            "items": items,
        },
        follow=True,
    )
    assert "Đã ghi quyết định" in response.content.decode()
    assert AwardRecord.objects.count() == 2
    page = response.content.decode()
    assert "Đã khen thưởng" in page
    assert "Trong sổ khen thưởng" in page


def test_council_members_see_the_council_section_and_their_vote_link(world, login):
    proposal = before_council(world)
    page = login(world.council[1]).get(url(proposal)).content.decode()
    assert "Phiên họp Hội đồng Thi đua - Khen thưởng" in page
    assert "Bỏ phiếu của tôi" not in page  # the ballot is not open yet
    vote_all(world, proposal)
    page = login(world.council[1]).get(url(proposal)).content.decode()
    assert "Bỏ phiếu của tôi" not in page


def test_the_documents_download(world, login):
    proposal = voted(world)
    client = login(world.board)
    for suffix in ("van-ban/to-trinh.docx", "van-ban/bien-ban-hop-xet.docx"):
        response = client.get(url(proposal, suffix))
        assert (response.status_code, response["Content-Type"]) == (
            200,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    assert client.get(url(proposal, "van-ban/quyet-dinh.docx")).status_code == 404
    item = proposal.items.first()
    assert client.get(url(proposal, f"bao-cao/{item.pk}.docx")).status_code == 200
    response = client.get(url(proposal, "ho-so.pdf"))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert client.get(url(proposal, "van-ban/to-trinh.txt")).status_code == 404


def test_adding_a_line_through_the_page(world, login):
    proposal = draft(world, units=0)
    client = login(world.secretary)
    page = client.get(url(proposal, "dong/them/")).content.decode()
    assert "Tóm tắt thành tích" in page
    response = client.post(
        url(proposal, "dong/them/"),
        {
            "award_form": world.forms["co-thi-dua-tinh"].pk,
            "unit": world.units[2].pk,
            "year": 2023,
            "summary": "Dẫn đầu phong trào.",
        },
    )
    assert response.status_code == 302
    assert list(proposal.items.values_list("unit", "summary")) == [(world.units[2].pk, "Dẫn đầu phong trào.")]


def test_priority_statistics_page_for_the_board_only(world, login):
    page = login(world.board).get("/de-nghi/thong-ke-uu-tien/").content.decode()
    assert "Thống kê ưu tiên trong đề nghị" in page
    assert "Trong các đề nghị" in page
    assert login(world.secretary).get("/de-nghi/thong-ke-uu-tien/").status_code == 403


def test_the_home_page_lists_what_waits_for_the_user(world, login):
    proposal = sent(world)
    proposal.due_on = timezone.localdate() - datetime.timedelta(days=4)
    proposal.save(update_fields=["due_on"])
    page = login(world.board).get("/").content.decode()
    assert "Tờ trình đề nghị khen thưởng cần xử lý" in page
    assert proposal.title in page
    assert f'<span class="due due-overdue">Quá hạn 4 ngày (hạn {proposal.due_on:%d/%m/%Y})</span>' in page
    assert "Không có việc nào đang chờ bạn" not in page
    assert "Tờ trình đề nghị khen thưởng cần xử lý" not in login(world.other_officer).get("/").content.decode()


def test_the_drafter_sees_the_conditions_the_api_returns(world, login):
    # Issue 13: the drafter's "Điều kiện theo sổ" column was empty while the API answered the conditions.
    proposal = draft(world)
    client = login(world.secretary)
    answer = client.get(f"/api/v1/proposals/{proposal.pk}/eligibility").json()
    page = client.get(url(proposal)).content.decode()
    assert len(answer) == 2
    for line in answer:
        assert line["status"]
        assert f'<span class="tag status-{line["status"]}">' in page
        unmet = [c for c in line["conditions"] if c["status"] != "met"]
        assert unmet
        for condition in unmet:
            assert f"<li>{condition['label']}: " in page
