import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from tests.factories import ClusterYearFactory
from tests.scoring.factories import SMALL_TABLE, make_table, set_phase
from tests.scoring.helpers import xlsx_upload
from thidua.core.models import ActivityLogEntry
from thidua.emulation.enums import PhaseKind
from thidua.organizations.enums import Role
from thidua.scoring import excel, selectors
from thidua.scoring.enums import CriterionKind, TableStatus
from thidua.scoring.models import CriteriaTable, Criterion, SelfScore
from thidua.scoring.services import tables as services
from thidua.scoring.services.assessments import save_self_score, start_assessment


def test_secretariat_creates_a_table_and_the_log_records_it(world, make_user):
    other = ClusterYearFactory(cluster=world.cy.cluster, year=2025)
    secretary = make_user(Role.CLUSTER_SECRETARIAT, other)
    with pytest.raises(PermissionDenied):
        services.create_table(other, actor=world.secretary)
    table = services.create_table(other, actor=secretary, total_points=Decimal(1000))
    assert (table.name, table.total_points, table.status, table.version) == (
        "Bảng tiêu chí, thang điểm thi đua năm 2025",
        Decimal(1000),
        TableStatus.IN_FORCE,
        1,
    )
    assert ActivityLogEntry.objects.filter(action="scoring.table.created", object_id=str(table.pk)).count() == 1


def test_unit_officer_may_not_create_or_edit_a_table(world):
    with pytest.raises(PermissionDenied):
        services.update_table_settings(world.table, actor=world.officers[0], name="Khác")
    with pytest.raises(PermissionDenied):
        services.save_criterion(world.table, actor=world.heads[0], code="9", title="Mới", kind=CriterionKind.POINTS)


def test_second_table_for_the_same_year_is_refused(world):
    with pytest.raises(ValidationError) as refusal:
        services.create_table(world.cy, actor=world.secretary)
    assert refusal.value.messages == ["Năm 2024 đã có bảng tiêu chí."]


def test_open_table_can_be_edited_and_checked(world):
    set_phase(world.cy, PhaseKind.SELF_ASSESSMENT, "future")
    services.save_criterion(
        world.table,
        actor=world.secretary,
        criterion=world.criteria["1.1"],
        parent=world.criteria["I"],
        code="1.1",
        title="Tăng trưởng",
        kind=CriterionKind.POINTS,
        max_points=Decimal(5),
    )
    assert services.table_summary(world.table)["problems"] == [
        "Nhóm I có điểm tối đa 6, khác tổng điểm tối đa các tiêu chí con (7).",
    ]


def test_table_freezes_when_self_assessment_opens(world):
    assert selectors.table_is_frozen(world.table) is True
    with pytest.raises(ValidationError) as refusal:
        services.update_table_settings(world.table, actor=world.secretary, name="Tên mới")
    assert refusal.value.messages == [
        (
            "Bảng tiêu chí đã khóa từ khi mở giai đoạn tự chấm điểm. "
            "Muốn thay đổi, hãy tạo bản sửa đổi (phiên bản mới) và ghi rõ lý do."
        )
    ]
    world.table.refresh_from_db()
    assert world.table.name == "Bảng thử 2024"


def test_table_stays_frozen_after_self_assessment_has_closed(world):
    set_phase(world.cy, PhaseKind.SELF_ASSESSMENT, "closed")
    assert selectors.table_is_frozen(world.table) is True


def test_table_is_open_before_self_assessment_and_without_phases(world):
    set_phase(world.cy, PhaseKind.SELF_ASSESSMENT, "future")
    assert selectors.table_is_frozen(world.table) is False


def test_started_assessment_keeps_the_table_frozen_if_the_phase_is_moved(world):
    start_assessment(world.cy, world.units[0], actor=world.officers[0])
    set_phase(world.cy, PhaseKind.SELF_ASSESSMENT, "future")
    world.table.refresh_from_db()
    assert world.table.frozen_at is not None
    assert selectors.table_is_frozen(world.table) is True


def test_deleting_a_group_with_children_is_refused(world):
    set_phase(world.cy, PhaseKind.SELF_ASSESSMENT, "future")
    with pytest.raises(ValidationError) as refusal:
        services.delete_criterion(world.criteria["I"], actor=world.secretary)
    assert refusal.value.messages == ["Mục I còn tiêu chí con; hãy xóa các tiêu chí con trước."]
    services.delete_criterion(world.criteria["1.2"], actor=world.secretary)
    assert not Criterion.objects.filter(pk=world.criteria["1.2"].pk).exists()


