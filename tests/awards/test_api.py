import pytest
from django.test import Client

from tests.awards.factories import award, rate
from tests.awards.helpers import row, xlsx
from tests.factories import ClusterMembershipFactory, ClusterYearFactory
from thidua.awards.enums import TaskCompletion
from thidua.awards.models import AwardRecord, RuleSet
from thidua.organizations.enums import Role

API = "/api/v1/awards"


@pytest.fixture
def api(login):
    def make(user):
        return login(user)

    return make


def test_anonymous_callers_get_401(rules):
    client = Client()
    for url in (f"{API}/records", f"{API}/forms", f"{API}/rule-sets", f"{API}/screening?year=2023&province=1"):
        assert client.get(url).status_code == 401


def test_records_follow_the_same_scope_as_pages(world, api):
    mine = award(world["mine"], "co-thi-dua-tinh", 2023)
    theirs = award(world["theirs"], "co-thi-dua-tinh", 2023)
    assert [r["id"] for r in api(world["officer"]).get(f"{API}/records").json()] == [mine.pk]
    assert {r["id"] for r in api(world["council"]).get(f"{API}/records").json()} == {mine.pk, theirs.pk}
    assert api(world["officer"]).get(f"{API}/records/{theirs.pk}").status_code == 404
    body = api(world["board"]).get(f"{API}/records/{mine.pk}").json()
    assert (body["award_form"], body["recipient_name"], body["level"]) == (
        "co-thi-dua-tinh",
        world["mine"].full_name,
        "province",
    )
    assert api(world["other_officer"]).get(f"{API}/units/{world['mine'].pk}/records").status_code == 403
    assert len(api(world["officer"]).get(f"{API}/units/{world['mine'].pk}/records").json()) == 1


def test_create_and_revoke_through_the_api(world, api):
    payload = {
        "award_form": "bang-khen-tinh",
        "year": 2023,
        "decision_number": "7/QĐ-UBND",
        "decision_date": "2024-01-05",
        "issuer": "Chủ tịch UBND tỉnh",
        "unit_id": world["mine"].pk,
    }
    assert api(world["officer"]).post(f"{API}/records", payload, content_type="application/json").status_code == 403
    created = api(world["board"]).post(f"{API}/records", payload, content_type="application/json")
    assert created.status_code == 201
    again = api(world["board"]).post(f"{API}/records", payload, content_type="application/json")
    assert again.status_code == 422
    assert "đã có trong sổ" in again.json()["detail"]
    record_id = created.json()["id"]
    url = f"{API}/records/{record_id}/revoke"
    assert api(world["officer"]).post(url, {"reason": "x"}, content_type="application/json").status_code == 403
    empty = api(world["board"]).post(url, {"reason": " "}, content_type="application/json")
    assert (empty.status_code, empty.json()["detail"]) == (422, "Phải ghi lý do hủy bỏ khen thưởng.")
    done = api(world["board"]).post(url, {"reason": "Sai", "revoked_on": "2024-02-01"}, content_type="application/json")
    assert done.json()["revoked_on"] == "2024-02-01"


def test_eligibility_through_the_api(world, api):
    award(world["person"], "chien-si-thi-dua-co-so", 2021)
    award(world["person"], "chien-si-thi-dua-co-so", 2023)
    url = f"{API}/eligibility?form=chien-si-thi-dua-tinh&year=2023&person={world['person'].pk}&as_of=2026-03-01"
    body = api(world["officer"]).get(url).json()
    chain = next(c for c in body["conditions"] if c["condition"] == "consecutive_titles")
    assert (body["status"], chain["status"]) == ("not_eligible", "not_met")
    assert chain["explanation"].endswith("thiếu năm 2022.")
    assert [f["year"] for f in chain["facts"]] == [2021, 2023]
    assert api(world["other_officer"]).get(url).status_code == 403
    wrong = api(world["officer"]).get(url.replace("chien-si-thi-dua-tinh", "co-thi-dua-tinh"))
    assert (wrong.status_code, wrong.json()["detail"]) == (
        422,
        "Cờ thi đua cấp tỉnh dành cho tập thể, không xét cho cá nhân.",
    )


def test_screening_through_the_api(world, api, make_user):
    cy = ClusterYearFactory(cluster__province=world["province"], year=2024)
    ClusterMembershipFactory(cluster_year=cy, unit=world["mine"])
    rate(world["person"], 2024, TaskCompletion.GOOD)
    url = f"{API}/screening?year=2024&cluster_year={cy.pk}&form=lao-dong-tien-tien"
    rows = api(world["council"]).get(url).json()
    assert [(r["candidate_name"], r["results"][0]["status"]) for r in rows] == [(world["person"].full_name, "eligible")]
    assert api(world["officer"]).get(url).status_code == 403
    assert api(make_user(Role.CLUSTER_SECRETARIAT, cy)).get(url).status_code == 200
    assert api(world["council"]).get(f"{API}/screening?year=2024").status_code == 422


