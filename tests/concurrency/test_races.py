"""Simultaneous writes (issue 8, item 5): nothing lost, duplicated or half-written.

Each case starts several threads, each with its own database connection, at a barrier. On PostgreSQL they really
run at once, so row locks, the version checks and unique constraints are what keeps the data whole. SQLite (the
embedded default) lets one writer in at a time; there the threads take turns through a lock, which still proves the
guards refuse the second of two writes that both read the same state. The checks at the end are the same.
"""

import threading
from collections import Counter
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from tests.emulation.factories import PhaseFactory, PledgeFactory
from tests.factories import RoleAssignmentFactory, UnitFactory, UserFactory, board_shares, cluster_year_with_members
from tests.scoring.factories import code_map, make_table, open_self_assessment
from tests.voting.factories import DelegateFactory, MeetingFactory, RuleSetFactory
from thidua.awards.catalogue import ensure_catalogue
from thidua.awards.models import AwardForm
from thidua.core.kernel import StaleEdit
from thidua.core.models import ActivityLogEntry
from thidua.emulation import services as emulation
from thidua.emulation.enums import PhaseKind, PledgeState, RegistrationState
from thidua.emulation.models import PledgeSignature, Registration
from thidua.organizations import services as organizations
from thidua.organizations.enums import Role
from thidua.organizations.models import ClusterMembership
from thidua.scoring.models import SelfScore
from thidua.scoring.services.assessments import save_self_score, start_assessment
from thidua.voting import services as voting
from thidua.voting.enums import MeetingKind
from thidua.voting.exceptions import VotingRefused
from thidua.voting.models import CastBallot, Voter

pytestmark = pytest.mark.django_db(transaction=True)
CASES = Counter()


def race(*jobs):
    """Run the jobs in threads started together; return each job's outcome ("ok" or the refusal's class name)."""
    start = threading.Barrier(len(jobs))
    one_at_a_time = threading.Lock() if connection.vendor == "sqlite" else None
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            start.wait()
            if one_at_a_time is None:
                job()
            else:
                with one_at_a_time:
                    job()
            outcomes[index] = "ok"
        except (ValidationError, PermissionDenied, VotingRefused, StaleEdit) as refused:
            outcomes[index] = type(refused).__name__
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Counter(outcomes)


@pytest.fixture(autouse=True)
def _count_case(request):
    yield
    CASES[request.node.name] += 1


# ballots ------------------------------------------------------------------------------------------------------
@pytest.fixture
def open_ballot(make_user):
    cluster_year, units = cluster_year_with_members(8, year=2024)
    RuleSetFactory(province=cluster_year.cluster.province)
    secretary = make_user(Role.CLUSTER_SECRETARIAT, cluster_year)
    meeting = MeetingFactory(
        kind=MeetingKind.CONFERENCE, cluster_year=cluster_year, province=cluster_year.cluster.province
    )
    for index, unit in enumerate(units):
        DelegateFactory(meeting=meeting, unit=unit, user=make_user(Role.UNIT_HEAD, unit), sort_order=index)
    ballot = voting.create_ballot(
        meeting, question="Bầu đơn vị đề nghị tặng Cờ thi đua", candidates=units[:5], max_choices=3, actor=secretary
    )
    voting.open_ballot(ballot, actor=secretary)
    # Named slips, so each code marks its voter on the roll and the tests can count the marks.
    codes = [issued.code for issued in voting.issue_codes(ballot, actor=secretary, named=True)]
    return ballot, codes, list(ballot.candidates.order_by("position"))


def test_six_casts_with_one_code_store_exactly_one_ballot(open_ballot):
    ballot, codes, candidates = open_ballot
    outcomes = race(*[lambda: voting.cast_ballot(codes[0], [candidates[0].pk])] * 6)
    assert outcomes == {"ok": 1, "AlreadyVoted": 5}
    assert CastBallot.objects.filter(filled=True, ballot=ballot).count() == 1
    assert Voter.objects.filter(ballot=ballot, has_voted=True).count() == 1


def test_eight_delegates_casting_at_once_are_all_counted(open_ballot):
    ballot, codes, candidates = open_ballot
    jobs = [lambda code=code: voting.cast_ballot(code, [candidates[0].pk, candidates[1].pk]) for code in codes]
    assert race(*jobs) == {"ok": 8}
    assert CastBallot.objects.filter(filled=True, ballot=ballot).count() == 8
    assert len(set(CastBallot.objects.filter(filled=True, ballot=ballot).values_list("receipt", flat=True))) == 8
    assert Voter.objects.filter(ballot=ballot, has_voted=False).count() == 0


