"""The research layer at scale: ``.venv/bin/python bench/learn_scale.py [--shared DIR] [--laws 200]``.

Builds a corpus at run time from the shared corpora (a seeded sample of ``--laws`` laws, the real
texts and the gov.cn 2019 pages; nothing is copied into the repository), analyzes it in one process,
then times each part of :mod:`policy_nlp.learn` — the document-term matrix (by document and by
section), keyness, NMF topics, text reuse, the title-variant resolver and the citation graph with
reuse edges — with progress lines on stderr. Prints a Markdown table; ``--pairs FILE`` writes the
reuse passages found (document ids, spans, similarity and both passages) as TSV for hand-checking.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus(shared: Path, n_laws: int, seed: int) -> list[Path]:
    laws = sorted(p for p in (shared / "laws").rglob("*.md") if p.name != "README.md")
    picked = sorted(random.Random(seed).sample(laws, min(n_laws, len(laws))))
    real = sorted((shared / "real").glob("*.txt"))
    gov = sorted((shared / "govcn2019").glob("*.html"))
    return picked + real + gov


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--laws", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--pairs", type=Path)
    args = ap.parse_args(argv)
    if not (args.shared / "laws").is_dir():
        print(f"no shared corpora at {args.shared}", file=sys.stderr)
        return 2

    from policy_nlp import analyze
    from policy_nlp.graph import build_citation_graph
    from policy_nlp.learn.instruments import code_document, share_table
    from policy_nlp.learn.reuse import add_reuse_edges, find_reuse
    from policy_nlp.learn.titles import TitleMatcher
    from policy_nlp.learn.vectorize import PolicyCountVectorizer, document_term_matrix, keyness, topics
    from policy_nlp.progress import Progress

    paths = corpus(args.shared, args.laws, args.seed)
    times: list[tuple[str, float, str]] = []
    t0 = time.perf_counter()
    bar = Progress(len(paths), stream=sys.stderr, interval=10)
    docs = []
    for n, p in enumerate(paths, 1):
        rel = p.relative_to(args.shared)
        docs.append(analyze(p, id=str(rel)))
        bar.update(done=n)
    bar.close(done=len(paths))
    chars = sum(len(d.text) for d in docs)
    times.append(("analyze (all extractors)", time.perf_counter() - t0, f"{len(docs)} docs, {chars:,} chars"))

    t = time.perf_counter()
    bar = Progress(len(docs), stream=sys.stderr, interval=10)
    coded = []
    for n, d in enumerate(docs, 1):
        coded.extend(code_document(d))
        bar.update(done=n)
    bar.close(done=len(docs))
    shares = {r.label: r.share for r in share_table(coded) if r.level == "type"}
    times.append(("instrument coding (code_document, every action in context)", time.perf_counter() - t,
                  f"{len(coded):,} actions, {sum(lab.type != 'none' for lab in coded):,} measures: "
                  + ", ".join(f"{k} {v:.0%}" for k, v in shares.items())))
    t = time.perf_counter()
    dtm = document_term_matrix(docs, vectorizer=PolicyCountVectorizer(boilerplate=True, min_df=2))
    times.append(("DTM by document", time.perf_counter() - t, f"{dtm.X.shape[0]}×{dtm.X.shape[1]}"))
    t = time.perf_counter()
    sec = document_term_matrix(docs, by="section", vectorizer=PolicyCountVectorizer(boilerplate=True, min_df=2))
    times.append(("DTM by section", time.perf_counter() - t, f"{sec.X.shape[0]}×{sec.X.shape[1]}"))
    t = time.perf_counter()
    groups = ["policy" if i.endswith((".txt", ".html")) else "laws" for i in dtm.docs]
    key = keyness(dtm.X, groups, dtm.features, target="policy")
    times.append(("keyness (G², policy vs laws)", time.perf_counter() - t,
                  "top: " + " ".join(k.term for k in key[:8])))
    t = time.perf_counter()
    tops = topics(dtm.X, 10, feature_names=dtm.features, n_words=6)
    times.append(("topics (NMF, 10)", time.perf_counter() - t, " / ".join(" ".join(tp.words[:3]) for tp in tops[:3])))
    t = time.perf_counter()
    reuses = find_reuse(docs, progress=sys.stderr)
    pairs = Counter((r.doc_a, r.doc_b) for r in reuses)
    times.append(("reuse (find_reuse)", time.perf_counter() - t,
                  f"{len(reuses)} passages, {len(pairs)} document pairs, {sum(r.directed for r in reuses)} directed"))
    t = time.perf_counter()
    matcher = TitleMatcher.from_documents(docs)
    times.append(("title matcher (from_documents)", time.perf_counter() - t, f"{len(matcher.known)} known titles"))
    t = time.perf_counter()
    G0 = build_citation_graph(docs)
    G = build_citation_graph(docs, resolver=matcher)
    add_reuse_edges(G, docs, reuses)
    n_reuse = sum(1 for *_, k in G.edges(keys=True) if k == "reuses")
    times.append(("graph ×2 + reuse edges", time.perf_counter() - t,
                  f"policy nodes {sum(1 for _, d in G0.nodes(data=True) if d.get('type') == 'policy')} → "
                  f"{sum(1 for _, d in G.nodes(data=True) if d.get('type') == 'policy')} with the matcher; "
                  f"{n_reuse} reuse edges"))
    print("| step | seconds | result |\n| --- | ---: | --- |")
    for name, secs, what in times:
        print(f"| {name} | {secs:.1f} | {what} |")
    print(f"| **learn total (after analyze)** | {sum(s for _, s, _ in times[1:]):.1f} | |")
    if args.pairs:
        by_id = {d.id: d for d in docs}
        with open(args.pairs, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t")
            w.writerow(["n", "doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b", "similarity", "units",
                        "directed", "text_a", "text_b"])
            for n, r in enumerate(reuses):
                ta = by_id[r.doc_a].text[r.start_a : r.end_a].replace("\n", " ")
                tb = by_id[r.doc_b].text[r.start_b : r.end_b].replace("\n", " ")
                w.writerow([n, r.doc_a, r.start_a, r.end_a, r.doc_b, r.start_b, r.end_b, f"{r.similarity:.3f}",
                            r.units, r.directed, ta, tb])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
