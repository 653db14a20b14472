import datetime
import types
from dataclasses import dataclass

import pytest

from tests.factories import UserFactory, cluster_year_with_members
from tests.voting.factories import COUNCIL_RULES, DelegateFactory, MeetingFactory, RuleSetFactory
from thidua.awards.enums import RuleSetKind
from thidua.organizations.enums import Role
from thidua.voting import selectors as voting_selectors
from thidua.voting.enums import MeetingKind


@dataclass
class Conference:
    meeting: object
    cluster_year: object
    units: list
    heads: list  # one user per unit, each a delegate
    secretary: object
    rule_set: object


@pytest.fixture
def conference(db, make_user):
    """A 2023 cluster year of eight units, its conference on 10/01/2024, one delegate (the unit head) per unit."""
    cluster_year, units = cluster_year_with_members(8, year=2023)
    rule_set = RuleSetFactory(province=cluster_year.cluster.province)
    secretary = make_user(Role.CLUSTER_SECRETARIAT, cluster_year, full_name="Thư Ký Cụm")
    heads = [make_user(Role.UNIT_HEAD, unit) for unit in units]
    meeting = MeetingFactory(
        kind=MeetingKind.CONFERENCE,
        cluster_year=cluster_year,
        province=cluster_year.cluster.province,
        title="Hội nghị tổng kết năm 2023",
        chair_name="Chủ Trì",
        secretary_name="Thư Ký Cụm",
    )
    for index, (unit, head) in enumerate(zip(units, heads, strict=True)):
        DelegateFactory(meeting=meeting, unit=unit, user=head, full_name=f"Đại biểu {unit.name}", sort_order=index)
    return Conference(meeting, cluster_year, units, heads, secretary, rule_set)


@pytest.fixture
def council(db, make_user):
    """A council session of a province with five members, voting under the council rule set."""
    meeting = MeetingFactory(kind=MeetingKind.COUNCIL, held_on=datetime.date(2025, 9, 10))
    rule_set = RuleSetFactory(
        kind=RuleSetKind.COUNCIL_VOTING, parameters=dict(COUNCIL_RULES), valid_from=datetime.date(2025, 7, 1)
    )
    board = make_user(Role.BOARD_OFFICER, meeting.province)
    members = [make_user(Role.COUNCIL_MEMBER, meeting.province) for _ in range(5)]
    for index, member in enumerate(members):
        DelegateFactory(meeting=meeting, user=member, full_name=f"Thành viên {index + 1}", sort_order=index)
    return types.SimpleNamespace(meeting=meeting, rule_set=rule_set, board=board, members=members)


@pytest.fixture
def second_manager(conference, make_user):
    """A board officer of the cluster's province: may confirm what the secretary entered."""
    return make_user(Role.BOARD_OFFICER, conference.cluster_year.cluster.province)


@pytest.fixture
def fake_ranking(monkeypatch):
    """Replace the scoring ranking the voting selectors read by rows the test sets (test_real_ranking uses the
    real one)."""
    rows = []

    def ranking(cluster_year):
        return list(rows)

    monkeypatch.setattr(voting_selectors, "ranking", ranking)
    return rows


@pytest.fixture
def user_factory(db):
    return UserFactory
