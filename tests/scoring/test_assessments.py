from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.scoring.factories import fill_self, open_review, set_phase
from tests.scoring.helpers import pdf_file
from thidua.core.kernel import StaleEdit
from thidua.core.models import ActivityLogEntry, Notification
from thidua.emulation.enums import PhaseKind
from thidua.organizations.enums import Role
from thidua.scoring import selectors
from thidua.scoring.enums import AssessmentState, FinalSource
from thidua.scoring.models import Assessment, Evidence, FinalScore, SelfScore
from thidua.scoring.services.assessments import (
    add_evidence,
    remove_evidence,
    save_self_score,
    set_assessment_state,
    start_assessment,
    submission_problems,
)


@pytest.fixture
def draft(world):
    return start_assessment(world.cy, world.units[2], actor=world.officers[2])


def test_officer_starts_the_units_assessment_once(world, draft):
    again = start_assessment(world.cy, world.units[2], actor=world.heads[2])
    assert (again.pk, draft.state, Assessment.objects.count()) == (draft.pk, AssessmentState.DRAFT, 1)


def test_another_units_officer_cannot_start_it(world):
    with pytest.raises(PermissionDenied):
        start_assessment(world.cy, world.units[2], actor=world.officers[1])


def test_starting_outside_the_phase_is_refused(world):
    set_phase(world.cy, PhaseKind.SELF_ASSESSMENT, "closed")
    with pytest.raises(ValidationError) as refusal:
        start_assessment(world.cy, world.units[2], actor=world.officers[2])
    assert refusal.value.messages == ["Giai đoạn tự chấm điểm năm 2024 không mở."]


def test_score_above_maximum_is_refused_and_nothing_is_saved(world, draft):
    with pytest.raises(ValidationError) as refusal:
        save_self_score(draft, world.criteria["1.1"], actor=world.officers[2], value=Decimal(12))
    assert refusal.value.messages == ["Điểm 12 vượt mức tối đa 4 của tiêu chí 1.1"]
    assert SelfScore.objects.count() == 0
    assert ActivityLogEntry.objects.filter(action="scoring.self_score.saved").count() == 0


def test_saved_score_is_logged_and_versioned(world, draft):
    row = save_self_score(
        draft, world.criteria["1.1"], actor=world.officers[2], value=Decimal("3.5"), explanation=" Đạt "
    )
    assert (row.value, row.points, row.explanation, row.version) == (Decimal("3.5"), Decimal("3.5"), "Đạt", 1)
    row = save_self_score(draft, world.criteria["1.1"], actor=world.officers[2], value=Decimal(4), seen_version=1)
    assert (row.points, row.version) == (Decimal(4), 2)
    entry = ActivityLogEntry.objects.filter(action="scoring.self_score.saved").first()
    assert (entry.old_values, entry.new_values) == (
        {"criterion": "1.1", "value": "3.50"},
        {"criterion": "1.1", "value": "4", "points": "4", "version": 2},
    )


def test_yes_no_and_percentage_values(world, draft):
    yes = save_self_score(draft, world.criteria["1.2"], actor=world.officers[2], value=Decimal(1))
    percent = save_self_score(draft, world.criteria["2.1"], actor=world.officers[2], value=Decimal(95))
    assert (yes.points, percent.points) == (Decimal(2), Decimal("3.80"))
    with pytest.raises(ValidationError) as refusal:
        save_self_score(draft, world.criteria["1.2"], actor=world.officers[2], value=Decimal(2), seen_version=1)
    assert refusal.value.messages == ["Tiêu chí 1.2 chỉ nhận giá trị 1 (có) hoặc 0 (không), không nhận 2."]


def test_group_line_cannot_be_scored(world, draft):
    with pytest.raises(ValidationError) as refusal:
        save_self_score(draft, world.criteria["I"], actor=world.officers[2], value=Decimal(1))
    assert refusal.value.messages == ["Mục I không phải là tiêu chí chấm điểm của bảng đang áp dụng."]


def test_other_units_staff_and_the_secretariat_cannot_write_a_draft(world, draft):
    for actor in (world.officers[1], world.heads[1], world.secretary, world.board, world.outsider):
        with pytest.raises(PermissionDenied):
            save_self_score(draft, world.criteria["1.1"], actor=actor, value=Decimal(1))
    assert SelfScore.objects.count() == 0


