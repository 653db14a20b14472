import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from tests.factories import UnitFactory, board_shares, cluster_year_with_members
from tests.voting.factories import DelegateFactory, MeetingFactory
from tests.voting.helpers import make_ballot, vote
from thidua.organizations.enums import Role
from thidua.voting import selectors, services
from thidua.voting.enums import MeetingKind
from thidua.voting.models import Ballot, CastBallot, Meeting


def test_meeting_list_shows_only_visible_meetings(conference, login, make_user):
    other_year, _units = cluster_year_with_members(2)
    MeetingFactory(kind=MeetingKind.CONFERENCE, cluster_year=other_year, province=other_year.cluster.province,
                   title="Hội nghị cụm khác")  # fmt: skip
    page = login(conference.heads[0]).get(reverse("voting:meeting_list")).content.decode()
    assert "Hội nghị tổng kết năm 2023" in page
    assert "Hội nghị cụm khác" not in page
    assert "Tạo hội nghị tổng kết" not in page
    secretary_page = login(conference.secretary).get(reverse("voting:meeting_list")).content.decode()
    assert "Tạo hội nghị tổng kết" in secretary_page


def test_meeting_list_is_refused_without_a_role(login, make_user):
    assert login(make_user()).get(reverse("voting:meeting_list")).status_code == 403


@pytest.mark.parametrize("count", [1, 4])
def test_meeting_list_query_count(conference, login, django_assert_max_num_queries, count):
    for _ in range(count):
        MeetingFactory(kind=MeetingKind.CONFERENCE, cluster_year=conference.cluster_year,
                       province=conference.meeting.province)  # fmt: skip
    client = login(conference.secretary)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("voting:meeting_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [8, 30])
def test_meeting_detail_query_count_does_not_grow_with_the_roll(
    conference, login, django_assert_max_num_queries, count
):
    for index in range(count - 8):
        DelegateFactory(meeting=conference.meeting, full_name=f"Thêm {index}")
    make_ballot(conference)
    client = login(conference.secretary)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("voting:meeting_detail", args=[conference.meeting.pk]))
    assert response.content.decode().count("Ghi vắng") == count


def test_meeting_detail_for_secretary_and_delegate(conference, login, make_user):
    url = reverse("voting:meeting_detail", args=[conference.meeting.pk])
    secretary = login(conference.secretary).get(url).content.decode()
    assert "Thêm phiếu" in secretary
    assert "Biên bản hội nghị" in secretary
    assert "8/8" in secretary
    delegate = login(conference.heads[0]).get(url).content.decode()
    assert "Thêm phiếu" not in delegate
    assert "Đại biểu" in delegate
    outsider = make_user(Role.UNIT_OFFICER, UnitFactory())
    assert login(outsider).get(url).status_code == 404


def test_create_conference_by_form(conference, login):
    client = login(conference.secretary)
    url = reverse("voting:meeting_create") + f"?cluster_year={conference.cluster_year.pk}"
    form = client.get(url).content.decode()
    assert "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023" in form
    response = client.post(url, {
        "cluster_year": conference.cluster_year.pk, "title": "Hội nghị tổng kết năm 2023 (lần 2)",
        "held_on": "2024-01-15", "place": "Hội trường B",
    })  # fmt: skip
    meeting = Meeting.objects.get(title="Hội nghị tổng kết năm 2023 (lần 2)")
    assert response.url == reverse("voting:meeting_detail", args=[meeting.pk])
    assert login(conference.heads[0]).get(url).status_code == 403


@pytest.mark.parametrize("query", ["province=abc", "province=", "cluster_year=2%C2%B2", "cluster_year=-1"])
def test_meeting_create_with_a_mangled_id_is_not_found(conference, login, query):
    # "?province=abc" used to be a server error (the text reached the primary key lookup).
    client = Client(raise_request_exception=False)
    client.force_login(conference.secretary)
    assert client.get(reverse("voting:meeting_create") + "?" + query).status_code == 404


