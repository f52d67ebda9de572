"""The shared body of the row-listing subcommands (``targets``, ``assignments``, ``incentives``):
analyze each file, write one row per record as CSV or JSON Lines, report failures and go on.

CSV has a header row and is written as UTF-8 *with* a byte-order mark (``utf-8-sig``) so that Excel
opens Chinese text correctly (``--no-bom`` leaves it out); JSONL is plain UTF-8, one JSON object per
line. A file that cannot be read gives one line on standard error and exit code 1; the others are
still written. A reader that goes away (``| head``) ends the output quietly.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

from policy_nlp.model import Document

__all__ = ["INSTRUMENT_COLUMNS", "add_arguments", "analyze_file", "number", "report_failure", "with_instruments", "write_rows", "write_table"]

Rows = Callable[[Document], Iterable[dict[str, Any]]]

#: the columns ``--instruments`` adds to a row that names an action
INSTRUMENT_COLUMNS = ("instrument_type", "instrument_tool", "instrument_score")


def add_arguments(p: argparse.ArgumentParser, *, files: bool = True) -> None:
    """FILE... (unless not ``files``), ``--format csv|jsonl``, ``-o OUT`` and ``--no-bom``."""
    if files:
        p.add_argument("files", nargs="+", metavar="FILE", help=".txt, .html or .pdf files")
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="output format (default: csv)")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    p.add_argument("--no-bom", action="store_true", help="CSV without the UTF-8 byte-order mark")


def number(v: float | None) -> float | int | None:
    """A float that is a whole number as an int (``30.0`` → ``30``), as JSON writes it.

    >>> number(30.0), number(2.5), number(None)
    (30, 2.5, None)
    """
    return int(v) if v is not None and v.is_integer() else v


def with_instruments(rows: Rows, key: str) -> Rows:
    """``rows`` with the policy instrument of the action each row names in ``row[key]``
    (:data:`INSTRUMENT_COLUMNS`; empty for a row without an action), coded in context
    (:meth:`~policy_nlp.model.Document.with_instruments`).

    >>> from policy_nlp import analyze
    >>> doc = analyze("关于促进消费的通知\\n一、开展家电以旧换新活动。", id="d")
    >>> coded = with_instruments(lambda d: ({"action": a.id} for a in d.actions), "action")
    >>> list(coded(doc))
    [{'action': 'A1', 'instrument_type': 'demand', 'instrument_tool': 'consumption', 'instrument_score': 0.9...}]
    """

    def coded(doc: Document) -> Iterator[dict[str, Any]]:
        doc = doc.with_instruments()
        by_id = {a.id: a for a in doc.actions}
        for row in rows(doc):
            a = by_id.get(row[key])
            yield row | (dict.fromkeys(INSTRUMENT_COLUMNS) if a is None else
                         {"instrument_type": a.instrument_type, "instrument_tool": a.instrument_tool,
                          "instrument_score": a.instrument_score})  # fmt: skip

    return coded


def analyze_file(path: str, **options: Any) -> Document:
    """:func:`policy_nlp.analyze` (with ``options``) of a path that must name a file (else
    :class:`~policy_nlp.errors.LoadError`)."""
    from policy_nlp.errors import LoadError
    from policy_nlp.pipeline import analyze

    if not os.path.isfile(path):
        raise LoadError(path, "no such file")
    return analyze(path, **options)


def report_failure(command: str, path: str, exc: Exception) -> None:
    """One line on standard error for a file that failed: ``policy-nlp COMMAND: path: reason`` (the
    path once, whether or not the error names it already)."""
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    where = "" if path in reason else f"{path}: "
    print(f"policy-nlp {command}: {where}{reason}", file=sys.stderr)


def write_rows(
    args: argparse.Namespace, command: str, columns: Sequence[str], rows: Rows,
    finish: Callable[[], Iterable[dict[str, Any]]] | None = None,
) -> int:
    """Analyze ``args.files`` and write ``rows(doc)`` of each as ``args.format``, then the rows of
    ``finish()`` (for tables over all documents); the exit code."""
    failed = 0

    def every_row() -> Iterator[dict[str, Any]]:
        nonlocal failed
        for path in args.files:
            try:
                doc = analyze_file(path)
            except Exception as exc:  # one line per failed file, then go on
                failed += 1
                report_failure(command, path, exc)
                continue
            yield from rows(doc)
        if finish is not None:
            yield from finish()

    write_table(args, columns, every_row())
    return 1 if failed else 0


def write_table(args: argparse.Namespace, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """Write ``rows`` as ``args.format`` (CSV with ``columns`` as header, or JSONL) to ``args.output``
    or standard output (see the module docstring)."""
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
        writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n") if csv_out else None
        if writer is not None:
            writer.writeheader()
        for row in rows:
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
