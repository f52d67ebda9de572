"""``policy-nlp instruments FILE... [--shares | --below S] [--min-score S] [--format csv|jsonl] [-o OUT]``: the
policy instrument (政策工具: supply / environment / demand type and the codebook's tool) of each action.

One row per action: document id, action id, start, end, section, text, ``type``, ``tool`` and the
calibrated ``score`` (:func:`~policy_nlp.learn.instruments.code_document`, each action coded in its
context). With ``--shares``, one row per document and label instead: ``level`` (type or tool),
``label``, ``count`` and ``share`` of the document's coded measures
(:func:`~policy_nlp.learn.instruments.share_table`; units of type none left out); with ``--shares
--by year|issuer|genre``, one row per group of documents and label (``by``, ``group``,
``documents`` and the same columns; :func:`~policy_nlp.learn.instruments.group_labels`) — the table
policy-tool studies report per year and region. ``--min-score``
leaves out actions scored below it in both (units scored 0.8 or more reach a type macro-F1 of about
0.88 on unseen documents; docs/instruments.md); ``--below`` keeps only the actions scored below it —
the ones to check by hand (e.g. ``--below 0.8``: about half of them). CSV and JSONL as for
``targets``; exit code 0 when every file was read, 1 when any failed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import Any

from policy_nlp.cli.rows import add_arguments, write_rows
from policy_nlp.model import Document

__all__ = ["COLUMNS", "GROUP_SHARE_COLUMNS", "SHARE_COLUMNS", "register", "rows", "run", "share_rows"]

COLUMNS = ("doc", "id", "start", "end", "section", "text", "type", "tool", "score")
SHARE_COLUMNS = ("doc", "level", "label", "count", "share")
GROUP_SHARE_COLUMNS = ("by", "group", "documents", "level", "label", "count", "share")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "instruments", help="code each action's policy instrument (type, tool, score), or shares per document"
    )
    add_arguments(p)
    which = p.add_mutually_exclusive_group()
    which.add_argument("--shares", action="store_true", help="one row per document and type/tool: count and share")
    which.add_argument("--below", type=_score, default=None, metavar="S",
                       help="only the actions scored below S: the ones to check by hand (0 to 1)")  # fmt: skip
    p.add_argument("--by", choices=("doc", "year", "issuer", "genre"), default="doc",
                   help="with --shares: one table per document (default), or per year, issuer or genre of documents")
    p.add_argument("--min-score", type=_score, default=0.0, metavar="S",
                   help="leave out actions scored below S (0 to 1; default 0)")  # fmt: skip
    p.set_defaults(func=run)


def _score(value: str) -> float:
    try:
        s = float(value)
    except ValueError:
        s = -1.0
    if not 0.0 <= s <= 1.0:
        raise argparse.ArgumentTypeError(f"a score between 0 and 1, not {value!r}")
    return s


def rows(doc: Document, *, min_score: float = 0.0, below: float | None = None) -> Iterator[dict[str, Any]]:
    """One dict per action of ``doc`` scored at least ``min_score`` (and below ``below`` when given),
    with the :data:`COLUMNS` keys.

    >>> from policy_nlp import analyze
    >>> doc = analyze("关于促进消费的通知\\n一、开展汽车以旧换新活动。", id="d")
    >>> [(r["id"], r["text"], r["type"], r["tool"]) for r in rows(doc)]
    [('A1', '开展汽车以旧换新活动', 'demand', 'consumption')]
    >>> list(rows(doc, below=0.01))
    []
    """
    for a, lab in zip(doc.actions, doc.instruments(), strict=True):
        if lab.score >= min_score and (below is None or lab.score < below):
            yield {"doc": doc.id, "id": a.id, "start": a.start, "end": a.end, "section": a.section,
                   "text": a.text, "type": lab.type, "tool": lab.tool, "score": lab.score}  # fmt: skip


def share_rows(doc: Document, *, min_score: float = 0.0) -> Iterator[dict[str, Any]]:
    """One dict per type and tool of ``doc``'s coded measures, with the :data:`SHARE_COLUMNS` keys."""
    from policy_nlp.learn.instruments import share_table

    for r in share_table(doc.instruments(), min_score=min_score):
        yield {"doc": doc.id, "level": r.level, "label": r.label, "count": r.count, "share": r.share}


class _Groups:
    """Labels gathered per group over all documents, then written as share rows."""

    def __init__(self, by: str, min_score: float) -> None:
        self.by, self.min_score = by, min_score
        self.labels: dict[str, list[Any]] = {}
        self.documents: dict[str, int] = {}

    def add(self, doc: Document) -> Iterator[dict[str, Any]]:
        from policy_nlp.learn.instruments import group_labels

        for group, labels in group_labels([doc], self.by).items():
            self.labels.setdefault(group, []).extend(labels)
            self.documents[group] = self.documents.get(group, 0) + 1
        yield from ()

    def rows(self) -> Iterator[dict[str, Any]]:
        from policy_nlp.learn.instruments import share_table

        for group, labels in sorted(self.labels.items()):
            for r in share_table(labels, min_score=self.min_score):
                yield {"by": self.by, "group": group, "documents": self.documents[group], "level": r.level,
                       "label": r.label, "count": r.count, "share": r.share}  # fmt: skip


def run(args: argparse.Namespace) -> int:
    if args.by != "doc" and not args.shares:
        print("policy-nlp instruments: --by goes with --shares", file=sys.stderr)
        return 2
    if args.shares and args.by != "doc":
        groups = _Groups(args.by, args.min_score)
        return write_rows(args, "instruments", GROUP_SHARE_COLUMNS, groups.add, groups.rows)
    if args.shares:
        return write_rows(args, "instruments", SHARE_COLUMNS, lambda d: share_rows(d, min_score=args.min_score))
    return write_rows(args, "instruments", COLUMNS, lambda d: rows(d, min_score=args.min_score, below=args.below))
