"""``policy-nlp incentives FILE... [--format csv|jsonl] [-o OUT]``: one row per incentive.

Each row holds the document id and every :class:`~policy_nlp.model.Incentive` field; ``conditions``
are their texts joined with ``；`` and ``payers`` joined with ``;``. CSV has a header row and is
written as UTF-8 with a byte-order mark (``utf-8-sig``) so that Excel opens Chinese text correctly
(``--no-bom`` leaves it out); JSONL is plain UTF-8, one object per line. Exit code 0 when every file
was read, 1 when any failed (one line on standard error per failure).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from policy_nlp.model import Document

__all__ = ["COLUMNS", "register", "rows", "run"]

COLUMNS = (
    "doc",
    "id",
    "start",
    "end",
    "text",
    "kind",
    "amount",
    "amount_max",
    "unit",
    "cap",
    "rate",
    "rate_max",
    "per",
    "duration",
    "basis",
    "beneficiary",
    "object",
    "negotiated",
    "conditions",
    "payers",
    "action",
    "article",
    "section",
    "rule",
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "incentives", help="list incentives (奖励, 补贴, 资助 …), one row per incentive (CSV or JSONL)"
    )
    p.add_argument("files", nargs="+", metavar="FILE", help=".txt, .html or .pdf files")
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="output format (default: csv)")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    p.add_argument("--no-bom", action="store_true", help="CSV without the UTF-8 byte-order mark")
    p.set_defaults(func=run)


def rows(doc: Document) -> Iterator[dict[str, Any]]:
    """One dict per incentive of ``doc`` with the :data:`COLUMNS` keys (values as in JSON).

    >>> from policy_nlp import analyze
    >>> [(r["amount"], r["unit"], r["conditions"]) for r in rows(analyze("对年销售额在1亿元及以上的，奖励企业200万元。"))]
    [(200, '万元', '年销售额在1亿元及以上')]
    """
    for i in doc.incentives:
        yield {
            "doc": doc.id,
            "id": i.id,
            "start": i.start,
            "end": i.end,
            "text": i.text,
            "kind": i.kind,
            "amount": _num(i.amount),
            "amount_max": _num(i.amount_max),
            "unit": i.unit,
            "cap": _num(i.cap),
            "rate": _num(i.rate),
            "rate_max": _num(i.rate_max),
            "per": i.per,
            "duration": i.duration,
            "basis": i.basis,
            "beneficiary": i.beneficiary,
            "object": i.object,
            "negotiated": i.negotiated,
            "conditions": "；".join(c.text for c in i.conditions),
            "payers": ";".join(i.payers),
            "action": i.action,
            "article": i.article,
            "section": i.section,
            "rule": i.rule,
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
                where = "" if path in reason else f"{path}: "
                print(f"policy-nlp incentives: {where}{reason}", file=sys.stderr)
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
