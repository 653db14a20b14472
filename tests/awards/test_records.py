import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.awards.factories import award
from tests.factories import PersonFactory, PositionFactory, ProvinceFactory, UnitFactory, UserFactory
from thidua.awards import services
from thidua.awards.enums import AchievementKind, RecordSource
from thidua.awards.models import AwardRecord
from thidua.core.models import ActivityLogEntry, Notification
from thidua.organizations.enums import Role
from thidua.organizations.services import rename_unit

DAY = datetime.date(2024, 1, 20)


def item(form, **kwargs):
    defaults = {
        "award_form": form,
        "year": 2023,
        "decision_number": "12/QĐ-UBND",
        "decision_date": DAY,
        "issuer": "Chủ tịch UBND tỉnh",
    }
    return services.DecisionItem(**{**defaults, **kwargs})


@pytest.fixture
def board(make_user, unit):
    return make_user(Role.BOARD_OFFICER, unit.province)


def test_a_decision_goes_into_the_register_logged_and_recipients_told(forms, unit, board, make_user):
    officer = make_user(Role.UNIT_OFFICER, unit)
    person = PersonFactory(province=unit.province)
    PositionFactory(person=person, unit=unit, valid_from=datetime.date(2020, 1, 1))
    own_account = UserFactory(person=person)
    records = services.create_award_records_from_decision(
        [item(forms["co-thi-dua-tinh"], unit=unit), item(forms["lao-dong-tien-tien"], person=person)], actor=board
    )
    assert [(r.recipient_name, r.source, r.person_unit_id) for r in records] == [
        (unit.full_name, RecordSource.DECISION, None),
        (person.full_name, RecordSource.DECISION, unit.pk),
    ]
    assert ActivityLogEntry.objects.filter(action="award.recorded").count() == 2
    assert Notification.objects.get(recipient=own_account).title == "Khen thưởng: Lao động tiên tiến năm 2023"
    assert Notification.objects.get(recipient=officer).title == "Khen thưởng: 2 dòng theo quyết định số 12/QĐ-UBND"


def test_the_unit_keeps_the_name_it_had_on_the_decision_date(forms, board):
    unit = UnitFactory(name="Cũ")
    unit.names.create(name="Cũ")
    rename_unit(unit, "Mới", date=datetime.date(2024, 6, 1))
    before = services.create_award_record(item(forms["co-thi-dua-tinh"], unit=unit), actor=None)
    after = services.create_award_record(
        item(forms["co-thi-dua-tinh"], unit=unit, year=2024, decision_date=datetime.date(2025, 1, 10)), actor=None
    )
    assert (before.recipient_name, after.recipient_name) == ("huyện Cũ", "huyện Mới")


def test_a_bad_line_refuses_the_whole_decision(forms, unit, board):
    person = PersonFactory(province=unit.province)
    with pytest.raises(ValidationError) as refused:
        services.create_award_records_from_decision(
            [item(forms["co-thi-dua-tinh"], unit=unit), item(forms["co-thi-dua-tinh"], person=person)], actor=board
        )
    assert refused.value.messages == ["Dòng 2: Cờ thi đua cấp tỉnh dành cho tập thể, không tặng cho cá nhân."]
    assert AwardRecord.objects.count() == 0


def test_the_same_achievement_cannot_be_recorded_twice(forms, unit, board):
    services.create_award_record(item(forms["co-thi-dua-tinh"], unit=unit), actor=board)
    with pytest.raises(ValidationError, match="đã có trong sổ cho đối tượng này"):
        services.create_award_record(item(forms["co-thi-dua-tinh"], unit=unit, decision_number="99/QĐ"), actor=board)
    # Two thematic certificates of different movements in one year are two achievements.
    thematic = {"achievement_kind": AchievementKind.THEMATIC}
    services.create_award_record(item(forms["bang-khen-tinh"], unit=unit, **thematic), actor=board)
    services.create_award_record(
        item(forms["bang-khen-tinh"], unit=unit, decision_number="13/QĐ", **thematic), actor=board
    )
    assert AwardRecord.objects.filter(award_form__code="bang-khen-tinh").count() == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"year": 2025}, "Năm thành tích phải từ 1945 đến năm ra quyết định."),
        ({"decision_number": " "}, "Thiếu số quyết định."),
        ({"issuer": ""}, "Thiếu cấp, người ký quyết định."),
    ],
)
def test_incomplete_lines_are_refused(forms, unit, board, changes, message):
    with pytest.raises(ValidationError) as refused:
        services.create_award_record(item(forms["co-thi-dua-tinh"], unit=unit, **changes), actor=board)
    assert refused.value.messages == [f"Dòng 1: {message}"]


