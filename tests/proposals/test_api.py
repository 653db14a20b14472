"""The API: the same services and permissions as the pages; 401 anonymous, 404 out of sight, 403 not allowed,
422 with the Vietnamese reason."""

import json

from django.test import Client

from tests.proposals.helpers import checked, draft, sent, vote_all
from thidua.proposals.enums import ProposalState, Verdict

API = "/api/v1"


def post(client, path, data=None):
    return client.post(f"{API}{path}", json.dumps(data or {}), content_type="application/json")


def test_anonymous_callers_get_401(world):
    proposal = draft(world)
    client = Client()
    assert client.get(f"{API}/proposals").status_code == 401
    assert client.get(f"{API}/proposals/{proposal.pk}").status_code == 401
    assert post(client, f"/proposals/{proposal.pk}/state", {"state": "sent"}).status_code == 401


def test_reading_follows_the_same_scope_as_the_pages(world, login):
    proposal = draft(world)
    assert [p["id"] for p in login(world.secretary).get(f"{API}/proposals").json()] == [proposal.pk]
    assert login(world.board).get(f"{API}/proposals").json() == []
    assert login(world.other_officer).get(f"{API}/proposals/{proposal.pk}").status_code == 404
    body = login(world.secretary).get(f"{API}/proposals/{proposal.pk}").json()
    assert (body["state"], body["state_label"], len(body["items"])) == ("draft", "Nháp", 2)
    assert [c["label"] for c in body["checklist"]] == ["Tờ trình", "Biên bản họp xét"]
    assert body["items"][0]["checklist"][0] == {
        "label": "Báo cáo thành tích",
        "ok": True,
        "detail": "Tạo từ tóm tắt thành tích",
    }


