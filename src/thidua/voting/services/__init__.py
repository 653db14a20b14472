"""Every write about meetings and ballots. Other apps (proposals: the council's ballots) call these.

Each function checks its guard (the actor's permission when an actor is given, the state, the rule set), writes,
and logs in one transaction. actor=None means the system itself (demo loader, commands).
"""

from thidua.voting.services.ballots import (
    add_candidates,
    cancel_ballot,
    close_ballot,
    create_ballot,
    open_ballot,
    remove_candidate,
    set_ballot_state,
    update_ballot,
    void_ballot,
)
from thidua.voting.services.casting import (
    cast_ballot,
    cast_ballot_for_user,
    issue_codes,
    lookup_code,
)
from thidua.voting.services.counts import (
    confirm_paper_count,
    enter_paper_count,
    reject_paper_count,
    set_paper_count_state,
)
from thidua.voting.services.meetings import (
    add_delegate,
    add_member_delegates,
    create_meeting,
    remove_delegate,
    set_attendance,
    set_meeting_state,
    update_meeting,
)
from thidua.voting.services.outcomes import apply_leadership, create_runoff, decide_tie, rerun_void_ballot
from thidua.voting.services.written import confirm_written_vote, enter_written_vote, reject_written_vote

__all__ = [
    "add_candidates",
    "add_delegate",
    "add_member_delegates",
    "apply_leadership",
    "cancel_ballot",
    "cast_ballot",
    "cast_ballot_for_user",
    "close_ballot",
    "confirm_paper_count",
    "confirm_written_vote",
    "create_ballot",
    "create_meeting",
    "create_runoff",
    "decide_tie",
    "enter_paper_count",
    "enter_written_vote",
    "issue_codes",
    "lookup_code",
    "open_ballot",
    "reject_paper_count",
    "reject_written_vote",
    "remove_candidate",
    "remove_delegate",
    "rerun_void_ballot",
    "set_attendance",
    "set_ballot_state",
    "set_meeting_state",
    "set_paper_count_state",
    "update_ballot",
    "update_meeting",
    "void_ballot",
]
