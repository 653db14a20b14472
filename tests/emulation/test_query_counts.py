"""N+1 guard for every emulation list page: the query count does not grow with the rows (tests/querycount.py)."""

import itertools

from django.urls import reverse

from tests.emulation.factories import ExemplarFactory, GuidingDocumentFactory, MovementFactory, PhaseFactory
from tests.emulation.helpers import fill, pdf_upload
from tests.factories import ClusterYearFactory, RoleAssignmentFactory, UnitFactory
from tests.querycount import assert_flat_query_count
from thidua.awards.selectors import HONOUR_BOARD
from thidua.emulation import services
from thidua.emulation.enums import ExemplarState, PhaseKind
from thidua.organizations.enums import Role
from thidua.organizations.models import ClusterMembership


def new_member(year, make_user):
    """One more member unit of the year, with its officer and head."""
    unit = UnitFactory(province=year.cluster_year.cluster.province)
    ClusterMembership.objects.create(cluster_year=year.cluster_year, unit=unit)
    return unit, make_user(Role.UNIT_OFFICER, unit), make_user(Role.UNIT_HEAD, unit)


def test_year_list(year, login, make_user):
    years = itertools.count(2000)

    def add():
        cluster_year = ClusterYearFactory(cluster=year.cluster_year.cluster, year=next(years))
        ClusterMembership.objects.create(cluster_year=cluster_year, unit=year.a)

    assert_flat_query_count(login(year.officers[0]), reverse("emulation:year_list"), add, maximum=7)


def test_phases_page(year, login):
    kinds = iter([PhaseKind.SELF_ASSESSMENT, PhaseKind.REVIEW, PhaseKind.CONFERENCE, PhaseKind.PROPOSALS])

    def add():
        PhaseFactory(cluster_year=year.cluster_year, kind=next(kinds))

    url = reverse("emulation:phases", args=[year.cluster_year.pk])
    assert_flat_query_count(login(year.secretary), url, add, maximum=9)


def test_registration_board(year, login, make_user):
    def add():
        unit, officer, _head = new_member(year, make_user)
        registration = fill(services.registration_for(year.cluster_year, unit, actor=officer), officer)
        services.set_registration_state(registration, "submitted", actor=officer)

    url = reverse("emulation:registration_board", args=[year.cluster_year.pk])
    assert_flat_query_count(login(year.secretary), url, add, maximum=15)


def test_pledge_board(year, login, make_user):
    pledge = services.create_pledge(year.cluster_year, actor=year.secretary, motto="M", items=["x"])
    services.set_pledge_state(pledge, "open", actor=year.secretary)

    def add():
        unit, _officer, head = new_member(year, make_user)
        services.sign_pledge(pledge, actor=head, unit=unit, scan=pdf_upload())

    url = reverse("emulation:pledge_detail", args=[pledge.pk])
    assert_flat_query_count(login(year.secretary), url, add, maximum=12)


def test_movement_list(year, login):
    def add():
        services.join_movement(MovementFactory(), year.a, actor=year.officers[0])

    assert_flat_query_count(login(year.officers[0]), reverse("emulation:movement_list"), add, maximum=8)


def test_movement_detail(year, login, make_user):
    movement = MovementFactory()
    GuidingDocumentFactory().movements.set([movement])

    def add():
        unit, officer, _head = new_member(year, make_user)
        participation = services.join_movement(movement, unit, actor=officer)
        services.file_movement_report(
            participation, actor=officer, year=2024, period="Cả năm", content="x", uploads=[pdf_upload()]
        )
        services.record_movement_model(movement, unit, actor=officer, name="Mô hình", year=2024, description="y")

    url = reverse("emulation:movement_detail", args=[movement.pk])
    assert_flat_query_count(login(year.secretary), url, add, maximum=14)


def test_exemplar_list(year, login):
    movement = MovementFactory()

    def add():
        ExemplarFactory(unit=year.a, cluster_year=year.cluster_year, movement=movement)

    assert_flat_query_count(login(year.secretary), reverse("emulation:exemplar_list"), add, maximum=8)


def test_honour_board(year, client):
    def add():
        ExemplarFactory(unit=year.a, cluster_year=year.cluster_year, state=ExemplarState.RECOGNISED)
        HONOUR_BOARD.changed()  # the factory writes past the services that report it; count the uncached page

    assert_flat_query_count(client, reverse("honour:board"), add, maximum=5)


def test_document_list(year, login):
    def add():
        GuidingDocumentFactory(file=services.common.store_uploads([pdf_upload()], actor=year.board, owner_unit=None)[0])

    assert_flat_query_count(login(year.officers[0]), reverse("emulation:document_list"), add, maximum=8)


def test_home_panel_rows(year, login):
    head = year.heads[0]
    years = itertools.count(2000)

    def add():
        cluster_year = ClusterYearFactory(cluster=year.cluster_year.cluster, year=next(years))
        unit = UnitFactory(province=year.a.province)
        ClusterMembership.objects.create(cluster_year=cluster_year, unit=unit)
        RoleAssignmentFactory(user=head, role=Role.UNIT_HEAD, unit=unit)

    assert_flat_query_count(login(head), reverse("emulation:panel_units"), add, maximum=11)
