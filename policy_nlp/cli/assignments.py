"""``policy-nlp assignments FILE... [--instruments] [--format csv|jsonl] [-o OUT]``: who does what by when.

One row per task that has a lead or a deadline (see
:func:`~policy_nlp.extract.assignments.assignment_rows`): document id, action id, section, task
text, lead and cooperating bodies (canonical names joined with ``;``), deadline (``YYYY``,
``YYYY-MM``, ``YYYY-MM-DD`` or ``ongoing``), start, end and rule; with ``--instruments`` also each
task's policy instrument (``instrument_type``, ``instrument_tool``, ``instrument_score``; the
action coded in its context, docs/instruments.md) — which body leads which kind of measure. CSV is written as UTF-8 with a
byte-order mark so that Excel opens Chinese text correctly (``--no-bom`` for tools that do not want
one); JSONL is plain UTF-8. Exit code 0 when every file was read, 1 when any failed.
"""

from __future__ import annotations

import argparse
from typing import Any

from policy_nlp.cli.rows import INSTRUMENT_COLUMNS, add_arguments, with_instruments, write_rows
from policy_nlp.extract.assignments import ROW_COLUMNS, assignment_rows

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "assignments", help="list tasks with their lead, cooperating bodies and deadline (CSV or JSONL)"
    )
    add_arguments(p)
    p.add_argument("--instruments", action="store_true", help="add each task's policy instrument (type, tool, score)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.instruments:
        return write_rows(args, "assignments", (*ROW_COLUMNS, *INSTRUMENT_COLUMNS), with_instruments(assignment_rows, "id"))
    return write_rows(args, "assignments", ROW_COLUMNS, assignment_rows)
