from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.scoring.factories import close_review, open_review, set_phase
from thidua.emulation.enums import PhaseKind
from thidua.scoring.enums import ReviewerRole
from thidua.scoring.models import SelfScore
from thidua.scoring.services.assessments import save_self_score, start_assessment
from thidua.scoring.services.reviews import assign_reviewer, generate_rotation

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def draft(world):
    return start_assessment(world.cy, world.units[2], actor=world.officers[2])


def save_url(assessment, criterion):
    return reverse("scoring:self_score_save", args=[assessment.pk, criterion.pk])


def test_officer_home_shows_the_self_assessment_panel(world, draft, login):
    save_self_score(draft, world.criteria["1.1"], actor=world.officers[2], value=Decimal(3))
    page = login(world.officers[2]).get(reverse("core:home")).content.decode()
    assert "Tự chấm điểm năm 2024</a>" in page
    assert "Tiêu chí đã chấm: <strong>1/7</strong>" in page
    assert '<strong class="status status-waiting">Đang soạn</strong>' in page


def test_secretariat_home_shows_progress(world, submit, login):
    submit(world, 0)
    page = login(world.secretary).get(reverse("core:home")).content.decode()
    assert "Tiến độ chấm điểm thi đua" in page
    assert "Bản tự chấm đã nộp: <strong>1/4</strong>" in page


def test_reviewer_home_lists_assigned_reviews(world, submit, login):
    submit(world, 2)
    open_review(world.cy)
    assign_reviewer(world.cy, actor=world.secretary, reviewee=world.units[2], reviewer=world.units[0], role="leader")
    page = login(world.officers[0]).get(reverse("core:home")).content.decode()
    assert "Thẩm định được phân công" in page
    assert f"{world.units[2].full_name} – 2024" in page


def test_assessment_page_in_vietnamese_for_the_head(world, draft, login):
    page = login(world.heads[2]).get(reverse("scoring:assessment", args=[draft.pk])).content.decode()
    for words in (
        "Bản tự chấm điểm",
        "Đang soạn",
        "Nộp bản tự chấm",
        "Giải trình",
        "Thêm tệp minh chứng",
        "Bắt buộc minh chứng",
    ):
        assert words in page


def test_other_units_draft_is_not_found_in_pages(world, draft, login):
    client = login(world.officers[1])
    assert client.get(reverse("scoring:assessment", args=[draft.pk])).status_code == 404
    response = client.post(save_url(draft, world.criteria["1.1"]), {"value": "2", "note": "", "version": 0})
    assert response.status_code == 404
    assert SelfScore.objects.count() == 0


