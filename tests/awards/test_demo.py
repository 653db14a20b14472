import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from thidua.accounts.models import User
from thidua.awards.eligibility import evaluate_eligibility
from thidua.awards.enums import RecordSource, RuleSetKind
from thidua.awards.models import AwardForm, AwardRecord, RuleSet
from thidua.organizations.models import ClusterYear, Person, Unit

AS_OF = datetime.date(2026, 3, 1)


@pytest.fixture
def demo(db):
    call_command("seed_demo", verbosity=0)


def _result(subject, code, year=2023):
    return evaluate_eligibility(subject, AwardForm.objects.get(code=code), year, as_of=AS_OF)


def _status(result, condition):
    return next(c.status for c in result.conditions if c.condition == condition)


def test_demo_is_idempotent_and_leaves_the_2023_flags_to_the_proposals(demo):
    counts = (AwardRecord.objects.count(), RuleSet.objects.count(), Person.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (AwardRecord.objects.count(), RuleSet.objects.count(), Person.objects.count()) == counts
    flags_2023 = AwardRecord.objects.filter(award_form__code="co-thi-dua-tinh", year=2023)
    # The awards demo leaves them out: they come out of the proposals demo's chairman's decision.
    flagged = flags_2023.filter(unit__code__in=["qb-lethuy", "qb-quangninh", "qb-donghoi"])
    assert sorted(flagged.values_list("unit__code", "source")) == [
        ("qb-donghoi", RecordSource.DECISION),
        ("qb-lethuy", RecordSource.DECISION),
        ("qb-quangninh", RecordSource.DECISION),
    ]
    # The voting demo seeds the cluster's and the council's voting rule sets; these are the awards app's own.
    own_kinds = [RuleSetKind.COMMENDATION, RuleSetKind.QUOTA]
    assert set(RuleSet.objects.filter(kind__in=own_kinds).values_list("code", flat=True)) == {
        "quoc-gia-2017-2023",
        "quoc-gia-2024-nd98",
        "quoc-gia-2025-nd152",
        "quang-binh-ty-le-khen-thuong",
        "quang-tri-tieu-chuan-giay-khen",
    }
    assert not AwardRecord.objects.filter(is_invented=False).exists()


PEOPLE_CASES = [
    ("Nguyễn Thị Hoài An", "chien-si-thi-dua-tinh", "consecutive_titles", "met"),
    ("Trần Văn Bình", "chien-si-thi-dua-tinh", "consecutive_titles", "not_met"),
    ("Lê Minh Châu", "chien-si-thi-dua-tinh", "no_discipline", "not_met"),
    ("Phạm Thị Dung", "chien-si-thi-dua-tinh", "not_under_review", "not_met"),
    ("Hoàng Văn Em", "chien-si-thi-dua-tinh", "consecutive_titles", "not_met"),
    ("Đinh Thị Giang", "chien-si-thi-dua-toan-quoc", "consecutive_titles", "met"),
    ("Cao Xuân Hải", "chien-si-thi-dua-toan-quoc", "consecutive_titles", "not_met"),
    ("Võ Thị Lan Anh", "bang-khen-tinh-ca-nhan", "task_rating_chain", "not_met"),
]
UNIT_CASES = [
    ("qb-noivu-lethuy", "tap-the-lao-dong-xuat-sac", "members_share_title", "met"),
    ("qb-noivu-quangninh", "tap-the-lao-dong-xuat-sac", "members_share_title", "not_met"),
    ("qb-tckh-minhhoa", "tap-the-lao-dong-xuat-sac", "members_share_rating", "not_met"),
    ("qb-nnptnt-botrach", "tap-the-lao-dong-tien-tien", "members_no_discipline", "not_met"),
]


def test_demo_people_and_collectives_are_eligible_or_not_for_a_reason(demo):
    people = [
        (name, _status(_result(Person.objects.get(full_name=name), code), condition))
        for name, code, condition, _status_wanted in PEOPLE_CASES
    ]
    assert people == [(name, wanted) for name, _c, _k, wanted in PEOPLE_CASES]
    units = [
        (code, _status(_result(Unit.objects.get(code=code), form), condition))
        for code, form, condition, _wanted in UNIT_CASES
    ]
    assert units == [(code, wanted) for code, _f, _k, wanted in UNIT_CASES]


def test_the_lethuy_office_qualifies_as_an_excellent_collective(demo):
    assert _result(Unit.objects.get(code="qb-noivu-lethuy"), "tap-the-lao-dong-xuat-sac").status == "eligible"


def test_the_cluster_secretary_sees_the_2023_screening_with_reasons(demo, client):
    client.force_login(User.objects.get(username="thuky.cum"))
    cy = ClusterYear.objects.get(cluster__name="Cụm thi đua các huyện, thị xã, thành phố", year=2023)
    form = AwardForm.objects.get(code="chien-si-thi-dua-tinh")
    url = reverse("awards:screening") + f"?pham_vi=cy-{cy.pk}&year=2023&award_form={form.pk}&as_of=2026-03-01"
    html = client.get(url).content.decode()
    assert "Trần Văn Bình" in html
    assert "Cần đạt Chiến sĩ thi đua cơ sở 3 năm liên tục (2021–2023): thiếu năm 2022." in html
    assert "Đang trong thời gian bị xem xét, xác minh tại ngày 01/03/2026: chưa khen thưởng." in html
    assert "Đang chịu kỷ luật, hoặc thời gian kỷ luật trùng năm 2023" in html
    assert "minh họa" in html
