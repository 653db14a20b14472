"""Issue 15: an import's error report holds positions (sheet, row, column) and the rule broken, never a bad cell's
content. Hostile cells (markup, a formula, a long marker) in every checked column of every importer must not come
back in the stored report, the job's result, the pages or the API answers."""

import json

import pytest
from django.urls import reverse

from tests.awards.helpers import row as award_row
from tests.awards.helpers import xlsx as award_xlsx
from tests.reports.excel import xlsx
from tests.scoring.helpers import xlsx_upload
from thidua.awards.models import AwardRecord, ImportBatch
from thidua.core.models import JobRun
from thidua.organizations.models import Person, Unit
from thidua.reports import imports
from thidua.reports.importers import people, units
from thidua.scoring import excel

MARKER = "HOSTILE7731"
# A formula cell reads as empty (no cached value): it breaks only the rules an empty cell breaks, and its text cannot
# come back either way.
PAYLOADS = [
    f"<script>alert('{MARKER}')</script>",
    f'=HYPERLINK("http://example.invalid/?{MARKER}","Xem")',
    f"{MARKER}-khong-co",
]


def _clean(*texts):
    """Nothing of any payload is in the texts (each payload carries the marker; escaping leaves it whole)."""
    return MARKER.lower() not in "\n".join(texts).lower()


def _positions(found, expected, payload):
    """Exactly the expected positions for the markup payload; for the others a subset (a formula cell reads as empty
    and a code-shaped text passes the format check, so fewer rows may be refused)."""
    if payload == PAYLOADS[0]:
        assert found == expected
    else:
        assert found
        where = [line[:2] if isinstance(line, tuple) else line for line in expected]  # (sheet, row)
        assert all((line[:2] if isinstance(line, tuple) else line) in where for line in found)


def _job_page(client, job):
    return client.get(reverse("core:job_detail", args=[job.pk])).content.decode()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_units_report_names_sheet_row_and_column_only(world, login, payload, immediate_tasks):
    code = world["province"].code
    rows = [
        [payload, "Mới", "xã", code, "", "01/07/2025", ""],
        ["xa-moi-2", "Mới", payload, code, "", "01/07/2025", ""],
        ["xa-moi-3", "Mới", "xã", payload, "", "01/07/2025", ""],
        ["xa-moi-4", "Mới", "xã", code, payload + " cha", "01/07/2025", ""],
        ["xa-moi-5", "Mới", "xã", code, "", payload, ""],
    ]
    before = Unit.objects.count()
    job = imports.start_import("units", xlsx([c.header for c in units.COLUMNS], rows), actor=world["board"])
    expected = [
        (1, 2, "Mã đơn vị", "Mã đơn vị chỉ gồm chữ thường không dấu, số và dấu gạch ngang."),
        (1, 3, "Loại đơn vị", "Loại đơn vị không có trong danh mục."),
        (1, 4, "Mã tỉnh", "Không có tỉnh mang mã này."),
        (1, 5, "Mã đơn vị cấp trên", "Không có đơn vị cấp trên mang mã này."),
        (1, 6, "Hoạt động từ ngày", "Không phải ngày dạng dd/mm/yyyy."),
    ]
    _positions([(e["sheet"], e["row"], e["column"], e["reason"]) for e in job.result["errors"]], expected, payload)
    page = _job_page(login(world["board"]), job)
    assert "Trang tính" in page
    assert _clean(json.dumps(JobRun.objects.get(pk=job.pk).result, ensure_ascii=False), page)
    assert Unit.objects.count() == before


