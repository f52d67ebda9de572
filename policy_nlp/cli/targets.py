"""``policy-nlp targets FILE... [--format csv|jsonl] [-o OUT]``: one row per quantified target.

Each row holds the document id, every :class:`~policy_nlp.model.Target` field (bodies joined as
``canonical:role`` with ``;``) and the sentence that states the target: the table an analyst opens
in a spreadsheet. CSV has a header row and is written as UTF-8 *with* a byte-order mark
(``utf-8-sig``) so that Excel opens Chinese text correctly; pass ``--no-bom`` for tools that do not
want one. JSONL is plain UTF-8, one JSON object per line. Exit code 0 when every file was read,
1 when any failed (one line on standard error per failure).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from policy_nlp.model import Document, Target

__all__ = ["COLUMNS", "register", "rows", "run"]

COLUMNS = (
    "doc",
    "id",
    "start",
    "end",
    "text",
    "indicator",
    "value",
    "value_max",
    "unit",
    "comparator",
    "direction",
    "deadline_year",
    "base_year",
    "per_year",
    "period",
    "section",
    "rule",
    "bodies",
    "sentence",
)


def register(sub: Any) -> None:
    p = sub.add_parser("targets", help="list quantified targets, one row per target (CSV or JSONL)")
    p.add_argument("files", nargs="+", metavar="FILE", help=".txt, .html or .pdf files")
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="output format (default: csv)")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    p.add_argument("--no-bom", action="store_true", help="CSV without the UTF-8 byte-order mark")
    p.set_defaults(func=run)


def _sentence(doc: Document, t: Target) -> str:
    s = doc.sentence_of(t.start)
    if s is not None and s.end >= t.end:
        return doc.span(s)
    start = doc.text.rfind("\n", 0, t.start) + 1
    end = doc.text.find("\n", t.end)
    return doc.text[start : end if end >= 0 else len(doc.text)]


def rows(doc: Document) -> Iterator[dict[str, Any]]:
    """One dict per target of ``doc`` with the :data:`COLUMNS` keys (values as in JSON)."""
    for t in doc.targets:
        yield {
            "doc": doc.id,
            "id": t.id,
            "start": t.start,
            "end": t.end,
            "text": t.text,
            "indicator": t.indicator,
            "value": _num(t.value),
            "value_max": _num(t.value_max),
            "unit": t.unit,
            "comparator": t.comparator,
            "direction": t.direction,
            "deadline_year": t.deadline_year,
            "base_year": t.base_year,
            "per_year": t.per_year,
            "period": t.period,
            "section": t.section,
            "rule": t.rule,
            "bodies": ";".join(f"{b.canonical}:{b.role}" for b in t.bodies),
            "sentence": _sentence(doc, t),
        }


def _num(v: float | None) -> float | int | None:
    return int(v) if v is not None and v.is_integer() else v


def _analyze(path: str) -> Document:
    from policy_nlp.errors import LoadError
    from policy_nlp.pipeline import analyze

    if not os.path.isfile(path):
        raise LoadError(path, "no such file")
    return analyze(path)


def run(args: argparse.Namespace) -> int:
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
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n") if csv_out else None
        if writer is not None:
            writer.writeheader()
        for path in args.files:
            try:
                doc = _analyze(path)
            except Exception as exc:  # one line per failed file, then go on
                failed += 1
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                print(
                    f"policy-nlp targets: {path}: {reason}"
                    if path not in reason
                    else f"policy-nlp targets: {reason}",
                    file=sys.stderr,
                )
                continue
            for row in rows(doc):
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
