import datetime

import pytest
from django.urls import reverse

from tests.awards.factories import award, collective, rate
from tests.factories import (
    ClusterMembershipFactory,
    ClusterYearFactory,
    UnitFactory,
)
from thidua.awards.enums import TaskCompletion
from thidua.awards.models import AwardForm, AwardRecord, RuleSet, TaskRating
from thidua.core.models import ActivityLogEntry
from thidua.organizations.enums import Role


def page(login, user, name, *args, query=""):
    response = login(user).get(reverse(f"awards:{name}", args=args) + query)
    return response, response.content.decode() if response.status_code == 200 else ""


# ---------------------------------------------------------------- catalogue and rule sets


def test_catalogue_is_read_by_every_role_and_refused_without_one(world, login, client):
    response, html = page(login, world["council"], "catalogue")
    assert response.status_code == 200
    assert "Cờ thi đua cấp tỉnh" in html
    assert "Hệ số tiền thưởng" in html
    assert "chưa đối chiếu" in html
    assert page(login, world["nobody"], "catalogue")[0].status_code == 403
    assert client.get(reverse("awards:catalogue")).status_code == 302


def test_the_board_corrects_a_catalogue_row(world, login, rules):
    form = rules["giay-khen"]
    assert page(login, world["officer"], "award_form_edit", form.pk)[0].status_code == 403
    client = login(world["board"])
    data = {
        "version": 1,
        "name": "Giấy khen",
        "issuer": "Thủ trưởng",
        "legal_basis": "Điều 75",
        "note": "Đã đối chiếu",
    }
    assert client.post(reverse("awards:award_form_edit", args=[form.pk]), data).status_code == 302
    form.refresh_from_db()
    assert (form.legal_basis, form.version) == ("Điều 75", 2)
    stale = client.post(reverse("awards:award_form_edit", args=[form.pk]), {**data, "note": "Lần hai"}, follow=True)
    assert "vừa được người khác thay đổi" in stale.content.decode()
    form.refresh_from_db()
    assert form.note == "Đã đối chiếu"


def test_rule_sets_show_citations_and_uncertainty(world, login, make_user):
    nd152 = RuleSet.objects.get(code="quoc-gia-2025-nd152")
    response, html = page(login, world["council"], "rule_set_detail", nd152.pk)
    assert response.status_code == 200
    assert "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 27 khoản 1" in html
    assert "chưa đối chiếu" in html
    assert "Sửa thông tin bộ quy định" not in html
    # A national rule set is corrected by an administrator only, no longer by a province's board (issue 13).
    assert "Sửa thông tin bộ quy định" not in page(login, world["board"], "rule_set_detail", nd152.pk)[1]
    assert "Sửa thông tin bộ quy định" in page(login, make_user(Role.ADMIN), "rule_set_detail", nd152.pk)[1]


def test_a_rule_correction_from_the_page_makes_a_new_version(world, login, make_user):
    nd98 = RuleSet.objects.get(code="quoc-gia-2024-nd98")
    rule = nd98.rules.get(award_form__code="tap-the-lao-dong-tien-tien", condition="members_share_title")
    url = reverse("awards:rule_edit", args=[nd98.pk, rule.pk])
    assert login(world["council"]).get(url).status_code == 403
    data = {
        "version": 1,
        "citation": "Luật 06/2022/QH15, Điều 28 khoản 1",
        "is_verified": "on",
        "reason": "Đã đối chiếu",
        "p_forms": ["lao-dong-tien-tien"],
        "p_comparison": "gt",
        "p_percent": "50",
    }
    assert login(world["board"]).get(url).status_code == 403  # national: administrators only
    admin = make_user(Role.ADMIN)
    client = login(admin)
    missing = client.post(url, {**data, "p_forms": []})
    assert "Thiếu tham số" in missing.content.decode() or "Trường này là bắt buộc" in missing.content.decode()
    response = client.post(url, data)
    revised = RuleSet.objects.get(code="quoc-gia-2024-nd98", is_current=True)
    assert response.url == reverse("awards:rule_set_detail", args=[revised.pk])
    assert revised.version == 2
    new_rule = revised.rules.get(award_form__code="tap-the-lao-dong-tien-tien", condition="members_share_title")
    assert (new_rule.parameters, new_rule.is_verified) == (
        {"forms": ["lao-dong-tien-tien"], "comparison": "gt", "percent": 50},
        True,
    )
    old_page = page(login, world["council"], "rule_set_detail", nd98.pk)[1]
    assert "Phiên bản cũ, đã được thay thế" in old_page
    assert login(admin).get(url).status_code == 403  # the old version is no longer editable


