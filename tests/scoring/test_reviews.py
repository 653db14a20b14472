from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from tests.factories import UnitFactory
from tests.scoring.factories import fill_review, open_review
from thidua.core.kernel import StaleEdit
from thidua.organizations.enums import Role, UnitKind
from thidua.scoring import selectors
from thidua.scoring.enums import AssessmentState, FinalScoreRule, FinalSource, ReviewerRole, ReviewState
from thidua.scoring.models import Assessment, CriteriaTable, FinalScore, ReviewAssignment
from thidua.scoring.services import reviews as services
from thidua.scoring.services.assessments import set_assessment_state


@pytest.fixture
def reviewed(world, submit):
    """Units C and D submitted; A (leader) and B review C; review phase open."""
    c, d = submit(world, 2), submit(world, 3, {"1.1": 3})
    open_review(world.cy)
    leader = services.assign_reviewer(
        world.cy, actor=world.secretary, reviewee=world.units[2], reviewer=world.units[0], role=ReviewerRole.LEADER
    )
    peer = services.assign_reviewer(
        world.cy, actor=world.secretary, reviewee=world.units[2], reviewer=world.units[1], role=ReviewerRole.PEER
    )
    world.c, world.d, world.leader_review, world.peer_review = c, d, leader, peer
    return world


def finals(assessment):
    return {f.criterion.code: f for f in FinalScore.objects.filter(assessment=assessment).select_related("criterion")}


def test_a_unit_never_reviews_itself(world):
    with pytest.raises(ValidationError) as refusal:
        services.assign_reviewer(
            world.cy, actor=world.secretary, reviewee=world.units[2], reviewer=world.units[2], role=ReviewerRole.PEER
        )
    assert refusal.value.messages == [f"Một đơn vị không được thẩm định chính mình ({world.units[2].full_name})."]
    assert ReviewAssignment.objects.count() == 0


def test_the_database_refuses_a_self_review_too(world):
    with pytest.raises(IntegrityError):
        ReviewAssignment.objects.create(
            cluster_year=world.cy, reviewee=world.units[1], reviewer=world.units[1], role=ReviewerRole.PEER
        )


def test_leader_and_deputy_roles_must_match_the_year(world):
    with pytest.raises(ValidationError) as refusal:
        services.assign_reviewer(
            world.cy, actor=world.secretary, reviewee=world.units[2], reviewer=world.units[3], role=ReviewerRole.LEADER
        )
    assert refusal.value.messages == [f"{world.units[3].full_name} không phải là Trưởng cụm năm 2024."]


def test_department_reviews_one_group(world):
    department = UnitFactory(kind=UnitKind.DEPARTMENT, province=world.cy.cluster.province, name="Nội vụ")
    assignment = services.assign_reviewer(
        world.cy,
        actor=world.secretary,
        reviewee=world.units[2],
        reviewer=department,
        role=ReviewerRole.DEPARTMENT,
        group_code="II",
    )
    tree = selectors.tree_of(world.table)
    assert [c.code for c in selectors.covered_leaves(tree, assignment)] == ["2.1"]
    with pytest.raises(ValidationError) as refusal:
        services.assign_reviewer(
            world.cy,
            actor=world.secretary,
            reviewee=world.units[3],
            reviewer=department,
            role="department",
            group_code="2.1",
        )
    assert refusal.value.messages == ["Không có nhóm tiêu chí 2.1 trong bảng đang áp dụng."]


def test_only_the_secretariat_assigns(world):
    with pytest.raises(PermissionDenied):
        services.assign_reviewer(
            world.cy, actor=world.heads[0], reviewee=world.units[2], reviewer=world.units[0], role=ReviewerRole.LEADER
        )


