import datetime

import pytest
from django.urls import reverse

from tests.factories import ProvinceFactory, UnitFactory, cluster_year_with_members
from tests.organizations.factories import named_unit
from thidua.core.models import ActivityLogEntry
from thidua.organizations import selectors
from thidua.organizations.enums import LineageKind, Role, UnitKind
from thidua.organizations.models import ClusterYear, LineageEvent, Unit
from thidua.organizations.services import cluster_year_state, set_cluster_year_leaders

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def provinces(db):
    new = ProvinceFactory(code="quang-tri", name="Quảng Trị")
    old = ProvinceFactory(code="quang-binh", name="Quảng Bình")
    new.predecessors.add(old)
    return new, old


@pytest.fixture
def board(make_user, provinces):
    return make_user(Role.BOARD_OFFICER, provinces[0])


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_board_records_a_merger_into_a_new_commune(login, board, provinces):
    new, old = provinces
    former = [named_unit(n, province=old, kind=UnitKind.COMMUNE) for n in ("An Thủy", "Liên Thủy")]
    response = login(board).post(
        reverse("organizations:lineage_event_create"),
        {
            "kind": LineageKind.MERGED,
            "date": "2025-07-01",
            "decision": "Nghị quyết 1680/NQ-UBTVQH15",
            "predecessors": [u.pk for u in former],
            "new_unit_name": "Lệ Thủy",
            "new_unit_kind": UnitKind.COMMUNE,
            "new_unit_province": new.pk,
            "end_predecessors": "on",
        },
        follow=True,
    )
    created = Unit.objects.get(name="Lệ Thủy")
    assert response.redirect_chain[-1][0] == reverse("organizations:unit_detail", args=[created.pk])
    assert messages_of(response) == ["Đã ghi nhận sự kiện: sáp nhập 01/07/2025."]
    assert (created.province, created.valid_from, created.kind) == (new, D(2025, 7, 1), UnitKind.COMMUNE)
    assert sorted(u.name for u in selectors.direct_predecessors(created)) == ["An Thủy", "Liên Thủy"]
    assert {u.valid_to for u in Unit.objects.filter(pk__in=[u.pk for u in former])} == {D(2025, 6, 30)}
    assert list(ActivityLogEntry.objects.order_by("id").values_list("action", "actor")) == [
        ("unit.created", board.pk),
        ("unit.ended", board.pk),
        ("unit.ended", board.pk),
        ("lineage.recorded", board.pk),
    ]
    html = response.content.decode()
    assert "Hình thành từ" in html
    assert "xã An Thủy" in html


def test_lineage_form_refusal_changes_nothing(login, board, provinces):
    response = login(board).post(
        reverse("organizations:lineage_event_create"),
        {"kind": LineageKind.MERGED, "date": "2025-07-01", "successors": [UnitFactory(province=provinces[0]).pk]},
    )
    assert response.status_code == 200
    assert messages_of(response) == ["Sự kiện này cần ít nhất một đơn vị trước."]
    assert (LineageEvent.objects.count(), ActivityLogEntry.objects.count()) == (0, 0)


def test_lineage_form_asks_for_the_new_units_kind(login, board, provinces):
    response = login(board).post(
        reverse("organizations:lineage_event_create"),
        {"kind": LineageKind.ESTABLISHED, "date": "2025-07-01", "new_unit_name": "Mới"},
    )
    assert response.context["form"].errors["new_unit_kind"] == ["Hãy chọn loại của đơn vị mới."]
    assert Unit.objects.count() == 0


def test_board_cannot_pick_units_of_another_province(login, board):
    foreign = UnitFactory(province=ProvinceFactory())
    response = login(board).post(
        reverse("organizations:lineage_event_create"),
        {"kind": LineageKind.DISSOLVED, "date": "2025-07-01", "predecessors": [foreign.pk]},
    )
    assert "predecessors" in response.context["form"].errors
    foreign.refresh_from_db()
    assert foreign.valid_to is None


def test_lineage_form_preselects_the_unit_it_was_opened_from(login, board, provinces):
    unit = UnitFactory(province=provinces[1])
    response = login(board).get(reverse("organizations:lineage_event_create") + f"?predecessor={unit.pk}")
    assert response.context["form"]["predecessors"].value() == [unit.pk]


def test_board_renames_a_unit_of_the_merged_province(login, board, provinces):
    unit = named_unit("Yên Hòa", province=provinces[1], kind=UnitKind.WARD)
    url = reverse("organizations:unit_rename", args=[unit.pk])
    response = login(board).post(
        url, {"new_name": "Hòa Bình", "date": "2018-01-01", "decision": "NQ 5", "expected_name": "Yên Hòa"}, follow=True
    )
    assert messages_of(response) == ["Đã đổi tên thành phường Hòa Bình."]
    unit.refresh_from_db()
    assert unit.name == "Hòa Bình"
    assert selectors.unit_name_on(unit, D(2017, 1, 1)) == "Yên Hòa"
    assert ActivityLogEntry.objects.get().action == "unit.renamed"


def test_rename_page_notices_a_concurrent_rename(login, board, provinces):
    unit = named_unit("Yên Hòa", province=provinces[0], kind=UnitKind.WARD)
    url = reverse("organizations:unit_rename", args=[unit.pk])
    login(board).post(url, {"new_name": "Hòa Bình", "date": "2018-01-01", "expected_name": "Yên Hòa"})
    response = login(board).post(url, {"new_name": "Bình Hòa", "date": "2019-01-01", "expected_name": "Yên Hòa"})
    assert messages_of(response) == ["Đơn vị vừa được người khác đổi tên thành “Hòa Bình”. Hãy xem lại trước khi đổi."]
    assert response.context["form"]["expected_name"].value() == "Hòa Bình"
    unit.refresh_from_db()
    assert unit.name == "Hòa Bình"


