"""Priority statistics among proposals: the share of direct labourers among the people proposed."""

import datetime

from tests.factories import PersonFactory, PositionFactory
from tests.proposals.helpers import draft
from thidua.proposals import services
from thidua.proposals.statistics import proposal_priority_statistics


def person(world, unit, *, direct):
    someone = PersonFactory(province=world.province, is_direct_labourer=direct)
    PositionFactory(person=someone, unit=unit, valid_from=datetime.date(2020, 1, 1))
    return someone


def test_the_share_counts_people_proposed_past_the_draft_once_each(world):
    form = world.forms["chien-si-thi-dua-tinh"]
    farmer, clerk, other = (
        person(world, world.units[0], direct=True),
        person(world, world.units[1], direct=False),
        person(world, world.units[2], direct=True),
    )
    proposal = draft(world, units=0)
    for someone in (farmer, clerk):
        services.add_item(proposal, actor=world.secretary, person=someone, award_form=form, summary="Thành tích.")
    services.add_item(
        proposal, actor=world.secretary, person=farmer, award_form=world.forms["lao-dong-tien-tien"], summary="x"
    )
    still_draft = draft(world, units=0)
    services.add_item(still_draft, actor=world.secretary, person=other, award_form=form, summary="Chưa gửi.")
    services.send_proposal(proposal, actor=world.secretary)
    rows = proposal_priority_statistics(province=world.province, year=2023)
    assert [(r.label, r.year, r.share.total, r.share.direct, r.share.percent, r.records) for r in rows] == [
        (str(world.cluster_year.cluster), 2023, 2, 1, 50.0, 3),
        ("Toàn tỉnh", 2023, 2, 1, 50.0, 3),
    ]


def test_a_units_own_proposal_counts_for_the_cluster_it_belongs_to(world):
    unit = world.units[0]
    proposal = services.create_proposal(
        proposer_kind="unit", unit=unit, year=2023, title="Đề nghị của huyện", actor=world.officer
    )
    services.add_item(
        proposal,
        actor=world.officer,
        person=person(world, unit, direct=True),
        award_form=world.forms["chien-si-thi-dua-tinh"],
        summary="x",
    )
    services.add_attachment(proposal, _pdf(), actor=world.officer, kind="minutes")
    services.send_proposal(proposal, actor=world.officer)
    [cluster_row, province_row] = proposal_priority_statistics(province=world.province, year=2023)
    assert (cluster_row.share.total, cluster_row.share.direct) == (1, 1)
    assert (province_row.share.total, province_row.share.percent) == (1, 100.0)


def _pdf():
    from tests.proposals.helpers import minutes_file

    return minutes_file()
