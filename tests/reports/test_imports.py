"""Excel import of units and people, and the wrapped award-history import: the dry run's row-by-row report, the
all-or-nothing write, a write killed halfway, and the pages."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import UnitFactory
from tests.reports.excel import xlsx
from thidua.awards.models import AwardRecord
from thidua.core import jobs as core_jobs
from thidua.core.enums import JobState
from thidua.core.models import ActivityLogEntry, JobRun
from thidua.organizations.models import Person, Position, Unit, UnitName
from thidua.reports import imports
from thidua.reports.importers import people, units

UNIT_HEADERS = [c.header for c in units.COLUMNS]
PEOPLE_HEADERS = [c.header for c in people.COLUMNS]


def unit_row(code, name="Mới", kind="xã", province=None, parent="", valid_from="01/07/2025", note=""):
    return [code, name, kind, province, parent, valid_from, note]


def _check(kind, upload, actor):
    return imports.start_import(kind, upload, actor=actor, run_now=True)


def _report(job):
    return [(e["row"], e["column"], e["reason"]) for e in job.result["errors"]]


def test_units_dry_run_reports_each_bad_row_with_its_column_and_writes_nothing(world):
    code = world["province"].code
    existing = world["units"][0].code
    rows = [
        unit_row("xa-moi-1", province=code),
        unit_row("Xa Sai Ma!", province=code),
        unit_row("xa-moi-2", kind="làng", province=code),
        unit_row("xa-moi-3", province="khong-co"),
        unit_row(existing, province=code),
        unit_row("xa-moi-1", province=code),
        unit_row("xa-moi-4", province=code, parent="khong-co-cap-tren"),
        unit_row("xa-moi-5", province=code, valid_from="32/13/2025"),
        unit_row("xa-moi-6", province=world["other_province"].code),
        unit_row("xa-moi-7", province=code, parent="xa-moi-8"),
        unit_row("xa-moi-8", province=code, parent="xa-moi-7"),
    ]
    before = Unit.objects.count()
    job = _check("units", xlsx(UNIT_HEADERS, rows), world["board"])
    assert (job.state, job.result["total"], job.result["error_rows"], job.result["ok"]) == (
        JobState.SUCCEEDED,
        11,
        10,
        False,
    )
    assert _report(job) == [
        (3, "Mã đơn vị", "Mã đơn vị chỉ gồm chữ thường không dấu, số và dấu gạch ngang."),
        (4, "Loại đơn vị", "Loại đơn vị không có trong danh mục."),
        (5, "Mã tỉnh", "Không có tỉnh mang mã này."),
        (6, "Mã đơn vị", "Mã đơn vị này đã có trong hệ thống."),
        (7, "Mã đơn vị", "Trùng mã với dòng 2."),
        (8, "Mã đơn vị cấp trên", "Không có đơn vị cấp trên mang mã này."),
        (9, "Hoạt động từ ngày", "Không phải ngày dạng dd/mm/yyyy."),
        (10, "Mã tỉnh", "Tỉnh này ngoài phạm vi quản lý của bạn."),
        (11, "Mã đơn vị cấp trên", "Các dòng trong tệp làm đơn vị cấp trên của nhau (vòng lặp)."),
        (12, "Mã đơn vị cấp trên", "Các dòng trong tệp làm đơn vị cấp trên của nhau (vòng lặp)."),
    ]
    assert Unit.objects.count() == before
    assert imports.write_jobs_of(job).count() == 0


def test_a_clean_units_file_is_written_whole_with_parents_from_the_file(world):
    code = world["province"].code
    rows = [
        unit_row("thon-a", name="Thôn A", kind="cơ quan, đơn vị khác", province=code, parent="xa-b"),
        unit_row("xa-b", name="Bình Minh", province=code, parent=world["units"][0].code),
        unit_row("xa-c", name="Lộc Ninh", kind="phường", province=code, valid_from=""),
    ]
    job = _check("units", xlsx(UNIT_HEADERS, rows), world["board"])
    assert job.result["ok"] is True
    written = imports.start_write(job, actor=world["board"], run_now=True)
    assert (written.state, written.result["written"]) == (JobState.SUCCEEDED, 3)
    b = Unit.objects.get(code="xa-b")
    assert (b.parent, b.full_name, b.folded_name, b.valid_from) == (
        world["units"][0],
        "xã Bình Minh",
        "xa binh minh",
        datetime.date(2025, 7, 1),
    )
    assert Unit.objects.get(code="thon-a").parent == b
    assert UnitName.objects.filter(unit__code__in=["thon-a", "xa-b", "xa-c"]).count() == 3
    log = ActivityLogEntry.objects.get(action="unit.imported")
    assert (log.province_id, log.new_values["count"]) == (world["province"].pk, 3)
    # A second click finds the same write job: nothing is written twice.
    assert imports.start_write(job, actor=world["board"], run_now=True).pk == written.pk


def test_a_units_write_killed_halfway_leaves_nothing_and_runs_again(world, monkeypatch):
    code = world["province"].code
    rows = [unit_row(f"xa-{i}", name=f"Xã {i}", province=code) for i in range(7)]
    job = _check("units", xlsx(UNIT_HEADERS, rows), world["board"])
    before = Unit.objects.count()
    monkeypatch.setattr(units, "WRITE_BATCH", 3)
    calls = []
    original = core_jobs.Progress.__call__

    def killed_after_three(self, done, total=None, message=None):
        original(self, done, total, message)
        if message == "Đang ghi vào cơ sở dữ liệu" and done >= 3:
            calls.append(done)
            raise SystemExit("worker killed")  # what a killed worker looks like from inside

    monkeypatch.setattr(core_jobs.Progress, "__call__", killed_after_three)
    with pytest.raises(SystemExit):
        imports.start_write(job, actor=world["board"], run_now=True)
    assert calls == [3]
    assert Unit.objects.count() == before  # three rows were inserted, then rolled back
    stuck = JobRun.objects.get(kind=imports.WRITE_JOB)
    # Still "running", as a killed worker leaves it; progress saved inside the write was rolled back with it.
    assert (stuck.state, stuck.done, stuck.total) == (JobState.RUNNING, 7, 7)
    monkeypatch.setattr(core_jobs.Progress, "__call__", original)
    JobRun.objects.filter(pk=stuck.pk).update(heartbeat_at=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
    stuck.refresh_from_db()
    again = core_jobs.rerun_job(stuck, actor=world["board"], run_now=True)
    assert (again.state, again.result["written"], Unit.objects.count()) == (JobState.SUCCEEDED, 7, before + 7)


def test_a_failed_write_rolls_back_and_a_rerun_writes_everything(world, monkeypatch):
    code = world["province"].code
    job = _check("units", xlsx(UNIT_HEADERS, [unit_row(f"xa-{i}", province=code) for i in range(5)]), world["board"])
    monkeypatch.setattr(units, "WRITE_BATCH", 2)
    real = UnitName.objects.bulk_create
    state = {"calls": 0}

    def fails_on_second_batch(objs, *args, **kwargs):
        state["calls"] += 1
        if state["calls"] == 2:
            raise RuntimeError("disk full")
        return real(objs, *args, **kwargs)

    monkeypatch.setattr(UnitName.objects, "bulk_create", fails_on_second_batch)
    before = Unit.objects.count()
    failed = imports.start_write(job, actor=world["board"], run_now=True)
    assert failed.state == JobState.FAILED
    assert Unit.objects.count() == before
    monkeypatch.setattr(UnitName.objects, "bulk_create", real)
    again = core_jobs.rerun_job(failed, actor=world["board"], run_now=True)
    assert (again.state, Unit.objects.count()) == (JobState.SUCCEEDED, before + 5)


def test_units_written_meanwhile_make_the_write_refuse_everything(world):
    code = world["province"].code
    job = _check(
        "units", xlsx(UNIT_HEADERS, [unit_row("xa-1", province=code), unit_row("xa-2", province=code)]), world["board"]
    )
    UnitFactory(code="xa-2", province=world["province"])
    written = imports.start_write(job, actor=world["board"], run_now=True)
    assert (written.state, written.result["written"]) == (JobState.SUCCEEDED, 0)
    assert _report(written) == [(3, "Mã đơn vị", "Mã đơn vị này đã có trong hệ thống.")]
    assert not Unit.objects.filter(code="xa-1").exists()


def person_row(name, gender="Nữ", birth="12/03/1985", province=None, unit="", title="Chuyên viên", since="", direct=""):
    return [name, gender, birth, province, unit, title, since, direct]


def test_people_dry_run_and_write_with_the_file_of_ids(world):
    code, unit = world["province"].code, world["units"][1].code
    rows = [
        person_row("Trần Thị Mai", province=code, unit=unit, direct="Có"),
        person_row("Lê Văn Nam", gender="Nam", birth="", province=code),
        person_row("", province=code),
        person_row("Phạm Hoa", gender="không rõ", province=code),
        person_row("Phạm Hoa", province=code, unit="khong-co"),
        person_row("Phạm Hoa", province=code, unit=unit, title=""),
        person_row("Trần Thị Mai", province=code, unit=unit),
        person_row("Vũ An", province=code, direct="có lẽ"),
    ]
    job = _check("people", xlsx(PEOPLE_HEADERS, rows), world["board"])
    assert _report(job) == [
        (4, "Họ và tên", "Thiếu họ và tên."),
        (5, "Giới tính", "Giới tính: ghi Nam, Nữ hoặc Khác."),
        (6, "Mã đơn vị công tác", "Không có đơn vị mang mã này."),
        (7, "Chức vụ", "Ghi chức vụ của người này tại đơn vị công tác."),
        (8, "Họ và tên", "Trùng với dòng 2 (cùng họ tên, ngày sinh, đơn vị)."),
        (9, "Trực tiếp lao động, sản xuất", "Ghi “Có” hoặc để trống."),
    ]
    clean = _check("people", xlsx(PEOPLE_HEADERS, rows[:2]), world["board"])
    written = imports.start_write(clean, actor=world["board"], run_now=True)
    assert written.result["written"] == 2
    mai = Person.objects.get(full_name="Trần Thị Mai")
    assert (mai.folded_name, mai.gender, mai.birth_date, mai.is_direct_labourer) == (
        "tran thi mai",
        "nu",
        datetime.date(1985, 3, 12),
        True,
    )
    assert Position.objects.get(person=mai).unit == world["units"][1]
    nam = Person.objects.get(full_name="Lê Văn Nam")
    assert (nam.birth_date, nam.positions.count()) == (None, 0)
    sheet = load_workbook(written.result_file.file.open("rb")).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    values[0][3] = values[0][3].date()  # openpyxl reads a date cell back as a datetime
    assert values == [
        [2, mai.pk, "Trần Thị Mai", datetime.date(1985, 3, 12), "Nữ"],
        [3, nam.pk, "Lê Văn Nam", None, "Nam"],
    ]
    # The same person in the same unit again is refused by the next dry run.
    again = _check("people", xlsx(PEOPLE_HEADERS, rows[:1]), world["board"])
    assert _report(again) == [(2, "Họ và tên", "Người này đã có trong hệ thống, công tác tại đơn vị đã ghi.")]


def test_award_history_goes_through_the_awards_importer(world):
    from thidua.awards.importer import COLUMNS

    headers = [h for _k, h, _r in COLUMNS]
    unit = world["units"][0].code
    good = ["co-thi-dua-tinh", 2023, "hằng năm", "12/QĐ-UBND", datetime.date(2024, 1, 15), "Chủ tịch UBND tỉnh", unit]
    bad_form = ["khong-co", 2023, "", "13/QĐ-UBND", datetime.date(2024, 1, 15), "Chủ tịch UBND tỉnh", unit]
    bad_date = ["bang-khen-tinh", 2023, "", "14/QĐ-UBND", "31/02/2024", "Chủ tịch UBND tỉnh", unit]
    job = _check("awards", xlsx(headers, [good, bad_form, bad_date]), world["board"])
    assert _report(job) == [
        (3, "Mã danh hiệu, hình thức", "Không có danh hiệu, hình thức này trong danh mục."),
        (4, "Ngày quyết định", "Ngày quyết định không đúng dạng dd/mm/yyyy."),
    ]
    clean = _check("awards", xlsx(headers, [good]), world["board"])
    written = imports.start_write(clean, actor=world["board"], run_now=True)
    assert (written.state, written.result["written"]) == (JobState.SUCCEEDED, 1)
    record = AwardRecord.objects.get()
    assert (record.unit, record.award_form.code, record.import_batch_id) == (
        world["units"][0],
        "co-thi-dua-tinh",
        clean.result["batch"],
    )


def test_who_may_import(world):
    upload = xlsx(UNIT_HEADERS, [unit_row("xa-1", province=world["province"].code)])
    for user in (world["officer"], world["secretary"], world["council"], world["nobody"]):
        with pytest.raises(PermissionDenied):
            imports.start_import("units", upload, actor=user)
    assert imports.start_import("units", upload, actor=world["admin"], run_now=True).state == JobState.SUCCEEDED


def test_the_import_page_flow(world, login, immediate_tasks):
    client = login(world["board"])
    page = client.get(reverse("reports:import_start")).content.decode()
    for words in (
        "Nhập dữ liệu từ Excel",
        "Tệp mẫu: Danh sách đơn vị",
        "Tệp mẫu: Lịch sử khen thưởng",
        "Tải lên và kiểm tra",
    ):
        assert words in page
    template = client.get(reverse("reports:import_template", args=["units"]))
    headers = [c.value for c in load_workbook(__import__("io").BytesIO(template.content)).active[1]]
    assert headers == UNIT_HEADERS
    upload = xlsx(UNIT_HEADERS, [unit_row("xa-web", name="Web", province=world["province"].code)])
    response = client.post(reverse("reports:import_start"), {"kind": "units", "file": upload})
    job = JobRun.objects.get(kind=imports.CHECK_JOB)
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "1 dòng dữ liệu, 0 dòng lỗi." in detail
    assert "Ghi vào cơ sở dữ liệu" in detail
    response = client.post(reverse("reports:import_write", args=[job.pk]))
    write = JobRun.objects.get(kind=imports.WRITE_JOB)
    assert "Đã ghi 1 dòng." in client.get(response["Location"]).content.decode()
    assert Unit.objects.filter(code="xa-web").exists()
    assert write.owner == world["board"]


def test_the_import_pages_refuse_other_roles_and_other_peoples_jobs(world, login):
    # A unit's officer imports only people (its own); units and award history stay with the board.
    officer_page = login(world["officer"]).get(reverse("reports:import_start")).content.decode()
    assert "Tệp mẫu: Danh sách cá nhân" in officer_page
    assert "Tệp mẫu: Danh sách đơn vị" not in officer_page
    assert login(world["officer"]).get(reverse("reports:import_template", args=["units"])).status_code == 403
    assert login(world["officer"]).get(reverse("reports:import_template", args=["people"])).status_code == 200
    assert login(world["secretary"]).get(reverse("reports:import_start")).status_code == 403
    job = _check("units", xlsx(UNIT_HEADERS, [unit_row("xa-1", province=world["province"].code)]), world["board"])
    other_board = login(world["admin"])
    assert other_board.post(reverse("reports:import_write", args=[job.pk])).status_code == 404
    assert login(world["board"]).get(reverse("reports:import_template", args=["khac"])).status_code == 404


def test_every_file_is_checked_in_the_background(world, immediate_tasks):
    upload = xlsx(UNIT_HEADERS, [unit_row("xa-1", province=world["province"].code)])
    job = imports.start_import("units", upload, actor=world["board"])
    assert job.task_id != ""
    assert job.state == JobState.SUCCEEDED


def test_the_page_queues_even_a_small_dry_run_and_shows_its_progress_then_its_result(world, login):
    """No worker in this test: the request only stores the file and queues the job; nothing is checked in it."""
    client = login(world["board"])
    upload = xlsx(UNIT_HEADERS, [unit_row("xa-nen", name="Nền", province=world["province"].code)])
    response = client.post(reverse("reports:import_start"), {"kind": "units", "file": upload})
    job = JobRun.objects.get(kind=imports.CHECK_JOB)
    assert (job.state, job.result, job.task_id != "") == (JobState.QUEUED, {}, True)
    waiting = client.get(response["Location"]).content.decode()
    assert "Đang chờ máy chủ xử lý" in waiting
    assert "dòng dữ liệu" not in waiting
    core_jobs.run_job(job.pk)  # what the worker does
    done = client.get(response["Location"]).content.decode()
    assert "1 dòng dữ liệu, 0 dòng lỗi." in done
    assert not Unit.objects.filter(code="xa-nen").exists()  # a dry run writes nothing


def test_an_award_import_killed_while_writing_leaves_the_register_as_it_was(world, monkeypatch):
    from thidua.awards.importer import COLUMNS

    headers = [h for _k, h, _r in COLUMNS]
    rows = [
        ["co-thi-dua-tinh", 2023, "", f"{i}/QĐ-UBND", datetime.date(2024, 1, 15), "Chủ tịch UBND tỉnh", unit.code]
        for i, unit in enumerate(world["units"])
    ]
    job = _check("awards", xlsx(headers, rows), world["board"])
    real = AwardRecord.objects.bulk_create

    def dies_after_two(objs, *args, **kwargs):
        real(objs[:2])  # two records reach the database, then the worker dies
        raise SystemExit("worker killed")

    monkeypatch.setattr(AwardRecord.objects, "bulk_create", dies_after_two)
    with pytest.raises(SystemExit):
        imports.start_write(job, actor=world["board"], run_now=True)
    assert AwardRecord.objects.count() == 0
    monkeypatch.setattr(AwardRecord.objects, "bulk_create", real)
    stuck = JobRun.objects.get(kind=imports.WRITE_JOB)
    JobRun.objects.filter(pk=stuck.pk).update(heartbeat_at=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
    stuck.refresh_from_db()
    again = core_jobs.rerun_job(stuck, actor=world["board"], run_now=True)
    assert (again.state, again.result["written"], AwardRecord.objects.count()) == (JobState.SUCCEEDED, 3, 3)


def test_a_unit_officer_imports_only_the_units_own_people(world):
    code, own, other = world["province"].code, world["units"][0].code, world["units"][2].code
    rows = [
        person_row("Đặng Thị Cấy", province=code, unit=own, direct="Có"),
        person_row("Lý Văn Gặt", province=code, unit=other),
        person_row("Không Đơn Vị", province=code),
    ]
    job = _check("people", xlsx(PEOPLE_HEADERS, rows), world["officer"])
    assert _report(job) == [
        (3, "Mã đơn vị công tác", "Đơn vị này ngoài phạm vi quản lý của bạn."),
        (4, "Mã đơn vị công tác", "Ghi mã đơn vị công tác: đơn vị của bạn."),
    ]
    assert Person.objects.filter(full_name__in=["Đặng Thị Cấy", "Lý Văn Gặt", "Không Đơn Vị"]).count() == 0
    clean = _check("people", xlsx(PEOPLE_HEADERS, rows[:1]), world["officer"])
    written = imports.start_write(clean, actor=world["officer"], run_now=True)
    assert written.result["written"] == 1
    assert Position.objects.get(person__full_name="Đặng Thị Cấy").unit == world["units"][0]
    with pytest.raises(PermissionDenied):
        imports.start_import("people", xlsx(PEOPLE_HEADERS, rows[:1]), actor=world["secretary"])


def test_a_people_file_past_the_bound_is_refused_before_any_check(world, monkeypatch):
    monkeypatch.setattr(people, "MAX_ROWS", 2)
    code, own = world["province"].code, world["units"][0].code
    rows = [person_row(f"Người Thứ {n}", province=code, unit=own) for n in range(3)]
    job = _check("people", xlsx(PEOPLE_HEADERS, rows), world["officer"])
    assert job.state == JobState.FAILED
    assert job.error == "Tệp có hơn 2 dòng dữ liệu. Hãy chia thành nhiều tệp nhỏ hơn."
    assert not Person.objects.filter(full_name__startswith="Người Thứ").exists()
