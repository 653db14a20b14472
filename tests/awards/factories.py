"""Factories for the award register and the facts eligibility reads."""

import datetime

import factory

from tests.factories import PersonFactory, PositionFactory, UnitFactory
from thidua.awards.enums import AchievementKind, DisciplineLevel, InitiativeScope, ReviewKind, TaskCompletion
from thidua.awards.models import AwardForm, AwardRecord, DisciplineRecord, Initiative, ReviewFlag, TaskRating


class AwardRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardRecord

    award_form = factory.LazyFunction(lambda: AwardForm.objects.get(code="lao-dong-tien-tien"))
    unit = None
    person = None
    year = 2023
    decision_number = factory.Sequence(lambda n: f"{n + 1}/QĐ-UBND")
    decision_date = factory.LazyAttribute(lambda r: datetime.date(r.year + 1, 1, 15))
    issuer = "Chủ tịch UBND tỉnh"
    achievement_kind = AchievementKind.ANNUAL
    recipient_name = factory.LazyAttribute(lambda r: str(r.unit or r.person))
    province = factory.LazyAttribute(lambda r: (r.unit or r.person).province)


def award(subject, code, year, **kwargs):
    """An award record of the given form and year for a Unit or a Person."""
    from thidua.organizations.models import Unit

    field = "unit" if isinstance(subject, Unit) else "person"
    return AwardRecordFactory(award_form=AwardForm.objects.get(code=code), year=year, **{field: subject}, **kwargs)


def rate(subject, year, completion=TaskCompletion.EXCELLENT):
    from thidua.organizations.models import Unit

    field = "unit" if isinstance(subject, Unit) else "person"
    return TaskRating.objects.create(**{field: subject}, year=year, completion=completion)


def discipline(subject, starts_on, ends_on=None, level=DisciplineLevel.REPRIMAND):
    from thidua.organizations.models import Unit

    field = "unit" if isinstance(subject, Unit) else "person"
    return DisciplineRecord.objects.create(**{field: subject}, level=level, starts_on=starts_on, ends_on=ends_on)


def flag(subject, opened_on, closed_on=None, kind=ReviewKind.COMPLAINT):
    from thidua.organizations.models import Unit

    field = "unit" if isinstance(subject, Unit) else "person"
    return ReviewFlag.objects.create(**{field: subject}, kind=kind, opened_on=opened_on, closed_on=closed_on)


def initiative(person, year, scope=InitiativeScope.BASE, *, decided=None, title=None):
    """A recognised initiative of `person` counted for `year` (decided on 15/12 of that year unless told)."""
    return Initiative.objects.create(
        person=person,
        title=title or f"Sáng kiến {year} số {Initiative.objects.count() + 1}",
        scope=scope,
        recognised_by="Hội đồng sáng kiến cơ sở",
        decision_number=f"{Initiative.objects.count() + 1}/QĐ-SK",
        decision_date=decided or datetime.date(year, 12, 15),
        year=year,
    )


def collective(size, *, province=None, year=2023, **unit_kwargs):
    """A unit with `size` people holding a post there through the year."""
    unit = UnitFactory(province=province, **unit_kwargs) if province else UnitFactory(**unit_kwargs)
    people = []
    for _ in range(size):
        person = PersonFactory(province=unit.province)
        PositionFactory(person=person, unit=unit, valid_from=datetime.date(year - 3, 1, 1))
        people.append(person)
    return unit, people
