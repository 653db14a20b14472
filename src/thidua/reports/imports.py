"""The units and people imports of the reports page, as kinds of the background import (core.imports).

The dry run reads and checks the whole file and writes nothing; the write job checks the file again against the
database as it is then and writes every row in one transaction, or nothing. The award-history kind the same page
offers is the awards app's own (awards/import_jobs.py).
"""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core import imports as core_imports
from thidua.core.imports import CHECK_JOB, WRITE_JOB, start_write, summary, write_jobs_of
from thidua.core.jobs import attach_result_file
from thidua.reports.importers import IMPORTERS, people, units

__all__ = ["CHECK_JOB", "WRITE_JOB", "may_import", "start_import", "start_write", "write_jobs_of"]
WRITERS = {"units": units, "people": people}


def may_import(user, kind):
    return core_imports.may_import(user, kind)


def start_import(kind, uploaded, *, actor, run_now=False):
    """Queue the dry run of one of the kinds the reports import page offers (see core.imports.start_import)."""
    if kind not in IMPORTERS:
        raise ValidationError(_("Loại dữ liệu nhập không hợp lệ."))
    return core_imports.start_import(kind, uploaded, actor=actor, run_now=run_now)


def _check(job, progress):
    kind = job.params["kind"]
    with job.source_file.file.open("rb") as handle:
        result = WRITERS[kind].check(handle, actor=job.owner, progress=progress)
    return summary(kind, result.total, result.report())


def _write(job, _checked, progress):
    kind = job.params["kind"]
    writer = WRITERS[kind]
    with job.source_file.file.open("rb") as handle:
        result = writer.check(handle, actor=job.owner, progress=progress)
    if result.errors:
        # The database changed since the dry run (someone added the same unit meanwhile): nothing is written.
        return summary(kind, result.total, result.report(), written=0)
    written = writer.write(result, actor=job.owner, progress=progress)
    if kind == "people":
        attach_result_file(job, people.written_people_bytes(written), "ca-nhan-da-nhap.xlsx")
        written = len(written)
    return summary(kind, result.total, [], written=written)


def _start_url(params):
    return reverse("reports:import_start") + f"?loai={params.get('kind', '')}"


core_imports.register_import(
    "units",
    may_import=lambda user, _params: user.has_perm("reports.import_data"),
    check=_check,
    write=_write,
    start_url=_start_url,
)
core_imports.register_import(
    # A unit's officer imports the unit's own people; each row is checked against add_person for its unit.
    "people",
    may_import=lambda user, _params: user.has_perm("organizations.import_people"),
    check=_check,
    write=_write,
    start_url=_start_url,
)
