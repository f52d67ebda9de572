"""``python -m policy_nlp.demo [CORPUS] [OUT]``: the three batch jobs on the bundled corpus.

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
from typing import Any

__all__ = ["main", "run_demo"]

ROOT = Path(__file__).resolve().parent.parent


def _write_graph(G: Any, path: Path) -> None:
    from policy_nlp import graph

    writer = getattr(graph, "write_graph", None)
    if writer is not None:
        writer(G, path)
        return
    import networkx as nx

    H = G.copy()
    for _, data in H.nodes(data=True):
        for k, v in list(data.items()):
            if isinstance(v, (list, tuple, dict)):
                data[k] = json.dumps(v, ensure_ascii=False)
    for *_, data in H.edges(data=True):
        for k, v in list(data.items()):
            if isinstance(v, (list, tuple, dict)):
                data[k] = json.dumps(v, ensure_ascii=False)
    nx.write_graphml(H, path)


def run_demo(
    corpus: str | os.PathLike[str], out: str | os.PathLike[str], *, n_process: int = 1
) -> dict[str, Path]:
    """Run the three jobs; return the paths written (``store``, ``targets``, ``graph``)."""
    from policy_nlp.batch import iter_files, run_batch
    from policy_nlp.export import export_table
    from policy_nlp.graph import build_citation_graph
    from policy_nlp.store import iter_documents, open_store

    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    db = out_dir / "results.sqlite"
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
    _write_graph(G, graph_path)
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