def test_only_the_board_of_the_recipients_province_records(forms, unit, make_user):
    other_board = make_user(Role.BOARD_OFFICER, ProvinceFactory())
    with pytest.raises(PermissionDenied):
        services.create_award_record(item(forms["co-thi-dua-tinh"], unit=unit), actor=other_board)
    with pytest.raises(PermissionDenied):
        services.create_award_record(
            item(forms["co-thi-dua-tinh"], unit=unit), actor=make_user(Role.UNIT_OFFICER, unit)
        )


def test_revocation_keeps_the_record_marked_and_logged(forms, unit, board, make_user):
    officer = make_user(Role.UNIT_OFFICER, unit)
    record = award(unit, "co-thi-dua-tinh", 2023)
    services.revoke_award_record(record, actor=board, reason="Hồ sơ không đúng", revoked_on=datetime.date(2024, 3, 1))
    record.refresh_from_db()
    assert (record.revoked_on, record.revocation_reason, record.version) == (
        datetime.date(2024, 3, 1),
        "Hồ sơ không đúng",
        2,
    )
    assert AwardRecord.objects.filter(pk=record.pk).exists()
    assert ActivityLogEntry.objects.get(action="award.revoked").new_values["revocation_reason"] == "Hồ sơ không đúng"
    assert Notification.objects.get(recipient=officer).title == "Hủy bỏ khen thưởng: Cờ thi đua cấp tỉnh năm 2023"


def test_revocation_needs_a_reason_and_happens_once(forms, unit, board):
    record = award(unit, "co-thi-dua-tinh", 2023)
    with pytest.raises(ValidationError, match="Phải ghi lý do"):
        services.revoke_award_record(record, actor=board, reason="  ")
    services.revoke_award_record(record, actor=board, reason="Sai", revoked_on=datetime.date(2024, 3, 1))
    with pytest.raises(ValidationError, match="đã bị hủy bỏ trước đó"):
        services.revoke_award_record(record, actor=board, reason="Sai")


def test_a_stale_revocation_is_refused(forms, unit, board):
    record = award(unit, "co-thi-dua-tinh", 2023)
    with pytest.raises(ValidationError, match="vừa được người khác thay đổi"):
        services.revoke_award_record(record, actor=board, reason="Sai", seen_version=7)


def test_revocation_is_refused_to_other_provinces(forms, unit, make_user):
    record = award(unit, "co-thi-dua-tinh", 2023)
    with pytest.raises(PermissionDenied):
        services.revoke_award_record(record, actor=make_user(Role.BOARD_OFFICER, ProvinceFactory()), reason="x")


def test_correcting_the_catalogue_is_logged_and_optimistic(forms, board):
    form = forms["giay-khen"]
    services.correct_award_form(form, actor=board, seen_version=1, legal_basis="Luật 2022, Điều 75 khoản 1")
    form.refresh_from_db()
    assert (form.legal_basis, form.version) == ("Luật 2022, Điều 75 khoản 1", 2)
    entry = ActivityLogEntry.objects.get(action="award_form.corrected")
    assert (entry.old_values["legal_basis"], entry.new_values["legal_basis"]) == (
        "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 75",
        "Luật 2022, Điều 75 khoản 1",
    )
    # Prize coefficients are versioned by decree (awards.prizes), not corrected on the catalogue row.
    with pytest.raises(ValidationError, match="Không sửa được trường: prize_coefficient"):
        services.correct_award_form(form, actor=board, seen_version=2, prize_coefficient=0.7)
    with pytest.raises(ValidationError, match="vừa được người khác thay đổi"):
        services.correct_award_form(form, actor=board, seen_version=1, note="x")


