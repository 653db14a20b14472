"""Batch eligibility screening as a background job with an Excel result."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.reports.records import seed_records
from thidua.awards.legal_bases import ensure_rule_sets
from thidua.core.enums import JobState
from thidua.core.jobs import run_job
from thidua.core.models import JobRun
from thidua.reports import jobs

pytestmark = pytest.mark.django_db


def test_screening_a_cluster_year_in_the_background(world, login):
    ensure_rule_sets()
    seed_records(world)
    client = login(world["secretary"])
    page = client.get(reverse("awards:screening"), {"pham_vi": f"cy-{world['cluster_year'].pk}", "year": 2023})
    assert "Xét toàn bộ và xuất Excel (chạy nền)" in page.content.decode()
    response = client.post(
        reverse("reports:screening_batch"),
        {"pham_vi": f"cy-{world['cluster_year'].pk}", "year": 2023, "award_form_code": "lao-dong-tien-tien"},
    )
    job = JobRun.objects.get(kind=jobs.SCREENING_JOB)
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    assert run_job(job.pk) == JobState.SUCCEEDED
    job.refresh_from_db()
    # Three member units (not candidates for an individual title) and the one person working in a member that year.
    assert job.result == {
        "target": str(world["cluster_year"]),
        "year": 2023,
        "candidates": 1,
        "qualifying": job.result["qualifying"],
    }
    sheet = load_workbook(io.BytesIO(job.result_file.file.open("rb").read())).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Tập thể, cá nhân",
        "Loại",
        "Đơn vị công tác",
        "Danh hiệu, hình thức",
        "Kết quả",
        "Điều kiện chưa đạt",
        "Cần thẩm định thêm",
        "Có quy định chưa đối chiếu",
    ]
    assert [r[:4] for r in rows[1:]] == [
        [world["clerk"].full_name, "Cá nhân", world["units"][2].full_name, "Lao động tiên tiến"]
    ]


def test_screening_out_of_scope_is_refused(world, login):
    client = login(world["officer"])
    response = client.post(
        reverse("reports:screening_batch"), {"pham_vi": f"province-{world['province'].pk}", "year": 2023}
    )
    assert response["Location"] == reverse("awards:screening")
    assert not JobRun.objects.exists()
    with pytest.raises(jobs.PermissionDenied):
        jobs.start_screening(actor=world["officer"], target_value=f"province-{world['province'].pk}", year=2023)


@pytest.mark.parametrize("year", ["abc", "2025-02-31", "NaN", "1e308", "99999999999999999999999", "1944"])
def test_screening_year_that_is_not_a_year_is_refused_with_a_message(world, login, year):
    # Found by probing the form: int() of the typed year raised ValueError, a server error.
    client = login(world["secretary"])
    response = client.post(
        reverse("reports:screening_batch"), {"pham_vi": f"cy-{world['cluster_year'].pk}", "year": year}, follow=True
    )
    assert response.redirect_chain == [(reverse("awards:screening"), 302)]
    assert "Năm xét không hợp lệ: hãy nhập một năm từ 1945 đến 2100." in response.content.decode()
    assert not JobRun.objects.exists()


def test_screening_year_left_empty_takes_last_year_and_a_typed_one_is_kept(world, login):
    client = login(world["secretary"])
    target = f"cy-{world['cluster_year'].pk}"
    client.post(reverse("reports:screening_batch"), {"pham_vi": target, "year": ""})
    client.post(reverse("reports:screening_batch"), {"pham_vi": target, "year": " 2023 "})
    years = [job.params["year"] for job in JobRun.objects.order_by("pk")]
    assert years == [timezone.localdate().year - 1, 2023]


def test_screening_only_the_qualifying_in_the_background(world, login):
    """The full "only qualifying" list of a scope is the job's: its file keeps only what each may be proposed for."""
    ensure_rule_sets()
    seed_records(world)
    client = login(world["secretary"])
    target = f"cy-{world['cluster_year'].pk}"
    client.post(reverse("reports:screening_batch"), {"pham_vi": target, "year": 2023})
    client.post(reverse("reports:screening_batch"), {"pham_vi": target, "year": 2023, "only_qualifying": "on"})
    every, only = JobRun.objects.filter(kind=jobs.SCREENING_JOB).order_by("pk")
    assert (every.params["only"], only.params["only"]) == (False, True)
    sheets = []
    for job in (every, only):
        assert run_job(job.pk) == JobState.SUCCEEDED
        job.refresh_from_db()
        sheet = load_workbook(io.BytesIO(job.result_file.file.open("rb").read())).active
        sheets.append([[c.value for c in row] for row in sheet.iter_rows(min_row=2)])
    qualifying_results = [r for r in sheets[0] if r[4] != "Chưa đủ điều kiện"]
    assert sheets[1] == qualifying_results
    assert len(sheets[1]) < len(sheets[0])
