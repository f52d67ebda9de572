"""``policy-nlp graph FILES_OR_DIR... -o graph.graphml|.gexf|.json|.csv|.html|.png``.

Folders are walked for .txt/.html/.htm/.pdf/.md files (:func:`policy_nlp.cli.corpus.load_corpus`;
a folder's README.md and GOLD.md are left out). Markdown files (``# title`` first line, as in the
laws collection) are read as text. ``--catalog`` attaches a CSV/JSON file of known policies;
``--match-titles`` resolves citations whose titles are written slightly differently (进一步/切实,
quotes, 的, an issuer or not) to one node (:class:`~policy_nlp.learn.titles.TitleMatcher` over the
corpus's titles and citations, after the catalog); ``--reuse`` adds ``reuses`` edges from each
document to the documents it copies passages from (:func:`~policy_nlp.learn.reuse.find_reuse`,
:func:`~policy_nlp.learn.reuse.add_reuse_edges`; progress on standard error). A summary
(documents, nodes, edges, most cited) goes to standard error.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from policy_nlp.cli.corpus import load_corpus
from policy_nlp.errors import PolicyNLPError

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser("graph", help="build the citation graph of a corpus and write it")
    p.add_argument("inputs", nargs="+", metavar="FILES_OR_DIR", help="files or folders (.txt .html .pdf .md)")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="graph file: .graphml, .gexf, .json, .csv, .html or .png")
    p.add_argument("--catalog", metavar="CSV_OR_JSON", help="known policies to resolve citations against")
    p.add_argument("--match-titles", action="store_true",
                   help="resolve title variants of the same policy to one node (after the catalog)")
    p.add_argument("--reuse", action="store_true", help="add 'reuses' edges between documents that copy passages")
    p.add_argument("--top", type=int, default=5, metavar="N", help="print the N most cited (default 5)")
    p.set_defaults(func=run)


def _resolver(args: argparse.Namespace, docs: list[Any]) -> Any:
    """The catalog (``--catalog``), the title matcher (``--match-titles``), both in that order, or None."""
    from policy_nlp.resolve import make_resolver

    catalog = make_resolver(args.catalog)
    if not args.match_titles:
        return catalog
    from policy_nlp.learn.titles import TitleMatcher

    matcher = TitleMatcher.from_documents(docs)
    if catalog is None:
        return matcher
    return lambda citation: catalog(citation) or matcher(citation)


def run(args: argparse.Namespace) -> int:
    from policy_nlp.graph import GRAPH_FORMATS, build_citation_graph, most_cited, write_graph

    suffix = Path(args.output).suffix.lower()
    if suffix not in GRAPH_FORMATS and suffix != ".htm":
        print(f"policy-nlp graph: unknown output format {suffix!r}; valid: {', '.join(GRAPH_FORMATS)}",
              file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    docs, failed = load_corpus(args.inputs, "graph", extract=("citations",))
    try:
        G = build_citation_graph(docs, resolver=_resolver(args, docs))
    except PolicyNLPError as exc:
        print(f"policy-nlp: {exc}", file=sys.stderr)
        return 1
    reused = ""
    if args.reuse:
        from policy_nlp.learn.reuse import add_reuse_edges, find_reuse

        passages = find_reuse(docs, progress=sys.stderr)
        add_reuse_edges(G, docs, passages)
        edges = sum(1 for _, _, k in G.edges(keys=True) if k == "reuses")
        reused = f" ({len(passages)} reused passages, {edges} reuses edges)"
    try:
        write_graph(G, args.output)
    except ImportError as exc:
        print(f"policy-nlp: {exc}", file=sys.stderr)
        return 1
    secs = time.perf_counter() - t0
    print(f"{len(docs)} documents, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges{reused} "
          f"-> {os.fspath(args.output)} ({secs:.1f} s)", file=sys.stderr)
    for key, n in most_cited(G, args.top):
        print(f"  {n:5d}  {G.nodes[key].get('title') or key}", file=sys.stderr)
    return 1 if failed else 0