def test_rule_set_revision_through_the_api(world, api, make_user):
    nd152 = RuleSet.objects.get(code="quoc-gia-2025-nd152")
    rule = nd152.rules.get(award_form__code="tap-the-lao-dong-xuat-sac", condition="members_share_title")
    url = f"{API}/rule-sets/{nd152.pk}/revisions"
    bad = {"version": 1, "rule_changes": {str(rule.pk): {"parameters": {**rule.parameters, "percent": 170}}}}
    assert api(world["council"]).post(url, bad, content_type="application/json").status_code == 403
    # A national rule set: a province's board is refused since issue 13; an administrator corrects it.
    assert api(world["board"]).post(url, bad, content_type="application/json").status_code == 403
    admin = make_user(Role.ADMIN)
    refused = api(admin).post(url, bad, content_type="application/json")
    assert (refused.status_code, refused.json()["detail"]) == (
        422,
        "Tham số “Tỷ lệ (%)” phải là một tỷ lệ từ 0 đến 100.",
    )
    good = {"version": 1, "note": "Sửa", "rule_changes": {str(rule.pk): {"is_verified": False}}}
    created = api(admin).post(url, good, content_type="application/json")
    assert created.status_code == 201
    assert (created.json()["version"], [v["version"] for v in created.json()["versions"]]) == (2, [2, 1])
    assert api(admin).post(url, good, content_type="application/json").status_code == 409  # a lost edit race


def test_catalogue_patch_through_the_api(world, api, rules):
    form = rules["giay-khen"]
    url = f"{API}/forms/{form.pk}"
    assert (
        api(world["officer"]).patch(url, {"version": 1, "note": "x"}, content_type="application/json").status_code
        == 403
    )
    body = api(world["board"]).patch(url, {"version": 1, "note": "Đối chiếu"}, content_type="application/json").json()
    assert (body["note"], body["version"]) == ("Đối chiếu", 2)


def test_import_through_the_api(world, api, settings):
    """Who may import, and whose batch is whose; the dry run and the write themselves are in test_import_jobs."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    world["mine"].code = "ma-don-vi"
    world["mine"].save()
    upload = xlsx([row(unit="ma-don-vi")])
    assert api(world["officer"]).post(f"{API}/imports", {"file": upload}).status_code == 403
    board = api(world["board"])
    answer = board.post(f"{API}/imports", {"file": xlsx([row(unit="ma-don-vi")])})
    assert answer.status_code == 202
    batch = board.get(answer.json()["url"]).json()["result"]["batch"]
    written = board.post(f"{API}/imports/{batch}/commit")
    assert (written.status_code, AwardRecord.objects.count()) == (202, 1)
    assert api(world["outsider"]).get(f"{API}/imports/{batch}").status_code == 404


def test_facts_through_the_api(world, api):
    rating = {"person_id": world["person"].pk, "year": 2023, "completion": "good"}
    assert api(world["officer"]).post(f"{API}/task-ratings", rating, content_type="application/json").status_code == 201
    bad = {**rating, "completion": "tuyệt vời"}
    assert api(world["officer"]).post(f"{API}/task-ratings", bad, content_type="application/json").status_code == 422
    both = {**rating, "unit_id": world["mine"].pk}
    assert api(world["board"]).post(f"{API}/task-ratings", both, content_type="application/json").status_code == 422
    flag = {"person_id": world["person"].pk, "kind": "complaint", "opened_on": "2024-01-01"}
    assert api(world["officer"]).post(f"{API}/review-flags", flag, content_type="application/json").status_code == 403
    flag_id = api(world["board"]).post(f"{API}/review-flags", flag, content_type="application/json").json()["id"]
    closed = api(world["board"]).post(
        f"{API}/review-flags/{flag_id}/close", {"closed_on": "2024-03-01"}, content_type="application/json"
    )
    assert closed.json()["closed_on"] == "2024-03-01"
    discipline = {"person_id": world["person"].pk, "level": "canh_cao", "starts_on": "2024-01-01"}
    assert (
        api(world["board"]).post(f"{API}/disciplines", discipline, content_type="application/json").status_code == 201
    )


def test_priority_statistics_through_the_api(world, api):
    award(world["person"], "lao-dong-tien-tien", 2023, person_unit=world["mine"])
    url = f"{API}/priority-statistics?province={world['province'].pk}&year=2023"
    rows = api(world["council"]).get(url).json()
    assert rows == [
        {
            "cluster_year_id": None,
            "label": "Toàn tỉnh",
            "year": 2023,
            "people": 1,
            "direct_labourers": 0,
            "percent": 0.0,
            "records": 1,
        }
    ]
    assert api(world["outsider"]).get(url).status_code == 403
    assert api(world["officer"]).get(url).status_code == 403
    assert api(world["council"]).get(f"{API}/priority-statistics").status_code == 422


def test_a_units_officer_records_its_own_level_through_the_api(world, api):
    payload = {
        "year": 2023,
        "decision_number": "9/QĐ-UBND",
        "decision_date": "2024-01-12",
        "issuer": "Chủ tịch UBND xã",
    }
    person = {**payload, "award_form": "lao-dong-tien-tien", "person_id": world["person"].pk}
    created = api(world["officer"]).post(f"{API}/records", person, content_type="application/json")
    assert created.status_code == 201
    assert (created.json()["award_form"], created.json()["level"]) == ("lao-dong-tien-tien", "grassroots")
    record = AwardRecord.objects.get()
    assert (record.person, record.person_unit) == (world["person"], world["mine"])
    higher = {**payload, "award_form": "bang-khen-tinh", "unit_id": world["mine"].pk}
    assert api(world["officer"]).post(f"{API}/records", higher, content_type="application/json").status_code == 403
    other = api(world["other_officer"]).post(f"{API}/records", person, content_type="application/json")
    assert other.status_code == 403
    assert AwardRecord.objects.count() == 1