def test_ballot_create_form_and_checklist(conference, login, fake_ranking):
    client = login(conference.secretary)
    url = reverse("voting:ballot_create", args=[conference.meeting.pk])
    assert "Quy định bỏ phiếu" in client.get(url).content.decode()
    response = client.post(url, {
        "question": "Bầu đơn vị đề nghị UBND tỉnh tặng Cờ thi đua năm 2023", "purpose": "award", "mode": "electronic",
        "max_choices": 3, "rule_set": conference.rule_set.pk, "source": "default",
    })  # fmt: skip
    ballot = Ballot.objects.get(question__startswith="Bầu đơn vị đề nghị")
    assert response.url == reverse("voting:ballot_detail", args=[ballot.pk])
    page = client.get(response.url).content.decode()
    assert "Kiểm tra trước khi mở phiếu" in page
    assert "Không có vướng mắc" in page
    assert conference.rule_set.citation in page
    assert ballot.candidates.count() == 8


def test_open_error_is_shown_and_changes_nothing(conference, login):
    ballot = make_ballot(conference, candidates=[], max_choices=1)
    client = login(conference.secretary)
    response = client.post(reverse("voting:ballot_state", args=[ballot.pk]), {"action": "open"}, follow=True)
    assert "Chưa có ứng viên nào." in response.content.decode()
    ballot.refresh_from_db()
    assert ballot.state == "draft"


def test_slips_show_codes_and_qr_once(conference, login):
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    response = login(conference.secretary).post(reverse("voting:codes", args=[ballot.pk]))
    page = response.content.decode()
    assert response["Cache-Control"] == "no-store"
    codes = re.findall(r'<p class="code">([A-Z0-9-]{14})</p>', page)
    assert len(codes) == 8
    assert page.count('src="data:image/svg+xml') == 8
    pdf = login(conference.secretary).post(reverse("voting:codes", args=[ballot.pk]), {"format": "pdf"})
    assert pdf.content.startswith(b"%PDF")
    assert login(conference.heads[0]).post(reverse("voting:codes", args=[ballot.pk])).status_code == 403


def test_phone_votes_with_a_code_without_logging_in(conference):
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    code = services.issue_codes(ballot, actor=conference.secretary)[0].code
    phone = Client()
    url = reverse("voting:code_entry_for_ballot", args=[ballot.public_id])
    entry = phone.get(url).content.decode()
    assert "data-code-entry" in entry
    assert "js/code-fragment.js" in entry
    form = phone.post(url, {"code": code.lower()})
    assert form.status_code == 200
    page = form.content.decode()
    assert "Chọn tối đa 3 ứng viên." in page
    assert f'name="code" value="{code}"' in page  # carried in the form's body, never in an address
    first = ballot.candidates.order_by("position").first()
    receipt_page = phone.post(url, {"code": code, "step": "vote", "choices": [first.pk]}).content.decode()
    assert "Phiếu của bạn đã được ghi nhận" in receipt_page
    receipt = CastBallot.objects.filter(filled=True).get().receipt
    assert receipt in receipt_page
    again = phone.post(url, {"code": code, "step": "vote", "choices": [first.pk]})
    assert again.status_code == 409
    assert "Mã này đã được dùng để bỏ phiếu." in again.content.decode()
    assert phone.post(url, {"code": code}).status_code == 409
    wrong = phone.post(url, {"code": "AAAA-AAAA-AAAA"})
    assert wrong.status_code == 404
    assert "Mã bỏ phiếu không đúng." in wrong.content.decode()
    assert CastBallot.objects.filter(filled=True).count() == 1


