import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.emulation.factories import RegistrationFactory
from tests.emulation.helpers import fill, forms
from thidua.awards.models import AwardForm
from thidua.core.models import ActivityLogEntry, Notification
from thidua.emulation import selectors, services
from thidua.emulation.enums import PhaseKind, PhaseOverride, RegistrationState
from thidua.emulation.models import Phase, Registration

S = RegistrationState


def close_registration_phase(year):
    Phase.objects.filter(cluster_year=year.cluster_year, kind=PhaseKind.REGISTRATION).update(
        override=PhaseOverride.CLOSED
    )


@pytest.fixture
def draft(year):
    registration = services.registration_for(year.cluster_year, year.a, actor=year.officers[0])
    return fill(registration, year.officers[0])


@pytest.fixture
def submitted(year, draft):
    return services.set_registration_state(draft, S.SUBMITTED, actor=year.officers[0])


def test_officer_opens_draft_once(year):
    first = services.registration_for(year.cluster_year, year.a, actor=year.officers[0])
    again = services.registration_for(year.cluster_year, year.a, actor=year.heads[0])
    assert (first.pk, first.state) == (again.pk, S.DRAFT)
    assert ActivityLogEntry.objects.filter(action="registration.created").count() == 1


def test_officer_of_another_unit_cannot_open_registration(year):
    with pytest.raises(PermissionDenied):
        services.registration_for(year.cluster_year, year.a, actor=year.officers[1])


def test_secretariat_cannot_open_a_unit_registration(year):
    with pytest.raises(PermissionDenied):
        services.registration_for(year.cluster_year, year.a, actor=year.secretary)


def test_registration_not_created_when_phase_closed(year):
    close_registration_phase(year)
    with pytest.raises(ValidationError, match="đã đóng"):
        services.registration_for(year.cluster_year, year.a, actor=year.officers[0])
    assert Registration.objects.count() == 0


def test_save_writes_forms_targets_and_bumps_version(year, draft):
    assert draft.version == 2
    assert [f.code for f in draft.collective_forms.all()] == ["co-thi-dua-tinh"]
    assert {t.award_form.code: t.count for t in draft.targets.all()} == {"chien-si-thi-dua-co-so": 12}
    entry = ActivityLogEntry.objects.get(action="registration.saved")
    assert entry.new_values["targets"] == {"chien-si-thi-dua-co-so": 12}
    assert entry.unit_id == year.a.pk


def test_stale_save_loses_and_changes_nothing(year, draft):
    seen = draft.version
    fill(draft, year.heads[0], commitments="Bản của thủ trưởng")
    with pytest.raises(services.StaleEdit, match="vừa được người khác thay đổi"):
        services.save_registration(
            draft, actor=year.officers[0], seen_version=seen, collective_forms=[], targets={}, commitments="Bản cũ"
        )
    draft.refresh_from_db()
    assert (draft.commitments, draft.version) == ("Bản của thủ trưởng", 3)
    assert [f.code for f in draft.collective_forms.all()] == ["co-thi-dua-tinh"]


def test_save_refuses_individual_title_as_collective(year, draft):
    with pytest.raises(ValidationError, match="dành cho tập thể"):
        fill(draft, year.officers[0], collective_forms=forms("chien-si-thi-dua-tinh"))


def test_save_refuses_negative_count(year, draft):
    with pytest.raises(ValidationError, match="không âm"):
        fill(draft, year.officers[0], targets={AwardForm.objects.get(code="lao-dong-tien-tien"): -1})


def test_save_refused_for_other_unit_and_secretariat(year, draft):
    for actor in (year.officers[1], year.secretary):
        with pytest.raises(PermissionDenied):
            fill(draft, actor, commitments="Sửa trộm")
    draft.refresh_from_db()
    assert draft.commitments == "Hoàn thành vượt mức chỉ tiêu"


def test_save_refused_after_phase_closed(year, draft):
    close_registration_phase(year)
    with pytest.raises(ValidationError, match="đã đóng; không thể thay đổi nữa"):
        fill(draft, year.officers[0], commitments="Muộn")


def test_save_refused_once_sent(year, submitted):
    with pytest.raises(ValidationError, match="chỉ sửa được khi là nháp hoặc bị trả lại"):
        fill(submitted, year.officers[0], commitments="Sửa sau khi gửi")


def test_submit_notifies_secretariat_and_logs(year, submitted):
    assert submitted.state == S.SUBMITTED
    assert submitted.submitted_at is not None
    entry = ActivityLogEntry.objects.get(action="registration.submitted")
    assert (entry.old_values, entry.new_values) == ({"state": "draft"}, {"state": "submitted"})
    notice = Notification.objects.get(recipient=year.secretary)
    assert notice.title == f"{year.a.full_name} đã gửi đăng ký thi đua năm 2024"
    assert notice.url == f"/thi-dua/dang-ky/{submitted.pk}/"


def test_empty_registration_cannot_be_sent(year):
    registration = services.registration_for(year.cluster_year, year.a, actor=year.officers[0])
    with pytest.raises(ValidationError, match="chưa có nội dung"):
        services.set_registration_state(registration, S.SUBMITTED, actor=year.officers[0])


