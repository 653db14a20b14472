import json
from decimal import Decimal

import pytest
from django.test import Client

from tests.scoring.factories import close_review, fill_self, open_review, set_phase
from thidua.emulation.enums import PhaseKind
from thidua.scoring.models import ReviewAssignment, SelfScore
from thidua.scoring.services.assessments import start_assessment

API = "/api/v1/scoring"


@pytest.fixture
def draft(world):
    return start_assessment(world.cy, world.units[2], actor=world.officers[2])


def put(client, url, data):
    return client.put(url, json.dumps(data), content_type="application/json")


def post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def test_anonymous_gets_401(world):
    assert Client().get(f"{API}/years/{world.cy.pk}/table").status_code == 401


def test_table_is_read_with_its_tree_and_checks(world, login):
    body = login(world.officers[0]).get(f"{API}/years/{world.cy.pk}/table").json()
    assert (body["version"], body["total_points"], body["frozen"], body["problems"]) == (1, "10.00", True, [])
    assert [(c["code"], c["parent_code"], c["depth"], c["is_leaf"]) for c in body["criteria"][:3]] == [
        ("I", "", 0, False),
        ("1.1", "I", 1, True),
        ("1.2", "I", 1, True),
    ]
    assert login(world.outsider).get(f"{API}/years/{world.cy.pk}/table").status_code == 404


