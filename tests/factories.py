"""Factories for the foundation models. Each app's tests add their own in tests/<app>/factories.py."""

import factory

from thidua.accounts.models import User
from thidua.organizations.enums import ClusterKind, Gender, UnitKind
from thidua.organizations.models import (
    Cluster,
    ClusterMembership,
    ClusterYear,
    Person,
    Position,
    Province,
    RoleAssignment,
    Unit,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"tinh-{n}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử {n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"don-vi-{n}")
    kind = UnitKind.DISTRICT
    name = factory.Sequence(lambda n: f"Đơn Vị {n}")
    province = factory.SubFactory(ProvinceFactory)


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"Cụm thi đua số {n}")
    kind = ClusterKind.CLUSTER


class ClusterYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClusterYear

    cluster = factory.SubFactory(ClusterFactory)
    year = 2024


class ClusterMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClusterMembership

    cluster_year = factory.SubFactory(ClusterYearFactory)
    unit = factory.SubFactory(UnitFactory, province=factory.SelfAttribute("..cluster_year.cluster.province"))


def cluster_year_with_members(n=3, *, year=2024, province=None):
    """A cluster year with n member units; the first is leader, the second deputy."""
    cluster = ClusterFactory(province=province) if province else ClusterFactory()
    cy = ClusterYearFactory(cluster=cluster, year=year)
    units = [UnitFactory(province=cluster.province) for _ in range(n)]
    for u in units:
        ClusterMembership.objects.create(cluster_year=cy, unit=u)
    cy.leader, cy.deputy = units[0], units[1] if n > 1 else None
    cy.save()
    return cy, units


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = Gender.MALE
    province = factory.SubFactory(ProvinceFactory)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory)
    title = "Chuyên viên"


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)


def board_shares(ballot):
    """The counting board's key-share texts a sealed ballot needs at closing, from the sheets its opening returned
    on this same instance; none for a paper or show-of-hands ballot."""
    return [sheet.text for sheet in getattr(ballot, "key_shares", [])][: ballot.key_threshold]
