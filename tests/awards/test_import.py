import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from tests.awards.factories import award
from tests.awards.helpers import HEADERS, row, xlsx
from tests.factories import PersonFactory, PositionFactory, ProvinceFactory, UnitFactory
from thidua.awards import importer
from thidua.awards.enums import ImportState, RecordSource
from thidua.awards.models import AwardRecord, ImportBatch
from thidua.core.models import ActivityLogEntry
from thidua.organizations.enums import Role


@pytest.fixture
def place(forms):
    province = ProvinceFactory()
    unit = UnitFactory(province=province, code="huyen-a")
    person = PersonFactory(province=province, full_name="Nguyễn Thị Hoa")
    PositionFactory(person=person, unit=unit, valid_from=datetime.date(2020, 1, 1))
    return province, unit, person


@pytest.fixture
def board(make_user, place):
    return make_user(Role.BOARD_OFFICER, place[0])


def test_template_has_the_columns_and_the_catalogue(forms):
    workbook = load_workbook(io.BytesIO(importer.template_bytes()))
    assert [c.value for c in workbook.worksheets[0][1]] == HEADERS
    codes = [r[0].value for r in workbook.worksheets[1].iter_rows(min_row=2)]
    assert "chien-si-thi-dua-co-so" in codes


def test_a_dry_run_reports_each_bad_row_and_writes_nothing(place, board):
    _province, unit, _person = place
    upload = xlsx(
        [
            row(unit="huyen-a"),
            row(form="co-vang"),
            row(unit="khong-co"),
            row(name="Lê Văn Không", person_unit="huyen-a", form="lao-dong-tien-tien"),
            row(unit="huyen-a", date="31/13/2024", form="bang-khen-tinh"),
            row(unit="huyen-a", number="2/QĐ-UBND"),
            row(year="năm ngoái", unit="huyen-a"),
        ]
    )
    batch = importer.check_import(upload, actor=board)
    assert (batch.state, batch.total_rows, batch.error_rows) == (ImportState.REFUSED, 7, 6)
    assert [(r["sheet"], r["row"], [(c["column"], c["reason"]) for c in r["cells"]]) for r in batch.report] == [
        (1, 3, [("Mã danh hiệu, hình thức", "Không có danh hiệu, hình thức này trong danh mục.")]),
        (1, 4, [("Mã tập thể được khen", "Không có đơn vị mang mã này.")]),
        (1, 5, [("Họ và tên cá nhân", f"Không tìm thấy người có họ tên này công tác tại {unit.full_name} năm 2023.")]),
        (1, 6, [("Ngày quyết định", "Ngày quyết định không đúng dạng dd/mm/yyyy.")]),
        (1, 7, [("", "Trùng với dòng 2 của tệp.")]),
        (1, 8, [("Năm thành tích", "Năm thành tích phải là một năm, ví dụ 2024.")]),
    ]
    assert batch.report[0]["errors"] == ["Không có danh hiệu, hình thức này trong danh mục."]
    assert AwardRecord.objects.count() == 0
    with pytest.raises(Exception, match="Chỉ ghi được tệp đã kiểm tra"):
        importer.commit_import(batch, actor=board)


def test_a_clean_file_is_written_whole(place, board):
    _province, unit, person = place
    batch = importer.check_import(
        xlsx(
            [
                row(unit="huyen-a"),
                row(form="lao-dong-tien-tien", name="nguyen thi hoa", person_unit="huyen-a"),
                row(form="chien-si-thi-dua-co-so", person_id=person.pk, date=datetime.datetime(2024, 1, 15)),  # noqa: DTZ001 - Excel cells hold naive date-times
            ]
        ),
        actor=board,
    )
    assert (batch.state, batch.report) == (ImportState.CHECKED, [])
    batch = importer.commit_import(batch, actor=board)
    assert (batch.state, batch.committed_count) == (ImportState.COMMITTED, 3)
    records = AwardRecord.objects.order_by("id")
    assert [(r.award_form.code, r.recipient_name, r.source, r.folded_name[:6]) for r in records] == [
        ("co-thi-dua-tinh", unit.full_name, RecordSource.IMPORT, "huyen "),
        ("lao-dong-tien-tien", "Nguyễn Thị Hoa", RecordSource.IMPORT, "nguyen"),
        ("chien-si-thi-dua-co-so", "Nguyễn Thị Hoa", RecordSource.IMPORT, "nguyen"),
    ]
    assert records[1].person_unit == unit
    assert ActivityLogEntry.objects.get(action="award_import.committed").new_values == {"records": 3}


