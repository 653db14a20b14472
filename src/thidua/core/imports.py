"""Excel imports in the background: a dry-run job, then (when the file is clean) a write job.

Every import of the system (units, people, the award register, a criteria table) goes through these two core.jobs
kinds; an app registers what its import checks and writes with register_import(). The dry run reads and checks the
whole file and writes nothing; the write job applies only a dry run that passed, refuses it when the stored file no
longer matches the one checked, lets the app refuse it when its data changed meanwhile, and writes everything in
one transaction or nothing. A write job killed halfway therefore leaves the database as it was and can be run again.

Results keep positions (sheet, row, column header) and messages, never a cell's content: a hostile cell must not
reappear in a page, an answer or a download. core knows no domain app: kinds come in through the registry.
"""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.enums import FileKind, JobState
from thidua.core.files import store_upload
from thidua.core.jobs import create_job, dispatch, register_job
from thidua.core.models import JobRun

# The codes predate the move from the reports app to core and are stored in every job row: they stay.
CHECK_JOB = "reports.import_check"
WRITE_JOB = "reports.import_write"


@dataclass(frozen=True)
class ImportKind:
    code: str
    may_import: object  # fn(user, params) -> bool: the same permission the app's pages and API ask
    check: object  # fn(job, progress) -> summary(); reads job.source_file, writes nothing
    write: object  # fn(job, check_result, progress) -> summary(written=...); one transaction, or nothing
    start_url: object  # fn(params) -> the page to upload another file


_IMPORTS = {}


def register_import(code, *, may_import, check, write, start_url):
    _IMPORTS[code] = ImportKind(code, may_import, check, write, start_url)
    return _IMPORTS[code]


def import_kind(code):
    return _IMPORTS.get(code)


def summary(kind, total, lines, **extra):
    """A job's result: the row count, each fault by position ({sheet, row, column, reason}) and whether it is clean."""
    return {
        "kind": kind,
        "total": total,
        "errors": lines,
        "error_rows": len({line["row"] for line in lines if line.get("row")}),
        "ok": not lines,
        **extra,
    }


def may_import(user, kind, params=None):
    entry = _IMPORTS.get(kind)
    return entry is not None and entry.may_import(user, params or {})


def _require(user, kind, params):
    if not may_import(user, kind, params):
        raise PermissionDenied(_("Bạn không có quyền nhập loại dữ liệu này."))


def start_import(kind, uploaded, *, actor, params=None, run_now=False):
    """Store the upload and queue its dry run for the background worker, whatever the file's size: reading and
    checking a workbook never holds a request (or a web worker) while it runs. The job page shows its progress and
    result. run_now runs it here (tests, commands). Returns the job."""
    if kind not in _IMPORTS:
        raise ValidationError(_("Loại dữ liệu nhập không hợp lệ."))
    params = {**(params or {}), "kind": kind}
    _require(actor, kind, params)
    with transaction.atomic():
        stored = store_upload(uploaded, actor=actor, allowed_kinds=(FileKind.XLSX,))
        job = create_job(CHECK_JOB, owner=actor, params=params, source_file=stored)
    return dispatch(job, run_now=run_now)


def start_write(check_job, *, actor, run_now=False):
    """Write a clean, checked file in the background: once per dry run (a second click finds the first write job)."""
    if check_job.kind != CHECK_JOB or check_job.owner_id != actor.pk:
        raise PermissionDenied(_("Chỉ người đã kiểm tra tệp mới ghi được tệp đó."))
    _require(actor, check_job.params.get("kind"), check_job.params)
    if check_job.state != JobState.SUCCEEDED or not check_job.result.get("ok"):
        raise ValidationError(_("Chỉ ghi được tệp đã kiểm tra và không có dòng lỗi."))
    with transaction.atomic():
        # Two clicks at once: the second waits for the first and then finds its write job.
        JobRun.objects.select_for_update().filter(pk=check_job.pk).first()
        earlier = write_jobs_of(check_job).exclude(state=JobState.FAILED).first()
        if earlier is not None:
            return earlier
        params = {**check_job.params, "check_job": check_job.pk, "batch": check_job.result.get("batch")}
        job = create_job(WRITE_JOB, owner=actor, params=params, source_file=check_job.source_file)
    return dispatch(job, run_now=run_now)


def write_jobs_of(check_job):
    return JobRun.objects.filter(kind=WRITE_JOB, params__check_job=check_job.pk).order_by("-created_at")


def check_job_of(write_job):
    return JobRun.objects.filter(pk=write_job.params.get("check_job"), kind=CHECK_JOB).first()


def again_url(job):
    """The page to upload another file of the same kind ("" for a job that is not an import)."""
    entry = _IMPORTS.get(job.params.get("kind")) if job.kind in (CHECK_JOB, WRITE_JOB) else None
    return entry.start_url(job.params) if entry else ""


def _file_digest(stored):
    digest = hashlib.sha256()
    with stored.file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def run_check(job, progress):
    kind = job.params["kind"]
    _require(job.owner, kind, job.params)
    return {**_IMPORTS[kind].check(job, progress), "sha256": job.source_file.sha256}


def run_write(job, progress):
    kind = job.params["kind"]
    _require(job.owner, kind, job.params)
    checked = check_job_of(job)
    if checked is None or checked.state != JobState.SUCCEEDED or not checked.result.get("ok"):
        raise ValidationError(_("Chỉ ghi được tệp đã kiểm tra và không có dòng lỗi."))
    if _file_digest(job.source_file) != checked.result.get("sha256", job.source_file.sha256):
        raise ValidationError(_("Tệp đã thay đổi từ lần kiểm tra: chưa ghi dòng nào. Hãy tải tệp lên và kiểm tra lại."))
    return _IMPORTS[kind].write(job, checked.result, progress)


register_job(
    CHECK_JOB,
    gettext_lazy("Kiểm tra tệp Excel trước khi nhập"),
    run=run_check,
    result_template="core/jobs/_import.html",
)
register_job(
    WRITE_JOB, gettext_lazy("Ghi dữ liệu nhập từ Excel"), run=run_write, result_template="core/jobs/_import.html"
)
