import io
import json
import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.test import Client
from docx import Document

from tests.factories import UnitFactory, board_shares
from tests.voting.helpers import make_ballot, vote
from thidua.organizations.enums import Role
from thidua.voting import services
from thidua.voting.models import Ballot, CastBallot

API = "/api/v1/voting"


def _post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def test_an_unknown_meeting_state_is_a_422_not_a_server_error(conference, login):
    answer = _post(login(conference.secretary), f"{API}/meetings/{conference.meeting.pk}/state", {"action": "xong"})
    assert (answer.status_code, answer.json()) == (422, {"detail": "Không có tình trạng hội nghị “xong”."})
    conference.meeting.refresh_from_db()
    assert conference.meeting.state == "planned"


def test_secretary_runs_a_ballot_through_the_api(conference, login):
    client = login(conference.secretary)
    created = _post(
        client,
        f"{API}/meetings/{conference.meeting.pk}/ballots",
        {
            "question": "Bầu đơn vị đề nghị tặng Cờ thi đua",
            "candidates": [{"unit_id": u.pk} for u in conference.units[:4]],
            "max_choices": 2,
            "mode": "electronic",
            "purpose": "award",
        },
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["state"], body["problems"], len(body["candidates"])) == ("draft", [], 4)
    assert body["rule_set"]["citation"] == conference.rule_set.citation
    pk = body["id"]
    opened = _post(client, f"{API}/ballots/{pk}/state", {"action": "open"})
    assert (opened.json()["state"], opened["Cache-Control"]) == ("open", "no-store")
    sheets = opened.json()["key_shares"]
    assert [(s["number"], s["of"], s["needed"]) for s in sheets] == [(1, 3, 2), (2, 3, 2), (3, 3, 2)]
    assert len(opened.json()["public_key"]) == 64
    assert client.get(f"{API}/ballots/{pk}").json()["key_shares"] == []  # shown once, never again
    codes = _post(client, f"{API}/ballots/{pk}/codes").json()
    assert len(codes) == 8
    public_id = Ballot.objects.get(pk=pk).public_id
    assert codes[0]["url"].endswith(f"/bo-phieu/ma/{public_id}/#ma={codes[0]['code']}")
    assert (codes[0]["delegate_id"], codes[0]["full_name"]) == (None, "")
    candidate_ids = [c["id"] for c in body["candidates"]]
    anonymous = Client()
    cast = _post(anonymous, f"{API}/cast", {"code": codes[0]["code"], "choices": candidate_ids[:2]})
    assert cast.status_code == 200
    receipt = cast.json()["receipt"]
    again = _post(anonymous, f"{API}/cast", {"code": codes[0]["code"], "choices": candidate_ids[:2]})
    assert again.status_code == 409
    assert again.json()["detail"].startswith("Mã này đã được dùng để bỏ phiếu.")
    assert _post(anonymous, f"{API}/cast", {"code": "ZZZZ-ZZZZ-ZZZZ", "choices": []}).status_code == 404
    too_many = _post(anonymous, f"{API}/cast", {"code": codes[1]["code"], "choices": candidate_ids[:3]})
    assert (too_many.status_code, too_many.json()["detail"]) == (
        422,
        "Chỉ được chọn tối đa 2 ứng viên; phiếu đã chọn 3.",
    )
    assert client.get(f"{API}/ballots/{pk}/turnout").json() == {
        "state": "open", "mode": "electronic", "roll": 8, "present": 8, "voted": 1,
    }  # fmt: skip
    hidden = client.get(f"{API}/ballots/{pk}/result")
    assert (hidden.status_code, hidden.json()["detail"]) == (409, "Kết quả chỉ được công bố sau khi kết thúc bỏ phiếu.")
    too_few = _post(client, f"{API}/ballots/{pk}/state", {"action": "close", "shares": [sheets[1]["text"]]})
    assert (too_few.status_code, too_few.json()["detail"]) == (
        422,
        "Cần 2 phần khóa khác nhau của ban kiểm phiếu; mới có 1.",
    )
    shares = [sheets[2]["text"], sheets[0]["text"]]
    closed = _post(client, f"{API}/ballots/{pk}/state", {"action": "close", "shares": shares}).json()
    assert closed["state"] == "closed"
    assert len(closed["published_key"]) == 64
    result = client.get(f"{API}/ballots/{pk}/result").json()
    assert result["receipts"] == [receipt]
    assert [(r["votes"], r["percent"], r["passed"]) for r in result["rows"]][:2] == [
        (1, "12.50", False),
        (1, "12.50", False),
    ]
    assert anonymous.get(f"{API}/receipts/{body['public_id']}").json() == [receipt]


