"""The shared long-job mechanism (core.jobs): running, failing without leftovers, progress, rerun, the pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import ProvinceFactory
from thidua.core import jobs
from thidua.core.enums import JobState
from thidua.core.models import ActivityLogEntry, JobRun
from thidua.organizations.models import Province

pytestmark = pytest.mark.django_db


def _make_provinces(job, progress):
    """A test job: writes provinces in one transaction, reporting progress; fails on demand after N rows."""
    from django.db import transaction

    count, fail_after = job.params["count"], job.params.get("fail_after")
    with transaction.atomic():
        for index in range(count):
            if fail_after is not None and index == fail_after:
                raise RuntimeError("killed")
            Province.objects.create(code=f"job-{job.pk}-{index}", name=f"Tỉnh {index}")
            progress(index + 1, count, "Đang ghi")
    return {"written": count}


def _refuse(job, progress):
    raise ValidationError("Tệp không hợp lệ.")


jobs.register_job("test.provinces", "Tạo tỉnh thử", run=_make_provinces)
jobs.register_job("test.refuse", "Từ chối", run=_refuse)


@pytest.fixture
def owner(make_user):
    return make_user()


@pytest.fixture
def immediate(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_a_job_run_now_succeeds_with_its_result_and_progress(owner):
    job = jobs.start_job("test.provinces", owner=owner, params={"count": 4}, run_now=True)
    assert (job.state, job.result, job.done, job.total, job.percent) == (JobState.SUCCEEDED, {"written": 4}, 4, 4, 100)
    assert Province.objects.filter(code__startswith=f"job-{job.pk}-").count() == 4
    actions = list(ActivityLogEntry.objects.filter(object_id=str(job.pk)).values_list("action", flat=True))
    assert sorted(actions) == ["job.started", "job.succeeded"]


def test_a_queued_job_runs_through_the_task_backend(owner, immediate):
    job = jobs.start_job("test.provinces", owner=owner, params={"count": 2})
    assert job.state == JobState.SUCCEEDED
    assert job.task_id != ""


def test_with_the_database_backend_a_job_waits_for_the_worker(owner):
    job = jobs.start_job("test.provinces", owner=owner, params={"count": 2})
    assert (job.state, job.done) == (JobState.QUEUED, 0)
    assert Province.objects.filter(code__startswith="job-").count() == 0
    assert jobs.run_job(job.pk) == JobState.SUCCEEDED
    assert jobs.run_job(job.pk) is None  # a finished job is never run twice


def test_a_job_killed_halfway_leaves_nothing_and_can_be_run_again(owner):
    before = Province.objects.count()
    job = jobs.start_job("test.provinces", owner=owner, params={"count": 5, "fail_after": 3}, run_now=True)
    assert job.state == JobState.FAILED
    assert job.error.startswith("Lỗi hệ thống khi chạy việc này; không có dữ liệu nào được ghi.")
    assert Province.objects.count() == before
    assert jobs.can_rerun(job)
    job.params = {"count": 5}
    job.save(update_fields=["params"])
    again = jobs.rerun_job(job, actor=owner, run_now=True)
    assert (again.state, again.rerun_of_id, Province.objects.count()) == (JobState.SUCCEEDED, job.pk, before + 5)
    assert not jobs.can_rerun(again)


def test_a_refusal_keeps_its_vietnamese_message(owner):
    job = jobs.start_job("test.refuse", owner=owner, run_now=True)
    assert (job.state, job.error) == (JobState.FAILED, "Tệp không hợp lệ.")


def test_only_the_owner_reruns_and_only_a_failed_or_abandoned_job(owner, make_user):
    done = jobs.start_job("test.provinces", owner=owner, params={"count": 1}, run_now=True)
    with pytest.raises(ValidationError):
        jobs.rerun_job(done, actor=owner)
    failed = jobs.start_job("test.refuse", owner=owner, run_now=True)
    with pytest.raises(jobs.PermissionDenied):
        jobs.rerun_job(failed, actor=make_user())


def test_a_running_job_without_news_for_too_long_is_stale_and_rerunnable(owner):
    job = jobs.start_job("test.provinces", owner=owner, params={"count": 1})
    old = timezone.now() - datetime.timedelta(hours=1)
    JobRun.objects.filter(pk=job.pk).update(state=JobState.RUNNING, started_at=old, heartbeat_at=old)
    job.refresh_from_db()
    assert jobs.is_stale(job)
    fresh = JobRun.objects.create(
        kind="test.provinces", owner=owner, state=JobState.RUNNING, heartbeat_at=timezone.now()
    )
    assert not jobs.is_stale(fresh)
    again = jobs.rerun_job(job, actor=owner, run_now=True)
    job.refresh_from_db()
    assert (job.state, again.state) == (JobState.FAILED, JobState.SUCCEEDED)


def test_an_unknown_kind_fails_with_a_message(owner):
    job = JobRun.objects.create(kind="gone.away", owner=owner)
    assert jobs.run_job(job.pk) == JobState.FAILED
    job.refresh_from_db()
    assert job.error == "Loại việc “gone.away” không còn được hỗ trợ."


def test_job_pages_belong_to_their_owner_and_administrators(owner, login, make_user):
    from thidua.organizations.enums import Role

    job = jobs.start_job("test.provinces", owner=owner, params={"count": 1})
    url = reverse("core:job_detail", args=[job.pk])
    page = login(owner).get(url).content.decode()
    assert "Tạo tỉnh thử" in page
    assert "Đang chờ" in page
    assert 'hx-trigger="every 2s"' in page
    assert login(make_user(Role.ADMIN)).get(url).status_code == 200
    assert login(make_user(Role.BOARD_OFFICER, ProvinceFactory())).get(url).status_code == 404
    assert login(owner).get(reverse("core:job_list")).content.decode().count("Tạo tỉnh thử") == 1


def test_the_progress_block_asks_the_page_to_reload_when_the_job_ends(owner, login):
    job = jobs.start_job("test.provinces", owner=owner, params={"count": 1}, run_now=True)
    response = login(owner).get(reverse("core:job_progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    assert "Đã xong" in response.content.decode()


def test_rerun_page_refuses_a_finished_job_and_reruns_a_failed_one(owner, login):
    client = login(owner)
    done = jobs.start_job("test.provinces", owner=owner, params={"count": 1}, run_now=True)
    client.post(reverse("core:job_rerun", args=[done.pk]))
    assert JobRun.objects.filter(rerun_of=done).count() == 0
    failed = jobs.start_job("test.refuse", owner=owner, run_now=True)
    response = client.post(reverse("core:job_rerun", args=[failed.pk]))
    new = JobRun.objects.get(rerun_of=failed)
    assert response["Location"] == reverse("core:job_detail", args=[new.pk])


def test_job_list_query_count(owner, login):
    from tests.querycount import assert_flat_query_count

    def add():
        jobs.start_job("test.provinces", owner=owner, params={"count": 1})

    assert_flat_query_count(login(owner), reverse("core:job_list"), add, maximum=5)
