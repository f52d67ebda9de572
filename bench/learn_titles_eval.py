"""Precision and recall of the title-variant matcher on hand-labelled pairs of cited titles:
``.venv/bin/python bench/learn_titles_eval.py`` (reads bench/title_pairs.tsv; no shared corpora needed).

A pair is predicted *same* when :func:`policy_nlp.learn.titles.title_similarity` reaches the threshold.
The labelled pool holds every candidate pair in stratum ``hi`` and a 100-pair random sample of stratum
``lo`` (see the file's header); recall over the whole pool weights the ``lo`` sample up to its stratum.
"""

from __future__ import annotations

import csv
from pathlib import Path

from policy_nlp.learn.titles import TitleMatcher, title_similarity

HERE = Path(__file__).resolve().parent
LO_STRATUM = 947  # pairs in stratum lo, of which the file holds a random 100


def main() -> int:
    with open(HERE / "title_pairs.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))
    n_lo = sum(r["stratum"] == "lo" for r in rows)
    weight = {"hi": 1.0, "lo": LO_STRATUM / n_lo if n_lo else 0.0}
    scored = [(title_similarity(r["a"], r["b"]), r["same"] == "1", r["stratum"], r) for r in rows]
    print(f"{len(rows)} labelled pairs, {sum(s for _, s, _, _ in scored)} same\n")
    print("| threshold | predicted same | true positives | precision | recall (labelled) | recall (pool, weighted) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for th in (0.8, 0.85, 0.9, 0.95, 1.0):
        tp = sum(1 for s, y, _, _ in scored if s >= th and y)
        fp = sum(1 for s, y, _, _ in scored if s >= th and not y)
        pos = sum(1 for _, y, _, _ in scored if y)
        wtp = sum(weight[st] for s, y, st, _ in scored if s >= th and y)
        wpos = sum(weight[st] for _, y, st, _ in scored if y)
        p = tp / (tp + fp) if tp + fp else 1.0
        print(f"| {th:.2f} | {tp + fp} | {tp} | {p:.3f} | {tp / pos:.3f} | {wtp / wpos:.3f} |")
    th = TitleMatcher([]).threshold
    print(f"\nErrors at the default threshold {th}:")
    for s, y, st, r in scored:
        if (s >= th) != y:
            print(f"- {'FP' if not y else 'FN'} {s:.2f} [{st}] {r['a']} | {r['b']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