def test_booth_refuses_too_many_ticks(conference):
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    code = services.issue_codes(ballot, actor=conference.secretary)[0].code
    ids = list(ballot.candidates.values_list("pk", flat=True)[:4])
    response = Client().post(reverse("voting:code_entry"), {"code": code, "step": "vote", "choices": ids})
    assert response.status_code == 422
    assert "Chỉ được chọn tối đa 3; bạn đã chọn 4." in response.content.decode()
    assert CastBallot.objects.filter(filled=True).count() == 0


def test_code_entry_is_post_only_and_a_code_in_the_query_is_ignored(conference):
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    code = services.issue_codes(ballot, actor=conference.secretary)[0].code
    response = Client().get(reverse("voting:code_entry"), {"code": code})
    assert response.status_code == 200
    assert "Gửi phiếu" not in response.content.decode()
    assert "Gửi phiếu" in Client().post(reverse("voting:code_entry"), {"code": code}).content.decode()


def test_signed_in_delegate_votes(conference, login):
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    client = login(conference.heads[1])
    assert "Bỏ phiếu của tôi" in client.get(reverse("voting:ballot_detail", args=[ballot.pk])).content.decode()
    url = reverse("voting:vote", args=[ballot.pk])
    assert "Gửi phiếu" in client.get(url).content.decode()
    assert "Phiếu của bạn đã được ghi nhận" in client.post(url, {"choices": []}).content.decode()
    assert client.get(url).status_code == 409
    assert login(conference.secretary).get(url).status_code == 403


def test_hall_shows_turnout_never_counts_while_open(conference, login, make_user):
    ballot = make_ballot(conference)
    vote(ballot, conference.secretary, [[0], [0], [1]])
    client = login(make_user(Role.ADMIN))
    hall = client.get(reverse("voting:hall", args=[ballot.pk])).content.decode()
    assert 'data-voted="3"' in hall
    assert "đại biểu có mặt đã bỏ phiếu" in hall
    assert 'hx-trigger="every 3s"' in hall
    assert "<script>" not in hall
    assert "Số phiếu" not in hall
    status = client.get(reverse("voting:hall_status", args=[ballot.pk])).content.decode()
    assert "Số phiếu" not in status
    assert client.get(reverse("voting:ballot_result", args=[ballot.pk])).status_code == 409
    services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    closed = client.get(reverse("voting:hall_status", args=[ballot.pk])).content.decode()
    assert "hx-trigger" not in closed
    assert "Số phiếu" in closed


def _page_figures(html):
    figures = dict(re.findall(r'data-figure="(\w+)">(\d+)<', html))
    rows = re.findall(r'<td class="num votes">(\d+)</td><td class="num percent">([\d,]+)</td>', html)
    return figures, rows


