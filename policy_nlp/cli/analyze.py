"""``policy-nlp analyze FILE... [-o OUT.jsonl] [--summary] [--instruments]``: one JSON document per
line, or a readable overview of each (:func:`policy_nlp.summary.summarize`); ``--instruments`` codes
each action's policy instrument (``instrument_type``, ``instrument_tool``, ``instrument_score``)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from policy_nlp.errors import PolicyNLPError
from policy_nlp.pipeline import analyze
from policy_nlp.summary import summarize

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser("analyze", help="analyze files and write one JSON document per line (JSONL)")
    p.add_argument("files", nargs="+", metavar="FILE", help=".txt, .html or .pdf files")
    p.add_argument("-o", "--output", metavar="OUT.jsonl", help="write here instead of standard output")
    p.add_argument("--summary", action="store_true", help="a readable overview of each file instead of JSON")
    p.add_argument(
        "--instruments", action="store_true", help="code each action's policy instrument (type, tool, score)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    failed = 0
    out: TextIO = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        for path in args.files:
            try:
                doc = analyze(path, instruments=args.instruments) if _is_file(path) else _missing(path)
            except PolicyNLPError as exc:
                failed += 1
                print(f"policy-nlp: {exc}", file=sys.stderr)
                continue
            if args.summary:
                out.write(f"== {path}\n{summarize(doc)}\n")
            else:
                out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if failed else 0


def _is_file(path: str) -> bool:
    import os

    return os.path.isfile(path)


def _missing(path: str) -> Any:
    from policy_nlp.errors import LoadError

    raise LoadError(path, "no such file")
