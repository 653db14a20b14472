"""Factories for the emulation models."""

import datetime

import factory
from django.utils import timezone

from tests.factories import ClusterYearFactory, UnitFactory
from thidua.emulation.enums import ExemplarKind, GuidingDocumentType, MovementKind, MovementLevel, PhaseKind
from thidua.emulation.models import Exemplar, GuidingDocument, Movement, Phase, Pledge, PledgeItem, Registration


def today():
    return timezone.localdate()


class PhaseFactory(factory.django.DjangoModelFactory):
    """An open phase by default: it started ten days ago and ends in ten days."""

    class Meta:
        model = Phase

    cluster_year = factory.SubFactory(ClusterYearFactory)
    kind = PhaseKind.REGISTRATION
    starts_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=10))
    ends_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=10))


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    cluster_year = factory.SubFactory(ClusterYearFactory)
    unit = factory.SubFactory(UnitFactory)


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge
        skip_postgeneration_save = True  # the hook writes items through their own manager; the pledge is unchanged

    cluster_year = factory.SubFactory(ClusterYearFactory)
    motto = "Đồng thuận cao, thi đua giỏi, về đích sớm"

    @factory.post_generation
    def items(obj, create, extracted, **kwargs):
        if create:
            for position, text in enumerate(extracted or ["Hoàn thành chỉ tiêu kinh tế - xã hội"], start=1):
                PledgeItem.objects.create(pledge=obj, position=position, text=text)


class MovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Movement

    name = factory.Sequence(lambda n: f"Phong trào thử nghiệm số {n}")
    level = MovementLevel.NATIONAL
    kind = MovementKind.REGULAR


class ExemplarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exemplar

    kind = ExemplarKind.PERSON
    name = factory.Sequence(lambda n: f"Nguyễn Văn Điển {n}")
    unit = factory.SubFactory(UnitFactory)
    province = factory.SelfAttribute("unit.province")
    year = 2024
    achievements = "Thành tích xuất sắc trong phong trào"


class GuidingDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuidingDocument

    number = factory.Sequence(lambda n: f"{n}/KH-UBND")
    issued_on = datetime.date(2024, 1, 10)
    issuer = "Ủy ban nhân dân tỉnh"
    doc_type = GuidingDocumentType.PLAN
    summary = "Kế hoạch phát động phong trào thi đua"