def test_a_value_outside_the_schema_is_refused_on_the_page(world, login, make_user):
    nd98 = RuleSet.objects.get(code="quoc-gia-2024-nd98")
    rule = nd98.rules.get(condition="policy_merit_only")
    url = reverse("awards:rule_edit", args=[nd98.pk, rule.pk])
    response = login(make_user(Role.ADMIN)).post(
        url, {"version": 1, "citation": "x", "reason": "y", "p_excluded_kinds": ["khong-co"]}
    )
    assert response.status_code == 200
    assert RuleSet.objects.filter(code="quoc-gia-2024-nd98").count() == 1


# ---------------------------------------------------------------- register and records


@pytest.fixture
def records(world):
    return {
        "mine": award(world["mine"], "co-thi-dua-tinh", 2023),
        "theirs": award(world["theirs"], "co-thi-dua-tinh", 2023),
        "person": award(world["person"], "lao-dong-tien-tien", 2023, person_unit=world["mine"]),
    }


def test_the_register_shows_each_role_its_own_scope(world, records, login):
    mine = {r.recipient_name for r in page(login, world["officer"], "register")[0].context["page"]}
    assert mine == {world["mine"].full_name, world["person"].full_name}
    board = {r.recipient_name for r in page(login, world["board"], "register")[0].context["page"]}
    assert board == {world["mine"].full_name, world["theirs"].full_name, world["person"].full_name}
    assert len(page(login, world["council"], "register")[0].context["page"]) == 3
    assert len(page(login, world["outsider"], "register")[0].context["page"]) == 0
    html = page(login, world["officer"], "register")[1]
    assert "Sổ theo dõi khen thưởng" in html
    assert "Xuất Excel" in html


def test_register_filters_and_ignores_diacritics(world, records, login):
    world["person"].full_name = "Lê Thị Thủy"
    records["person"].recipient_name = "Lê Thị Thủy"
    records["person"].save()
    found = page(login, world["board"], "register", query="?q=le+thi+thuy")[0].context["page"]
    assert [r.pk for r in found] == [records["person"].pk]
    collectives = page(login, world["board"], "register", query="?recipient=collective&year=2023")[0].context["page"]
    assert {r.pk for r in collectives} == {records["mine"].pk, records["theirs"].pk}


