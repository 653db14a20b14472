"""Every permission both ways: a unit sees its own proposals, the secretariat its cluster year's, the board its
province's once sent, council members what is before the council; the board records the decision."""

import pytest

from tests.factories import cluster_year_with_members
from tests.proposals.factories import ProposalFactory
from tests.proposals.helpers import before_council, checked, draft, sent
from thidua.organizations.enums import Role
from thidua.proposals.enums import ProposalState, ProposerKind
from thidua.proposals.selectors import proposals_visible_to


def allowed(user, perm, obj=None):
    return user.has_perm(perm, obj)


def test_the_secretariat_sees_and_edits_its_cluster_years_draft_and_nobody_else_does(world):
    proposal = draft(world)
    assert allowed(world.secretary, "proposals.view_proposal", proposal)
    assert allowed(world.secretary, "proposals.change_proposal", proposal)
    for user in (world.board, world.council[0], world.officer, world.outsider, world.nobody):
        assert not allowed(user, "proposals.view_proposal", proposal), user
        assert not allowed(user, "proposals.change_proposal", proposal), user
    assert list(proposals_visible_to(world.board)) == []


def test_another_cluster_years_secretariat_does_not_see_it(world, make_user):
    proposal = draft(world)
    other_year, _units = cluster_year_with_members(2, year=2023, province=world.province)
    stranger = make_user(Role.CLUSTER_SECRETARIAT, other_year)
    assert not allowed(stranger, "proposals.view_proposal", proposal)


def test_a_unit_sees_its_own_proposals_and_not_another_units(world):
    mine = ProposalFactory(proposer_kind=ProposerKind.UNIT, unit=world.units[0])
    assert allowed(world.officer, "proposals.view_proposal", mine)
    assert allowed(world.officer, "proposals.change_proposal", mine)
    assert not allowed(world.other_officer, "proposals.view_proposal", mine)
    assert list(proposals_visible_to(world.officer)) == [mine]
    assert list(proposals_visible_to(world.other_officer)) == []


def test_the_board_sees_its_provinces_proposals_once_sent_and_manages_them(world):
    proposal = sent(world)
    assert allowed(world.board, "proposals.view_proposal", proposal)
    assert allowed(world.board, "proposals.manage_proposal", proposal)
    assert not allowed(world.board, "proposals.change_proposal", proposal)
    assert not allowed(world.secretary, "proposals.change_proposal", proposal)
    assert not allowed(world.secretary, "proposals.manage_proposal", proposal)
    assert not allowed(world.outsider, "proposals.view_proposal", proposal)
    assert not allowed(world.outsider, "proposals.manage_proposal", proposal)
    assert list(proposals_visible_to(world.board)) == [proposal]


def test_the_board_of_a_merged_province_sees_the_predecessors_proposals(world, make_user):
    from tests.factories import ProvinceFactory

    successor = ProvinceFactory()
    successor.predecessors.add(world.province)
    today_board = make_user(Role.BOARD_OFFICER, successor)
    proposal = sent(world)
    assert allowed(today_board, "proposals.manage_proposal", proposal)


def test_council_members_read_only_what_is_before_the_council(world):
    waiting = checked(world)
    assert not allowed(world.council[0], "proposals.view_proposal", waiting)
    before = before_council(world)
    assert allowed(world.council[0], "proposals.view_proposal", before)
    assert not allowed(world.council[0], "proposals.manage_proposal", before)
    assert list(proposals_visible_to(world.council[0])) == [before]


def test_drafting_permission_follows_the_proposer(world):
    assert allowed(world.secretary, "proposals.add_proposal", world.cluster_year)
    assert not allowed(world.officer, "proposals.add_proposal", world.cluster_year)
    assert allowed(world.officer, "proposals.add_proposal", world.units[0])
    assert not allowed(world.officer, "proposals.add_proposal", world.units[1])
    assert allowed(world.board, "proposals.add_proposal", world.province)
    assert not allowed(world.outsider, "proposals.add_proposal", world.province)
    assert not allowed(world.council[0], "proposals.add_proposal")
    assert not allowed(world.nobody, "proposals.add_proposal")


@pytest.mark.parametrize("state", [ProposalState.DRAFT, ProposalState.RETURNED])
def test_the_drafter_changes_only_drafts_and_returned_ones(world, state):
    proposal = draft(world)
    proposal.state = state
    proposal.save()
    assert allowed(world.secretary, "proposals.change_proposal", proposal)
    proposal.state = ProposalState.CHECKING
    assert not allowed(world.secretary, "proposals.change_proposal", proposal)


def test_the_list_permission_needs_a_role(world):
    assert allowed(world.officer, "proposals.list_proposals")
    assert not allowed(world.nobody, "proposals.list_proposals")


def test_an_attached_file_is_served_to_who_may_read_the_proposal(world, login):
    proposal = draft(world)
    stored = proposal.attachments.get().stored_file
    url = f"/tep/{stored.uuid}/"
    assert login(world.secretary).get(url).status_code == 200
    assert login(world.other_officer).get(url).status_code == 404
    assert login(world.board).get(url).status_code == 404  # a draft's papers stay with the drafter
    from thidua.proposals import services

    services.send_proposal(proposal, actor=world.secretary)
    assert login(world.board).get(url).status_code == 200
