"""Benchmark: the background import of 10,000 award rows (reports app, core.jobs), with timings and peak memory.

Builds a province with 100 units and 10,000 people (bench/award_import.py's world), writes a 10,000-row file with
five bad rows and runs the dry run as a job: it must report exactly those five rows and write nothing. Then the
corrected file: dry run, then the write job, which must import all 10,000 rows in one transaction.
Peak memory is Python's own allocations (tracemalloc), per step.

    .venv/bin/python bench/import_10k.py                    # throwaway SQLite database
    DATABASE_URL=postgres://thidua:thidua@127.0.0.1:5432/thidua_bench .venv/bin/python bench/import_10k.py
"""

import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROWS = 10_000
BAD_ROWS = [102, 2002, 4002, 6002, 8002]  # Excel row numbers of the five bad rows (the header is row 1)


def _django():
    """Django on a throwaway database (or DATABASE_URL), set up by award_import, whose world and files we reuse."""
    import award_import
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return award_import


def expect(condition, message):
    if not condition:
        raise SystemExit(f"FAILED: {message}")


def timed(label, func):
    start = time.perf_counter()
    result = func()
    print(f"{label}: {time.perf_counter() - start:.2f} s")
    return result


def peak(label, func):
    """Python's peak allocation during func (tracemalloc slows the code down, so timings come from a plain run)."""
    tracemalloc.start()
    result = func()
    _current, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label}: peak {top / 1024 / 1024:.0f} MB")
    return result


def dry_run_with_bad_rows(bench, run, units, board, *, show=False):
    from thidua.awards.models import AwardRecord
    from thidua.reports import imports

    bad_file = bench.workbook(bench.rows_with_errors(ROWS, units))
    job = run(
        "dry run, file with 5 bad rows", lambda: imports.start_import("awards", bad_file, actor=board, run_now=True)
    )
    if show:
        for line in job.result["errors"]:
            print(f"  dòng {line['row']}, cột {line['column'] or '—'}: {line['reason']}")
    reported = sorted({line["row"] for line in job.result["errors"]})
    expect(job.result["total"] == ROWS, f"{job.result['total']} rows read")
    expect(reported == BAD_ROWS, f"reported rows {reported}")
    expect(AwardRecord.objects.count() == 0, "the dry run wrote records")


def import_good(bench, run, units, board):
    from thidua.awards.models import AwardRecord
    from thidua.reports import imports

    good_file = bench.workbook([bench.person_row(i, units) for i in range(ROWS)])
    job = run("dry run, corrected file", lambda: imports.start_import("awards", good_file, actor=board, run_now=True))
    expect(job.result["ok"], f"errors {job.result['errors'][:5]}")
    written = run("write (one transaction)", lambda: imports.start_write(job, actor=board, run_now=True))
    expect((written.result["written"], AwardRecord.objects.count()) == (ROWS, ROWS), "not every row written")
    return written


def main():
    bench = _django()
    from django.db import connection

    from thidua.awards.catalogue import ensure_catalogue
    from thidua.awards.models import AwardRecord

    ensure_catalogue()
    board, _people, units = bench.build_world(ROWS)
    print(f"database: {connection.vendor}, rows: {ROWS}")
    dry_run_with_bad_rows(bench, timed, units, board, show=True)
    written = import_good(bench, timed, units, board)
    print(f"  state={written.state}, written={written.result['written']}, in register={AwardRecord.objects.count()}")
    # Memory: the same steps again under tracemalloc, on an emptied register.
    AwardRecord.objects.all().delete()
    dry_run_with_bad_rows(bench, peak, units, board)
    import_good(bench, peak, units, board)


if __name__ == "__main__":
    main()