def test_commit_writes_nothing_if_the_register_changed_since_the_dry_run(place, board):
    _province, unit, _person = place
    batch = importer.check_import(xlsx([row(form="bang-khen-tinh", unit="huyen-a"), row(unit="huyen-a")]), actor=board)
    assert batch.state == ImportState.CHECKED
    award(unit, "co-thi-dua-tinh", 2023)
    batch = importer.commit_import(batch, actor=board)
    assert batch.state == ImportState.REFUSED
    assert batch.report[0]["row"] == 3
    assert "đã có trong sổ" in batch.report[0]["errors"][0]
    assert AwardRecord.objects.count() == 1


def test_a_failure_while_writing_leaves_no_row_behind(place, board, monkeypatch):
    batch = importer.check_import(
        xlsx([row(unit="huyen-a"), row(form="bang-khen-tinh", unit="huyen-a"), row(form="giay-khen", unit="huyen-a")]),
        actor=board,
    )
    real_build = importer.build_record
    calls = []

    def failing_build(item, **kwargs):
        calls.append(item)
        if len(calls) == 3:
            raise RuntimeError("mất kết nối")
        return real_build(item, **kwargs)

    monkeypatch.setattr(importer, "build_record", failing_build)
    with pytest.raises(RuntimeError):
        importer.commit_import(batch, actor=board)
    batch.refresh_from_db()
    assert (batch.state, AwardRecord.objects.count()) == (ImportState.CHECKED, 0)


def test_two_people_with_the_same_name_need_a_birth_date(place, board):
    province, unit, person = place
    person.birth_date = datetime.date(1980, 1, 1)
    person.save()
    twin = PersonFactory(province=province, full_name="Nguyễn Thị Hoa", birth_date=datetime.date(1990, 2, 2))
    PositionFactory(person=twin, unit=unit, valid_from=datetime.date(2020, 1, 1))
    batch = importer.check_import(
        xlsx(
            [
                row(form="lao-dong-tien-tien", name="Nguyễn Thị Hoa", person_unit="huyen-a"),
                row(form="lao-dong-tien-tien", name="Nguyễn Thị Hoa", person_unit="huyen-a", birth="02/02/1990"),
            ]
        ),
        actor=board,
    )
    assert [r["errors"] for r in batch.report] == [
        [f"Có 2 người cùng họ tên này tại {unit.full_name}: ghi thêm ngày sinh hoặc mã cá nhân."]
    ]


def test_rows_of_another_province_are_refused(place, make_user):
    other_board = make_user(Role.BOARD_OFFICER, ProvinceFactory())
    batch = importer.check_import(xlsx([row(unit="huyen-a")]), actor=other_board)
    assert [(r["row"], r["errors"]) for r in batch.report] == [
        (2, ["Đối tượng thuộc tỉnh ngoài phạm vi quản lý của bạn."])
    ]


def test_a_unit_officer_cannot_import(place, make_user):
    with pytest.raises(PermissionDenied):
        importer.check_import(xlsx([row(unit="huyen-a")]), actor=make_user(Role.UNIT_OFFICER, place[1]))


def test_a_file_without_the_template_columns_is_refused(place, board):
    with pytest.raises(Exception, match="Tệp thiếu cột: Mã danh hiệu, hình thức"):
        importer.check_import(xlsx([["x"]], headers=["Cột lạ"]), actor=board)


def test_a_cell_too_long_to_be_real_is_refused_without_storing_it(place, board):
    payload = "X" * 5000
    with pytest.raises(ValidationError, match="dài hơn 2000 ký tự") as refused:
        importer.check_import(xlsx([row(unit="huyen-a", number=payload)]), actor=board)
    assert payload not in " ".join(refused.value.messages)
    assert not ImportBatch.objects.filter(report__icontains="XXXX").exists()


def test_a_row_without_recipient_is_refused(place, board):
    batch = importer.check_import(xlsx([row()]), actor=board)
    assert [{"row": r["row"], "errors": r["errors"]} for r in batch.report] == [
        {"row": 2, "errors": ["Phải ghi đúng một đối tượng được khen: một tập thể hoặc một cá nhân."]}
    ]


def test_other_board_members_of_the_province_see_the_import(place, board, make_user):
    from thidua.awards.selectors import imports_of

    batch = importer.check_import(xlsx([row(unit="huyen-a")]), actor=board)
    colleague = make_user(Role.BOARD_OFFICER, place[0])
    assert list(imports_of(colleague)) == [batch]
    assert list(imports_of(make_user(Role.BOARD_OFFICER, ProvinceFactory()))) == []