def test_a_version_for_a_score_never_saved_is_refused_not_a_server_error(world, draft):
    # Found by the form fuzzing: the conflict path read the (missing) current row and raised DoesNotExist.
    with pytest.raises(ValidationError) as refused:
        save_self_score(draft, world.criteria["1.1"], actor=world.officers[2], value=Decimal(3), seen_version=4)
    assert refused.value.messages == ["Điểm này chưa được lưu lần nào. Hãy tải lại trang rồi nhập lại."]
    assert SelfScore.objects.count() == 0


def test_second_save_on_a_stale_version_loses_with_the_current_values(world, draft, make_user):
    colleague = make_user(Role.UNIT_OFFICER, world.units[2])
    save_self_score(draft, world.criteria["1.1"], actor=world.officers[2], value=Decimal(3), seen_version=0)
    with pytest.raises(StaleEdit) as lost:
        save_self_score(draft, world.criteria["1.1"], actor=colleague, value=Decimal(1), seen_version=0)
    assert (lost.value.current.value, lost.value.current.version) == (Decimal(3), 1)
    assert lost.value.messages[0].startswith(f"Điểm này vừa được {world.officers[2].display_name} lưu lúc ")
    assert SelfScore.objects.get().value == Decimal(3)


def test_stale_version_after_an_update_also_loses(world, draft, make_user):
    colleague = make_user(Role.UNIT_HEAD, world.units[2])
    save_self_score(draft, world.criteria["1.1"], actor=world.officers[2], value=Decimal(3))
    save_self_score(draft, world.criteria["1.1"], actor=world.officers[2], value=Decimal(2), seen_version=1)
    with pytest.raises(StaleEdit):
        save_self_score(draft, world.criteria["1.1"], actor=colleague, value=Decimal(4), seen_version=1)
    assert (SelfScore.objects.get().value, SelfScore.objects.get().version) == (Decimal(2), 2)


def test_evidence_is_attached_and_removed_without_deleting(world, draft):
    evidence = add_evidence(draft, world.criteria["1.1"], pdf_file(), actor=world.officers[2], note="Báo cáo")
    assert [e.file.original_name for e in selectors.evidence_by_code(draft)["1.1"]] == ["minh-chung.pdf"]
    remove_evidence(evidence, actor=world.officers[2])
    assert selectors.evidence_by_code(draft) == {}
    assert Evidence.objects.get().removed_at is not None


