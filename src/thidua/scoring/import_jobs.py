"""The criteria-table import as a kind of the background import (core.imports): a secretariat uploads the table
from Excel, the dry run checks it in the background, and the write job replaces the table's criteria, but only if
the table is as the dry run found it."""

import hashlib
import json
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core import imports as core_imports
from thidua.core.imports import summary
from thidua.scoring import excel
from thidua.scoring.models import CriteriaTable
from thidua.scoring.services import tables as table_services

KIND = "criteria"


def _table(params):
    return CriteriaTable.objects.select_related("cluster_year__cluster").filter(pk=params.get("table")).first()


def may_import(user, params):
    table = _table(params)
    return table is not None and user.has_perm("scoring.manage_table", table.cluster_year)


def start_import(table, uploaded, *, actor, run_now=False):
    return core_imports.start_import(KIND, uploaded, actor=actor, params={"table": table.pk}, run_now=run_now)


def table_state(table):
    """A digest of what the import replaces and checks against: the settings it is checked with and every
    criterion. Two equal digests mean nobody changed the table between the dry run and the write."""
    content = [str(Decimal(table.total_points).normalize()), table.status, table_services.rows_of(table)]
    return hashlib.sha256(json.dumps(content, default=str, sort_keys=True).encode()).hexdigest()


def _read(job, table):
    with job.source_file.file.open("rb") as handle:
        return excel.check_rows(table, excel.read_sheet(handle))


def _check(job, progress):
    table = _table(job.params)
    progress(0, 1, _("Đang đọc tệp"))
    result = _read(job, table)
    try:
        table_services.refuse_if_frozen(table)
    except ValidationError as frozen:
        result.refuse(frozen.messages[0])
    return summary(KIND, result.total, result.lines, rows=len(result.rows), table_state=table_state(table))


def _write(job, checked, progress):
    table = _table(job.params)
    progress(0, 1, _("Đang đọc tệp"))
    result = _read(job, table)  # read outside the transaction: the write itself stays short
    if not result.ok:
        return summary(KIND, result.total, result.lines, written=0)
    with transaction.atomic():
        table = CriteriaTable.objects.select_for_update().select_related("cluster_year").get(pk=table.pk)
        if table_state(table) != checked.get("table_state"):
            stale = _("Bảng tiêu chí đã thay đổi từ lần kiểm tra: chưa ghi dòng nào. Hãy tải tệp lên và kiểm tra lại.")
            return summary(KIND, result.total, [], written=0, stale=stale, ok=False)
        created = table_services.replace_criteria(table, result.rows, actor=job.owner, source=_("Nhập từ Excel"))
    return summary(KIND, result.total, [], written=len(created))


core_imports.register_import(
    KIND,
    may_import=may_import,
    check=_check,
    write=_write,
    start_url=lambda params: reverse("scoring:table_import", args=[params.get("table")]),
)