def test_rotation_plan_rings_members_and_adds_leader_and_deputy(world):
    created = services.generate_rotation(world.cy, actor=world.secretary)
    a, b, c, d = world.units  # names sort in creation order
    pairs = [(x.reviewer_id, x.reviewee_id, x.role) for x in created]
    assert pairs == [
        (b.pk, a.pk, ReviewerRole.DEPUTY),
        (a.pk, b.pk, ReviewerRole.LEADER),
        (a.pk, c.pk, ReviewerRole.LEADER),
        (a.pk, d.pk, ReviewerRole.LEADER),
        (b.pk, c.pk, ReviewerRole.PEER),
        (c.pk, d.pk, ReviewerRole.PEER),
        (d.pk, a.pk, ReviewerRole.PEER),
    ]
    assert all(x.reviewer_id != x.reviewee_id for x in created)
    assert services.generate_rotation(world.cy, actor=world.secretary) == []


def test_rotation_step_must_fit_the_ring(world):
    with pytest.raises(ValidationError) as refusal:
        services.generate_rotation(world.cy, actor=world.secretary, step=4)
    assert refusal.value.messages == ["Bước luân phiên phải từ 1 đến 3."]


def test_officer_of_the_reviewed_unit_cannot_review_it_even_through_another_unit(reviewed, make_user):
    both = make_user(Role.UNIT_OFFICER, reviewed.units[0])
    from thidua.organizations.models import RoleAssignment

    RoleAssignment.objects.create(user=both, role=Role.UNIT_OFFICER, unit=reviewed.units[2])
    assert both.has_perm("scoring.review", reviewed.leader_review) is False
    with pytest.raises(PermissionDenied):
        services.save_review_score(reviewed.leader_review, reviewed.criteria["1.1"], actor=both, value=Decimal(3))
    assert reviewed.officers[0].has_perm("scoring.review", reviewed.leader_review) is True
    assert reviewed.officers[2].has_perm("scoring.review", reviewed.leader_review) is False


def test_reviewer_scores_submit_and_the_final_follows_the_mean(reviewed):
    fill_review(reviewed.leader_review, reviewed.officers[0], {"1.1": 3})
    with pytest.raises(ValidationError) as early:
        services.set_review_state(reviewed.peer_review, ReviewState.SUBMITTED, actor=reviewed.officers[1])
    assert early.value.messages[1] == "Còn 7 tiêu chí chưa chấm thẩm định: 1.1, 1.2, 2.1, 3.1, 3.2, 4.1, 5.1."
    fill_review(reviewed.peer_review, reviewed.officers[1], {"1.1": 4})
    services.set_review_state(reviewed.leader_review, ReviewState.SUBMITTED, actor=reviewed.heads[0])
    assert finals(reviewed.c)["1.1"].points == Decimal(3)
    services.set_review_state(reviewed.peer_review, ReviewState.SUBMITTED, actor=reviewed.officers[1])
    final = finals(reviewed.c)["1.1"]
    assert (final.points, final.source, final.is_flagged) == (Decimal("3.50"), FinalSource.REVIEW, False)


def test_review_outside_the_phase_is_refused(reviewed):
    from tests.scoring.factories import close_review

    close_review(reviewed.cy)
    with pytest.raises(ValidationError) as refusal:
        services.save_review_score(
            reviewed.leader_review, reviewed.criteria["1.1"], actor=reviewed.officers[0], value=Decimal(3)
        )
    assert refusal.value.messages == ["Giai đoạn thẩm định, chấm chéo năm 2024 không mở."]


def test_review_score_above_maximum_is_refused(reviewed):
    with pytest.raises(ValidationError) as refusal:
        services.save_review_score(
            reviewed.leader_review, reviewed.criteria["1.1"], actor=reviewed.officers[0], value=Decimal(5)
        )
    assert refusal.value.messages == ["Điểm 5 vượt mức tối đa 4 của tiêu chí 1.1"]


def test_concurrent_review_saves_keep_one_winner(reviewed, make_user):
    colleague = make_user(Role.UNIT_HEAD, reviewed.units[0])
    services.save_review_score(
        reviewed.leader_review, reviewed.criteria["1.1"], actor=reviewed.officers[0], value=Decimal(3)
    )
    with pytest.raises(StaleEdit) as lost:
        services.save_review_score(reviewed.leader_review, reviewed.criteria["1.1"], actor=colleague, value=Decimal(2))
    assert lost.value.current.value == Decimal(3)