def test_facts_are_recorded_with_their_permissions(forms, unit, make_user):
    person = PersonFactory(province=unit.province)
    PositionFactory(person=person, unit=unit)
    officer = make_user(Role.UNIT_OFFICER, unit)
    rating = services.set_task_rating(person, year=2023, completion="good", actor=officer)
    services.set_task_rating(person, year=2023, completion="excellent", actor=officer)
    rating.refresh_from_db()
    assert (rating.completion, rating.version) == ("excellent", 2)
    with pytest.raises(PermissionDenied):
        services.set_task_rating(unit, year=2023, completion="good", actor=officer)
    with pytest.raises(PermissionDenied):
        services.record_discipline(person, level="canh_cao", starts_on=DAY, actor=officer)
    board = make_user(Role.BOARD_OFFICER, unit.province)
    flag = services.open_review_flag(person, kind="complaint", opened_on=DAY, actor=board)
    services.close_review_flag(flag, closed_on=datetime.date(2024, 2, 1), outcome="Không có vi phạm", actor=board)
    flag.refresh_from_db()
    assert (flag.closed_on, flag.version) == (datetime.date(2024, 2, 1), 2)
    with pytest.raises(ValidationError, match="Ngày kết thúc kỷ luật phải sau"):
        services.record_discipline(
            person, level="canh_cao", starts_on=DAY, ends_on=datetime.date(2023, 1, 1), actor=board
        )


def test_a_record_dated_after_a_merger_bears_the_merged_units_name(forms, board):
    # Issue 13: a record dated after the merger was stored under the old commune's name.
    from thidua.organizations.enums import LineageKind, UnitKind
    from thidua.organizations.services import create_unit, record_lineage_event

    province = ProvinceFactory()
    old = create_unit(kind=UnitKind.TOWNSHIP, name="Kiến Giang", province=province)
    merged = datetime.date(2025, 7, 1)
    record_lineage_event(
        kind=LineageKind.MERGED,
        date=merged,
        predecessors=[old],
        new_successor={"kind": UnitKind.COMMUNE, "name": "Lệ Thủy", "province": province},
        successors=[],
    )
    person = PersonFactory(province=province)
    PositionFactory(person=person, unit=old, valid_from=datetime.date(2020, 1, 1))
    before = services.create_award_record(
        item(forms["co-thi-dua-tinh"], unit=old, year=2024, decision_date=datetime.date(2025, 3, 1)), actor=None
    )
    after = services.create_award_record(
        item(forms["tap-the-lao-dong-tien-tien"], unit=old, year=2024, decision_date=datetime.date(2025, 8, 1)),
        actor=None,
    )
    individual = services.create_award_record(
        item(forms["lao-dong-tien-tien"], person=person, year=2024, decision_date=datetime.date(2025, 8, 1)),
        actor=None,
    )
    assert before.recipient_name == "thị trấn Kiến Giang"
    assert after.recipient_name == "xã Lệ Thủy"
    assert (individual.person_unit_id, individual.person_unit_name) == (old.pk, "xã Lệ Thủy")


def test_a_units_officer_records_the_units_own_level_for_its_people(forms, unit, make_user):
    officer = make_user(Role.UNIT_OFFICER, unit)
    worker = PersonFactory(province=unit.province)
    PositionFactory(person=worker, unit=unit, valid_from=datetime.date(2020, 1, 1))
    stranger = PersonFactory(province=unit.province)
    PositionFactory(person=stranger, unit=UnitFactory(province=unit.province), valid_from=datetime.date(2020, 1, 1))
    record = services.create_award_record(item(forms["chien-si-thi-dua-co-so"], person=worker), actor=officer)
    assert (record.person_unit, record.province) == (unit, unit.province)
    for refused in (
        item(forms["chien-si-thi-dua-co-so"], person=stranger),
        item(forms["bang-khen-tinh-ca-nhan"], person=worker, year=2022),
        item(forms["co-thi-dua-tinh"], unit=unit),
    ):
        with pytest.raises(PermissionDenied):
            services.create_award_record(refused, actor=officer)
    assert AwardRecord.objects.count() == 1
