"""A closed sealed ballot's public record (the bulletin board), one JSON file anyone may re-count with
tools/verify_ballot.py, which needs neither Django nor this project.

It holds every sealed paper with its SHA-256, the receipts (sorted, apart from the papers: with the key published,
a receipt that pointed at a paper would let a voter prove their vote to a buyer), the opened papers sorted, the
published private key, the roll's figures, the rule applied in exact fractions, and the tally with who passed.
"""

import base64
import hashlib

from thidua.voting import sealing, selectors
from thidua.voting.enums import BallotState, VotingMode
from thidua.voting.models import CastBallot
from thidua.voting.selectors import ResultNotAvailable

FORMAT = "thidua-ballot-record-v1"


def is_published(ballot):
    return ballot.mode == VotingMode.ELECTRONIC and bool(ballot.public_key)


def _fraction(value):
    return f"{value.numerator}/{value.denominator}"


def public_record(ballot):
    """The record as a dict; ResultNotAvailable until the ballot is closed."""
    if ballot.state != BallotState.CLOSED:
        raise ResultNotAvailable
    result = selectors.ballot_result(ballot)
    rules = result.rules
    candidates = list(ballot.candidates.select_related("unit", "person").order_by("position", "id"))
    rows = list(CastBallot.objects.filter(ballot=ballot).values_list("sealed", "choices"))
    turnout = selectors.turnout(ballot)
    return {
        "format": FORMAT,
        "scheme": sealing.SCHEME,
        "ballot": {
            "public_id": str(ballot.public_id),
            "question": ballot.question,
            "meeting": ballot.meeting.title,
            "held_on": ballot.meeting.held_on.isoformat(),
            "max_choices": ballot.max_choices,
            "key_threshold": ballot.key_threshold,
            "key_holders": ballot.key_holders,
            "slip_kind": ballot.slip_kind,
        },
        "public_key": ballot.public_key,
        "private_key": ballot.published_key,
        "candidates": [{"id": c.pk, "name": c.display_name} for c in candidates],
        "roll": {
            "members": result.member_count,
            "present": result.present_count,
            "entitled": result.issued,
            "voted": turnout["voted"],
        },
        "papers": sorted(
            ({"sealed": sealed, "sha256": hashlib.sha256(base64.b64decode(sealed)).hexdigest()} for sealed, _c in rows),
            key=lambda paper: paper["sha256"],
        ),
        "receipts": sorted(result.receipts),
        "opened": sorted(sorted(choices) for _s, choices in rows),
        "rule": {
            "rule_set": ballot.rule_set.name,
            "citation": ballot.rule_set.citation,
            "threshold": _fraction(rules.threshold),
            "comparison": rules.comparison,
            "denominator": rules.denominator,
            "base": result.base,
            "seats": result.seats,
            "tie_rule": rules.tie_rule,
            "chair_chosen": sorted(c.pk for c in candidates if c.chosen_by_chair),
        },
        "tally": [{"candidate_id": row.candidate.pk, "votes": row.votes, "passed": row.passed} for row in result.rows],
        "passed": sorted(row.candidate.pk for row in result.passed),
    }