def test_returned_assessment_pauses_its_review(reviewed):
    set_assessment_state(reviewed.c, AssessmentState.RETURNED, actor=reviewed.secretary, reason="Sai số liệu")
    with pytest.raises(ValidationError) as refusal:
        services.save_review_score(
            reviewed.leader_review, reviewed.criteria["1.1"], actor=reviewed.officers[0], value=Decimal(3)
        )
    assert refusal.value.messages == [
        f"{reviewed.units[2].full_name} chưa nộp bản tự chấm (hoặc đã bị trả lại) nên chưa thẩm định được."
    ]


def test_reviewer_sees_others_scores_only_after_submitting_own(reviewed):
    fill_review(reviewed.leader_review, reviewed.officers[0])
    fill_review(reviewed.peer_review, reviewed.officers[1])
    services.set_review_state(reviewed.leader_review, ReviewState.SUBMITTED, actor=reviewed.officers[0])
    peer_officer, leader_officer = reviewed.officers[1], reviewed.officers[0]
    assert peer_officer.has_perm("scoring.view_review", reviewed.leader_review) is False
    assert peer_officer.has_perm("scoring.view_final_scores", reviewed.c) is False
    assert leader_officer.has_perm("scoring.view_review", reviewed.peer_review) is True
    services.set_review_state(reviewed.peer_review, ReviewState.SUBMITTED, actor=peer_officer)
    del peer_officer._thidua_scope
    assert peer_officer.has_perm("scoring.view_review", reviewed.leader_review) is True
    assert peer_officer.has_perm("scoring.view_final_scores", reviewed.c) is True


def test_reviewer_sees_the_submitted_self_score_but_no_draft(reviewed, world):
    assert reviewed.officers[0].has_perm("scoring.view_assessment", reviewed.c) is True
    draft_b = Assessment.objects.create(cluster_year=world.cy, unit=world.units[1])
    services.assign_reviewer(
        world.cy, actor=world.secretary, reviewee=world.units[1], reviewer=world.units[0], role="leader"
    )
    assert reviewed.officers[0].has_perm("scoring.view_assessment", draft_b) is False


def test_difference_beyond_margin_is_flagged_and_settled_with_a_reason(reviewed):
    fill_review(reviewed.leader_review, reviewed.officers[0], {"1.1": 1})
    fill_review(reviewed.peer_review, reviewed.officers[1], {"1.1": 4})
    services.set_review_state(reviewed.leader_review, ReviewState.SUBMITTED, actor=reviewed.officers[0])
    services.set_review_state(reviewed.peer_review, ReviewState.SUBMITTED, actor=reviewed.officers[1])
    final = finals(reviewed.c)["1.1"]
    assert (final.points, final.is_flagged, final.flag_note) == (
        Decimal("2.50"),
        True,
        "các thành viên thẩm định chấm lệch nhau 3; lệch 1,5 so với điểm tự chấm",
    )
    assert list(selectors.flagged_finals(reviewed.cy)) == [final]
    with pytest.raises(PermissionDenied):
        services.settle_final_score(
            final, actor=reviewed.heads[2], value=Decimal(4), reason="x", seen_version=final.version
        )
    with pytest.raises(ValidationError) as no_reason:
        services.settle_final_score(
            final, actor=reviewed.secretary, value=Decimal(3), reason="", seen_version=final.version
        )
    assert no_reason.value.messages == ["Hãy ghi lý do quyết định điểm."]
    services.settle_final_score(
        final,
        actor=reviewed.secretary,
        value=Decimal(3),
        reason="Đối chiếu biên bản kiểm tra",
        seen_version=final.version,
    )
    final.refresh_from_db()
    assert (final.points, final.computed_points, final.source, final.needs_settling) == (
        Decimal(3),
        Decimal("2.50"),
        FinalSource.SETTLED,
        False,
    )
    assert list(selectors.flagged_finals(reviewed.cy)) == []
    own = selectors.self_scores(reviewed.c)[reviewed.criteria["1.1"].pk]
    assert own.points == Decimal(4)  # self, reviewed and final scores are all kept