def test_evidence_of_a_wrong_type_is_refused(world, draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as refusal:
        add_evidence(draft, world.criteria["1.1"], SimpleUploadedFile("a.pdf", b"MZ\x90\x00"), actor=world.officers[2])
    assert refusal.value.messages[0].startswith("Tệp “a.pdf” không phải là tệp hợp lệ.")
    assert Evidence.objects.count() == 0


def test_submission_lists_missing_scores_and_missing_evidence(world, draft):
    save_self_score(draft, world.criteria["1.1"], actor=world.officers[2], value=Decimal(3))
    assert submission_problems(draft) == [
        "Còn 6 tiêu chí chưa chấm: 1.2, 2.1, 3.1, 3.2, 4.1, 5.1.",
        "Tiêu chí 1.1 bắt buộc có tài liệu minh chứng nhưng chưa có tệp nào.",
    ]
    with pytest.raises(ValidationError) as refusal:
        set_assessment_state(draft, AssessmentState.SUBMITTED, actor=world.heads[2])
    assert refusal.value.messages[0] == "Chưa thể nộp bản tự chấm:"
    draft.refresh_from_db()
    assert draft.state == AssessmentState.DRAFT


def test_an_unknown_assessment_state_is_refused_with_a_message(world, draft):
    with pytest.raises(ValidationError) as refusal:
        set_assessment_state(draft, "approved", actor=world.heads[2])
    assert refusal.value.messages == ["Không có trạng thái bản tự chấm “approved”."]
    draft.refresh_from_db()
    assert draft.state == AssessmentState.DRAFT


def test_zero_points_needs_no_evidence(world, draft):
    fill_self(draft, world.officers[2], {"1.1": 0})
    assert submission_problems(draft) == []


def test_head_submits_and_the_assessment_locks(world, draft):
    fill_self(draft, world.officers[2], evidence_file=pdf_file)
    with pytest.raises(PermissionDenied):
        set_assessment_state(draft, AssessmentState.SUBMITTED, actor=world.officers[2])
    set_assessment_state(draft, AssessmentState.SUBMITTED, actor=world.heads[2])
    draft.refresh_from_db()
    assert (draft.state, draft.submitted_by) == (AssessmentState.SUBMITTED, world.heads[2])
    assert Notification.objects.filter(recipient=world.secretary).count() == 1
    with pytest.raises(ValidationError) as refusal:
        save_self_score(draft, world.criteria["1.1"], actor=world.officers[2], value=Decimal(1), seen_version=1)
    assert refusal.value.messages == [
        "Bản tự chấm đã nộp nên đã khóa. Chỉ Thư ký cụm trả lại (kèm lý do) thì mới sửa được."
    ]
    finals = FinalScore.objects.filter(assessment=draft)
    assert (finals.count(), {f.source for f in finals}) == (7, {FinalSource.SELF})


def test_submitting_outside_the_phase_is_refused(world, draft):
    fill_self(draft, world.officers[2], evidence_file=pdf_file)
    set_phase(world.cy, PhaseKind.SELF_ASSESSMENT, "closed")
    with pytest.raises(ValidationError) as refusal:
        set_assessment_state(draft, AssessmentState.SUBMITTED, actor=world.heads[2])
    assert refusal.value.messages == ["Giai đoạn tự chấm điểm năm 2024 không mở."]


def test_secretariat_returns_with_a_reason_and_the_unit_can_edit_again(world, draft):
    fill_self(draft, world.officers[2], evidence_file=pdf_file)
    set_assessment_state(draft, AssessmentState.SUBMITTED, actor=world.heads[2])
    with pytest.raises(PermissionDenied):
        set_assessment_state(draft, AssessmentState.RETURNED, actor=world.heads[2], reason="x")
    with pytest.raises(ValidationError) as no_reason:
        set_assessment_state(draft, AssessmentState.RETURNED, actor=world.secretary, reason="")
    assert no_reason.value.messages == ["Hãy ghi lý do trả lại."]
    set_assessment_state(draft, AssessmentState.RETURNED, actor=world.secretary, reason="Thiếu minh chứng 2.1")
    draft.refresh_from_db()
    assert (draft.state, draft.return_reason) == (AssessmentState.RETURNED, "Thiếu minh chứng 2.1")
    row = save_self_score(draft, world.criteria["1.1"], actor=world.officers[2], value=Decimal(2), seen_version=1)
    assert row.version == 2
    assert Notification.objects.filter(recipient=world.officers[2], title__contains="bị trả lại").count() == 1


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (AssessmentState.DRAFT, AssessmentState.RETURNED),
        (AssessmentState.SUBMITTED, AssessmentState.SUBMITTED),
        (AssessmentState.RETURNED, AssessmentState.DRAFT),
    ],
)
def test_transitions_outside_the_workflow_are_refused(world, draft, old, new):
    Assessment.objects.filter(pk=draft.pk).update(state=old)
    with pytest.raises(ValidationError):
        set_assessment_state(draft, new, actor=world.secretary, reason="x")


def test_units_without_submitted_assessment_lists_drafts_and_missing(world, submit):
    submit(world, 0)
    start_assessment(world.cy, world.units[1], actor=world.officers[1])
    assert selectors.units_without_submitted_assessment(world.cy) == sorted(
        world.units[1:], key=lambda u: (u.folded_name, u.pk)
    )


def test_returned_assessment_cannot_be_edited_once_the_phase_closed(world, submit):
    assessment = submit(world, 2)
    open_review(world.cy)
    set_assessment_state(assessment, AssessmentState.RETURNED, actor=world.secretary, reason="Sửa 1.1")
    with pytest.raises(ValidationError) as refusal:
        save_self_score(assessment, world.criteria["1.1"], actor=world.officers[2], value=Decimal(2), seen_version=1)
    assert refusal.value.messages == ["Giai đoạn tự chấm điểm năm 2024 không mở."]
