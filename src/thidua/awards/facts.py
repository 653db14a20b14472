"""The facts eligibility reads, loaded once for a whole batch of candidates.

Screening a province asks about thousands of people and units; every query here runs once per batch (or once per
level of unit lineage), never once per candidate.
"""

from collections import defaultdict

from thidua.awards.models import AwardRecord, DisciplineRecord, Initiative, ReviewFlag, TaskRating
from thidua.awards.selectors import year_bounds
from thidua.core.selectors import chunks
from thidua.organizations.models import Position, Unit
from thidua.organizations.selectors import predecessor_map


def _fetch(qs, field, ids):
    rows = []
    for chunk in chunks(ids):
        rows.extend(qs.filter(**{f"{field}__in": chunk}))
    return rows


class FactStore:
    """Award records, task ratings, discipline, review flags, members and lineage of a set of candidates."""

    def __init__(self, *, units=(), persons=()):
        self.units = {u.pk: u for u in units}
        self.persons = {p.pk: p for p in persons}
        self.predecessors = predecessor_map(set(self.units)) if self.units else {}
        self._positions = defaultdict(list)
        for position in _fetch(Position.objects.select_related("person"), "unit_id", self.units):
            self._positions[position.unit_id].append(position)
        member_ids = {p.person_id for positions in self._positions.values() for p in positions}
        self.member_persons = {p.person_id: p.person for ps in self._positions.values() for p in ps}
        person_ids = set(self.persons) | member_ids
        unit_ids = set(self.units) | {u for ids in self.predecessors.values() for u in ids}
        records = AwardRecord.objects.select_related("award_form")
        self.records = self._group(_fetch(records, "unit_id", unit_ids), _fetch(records, "person_id", person_ids))
        ratings = TaskRating.objects.all()
        self.ratings = self._group(_fetch(ratings, "unit_id", unit_ids), _fetch(ratings, "person_id", person_ids))
        disciplines = DisciplineRecord.objects.all()
        self.disciplines = self._group(
            _fetch(disciplines, "unit_id", set(self.units)), _fetch(disciplines, "person_id", person_ids)
        )
        flags = ReviewFlag.objects.all()
        self.flags = self._group(_fetch(flags, "unit_id", set(self.units)), _fetch(flags, "person_id", self.persons))
        self.initiatives = self._group([], _fetch(Initiative.objects.all(), "person_id", self.persons))

    @staticmethod
    def _group(unit_rows, person_rows):
        grouped = defaultdict(list)
        for row in unit_rows:
            grouped[("unit", row.unit_id)].append(row)
        for row in person_rows:
            grouped[("person", row.person_id)].append(row)
        return grouped

    @staticmethod
    def key(subject):

        return ("unit" if isinstance(subject, Unit) else "person", subject.pk)

    def records_of(self, key):
        return self.records.get(key, [])

    def ratings_of(self, key):
        return {r.year: r for r in self.ratings.get(key, [])}

    def disciplines_of(self, key):
        return self.disciplines.get(key, [])

    def flags_of(self, key):
        return self.flags.get(key, [])

    def initiatives_of(self, key):
        return self.initiatives.get(key, [])

    def predecessors_of(self, unit_id):
        return self.predecessors.get(unit_id, set())

    def members(self, unit_id, year):
        """People holding a post in the unit at some time in the year, each once, by name."""
        first, last = year_bounds(year)
        people = {}
        for position in self._positions.get(unit_id, []):
            starts_ok = position.valid_from is None or position.valid_from <= last
            ends_ok = position.valid_to is None or position.valid_to >= first
            if starts_ok and ends_ok:
                people[position.person_id] = position.person
        return sorted(people.values(), key=lambda p: (p.folded_name, p.pk))