def test_rename_is_refused_to_a_unit_officer(make_user, login, provinces):
    unit = UnitFactory(province=provinces[0], name="Cũ")
    officer = make_user(Role.UNIT_OFFICER, unit)
    url = reverse("organizations:unit_rename", args=[unit.pk])
    assert login(officer).post(url, {"new_name": "Mới", "date": "2020-01-01"}).status_code == 403
    unit.refresh_from_db()
    assert unit.name == "Cũ"


def test_board_manages_members_and_leaders_in_one_edit(login, board, provinces):
    cy, units = cluster_year_with_members(3, year=2025, province=provinces[1])
    newcomer = UnitFactory(province=provinces[1])
    url = reverse("organizations:cluster_year_manage", args=[cy.pk])
    form = login(board).get(url).context["form"]
    # The old leader leaves while a new leader arrives: leaders change first, then the members.
    response = login(board).post(
        url,
        {
            "members": [units[1].pk, units[2].pk, newcomer.pk],
            "leader": newcomer.pk,
            "deputy": units[2].pk,
            "state": form["state"].value(),
        },
        follow=True,
    )
    assert messages_of(response) == ["Đã cập nhật kỳ thi đua năm 2025."]
    cy.refresh_from_db()
    assert (cy.leader, cy.deputy) == (newcomer, units[2])
    assert sorted(cy.memberships.values_list("unit_id", flat=True)) == sorted([units[1].pk, units[2].pk, newcomer.pk])
    assert list(ActivityLogEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "cluster_year.leaders_set",
        "cluster_year.members_set",
    ]


def test_manage_page_notices_a_concurrent_edit_and_shows_the_new_state(login, board, provinces):
    cy, units = cluster_year_with_members(3, year=2025, province=provinces[0])
    url = reverse("organizations:cluster_year_manage", args=[cy.pk])
    seen = cluster_year_state(cy)
    set_cluster_year_leaders(cy, leader=units[2], deputy=units[1])
    response = login(board).post(
        url, {"members": [u.pk for u in units], "leader": units[1].pk, "deputy": units[0].pk, "state": seen}
    )
    assert messages_of(response) == [
        "Kỳ thi đua năm 2025 vừa được người khác thay đổi. Trang đã hiện thông tin mới nhất; hãy làm lại."
    ]
    assert response.context["form"]["leader"].value() == units[2].pk
    cy.refresh_from_db()
    assert cy.leader == units[2]


def test_manage_page_refuses_the_same_unit_as_leader_and_deputy(login, board, provinces):
    cy, units = cluster_year_with_members(2, year=2025, province=provinces[0])
    response = login(board).post(
        reverse("organizations:cluster_year_manage", args=[cy.pk]),
        {"members": [u.pk for u in units], "leader": units[1].pk, "deputy": units[1].pk},
    )
    assert messages_of(response) == ["Trưởng cụm và Phó Trưởng cụm phải là hai đơn vị khác nhau."]
    cy.refresh_from_db()
    assert (cy.leader, cy.deputy) == (units[0], units[1])


def test_board_opens_a_new_year_prefilled_with_last_years_members(login, board, provinces):
    cy, units = cluster_year_with_members(3, year=2026, province=provinces[0])
    url = reverse("organizations:cluster_year_open", args=[cy.cluster.pk])
    form = login(board).get(url).context["form"]
    assert (form["year"].value(), sorted(form["members"].value())) == (2027, sorted(u.pk for u in units))
    response = login(board).post(
        url,
        {"year": "2027", "members": [u.pk for u in units], "leader": units[2].pk, "deputy": units[0].pk, "motto": "X"},
        follow=True,
    )
    assert messages_of(response) == ["Đã mở kỳ thi đua năm 2027."]
    opened = ClusterYear.objects.get(cluster=cy.cluster, year=2027)
    assert (opened.leader, opened.deputy, opened.motto, opened.memberships.count()) == (units[2], units[0], "X", 3)


def test_opening_an_existing_year_is_refused(login, board, provinces):
    cy, units = cluster_year_with_members(2, year=2026, province=provinces[0])
    response = login(board).post(
        reverse("organizations:cluster_year_open", args=[cy.cluster.pk]),
        {"year": "2026", "members": [u.pk for u in units]},
    )
    assert messages_of(response) == ["Kỳ thi đua năm 2026 của cụm đã có."]
    assert ClusterYear.objects.count() == 1


def test_lineage_form_filters_the_unit_lists_without_diacritics(login, board, provinces):
    wanted = named_unit("Kim Thủy", province=provinces[1], kind=UnitKind.COMMUNE)
    picked = named_unit("Lâm Thủy", province=provinces[1], kind=UnitKind.COMMUNE)
    named_unit("Hoa Thủy", province=provinces[1], kind=UnitKind.COMMUNE)
    url = reverse("organizations:lineage_event_create") + f"?q=kim&predecessor={picked.pk}"
    form = login(board).get(url).context["form"]
    assert sorted(u.name for u in form.fields["predecessors"].queryset) == ["Kim Thủy", "Lâm Thủy"]
    assert wanted in form.fields["successors"].queryset
