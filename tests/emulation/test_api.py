from django.test import Client

from tests.emulation.factories import MovementFactory
from tests.emulation.helpers import fake_pdf, pdf_upload
from thidua.emulation import services
from thidua.emulation.enums import PhaseKind, PhaseOverride, RegistrationState
from thidua.emulation.models import Phase, PledgeSignature, Registration

API = "/api/v1"


def test_anonymous_gets_401(year):
    client = Client()
    assert client.get(f"{API}/movements").status_code == 401
    assert client.get(f"{API}/cluster-years/{year.cluster_year.pk}/phases").status_code == 401


def test_bearer_token_works(year, client):
    year.officers[0].set_password("mat-khau-rat-dai-1")
    year.officers[0].save()
    token = client.post(
        f"{API}/auth/token",
        {"username": year.officers[0].username, "password": "mat-khau-rat-dai-1"},
        content_type="application/json",
    ).json()["token"]
    response = Client().get(f"{API}/movements", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_registration_flow_through_api(year, login):
    officer = login(year.officers[0])
    opened = officer.post(
        f"{API}/cluster-years/{year.cluster_year.pk}/registrations",
        {"unit_id": year.a.pk},
        content_type="application/json",
    ).json()
    assert (opened["state"], opened["version"]) == ("draft", 1)
    url = f"{API}/registrations/{opened['id']}"
    saved = officer.put(
        url,
        {
            "version": 1,
            "collective_forms": ["co-thi-dua-tinh"],
            "targets": {"chien-si-thi-dua-co-so": 9},
            "commitments": "Qua API",
        },
        content_type="application/json",
    )
    assert saved.status_code == 200
    assert saved.json()["targets"] == {"chien-si-thi-dua-co-so": 9}
    stale = officer.put(url, {"version": 1, "commitments": "Cũ"}, content_type="application/json")
    assert stale.status_code == 409
    assert "vừa được người khác thay đổi" in stale.json()["detail"]
    sent = officer.post(f"{url}/transition", {"state": "submitted"}, content_type="application/json")
    assert sent.json()["state"] == "submitted"
    secretary = login(year.secretary)
    no_reason = secretary.post(f"{url}/transition", {"state": "returned"}, content_type="application/json")
    assert (no_reason.status_code, no_reason.json()["detail"]) == (
        422,
        "Hãy ghi lý do trả lại để đơn vị biết cần sửa gì.",
    )
    approved = secretary.post(f"{url}/transition", {"state": "approved"}, content_type="application/json")
    assert approved.json()["state"] == "approved"


def test_other_unit_gets_404_on_draft_in_api(year, login):
    registration = services.registration_for(year.cluster_year, year.a, actor=year.officers[0])
    other = login(year.officers[1])
    url = f"{API}/registrations/{registration.pk}"
    assert other.get(url).status_code == 404
    assert other.put(url, {"version": 1, "commitments": "x"}, content_type="application/json").status_code == 404
    assert other.post(f"{url}/transition", {"state": "submitted"}, content_type="application/json").status_code == 404
    opening = other.post(
        f"{API}/cluster-years/{year.cluster_year.pk}/registrations",
        {"unit_id": year.a.pk},
        content_type="application/json",
    )
    assert opening.status_code == 403
    assert login(year.secretary).get(url).status_code == 404


def test_phase_closed_refused_in_api(year, login):
    registration = services.registration_for(year.cluster_year, year.a, actor=year.officers[0])
    Phase.objects.filter(kind=PhaseKind.REGISTRATION).update(override=PhaseOverride.CLOSED)
    response = login(year.officers[0]).put(
        f"{API}/registrations/{registration.pk}", {"version": 1, "commitments": "x"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "đã đóng" in response.json()["detail"]


def test_board_api_hides_draft_ids(year, login):
    services.registration_for(year.cluster_year, year.a, actor=year.officers[0])
    rows = login(year.secretary).get(f"{API}/cluster-years/{year.cluster_year.pk}/registrations").json()
    mine = next(r for r in rows if r["unit_id"] == year.a.pk)
    assert (mine["state"], mine["registration_id"]) == ("draft", None)
    assert login(year.officers[0]).get(f"{API}/cluster-years/{year.cluster_year.pk}/registrations").status_code == 403


def test_phases_api(year, login):
    secretary = login(year.secretary)
    response = secretary.put(
        f"{API}/cluster-years/{year.cluster_year.pk}/phases/review",
        {"starts_on": "2024-12-16", "ends_on": "2024-12-24"},
        content_type="application/json",
    )
    assert response.json()["label"] == "Thẩm định, chấm chéo"
    closed = secretary.post(
        f"{API}/cluster-years/{year.cluster_year.pk}/phases/registration/override",
        {"override": "closed"},
        content_type="application/json",
    )
    assert (closed.json()["override"], closed.json()["is_open"]) == ("closed", False)
    refused = login(year.officers[0]).post(
        f"{API}/cluster-years/{year.cluster_year.pk}/phases/registration/override",
        {"override": "opened"},
        content_type="application/json",
    )
    assert refused.status_code == 403


def test_pledge_api_sign_with_fake_scan_refused(year, login):
    pledge = services.create_pledge(year.cluster_year, actor=year.secretary, motto="M", items=["x"])
    services.set_pledge_state(pledge, "open", actor=year.secretary)
    head = login(year.heads[0])
    refused = head.post(f"{API}/pledges/{pledge.pk}/sign", {"scan": fake_pdf()})
    assert refused.status_code == 422
    assert "Tệp “gia-mao.pdf” không phải là tệp hợp lệ" in refused.json()["detail"]
    signed = head.post(f"{API}/pledges/{pledge.pk}/sign", {"scan": pdf_upload()})
    assert signed.status_code == 200
    row = next(s for s in signed.json()["signatures"] if s["unit_id"] == year.a.pk)
    assert (row["signed"], row["has_scan"]) == (True, True)
    officer = login(year.officers[1]).post(f"{API}/pledges/{pledge.pk}/sign", {})
    assert officer.status_code == 403
    assert PledgeSignature.objects.count() == 1


def test_pledge_api_create_and_document(year, login):
    secretary = login(year.secretary)
    created = secretary.post(
        f"{API}/cluster-years/{year.cluster_year.pk}/pledge",
        {"motto": "Đồng thuận cao", "items": ["Một", "Hai"]},
        content_type="application/json",
    ).json()
    assert (created["state"], created["items"]) == ("draft", ["Một", "Hai"])
    assert login(year.heads[0]).get(f"{API}/pledges/{created['id']}").status_code == 404
    document = secretary.get(f"{API}/pledges/{created['id']}/document", {"format": "docx"})
    assert document["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")


def test_movement_report_api_refuses_fake_pdf(year, login):
    movement = MovementFactory()
    services.join_movement(movement, year.a, actor=year.officers[0])
    response = login(year.officers[0]).post(
        f"{API}/movements/{movement.pk}/reports",
        {"unit_id": year.a.pk, "year": 2024, "period": "Cả năm", "content": "x", "files": [fake_pdf()]},
    )
    assert response.status_code == 422
    assert "không phải là tệp hợp lệ" in response.json()["detail"]


def test_movement_api_create_refused_for_officer(year, login):
    payload = {"name": "Phong trào", "level": "national", "kind": "regular"}
    assert login(year.officers[0]).post(f"{API}/movements", payload, content_type="application/json").status_code == 403
    created = login(year.board).post(f"{API}/movements", payload, content_type="application/json")
    assert created.json()["name"] == "Phong trào"


def test_exemplar_api_and_public_board(year, login):
    officer = login(year.officers[0])
    proposed = officer.post(
        f"{API}/exemplars",
        {"unit_id": year.a.pk, "kind": "person", "name": "Hồ Văn Tài", "year": 2024, "achievements": "Giỏi"},
    ).json()
    assert proposed["state"] == "proposed"
    assert login(year.officers[1]).get(f"{API}/exemplars/{proposed['id']}").status_code == 404
    assert Client().get(f"{API}/honour-board").json() == []
    recognised = (
        login(year.board)
        .post(f"{API}/exemplars/{proposed['id']}/transition", {"state": "recognised"}, content_type="application/json")
        .json()
    )
    board = Client().get(f"{API}/honour-board", {"q": "ho van tai"}).json()
    assert [e["id"] for e in board] == [recognised["id"]]
    assert board[0]["permalink"] == f"/bang-vang/{recognised['id']}/ho-van-tai/"


def test_guiding_documents_api(year, login):
    created = login(year.board).post(
        f"{API}/guiding-documents",
        {
            "number": "05-CT/TW",
            "issued_on": "2016-05-15",
            "issuer": "Bộ Chính trị",
            "doc_type": "chi_thi",
            "summary": "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            "file": pdf_upload(),
        },
    )
    assert created.status_code == 200
    found = login(year.officers[0]).get(f"{API}/guiding-documents", {"q": "ho chi minh"}).json()
    assert [d["number"] for d in found] == ["05-CT/TW"]


def test_export_api(year, login):
    registration = services.registration_for(year.cluster_year, year.a, actor=year.officers[0])
    Registration.objects.filter(pk=registration.pk).update(state=RegistrationState.SUBMITTED)
    response = login(year.secretary).get(f"{API}/cluster-years/{year.cluster_year.pk}/registrations/export")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    bad = login(year.secretary).get(f"{API}/cluster-years/{year.cluster_year.pk}/registrations/export?format=pdf")
    assert bad.status_code == 422