def test_results_refused_to_an_administrator_while_open(conference, login, make_user):
    ballot = make_ballot(conference)
    vote(ballot, conference.secretary, [[0]])
    admin = make_user(Role.ADMIN)
    response = login(admin).get(f"{API}/ballots/{ballot.pk}/result")
    assert response.status_code == 409
    minutes = login(admin).get(f"{API}/ballots/{ballot.pk}/minutes.docx")
    assert minutes.status_code == 409


def test_outsiders_get_404_and_viewers_403_on_writes(conference, login, make_user):
    ballot = make_ballot(conference)
    outsider = make_user(Role.UNIT_OFFICER, UnitFactory())
    assert login(outsider).get(f"{API}/ballots/{ballot.pk}").status_code == 404
    delegate = login(conference.heads[0])
    assert delegate.get(f"{API}/ballots/{ballot.pk}").status_code == 200
    assert _post(delegate, f"{API}/ballots/{ballot.pk}/state", {"action": "open"}).status_code == 403
    assert Client().get(f"{API}/ballots/{ballot.pk}").status_code == 401


def test_delegate_votes_signed_in(conference, login):
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    client = login(conference.heads[2])
    first = ballot.candidates.order_by("position").first()
    response = _post(client, f"{API}/ballots/{ballot.pk}/cast", {"choices": [first.pk]})
    assert response.status_code == 200
    assert _post(client, f"{API}/ballots/{ballot.pk}/cast", {"choices": []}).status_code == 409
    assert _post(login(conference.secretary), f"{API}/ballots/{ballot.pk}/cast", {"choices": []}).status_code == 403


def test_paper_count_and_confirmation_by_api(conference, login, second_manager):
    ballot = make_ballot(conference, mode="paper", candidates=conference.units[:2], max_choices=1)
    services.open_ballot(ballot, actor=conference.secretary)
    first, second = ballot.candidates.order_by("position")
    entered = _post(
        login(conference.secretary),
        f"{API}/ballots/{ballot.pk}/paper-counts",
        {"issued": 8, "returned": 8, "valid": 8, "invalid": 0, "counts": {first.pk: 5, second.pk: 3}},
    )
    assert entered.status_code == 201
    count_id = entered.json()["id"]
    same = _post(login(conference.secretary), f"{API}/paper-counts/{count_id}/decision", {"action": "confirm"})
    assert same.status_code == 403
    ok = _post(login(second_manager), f"{API}/paper-counts/{count_id}/decision", {"action": "confirm"})
    assert (ok.status_code, ok.json()["state"], ok.json()["counts"]) == (
        200,
        "confirmed",
        {str(first.pk): 5, str(second.pk): 3},
    )


def test_runoff_and_documents_by_api(conference, login):
    ballot = make_ballot(conference)
    vote(ballot, conference.secretary, [[0, 1, 2]] * 3 + [[0, 1, 3]] * 3 + [[0, 2, 3]] * 2)
    services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    client = login(conference.secretary)
    runoff = _post(client, f"{API}/ballots/{ballot.pk}/runoff")
    assert runoff.status_code == 201
    assert [c["unit_id"] for c in runoff.json()["candidates"]] == [u.pk for u in conference.units[2:4]]
    docx = client.get(f"{API}/ballots/{ballot.pk}/minutes.docx")
    assert docx.status_code == 200
    assert Document(io.BytesIO(docx.content)).paragraphs
    assert client.get(f"{API}/meetings/{conference.meeting.pk}/documents/to-trinh.pdf").content.startswith(b"%PDF")


