"""``policy-nlp graph FILES_OR_DIR... -o graph.graphml|.gexf|.json|.csv|.html|.png``.

Folders are walked for .txt/.html/.htm/.pdf/.md files (:func:`policy_nlp.batch.iter_files`; a
folder's README.md and GOLD.md are left out). Markdown files (``# title`` first line, as in the laws
collection) are read as text. ``--catalog`` attaches a CSV/JSON file of known
policies. A summary (documents, nodes, edges, most cited) goes to standard error.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from policy_nlp.batch import iter_files
from policy_nlp.errors import PolicyNLPError

__all__ = ["register", "run"]

_DATE_IN_NAME = re.compile(r"\((\d{4}-\d{2}-\d{2})\)")


def register(sub: Any) -> None:
    p = sub.add_parser("graph", help="build the citation graph of a corpus and write it")
    p.add_argument("inputs", nargs="+", metavar="FILES_OR_DIR", help="files or folders (.txt .html .pdf .md)")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="graph file: .graphml, .gexf, .json, .csv, .html or .png")
    p.add_argument("--catalog", metavar="CSV_OR_JSON", help="known policies to resolve citations against")
    p.add_argument("--top", type=int, default=5, metavar="N", help="print the N most cited (default 5)")
    p.set_defaults(func=run)


def _load(path: Path) -> Any:
    from policy_nlp.pipeline import analyze

    doc = analyze(str(path), extract=("citations",))
    if doc.meta.date is None:
        m = _DATE_IN_NAME.search(path.name)
        if m:
            from dataclasses import replace

            doc = replace(doc, meta=replace(doc.meta, date=m.group(1)))
    return doc


def run(args: argparse.Namespace) -> int:
    from policy_nlp.graph import GRAPH_FORMATS, build_citation_graph, most_cited, write_graph

    suffix = Path(args.output).suffix.lower()
    if suffix not in GRAPH_FORMATS and suffix != ".htm":
        print(f"policy-nlp graph: unknown output format {suffix!r}; valid: {', '.join(GRAPH_FORMATS)}",
              file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    docs = []
    failed = 0
    for path in map(Path, iter_files(args.inputs)):
        if not path.is_file():
            failed += 1
            print(f"policy-nlp: {path}: no such file", file=sys.stderr)
            continue
        try:
            docs.append(_load(path))
        except PolicyNLPError as exc:
            failed += 1
            print(f"policy-nlp: {exc}", file=sys.stderr)
    try:
        G = build_citation_graph(docs, resolver=args.catalog)
    except PolicyNLPError as exc:
        print(f"policy-nlp: {exc}", file=sys.stderr)
        return 1
    try:
        write_graph(G, args.output)
    except ImportError as exc:
        print(f"policy-nlp: {exc}", file=sys.stderr)
        return 1
    secs = time.perf_counter() - t0
    print(f"{len(docs)} documents, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges "
          f"-> {os.fspath(args.output)} ({secs:.1f} s)", file=sys.stderr)
    for key, n in most_cited(G, args.top):
        print(f"  {n:5d}  {G.nodes[key].get('title') or key}", file=sys.stderr)
    return 1 if failed else 0