def test_duplicate_code_and_fourth_level_are_refused(world):
    set_phase(world.cy, PhaseKind.SELF_ASSESSMENT, "future")
    with pytest.raises(ValidationError) as duplicate:
        services.save_criterion(world.table, actor=world.secretary, code="1.1", title="x", kind=CriterionKind.POINTS)
    assert duplicate.value.messages == ["Mã 1.1 đã có trong bảng."]
    sub = services.save_criterion(
        world.table, actor=world.secretary, parent=world.criteria["1.1"], code="1.1.a", title="x", kind="diem"
    )
    with pytest.raises(ValidationError) as deep:
        services.save_criterion(world.table, actor=world.secretary, parent=sub, code="1.1.a.1", title="x", kind="diem")
    assert deep.value.messages == ["Bảng chỉ có tối đa 3 cấp: nhóm, tiêu chí, tiêu chí con."]


def test_copy_from_last_year_brings_criteria_and_settings(world):
    last_year = ClusterYearFactory(cluster=world.cy.cluster, year=2023)
    source = make_table(last_year, total=10, margin=3, tie_rule="group:I,penalty")
    set_phase(world.cy, PhaseKind.SELF_ASSESSMENT, "future")
    services.delete_criterion(world.criteria["3.2"], actor=world.secretary)
    table = services.copy_table_from(source, world.cy, actor=world.secretary)
    assert table.pk == world.table.pk
    assert (table.discrepancy_margin, table.tie_break_rule) == (Decimal(3), "group:I,penalty")
    codes = [c.code for c, _depth in selectors.tree_of(table).walk()]
    assert codes == [row[0] for row in SMALL_TABLE]
    assert list(selectors.previous_tables(world.cy)) == [source]


def test_revision_changes_a_frozen_table_with_a_reason_and_moves_scores(world):
    assessment = start_assessment(world.cy, world.units[0], actor=world.officers[0])
    save_self_score(assessment, world.criteria["1.1"], actor=world.officers[0], value=Decimal(3))
    with pytest.raises(ValidationError) as no_reason:
        services.start_revision(world.cy, actor=world.secretary, reason=" ")
    assert no_reason.value.messages == ["Hãy ghi lý do sửa đổi bảng tiêu chí."]
    draft = services.start_revision(world.cy, actor=world.secretary, reason="Bổ sung tiêu chí theo chỉ đạo của tỉnh")
    assert (draft.version, draft.status, selectors.table_is_frozen(draft)) == (2, TableStatus.DRAFT, False)
    new_criteria = {c.code: c for c in draft.criteria.all()}
    services.save_criterion(
        draft,
        actor=world.secretary,
        criterion=new_criteria["2.1"],
        parent=new_criteria["II"],
        code="2.1",
        title="Tỷ lệ",
        kind=CriterionKind.PERCENT,
        max_points=Decimal(4),
        target=Decimal(90),
    )
    services.adopt_revision(draft, actor=world.secretary)
    world.table.refresh_from_db()
    assert (world.table.status, selectors.current_table(world.cy)) == (TableStatus.SUPERSEDED, draft)
    score = SelfScore.objects.get(assessment=assessment)
    assert (score.criterion_id, score.points) == (new_criteria["1.1"].pk, Decimal(3))
    entry = ActivityLogEntry.objects.get(action="scoring.table.revision_adopted")
    assert (entry.note, entry.old_values["version"], entry.new_values["version"]) == (
        "Bổ sung tiêu chí theo chỉ đạo của tỉnh",
        1,
        2,
    )


def test_revision_lowering_a_maximum_below_an_entered_score_is_refused(world):
    assessment = start_assessment(world.cy, world.units[0], actor=world.officers[0])
    save_self_score(assessment, world.criteria["1.1"], actor=world.officers[0], value=Decimal(4))
    draft = services.start_revision(world.cy, actor=world.secretary, reason="Giảm điểm")
    criteria = {c.code: c for c in draft.criteria.all()}
    services.save_criterion(
        draft, actor=world.secretary, criterion=criteria["1.1"], parent=criteria["I"], max_points=Decimal(3)
    )
    services.save_criterion(
        draft, actor=world.secretary, criterion=criteria["1.2"], parent=criteria["I"], max_points=Decimal(3)
    )
    with pytest.raises(ValidationError) as refusal:
        services.adopt_revision(draft, actor=world.secretary)
    assert refusal.value.messages == [
        "Không thể ban hành: một số điểm đã chấm không còn hợp lệ với bảng mới:",
        f"{world.units[0].full_name}: Điểm 4 vượt mức tối đa 3 của tiêu chí 1.1",
    ]
    assert selectors.current_table(world.cy) == world.table
    assert SelfScore.objects.get(assessment=assessment).criterion_id == world.criteria["1.1"].pk


def test_revision_of_an_open_table_is_refused(world):
    set_phase(world.cy, PhaseKind.SELF_ASSESSMENT, "future")
    with pytest.raises(ValidationError) as refusal:
        services.start_revision(world.cy, actor=world.secretary, reason="x")
    assert refusal.value.messages == ["Bảng chưa khóa: hãy sửa trực tiếp, không cần tạo bản sửa đổi."]