@pytest.mark.parametrize("payload", PAYLOADS)
def test_people_report_names_sheet_row_and_column_only(world, login, payload, immediate_tasks):
    code, unit = world["province"].code, world["units"][1].code
    rows = [
        ["Phạm Hoa", payload, "12/03/1985", code, "", "Chuyên viên", "", ""],
        ["Phạm Hoa", "Nữ", "12/03/1985", payload, "", "Chuyên viên", "", ""],
        ["Phạm Hoa", "Nữ", "12/03/1985", code, payload, "Chuyên viên", "", ""],
        ["Phạm Hoa", "Nữ", payload, code, unit, "Chuyên viên", "", ""],
        ["Phạm Hoa", "Nữ", "12/03/1985", code, "", "Chuyên viên", "", payload],
    ]
    before = Person.objects.count()
    job = imports.start_import("people", xlsx([c.header for c in people.COLUMNS], rows), actor=world["board"])
    found = [(e["sheet"], e["row"]) for e in job.result["errors"]]
    _positions(found, [(1, 2), (1, 3), (1, 4), (1, 5), (1, 6)], payload)
    page = _job_page(login(world["board"]), job)
    assert _clean(json.dumps(JobRun.objects.get(pk=job.pk).result, ensure_ascii=False), page)
    assert Person.objects.count() == before


@pytest.mark.parametrize("payload", PAYLOADS)
def test_award_history_report_names_sheet_row_and_column_only(world, login, payload, immediate_tasks):
    unit = world["units"][0].code
    rows = [
        award_row(form=payload, unit=unit),
        award_row(year=payload, unit=unit),
        award_row(kind=payload, unit=unit),
        award_row(date=payload, unit=unit),
        award_row(unit=payload),
        award_row(person_id=payload, name="Nguyễn Văn A"),
        award_row(name="Nguyễn Văn A", person_unit=payload),
        award_row(name=payload, person_unit=unit),
        award_row(name="Nguyễn Văn A", person_unit=unit, birth=payload),
    ]
    client = login(world["board"])
    answer = client.post("/api/v1/awards/imports", {"file": award_xlsx(rows)})
    assert answer.status_code == 202
    status = client.get(answer.json()["url"])
    assert status.json()["state"] == "succeeded"
    batch = ImportBatch.objects.get(pk=status.json()["result"]["batch"])
    job = JobRun.objects.get(pk=answer.json()["job_id"])
    lines = [(r["sheet"], r["row"], [c["column"] for c in r["cells"]]) for r in batch.report]
    _positions(
        lines,
        [
            (1, 2, ["Mã danh hiệu, hình thức"]),
            (1, 3, ["Năm thành tích"]),
            (1, 4, ["Loại thành tích"]),
            (1, 5, ["Ngày quyết định"]),
            (1, 6, ["Mã tập thể được khen"]),
            (1, 7, ["Mã cá nhân"]),
            (1, 8, ["Mã đơn vị công tác"]),
            (1, 9, ["Họ và tên cá nhân"]),
            (1, 10, ["Ngày sinh"]),
        ],
        payload,
    )
    page = client.get(reverse("awards:import_detail", args=[batch.pk])).content.decode()
    again = client.get(f"/api/v1/awards/imports/{batch.pk}").content.decode()
    assert _clean(
        json.dumps(batch.report, ensure_ascii=False),
        answer.content.decode(),
        status.content.decode(),
        again,
        page,
        json.dumps(job.result, ensure_ascii=False),
        _job_page(client, job),
    )
    assert AwardRecord.objects.count() == 0


def _hostile_criteria(payload):
    return xlsx_upload(
        [
            ["I", "", "Nhóm một", "nhom", 10, None, "Không", "", ""],
            ["1.1", "I", "Điểm", "diem", payload, None, "Không", "", ""],
            ["1.2", payload, "Con", "diem", 5, None, "Không", "", ""],
            ["1.3", "I", "Loại lạ", payload, 5, None, "Không", "", ""],
            ["1.4", "I", "Minh chứng", "diem", 5, None, payload, "", ""],
        ]
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_criteria_table_import_names_sheet_row_and_column_only(payload):
    result = excel.read_rows(_hostile_criteria(payload))
    _positions(
        [e.split(":")[0] for e in result.errors],
        [
            "Trang “Tiêu chí”, dòng 3",
            "Trang “Tiêu chí”, dòng 4",
            "Trang “Tiêu chí”, dòng 5",
            "Trang “Tiêu chí”, dòng 6",
        ],
        payload,
    )
    assert _clean(*result.errors)


def test_a_report_without_payloads_still_fails_the_check():
    """The check itself can fail: a quoted cell is caught."""
    assert not _clean(f"Mã “{PAYLOADS[2]}” đã có trong hệ thống.")
