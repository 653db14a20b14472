"""Compare the query counts of two bench/pages.py runs (their --json files), page by page (issue 17).

A query count does not depend on the machine's load, so it is the figure that two datasets of different sizes can be
compared on: a page that sees one province or one cluster must cost the same number of queries on the national
dataset as on one province. Prints a table and exits with 1 when a page's count differs.

    .venv/bin/python bench/compare_queries.py one-province.json national.json
"""

import argparse
import json
import sys
from pathlib import Path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", help="pages.py --json file of the smaller dataset")
    parser.add_argument("second", help="pages.py --json file of the larger dataset")
    args = parser.parse_args()
    first, second = (
        {row["page"]: row for row in json.loads(Path(name).read_text())} for name in (args.first, args.second)
    )
    differ = []
    print(f"| page | queries ({Path(args.first).stem}) | queries ({Path(args.second).stem}) | |")
    print("| --- | --- | --- | --- |")
    for page, row in first.items():
        other = second.get(page)
        theirs = other["queries"] if other else "—"
        same = other is not None and other["queries"] == row["queries"]
        if not same:
            differ.append(page)
        print(f"| {page} | {row['queries']} | {theirs} | {'=' if same else 'DIFFERS'} |")
    print(f"{len(first) - len(differ)} of {len(first)} pages cost the same number of queries")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
