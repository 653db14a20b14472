"""The reports API: the same figures and permissions as the pages."""

import pytest
from django.test import Client

from tests.reports.records import seed_records
from thidua.core import jobs as core_jobs
from thidua.reports import imports

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self, user=None):
        self.client = Client()
        if user is not None:
            self.client.force_login(user)

    def get(self, path, **params):
        return self.client.get(f"/api/v1{path}", params)


@pytest.fixture
def api():
    return Api()


@pytest.fixture
def as_user():
    return Api


def test_province_figures(world, as_user):
    seed_records(world)
    response = as_user(world["board"]).get(f"/reports/provinces/{world['province'].pk}/figures", year=2023)
    assert response.status_code == 200
    body = response.json()
    figures = {f["key"]: f for f in body["figures"]}
    assert (body["scope"], body["year"]) == (world["province"].name, 2023)
    assert figures["recipient"]["rows"] == [["Tập thể", 2], ["Cá nhân", 3], ["Tổng cộng", 5]]
    assert figures["clusters"]["rows"] == [[world["cluster"].name, 3, 2, 3, 3, 5]]


@pytest.mark.parametrize(("who", "status"), [("council", 200), ("officer", 403), ("outsider", 403)])
def test_province_figures_permissions(world, as_user, who, status):
    assert as_user(world[who]).get(f"/reports/provinces/{world['province'].pk}/figures").status_code == status


def test_anonymous_calls_get_401_and_unknown_objects_404(world, api, as_user):
    assert api.get(f"/reports/provinces/{world['province'].pk}/figures").status_code == 401
    assert as_user(world["admin"]).get("/reports/provinces/999999/figures").status_code == 404


@pytest.mark.parametrize(("who", "status"), [("secretary", 200), ("officer", 403)])
def test_cluster_figures(world, as_user, who, status):
    seed_records(world)
    response = as_user(world[who]).get(f"/reports/clusters/{world['cluster'].pk}/figures", year=2023)
    assert response.status_code == status
    if status == 200:
        figures = {f["key"]: f for f in response.json()["figures"]}
        assert figures["level"]["rows"][-1] == ["Tổng cộng", 5]


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("other_officer", 403)])
def test_unit_figures(world, as_user, who, status):
    seed_records(world)
    assert as_user(world[who]).get(f"/reports/units/{world['units'][0].pk}/figures").status_code == status


def test_cluster_summary_facts(world, as_user):
    seed_records(world)
    response = as_user(world["secretary"]).get(f"/reports/cluster-years/{world['cluster_year'].pk}/summary")
    body = response.json()
    assert body["flags"] == [world["units"][0].full_name]
    assert body["levels"][-1] == {"level": "Tổng cộng", "collective": 2, "individual": 3, "total": 5}
    assert (
        as_user(world["officer"]).get(f"/reports/cluster-years/{world['cluster_year'].pk}/summary").status_code == 403
    )


def test_form_0602(world, as_user):
    response = as_user(world["board"]).get("/reports/form-0602", province=world["province"].pk, year=2024)
    body = response.json()
    assert (body["code"], body["year"], body["rows"][0]["values"][0]) == ("0602.N/BNV-TĐKT", 2024, 0)
    assert body["columns"][6] == "Bằng khen của Thủ tướng Chính phủ – Tập thể"
    assert (
        as_user(world["council"]).get("/reports/form-0602", province=world["province"].pk, year=2024).status_code == 403
    )


def test_job_status_only_for_its_owner(world, as_user):
    from tests.reports.excel import xlsx
    from thidua.reports.importers.units import COLUMNS

    upload = xlsx([c.header for c in COLUMNS], [["xa-1", "Một", "xã", world["province"].code, "", "", ""]])
    job = imports.start_import("units", upload, actor=world["board"], run_now=True)
    body = as_user(world["board"]).get(f"/jobs/{job.pk}").json()
    assert (body["state"], body["percent"], body["result"]["ok"], body["label"]) == (
        "succeeded",
        100,
        True,
        "Kiểm tra tệp Excel trước khi nhập",
    )
    assert as_user(world["council"]).get(f"/jobs/{job.pk}").status_code == 404
    assert as_user(world["admin"]).get(f"/jobs/{job.pk}").status_code == 200
    assert core_jobs.job_kind(job.kind) is not None