def test_htmx_save_returns_the_criterion_and_fresh_totals(world, draft, login):
    response = login(world.officers[2]).post(
        save_url(draft, world.criteria["1.1"]), {"value": "3,5", "note": "Có báo cáo", "version": 0}, **HTMX
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="tc-{world.criteria["1.1"].pk}"' in page
    assert 'id="self-totals" hx-swap-oob="true"' in page
    assert "<dd><strong>3,5</strong></dd>" in page
    assert SelfScore.objects.get().value == Decimal("3.5")
    # What is left before submitting refreshes with the save: 1.1 is scored but still lacks its evidence.
    assert '<div id="self-problems" hx-swap-oob="true">' in page
    assert "Còn 6 tiêu chí chưa chấm: 1.2, 2.1, 3.1, 3.2, 4.1, 5.1." in page
    assert "Tiêu chí 1.1 bắt buộc có tài liệu minh chứng nhưng chưa có tệp nào." in page


def test_refused_value_says_why_and_saves_nothing(world, draft, login):
    response = login(world.officers[2]).post(
        save_url(draft, world.criteria["1.1"]), {"value": "12", "note": "", "version": 0}, **HTMX
    )
    assert "Điểm 12 vượt mức tối đa 4 của tiêu chí 1.1" in response.content.decode()
    assert SelfScore.objects.count() == 0


def test_refused_value_without_htmx_redirects_with_the_message(world, draft, login):
    response = login(world.officers[2]).post(
        save_url(draft, world.criteria["1.1"]), {"value": "abc", "note": "", "version": 0}, follow=True
    )
    assert "“abc” không phải là một số." in response.content.decode()
    assert SelfScore.objects.count() == 0


def test_two_browsers_saving_the_same_criterion_end_with_one_winner(world, draft, login, make_user):
    from thidua.organizations.enums import Role

    first, second = login(world.officers[2]), login(make_user(Role.UNIT_HEAD, world.units[2]))
    url = save_url(draft, world.criteria["1.1"])
    first.post(url, {"value": "3", "note": "Trình bày của cán bộ", "version": 0}, **HTMX)
    page = second.post(url, {"value": "1", "note": "Của thủ trưởng", "version": 0}, **HTMX).content.decode()
    assert "Giá trị của bạn chưa được ghi." in page
    assert "Giá trị bạn vừa nhập (chưa lưu): 1; Của thủ trưởng" in page
    assert 'name="value" id="v-s{}" value="3"'.format(world.criteria["1.1"].pk) in page
    assert '<input type="hidden" name="version" value="1">' in page
    row = SelfScore.objects.get()
    assert (row.value, row.explanation, row.version) == (Decimal(3), "Trình bày của cán bộ", 1)


def test_evidence_upload_through_the_page_and_download_by_the_reviewer(world, draft, login, pdf):
    client = login(world.officers[2])
    url = reverse("scoring:evidence_add", args=[draft.pk, world.criteria["1.1"].pk])
    page = client.post(url, {"file": pdf("bao-cao.pdf"), "note": "Báo cáo"}, **HTMX).content.decode()
    assert "bao-cao.pdf" in page
    evidence = draft.evidence.get()
    file_url = reverse("core:file", args=[evidence.file.uuid])
    assert login(world.officers[1]).get(file_url).status_code == 404
    assert login(world.secretary).get(file_url).status_code == 200


def test_submit_and_return_through_the_pages(world, draft, login, pdf):
    from tests.scoring.factories import fill_self

    fill_self(draft, world.officers[2], evidence_file=pdf)
    response = login(world.heads[2]).post(reverse("scoring:assessment_submit", args=[draft.pk]), follow=True)
    assert "Đã nộp bản tự chấm điểm. Bản đã khóa." in response.content.decode()
    refused = login(world.secretary).post(
        reverse("scoring:assessment_return", args=[draft.pk]), {"reason": ""}, follow=True
    )
    assert "Hãy ghi lý do trả lại." in refused.content.decode()
    returned = login(world.secretary).post(
        reverse("scoring:assessment_return", args=[draft.pk]), {"reason": "Bổ sung minh chứng"}, follow=True
    )
    assert "Thư ký cụm trả lại" in returned.content.decode()
    assert "Bổ sung minh chứng" in returned.content.decode()


def test_reviewer_page_hides_other_reviews_until_own_is_submitted(world, submit, login):
    submit(world, 2, {"1.1": 3})
    open_review(world.cy)
    leader = assign_reviewer(
        world.cy, actor=world.secretary, reviewee=world.units[2], reviewer=world.units[0], role="leader"
    )
    peer = assign_reviewer(
        world.cy, actor=world.secretary, reviewee=world.units[2], reviewer=world.units[1], role="peer"
    )
    from tests.scoring.factories import fill_review
    from thidua.scoring.enums import ReviewState
    from thidua.scoring.services.reviews import set_review_state

    fill_review(leader, world.officers[0], {"1.1": 2})
    set_review_state(leader, ReviewState.SUBMITTED, actor=world.officers[0])
    client = login(world.officers[1])
    page = client.get(reverse("scoring:review", args=[peer.pk])).content.decode()
    assert "Đơn vị tự chấm" in page
    assert "Điểm của các thành viên thẩm định khác sẽ hiện sau khi bạn nộp kết quả của mình." in page
    assert world.units[0].full_name + " (Trưởng cụm)" not in page
    assert client.get(reverse("scoring:review", args=[leader.pk])).status_code == 404
    fill_review(peer, world.officers[1], {"1.1": 2})
    client.post(reverse("scoring:review_submit", args=[peer.pk]))
    page = login(world.officers[1]).get(reverse("scoring:review", args=[peer.pk])).content.decode()
    assert world.units[0].full_name + " (Trưởng cụm)" in page


def test_reviewed_unit_cannot_open_its_reviewers_form(world, submit, login):
    submit(world, 2)
    open_review(world.cy)
    leader = assign_reviewer(
        world.cy, actor=world.secretary, reviewee=world.units[2], reviewer=world.units[0], role="leader"
    )
    client = login(world.officers[2])
    assert client.get(reverse("scoring:review", args=[leader.pk])).status_code == 404
    url = reverse("scoring:review_score_save", args=[leader.pk, world.criteria["1.1"].pk])
    assert client.post(url, {"value": "4", "version": 0}).status_code == 404


def test_ranking_is_hidden_from_members_until_published(world, submit, login):
    submit(world, 0)
    close_review(world.cy)
    url = reverse("scoring:ranking", args=[world.cy.pk])
    assert login(world.officers[1]).get(url).status_code == 404
    page = login(world.secretary).get(url).content.decode()
    assert "chưa công bố" in page
    assert "Công bố kết quả xếp hạng" in page
    login(world.secretary).post(reverse("scoring:publish", args=[world.cy.pk]), {"note": ""})
    page = login(world.officers[1]).get(url).content.decode()
    assert "đã công bố" in page
    assert "Cách phân định khi bằng điểm" in page
    assert login(world.officers[1]).get(reverse("scoring:ranking_docx", args=[world.cy.pk])).status_code == 200


def test_frozen_table_page_offers_a_revision_not_edits(world, login):
    page = login(world.secretary).get(reverse("scoring:table", args=[world.cy.pk])).content.decode()
    assert "đã khóa từ khi mở tự chấm điểm" in page
    assert "Tạo bản sửa đổi (phiên bản mới)" in page
    assert "Thêm tiêu chí" not in page
    response = login(world.secretary).get(reverse("scoring:table_settings", args=[world.table.pk]), follow=True)
    assert "Bảng tiêu chí đã khóa" in response.content.decode()


def test_revision_through_the_pages(world, login):
    client = login(world.secretary)
    response = client.post(
        reverse("scoring:revision_start", args=[world.cy.pk]), {"reason": "Sửa theo góp ý"}, follow=True
    )
    assert "Đã tạo bản sửa đổi phiên bản 2." in response.content.decode()
    draft = world.cy.criteria_tables.get(version=2)
    response = client.post(reverse("scoring:revision_adopt", args=[draft.pk]), follow=True)
    assert "Đã ban hành phiên bản 2 của bảng tiêu chí." in response.content.decode()


def measure(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_pages_do_not_grow_queries_with_more_units(world, submit, login):
    submit(world, 0)
    submit(world, 1)
    assign_reviewer(world.cy, actor=world.secretary, reviewee=world.units[1], reviewer=world.units[0], role="leader")
    close_review(world.cy)
    client = login(world.secretary)
    pages = [
        reverse("scoring:index"),
        reverse("scoring:year", args=[world.cy.pk]),
        reverse("scoring:assessments", args=[world.cy.pk]),
        reverse("scoring:assignments", args=[world.cy.pk]),
        reverse("scoring:flags", args=[world.cy.pk]),
        reverse("scoring:ranking", args=[world.cy.pk]),
        reverse("scoring:table", args=[world.cy.pk]),
    ]
    before = [measure(client, url) for url in pages]
    set_phase(world.cy, PhaseKind.SELF_ASSESSMENT, "open")
    submit(world, 2)
    submit(world, 3)
    generate_rotation(world.cy, actor=world.secretary)
    close_review(world.cy)
    assert [measure(client, url) for url in pages] == before


def test_list_pages_stay_under_a_query_budget(world, submit, login, django_assert_max_num_queries):
    for index in range(4):
        submit(world, index)
    open_review(world.cy)
    generate_rotation(world.cy, actor=world.secretary)
    close_review(world.cy)
    client = login(world.secretary)
    for name in ("index", "assessments", "assignments", "flags", "ranking"):
        args = [] if name == "index" else [world.cy.pk]
        with django_assert_max_num_queries(25):
            client.get(reverse(f"scoring:{name}", args=args))
    reviewer = login(world.officers[0])
    with django_assert_max_num_queries(12):
        reviewer.get(reverse("scoring:my_reviews"))


def test_my_reviews_lists_the_units_assignments(world, submit, login):
    submit(world, 2)
    open_review(world.cy)
    assign_reviewer(
        world.cy, actor=world.secretary, reviewee=world.units[2], reviewer=world.units[0], role=ReviewerRole.LEADER
    )
    page = login(world.heads[0]).get(reverse("scoring:my_reviews")).content.decode()
    assert world.units[2].full_name in page
    assert "Đang thẩm định" in page
