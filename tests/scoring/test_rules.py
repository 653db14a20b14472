"""Every scoring permission, both ways."""

import pytest

from tests.factories import UnitFactory
from thidua.organizations.enums import Role
from thidua.scoring.enums import AssessmentState, ReviewerRole, ReviewState
from thidua.scoring.models import Assessment, RankingPublication, ReviewAssignment


@pytest.fixture
def people(world, make_user):
    stranger_unit = UnitFactory(province=world.cy.cluster.province)
    return {
        "admin": make_user(Role.ADMIN),
        "secretary": world.secretary,
        "board": world.board,
        "council": make_user(Role.COUNCIL_MEMBER, world.cy.cluster.province),
        "officer_a": world.officers[0],
        "officer_b": world.officers[1],
        "officer_c": world.officers[2],
        "head_c": world.heads[2],
        "non_member": make_user(Role.UNIT_OFFICER, stranger_unit),
        "outsider": world.outsider,
    }


@pytest.fixture
def c_draft(world):
    return Assessment.objects.create(cluster_year=world.cy, unit=world.units[2])


@pytest.fixture
def a_reviews_c(world):
    return ReviewAssignment.objects.create(
        cluster_year=world.cy, reviewee=world.units[2], reviewer=world.units[0], role=ReviewerRole.LEADER
    )


def allowed(people, perm, obj):
    return sorted(name for name, user in people.items() if user.has_perm(perm, obj))


YEAR_PERMS = {
    "scoring.view_year": [
        "admin",
        "board",
        "council",
        "head_c",
        "officer_a",
        "officer_b",
        "officer_c",
        "secretary",
    ],
    "scoring.manage_table": ["admin", "secretary"],
    "scoring.view_progress": ["admin", "board", "secretary"],
    "scoring.manage_reviews": ["admin", "secretary"],
    "scoring.publish_ranking": ["admin", "secretary"],
    "scoring.view_ranking": ["admin", "board", "secretary"],
}


@pytest.mark.parametrize(("perm", "expected"), YEAR_PERMS.items())
def test_year_permissions(world, people, perm, expected):
    assert allowed(people, perm, world.cy) == expected


def test_published_ranking_opens_to_members_and_council_only(world, people):
    RankingPublication.objects.create(cluster_year=world.cy, published_at="2024-01-10T09:00:00+07:00")
    assert allowed(people, "scoring.view_ranking", world.cy) == [
        "admin",
        "board",
        "council",
        "head_c",
        "officer_a",
        "officer_b",
        "officer_c",
        "secretary",
    ]


DRAFT_PERMS = {
    "scoring.view_assessment": ["admin", "board", "head_c", "officer_c", "secretary"],
    "scoring.edit_assessment": ["head_c", "officer_c"],
    "scoring.submit_assessment": ["head_c"],
    "scoring.return_assessment": ["admin", "secretary"],
    "scoring.view_final_scores": ["admin", "board", "secretary"],
    "scoring.settle_score": ["admin", "secretary"],
}


@pytest.mark.parametrize(("perm", "expected"), DRAFT_PERMS.items())
def test_assessment_permissions_on_a_draft(people, c_draft, a_reviews_c, perm, expected):
    assert allowed(people, perm, c_draft) == expected


def test_reviewer_reads_the_assessment_once_submitted(people, c_draft, a_reviews_c):
    c_draft.state = AssessmentState.SUBMITTED
    assert allowed(people, "scoring.view_assessment", c_draft) == [
        "admin",
        "board",
        "head_c",
        "officer_a",
        "officer_c",
        "secretary",
    ]


def test_unit_sees_its_final_scores_after_publication(world, people, c_draft):
    RankingPublication.objects.create(cluster_year=world.cy, published_at="2024-01-10T09:00:00+07:00")
    assert allowed(people, "scoring.view_final_scores", c_draft) == [
        "admin",
        "board",
        "head_c",
        "officer_c",
        "secretary",
    ]


def test_review_permissions(people, a_reviews_c):
    assert allowed(people, "scoring.review", a_reviews_c) == ["officer_a"]
    assert allowed(people, "scoring.view_review", a_reviews_c) == ["admin", "board", "officer_a", "secretary"]


def test_reviewee_reads_a_submitted_review_after_publication(world, people, a_reviews_c):
    a_reviews_c.state = ReviewState.SUBMITTED
    RankingPublication.objects.create(cluster_year=world.cy, published_at="2024-01-10T09:00:00+07:00")
    assert allowed(people, "scoring.view_review", a_reviews_c) == [
        "admin",
        "board",
        "head_c",
        "officer_a",
        "officer_c",
        "secretary",
    ]


def test_self_assessment_reminders_know_which_units_have_not_submitted(db):
    from tests.factories import cluster_year_with_members
    from thidua.emulation.enums import PhaseKind
    from thidua.emulation.selectors import phase_pending_units

    cluster_year, units = cluster_year_with_members(3)
    assert [u.pk for u in phase_pending_units(cluster_year, PhaseKind.SELF_ASSESSMENT)] == sorted(
        (u.pk for u in units), key=lambda pk: next(u.folded_name for u in units if u.pk == pk)
    )