def test_meeting_create_and_stale_patch(conference, login):
    client = login(conference.secretary)
    created = _post(
        client,
        f"{API}/meetings",
        {
            "kind": "conference",
            "cluster_year_id": conference.cluster_year.pk,
            "title": "Hội nghị lần 2",
            "held_on": "2024-01-12",
            "place": "Hội trường",
        },
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    patch = client.patch(f"{API}/meetings/{pk}", json.dumps({"version": 1, "place": "A"}), "application/json")
    assert (patch.status_code, patch.json()["version"]) == (200, 2)
    stale = client.patch(f"{API}/meetings/{pk}", json.dumps({"version": 1, "place": "B"}), "application/json")
    assert stale.status_code == 409
    listing = client.get(f"{API}/meetings").json()
    assert {m["id"] for m in listing} == {conference.meeting.pk, pk}


@pytest.mark.django_db(transaction=True)
def test_fifty_posts_of_one_code_over_http(conference):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL")
    ballot = make_ballot(conference)
    services.open_ballot(ballot, actor=conference.secretary)
    code = services.issue_codes(ballot, actor=conference.secretary)[0].code
    choice = [ballot.candidates.order_by("position").first().pk]
    start = threading.Barrier(50)
    statuses = []

    def post():
        try:
            client = Client()
            start.wait()
            statuses.append(_post(client, f"{API}/cast", {"code": code, "choices": choice}).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(statuses) == {200: 1, 409: 49}
    assert CastBallot.objects.filter(filled=True, ballot=ballot).count() == 1


def test_roll_and_attendance_by_api(conference, login):
    client = login(conference.secretary)
    roll = client.get(f"{API}/meetings/{conference.meeting.pk}/delegates").json()
    assert len(roll) == 8
    first = roll[0]["id"]
    patched = client.patch(f"{API}/delegates/{first}", json.dumps({"is_present": False}), "application/json")
    assert (patched.status_code, patched.json()["is_present"]) == (200, False)
    added = _post(client, f"{API}/meetings/{conference.meeting.pk}/delegates", {"full_name": "Khách mời biểu quyết"})
    assert (added.status_code, added.json()["full_name"]) == (201, "Khách mời biểu quyết")
    refused = _post(login(conference.heads[0]), f"{API}/meetings/{conference.meeting.pk}/delegates", {"full_name": "X"})
    assert refused.status_code == 403


def test_elections_and_leadership_by_api(conference, login):
    client = login(conference.secretary)
    for purpose, winner in (("leader", 0), ("deputy", 1)):
        created = _post(
            client,
            f"{API}/meetings/{conference.meeting.pk}/ballots",
            {"question": f"Bầu {purpose}", "purpose": purpose},
        ).json()
        assert (created["seats"], created["max_choices"], len(created["candidates"])) == (1, 1, 8)
        ballot_id = created["id"]
        sheets = _post(client, f"{API}/ballots/{ballot_id}/state", {"action": "open"}).json()["key_shares"]
        codes = _post(client, f"{API}/ballots/{ballot_id}/codes").json()
        for code in codes:
            _post(Client(), f"{API}/cast", {"code": code["code"], "choices": [created["candidates"][winner]["id"]]})
        shares = [sheet["text"] for sheet in sheets[:2]]
        _post(client, f"{API}/ballots/{ballot_id}/state", {"action": "close", "shares": shares})
    applied = _post(client, f"{API}/meetings/{conference.meeting.pk}/leadership", {"source": "ballot"})
    assert applied.status_code == 200
    assert applied.json()["year"] == 2024
    assert applied.json()["leader_id"] is not None


def test_chair_decision_by_api(conference, login):
    conference.rule_set.parameters = {**conference.rule_set.parameters, "tie_rule": "chair_decides"}
    conference.rule_set.save()
    ballot = make_ballot(conference)
    vote(ballot, conference.secretary, [[0, 1, 2]] * 3 + [[0, 1, 3]] * 3 + [[0, 2, 3]] * 2)
    services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    fourth = ballot.candidates.order_by("position")[3]
    client = login(conference.secretary)
    no_note = _post(client, f"{API}/ballots/{ballot.pk}/tie-decision", {"chosen": [fourth.pk], "note": ""})
    assert no_note.status_code == 422
    decided = _post(client, f"{API}/ballots/{ballot.pk}/tie-decision", {"chosen": [fourth.pk], "note": "Điểm cao hơn"})
    assert decided.status_code == 200
    assert fourth.pk in decided.json()["passed"]
    assert decided.json()["tie"]["decided_by_chair"] is True


def test_written_votes_by_api(council, login, make_user):
    council.meeting.delegates.filter(user=council.members[4]).update(is_present=False)
    client = login(council.board)
    created = _post(
        client,
        f"{API}/meetings/{council.meeting.pk}/ballots",
        {"question": "Tặng Cờ thi đua cấp tỉnh", "candidates": [{"label": "Huyện A"}], "max_choices": 1},
    ).json()
    _post(client, f"{API}/ballots/{created['id']}/state", {"action": "open"})
    absent = council.meeting.delegates.get(user=council.members[4])
    entered = _post(
        client,
        f"{API}/ballots/{created['id']}/written-votes",
        {"delegate_id": absent.pk, "choices": [created["candidates"][0]["id"]]},
    )
    assert (entered.status_code, entered["Cache-Control"]) == (201, "no-store")
    key = entered.json()["matching_key"]
    second = login(make_user("board_officer", council.meeting.province))
    decision = f"{API}/written-votes/{entered.json()['id']}/decision"
    wrong = _post(second, decision, {"action": "confirm", "choices": [], "matching_key": key})
    assert (wrong.status_code, wrong.json()["detail"]) == (
        422,
        (
            "Bản nhập lại không khớp bản nhập đầu, hoặc mã đối chiếu không đúng; không có phiếu nào được bỏ. Hãy đối "
            "chiếu lại phiếu giấy và mã trên phong bì. Còn 4 lần thử, sau đó bản nhập bị hủy."
        ),
    )
    confirmed = _post(
        second, decision, {"action": "confirm", "choices": [created["candidates"][0]["id"]], "matching_key": key}
    )
    assert (confirmed.status_code, confirmed.json()["state"]) == (200, "confirmed")
    assert len(confirmed.json()["receipt"]) == 9