def test_closing_while_delegates_cast_leaves_no_ballot_half_counted(open_ballot):
    ballot, codes, candidates = open_ballot
    secretary = UserFactory()
    RoleAssignmentFactory(user=secretary, role=Role.CLUSTER_SECRETARIAT, cluster_year=ballot.meeting.cluster_year)
    jobs = [lambda code=code: voting.cast_ballot(code, [candidates[2].pk]) for code in codes[:4]]
    outcomes = race(*jobs, lambda: voting.close_ballot(ballot, actor=secretary, shares=board_shares(ballot)))
    stored = CastBallot.objects.filter(filled=True, ballot=ballot).count()
    # Every cast either went in before the close (stored, voter marked) or was refused (nothing at all).
    assert outcomes["ok"] == stored + 1
    assert Voter.objects.filter(ballot=ballot, has_voted=True).count() == stored
    ballot.refresh_from_db()
    assert ballot.state == "closed"


# score saves --------------------------------------------------------------------------------------------------
def test_two_saves_of_one_criterion_have_one_winner_and_the_other_is_told():
    cluster_year, units = cluster_year_with_members(2)
    criterion = code_map(make_table(cluster_year))["1.1"]
    open_self_assessment(cluster_year)
    people = [UserFactory(), UserFactory(), UserFactory()]
    for person in people:
        RoleAssignmentFactory(user=person, role=Role.UNIT_OFFICER, unit=units[0])
    assessment = start_assessment(cluster_year, units[0], actor=people[0])
    save_self_score(assessment, criterion, actor=people[0], value=Decimal(1))
    jobs = [
        lambda person=person, value=value: save_self_score(
            assessment, criterion, actor=person, value=Decimal(value), seen_version=1
        )
        for person, value in zip(people, (2, 3, 4), strict=True)
    ]
    assert race(*jobs) == {"ok": 1, "StaleEdit": 2}
    row = SelfScore.objects.get()
    assert (row.version, row.value in {Decimal(2), Decimal(3), Decimal(4)}) == (2, True)


# registrations ------------------------------------------------------------------------------------------------
@pytest.fixture
def emulation_year(make_user):
    ensure_catalogue()
    cluster_year, units = cluster_year_with_members(8)
    for kind in (PhaseKind.REGISTRATION, PhaseKind.PLEDGE):
        PhaseFactory(cluster_year=cluster_year, kind=kind)
    return {
        "cluster_year": cluster_year,
        "units": units,
        "officers": [make_user(Role.UNIT_OFFICER, unit) for unit in units],
        "heads": [make_user(Role.UNIT_HEAD, unit) for unit in units],
        "secretary": make_user(Role.CLUSTER_SECRETARIAT, cluster_year),
        "board": make_user(Role.BOARD_OFFICER, cluster_year.cluster.province),
    }


def _submitted(year, index=0):
    officer, unit = year["officers"][index], year["units"][index]
    registration = emulation.registration_for(year["cluster_year"], unit, actor=officer)
    flag = AwardForm.objects.get(code="co-thi-dua-tinh")
    emulation.save_registration(
        registration, actor=officer, seen_version=1, collective_forms=[flag], targets={}, commitments="Cam kết"
    )
    return emulation.set_registration_state(registration, RegistrationState.SUBMITTED, actor=officer)


def test_two_officers_opening_the_registration_at_once_make_one_draft(emulation_year):
    year = emulation_year
    unit, officer = year["units"][0], year["officers"][0]
    colleague = UserFactory()
    RoleAssignmentFactory(user=colleague, role=Role.UNIT_OFFICER, unit=unit)
    outcomes = race(
        lambda: emulation.registration_for(year["cluster_year"], unit, actor=officer),
        lambda: emulation.registration_for(year["cluster_year"], unit, actor=colleague),
    )
    assert outcomes == {"ok": 2}
    assert Registration.objects.filter(cluster_year=year["cluster_year"], unit=unit).count() == 1


