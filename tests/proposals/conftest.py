import datetime
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import ProvinceFactory, board_shares, cluster_year_with_members
from tests.proposals.factories import MINIMAL_PDF, ProposalFactory, ProposalItemFactory
from tests.voting.factories import COUNCIL_RULES, RuleSetFactory
from thidua.awards.catalogue import ensure_catalogue
from thidua.awards.enums import RuleSetKind
from thidua.awards.legal_bases import ensure_rule_sets
from thidua.awards.models import AwardForm
from thidua.emulation.enums import PhaseKind, PhaseOverride
from thidua.emulation.models import Phase
from thidua.organizations.enums import Role
from thidua.proposals import services
from thidua.proposals.enums import AttachmentKind, Verdict

COUNCIL_DAY = datetime.date(2024, 1, 25)


@dataclass
class World:
    province: object
    cluster_year: object
    units: list
    forms: dict
    secretary: object
    board: object
    second_board: object
    council: list
    officer: object  # of units[0]
    other_officer: object  # of units[1]
    outsider: object  # a board officer of another province
    nobody: object  # a user without any role
    admin: object
    phase: object
    council_rules: object


@pytest.fixture
def world(db, make_user):
    ensure_catalogue()
    ensure_rule_sets()
    cluster_year, units = cluster_year_with_members(4, year=2023)
    province = cluster_year.cluster.province
    phase = Phase.objects.create(
        cluster_year=cluster_year,
        kind=PhaseKind.PROPOSALS,
        starts_on=datetime.date(2024, 1, 15),
        ends_on=datetime.date(2024, 1, 31),
        override=PhaseOverride.OPENED,
    )
    council_rules = RuleSetFactory(
        kind=RuleSetKind.COUNCIL_VOTING, parameters=dict(COUNCIL_RULES), valid_from=datetime.date(2017, 1, 1)
    )
    return World(
        province=province,
        cluster_year=cluster_year,
        units=units,
        forms={f.code: f for f in AwardForm.objects.all()},
        secretary=make_user(Role.CLUSTER_SECRETARIAT, cluster_year, full_name="Thư Ký Cụm"),
        board=make_user(Role.BOARD_OFFICER, province, full_name="Cán Bộ Ban"),
        second_board=make_user(Role.BOARD_OFFICER, province, full_name="Cán Bộ Ban Hai"),
        council=[make_user(Role.COUNCIL_MEMBER, province, full_name=f"Thành Viên {i}") for i in (1, 2, 3)],
        officer=make_user(Role.UNIT_OFFICER, units[0]),
        other_officer=make_user(Role.UNIT_OFFICER, units[1]),
        outsider=make_user(Role.BOARD_OFFICER, ProvinceFactory()),
        nobody=make_user(),
        admin=make_user(Role.ADMIN),
        phase=phase,
        council_rules=council_rules,
    )


def minutes_file(name="bien-ban.pdf"):
    return SimpleUploadedFile(name, MINIMAL_PDF, content_type="application/pdf")


def draft(world, *, units=2, form="co-thi-dua-tinh", with_minutes=True):
    """A cluster proposal with `units` member units for the form, its minutes uploaded."""
    proposal = ProposalFactory(cluster_year=world.cluster_year, created_by=world.secretary)
    for unit in world.units[:units]:
        ProposalItemFactory(proposal=proposal, unit=unit, award_form=world.forms[form])
    if with_minutes:
        services.add_attachment(proposal, minutes_file(), actor=world.secretary, kind=AttachmentKind.MINUTES)
    return proposal


def sent(world, **kwargs):
    proposal = draft(world, **kwargs)
    services.send_proposal(proposal, actor=world.secretary)
    return proposal


def checked(world, **kwargs):
    proposal = sent(world, **kwargs)
    services.receive_proposal(proposal, actor=world.board)
    for item in proposal.items.all():
        services.judge_item(item, actor=world.board, verdict=Verdict.ACCEPTED, reason="Dẫn đầu Cụm.")
    return proposal


def before_council(world, **kwargs):
    proposal = checked(world, **kwargs)
    services.submit_to_council(proposal, actor=world.board, held_on=COUNCIL_DAY, place="Hội trường tỉnh")
    proposal.refresh_from_db()
    return proposal


def vote_all(world, proposal, *, voters=3):
    """Open the council's ballot; the first `voters` members vote for every candidate; close."""
    from thidua.voting import services as voting

    ballot = proposal.council_ballot
    voting.open_ballot(ballot, actor=world.board)
    everyone = list(ballot.candidates.all())
    for member in world.council[:voters]:
        voting.cast_ballot_for_user(ballot, member, everyone)
    voting.close_ballot(ballot, actor=world.board, shares=board_shares(ballot))
    return ballot


def voted(world, **kwargs):
    proposal = before_council(world, **kwargs)
    vote_all(world, proposal)
    services.record_council_result(proposal, actor=world.board)
    proposal.refresh_from_db()
    return proposal