def test_frozen_table_refuses_edits_with_422(world, login):
    response = login(world.secretary).patch(
        f"{API}/tables/{world.table.pk}", json.dumps({"name": "Khác"}), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Bảng tiêu chí đã khóa")


def test_secretariat_edits_an_open_table_and_officers_get_403(world, login):
    set_phase(world.cy, PhaseKind.SELF_ASSESSMENT, "future")
    url = f"{API}/tables/{world.table.pk}/criteria"
    payload = {"code": "2.2", "parent_code": "II", "title": "Mới", "kind": "diem", "max_points": "1"}
    assert post(login(world.officers[0]), url, payload).status_code == 403
    response = post(login(world.secretary), url, payload)
    assert response.status_code == 201
    assert (response.json()["code"], response.json()["depth"]) == ("2.2", 1)
    table = login(world.secretary).get(f"{API}/tables/{world.table.pk}").json()
    assert table["problems"] == [
        "Nhóm II có điểm tối đa 4, khác tổng điểm tối đa các tiêu chí con (5).",
    ]


def test_score_saved_refused_and_conflicting(world, draft, login):
    client = login(world.officers[2])
    url = f"{API}/assessments/{draft.pk}/scores/{world.criteria['1.1'].pk}"
    first = put(client, url, {"value": "3,5", "note": "Có báo cáo", "version": 0})
    assert (first.status_code, first.json()["points"], first.json()["version"]) == (200, "3.50", 1)
    refused = put(client, url, {"value": 12, "version": 1})
    assert (refused.status_code, refused.json()) == (422, {"detail": "Điểm 12 vượt mức tối đa 4 của tiêu chí 1.1"})
    stale = put(login(world.heads[2]), url, {"value": 1, "version": 0})
    assert stale.status_code == 409
    assert (stale.json()["current"]["value"], stale.json()["current"]["version"]) == ("3.50", 1)
    assert stale.json()["detail"].endswith("Hãy xem giá trị hiện tại bên dưới, sửa nếu cần rồi lưu lại.")
    assert SelfScore.objects.get().value == Decimal("3.5")


def test_other_units_draft_is_404_in_the_api(world, draft, login):
    client = login(world.officers[1])
    assert client.get(f"{API}/assessments/{draft.pk}").status_code == 404
    url = f"{API}/assessments/{draft.pk}/scores/{world.criteria['1.1'].pk}"
    assert put(client, url, {"value": 1, "version": 0}).status_code == 404
    listed = client.get(f"{API}/years/{world.cy.pk}/assessments").json()
    assert listed == []


def test_evidence_upload_and_submission_by_the_head(world, draft, login, pdf):
    officer = login(world.officers[2])
    fill_self(draft, world.officers[2])
    url = f"{API}/assessments/{draft.pk}/scores/{world.criteria['1.1'].pk}/evidence"
    created = officer.post(url, {"file": pdf("bc.pdf"), "note": "Báo cáo"})
    assert (created.status_code, created.json()["file_name"], created.json()["criterion_code"]) == (
        201,
        "bc.pdf",
        "1.1",
    )
    assert post(officer, f"{API}/assessments/{draft.pk}/submit").status_code == 403
    response = post(login(world.heads[2]), f"{API}/assessments/{draft.pk}/submit")
    assert (response.status_code, response.json()["state"]) == (200, "submitted")
    detail = officer.get(f"{API}/assessments/{draft.pk}").json()
    assert (detail["totals"]["total"], detail["problems"], len(detail["evidence"])) == ("10.00", [], 1)


def test_submission_problems_come_back_as_422(world, draft, login):
    response = post(login(world.heads[2]), f"{API}/assessments/{draft.pk}/submit")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Chưa thể nộp bản tự chấm: Còn 7 tiêu chí chưa chấm")


def test_self_review_assignment_is_refused_in_the_api(world, login):
    response = post(
        login(world.secretary),
        f"{API}/years/{world.cy.pk}/review-assignments",
        {"reviewee_id": world.units[2].pk, "reviewer_id": world.units[2].pk, "role": "peer"},
    )
    assert response.status_code == 422
    assert response.json()["detail"] == f"Một đơn vị không được thẩm định chính mình ({world.units[2].full_name})."
    assert ReviewAssignment.objects.count() == 0


def test_review_flow_and_ranking_through_the_api(world, submit, login):
    assessment = submit(world, 2, {"1.1": 3})
    open_review(world.cy)
    secretary = login(world.secretary)
    created = post(secretary, f"{API}/years/{world.cy.pk}/review-assignments/rotation", {"step": 1})
    assert len(created.json()) == 7
    assignment = ReviewAssignment.objects.get(reviewee=world.units[2], reviewer=world.units[0])
    reviewer = login(world.officers[0])
    for code, value in {"1.1": 3, "1.2": 1, "2.1": 100, "3.1": 0, "3.2": 0, "4.1": 0, "5.1": 0}.items():
        url = f"{API}/review-assignments/{assignment.pk}/scores/{world.criteria[code].pk}"
        assert put(reviewer, url, {"value": value, "version": 0}).status_code == 200
    assert post(reviewer, f"{API}/review-assignments/{assignment.pk}/submit").json()["state"] == "submitted"
    finals = {f["code"]: f for f in secretary.get(f"{API}/assessments/{assessment.pk}/final-scores").json()}
    assert (finals["1.1"]["points"], finals["1.1"]["source"], finals["1.1"]["is_flagged"]) == ("3.00", "review", False)
    close_review(world.cy)
    member = login(world.officers[1])
    assert member.get(f"{API}/years/{world.cy.pk}/ranking").status_code == 404
    refused = post(secretary, f"{API}/years/{world.cy.pk}/ranking/publish")
    assert refused.status_code == 422
    assert "Còn 6 phân công thẩm định chưa nộp kết quả." in refused.json()["detail"]
    ReviewAssignment.objects.exclude(pk=assignment.pk).delete()
    published = post(secretary, f"{API}/years/{world.cy.pk}/ranking/publish", {"note": "Hội nghị"})
    assert published.json()["published"] is True
    ranking = member.get(f"{API}/years/{world.cy.pk}/ranking").json()
    assert [(r["rank"], r["unit_id"], r["total"], r["is_candidate"]) for r in ranking["rows"]] == [
        (1, world.units[2].pk, "9.00", True)
    ]
    assert ranking["tie_break_text"] == "Khi bằng tổng điểm: các đơn vị đồng hạng (chưa cấu hình cách phân định)."
    assert member.get(f"{API}/years/{world.cy.pk}/ranking/xlsx").status_code == 200


def test_revision_started_and_discarded_through_the_api(world, login):
    client = login(world.secretary)
    refused = post(client, f"{API}/years/{world.cy.pk}/table/revisions", {"reason": ""})
    assert (refused.status_code, refused.json()) == (422, {"detail": "Hãy ghi lý do sửa đổi bảng tiêu chí."})
    draft = post(client, f"{API}/years/{world.cy.pk}/table/revisions", {"reason": "Sửa mục II"}).json()
    assert (draft["version"], draft["status"], draft["frozen"], draft["change_reason"]) == (
        2,
        "draft",
        False,
        "Sửa mục II",
    )
    assert login(world.heads[0]).delete(f"{API}/tables/{draft['id']}").status_code == 403
    assert client.delete(f"{API}/tables/{draft['id']}").status_code == 204
    assert client.get(f"{API}/years/{world.cy.pk}/table").json()["version"] == 1
