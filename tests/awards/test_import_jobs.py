"""The "Nhập sổ khen thưởng" page and its API run the dry run and the write as background jobs (issue 15 item 6):
the request only stores the file and queues the job; the job page and GET /api/v1/jobs/{id} show the progress, then
the positional report; the write applies only a clean dry run and refuses one the register has overtaken."""

import datetime

import pytest
from django.urls import reverse

from tests.awards.factories import award
from tests.awards.helpers import row, xlsx
from thidua.awards import import_jobs
from thidua.awards.models import AwardRecord, ImportBatch
from thidua.core import imports as core_imports
from thidua.core import jobs as core_jobs
from thidua.core.enums import JobState
from thidua.core.models import JobRun


@pytest.fixture
def immediate_tasks(settings):
    """Background jobs run at once, inside the test (django-tasks' immediate backend)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def coded(world):
    world["mine"].code = "don-vi-cua-toi"
    world["mine"].save()
    return world


def _page(client, job):
    return client.get(reverse("core:job_detail", args=[job.pk])).content.decode()


def test_the_page_queues_the_dry_run_and_the_job_page_shows_its_result_then_the_write(coded, login):
    """No worker here: the upload only stores the file and queues the check; run_job is what the worker does."""
    client = login(coded["board"])
    response = client.post(reverse("awards:import_start"), {"file": xlsx([row(unit="don-vi-cua-toi")])})
    check = JobRun.objects.get(kind=core_imports.CHECK_JOB)
    assert response["Location"] == reverse("core:job_detail", args=[check.pk])
    assert (check.state, check.params, check.result) == (JobState.QUEUED, {"kind": "awards"}, {})
    assert ImportBatch.objects.count() == 0  # nothing was read in the request
    waiting = _page(client, check)
    assert "Đang chờ máy chủ xử lý" in waiting
    assert "dòng dữ liệu" not in waiting

    core_jobs.run_job(check.pk)
    done = _page(client, check)
    assert "1 dòng dữ liệu, 0 dòng lỗi." in done
    assert "Ghi vào cơ sở dữ liệu" in done
    assert reverse("awards:import_start") in done  # "Nhập tệp khác" leads back to this page
    assert AwardRecord.objects.count() == 0

    response = client.post(reverse("core:import_write", args=[check.pk]))
    write = JobRun.objects.get(kind=core_imports.WRITE_JOB)
    assert response["Location"] == reverse("core:job_detail", args=[write.pk])
    assert (write.state, AwardRecord.objects.count()) == (JobState.QUEUED, 0)
    core_jobs.run_job(write.pk)
    assert "Đã ghi 1 dòng." in _page(client, write)
    assert AwardRecord.objects.get().unit == coded["mine"]
    # A second click finds the first write: nothing is written twice.
    client.post(reverse("core:import_write", args=[check.pk]))
    assert (JobRun.objects.filter(kind=core_imports.WRITE_JOB).count(), AwardRecord.objects.count()) == (1, 1)


def test_the_batch_pages_write_button_starts_the_write_job(coded, login, immediate_tasks):
    client = login(coded["board"])
    client.post(reverse("awards:import_start"), {"file": xlsx([row(unit="don-vi-cua-toi")])})
    batch = ImportBatch.objects.get()
    assert "Ghi vào sổ" in client.get(reverse("awards:import_detail", args=[batch.pk])).content.decode()
    response = client.post(reverse("awards:import_commit", args=[batch.pk]))
    write = JobRun.objects.get(kind=core_imports.WRITE_JOB)
    assert response["Location"] == reverse("core:job_detail", args=[write.pk])
    assert (write.state, write.result["written"], AwardRecord.objects.count()) == (JobState.SUCCEEDED, 1, 1)


def test_who_may_import_is_unchanged_and_a_refusal_queues_nothing(coded, login, immediate_tasks):
    upload = xlsx([row(unit="don-vi-cua-toi")])
    for user in ("officer", "council", "nobody"):
        assert login(coded[user]).post(reverse("awards:import_start"), {"file": upload}).status_code == 403
        assert login(coded[user]).post("/api/v1/awards/imports", {"file": upload}).status_code == 403
    assert JobRun.objects.count() == 0
    board = login(coded["board"])
    board.post(reverse("awards:import_start"), {"file": xlsx([row(unit="don-vi-cua-toi")])})
    check = JobRun.objects.get()
    # Someone else's dry run: not found, on the page and in the API; nothing queued or written.
    assert login(coded["outsider"]).post(reverse("core:import_write", args=[check.pk])).status_code == 404
    assert login(coded["outsider"]).post(f"/api/v1/jobs/{check.pk}/write").status_code == 404
    assert (JobRun.objects.count(), AwardRecord.objects.count()) == (1, 0)


def test_the_api_answers_202_with_the_job_to_poll_then_its_result(coded, login, immediate_tasks):
    client = login(coded["board"])
    answer = client.post("/api/v1/awards/imports", {"file": xlsx([row(unit="don-vi-cua-toi"), row(unit="khong-co")])})
    check = JobRun.objects.get(kind=core_imports.CHECK_JOB)
    assert (answer.status_code, answer.json()) == (
        202,
        {"job_id": check.pk, "kind": "reports.import_check", "state": "succeeded", "url": f"/api/v1/jobs/{check.pk}"},
    )
    status = client.get(answer.json()["url"]).json()
    batch = ImportBatch.objects.get()
    assert (status["state"], status["result"]) == (
        "succeeded",
        {
            "kind": "awards",
            "total": 2,
            "errors": [
                {"sheet": 1, "row": 3, "column": "Mã tập thể được khen", "reason": "Không có đơn vị mang mã này."}
            ],
            "error_rows": 1,
            "ok": False,
            "batch": batch.pk,
            "sha256": check.source_file.sha256,
        },
    )
    refused = client.post(f"/api/v1/jobs/{check.pk}/write")
    assert (refused.status_code, refused.json()) == (
        422,
        {"detail": "Chỉ ghi được tệp đã kiểm tra và không có dòng lỗi."},
    )
    refused = client.post(f"/api/v1/awards/imports/{batch.pk}/commit")
    assert (refused.status_code, AwardRecord.objects.count()) == (422, 0)

    clean = client.post("/api/v1/awards/imports", {"file": xlsx([row(unit="don-vi-cua-toi")])}).json()
    batch = ImportBatch.objects.get(pk=client.get(clean["url"]).json()["result"]["batch"])
    written = client.post(f"/api/v1/awards/imports/{batch.pk}/commit")
    assert written.status_code == 202
    result = client.get(written.json()["url"]).json()["result"]
    assert (result["written"], result["ok"], AwardRecord.objects.count()) == (1, True, 1)


def test_a_dry_run_the_register_overtook_is_refused_by_the_write(coded, login, immediate_tasks):
    client = login(coded["board"])
    client.post(reverse("awards:import_start"), {"file": xlsx([row(unit="don-vi-cua-toi")])})
    check = JobRun.objects.get(kind=core_imports.CHECK_JOB)
    assert check.result["ok"] is True
    award(coded["mine"], "co-thi-dua-tinh", 2023, decision_number="1/QĐ-UBND")  # the same award, recorded meanwhile
    client.post(reverse("core:import_write", args=[check.pk]))
    write = JobRun.objects.get(kind=core_imports.WRITE_JOB)
    assert (write.state, write.result["written"], write.result["ok"]) == (JobState.SUCCEEDED, 0, False)
    assert write.result["stale"] == "Sổ đã thay đổi từ lần kiểm tra: có dòng lỗi, chưa ghi dòng nào."
    assert [(e["sheet"], e["row"]) for e in write.result["errors"]] == [(1, 2)]
    assert "Sổ đã thay đổi từ lần kiểm tra" in _page(client, write)
    assert AwardRecord.objects.count() == 1


def test_a_file_changed_after_its_dry_run_is_not_written(coded, login, immediate_tasks):
    client = login(coded["board"])
    client.post(reverse("awards:import_start"), {"file": xlsx([row(unit="don-vi-cua-toi")])})
    check = JobRun.objects.get(kind=core_imports.CHECK_JOB)
    with check.source_file.file.open("wb") as handle:
        handle.write(xlsx([row(unit="don-vi-cua-toi", number="2/QĐ-UBND")]).read())
    client.post(reverse("core:import_write", args=[check.pk]))
    write = JobRun.objects.get(kind=core_imports.WRITE_JOB)
    assert (write.state, write.error) == (
        JobState.FAILED,
        "Tệp đã thay đổi từ lần kiểm tra: chưa ghi dòng nào. Hãy tải tệp lên và kiểm tra lại.",
    )
    assert AwardRecord.objects.count() == 0


def test_a_write_killed_halfway_leaves_the_register_as_it_was(coded, monkeypatch):
    units = [coded["mine"], coded["theirs"]]
    rows = [row(unit=u.code, number=f"{i}/QĐ-UBND") for i, u in enumerate(units)]
    check = core_imports.start_import(import_jobs.KIND, xlsx(rows), actor=coded["board"], run_now=True)
    real = AwardRecord.objects.bulk_create

    def dies_after_one(objs, *args, **kwargs):
        real(objs[:1])
        raise SystemExit("worker killed")

    monkeypatch.setattr(AwardRecord.objects, "bulk_create", dies_after_one)
    with pytest.raises(SystemExit):
        core_imports.start_write(check, actor=coded["board"], run_now=True)
    assert AwardRecord.objects.count() == 0
    monkeypatch.setattr(AwardRecord.objects, "bulk_create", real)
    stuck = JobRun.objects.get(kind=core_imports.WRITE_JOB)
    JobRun.objects.filter(pk=stuck.pk).update(heartbeat_at=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
    stuck.refresh_from_db()
    again = core_jobs.rerun_job(stuck, actor=coded["board"], run_now=True)
    assert (again.state, again.result["written"], AwardRecord.objects.count()) == (JobState.SUCCEEDED, 2, 2)
