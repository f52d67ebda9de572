"""``policy-nlp view FILE -o page.html``: the document with its structure and records highlighted,
as one self-contained HTML page (:func:`policy_nlp.view.write_html`)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from policy_nlp.errors import LoadError, PolicyNLPError
from policy_nlp.pipeline import analyze
from policy_nlp.view import write_html

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser("view", help="write an HTML page showing a document's structure and records")
    p.add_argument("file", metavar="FILE", help="a .txt, .html or .pdf file")
    p.add_argument("-o", "--output", metavar="PAGE.html", required=True, help="the HTML page to write")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        if not os.path.isfile(args.file):
            raise LoadError(args.file, "no such file")
        doc = analyze(args.file)
    except PolicyNLPError as exc:
        print(f"policy-nlp: {exc}", file=sys.stderr)
        return 1
    write_html(doc, args.output)
    return 0
