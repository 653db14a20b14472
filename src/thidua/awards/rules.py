"""Who may read and change the award register, the rule sets and the facts eligibility reads.

Pages and the API ask the same permissions. A unit's officer and head see their own unit's records and people;
the province's board sees and corrects its province's (including provinces merged into it); council members read.
"""

from dataclasses import dataclass

import rules

from thidua.awards.enums import AwardLevel
from thidua.awards.selectors import visible_unit_ids
from thidua.organizations.models import ClusterYear, Person, Province, Unit
from thidua.organizations.rules import (
    has_any_role,
    is_admin,
    is_board_officer,
    is_council_member,
    is_officer_of_persons_unit,
    is_province_staff_of_person,
    is_province_staff_of_unit,
    is_staff_of_unit,
    no_object,
    works_in_users_unit,
)
from thidua.organizations.scopes import scope_of


@dataclass(frozen=True)
class RecordTarget:
    """What a record is about, for awards.record_awards: the recipient (a unit or a person), the form when chosen,
    and the unit a person worked in. Its province is the province the record goes into."""

    subject: object
    award_form: object = None
    person_unit: object = None

    @property
    def province_id(self):
        if isinstance(self.subject, Unit):
            return self.subject.province_id
        return (self.person_unit or self.subject).province_id


def _province_id(obj):
    if isinstance(obj, Province):
        return obj.pk
    return getattr(obj, "province_id", None)


@rules.predicate
def is_board_of_object_province(user, obj):
    """The board of the province of a unit, person, record, rule set or of the province itself."""
    return obj is not None and _province_id(obj) in scope_of(user).board_province_ids


@rules.predicate
def is_province_staff_of_object(user, obj):
    return obj is not None and _province_id(obj) in scope_of(user).province_ids


@rules.predicate
def is_secretariat_of_units_cluster(user, unit):
    ids = scope_of(user).secretariat_cluster_year_ids
    if not ids or not isinstance(unit, Unit):
        return False
    return ClusterYear.objects.filter(pk__in=ids, memberships__unit=unit).exists()


@rules.predicate
def is_own_provincial_rule_set(user, rule_set):
    # A province's own rule set is changed by that province's board (a merged province's by the board of the
    # province it went into); a national one by administrators only. Without an object: "any at all".
    if rule_set is None:
        return True
    return rule_set.province_id is not None and rule_set.province_id in scope_of(user).board_province_ids


@rules.predicate
def can_see_record(user, record):
    if record is None:
        return False
    if record.province_id in scope_of(user).province_ids:
        return True
    unit_ids = visible_unit_ids(user)
    return (record.unit_id is not None and record.unit_id in unit_ids) or (
        record.person_unit_id is not None and record.person_unit_id in unit_ids
    )


@rules.predicate
def can_view_subject(user, subject):
    if isinstance(subject, Unit):
        return bool(
            is_staff_of_unit(user, subject)
            or is_province_staff_of_unit(user, subject)
            or is_secretariat_of_units_cluster(user, subject)
        )
    if isinstance(subject, Person):
        return bool(is_province_staff_of_person(user, subject) or works_in_users_unit(user, subject))
    return False


@rules.predicate
def can_screen_target(user, target):
    if isinstance(target, ClusterYear):
        scope = scope_of(user)
        return target.pk in scope.secretariat_cluster_year_ids or target.cluster.province_id in scope.province_ids
    if isinstance(target, Province):
        return target.pk in scope_of(user).province_ids
    return bool(can_view_subject(user, target))


@rules.predicate
def can_rate_subject(user, subject):
    # A unit's officer records the yearly ratings of the people working there; a unit's own rating and
    # everything about discipline come from the province's board.
    if isinstance(subject, Person):
        return bool(is_board_of_object_province(user, subject) or works_in_users_unit(user, subject))
    return bool(is_board_of_object_province(user, subject))


@rules.predicate
def is_officer_at_own_level(user, target):
    """A unit's officer records the unit's own (cơ sở) level: the forms its head or commune chairman decides, for
    the unit itself or a person working there. Without a form chosen yet it asks "may record something here"."""
    if not isinstance(target, RecordTarget):
        return False
    if target.award_form is not None and target.award_form.level != AwardLevel.GRASSROOTS:
        return False
    officer_units = scope_of(user).officer_unit_ids
    if not officer_units:
        return False
    if isinstance(target.subject, Unit):
        return target.subject.pk in officer_units
    if target.award_form is None:
        return bool(is_officer_of_persons_unit(user, target.subject))
    return target.person_unit is not None and target.person_unit.pk in officer_units


rules.add_perm("awards.view_catalogue", has_any_role)
rules.add_perm("awards.change_award_form", is_admin | is_board_officer)
rules.add_perm("awards.view_rule_set", has_any_role)
rules.add_perm("awards.change_rule_set", is_admin | (is_board_officer & is_own_provincial_rule_set))
# The object is the province the new rule set is for; None asks "for any province" (the create page itself).
# A national rule set (no province) is created only by administrators: services ask create_national_rule_set.
rules.add_perm("awards.create_rule_set", is_admin | (is_board_officer & (no_object | is_board_of_object_province)))
rules.add_perm("awards.create_national_rule_set", is_admin)
rules.add_perm("awards.view_prize_money", has_any_role)
rules.add_perm("awards.change_base_salary", is_admin | is_board_officer)
rules.add_perm("awards.view_register", has_any_role)
rules.add_perm("awards.view_record", is_admin | can_see_record)
rules.add_perm("awards.view_subject_awards", is_admin | can_view_subject)
# The object is a RecordTarget (or the province the records go into); None asks "any province". Higher levels stay
# with the board; the unit's own level is recorded by the unit's officer.
rules.add_perm(
    "awards.record_awards",
    is_admin | (is_board_officer & (no_object | is_board_of_object_province)) | is_officer_at_own_level,
)
rules.add_perm("awards.revoke_record", is_admin | is_board_of_object_province)
rules.add_perm("awards.import_records", is_admin | is_board_officer)
rules.add_perm("awards.rate_subject", is_admin | can_rate_subject)
rules.add_perm("awards.record_discipline", is_admin | is_board_of_object_province)
# A person's recognised initiatives are facts eligibility reads, like the yearly ratings: recorded by the staff of
# a unit where the person works or worked and by the board of the person's province.
rules.add_perm("awards.record_initiative", is_admin | can_rate_subject)
rules.add_perm("awards.screen", is_admin | can_screen_target)
rules.add_perm("awards.view_statistics", is_admin | is_board_officer | is_council_member)