def test_drafting_through_the_api(world, login):
    client = login(world.secretary)
    created = post(
        client,
        "/proposals",
        {"proposer_kind": "cluster", "cluster_year_id": world.cluster_year.pk, "year": 2023, "title": "Đề nghị Cờ"},
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    item = post(client, f"/proposals/{pk}/items", {"award_form": "co-thi-dua-tinh", "unit_id": world.units[0].pk})
    assert item.status_code == 201, item.content
    assert (item.json()["name"], item.json()["year"]) == (world.units[0].full_name, 2023)
    wrong = post(
        client, f"/proposals/{pk}/items", {"award_form": "chien-si-thi-dua-tinh", "unit_id": world.units[0].pk}
    )
    assert (wrong.status_code, wrong.json()["detail"]) == (
        422,
        "Chiến sĩ thi đua cấp tỉnh dành cho cá nhân, không đề nghị cho tập thể.",
    )
    patched = client.patch(
        f"{API}/proposal-items/{item.json()['id']}",
        json.dumps({"version": 1, "summary": "Dẫn đầu Cụm."}),
        content_type="application/json",
    )
    assert patched.json()["summary"] == "Dẫn đầu Cụm."
    stale = client.patch(
        f"{API}/proposals/{pk}", json.dumps({"version": 99, "title": "Khác"}), content_type="application/json"
    )
    assert stale.status_code == 409
    assert post(login(world.officer), f"/proposals/{pk}/items", {"award_form": "co-thi-dua-tinh"}).status_code == 404


def test_the_steps_through_the_api_to_the_decision(world, login):
    proposal = sent(world)
    board = login(world.board)
    refused = post(board, f"/proposals/{proposal.pk}/state", {"state": "council"})
    assert (refused.status_code, refused.json()["detail"]) == (
        422,
        "Không chuyển được tờ trình từ “Đã gửi tỉnh” sang “Trình Hội đồng”.",
    )
    assert post(login(world.secretary), f"/proposals/{proposal.pk}/state", {"state": "checking"}).status_code == 403
    assert post(board, f"/proposals/{proposal.pk}/state", {"state": "checking"}).json()["state"] == "checking"
    eligibility = board.get(f"{API}/proposals/{proposal.pk}/eligibility").json()
    assert [row["item_id"] for row in eligibility] == list(proposal.items.values_list("pk", flat=True))
    for item in proposal.items.all():
        judged = post(board, f"/proposal-items/{item.pk}/verdict", {"verdict": "accepted", "reason": "Dẫn đầu Cụm."})
        assert judged.json()["verdict"] == Verdict.ACCEPTED
    council = post(board, f"/proposals/{proposal.pk}/council", {"held_on": "2024-01-25", "place": "Hội trường"})
    assert council.status_code == 201, council.content
    proposal.refresh_from_db()
    vote_all(world, proposal)
    result = post(board, f"/proposals/{proposal.pk}/council-result")
    assert [i["council_passed"] for i in result.json()["items"]] == [True, True]
    decision = post(
        board,
        f"/proposals/{proposal.pk}/decision",
        {"number": "150/QĐ-UBND", "decision_date": "2024-01-30", "signer_name": "Lê Văn Ký"},
    )
    assert decision.status_code == 201, decision.content
    body = decision.json()
    assert (body["state"], body["decision"]["number"]) == (ProposalState.AWARDED, "150/QĐ-UBND")
    assert all(i["award_record_id"] for i in body["items"])
    paper = board.get(f"{API}/proposals/{proposal.pk}/papers/quyet-dinh")
    assert paper.status_code == 200
    assert board.get(f"{API}/proposals/{proposal.pk}/papers/khong-co").status_code == 404


def test_return_needs_a_reason(world, login):
    proposal = checked(world)
    board = login(world.board)
    empty = post(board, f"/proposals/{proposal.pk}/return", {"reason": " "})
    assert (empty.status_code, empty.json()["detail"]) == (422, "Hãy ghi lý do trả lại.")
    done = post(board, f"/proposals/{proposal.pk}/return", {"reason": "Bổ sung."})
    assert (done.json()["state"], done.json()["return_reason"]) == ("returned", "Bổ sung.")


def test_quotas_and_priority_statistics(world, login):
    proposal = draft(world)
    assert login(world.secretary).get(f"{API}/proposals/{proposal.pk}/quotas").json() == []
    assert login(world.secretary).get(f"{API}/proposals-statistics/priority").status_code == 403
    rows = login(world.board).get(f"{API}/proposals-statistics/priority", {"province_id": world.province.pk}).json()
    assert rows == [
        {
            "label": str(world.cluster_year.cluster),
            "year": 2023,
            "cluster_year_id": world.cluster_year.pk,
            "people": 0,
            "direct_labourers": 0,
            "percent": None,
        }
    ]


def test_an_attachment_through_the_api(world, login):
    from tests.proposals.helpers import minutes_file

    proposal = draft(world, with_minutes=False)
    client = login(world.secretary)
    response = client.post(
        f"{API}/proposals/{proposal.pk}/attachments", {"kind": "minutes", "note": "Biên bản", "file": minutes_file()}
    )
    assert response.status_code == 201, response.content
    assert (response.json()["kind"], response.json()["name"]) == ("minutes", "bien-ban.pdf")


def test_drafting_from_a_conference_through_the_api(world, make_user, login):
    # The route used to sit behind "/proposals/{pk}", which took "from-conference" for an id and answered 405.
    from tests.proposals.helpers import conference_with_flag_ballot

    meeting = conference_with_flag_ballot(world, make_user, [[0, 1], [0, 1], [0, 1], [0, 2]])
    created = post(login(world.secretary), "/proposals/from-conference", {"meeting_id": meeting.pk})
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["title"], body["state"], len(body["items"])) == (
        "Đề nghị tặng Cờ thi đua cấp tỉnh năm 2023",
        "draft",
        2,
    )
    refused = post(login(world.officer), "/proposals/from-conference", {"meeting_id": meeting.pk})
    assert refused.status_code in {403, 404}
