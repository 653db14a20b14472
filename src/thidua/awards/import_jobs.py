"""The award register's Excel import as a kind of the background import (core.imports): the "Nhập sổ khen
thưởng" page, its API and the reports import page all queue the same dry-run and write jobs."""

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.awards import importer
from thidua.awards.enums import ImportState
from thidua.awards.models import ImportBatch
from thidua.core import imports as core_imports
from thidua.core.imports import CHECK_JOB, summary
from thidua.core.models import JobRun

KIND = "awards"
SHEET = 1  # the importer reads the workbook's first sheet


def _check(job, progress):
    batch = importer.check_stored_import(job.source_file, actor=job.owner, progress=progress)
    lines = [
        {**line, "sheet": SHEET, "column": importer.LABELS.get(line["column"], line["column"])}
        for line in batch.column_report
    ]
    return summary(KIND, batch.total_rows, lines, batch=batch.pk)


def _write(job, checked, _progress):
    batch = ImportBatch.objects.get(pk=checked["batch"], created_by=job.owner)
    batch = importer.commit_import(batch, actor=job.owner)
    if batch.state != ImportState.COMMITTED:
        # The register changed since the dry run: the importer kept the new report and wrote nothing.
        lines = [
            {"sheet": r.get("sheet", SHEET), "row": r["row"], "column": c["column"], "reason": c["reason"]}
            for r in batch.report
            for c in r.get("cells") or [{"column": "", "reason": e} for e in r["errors"]]
        ]
        stale = _("Sổ đã thay đổi từ lần kiểm tra: có dòng lỗi, chưa ghi dòng nào.")
        return summary(KIND, batch.total_rows, lines, written=0, batch=batch.pk, stale=stale)
    return summary(KIND, batch.total_rows, [], written=batch.committed_count, batch=batch.pk)


def check_job_of_batch(batch, user):
    """The dry-run job that made this batch (None for a batch checked before the imports ran in the background)."""
    return JobRun.objects.filter(kind=CHECK_JOB, owner=user, result__batch=batch.pk).order_by("-pk").first()


core_imports.register_import(
    KIND,
    may_import=lambda user, _params: user.has_perm("awards.import_records"),
    check=_check,
    write=_write,
    start_url=lambda _params: reverse("awards:import_start"),
)