def test_approving_and_returning_one_registration_at_once_has_one_outcome(emulation_year):
    year = emulation_year
    registration = _submitted(year)
    outcomes = race(
        lambda: emulation.set_registration_state(registration, RegistrationState.APPROVED, actor=year["secretary"]),
        lambda: emulation.set_registration_state(registration, RegistrationState.APPROVED, actor=year["board"]),
        lambda: emulation.set_registration_state(
            registration, RegistrationState.RETURNED, actor=year["secretary"], reason="Thiếu chỉ tiêu"
        ),
    )
    assert outcomes == {"ok": 1, "Refusal": 2}
    registration.refresh_from_db()
    decisions = ActivityLogEntry.objects.filter(action__in=["registration.approved", "registration.returned"])
    assert decisions.count() == 1
    assert decisions.get().action == f"registration.{registration.state}"
    assert registration.version == 4  # created 1, saved 2, sent 3, decided once: 4


def test_two_saves_of_one_registration_have_one_winner(emulation_year):
    year = emulation_year
    unit = year["units"][0]
    registration = emulation.registration_for(year["cluster_year"], unit, actor=year["officers"][0])
    colleague = UserFactory()
    RoleAssignmentFactory(user=colleague, role=Role.UNIT_HEAD, unit=unit)
    flag = AwardForm.objects.get(code="co-thi-dua-tinh")
    jobs = [
        lambda actor=actor, text=text: emulation.save_registration(
            registration, actor=actor, seen_version=1, collective_forms=[flag], targets={}, commitments=text
        )
        for actor, text in ((year["officers"][0], "Bản của cán bộ"), (colleague, "Bản của thủ trưởng"))
    ]
    assert race(*jobs) == {"ok": 1, "StaleEdit": 1}
    registration.refresh_from_db()
    assert (registration.version, registration.commitments in {"Bản của cán bộ", "Bản của thủ trưởng"}) == (2, True)
    assert list(registration.collective_forms.all()) == [flag]


# pledge signatures --------------------------------------------------------------------------------------------
def test_all_heads_signing_at_once_complete_the_pledge_exactly_once(emulation_year):
    year = emulation_year
    pledge = PledgeFactory(cluster_year=year["cluster_year"])
    emulation.set_pledge_state(pledge, PledgeState.OPEN, actor=year["secretary"])
    jobs = [lambda head=head: emulation.sign_pledge(pledge, actor=head) for head in year["heads"]]
    # The same head pressing twice: one of the two is refused.
    outcomes = race(*jobs, lambda: emulation.sign_pledge(pledge, actor=year["heads"][0]))
    assert outcomes == {"ok": 8, "Refusal": 1}
    assert PledgeSignature.objects.filter(pledge=pledge).count() == 8
    assert len(set(PledgeSignature.objects.filter(pledge=pledge).values_list("unit", flat=True))) == 8
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.COMPLETED
    assert ActivityLogEntry.objects.filter(action="pledge.completed").count() == 1


# clusters -----------------------------------------------------------------------------------------------------
def test_two_board_officers_reordering_the_rotation_at_once_have_one_winner(make_user):
    cluster_year, units = cluster_year_with_members(3, year=2026)
    cluster = cluster_year.cluster
    boards = [make_user(Role.BOARD_OFFICER, cluster.province) for _ in range(2)]
    organizations.set_rotation(cluster, units, actor=None)
    seen = cluster.version  # both read the order at this version
    outcomes = race(
        lambda: organizations.set_rotation(cluster, units[::-1], actor=boards[0], version=seen),
        lambda: organizations.move_in_rotation(cluster, units[2], up=True, actor=boards[1], version=seen),
    )
    assert outcomes == {"ok": 1, "StaleEdit": 1}
    cluster.refresh_from_db()
    order = list(cluster.rotation.values_list("unit_id", flat=True))
    assert cluster.version == seen + 1
    assert order in ([u.pk for u in units[::-1]], [units[0].pk, units[2].pk, units[1].pk])
    assert ActivityLogEntry.objects.filter(action="cluster.rotation_set").count() == 2


def test_two_clusters_taking_one_commune_for_one_year_at_once_keep_it_in_one():
    first, first_units = cluster_year_with_members(2, year=2026)
    second, second_units = cluster_year_with_members(2, year=2026, province=first.cluster.province)
    commune = UnitFactory(province=first.cluster.province)
    outcomes = race(
        lambda: organizations.set_cluster_year_members(first, members=[*first_units, commune]),
        lambda: organizations.set_cluster_year_members(second, members=[*second_units, commune]),
    )
    assert outcomes == {"ok": 1, "Refusal": 1}
    assert ClusterMembership.objects.filter(unit=commune, year=2026).count() == 1


@pytest.fixture(scope="module", autouse=True)
def _report_cases(request):
    yield
    if CASES:
        plugins = request.config.pluginmanager
        reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"concurrency: {len(CASES)} race cases on {connection.vendor}")