def test_discarding_a_revision_leaves_the_table_in_force(world):
    draft = services.start_revision(world.cy, actor=world.secretary, reason="Thử")
    services.discard_revision(draft, actor=world.secretary)
    assert list(CriteriaTable.objects.filter(cluster_year=world.cy)) == [world.table]


def test_export_then_import_round_trips_the_table(world):
    exported = load_workbook(io.BytesIO(excel.export_table(world.table)))
    sheet = exported["Tiêu chí"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(header for _key, header in excel.COLUMNS)
    assert rows[2] == ("1.1", "I", "Tiêu chí 1.1", "diem", 4, None, "Có", None, None)
    # The kind and the evidence columns offer drop-down lists read from the guide and the Có/Không sheet.
    assert {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation} == {
        "D2:D2000": f"'Hướng dẫn'!$A$2:$A${1 + len(CriterionKind)}",
        "G2:G2000": "'Co khong'!$A$2:$A$3",
    }
    buffer = io.BytesIO()
    exported.save(buffer)
    result = excel.check_rows(world.table, excel.read_rows(SimpleUploadedFile("b.xlsx", buffer.getvalue())))
    assert (result.ok, len(result.rows)) == (True, 12)
    assert result.rows[4]["target"] == Decimal(100)


def test_import_dry_run_reports_every_bad_row_and_writes_nothing(world):
    upload = xlsx_upload(
        [
            ["I", "", "Nhóm một", "nhom", 10, None, "Không", "", ""],
            ["1.1", "I", "Điểm", "diem", "mười", None, "Không", "", ""],
            ["1.2", "X", "Con mồ côi", "diem", 5, None, "Không", "", ""],
            ["1.3", "I", "Loại lạ", "abc", 5, None, "Không", "", ""],
            ["1.4", "I", "", "diem", 5, None, "Không", "", ""],
            ["I", "", "Trùng mã", "nhom", 0, None, "Không", "", ""],
            ["1.5", "I", "Minh chứng", "diem", 5, None, "Có lẽ", "", ""],
        ]
    )
    result = excel.check_rows(world.table, excel.read_rows(upload))
    assert result.errors == [
        "Trang “Tiêu chí”, dòng 3: cột “Điểm tối đa”: không phải là số.",
        "Trang “Tiêu chí”, dòng 4: cột “Thuộc mục (mã)”: mục cha không có ở dòng nào phía trên.",
        (
            "Trang “Tiêu chí”, dòng 5: cột “Loại”: không phải loại tiêu chí hợp lệ "
            "(nhom, diem, dat, ty_le, thuong, tru, liet)."
        ),
        "Trang “Tiêu chí”, dòng 6: thiếu nội dung.",
        "Trang “Tiêu chí”, dòng 7: cột “Mã”: mã trùng với dòng 2.",
        "Trang “Tiêu chí”, dòng 8: cột “Bắt buộc minh chứng”: phải là Có hoặc Không.",
    ]
    assert Criterion.objects.filter(table=world.table).count() == 12


def test_import_with_sound_rows_but_wrong_total_is_refused_as_a_whole(world):
    upload = xlsx_upload(
        [["I", "", "Nhóm", "nhom", 8, None, "", "", ""], ["1.1", "I", "A", "diem", 8, None, "", "", ""]]
    )
    result = excel.check_rows(world.table, excel.read_rows(upload))
    assert result.errors == ["Tổng điểm tối đa của các tiêu chí là 8, chưa bằng tổng điểm chuẩn của bảng (10)."]


def test_import_replaces_the_criteria_of_an_open_table(world):
    set_phase(world.cy, PhaseKind.SELF_ASSESSMENT, "future")
    upload = xlsx_upload(
        [
            ["I", "", "Kinh tế", "Nhóm, mục (có tiêu chí con)", 10, None, "", "", ""],
            ["1.1", "I", "Tăng trưởng", "ty_le", 6, 100, "Có", "Báo cáo", "Theo % kế hoạch"],
            ["1.2", "I", "Hộ nghèo", "dat", 4, None, "không", "", ""],
        ]
    )
    result = excel.check_rows(world.table, excel.read_rows(upload))
    assert result.errors == []
    services.replace_criteria(world.table, result.rows, actor=world.secretary, source="Excel")
    tree = selectors.tree_of(world.table)
    assert [(c.code, c.kind, c.max_points, depth) for c, depth in tree.walk()] == [
        ("I", "nhom", Decimal(10), 0),
        ("1.1", "ty_le", Decimal(6), 1),
        ("1.2", "dat", Decimal(4), 1),
    ]
    assert tree.by_code["1.1"].evidence_required is True


def test_import_of_a_file_that_is_not_excel_is_refused(world):
    result = excel.read_rows(SimpleUploadedFile("bang.xlsx", b"%PDF-1.4 not a workbook"))
    assert result.errors == [
        "Tệp “bang.xlsx” không phải là tệp hợp lệ. Nội dung tệp không khớp định dạng nào được chấp nhận (.xlsx)."
    ]
