"""The council votes the provincial flag under the flag's own rule, not the 90% rule (law-check V-2)."""

import datetime

from tests.proposals.helpers import COUNCIL_DAY, checked, vote_all
from tests.voting.factories import COUNCIL_RULES, RuleSetFactory
from thidua.awards.enums import RuleSetKind
from thidua.proposals import services


def test_two_of_three_members_pass_a_flag_under_the_flags_rule(world):
    world.council_rules.parameters = {**COUNCIL_RULES, "award_forms": ["chien-si-thi-dua-tinh"]}
    world.council_rules.save()
    flags = RuleSetFactory(
        kind=RuleSetKind.COUNCIL_VOTING,
        name="Bỏ phiếu các hình thức khác",
        parameters={**COUNCIL_RULES, "threshold_percent": 50, "comparison": "more_than"},
        valid_from=datetime.date(2017, 1, 1),
    )
    proposal = checked(world, units=1)
    ballot = services.submit_to_council(proposal, actor=world.board, held_on=COUNCIL_DAY)
    assert ballot.rule_set == flags
    proposal.refresh_from_db()
    vote_all(world, proposal, voters=2)
    services.record_council_result(proposal, actor=world.board)
    # 2 of 3 members (66,67%) is above 50% of all members; under the 90% rule it would have failed.
    rows = proposal.items.values_list("council_votes", "council_percent", "council_passed")
    assert [(v, str(p), ok) for v, p, ok in rows] == [(2, "66.67", True)]