def test_settling_on_stale_figures_is_a_conflict(reviewed):
    fill_review(reviewed.leader_review, reviewed.officers[0], {"1.1": 1})
    services.set_review_state(reviewed.leader_review, ReviewState.SUBMITTED, actor=reviewed.officers[0])
    final = finals(reviewed.c)["1.1"]
    seen = final.version
    fill_review(reviewed.peer_review, reviewed.officers[1], {"1.1": 4})
    services.set_review_state(reviewed.peer_review, ReviewState.SUBMITTED, actor=reviewed.officers[1])
    with pytest.raises(StaleEdit):
        services.settle_final_score(final, actor=reviewed.secretary, value=Decimal(2), reason="x", seen_version=seen)


def test_self_score_far_from_the_review_is_flagged(reviewed):
    fill_review(reviewed.leader_review, reviewed.officers[0], {"1.1": Decimal("2.5")})
    services.set_review_state(reviewed.leader_review, ReviewState.SUBMITTED, actor=reviewed.officers[0])
    assert finals(reviewed.c)["1.1"].flag_note == "lệch 1,5 so với điểm tự chấm"


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (FinalScoreRule.LEADER, Decimal(1)),
        (FinalScoreRule.MEDIAN, Decimal("2.50")),
        (FinalScoreRule.MEAN, Decimal("2.50")),
    ],
)
def test_final_rule_of_the_year(reviewed, rule, expected):
    CriteriaTable.objects.filter(pk=reviewed.table.pk).update(final_score_rule=rule, discrepancy_margin=Decimal(10))
    fill_review(reviewed.leader_review, reviewed.officers[0], {"1.1": 1})
    fill_review(reviewed.peer_review, reviewed.officers[1], {"1.1": 4})
    services.set_review_state(reviewed.leader_review, ReviewState.SUBMITTED, actor=reviewed.officers[0])
    services.set_review_state(reviewed.peer_review, ReviewState.SUBMITTED, actor=reviewed.officers[1])
    assert finals(reviewed.c)["1.1"].points == expected


def test_yes_no_disagreement_is_flagged(reviewed):
    fill_review(reviewed.leader_review, reviewed.officers[0], {"1.2": 0})
    fill_review(reviewed.peer_review, reviewed.officers[1], {"1.2": 1})
    services.set_review_state(reviewed.leader_review, ReviewState.SUBMITTED, actor=reviewed.officers[0])
    services.set_review_state(reviewed.peer_review, ReviewState.SUBMITTED, actor=reviewed.officers[1])
    final = finals(reviewed.c)["1.2"]
    assert (final.value, final.points, final.is_flagged) == (Decimal(1), Decimal(2), True)
    assert final.flag_note == "các thành viên thẩm định đánh giá khác nhau"


def test_secretariat_reopens_a_submitted_review_with_a_reason(reviewed):
    fill_review(reviewed.leader_review, reviewed.officers[0], {"1.1": 2})
    services.set_review_state(reviewed.leader_review, ReviewState.SUBMITTED, actor=reviewed.officers[0])
    with pytest.raises(PermissionDenied):
        services.set_review_state(reviewed.leader_review, ReviewState.ASSIGNED, actor=reviewed.officers[0], reason="x")
    services.set_review_state(
        reviewed.leader_review, ReviewState.ASSIGNED, actor=reviewed.secretary, reason="Chấm lại 1.1"
    )
    reviewed.leader_review.refresh_from_db()
    assert (reviewed.leader_review.state, reviewed.leader_review.reopen_reason) == (
        ReviewState.ASSIGNED,
        "Chấm lại 1.1",
    )
    assert finals(reviewed.c)["1.1"].source == FinalSource.SELF


def test_assignment_with_scores_cannot_be_removed(reviewed):
    services.save_review_score(
        reviewed.leader_review, reviewed.criteria["1.1"], actor=reviewed.officers[0], value=Decimal(3)
    )
    with pytest.raises(ValidationError):
        services.remove_assignment(reviewed.leader_review, actor=reviewed.secretary)
    services.remove_assignment(reviewed.peer_review, actor=reviewed.secretary)
    assert list(ReviewAssignment.objects.all()) == [reviewed.leader_review]
