"""Benchmark: import 10,000 award records from Excel, dry run then commit.

Generates a province with 100 units and 10,000 people, writes a 10,000-row file with 5 bad rows, times the dry run
(which must report exactly those 5 rows), then times the dry run and the all-or-nothing commit of the corrected file.

    .venv/bin/python bench/award_import.py                    # throwaway SQLite database
    DATABASE_URL=postgres://thidua:thidua@127.0.0.1:5432/thidua_bench .venv/bin/python bench/award_import.py
"""

import argparse
import datetime
import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
WORK = tempfile.mkdtemp(prefix="thidua-bench-")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("THIDUA_DATA_DIR", WORK)
os.environ.setdefault("SQLITE_PATH", str(Path(WORK) / "bench.sqlite3"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django  # noqa: E402 - settings must be chosen first

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from thidua.accounts.models import User  # noqa: E402
from thidua.awards.catalogue import ensure_catalogue  # noqa: E402
from thidua.awards.importer import COLUMNS, check_import, commit_import  # noqa: E402
from thidua.awards.models import AwardRecord  # noqa: E402
from thidua.organizations.enums import Gender, Role, UnitKind  # noqa: E402
from thidua.organizations.models import Person, Position, Province, RoleAssignment, Unit  # noqa: E402

UNITS = 100
DECISION_DAY = datetime.date(2025, 1, 15)


def build_world(rows):
    province = Province.objects.create(code="bench", name="Tỉnh Thử Nghiệm")
    units = Unit.objects.bulk_create(
        [
            Unit(
                code=f"bench-{i:03d}",
                kind=UnitKind.COMMUNE,
                name=f"Thử {i}",
                folded_name=f"xa thu {i}",
                province=province,
            )
            for i in range(UNITS)
        ]
    )
    people = Person.objects.bulk_create(
        [
            Person(
                full_name=f"Người Thử Số {i}", folded_name=f"nguoi thu so {i}", gender=Gender.OTHER, province=province
            )
            for i in range(rows)
        ],
        batch_size=2000,
    )
    Position.objects.bulk_create(
        [
            Position(person=p, unit=units[i % UNITS], title="Chuyên viên", valid_from=datetime.date(2020, 1, 1))
            for i, p in enumerate(people)
        ],
        batch_size=2000,
    )
    board = User.objects.create(username="bench-board", full_name="Ban Thi đua (thử)")
    RoleAssignment.objects.create(user=board, role=Role.BOARD_OFFICER, province=province)
    return board, people, units


def workbook(rows):
    # Write-only: a full in-memory workbook of 100,000 rows held 1.2 million cell objects, which the process's peak
    # memory then charged to the import (an upload arrives as a file, not as a workbook in the server's memory).
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([header for _key, header, _required in COLUMNS])
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("bench.xlsx", buffer.getvalue())


def person_row(i, units, *, form="lao-dong-tien-tien", date=DECISION_DAY, unit_code=None, name=None):
    return [
        form,
        2024,
        "hằng năm",
        "12/QĐ-UBND",
        date,
        "Chủ tịch UBND xã",
        None,
        None,
        name or f"Người Thử Số {i}",
        None,
        unit_code or units[i % UNITS].code,
        "",
    ]


def rows_with_errors(count, units):
    rows = [person_row(i, units) for i in range(count)]
    rows[100] = person_row(100, units, form="khong-co-hinh-thuc")
    rows[2000] = person_row(2000, units, date="32/01/2025")
    rows[4000] = person_row(4000, units, unit_code="khong-co-don-vi")
    rows[6000] = person_row(6000, units, name="Người Không Có Thật")
    rows[8000] = person_row(7999, units)  # the same person twice
    return rows


def timed(label, func):
    start = time.perf_counter()
    result = func()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"{label}: {time.perf_counter() - start:.2f} s; peak memory of the process so far {peak:.0f} MiB")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    ensure_catalogue()
    board, _people, units = timed("set-up (units, people, posts)", lambda: build_world(args.rows))
    print(f"database: {django.db.connection.vendor}, rows: {args.rows}")
    bad = workbook(rows_with_errors(args.rows, units))
    batch = timed("dry run, file with 5 bad rows", lambda: check_import(bad, actor=board))
    print(f"  state={batch.state}, rows={batch.total_rows}, bad rows={batch.error_rows}")
    for line in batch.report:
        print(f"  dòng {line['row']}: {'; '.join(line['errors'])}")
    good = workbook([person_row(i, units) for i in range(args.rows)])
    batch = timed("dry run, corrected file", lambda: check_import(good, actor=board))
    batch = timed("commit (one transaction, bulk_create)", lambda: commit_import(batch, actor=board))
    print(f"  state={batch.state}, written={batch.committed_count}, in register={AwardRecord.objects.count()}")


if __name__ == "__main__":
    main()
