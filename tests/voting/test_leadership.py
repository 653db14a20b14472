import pytest
from django.core.exceptions import ValidationError

from tests.factories import board_shares
from tests.voting.helpers import make_ballot, vote
from thidua.core.models import ActivityLogEntry
from thidua.organizations.enums import LeaderSelection
from thidua.organizations.models import ClusterMembership, ClusterYear, RotationSlot
from thidua.voting import selectors, services


def _elect(conference, purpose, winner_index, runner_index):
    ballot = make_ballot(conference, candidates=None, purpose=purpose, question=f"Bầu {purpose}", max_choices=1)
    vote(ballot, conference.secretary, [[winner_index]] * 6 + [[runner_index]] * 2)
    services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    return ballot


def test_elected_leader_and_deputy_open_next_year(conference):
    _elect(conference, "leader", 5, 1)
    _elect(conference, "deputy", 6, 2)
    units = sorted(conference.units, key=lambda u: u.folded_name)
    next_year = services.apply_leadership(conference.meeting, actor=conference.secretary)
    assert (next_year.year, next_year.leader, next_year.deputy) == (2024, units[5], units[6])
    assert set(next_year.members.all()) == set(conference.units)
    conference.meeting.refresh_from_db()
    assert (conference.meeting.next_leader, conference.meeting.leadership_source) == (units[5], "ballot")
    entry = ActivityLogEntry.objects.get(action="cluster_year.leaders_set")
    assert entry.new_values == {"leader": units[5].pk, "deputy": units[6].pk}


def test_existing_next_year_gets_the_result(conference):
    year_2024 = ClusterYear.objects.create(cluster=conference.cluster_year.cluster, year=2024)
    for unit in conference.units:
        ClusterMembership.objects.create(cluster_year=year_2024, unit=unit)
    _elect(conference, "leader", 0, 1)
    _elect(conference, "deputy", 1, 0)
    next_year = services.apply_leadership(conference.meeting, actor=conference.secretary)
    assert ClusterYear.objects.filter(cluster=conference.cluster_year.cluster).count() == 2
    by_name = sorted(conference.units, key=lambda u: u.folded_name)
    assert (next_year.pk, next_year.leader, next_year.deputy) == (year_2024.pk, by_name[0], by_name[1])


def test_leadership_needs_both_elections_closed(conference):
    _elect(conference, "leader", 0, 1)
    with pytest.raises(ValidationError) as refused:
        services.apply_leadership(conference.meeting, actor=conference.secretary)
    assert refused.value.messages == ["Chưa có kết quả bầu Phó Trưởng cụm."]


def test_leadership_refused_while_a_tie_is_open(conference):
    ballot = make_ballot(conference, candidates=None, purpose="leader", question="Bầu Trưởng cụm", max_choices=1)
    vote(ballot, conference.secretary, [[0]] * 4 + [[1]] * 4)
    services.close_ballot(ballot, actor=conference.secretary, shares=board_shares(ballot))
    _elect(conference, "deputy", 2, 3)
    with pytest.raises(ValidationError) as refused:
        services.apply_leadership(conference.meeting, actor=conference.secretary)
    assert refused.value.messages == ["Kết quả bầu Trưởng cụm còn bằng phiếu chưa giải quyết."]


def test_same_unit_cannot_be_leader_and_deputy(conference):
    _elect(conference, "leader", 0, 1)
    _elect(conference, "deputy", 0, 1)
    with pytest.raises(ValidationError):
        services.apply_leadership(conference.meeting, actor=conference.secretary)


def test_rotation_takes_the_two_slots_after_this_years_leader(conference):
    cluster = conference.cluster_year.cluster
    cluster.leader_selection = LeaderSelection.ROTATION
    cluster.save()
    order = conference.units[3:] + conference.units[:3]
    for position, unit in enumerate(order, start=1):
        RotationSlot.objects.create(cluster=cluster, unit=unit, position=position)
    conference.cluster_year.leader = conference.units[7]  # the fifth slot
    conference.cluster_year.save()
    assert selectors.rotation_leaders(conference.cluster_year) == (conference.units[0], conference.units[1])
    next_year = services.apply_leadership(conference.meeting, actor=conference.secretary, source="rotation")
    assert (next_year.leader, next_year.deputy) == (conference.units[0], conference.units[1])


def test_rotation_without_an_order_is_refused(conference):
    with pytest.raises(ValidationError) as refused:
        services.apply_leadership(conference.meeting, actor=conference.secretary, source="rotation")
    assert refused.value.messages == ["Cụm chưa có thứ tự luân phiên (cần ít nhất hai đơn vị)."]


def test_council_sessions_do_not_choose_leaders(council):
    with pytest.raises(ValidationError):
        services.apply_leadership(council.meeting, actor=council.board)
