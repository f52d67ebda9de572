"""``policy-nlp assignments FILE... [--format csv|jsonl] [-o OUT]``: who does what by when.

One row per task that has a lead or a deadline (see
:func:`~policy_nlp.extract.assignments.assignment_rows`): document id, action id, section, task
text, lead and cooperating bodies (canonical names joined with ``;``), deadline (``YYYY``,
``YYYY-MM``, ``YYYY-MM-DD`` or ``ongoing``), start, end and rule. CSV is written as UTF-8 with a
byte-order mark so that Excel opens Chinese text correctly (``--no-bom`` for tools that do not want
one); JSONL is plain UTF-8. Exit code 0 when every file was read, 1 when any failed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from typing import Any, TextIO

from policy_nlp.extract.assignments import ROW_COLUMNS, assignment_rows

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "assignments", help="list tasks with their lead, cooperating bodies and deadline (CSV or JSONL)"
    )
    p.add_argument("files", nargs="+", metavar="FILE", help=".txt, .html or .pdf files")
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="output format (default: csv)")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    p.add_argument("--no-bom", action="store_true", help="CSV without the UTF-8 byte-order mark")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from policy_nlp.cli.targets import _analyze

    failed = 0
    csv_out = args.format == "csv"
    encoding = "utf-8" if args.no_bom or not csv_out else "utf-8-sig"
    out: TextIO
    if args.output:
        out = open(args.output, "w", encoding=encoding, newline="")
    else:
        out = sys.stdout
        if csv_out and not args.no_bom:
            out.write("\ufeff")
    try:
        writer = csv.DictWriter(out, fieldnames=ROW_COLUMNS, lineterminator="\n") if csv_out else None
        if writer is not None:
            writer.writeheader()
        for path in args.files:
            try:
                doc = _analyze(path)
            except Exception as exc:  # one line per failed file, then go on
                failed += 1
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                where = "" if path in reason else f"{path}: "
                print(f"policy-nlp assignments: {where}{reason}", file=sys.stderr)
                continue
            for row in assignment_rows(doc):
                if writer is not None:
                    writer.writerow({k: "" if v is None else v for k, v in row.items()})
                else:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
    except BrokenPipeError:  # the reader (head, less) went away: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if failed else 0