def test_minutes_and_submission_carry_the_result_page_counts(conference, login):
    ballot = make_ballot(conference, purpose="award")
    vote(ballot, conference.secretary, [[0, 1, 2]] * 5 + [[0, 1, 3]] * 2 + [[0, 4]])
    services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    client = login(conference.secretary)
    figures, rows = _page_figures(client.get(reverse("voting:ballot_result", args=[ballot.pk])).content.decode())
    assert figures == {"member_count": "8", "present_count": "8", "issued": "8", "returned": "8", "valid": "8",
                       "invalid": "0"}  # fmt: skip
    docx = client.get(reverse("voting:count_minutes", args=[ballot.pk, "docx"]))
    doc = Document(io.BytesIO(docx.content))
    figure_table, result_table = doc.tables[1], doc.tables[2]
    assert [r.cells[1].text for r in figure_table.rows[1:]] == [figures[k] for k in
            ("member_count", "present_count", "issued", "returned", "valid", "invalid")]  # fmt: skip
    assert [(r.cells[2].text, r.cells[3].text) for r in result_table.rows[1:]] == rows
    minutes = Document(
        io.BytesIO(client.get(reverse("voting:meeting_minutes", args=[conference.meeting.pk, "docx"])).content)
    )
    minutes_rows = [(r.cells[2].text, r.cells[3].text) for r in minutes.tables[2].rows[1:]]
    assert minutes_rows == rows
    submission = Document(
        io.BytesIO(client.get(reverse("voting:submission", args=[conference.meeting.pk, "docx"])).content)
    )
    proposed = [(r.cells[1].text, r.cells[2].text, r.cells[3].text) for r in submission.tables[1].rows[1:]]
    result = selectors.ballot_result(ballot)
    assert proposed == [(r.name, str(r.votes), rows[i][1]) for i, r in enumerate(result.passed)]
    pdf = client.get(reverse("voting:count_minutes", args=[ballot.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")


def test_count_minutes_refused_while_open(conference, login):
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    assert login(conference.secretary).get(reverse("voting:count_minutes", args=[ballot.pk, "docx"])).status_code == 409


@pytest.mark.parametrize("voters", [2, 8])
def test_result_page_query_count(conference, login, django_assert_max_num_queries, voters):
    ballot = make_ballot(conference)
    vote(ballot, conference.secretary, [[0]] * voters)
    services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    client = login(conference.secretary)
    with django_assert_max_num_queries(22):
        page = client.get(reverse("voting:ballot_result", args=[ballot.pk])).content.decode()
    assert page.count("<li>") >= voters


def test_public_receipt_page(conference):
    ballot = make_ballot(conference)
    receipts = vote(ballot, conference.secretary, [[0], [1]])
    url = reverse("voting:receipts", args=[ballot.public_id])
    assert Client().get(url).status_code == 409
    services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    page = Client().post(url, {"ma": receipts[0].lower().replace("-", "")}).content.decode()
    assert "Phiếu có mã biên nhận này đã được kiểm." in page
    assert all(r in page for r in receipts)
    assert "Không có mã biên nhận này" in Client().post(url, {"ma": "XXXX-YYYY"}).content.decode()


def test_paper_count_pages(conference, login, second_manager):
    ballot = make_ballot(conference, mode="paper", candidates=conference.units[:2], max_choices=1)
    services.open_ballot(ballot, actor=conference.secretary)
    first, second = ballot.candidates.order_by("position")
    url = reverse("voting:paper_count", args=[ballot.pk])
    client = login(conference.secretary)
    client.post(url, {"issued": 8, "returned": 8, "valid": 8, "invalid": 0, f"c_{first.pk}": 6, f"c_{second.pk}": 2})
    page = client.get(url).content.decode()
    assert "Chờ người thứ hai xác nhận" in page
    assert "Xác nhận số liệu đúng" not in page
    other = login(second_manager)
    count = ballot.paper_counts.get()
    assert "Xác nhận số liệu đúng" in other.get(url).content.decode()
    other.post(reverse("voting:paper_count_decide", args=[count.pk, "xac-nhan"]))
    count.refresh_from_db()
    assert count.state == "confirmed"


def test_leadership_page_applies_the_elections(conference, login):
    for purpose, winner in (("leader", 0), ("deputy", 1)):
        ballot = make_ballot(conference, candidates=None, purpose=purpose, question=f"Bầu {purpose}", max_choices=1)
        vote(ballot, conference.secretary, [[winner]] * 8)
        services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    client = login(conference.secretary)
    url = reverse("voting:leadership", args=[conference.meeting.pk])
    assert "Ghi kết quả bầu cho năm sau" in client.get(url).content.decode()
    page = client.post(url, {"source": "ballot"}, follow=True).content.decode()
    assert "Đã ghi Trưởng cụm, Phó Trưởng cụm cho năm sau." in page
    assert login(conference.heads[0]).post(url, {"source": "ballot"}).status_code == 403


def test_home_panel_lists_the_open_ballot_for_the_delegate(conference, login):
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    home = login(conference.heads[0]).get(reverse("core:home")).content.decode()
    assert "Phiếu đang chờ bạn bỏ" in home
    assert reverse("voting:vote", args=[ballot.pk]) in home
