"""Draw a pool of candidate units (Action spans) for instrument labeling.

Usage: python bench/instruments_pool.py ../shared/corpora OUT.jsonl [--laws N] [--per-doc K] [--seed S]
                                        [--exclude corpora/instruments/labels.tsv]
Writes one JSON object per unit: source, start, end, sha256, text (the pool stays outside the repo).
Draw 1 (batches b00–b12): --laws 40 --per-doc 8 --seed 13; draw 3 (b13–): --laws 40 --per-doc 3
--seed 14 --exclude corpora/instruments/labels.tsv.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

import policy_nlp


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("shared", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--laws", type=int, default=30)
    ap.add_argument("--per-doc", type=int, default=14)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--exclude", type=Path, help="a labels.tsv whose spans are not drawn again")
    a = ap.parse_args(argv)
    seen: set[tuple[str, int]] = set()
    if a.exclude:
        for line in a.exclude.read_text(encoding="utf-8").splitlines()[1:]:
            cells = line.split("\t")
            if not line.startswith("#") and len(cells) > 2 and cells[1].isdigit():
                seen.add((cells[0], int(cells[1])))
    rng = random.Random(a.seed)
    paths = sorted((a.shared / "real").glob("*.txt")) + sorted((a.shared / "govcn2019").glob("*.html"))
    laws = sorted((a.shared / "laws").rglob("*.md"))
    laws = [p for p in laws if p.name != "README.md"]
    paths += rng.sample(laws, a.laws)
    with a.out.open("w", encoding="utf-8") as fh:
        for p in paths:
            try:
                doc = policy_nlp.analyze(p)
            except Exception as e:
                print("skip", p, e, file=sys.stderr)
                continue
            rel = p.relative_to(a.shared).as_posix()
            acts = [x for x in doc.actions if 6 <= len(x.text) <= 160 and (rel, x.start) not in seen]
            rng.shuffle(acts)
            for x in sorted(acts[: a.per_doc], key=lambda x: x.start):
                sha = hashlib.sha256(x.text.encode("utf-8")).hexdigest()
                row = {"source": rel, "start": x.start, "end": x.end, "sha256": sha, "text": x.text}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