def test_submit_refused_after_phase_closed(year, draft):
    close_registration_phase(year)
    with pytest.raises(ValidationError, match="đã đóng"):
        services.set_registration_state(draft, S.SUBMITTED, actor=year.officers[0])
    draft.refresh_from_db()
    assert draft.state == S.DRAFT


def test_submit_refused_for_secretariat(year, draft):
    with pytest.raises(PermissionDenied):
        services.set_registration_state(draft, S.SUBMITTED, actor=year.secretary)


def test_return_needs_reason_and_tells_the_unit(year, submitted):
    with pytest.raises(ValidationError, match="Hãy ghi lý do trả lại"):
        services.set_registration_state(submitted, S.RETURNED, actor=year.secretary, reason="  ")
    returned = services.set_registration_state(submitted, S.RETURNED, actor=year.secretary, reason="Thiếu số liệu")
    assert (returned.state, returned.return_reason, returned.decided_by) == (
        S.RETURNED,
        "Thiếu số liệu",
        year.secretary,
    )
    titles = set(
        Notification.objects.filter(recipient__in=[year.officers[0], year.heads[0]]).values_list("title", "body")
    )
    assert titles == {(f"Đăng ký thi đua năm 2024 của {year.a.full_name} bị trả lại", "Lý do: Thiếu số liệu")}


def test_return_refused_when_phase_closed(year, submitted):
    close_registration_phase(year)
    with pytest.raises(ValidationError, match="đã đóng"):
        services.set_registration_state(submitted, S.RETURNED, actor=year.secretary, reason="Thiếu")


def test_returned_registration_is_corrected_and_resent_then_approved(year, submitted):
    returned = services.set_registration_state(submitted, S.RETURNED, actor=year.secretary, reason="Thiếu số liệu")
    corrected = fill(returned, year.officers[0], commitments="Đã bổ sung")
    resent = services.set_registration_state(corrected, S.SUBMITTED, actor=year.officers[0])
    approved = services.set_registration_state(resent, S.APPROVED, actor=year.secretary)
    assert approved.state == S.APPROVED
    actions = list(
        ActivityLogEntry.objects.filter(action__startswith="registration.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "registration.created",
        "registration.saved",
        "registration.submitted",
        "registration.returned",
        "registration.saved",
        "registration.submitted",
        "registration.approved",
    ]


@pytest.mark.parametrize("who", ["secretary", "board", "admin"])
def test_approve_allowed_for_overseers(year, submitted, who):
    approved = services.set_registration_state(submitted, S.APPROVED, actor=getattr(year, who))
    assert approved.state == S.APPROVED


@pytest.mark.parametrize("who", ["officer", "other_officer", "outsider"])
def test_approve_refused_for_units(year, submitted, who):
    actor = {"officer": year.officers[0], "other_officer": year.officers[1], "outsider": year.outsider}[who]
    with pytest.raises(PermissionDenied):
        services.set_registration_state(submitted, S.APPROVED, actor=actor)
    submitted.refresh_from_db()
    assert submitted.state == S.SUBMITTED


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.DRAFT, S.APPROVED),
        (S.DRAFT, S.RETURNED),
        (S.RETURNED, S.APPROVED),
        (S.APPROVED, S.SUBMITTED),
        (S.APPROVED, S.RETURNED),
        (S.SUBMITTED, S.DRAFT),
        (S.APPROVED, S.DRAFT),
    ],
)
def test_transitions_outside_the_table_are_refused(year, start, target):
    registration = RegistrationFactory(cluster_year=year.cluster_year, unit=year.a, state=start)
    with pytest.raises(ValidationError, match="Không thể chuyển đăng ký"):
        services.set_registration_state(registration, target, actor=year.secretary, reason="x")
    registration.refresh_from_db()
    assert registration.state == start


def test_unknown_state_is_refused(year, submitted):
    with pytest.raises(ValidationError, match="Không có trạng thái đăng ký “vui”"):
        services.set_registration_state(submitted, "vui", actor=year.secretary)


def test_pending_registry_lists_units_without_sent_registration(year, submitted):
    pending = selectors.phase_pending_units(year.cluster_year, PhaseKind.REGISTRATION)
    assert {u.pk for u in pending} == {year.units[1].pk, year.units[2].pk}


@pytest.mark.parametrize(
    ("who", "state", "visible"),
    [
        ("officer", S.DRAFT, True),
        ("head", S.DRAFT, True),
        ("other_officer", S.DRAFT, False),
        ("secretary", S.DRAFT, False),
        ("board", S.DRAFT, False),
        ("secretary", S.SUBMITTED, True),
        ("board", S.SUBMITTED, True),
        ("other_officer", S.SUBMITTED, False),
        ("outsider", S.APPROVED, False),
    ],
)
def test_view_registration_rule(year, who, state, visible):
    registration = RegistrationFactory(cluster_year=year.cluster_year, unit=year.a, state=state)
    user = {
        "officer": year.officers[0],
        "head": year.heads[0],
        "other_officer": year.officers[1],
        "secretary": year.secretary,
        "board": year.board,
        "outsider": year.outsider,
    }[who]
    assert user.has_perm("emulation.view_registration", registration) is visible
