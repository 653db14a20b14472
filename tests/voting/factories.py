"""Factories for the voting tests: rule sets, meetings with a roll, ballots."""

import datetime

import factory

from tests.factories import ProvinceFactory
from thidua.awards.enums import RuleSetKind
from thidua.awards.models import RuleSet
from thidua.voting.enums import MeetingKind
from thidua.voting.models import Delegate, Meeting

CLUSTER_RULES = {
    "quorum_percent": 50,
    "threshold_percent": 50,
    "comparison": "more_than",
    "denominator": "all_members",
    "quota": 3,
    "tie_rule": "runoff",
    "secret": True,
    "written_votes_allowed": False,
}
COUNCIL_RULES = {
    "quorum_percent": 50,
    "threshold_percent": 90,
    "comparison": "at_least",
    "denominator": "all_members",
    "quota": None,
    "tie_rule": "runoff",
    "secret": True,
    "written_votes_allowed": True,
}


class RuleSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RuleSet

    kind = RuleSetKind.CLUSTER_VOTING
    code = factory.Sequence(lambda n: f"quy-che-bo-phieu-{n}")
    name = factory.Sequence(lambda n: f"Quy chế bỏ phiếu số {n}")
    citation = "Quy chế tổ chức và hoạt động cụm, khối thi đua (thử nghiệm)"
    valid_from = datetime.date(2020, 1, 1)
    parameters = factory.LazyFunction(lambda: dict(CLUSTER_RULES))
    is_verified = True


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    kind = MeetingKind.COUNCIL
    province = factory.SubFactory(ProvinceFactory)
    title = factory.Sequence(lambda n: f"Phiên họp số {n}")
    held_on = datetime.date(2024, 1, 10)
    place = "Hội trường UBND tỉnh"


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegate

    meeting = factory.SubFactory(MeetingFactory)
    full_name = factory.Sequence(lambda n: f"Đại biểu {n}")
    sort_order = factory.Sequence(lambda n: n)