def test_register_page_queries_do_not_grow_with_rows(world, records, login, django_assert_max_num_queries):
    for year in range(2000, 2040):
        award(world["mine"], "giay-khen", year)
    client = login(world["board"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("awards:register"))
    assert len(response.context["page"]) == 43  # 3 + 40 records on one page


def test_register_export_is_an_excel_file(world, records, login):
    response = login(world["officer"]).get(reverse("awards:register_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.max_row == 3
    assert sheet["B1"].value == "Danh hiệu, hình thức"


def test_record_page_and_revocation_permissions(world, records, login):
    record = records["mine"]
    assert page(login, world["officer"], "record_detail", record.pk)[0].status_code == 200
    assert "Hủy bỏ khen thưởng" not in page(login, world["officer"], "record_detail", record.pk)[1]
    assert page(login, world["other_officer"], "record_detail", record.pk)[0].status_code == 403
    url = reverse("awards:record_revoke", args=[record.pk])
    data = {"version": 1, "reason": "Khai man thành tích", "revoked_on": "2024-06-01"}
    assert login(world["officer"]).post(url, data).status_code == 403
    response = login(world["board"]).post(url, data, follow=True)
    assert "không còn được tính" in response.content.decode()
    record.refresh_from_db()
    assert record.revoked_on == datetime.date(2024, 6, 1)


def test_unit_history_includes_people_and_is_private_to_the_unit(world, records, login, make_user):
    response, html = page(login, world["officer"], "unit_awards", world["mine"].pk)
    assert response.status_code == 200
    assert "Lịch sử khen thưởng" in html
    assert "Cờ thi đua cấp tỉnh" in html
    assert "Cá nhân của đơn vị được khen" in html
    assert page(login, world["other_officer"], "unit_awards", world["mine"].pk)[0].status_code == 403
    cy = ClusterYearFactory(cluster__province=world["province"])
    ClusterMembershipFactory(cluster_year=cy, unit=world["mine"])
    secretary = make_user(Role.CLUSTER_SECRETARIAT, cy)
    assert page(login, secretary, "unit_awards", world["mine"].pk)[0].status_code == 200
    assert page(login, secretary, "unit_awards", world["theirs"].pk)[0].status_code == 403


def test_person_history_permissions(world, records, login):
    assert page(login, world["officer"], "person_awards", world["person"].pk)[0].status_code == 200
    assert page(login, world["council"], "person_awards", world["person"].pk)[0].status_code == 200
    assert page(login, world["other_officer"], "person_awards", world["person"].pk)[0].status_code == 403
    assert page(login, world["outsider"], "person_awards", world["person"].pk)[0].status_code == 403


def test_unit_history_page_queries_are_bounded(world, login, django_assert_max_num_queries):
    for year in range(2000, 2030):
        award(world["mine"], "giay-khen", year)
        rate(world["mine"], year)
    client = login(world["officer"])
    with django_assert_max_num_queries(22):
        assert client.get(reverse("awards:unit_awards", args=[world["mine"].pk])).status_code == 200


def test_the_board_records_an_award_from_the_unit_page(world, login, rules):
    url = reverse("awards:record_add", args=["don-vi", world["mine"].pk])
    assert login(world["other_officer"]).get(url).status_code == 403
    data = {
        "award_form": rules["bang-khen-tinh"].pk,
        "year": 2023,
        "achievement_kind": "annual",
        "decision_number": "5/QĐ-UBND",
        "decision_date": "2024-01-10",
        "issuer": "Chủ tịch UBND tỉnh",
    }
    response = login(world["board"]).post(url, data)
    record = AwardRecord.objects.get()
    assert response.url == reverse("awards:record_detail", args=[record.pk])
    again = login(world["board"]).post(url, data)
    assert "đã có trong sổ" in again.content.decode()
    assert login(world["board"]).get(reverse("awards:record_add", args=["khac", 1])).status_code == 404


def test_ratings_discipline_and_flags_from_the_pages(world, login):
    person_url = reverse("awards:rating_set", args=["ca-nhan", world["person"].pk])
    unit_url = reverse("awards:rating_set", args=["don-vi", world["mine"].pk])
    login(world["officer"]).post(person_url, {"year": 2023, "completion": TaskCompletion.GOOD})
    assert TaskRating.objects.get(person=world["person"]).completion == TaskCompletion.GOOD
    assert login(world["officer"]).post(unit_url, {"year": 2023, "completion": "good"}).status_code == 403
    assert login(world["other_officer"]).post(person_url, {"year": 2023, "completion": "good"}).status_code == 403
    discipline_url = reverse("awards:discipline_add", args=["ca-nhan", world["person"].pk])
    assert login(world["officer"]).post(discipline_url, {}).status_code == 403
    login(world["board"]).post(discipline_url, {"level": "canh_cao", "starts_on": "2024-01-01"})
    flag_url = reverse("awards:flag_add", args=["ca-nhan", world["person"].pk])
    login(world["board"]).post(flag_url, {"kind": "complaint", "opened_on": "2024-02-01"})
    html = page(login, world["officer"], "person_awards", world["person"].pk)[1]
    assert "Cảnh cáo" in html
    assert "Khiếu nại, tố cáo đang được xác minh" in html
    assert "đang mở" in html


# ---------------------------------------------------------------- import pages


def test_import_pages_for_the_board_only(world, login):
    assert page(login, world["officer"], "import_start")[0].status_code == 403
    assert page(login, world["council"], "import_template")[0].status_code == 403
    _response, html = page(login, world["board"], "import_start")
    assert "Tải tệp mẫu" in html
    template = login(world["board"]).get(reverse("awards:import_template"))
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")


# ---------------------------------------------------------------- screening and eligibility


def _scored_cluster(size, province):
    cy = ClusterYearFactory(cluster__province=province, year=2024)
    for _ in range(size):
        unit, people = collective(3, province=province, year=2024)
        ClusterMembershipFactory(cluster_year=cy, unit=unit)
        rate(unit, 2024)
        for person in people:
            rate(person, 2024, TaskCompletion.GOOD)
            award(person, "lao-dong-tien-tien", 2024)
    return cy


def test_screening_scopes_follow_roles(world, login, make_user):
    cy = _scored_cluster(2, world["province"])
    secretary = make_user(Role.CLUSTER_SECRETARIAT, cy)
    query = f"?pham_vi=cy-{cy.pk}&year=2024"
    assert page(login, secretary, "screening", query=query)[0].status_code == 200
    assert page(login, world["council"], "screening", query=query)[0].status_code == 200
    assert page(login, world["officer"], "screening", query=query)[0].status_code == 403
    assert page(login, world["outsider"], "screening", query=query)[0].status_code == 403
    assert page(login, world["officer"], "screening")[0].status_code == 200  # defaults to the officer's unit
    assert page(login, world["nobody"], "screening")[0].status_code == 403


def test_screening_explains_who_qualifies_and_why_not(world, login):
    cy = _scored_cluster(2, world["province"])
    form = AwardForm.objects.get(code="tap-the-lao-dong-xuat-sac")
    html = page(login, world["board"], "screening", query=f"?pham_vi=cy-{cy.pk}&year=2024&award_form={form.pk}")[1]
    assert "Chưa đủ điều kiện" in html
    assert "0 thành viên đạt Chiến sĩ thi đua cơ sở năm 2024; yêu cầu ít nhất 1." in html
    assert "Điều 27 khoản 1" in html


def test_screening_page_queries_do_not_grow_with_candidates(world, login, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = _scored_cluster(2, world["province"])
    large = _scored_cluster(6, world["province"])
    client = login(world["board"])
    counts = []
    for cy in (small, large):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("awards:screening") + f"?pham_vi=cy-{cy.pk}&year=2024").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert counts[1] <= 30


def test_eligibility_detail_page_shows_the_missing_year_and_article(world, login):
    award(world["person"], "chien-si-thi-dua-co-so", 2021)
    award(world["person"], "chien-si-thi-dua-co-so", 2023)
    query = f"?person={world['person'].pk}&form=chien-si-thi-dua-tinh&year=2023&as_of=2026-03-01"
    _response, html = page(login, world["officer"], "eligibility_detail", query=query)
    assert "thiếu năm 2022" in html
    assert "Điều 22" in html
    assert "Chưa đủ điều kiện" in html
    assert page(login, world["other_officer"], "eligibility_detail", query=query)[0].status_code == 403


def test_priority_statistics_page(world, login):
    assert page(login, world["officer"], "priority_statistics")[0].status_code == 403
    _response, html = page(login, world["council"], "priority_statistics")
    assert "Tỷ lệ người trực tiếp lao động, sản xuất được khen thưởng" in html


def test_menu_entries_follow_roles(world, login):
    html = login(world["council"]).get(reverse("core:home")).content.decode()
    assert "Sổ khen thưởng" in html
    assert "Thống kê ưu tiên" in html
    officer_home = login(world["officer"]).get(reverse("core:home")).content.decode()
    assert "Thống kê ưu tiên" not in officer_home
    assert "Lịch sử khen thưởng" in officer_home


def test_every_write_from_pages_is_logged(world, login):
    login(world["officer"]).post(
        reverse("awards:rating_set", args=["ca-nhan", world["person"].pk]), {"year": 2023, "completion": "good"}
    )
    assert ActivityLogEntry.objects.filter(action="task_rating.set").count() == 1


def test_the_secretariat_reads_its_member_units_records(world, records, login, make_user):
    cy = ClusterYearFactory(cluster__province=world["province"])
    ClusterMembershipFactory(cluster_year=cy, unit=world["mine"])
    secretary = make_user(Role.CLUSTER_SECRETARIAT, cy)
    seen = {r.pk for r in page(login, secretary, "register")[0].context["page"]}
    assert seen == {records["mine"].pk, records["person"].pk}
    assert page(login, secretary, "record_detail", records["theirs"].pk)[0].status_code == 403


def test_a_merged_units_officer_reads_the_records_of_the_units_it_came_from(world, login, make_user):
    from thidua.organizations.enums import LineageKind
    from thidua.organizations.services import record_lineage_event

    new = UnitFactory(province=world["province"], valid_from=datetime.date(2025, 7, 1))
    record_lineage_event(
        kind=LineageKind.MERGED, date=datetime.date(2025, 7, 1), predecessors=[world["theirs"]], successors=[new]
    )
    inherited = award(world["theirs"], "co-thi-dua-tinh", 2023)
    officer = make_user(Role.UNIT_OFFICER, new)
    assert [r.pk for r in page(login, officer, "register")[0].context["page"]] == [inherited.pk]
    assert page(login, officer, "record_detail", inherited.pk)[0].status_code == 200
    assert inherited.recipient_name in page(login, officer, "unit_awards", new.pk)[1]


def test_the_merged_units_page_includes_the_awards_of_its_predecessors_people(world, login, make_user):
    # Issue 13: the page said it included the predecessor communes' records, but their people's were missing.
    from tests.factories import PersonFactory
    from thidua.organizations.enums import LineageKind
    from thidua.organizations.services import record_lineage_event

    new = UnitFactory(province=world["province"], valid_from=datetime.date(2025, 7, 1))
    record_lineage_event(
        kind=LineageKind.MERGED, date=datetime.date(2025, 7, 1), predecessors=[world["theirs"]], successors=[new]
    )
    worker = PersonFactory(province=world["province"], full_name="Hồ Thị Tiền Nhiệm")
    earlier = award(worker, "lao-dong-tien-tien", 2023, person_unit=world["theirs"])
    elsewhere = award(PersonFactory(province=world["province"]), "lao-dong-tien-tien", 2023, person_unit=world["mine"])
    response, text = page(login, make_user(Role.UNIT_OFFICER, new), "unit_awards", new.pk)
    assert [r.pk for r in response.context["people_records"]] == [earlier.pk]
    assert "Hồ Thị Tiền Nhiệm" in text
    assert elsewhere.recipient_name not in text


def test_a_units_officer_records_its_own_level_from_the_unit_page(world, login, rules):
    # Issue 13: a commune-level decision is recorded by the commune's officer; higher levels stay with the board.
    url = reverse("awards:record_add", args=["don-vi", world["mine"].pk])
    client = login(world["officer"])
    page = client.get(url)
    offered = set(page.context["form"].fields["award_form"].queryset.values_list("code", flat=True))
    assert "tap-the-lao-dong-tien-tien" in offered
    assert "co-thi-dua-tinh" not in offered
    data = {
        "year": 2023,
        "achievement_kind": "annual",
        "decision_number": "7/QĐ-UBND",
        "decision_date": "2024-01-10",
        "issuer": "Chủ tịch UBND xã",
    }
    refused = client.post(url, {**data, "award_form": rules["co-thi-dua-tinh"].pk})
    assert refused.status_code == 200
    assert not AwardRecord.objects.exists()
    response = client.post(url, {**data, "award_form": rules["tap-the-lao-dong-tien-tien"].pk})
    record = AwardRecord.objects.get()
    assert response.url == reverse("awards:record_detail", args=[record.pk])
    assert (record.unit, record.award_form.code, record.created_by) == (
        world["mine"],
        "tap-the-lao-dong-tien-tien",
        world["officer"],
    )
    assert "Ghi khen thưởng" in client.get(reverse("awards:unit_awards", args=[world["mine"].pk])).content.decode()


def test_the_register_pages_by_year_then_name_on_the_records_own_index(world, records, login):
    """Ordering on the record's own indexed columns (not the joined form's sort order) lets the database read one
    page from the (-year, folded_name, id) index instead of sorting every record of the year."""
    listed = [(r.year, r.folded_name, r.pk) for r in page(login, world["board"], "register")[0].context["page"]]
    assert listed == sorted(listed, key=lambda t: (-t[0], t[1], t[2]))
    assert len(listed) > 1


def test_the_register_counts_at_most_the_cap_and_says_so(world, records, login, monkeypatch):
    """Issue 17: a national register has over a million records; the page counts with a LIMIT, never them all."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thidua.core.web import CappedPaginator

    response, html = page(login, world["board"], "register")
    assert (response.context["page"].paginator.count, response.context["page"].paginator.is_capped) == (3, False)
    assert "3 bản ghi" in html
    monkeypatch.setattr(CappedPaginator, "cap", 2)
    client = login(world["board"])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("awards:register"), {"page": 5})
    paginator = response.context["page"].paginator
    assert (paginator.count, paginator.num_pages, paginator.is_capped) == (2, 1, True)
    assert "Từ 2 bản ghi trở lên" in response.content.decode()
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper() and "awards_awardrecord" in q["sql"]]
    assert counts
    assert all("LIMIT 2" in sql.upper() for sql in counts)


def test_only_qualifying_screens_one_page_of_candidates_not_the_whole_scope(world, login, monkeypatch):
    """Issue 17: "only qualifying" screened a whole province (10,000 people, 45 s) inside the request."""
    from thidua.awards.views import eligibility

    cy = _scored_cluster(2, world["province"])  # 2 units and 6 people, all qualifying for something
    screened = []
    real_screen = eligibility.screen

    def counting_screen(**kwargs):
        screened.append(len(kwargs["units"]) + len(kwargs["persons"]))
        return real_screen(**kwargs)

    monkeypatch.setattr(eligibility, "screen", counting_screen)
    monkeypatch.setattr(eligibility, "PAGE_SIZE", 3)
    query = f"?pham_vi=cy-{cy.pk}&year=2024&only_qualifying=on&page=2"
    response, html = page(login, world["board"], "screening", query=query)
    assert screened == [3]
    rows = list(response.context["page"])
    assert 0 < len(rows) <= 3
    assert all(row.qualifying for row in rows)
    assert "Trang này xét 3 tập thể, cá nhân của trang 2/3" in html
    assert '<input type="hidden" name="only_qualifying" value="on">' in html


def test_the_screening_api_screens_one_page_of_candidates_with_only_qualifying(world, login, monkeypatch):
    from thidua.api import awards as awards_api

    cy = _scored_cluster(2, world["province"])
    screened = []
    real_screen = awards_api.screen

    def counting_screen(**kwargs):
        screened.append(len(kwargs["units"]) + len(kwargs["persons"]))
        return real_screen(**kwargs)

    monkeypatch.setattr(awards_api, "screen", counting_screen)
    client = login(world["board"])
    query = {"year": 2024, "cluster_year": cy.pk, "only_qualifying": "true", "limit": 3, "offset": 3}
    response = client.get("/api/v1/awards/screening", query)
    assert response.status_code == 200
    assert screened == [3]
    assert 0 < len(response.json()) <= 3
    refused = client.get("/api/v1/awards/screening", {**query, "year": "x"})
    assert refused.status_code == 422
    assert screened == [3]
