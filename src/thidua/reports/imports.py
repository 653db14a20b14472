"""The background import: a dry-run job, then (when the file is clean) a write job.

Both are core.jobs kinds. The dry run reads and checks the whole file and writes nothing; the write job checks the
file again against the database as it is then and writes every row in one transaction, or nothing. A write job
killed halfway therefore leaves the database as it was, and can be run again.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards import importer as award_importer
from thidua.awards.enums import ImportState
from thidua.awards.models import ImportBatch
from thidua.core.enums import FileKind, JobState
from thidua.core.files import store_upload
from thidua.core.jobs import attach_result_file, create_job, dispatch, register_job, start_job
from thidua.core.models import JobRun
from thidua.reports.importers import IMPORTERS, people, units

CHECK_JOB = "reports.import_check"
WRITE_JOB = "reports.import_write"
WRITERS = {"units": units, "people": people}


def may_import(user, kind):
    if kind == "awards":
        return user.has_perm("awards.import_records")
    if kind == "people":
        # A unit's officer imports the unit's own people; each row is checked against add_person for its unit.
        return user.has_perm("organizations.import_people")
    return user.has_perm("reports.import_data")


def start_import(kind, uploaded, *, actor, run_now=False):
    """Store the upload and queue its dry run for the background worker, whatever the file's size: reading and
    checking a workbook never holds a request (or a web worker) while it runs. The job page shows its progress and
    result. run_now runs it here (tests, commands). Returns the job."""
    if kind not in IMPORTERS:
        raise ValidationError(_("Loại dữ liệu nhập không hợp lệ."))
    if not may_import(actor, kind):
        raise PermissionDenied(_("Bạn không có quyền nhập loại dữ liệu này."))
    stored = store_upload(uploaded, actor=actor, allowed_kinds=(FileKind.XLSX,))
    return start_job(CHECK_JOB, owner=actor, params={"kind": kind}, source_file=stored, run_now=run_now)


def start_write(check_job, *, actor, run_now=False):
    """Write a clean, checked file in the background: once per dry run (a second click finds the first write job)."""
    if check_job.kind != CHECK_JOB or check_job.owner_id != actor.pk:
        raise PermissionDenied(_("Chỉ người đã kiểm tra tệp mới ghi được tệp đó."))
    if check_job.state != JobState.SUCCEEDED or not check_job.result.get("ok"):
        raise ValidationError(_("Chỉ ghi được tệp đã kiểm tra và không có dòng lỗi."))
    with transaction.atomic():
        # Two clicks at once: the second waits for the first and then finds its write job.
        JobRun.objects.select_for_update().filter(pk=check_job.pk).first()
        earlier = write_jobs_of(check_job).exclude(state=JobState.FAILED).first()
        if earlier is not None:
            return earlier
        params = {"kind": check_job.params["kind"], "check_job": check_job.pk, "batch": check_job.result.get("batch")}
        job = create_job(WRITE_JOB, owner=actor, params=params, source_file=check_job.source_file)
    return dispatch(job, run_now=run_now)


def write_jobs_of(check_job):
    return JobRun.objects.filter(kind=WRITE_JOB, params__check_job=check_job.pk).order_by("-created_at")


def _named(kind, lines):
    """Error lines with the sheet and the column's header (the awards importer gives the column's key)."""
    headers = IMPORTERS[kind].columns
    return [{**line, "sheet": 1, "column": headers.get(line["column"], line["column"])} for line in lines]


def _summary(kind, total, lines, **extra):
    return {
        "kind": kind,
        "total": total,
        "errors": lines,
        "error_rows": len({line["row"] for line in lines}),
        "ok": not lines,
        **extra,
    }


def run_check(job, progress):
    kind = job.params["kind"]
    if kind == "awards":
        batch = award_importer.check_stored_import(job.source_file, actor=job.owner, progress=progress)
        return _summary(kind, batch.total_rows, _named(kind, batch.column_report), batch=batch.pk)
    writer = WRITERS[kind]
    if not may_import(job.owner, kind):
        raise PermissionDenied(_("Bạn không có quyền nhập loại dữ liệu này."))
    with job.source_file.file.open("rb") as handle:
        result = writer.check(handle, actor=job.owner, progress=progress)
    return _summary(kind, result.total, result.report())


def _write_awards(job):
    batch = ImportBatch.objects.get(pk=job.params["batch"], created_by=job.owner)
    batch = award_importer.commit_import(batch, actor=job.owner)
    if batch.state != ImportState.COMMITTED:
        lines = [
            {"sheet": r.get("sheet", 1), "row": r["row"], "column": "", "reason": e}
            for r in batch.report
            for e in r["errors"]
        ]
        return _summary("awards", batch.total_rows, lines, written=0, batch=batch.pk)
    return _summary("awards", batch.total_rows, [], written=batch.committed_count, batch=batch.pk)


def run_write(job, progress):
    kind = job.params["kind"]
    if kind == "awards":
        return _write_awards(job)
    writer = WRITERS[kind]
    with job.source_file.file.open("rb") as handle:
        result = writer.check(handle, actor=job.owner, progress=progress)
    if result.errors:
        # The database changed since the dry run (someone added the same unit meanwhile): nothing is written.
        return _summary(kind, result.total, result.report(), written=0)
    written = writer.write(result, actor=job.owner, progress=progress)
    if kind == "people":
        attach_result_file(job, people.written_people_bytes(written), "ca-nhan-da-nhap.xlsx")
        written = len(written)
    return _summary(kind, result.total, [], written=written)


register_job(
    CHECK_JOB,
    gettext_lazy("Kiểm tra tệp Excel trước khi nhập"),
    run=run_check,
    result_template="reports/jobs/_import.html",
)
register_job(
    WRITE_JOB, gettext_lazy("Ghi dữ liệu nhập từ Excel"), run=run_write, result_template="reports/jobs/_import.html"
)
