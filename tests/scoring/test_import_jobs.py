"""A criteria table imported from Excel runs as two background jobs (issue 15 item 6): the upload page and the API
only store the file and queue the dry run; the job page and GET /api/v1/jobs/{id} show the progress, then the
positional report; the write replaces the criteria only after a clean dry run, and only if the table is still as
the dry run found it."""

import datetime

import pytest
from django.urls import reverse

from tests.scoring.factories import set_phase
from tests.scoring.helpers import xlsx_upload
from thidua.core import imports as core_imports
from thidua.core import jobs as core_jobs
from thidua.core.enums import JobState
from thidua.core.models import JobRun
from thidua.emulation.enums import PhaseKind
from thidua.scoring import import_jobs
from thidua.scoring.models import Criterion
from thidua.scoring.services import tables as table_services

API = "/api/v1"
CLEAN = [["I", "", "Kinh tế", "nhom", 10, None, "", "", ""], ["1.1", "I", "Tăng", "diem", 10, None, "", "", ""]]
NOT_A_NUMBER = [["I", "", "Nhóm", "nhom", 10, None, "", "", ""], ["1.1", "I", "A", "diem", "x", None, "", "", ""]]


@pytest.fixture
def immediate_tasks(settings):
    """Background jobs run at once, inside the test (django-tasks' immediate backend)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def open_table(world):
    """The table before self-assessment opens: it may still be replaced."""
    set_phase(world.cy, PhaseKind.SELF_ASSESSMENT, "future")
    return world


def _codes(world):
    return list(Criterion.objects.filter(table=world.table).order_by("position").values_list("code", flat=True))


def _page(client, job):
    return client.get(reverse("core:job_detail", args=[job.pk])).content.decode()


def test_the_page_queues_the_dry_run_then_the_job_page_shows_the_result_and_writes(open_table, login):
    """No worker here: the upload only stores the file and queues the check; run_job is what the worker does."""
    world = open_table
    client = login(world.secretary)
    url = reverse("scoring:table_import", args=[world.table.pk])
    response = client.post(url, {"file": xlsx_upload(CLEAN)})
    check = JobRun.objects.get(kind=core_imports.CHECK_JOB)
    assert response["Location"] == reverse("core:job_detail", args=[check.pk])
    assert (check.state, check.params) == (JobState.QUEUED, {"kind": "criteria", "table": world.table.pk})
    assert "Đang chờ máy chủ xử lý" in _page(client, check)

    core_jobs.run_job(check.pk)
    done = _page(client, check)
    assert "2 dòng dữ liệu, 0 dòng lỗi." in done
    assert "Ghi vào cơ sở dữ liệu" in done
    assert url in done  # "Nhập tệp khác" leads back to this table's import page
    assert len(_codes(world)) == 12
    assert "bang.xlsx" in client.get(url).content.decode()  # the recent imports, linking to their jobs

    response = client.post(reverse("core:import_write", args=[check.pk]))
    write = JobRun.objects.get(kind=core_imports.WRITE_JOB)
    assert response["Location"] == reverse("core:job_detail", args=[write.pk])
    assert len(_codes(world)) == 12  # queued, not yet written
    core_jobs.run_job(write.pk)
    assert "Đã ghi 2 dòng." in _page(client, write)
    assert _codes(world) == ["I", "1.1"]


def test_who_may_import_is_unchanged_and_a_refusal_queues_nothing(open_table, login):
    world = open_table
    url = reverse("scoring:table_import", args=[world.table.pk])
    for user in (world.officers[0], world.heads[1], world.board):
        assert login(user).post(url, {"file": xlsx_upload(CLEAN)}).status_code == 403
        answer = login(user).post(f"{API}/scoring/tables/{world.table.pk}/import", {"file": xlsx_upload(CLEAN)})
        assert answer.status_code == 403
    assert JobRun.objects.count() == 0
    check = import_jobs.start_import(world.table, xlsx_upload(CLEAN), actor=world.secretary, run_now=True)
    assert login(world.board).post(reverse("core:import_write", args=[check.pk])).status_code == 404
    assert login(world.officers[0]).post(f"{API}/jobs/{check.pk}/write").status_code == 404
    assert (JobRun.objects.count(), len(_codes(world))) == (1, 12)


def test_the_api_answers_202_with_the_job_to_poll_then_its_result(open_table, login, immediate_tasks):
    world = open_table
    client = login(world.secretary)
    answer = client.post(f"{API}/scoring/tables/{world.table.pk}/import", {"file": xlsx_upload(CLEAN)})
    check = JobRun.objects.get(kind=core_imports.CHECK_JOB)
    assert (answer.status_code, answer.json()) == (
        202,
        {"job_id": check.pk, "kind": "reports.import_check", "state": "succeeded", "url": f"{API}/jobs/{check.pk}"},
    )
    status = client.get(answer.json()["url"]).json()
    assert status["result"] == {
        "kind": "criteria",
        "total": 2,
        "errors": [],
        "error_rows": 0,
        "ok": True,
        "rows": 2,
        "table_state": import_jobs.table_state(world.table),
        "sha256": check.source_file.sha256,
    }
    written = client.post(f"{API}/jobs/{check.pk}/write")
    assert written.status_code == 202
    result = client.get(written.json()["url"]).json()["result"]
    assert (result["written"], result["ok"], _codes(world)) == (2, True, ["I", "1.1"])


def test_dry_run_false_no_longer_writes_in_the_same_call(open_table, login, immediate_tasks):
    world = open_table
    answer = login(world.secretary).post(
        f"{API}/scoring/tables/{world.table.pk}/import", {"file": xlsx_upload(CLEAN), "dry_run": "false"}
    )
    assert (answer.status_code, answer.json()) == (
        422,
        {"detail": "Nhập tiêu chí nay chạy nền: kiểm tra trước, rồi ghi bằng POST /api/v1/jobs/{id}/write."},
    )
    assert (JobRun.objects.count(), len(_codes(world))) == (0, 12)


def test_a_bad_row_is_reported_by_position_and_the_file_cannot_be_written(open_table, login, immediate_tasks):
    world = open_table
    client = login(world.secretary)
    answer = client.post(f"{API}/scoring/tables/{world.table.pk}/import", {"file": xlsx_upload(NOT_A_NUMBER)})
    result = client.get(answer.json()["url"]).json()["result"]
    assert (result["total"], result["ok"], result["error_rows"], result["errors"]) == (
        2,
        False,
        1,
        [{"sheet": "Tiêu chí", "row": 3, "column": "", "reason": "cột “Điểm tối đa”: không phải là số."}],
    )
    page = _page(client, JobRun.objects.get())
    assert "cột “Điểm tối đa”: không phải là số." in page
    assert "Ghi vào cơ sở dữ liệu" not in page
    refused = client.post(f"{API}/jobs/{answer.json()['job_id']}/write")
    assert (refused.status_code, refused.json()) == (
        422,
        {"detail": "Chỉ ghi được tệp đã kiểm tra và không có dòng lỗi."},
    )
    assert (JobRun.objects.count(), len(_codes(world))) == (1, 12)


def test_a_frozen_table_is_refused_by_the_dry_run(world, login, immediate_tasks):
    """Self-assessment is open in this world: the table is frozen, so even a sound file cannot be written."""
    check = import_jobs.start_import(world.table, xlsx_upload(CLEAN), actor=world.secretary)
    assert (check.state, check.result["ok"], [e["reason"] for e in check.result["errors"]]) == (
        JobState.SUCCEEDED,
        False,
        [
            (
                "Bảng tiêu chí đã khóa từ khi mở giai đoạn tự chấm điểm. "
                "Muốn thay đổi, hãy tạo bản sửa đổi (phiên bản mới) và ghi rõ lý do."
            )
        ],
    )
    assert len(_codes(world)) == 12


def test_a_table_changed_after_the_dry_run_is_not_overwritten(open_table, login, immediate_tasks):
    world = open_table
    client = login(world.secretary)
    check = import_jobs.start_import(world.table, xlsx_upload(CLEAN), actor=world.secretary)
    assert check.result["ok"] is True
    Criterion.objects.filter(table=world.table, code="1.1").update(title="Sửa tay trong lúc chờ")
    client.post(reverse("core:import_write", args=[check.pk]))
    write = JobRun.objects.get(kind=core_imports.WRITE_JOB)
    assert (write.state, write.result["written"], write.result["ok"], write.result["stale"]) == (
        JobState.SUCCEEDED,
        0,
        False,
        "Bảng tiêu chí đã thay đổi từ lần kiểm tra: chưa ghi dòng nào. Hãy tải tệp lên và kiểm tra lại.",
    )
    assert "Bảng tiêu chí đã thay đổi từ lần kiểm tra" in _page(client, write)
    assert len(_codes(world)) == 12
    assert Criterion.objects.get(table=world.table, code="1.1").title == "Sửa tay trong lúc chờ"


def test_a_write_killed_halfway_leaves_the_table_as_it_was(open_table, monkeypatch):
    world = open_table
    before = _codes(world)
    check = import_jobs.start_import(world.table, xlsx_upload(CLEAN), actor=world.secretary, run_now=True)
    real = table_services._create_rows

    def dies_after_the_first_row(table, rows):
        real(table, rows[:1])  # the old criteria are deleted and one new row is saved, then the worker dies
        raise SystemExit("worker killed")

    monkeypatch.setattr(table_services, "_create_rows", dies_after_the_first_row)
    with pytest.raises(SystemExit):
        core_imports.start_write(check, actor=world.secretary, run_now=True)
    assert _codes(world) == before
    monkeypatch.setattr(table_services, "_create_rows", real)
    stuck = JobRun.objects.get(kind=core_imports.WRITE_JOB)
    assert stuck.state == JobState.RUNNING  # as a killed worker leaves it
    JobRun.objects.filter(pk=stuck.pk).update(heartbeat_at=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
    stuck.refresh_from_db()
    again = core_jobs.rerun_job(stuck, actor=world.secretary, run_now=True)
    assert (again.state, again.result["written"], _codes(world)) == (JobState.SUCCEEDED, 2, ["I", "1.1"])


MARKER = "HOSTILE5519"


@pytest.mark.parametrize(
    "payload", [f"<script>alert('{MARKER}')</script>", f'=HYPERLINK("http://example.invalid/?{MARKER}","Xem")']
)
def test_a_hostile_file_is_reported_by_position_and_never_echoed(open_table, login, immediate_tasks, payload):
    world = open_table
    client = login(world.secretary)
    rows = [
        ["I", "", "Nhóm một", "nhom", 10, None, "Không", "", ""],
        ["1.1", "I", "Điểm", "diem", payload, None, "Không", "", ""],
        ["1.2", "I", "Loại lạ", payload, 5, None, "Không", "", ""],
    ]
    answer = client.post(f"{API}/scoring/tables/{world.table.pk}/import", {"file": xlsx_upload(rows)})
    status = client.get(answer.json()["url"])
    result = status.json()["result"]
    assert (result["ok"], [(e["sheet"], e["row"]) for e in result["errors"]]) == (
        False,
        [("Tiêu chí", 3), ("Tiêu chí", 4)] if payload.startswith("<") else [("Tiêu chí", 4)],
    )
    page = _page(client, JobRun.objects.get())
    for text in (answer.content.decode(), status.content.decode(), page):
        assert MARKER.lower() not in text.lower()
    assert len(_codes(world)) == 12
