"""Initiatives (sáng kiến) as records (issue 14 item 4): the unit's officer records its people's recognised
initiatives, and the conditions that ask for initiatives count them instead of leaving them to the dossier."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.awards.factories import award, initiative
from tests.awards.helpers import condition, judge
from thidua.awards import services
from thidua.awards.enums import EligibilityStatus, InitiativeScope
from thidua.awards.models import Initiative
from thidua.core.kernel import Refusal
from thidua.core.models import ActivityLogEntry

ENTRY = {
    "title": "Cải tiến quy trình tiếp nhận hồ sơ một cửa",
    "kind": "sang_kien",
    "scope": "co_so",
    "co_authors": "Trần Văn B",
    "recognised_by": "Hội đồng sáng kiến huyện Lệ Thủy",
    "decision_number": "12/QĐ-HĐSK",
    "decision_date": datetime.date(2025, 11, 20),
    "year": 2025,
    "note": "",
}
BASE_NEED = "Cần 1 sáng kiến, đề tài được công nhận, phạm vi ảnh hưởng từ cơ sở trở lên (2025)"


def api_entry(**changes):
    return {**ENTRY, "decision_date": "2025-11-20", **changes}


# ---------------------------------------------------------------- the service


def test_the_units_officer_records_an_initiative_and_it_is_logged(world):
    person = world["person"]
    saved = services.record_initiative(person, actor=world["officer"], **ENTRY)
    assert (saved.person, saved.title, saved.scope, saved.year, saved.created_by) == (
        person,
        ENTRY["title"],
        "co_so",
        2025,
        world["officer"],
    )
    entry = ActivityLogEntry.objects.get(action="initiative.recorded")
    assert (entry.actor, entry.new_values["decision_number"], entry.province_id) == (
        world["officer"],
        "12/QĐ-HĐSK",
        person.province_id,
    )


def test_the_board_may_record_and_another_units_officer_may_not(world):
    services.record_initiative(world["person"], actor=world["board"], **ENTRY)
    for stranger in ("other_officer", "outsider", "council"):
        with pytest.raises(PermissionDenied):
            services.record_initiative(world["person"], actor=world[stranger], **{**ENTRY, "title": stranger})
    assert Initiative.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "Hãy ghi tên sáng kiến, đề tài."),
        ({"recognised_by": ""}, "Hãy ghi cơ quan, người công nhận."),
        ({"scope": "huyen"}, "Hãy chọn phạm vi ảnh hưởng: cơ sở, toàn tỉnh hoặc toàn quốc."),
        ({"kind": "bai-bao"}, "Loại sáng kiến, đề tài không hợp lệ."),
        ({"year": 2026}, "Năm tính thành tích phải từ 1945 đến năm của quyết định công nhận (2025)."),
        ({"decision_date": datetime.date(2999, 1, 1)}, "Ngày quyết định công nhận không được sau hôm nay."),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_writes_nothing(world, changes, message):
    with pytest.raises(Refusal) as refused:
        services.record_initiative(world["person"], actor=world["officer"], **{**ENTRY, **changes})
    assert refused.value.messages == [message]
    assert not Initiative.objects.exists()
    assert not ActivityLogEntry.objects.filter(action="initiative.recorded").exists()


def test_the_same_decision_and_title_cannot_be_recorded_twice(world):
    services.record_initiative(world["person"], actor=world["officer"], **ENTRY)
    with pytest.raises(Refusal) as refused:
        services.record_initiative(world["person"], actor=world["board"], **ENTRY)
    assert refused.value.messages == [
        (
            "Sáng kiến “Cải tiến quy trình tiếp nhận hồ sơ một cửa” theo quyết định số 12/QĐ-HĐSK đã được ghi cho "
            "người này."
        )
    ]
    assert Initiative.objects.count() == 1


def test_removing_needs_a_reason_and_keeps_the_record_in_the_log(world):
    saved = services.record_initiative(world["person"], actor=world["officer"], **ENTRY)
    with pytest.raises(Refusal) as refused:
        services.remove_initiative(saved, actor=world["officer"], reason=" ")
    assert refused.value.messages == ["Hãy ghi lý do xóa bản ghi sáng kiến."]
    with pytest.raises(PermissionDenied):
        services.remove_initiative(saved, actor=world["other_officer"], reason="nhầm")
    services.remove_initiative(saved, actor=world["officer"], reason="Ghi nhầm người")
    assert not Initiative.objects.exists()
    entry = ActivityLogEntry.objects.get(action="initiative.removed")
    assert (entry.note, entry.old_values["title"]) == ("Ghi nhầm người", ENTRY["title"])


# ---------------------------------------------------------------- the conditions read them


def test_cstd_co_so_counts_a_recorded_initiative_of_the_year(world, rules):
    person = world["person"]
    award(person, "lao-dong-tien-tien", 2025)
    before = condition(judge(person, rules, "chien-si-thi-dua-co-so", 2025), "initiatives")
    assert (before.status, before.explanation) == ("not_met", f"{BASE_NEED}; có 0.")
    initiative(person, 2025, title="Sổ tay một cửa")
    result = judge(person, rules, "chien-si-thi-dua-co-so", 2025)
    counted = condition(result, "initiatives")
    assert (counted.status, counted.explanation) == ("met", f"{BASE_NEED}; có 1.")
    assert counted.citation == "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 23"
    assert [f.text for f in counted.facts] == [
        "Sáng kiến “Sổ tay một cửa” (cơ sở), năm 2025: Hội đồng sáng kiến cơ sở, quyết định số 1/QĐ-SK ngày 15/12/2025"
    ]
    assert result.status == EligibilityStatus.ELIGIBLE


def test_a_narrower_scope_or_a_later_decision_does_not_count(world, rules):
    person = world["person"]
    for year in (2023, 2024, 2025):
        award(person, "chien-si-thi-dua-co-so", year)
    initiative(person, 2024, title="Phạm vi cơ sở")
    initiative(person, 2025, InitiativeScope.PROVINCE, title="Công nhận muộn", decided=datetime.date(2026, 5, 1))
    result = judge(person, rules, "chien-si-thi-dua-tinh", 2025)
    counted = condition(result, "initiatives")
    assert counted.status == "not_met"
    assert [f.text.split(" — ")[1] for f in counted.facts] == [
        "công nhận sau ngày xét 01/03/2026, không tính",
        "phạm vi hẹp hơn yêu cầu, không tính",
    ]
    # Once recognised province-wide before the day of consideration, it counts for the provincial title.
    initiative(person, 2023, InitiativeScope.NATION, title="Toàn quốc")
    assert condition(judge(person, rules, "chien-si-thi-dua-tinh", 2025), "initiatives").status == "met"


def test_the_rule_is_data_with_its_citation(world):
    from thidua.awards.models import RuleSet

    nd152 = RuleSet.objects.get(code="quoc-gia-2025-nd152", is_current=True)
    rows = {
        r.award_form.code: (r.parameters["min_count"], r.parameters["min_scope"], r.parameters["years"])
        for r in nd152.rules.filter(condition="initiatives", alternative="")
    }
    assert rows == {
        "chien-si-thi-dua-co-so": (1, "co_so", 1),
        "chien-si-thi-dua-tinh": (1, "tinh", 3),
        "chien-si-thi-dua-toan-quoc": (1, "toan_quoc", 6),
    }
    point_d = nd152.rules.filter(condition="initiatives", award_form__code="bang-khen-tinh-ca-nhan")
    assert sorted((r.parameters["min_count"], r.parameters["years"], r.is_verified) for r in point_d) == [
        (2, 2, True),
        (2, 2, True),
    ]
    manual = [r.parameters["text"] for r in nd152.rules.filter(condition="manual_check")]
    assert not any("sáng kiến" in text for text in manual)


# ---------------------------------------------------------------- pages


def test_the_officer_records_from_the_page_and_sees_it_on_the_persons_history(world, login):
    person = world["person"]
    client = login(world["officer"])
    url = reverse("awards:initiative_add", args=[person.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {**ENTRY, "decision_date": "20/11/2025"})
    assert response.status_code == 302
    assert response.url == reverse("awards:person_awards", args=[person.pk])
    html = client.get(response.url).content.decode()
    assert "Cải tiến quy trình tiếp nhận hồ sơ một cửa" in html
    assert "quyết định số 12/QĐ-HĐSK ngày 20/11/2025" in html
    saved = Initiative.objects.get()
    response = client.post(reverse("awards:initiative_remove", args=[saved.pk]), {"reason": "Ghi nhầm"})
    assert response.status_code == 302
    assert not Initiative.objects.exists()


def test_a_bad_year_on_the_page_shows_the_message_and_keeps_nothing(world, login):
    url = reverse("awards:initiative_add", args=[world["person"].pk])
    response = login(world["officer"]).post(url, {**ENTRY, "decision_date": "20/11/2025", "year": 2026}, follow=True)
    assert "Năm tính thành tích phải từ 1945 đến năm của quyết định công nhận (2025)." in response.content.decode()
    assert not Initiative.objects.exists()


def test_pages_refuse_strangers_and_send_anonymous_to_login(world, login, client):
    person = world["person"]
    url = reverse("awards:initiative_add", args=[person.pk])
    assert login(world["other_officer"]).get(url).status_code == 403
    assert login(world["other_officer"]).post(url, {**ENTRY, "decision_date": "20/11/2025"}).status_code == 403
    assert client.get(url).status_code == 302
    saved = initiative(person, 2025)
    remove = reverse("awards:initiative_remove", args=[saved.pk])
    assert login(world["outsider"]).post(remove, {"reason": "x"}).status_code == 403
    assert Initiative.objects.count() == 1
    history = login(world["other_officer"]).get(reverse("awards:person_awards", args=[person.pk]))
    assert history.status_code == 403


# ---------------------------------------------------------------- API


def test_api_records_lists_and_removes(world, login):
    person = world["person"]
    client = login(world["officer"])
    url = f"/api/v1/awards/people/{person.pk}/initiatives"
    created = client.post(url, api_entry(), content_type="application/json")
    assert created.status_code == 201
    body = created.json()
    assert {k: body[k] for k in ("person_id", "scope", "scope_label", "kind_label", "decision_date", "year")} == {
        "person_id": person.pk,
        "scope": "co_so",
        "scope_label": "Cơ sở",
        "kind_label": "Sáng kiến",
        "decision_date": "2025-11-20",
        "year": 2025,
    }
    assert [i["id"] for i in login(world["board"]).get(url).json()] == [body["id"]]
    remove = f"/api/v1/awards/initiatives/{body['id']}/remove"
    assert client.post(remove, {"reason": ""}, content_type="application/json").status_code == 422
    assert client.post(remove, {"reason": "Ghi nhầm"}, content_type="application/json").status_code == 204
    assert client.get(url).json() == []


def test_api_refuses_strangers_and_bad_input(world, login):
    person = world["person"]
    url = f"/api/v1/awards/people/{person.pk}/initiatives"
    refused = login(world["other_officer"]).post(url, api_entry(), content_type="application/json")
    assert refused.status_code == 403
    assert login(world["outsider"]).get(url).status_code == 403
    bad = login(world["officer"]).post(url, api_entry(scope="huyen"), content_type="application/json")
    assert (bad.status_code, bad.json()["detail"]) == (
        422,
        "Hãy chọn phạm vi ảnh hưởng: cơ sở, toàn tỉnh hoặc toàn quốc.",
    )
    assert not Initiative.objects.exists()
