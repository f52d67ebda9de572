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
from collections.abc import Iterator
from typing import Any

from policy_nlp.cli.rows import add_arguments, number, write_rows
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
    add_arguments(p)
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
            "value": number(t.value),
            "value_max": number(t.value_max),
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




def run(args: argparse.Namespace) -> int:
    return write_rows(args, "targets", COLUMNS, rows)
