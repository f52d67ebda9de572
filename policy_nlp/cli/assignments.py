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
from collections.abc import Iterator
from typing import Any

from policy_nlp.cli.rows import add_arguments, write_rows
from policy_nlp.extract.assignments import ROW_COLUMNS, assignment_rows
from policy_nlp.model import Document

__all__ = ["INSTRUMENT_COLUMNS", "coded_rows", "register", "run"]

#: the columns ``--instruments`` adds
INSTRUMENT_COLUMNS = ("instrument_type", "instrument_tool", "instrument_score")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "assignments", help="list tasks with their lead, cooperating bodies and deadline (CSV or JSONL)"
    )
    add_arguments(p)
    p.add_argument("--instruments", action="store_true", help="add each task's policy instrument (type, tool, score)")
    p.set_defaults(func=run)


def coded_rows(doc: Document) -> Iterator[dict[str, Any]]:
    """:func:`~policy_nlp.extract.assignments.assignment_rows` of ``doc`` with each task's policy
    instrument (:data:`INSTRUMENT_COLUMNS`; the document is coded unless its actions already are).

    >>> from policy_nlp import analyze
    >>> doc = analyze("关于促进消费的通知\\n一、开展家电以旧换新活动。(区商务局牵头)", id="d")
    >>> [(r["task"], r["lead"], r["instrument_type"], r["instrument_tool"]) for r in coded_rows(doc)]
    [('开展家电以旧换新活动。', '区商务局', 'demand', 'consumption')]
    """
    if any(a.instrument_type is None for a in doc.actions):
        doc = doc.with_instruments()
    by_id = {a.id: a for a in doc.actions}
    for row in assignment_rows(doc):
        a = by_id[row["id"]]
        yield row | {"instrument_type": a.instrument_type, "instrument_tool": a.instrument_tool,
                     "instrument_score": a.instrument_score}  # fmt: skip


def run(args: argparse.Namespace) -> int:
    if args.instruments:
        return write_rows(args, "assignments", (*ROW_COLUMNS, *INSTRUMENT_COLUMNS), coded_rows)
    return write_rows(args, "assignments", ROW_COLUMNS, assignment_rows)
