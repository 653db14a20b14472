"""Rule sets are created, not only revised (issue 13): blank or from a template, by the province's board or (for
national ones) an administrator, from the page and the API; the checklist of what a merged province lacks."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import ProvinceFactory, UnitFactory, cluster_year_with_members
from tests.querycount import assert_flat_query_count
from thidua.awards import services
from thidua.awards.enums import RuleSetKind
from thidua.awards.legal_bases import create_rule_set as load_rule_set
from thidua.awards.models import RuleSet
from thidua.awards.selectors import rule_set_checklist
from thidua.core.kernel import Refusal
from thidua.core.models import ActivityLogEntry
from thidua.organizations.enums import Role
from thidua.voting import services as voting
from thidua.voting.enums import MeetingKind
from thidua.voting.models import Meeting

API = "/api/v1/awards"
JAN_2026 = datetime.date(2026, 1, 1)
FLAG_RULES = {
    "quorum_percent": 50,
    "threshold_percent": 50,
    "comparison": "more_than",
    "denominator": "all_members",
    "quota": 2,
    "tie_rule": "runoff",
    "secret": True,
    "written_votes_allowed": False,
}
# As stored: an optional list left out is kept empty (the rule governs every form no other rule names).
STORED = {**FLAG_RULES, "award_forms": []}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def merged(rules, make_user):
    """The new Quảng Trị (from 1/7/2025) with the old Quảng Bình as predecessor, whose cluster voting rule set
    ended on 30/6/2025; the boards of both and of an unrelated province, a unit officer, an administrator."""
    old = ProvinceFactory(code="quang-binh-cu", name="Quảng Bình (cũ)", valid_to=datetime.date(2025, 6, 30))
    new = ProvinceFactory(code="quang-tri-moi", name="Quảng Trị", valid_from=datetime.date(2025, 7, 1))
    new.predecessors.add(old)
    old_voting = services.create_rule_set(
        actor=None,
        kind=RuleSetKind.CLUSTER_VOTING,
        province=old,
        name="Bình xét trong cụm, khối tỉnh Quảng Bình",
        citation="QĐ 40/2015/QĐ-UBND",
        valid_from=datetime.date(2015, 11, 20),
        valid_to=datetime.date(2025, 6, 30),
        parameters={**FLAG_RULES, "quota": 3},
    )
    return {
        "old": old,
        "new": new,
        "old_voting": old_voting,
        "board": make_user(Role.BOARD_OFFICER, new),
        "other_board": make_user(Role.BOARD_OFFICER, ProvinceFactory()),
        "officer": make_user(Role.UNIT_OFFICER, UnitFactory(province=new)),
        "admin": make_user(Role.ADMIN),
    }


def new_voting(actor, province, **kwargs):
    data = {
        "kind": RuleSetKind.CLUSTER_VOTING,
        "province": province,
        "name": "Bình xét, suy tôn trong cụm, khối tỉnh Quảng Trị",
        "citation": "QĐ 12/2026/QĐ-UBND, Điều 9",
        "valid_from": JAN_2026,
        "parameters": dict(FLAG_RULES),
        **kwargs,
    }
    return services.create_rule_set(actor=actor, **data)


# ---------------------------------------------------------------- the service


def test_the_board_creates_a_blank_voting_rule_set_for_its_province(merged):
    created = new_voting(merged["board"], merged["new"])
    assert (created.kind, created.province, created.version, created.is_current, created.supersedes_id) == (
        "cluster_voting",
        merged["new"],
        1,
        True,
        None,
    )
    assert created.code == "quang-tri-moi-cluster-voting-2026"
    assert created.parameters == STORED
    entry = ActivityLogEntry.objects.get(action="rule_set.created", object_id=created.pk)
    assert (entry.actor, entry.province_id, entry.new_values["parameters"]["quota"]) == (
        merged["board"],
        merged["new"].pk,
        2,
    )


@pytest.mark.parametrize("who", ["officer", "other_board"])
def test_others_may_not_create_a_provinces_rule_set(merged, who):
    with pytest.raises(PermissionDenied):
        new_voting(merged[who], merged["new"])
    assert not RuleSet.objects.filter(province=merged["new"]).exists()


def test_national_rule_sets_are_created_and_revised_by_administrators_only(merged):
    with pytest.raises(PermissionDenied):
        new_voting(merged["board"], None, kind=RuleSetKind.COUNCIL_VOTING)
    named = {**FLAG_RULES, "award_forms": ["chien-si-thi-dua-tinh", "chien-si-thi-dua-tinh", " "]}
    national = new_voting(merged["admin"], None, kind=RuleSetKind.COUNCIL_VOTING, parameters=named)
    assert national.parameters["award_forms"] == ["chien-si-thi-dua-tinh"]
    assert (national.province, national.code) == (None, "quoc-gia-council-voting-2026")
    with pytest.raises(PermissionDenied):
        services.revise_rule_set(national, actor=merged["board"], seen_version=1, changes={"note": "x"})
    assert services.revise_rule_set(national, actor=merged["admin"], seen_version=1, changes={"note": "x"}).version == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"threshold_percent": 150},
            "“Tỷ lệ phiếu đồng ý cần đạt” phải là tỷ lệ lớn hơn 0 đến 100% (hoặc một phân số như 2/3).",
        ),
        ({"quota": -1}, "“Số lượng tối đa được chọn” phải là số nguyên từ 1 đến 1000 đơn vị, người."),
        ({"nguong": 3}, "Tham số “nguong” không dùng cho loại quy định “Bỏ phiếu bình xét, suy tôn của cụm, khối”."),
        ({"tie_rule": None}, "Thiếu tham số “Khi bằng phiếu ở vị trí cuối”."),
        ({"award_forms": ["khong-co"]}, "Không có danh hiệu, hình thức mã “khong-co” trong danh mục."),
        (
            {"denominator": "everyone"},
            "“Tỷ lệ tính trên” phải là một trong: tổng số thành viên; số thành viên có mặt.",
        ),
    ],
)
def test_a_bad_parameter_is_refused_in_vietnamese_and_nothing_is_written(merged, change, message):
    before = (RuleSet.objects.count(), ActivityLogEntry.objects.count())
    with pytest.raises(Refusal) as refused:
        new_voting(merged["board"], merged["new"], parameters={**FLAG_RULES, **change})
    assert refused.value.messages == [message]
    assert (RuleSet.objects.count(), ActivityLogEntry.objects.count()) == before


def test_shares_are_kept_exact(merged):
    created = new_voting(merged["board"], merged["new"], parameters={**FLAG_RULES, "threshold_percent": "2/3"})
    assert created.parameters["threshold_percent"] == "2/3"
    other = new_voting(merged["board"], merged["new"], parameters={**FLAG_RULES, "quorum_percent": "66,67"})
    assert other.parameters["quorum_percent"] == 66.67


def test_a_copy_takes_the_templates_parameters_and_rules_but_not_its_citation(merged, rules):
    quota = load_rule_set(
        {
            "code": "qb-ty-le",
            "name": "Tỷ lệ khen thưởng của cụm, khối tỉnh Quảng Bình",
            "citation": "Quy chế cụm, khối tỉnh Quảng Bình",
            "valid_from": datetime.date(2016, 1, 1),
            "valid_to": datetime.date(2025, 6, 30),
            "is_verified": True,
            "rules": lambda: [
                (
                    "co-thi-dua-tinh",
                    "quota",
                    "Quy chế cụm Điều 5",
                    {"basis": "cluster_members", "max_percent": 40},
                    True,
                )
            ],
        },
        kind=RuleSetKind.QUOTA,
        province=merged["old"],
    )
    copy = services.create_rule_set(
        actor=merged["board"],
        kind=RuleSetKind.QUOTA,
        province=merged["new"],
        name="Tỷ lệ khen thưởng của cụm, khối tỉnh Quảng Trị",
        citation="QĐ 12/2026/QĐ-UBND, Điều 5",
        valid_from=JAN_2026,
        template=quota,
    )
    rule = copy.rules.get()
    assert (rule.award_form.code, rule.condition, rule.parameters, rule.citation, rule.is_verified) == (
        "co-thi-dua-tinh",
        "quota",
        {"basis": "cluster_members", "max_percent": 40},
        "QĐ 12/2026/QĐ-UBND, Điều 5",
        False,
    )
    assert rule.note == (
        "Sao từ “Tỷ lệ khen thưởng của cụm, khối tỉnh Quảng Bình” (phiên bản 1); căn cứ ở đó: Quy chế cụm Điều 5"
    )
    voting_copy = new_voting(merged["board"], merged["new"], parameters=None, template=merged["old_voting"])
    assert voting_copy.parameters == {**STORED, "quota": 3}
    with pytest.raises(Refusal, match="thuộc loại khác"):
        new_voting(merged["board"], merged["new"], template=quota)


def test_a_revision_changes_the_voting_settings_and_keeps_the_history(merged):
    created = new_voting(merged["board"], merged["new"])
    revised = services.revise_rule_set(
        created,
        actor=merged["board"],
        seen_version=1,
        changes={"parameters": {**FLAG_RULES, "quota": 4}},
        note="Quyết định sửa đổi",
    )
    assert (revised.version, revised.supersedes_id, revised.parameters["quota"]) == (2, created.pk, 4)
    assert RuleSet.objects.get(pk=created.pk).parameters["quota"] == 2
    with pytest.raises(Refusal, match="Số lượng tối đa được chọn"):
        services.revise_rule_set(
            revised, actor=merged["board"], seen_version=2, changes={"parameters": {**FLAG_RULES, "quota": 0}}
        )
    assert RuleSet.objects.filter(code=created.code).count() == 2


def test_a_voting_rule_set_created_by_the_board_is_used_by_a_ballot_in_its_province(merged, make_user):
    created = new_voting(merged["board"], merged["new"])
    cluster_year, units = cluster_year_with_members(4, year=2026, province=merged["new"])
    meeting = Meeting.objects.create(
        kind=MeetingKind.CONFERENCE,
        cluster_year=cluster_year,
        province=merged["new"],
        title="Hội nghị tổng kết năm 2026",
        held_on=datetime.date(2027, 1, 12),
        place="Hội trường",
    )
    secretary = make_user(Role.CLUSTER_SECRETARIAT, cluster_year)
    ballot = voting.create_ballot(meeting, question="Cờ thi đua năm 2026", actor=secretary, candidates=units)
    assert ballot.rule_set == created


# ---------------------------------------------------------------- the checklist


def test_the_checklist_lists_what_the_merged_province_lacks_until_it_is_created(merged):
    rows = {row.kind: row for row in rule_set_checklist(merged["new"], datetime.date(2026, 3, 1))}
    assert {k: (r.in_force is not None, r.reach) for k, r in rows.items()} == {
        "commendation": (True, "national"),
        "cluster_voting": (False, ""),
        "council_voting": (False, ""),
        "quota": (False, ""),
        "proposal_deadlines": (False, ""),
        "central_dossier": (True, "national"),
    }
    assert rows["cluster_voting"].template == merged["old_voting"]
    assert rows["council_voting"].template is None
    # The old province's rule set still counts on a day it was in force.
    before = {row.kind: row for row in rule_set_checklist(merged["new"], datetime.date(2025, 1, 1))}
    assert (before["cluster_voting"].in_force, before["cluster_voting"].reach) == (merged["old_voting"], "predecessor")
    created = new_voting(merged["board"], merged["new"], parameters=None, template=merged["old_voting"])
    rows = {row.kind: row for row in rule_set_checklist(merged["new"], datetime.date(2026, 3, 1))}
    assert (rows["cluster_voting"].in_force, rows["cluster_voting"].reach) == (created, "own")
    assert [k for k, r in rows.items() if r.in_force is None] == ["council_voting", "quota", "proposal_deadlines"]


def test_the_checklist_through_the_api(merged, login):
    url = f"{API}/rule-sets/checklist?province={merged['new'].pk}&on=2026-03-01"
    assert login(merged["officer"]).get(url).status_code == 403
    assert login(merged["other_board"]).get(url).status_code == 403
    body = login(merged["board"]).get(url).json()
    voting_row = next(r for r in body if r["kind"] == "cluster_voting")
    assert voting_row == {
        "kind": "cluster_voting",
        "label": "Bỏ phiếu bình xét, suy tôn của cụm, khối",
        "purpose": "Bỏ phiếu bình xét, suy tôn tại hội nghị cụm, khối",
        "in_force": False,
        "rule_set_id": None,
        "rule_set_name": "",
        "reach": "",
        "template_id": merged["old_voting"].pk,
        "create_url": f"/khen-thuong/quy-dinh/them/?kind=cluster_voting&province={merged['new'].pk}"
        f"&template={merged['old_voting'].pk}",
    }
    assert [r["kind"] for r in body if not r["in_force"]] == [
        "cluster_voting",
        "council_voting",
        "quota",
        "proposal_deadlines",
    ]
    new_voting(merged["board"], merged["new"])
    body = login(merged["admin"]).get(url).json()
    assert [r["kind"] for r in body if not r["in_force"]] == ["council_voting", "quota", "proposal_deadlines"]
    assert login(merged["admin"]).get(f"{API}/rule-sets/checklist").status_code == 422


# ---------------------------------------------------------------- pages


def test_the_create_page_shows_every_parameter_with_label_and_unit(merged, login):
    url = reverse("awards:rule_set_create")
    assert login(merged["officer"]).get(url).status_code == 403
    start = login(merged["board"]).get(url).content.decode()
    assert "Dùng bộ quy định có sẵn làm mẫu" in start
    html = login(merged["board"]).get(f"{url}?kind=cluster_voting&province={merged['new'].pk}").content.decode()
    for label in (
        "Tỷ lệ thành viên có mặt tối thiểu (%)",
        "Tỷ lệ phiếu đồng ý cần đạt (%)",
        "Cách so với tỷ lệ",
        "Tỷ lệ tính trên",
        "Số lượng tối đa được chọn (đơn vị, người)",
        "Khi bằng phiếu ở vị trí cuối",
        "Bắt buộc bỏ phiếu kín",
        "Cho phép thành viên vắng mặt gửi phiếu bằng văn bản",
        "Áp dụng cho danh hiệu, hình thức",
    ):
        assert label in html
    assert "Toàn quốc (mọi tỉnh)" not in html  # a board may not create a national rule set
    deadlines = login(merged["board"]).get(f"{url}?kind=proposal_deadlines").content.decode()
    assert "Thời hạn thẩm định hồ sơ (ngày)" in deadlines


def page_data(province, **params):
    values = {
        "p_" + k: ("on" if v is True else "" if v in (False, None, []) else v)
        for k, v in {**FLAG_RULES, **params}.items()
    }
    return {
        "kind": "cluster_voting",
        "name": "Bình xét, suy tôn trong cụm, khối tỉnh Quảng Trị",
        "citation": "QĐ 12/2026/QĐ-UBND, Điều 9",
        "province": province.pk,
        "valid_from": "2026-01-01",
        **{k: v for k, v in values.items() if v != ""},
    }


def test_the_board_creates_a_rule_set_from_the_page_with_its_source_document(merged, login):
    client = login(merged["board"])
    url = reverse("awards:rule_set_create")
    data = {**page_data(merged["new"]), "source_file": SimpleUploadedFile("qd-12-2026.pdf", PDF)}
    response = client.post(url, data)
    created = RuleSet.objects.get(province=merged["new"])
    assert response.url == reverse("awards:rule_set_detail", args=[created.pk])
    assert created.parameters == STORED
    assert (created.source_file.original_name, created.source_file.is_public) == ("qd-12-2026.pdf", True)
    html = client.get(response.url).content.decode()
    assert "Tỷ lệ phiếu đồng ý cần đạt" in html
    assert '<th scope="row">Tỷ lệ phiếu đồng ý cần đạt</th><td>50%</td>' in html
    assert "<td>2 đơn vị, người</td>" in html
    assert "Không có." not in html
    assert "qd-12-2026.pdf" in html


def test_a_bad_value_on_the_page_is_refused_and_nothing_is_written(merged, login):
    response = login(merged["board"]).post(
        reverse("awards:rule_set_create"), page_data(merged["new"], threshold_percent="150")
    )
    assert response.status_code == 200
    assert "“Tỷ lệ phiếu đồng ý cần đạt” phải là tỷ lệ lớn hơn 0 đến 100%" in response.content.decode()
    assert not RuleSet.objects.filter(province=merged["new"]).exists()
    other = login(merged["board"]).post(reverse("awards:rule_set_create"), page_data(ProvinceFactory()))
    assert other.status_code == 200  # a province outside the board's scope is not a choice
    assert not RuleSet.objects.filter(kind="cluster_voting").exclude(pk=merged["old_voting"].pk).exists()


def test_the_page_copies_from_a_template_and_the_checklist_links_to_it(merged, login):
    client = login(merged["board"])
    listing = client.get(reverse("awards:rule_set_list")).content.decode()
    assert "Thêm bộ quy định" in listing
    link = (
        f"{reverse('awards:rule_set_create')}?kind=cluster_voting&amp;province={merged['new'].pk}"
        f"&amp;template={merged['old_voting'].pk}"
    )
    assert link in listing
    assert "Còn thiếu" in listing
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert "Dùng làm mẫu: “Bình xét trong cụm, khối tỉnh Quảng Bình” (phiên bản 1)" in form
    assert 'name="p_quota" value="3"' in form
    data = {**page_data(merged["new"], quota="3"), "template": merged["old_voting"].pk}
    client.post(reverse("awards:rule_set_create"), data)
    created = RuleSet.objects.get(province=merged["new"])
    assert created.parameters["quota"] == 3
    listing = client.get(reverse("awards:rule_set_list")).content.decode()
    assert "quy định riêng của tỉnh" in listing
    assert "Thêm bộ quy định" not in login(merged["officer"]).get(reverse("awards:rule_set_list")).content.decode()


def test_the_revision_page_edits_parameters_and_keeps_history(merged, login):
    created = new_voting(merged["board"], merged["new"])
    client = login(merged["board"])
    url = reverse("awards:rule_set_edit", args=[created.pk])
    form = client.get(url).content.decode()
    assert "Tỷ lệ phiếu đồng ý cần đạt (%)" in form
    data = {**page_data(merged["new"], threshold_percent="66,67"), "version": 1, "reason": "Sửa tỷ lệ"}
    response = client.post(url, data)
    revised = RuleSet.objects.get(code=created.code, is_current=True)
    assert response.url == reverse("awards:rule_set_detail", args=[revised.pk])
    assert (revised.version, revised.supersedes_id, revised.parameters["threshold_percent"]) == (2, created.pk, 66.67)
    assert login(merged["other_board"]).get(reverse("awards:rule_set_edit", args=[revised.pk])).status_code == 403


def test_the_rule_set_list_queries_do_not_grow_with_rule_sets(merged, login):
    count = iter(range(100))

    def add_rows():
        new_voting(None, merged["new"], code=f"them-{next(count)}")

    assert_flat_query_count(login(merged["board"]), reverse("awards:rule_set_list"), add_rows, maximum=12)


# ---------------------------------------------------------------- API


def api_body(province, **kwargs):
    return {
        "kind": "cluster_voting",
        "province_id": province.pk if province else None,
        "name": "Bình xét, suy tôn trong cụm, khối tỉnh Quảng Trị",
        "citation": "QĐ 12/2026/QĐ-UBND, Điều 9",
        "valid_from": "2026-01-01",
        "parameters": dict(FLAG_RULES),
        **kwargs,
    }


def test_the_api_creates_blank_and_from_a_template(merged, login):
    url = f"{API}/rule-sets"
    board = login(merged["board"])
    response = board.post(url, api_body(merged["new"]), content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["province_id"], body["version"], body["parameters"]) == (
        "cluster_voting",
        merged["new"].pk,
        1,
        STORED,
    )
    assert body["parameters_shown"][1] == {
        "name": "threshold_percent",
        "label": "Tỷ lệ phiếu đồng ý cần đạt",
        "unit": "%",
        "value": 50,
        "text": "50%",
    }
    copied = board.post(
        url,
        api_body(merged["new"], parameters=None, template_id=merged["old_voting"].pk, code="ban-sao"),
        content_type="application/json",
    )
    assert (copied.status_code, copied.json()["code"], copied.json()["parameters"]["quota"]) == (201, "ban-sao", 3)


def test_the_api_refuses_others_and_bad_values(merged, login):
    url = f"{API}/rule-sets"
    before = RuleSet.objects.count()
    assert (
        login(merged["officer"]).post(url, api_body(merged["new"]), content_type="application/json").status_code == 403
    )
    assert (
        login(merged["other_board"]).post(url, api_body(merged["new"]), content_type="application/json").status_code
        == 403
    )
    assert login(merged["board"]).post(url, api_body(None), content_type="application/json").status_code == 403
    bad = login(merged["board"]).post(
        url, api_body(merged["new"], parameters={**FLAG_RULES, "quota": -1}), content_type="application/json"
    )
    assert (bad.status_code, bad.json()["detail"]) == (
        422,
        "“Số lượng tối đa được chọn” phải là số nguyên từ 1 đến 1000 đơn vị, người.",
    )
    assert RuleSet.objects.count() == before
    national = login(merged["admin"]).post(url, api_body(None), content_type="application/json")
    assert (national.status_code, national.json()["province_id"]) == (201, None)


def test_the_api_revises_parameters_and_attaches_the_source_document(merged, login):
    created = new_voting(merged["board"], merged["new"])
    board = login(merged["board"])
    revised = board.post(
        f"{API}/rule-sets/{created.pk}/revisions",
        {"version": 1, "changes": {"parameters": {**FLAG_RULES, "threshold_percent": 150}}},
        content_type="application/json",
    )
    assert (revised.status_code, revised.json()["detail"]) == (
        422,
        "“Tỷ lệ phiếu đồng ý cần đạt” phải là tỷ lệ lớn hơn 0 đến 100% (hoặc một phân số như 2/3).",
    )
    upload = board.post(
        f"{API}/rule-sets/{created.pk}/source-document",
        {"version": 1, "file": SimpleUploadedFile("qd.pdf", PDF)},
    )
    assert (upload.status_code, upload.json()["version"]) == (201, 2)
    assert upload.json()["source_file_url"].startswith("/tep/")
    kinds = board.get(f"{API}/rule-set-kinds").json()
    assert [k["kind"] for k in kinds] == [
        "commendation",
        "cluster_voting",
        "council_voting",
        "quota",
        "proposal_deadlines",
        "central_dossier",
    ]
    assert [(p["name"], p["unit"]) for p in kinds[4]["parameters"]] == [
        ("check_days", "ngày"),
        ("decision_days", "ngày"),
        ("resubmit_days", "ngày"),
        ("working_days", ""),
    ]
    assert [(p["name"], p["unit"]) for p in kinds[5]["parameters"]] == [
        ("notice_days", "ngày"),
        ("notice_working_days", ""),
        ("notice_forms", ""),
        ("paper_submission", ""),
        ("paper_council_minutes", ""),
        ("paper_certified_report", ""),
        ("paper_extract", ""),
        ("paper_notice_result", ""),
    ]


def test_a_revision_moves_a_rule_set_only_within_the_boards_provinces(merged):
    created = new_voting(merged["board"], merged["new"])
    with pytest.raises(PermissionDenied):
        services.revise_rule_set(created, actor=merged["board"], seen_version=1, changes={"province": None})
    with pytest.raises(PermissionDenied):
        services.revise_rule_set(
            created, actor=merged["board"], seen_version=1, changes={"province": ProvinceFactory()}
        )
    moved = services.revise_rule_set(
        created, actor=merged["board"], seen_version=1, changes={"province": merged["old"]}
    )
    assert (moved.province, moved.version, RuleSet.objects.filter(code=created.code).count()) == (merged["old"], 2, 2)


def test_a_deadlines_rule_set_from_the_page_and_units_on_the_condition_form(merged, login, rules):
    client = login(merged["board"])
    data = {
        "kind": "proposal_deadlines",
        "name": "Thời hạn giải quyết hồ sơ khen thưởng tỉnh Quảng Trị",
        "citation": "QĐ 30/2026/QĐ-UBND công bố thủ tục hành chính",
        "province": merged["new"].pk,
        "valid_from": "2026-01-01",
        "p_check_days": "20",
        "p_decision_days": "10",
        "p_resubmit_days": "0",
        "p_working_days": "on",
    }
    refused = client.post(reverse("awards:rule_set_create"), data)
    assert "“Thời hạn bổ sung, gửi lại hồ sơ bị trả lại” phải là số nguyên từ 1 đến 365 ngày." in (
        refused.content.decode()
    )
    client.post(reverse("awards:rule_set_create"), {**data, "p_resubmit_days": "10"})
    created = RuleSet.objects.get(kind="proposal_deadlines", province=merged["new"])
    assert created.parameters == {"check_days": 20, "decision_days": 10, "resubmit_days": 10, "working_days": True}
    nd152 = RuleSet.objects.get(code="quoc-gia-2025-nd152", is_current=True)
    rule = nd152.rules.filter(condition="consecutive_titles").first()
    html = login(merged["admin"]).get(reverse("awards:rule_edit", args=[nd152.pk, rule.pk])).content.decode()
    assert "Số năm liên tục (năm)" in html
