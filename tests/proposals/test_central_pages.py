"""The pages and API of what goes upward: a line's notice and papers, the check before forwarding, and the list of
dossiers waiting for the central decision (issue 14 item 8)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.proposals.factories import MINIMAL_PDF, ProposalFactory, ProposalItemFactory
from tests.proposals.helpers import voted
from tests.querycount import assert_flat_query_count
from thidua.awards.models import RuleSet
from thidua.proposals.enums import ProposalState
from thidua.proposals.models import ProposalAttachment, PublicNotice

CENTRAL = "co-thi-dua-chinh-phu"
FORWARDED_ON = datetime.date(2024, 2, 5)


def forwarded(world, *, form=CENTRAL, year=2023, reference="TĐKT-0117", units=1):
    proposal = ProposalFactory(
        cluster_year=world.cluster_year,
        state=ProposalState.FORWARDED,
        forward_number="45/TTr-UBND",
        forwarded_on=FORWARDED_ON,
        central_reference=reference,
        year=year,
    )
    for unit in world.units[:units]:
        ProposalItemFactory(proposal=proposal, unit=unit, award_form=world.forms[form], year=year, council_passed=True)
    return proposal


def test_the_pending_list_shows_each_waiting_line_with_its_days_and_filters(world, login):
    first = forwarded(world, units=2)
    forwarded(world, form="bang-khen-thu-tuong", year=2024, reference="")
    forwarded(world, form="co-thi-dua-tinh")  # decided by the province: never pending upward
    board = login(world.board)
    waited = (timezone.localdate() - FORWARDED_ON).days
    rows = board.get("/api/v1/proposals-central/pending?year=2023").json()
    assert [
        (r["name"], r["award_form_code"], r["forward_number"], r["days_waiting"], r["central_reference"]) for r in rows
    ] == [
        (world.units[0].full_name, CENTRAL, "45/TTr-UBND", waited, "TĐKT-0117"),
        (world.units[1].full_name, CENTRAL, "45/TTr-UBND", waited, "TĐKT-0117"),
    ]
    assert rows[0]["proposal_id"] == first.pk
    by_form = board.get("/api/v1/proposals-central/pending?award_form=bang-khen-thu-tuong").json()
    assert [(r["year"], r["central_reference"]) for r in by_form] == [(2024, "")]
    assert login(world.outsider).get("/api/v1/proposals-central/pending").json() == []
    assert login(world.secretary).get("/api/v1/proposals-central/pending").status_code == 403
    html = board.get(reverse("proposals:central_pending") + "?year=2024").content.decode()
    assert "Bằng khen của Thủ tướng Chính phủ" in html
    assert "TĐKT-0117" not in html


def test_the_pending_page_makes_no_query_per_row(world, login):
    assert_flat_query_count(
        login(world.board), reverse("proposals:central_pending"), lambda: forwarded(world, units=2), maximum=8
    )


def test_the_notice_page_and_api_record_and_refuse(world, login):
    proposal = voted(world, units=1, form=CENTRAL)
    item = proposal.items.get()
    board = login(world.board)
    url = reverse("proposals:item_notice", args=[item.pk])
    assert board.get(url).status_code == 200
    response = board.post(
        url,
        {"place": "Cổng thông tin điện tử tỉnh", "starts_on": "29/01/2024", "ends_on": "09/02/2024", "objections": 0},
    )
    assert response.status_code == 302
    notice = PublicNotice.objects.get(item=item)
    assert (notice.place, notice.starts_on, notice.ends_on, notice.version) == (
        "Cổng thông tin điện tử tỉnh",
        datetime.date(2024, 1, 29),
        datetime.date(2024, 2, 9),
        1,
    )
    api = f"/api/v1/proposal-items/{item.pk}/notice"
    bad = board.post(
        api, {"place": "", "starts_on": "2024-01-29", "ends_on": "2024-02-09"}, content_type="application/json"
    )
    assert (bad.status_code, bad.json()["detail"]) == (
        422,
        "Hãy ghi nơi công khai (ví dụ Cổng thông tin điện tử của tỉnh).",
    )
    stale = board.post(
        api,
        {"place": "Bảng tin", "starts_on": "2024-01-29", "ends_on": "2024-02-09", "version": 0},
        content_type="application/json",
    )
    assert stale.status_code == 409
    good = board.post(
        api,
        {"place": "Bảng tin", "starts_on": "2024-01-29", "ends_on": "2024-02-09", "objections": 1, "version": 1},
        content_type="application/json",
    )
    assert (good.status_code, good.json()["is_settled"], good.json()["version"]) == (200, False, 2)
    check = board.get(f"/api/v1/proposals/{proposal.pk}/central-check?on=2024-02-05").json()
    assert (check["rule_set_code"], check["is_verified"]) == ("trinh-trung-uong-nd98", False)
    line = check["lines"][0]
    assert (line["notice"]["required_days"], line["notice"]["counted_days"], line["notice"]["missing_days"]) == (
        10,
        6,
        4,
    )
    assert [(p["code"], p["ok"]) for p in line["papers"]] == [
        ("paper_submission", True),
        ("paper_council_minutes", True),
        ("paper_certified_report", False),
        ("paper_extract", True),
        ("paper_notice_result", False),
    ]
    assert check["problems"][0] == (
        f"{item.name} – Cờ thi đua của Chính phủ: đến ngày 05/02/2024 mới công khai 6/10 ngày làm việc, "
        "còn thiếu 4 ngày làm việc."
    )
    forward_page = board.get(reverse("proposals:forward", args=[proposal.pk])).content.decode()
    assert "Báo cáo thành tích có xác nhận của cấp trình" in forward_page
    body = {"place": "Bảng tin", "starts_on": "2024-01-22", "ends_on": "2024-02-02", "version": 2}
    assert login(world.secretary).post(api, body, content_type="application/json").status_code == 403
    assert PublicNotice.objects.get(item=item).place == "Bảng tin"  # unchanged by the refused write


def test_the_board_adds_a_certified_report_by_page_and_api(world, login):
    item = voted(world, units=1, form=CENTRAL).items.get()
    board = login(world.board)
    upload = SimpleUploadedFile("bao-cao.pdf", MINIMAL_PDF, content_type="application/pdf")
    response = board.post(reverse("proposals:item_central_paper", args=[item.pk]), {"kind": "report", "file": upload})
    assert response.status_code == 302
    upload = SimpleUploadedFile("trich-ngang.pdf", MINIMAL_PDF, content_type="application/pdf")
    bad = board.post(f"/api/v1/proposal-items/{item.pk}/central-papers", {"kind": "other", "file": upload})
    assert (bad.status_code, bad.json()["detail"]) == (
        422,
        "Sau khi Hội đồng bỏ phiếu chỉ bổ sung báo cáo thành tích có xác nhận hoặc trích ngang.",
    )
    assert list(ProposalAttachment.objects.filter(item=item).values_list("kind", "stored_file__original_name")) == [
        ("report", "bao-cao.pdf")
    ]


def test_the_rule_set_reads_on_its_page_and_opens_for_a_province_correction(world, login):
    rule_set = RuleSet.objects.get(code="trinh-trung-uong-nd152")
    admin = login(world.admin)
    html = admin.get(reverse("awards:rule_set_detail", args=[rule_set.pk])).content.decode()
    assert "Thời gian công khai danh sách đề nghị" in html
    assert "mọi danh hiệu, hình thức cấp Nhà nước, Chính phủ" in html
    assert "Cờ thi đua của Chính phủ" in html
    edit = admin.get(reverse("awards:rule_set_edit", args=[rule_set.pk]))
    assert edit.status_code == 200
    assert "Trích ngang (cá nhân)" in edit.content.decode()
