"""``python -m policy_nlp.demo [CORPUS] [OUT]``: the main jobs on the bundled corpus.

0. ``policy-nlp analyze`` of the seed directive into ``out/analyze.jsonl``, with a readable summary;
1. analyze ``corpora/`` into the SQLite store ``out/results.sqlite`` (resumable: a second run skips);
2. export the ``targets`` table to ``out/targets.csv``;
3. build the citation graph of the stored documents and write ``out/citations.graphml``.

It prints where each result landed.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["main", "run_demo"]

ROOT = Path(__file__).resolve().parent.parent


def show_document(path: Path, out: Path) -> None:
    """``policy-nlp analyze PATH -o OUT`` and a short summary of what it found."""
    from policy_nlp.cli import main as cli
    from policy_nlp.model import Document
    from policy_nlp.summary import summarize

    cli(["analyze", os.fspath(path), "-o", os.fspath(out)])
    with open(out, encoding="utf-8") as fh:
        doc = Document.from_dict(json.loads(fh.readline()))
    print(f"0. analyze:  {out}")
    print("\n".join("   " + line for line in summarize(doc).splitlines()))


def run_demo(
    corpus: str | os.PathLike[str], out: str | os.PathLike[str], *, n_process: int = 1
) -> dict[str, Path]:
    """Run the three jobs; return the paths written (``store``, ``targets``, ``graph``)."""
    from policy_nlp.batch import iter_files, run_batch
    from policy_nlp.errors import SchemaError
    from policy_nlp.export import export_table
    from policy_nlp.graph import build_citation_graph, write_graph
    from policy_nlp.store import iter_documents, open_store

    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    seed = Path(corpus) / "shanghai_acftu_2011.txt"
    if seed.is_file():
        show_document(seed, out_dir / "analyze.jsonl")
    db = out_dir / "results.sqlite"
    try:
        open_store(db).close()
    except SchemaError as exc:  # left by an older policy_nlp: the demo's own output, start afresh
        print(f"   ({exc}: replaced)")
        db.unlink()
    summary = run_batch(list(iter_files([os.fspath(corpus)])), db, n_process=n_process)
    print(f"1. store:    {db}  ({summary.line()})")
    targets = out_dir / "targets.csv"
    n = export_table(db, "targets", targets)
    print(f"2. targets:  {targets}  ({n} rows)")
    conn = open_store(db)
    try:
        G = build_citation_graph(iter_documents(conn))
    finally:
        conn.close()
    graph_path = out_dir / "citations.graphml"
    write_graph(G, graph_path)
    print(f"3. graph:    {graph_path}  ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")
    for f in summary.failures:
        print(f"   failed: {f.path}: {f.error_type}: {f.message}")
    return {"store": db, "targets": targets, "graph": graph_path}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    corpus = args[0] if args else str(ROOT / "corpora")
    out = args[1] if len(args) > 1 else "out"
    run_demo(corpus, out, n_process=min(2, os.cpu_count() or 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
