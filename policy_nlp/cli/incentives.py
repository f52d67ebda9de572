"""``policy-nlp incentives FILE... [--instruments] [--format csv|jsonl] [-o OUT]``: one row per incentive.

Each row holds the document id and every :class:`~policy_nlp.model.Incentive` field; ``conditions``
are their texts joined with ``；`` and ``payers`` joined with ``;``; with ``--instruments`` also the
policy instrument of the incentive's action (``instrument_type``, ``instrument_tool``,
``instrument_score``: funding for producers, consumption for buyers, tax, finance …). CSV has a header row and is
written as UTF-8 with a byte-order mark (``utf-8-sig``) so that Excel opens Chinese text correctly
(``--no-bom`` leaves it out); JSONL is plain UTF-8, one object per line. Exit code 0 when every file
was read, 1 when any failed (one line on standard error per failure).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import Any

from policy_nlp.cli.rows import INSTRUMENT_COLUMNS, add_arguments, number, with_instruments, write_rows
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
    add_arguments(p)
    p.add_argument("--instruments", action="store_true", help="add the policy instrument of each incentive's action")
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
            "amount": number(i.amount),
            "amount_max": number(i.amount_max),
            "unit": i.unit,
            "cap": number(i.cap),
            "rate": number(i.rate),
            "rate_max": number(i.rate_max),
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




def run(args: argparse.Namespace) -> int:
    if args.instruments:
        return write_rows(args, "incentives", (*COLUMNS, *INSTRUMENT_COLUMNS), with_instruments(rows, "action"))
    return write_rows(args, "incentives", COLUMNS, rows)
