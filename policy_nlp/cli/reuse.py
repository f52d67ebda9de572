"""``policy-nlp reuse FILES_OR_DIR... [--threshold T] [--min-passage N] [--format csv|jsonl] [-o OUT]``:
passages one document copies from another.

One row per reused passage (:func:`~policy_nlp.learn.reuse.find_reuse`): the two documents (``doc_a``
reuses ``doc_b`` when ``directed`` is true: it is the later one; see docs/research.md), their
paths and dates, the span of the passage in each ``Document.text`` (and its PDF page), the
similarity (length-weighted mean cosine of the matched sentences), the number of matched units,
both passages' text and the method (``rule``; ``--extend 0`` turns off seed-and-extend) — the table to read side by side. Inputs are loaded as for ``graph``
(:func:`~policy_nlp.cli.corpus.load_corpus`: folders walked, a date in the file name used when the
document has none). Progress goes to standard error. CSV and JSONL as for ``targets``; exit code 0
when every file was read, 1 when any failed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from policy_nlp.cli.corpus import load_corpus
from policy_nlp.cli.rows import add_arguments, write_table
from policy_nlp.model import Document

__all__ = ["COLUMNS", "register", "rows", "run"]

COLUMNS = (
    "doc_a", "path_a", "date_a", "start_a", "end_a", "page_a",
    "doc_b", "path_b", "date_b", "start_b", "end_b", "page_b",
    "directed", "similarity", "units", "text_a", "text_b", "rule",
)  # fmt: skip


def register(sub: Any) -> None:
    p = sub.add_parser("reuse", help="list passages that documents copy from each other (CSV or JSONL)")
    p.add_argument("inputs", nargs="+", metavar="FILES_OR_DIR", help="files or folders (.txt .html .pdf .md)")
    add_arguments(p, files=False)
    p.add_argument("--threshold", type=float, default=0.75, metavar="T",
                   help="least cosine of two sentences (default 0.75)")
    p.add_argument("--extend", type=float, default=0.5, metavar="E",
                   help="least cosine of a sentence next to a matched one (default 0.5; 0: no extension)")
    p.add_argument("--min-passage", type=int, default=40, metavar="N",
                   help="least CJK characters of a passage in each document (default 40)")
    p.set_defaults(func=run)


def rows(docs: Sequence[Document], **options: Any) -> Iterator[dict[str, Any]]:
    """One row (:data:`COLUMNS`) per passage of :func:`~policy_nlp.learn.reuse.find_reuse`
    ``(docs, **options)``.

    >>> from policy_nlp import analyze
    >>> a = analyze("国务院关于加强职业培训的意见\\n各地要建立健全面向全体劳动者的职业培训制度。", id="a")
    >>> b = analyze("某市关于加强职业培训的实施意见\\n我市要建立健全面向全体劳动者的职业培训制度。", id="b")
    >>> [(r["doc_a"], r["doc_b"], r["text_b"]) for r in rows([a, b], min_passage=15)]
    [('a', 'b', '我市要建立健全面向全体劳动者的职业培训制度。')]
    """
    from policy_nlp.learn.reuse import find_reuse

    by_id = {d.id: d for d in docs}
    for r in find_reuse(docs, **options):
        a, b = by_id[r.doc_a], by_id[r.doc_b]
        yield {
            "doc_a": r.doc_a, "path_a": a.source.path, "date_a": a.meta.date,
            "start_a": r.start_a, "end_a": r.end_a, "page_a": a.page_of(r.start_a),
            "doc_b": r.doc_b, "path_b": b.source.path, "date_b": b.meta.date,
            "start_b": r.start_b, "end_b": r.end_b, "page_b": b.page_of(r.start_b),
            "directed": r.directed, "similarity": round(r.similarity, 4), "units": r.units,
            "text_a": a.text[r.start_a : r.end_a], "text_b": b.text[r.start_b : r.end_b], "rule": r.rule,
        }  # fmt: skip


def run(args: argparse.Namespace) -> int:
    if not 0 < args.threshold <= 1 or not 0 <= args.extend <= args.threshold:
        print(f"policy-nlp reuse: need 0 < --threshold <= 1 and 0 <= --extend <= --threshold, not {args.threshold} "
              f"and {args.extend}", file=sys.stderr)  # fmt: skip
        return 2
    docs, failed = load_corpus(args.inputs, "reuse", extract=())
    found = list(rows(docs, threshold=args.threshold, extend=args.extend or None, min_passage=args.min_passage,
                      progress=sys.stderr))  # fmt: skip
    write_table(args, COLUMNS, found)
    pairs = {(r["doc_a"], r["doc_b"]) for r in found}
    print(f"policy-nlp reuse: {len(docs)} documents, {len(found)} passages in {len(pairs)} document pairs",
          file=sys.stderr)
    return 1 if failed else 0
