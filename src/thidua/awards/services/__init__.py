"""The awards app's writes: `records` (catalogue corrections, award records, task ratings, discipline and
review flags: the facts eligibility reads), `initiatives` (a person's recognised initiatives) and `rule_sets`
(creating and revising legal rule sets). Callers import them from here."""

from thidua.awards.services.initiatives import record_initiative, remove_initiative
from thidua.awards.services.records import (
    FIRST_YEAR,
    FORM_FIELDS,
    RECORD_FIELDS,
    STALE,
    DecisionItem,
    add_base_salary,
    build_record,
    close_review_flag,
    correct_award_form,
    create_award_record,
    create_award_records_from_decision,
    duplicate_key,
    item_errors,
    open_review_flag,
    person_unit_in_year,
    recipient_users,
    record_discipline,
    revoke_award_record,
    set_task_rating,
)
from thidua.awards.services.rule_sets import create_rule_set, revise_rule_set

__all__ = [
    "FIRST_YEAR",
    "FORM_FIELDS",
    "RECORD_FIELDS",
    "STALE",
    "DecisionItem",
    "add_base_salary",
    "build_record",
    "close_review_flag",
    "correct_award_form",
    "create_award_record",
    "create_award_records_from_decision",
    "create_rule_set",
    "duplicate_key",
    "item_errors",
    "open_review_flag",
    "person_unit_in_year",
    "recipient_users",
    "record_discipline",
    "record_initiative",
    "remove_initiative",
    "revise_rule_set",
    "revoke_award_record",
    "set_task_rating",
]
