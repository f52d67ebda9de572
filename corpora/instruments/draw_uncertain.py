"""Draw 4 (batches u00–): unlabeled Actions of the real texts and govcn2019 pages where the model is weakest.

Usage (from the repository root; the pool stays outside the repo):

    python corpora/instruments/draw_uncertain.py ../shared/corpora OUT.jsonl [--per-kind 60] [--seed 15]

A model with context (``InstrumentClassifier()``) is fitted on every labeled unit; then, over the Actions
(6–160 characters) not yet in ``labels.tsv``, it takes (1) ``boundary``: the units whose two most probable
types are ``none`` and a measure type, closest to a tie, and (2) ``rare``: units predicted as one of the
rare tools (tax, strategy, planning, public_service, consumption, technology), the least certain first;
at most 2 units per document and kind, ``--per-kind`` of each. Each JSON line: source, start, end, sha256,
kind, the model's guess (not shown while labeling), text, and the context a coder reads.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import policy_nlp
from policy_nlp.learn.context import document_contexts
from policy_nlp.learn.instruments_train import InstrumentClassifier
from policy_nlp.learn.labels import dedupe, read_labels

RARE = ("tax", "strategy", "planning", "public_service", "consumption", "technology")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("shared", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--labels", type=Path, default=Path("corpora/instruments"))
    ap.add_argument("--per-kind", type=int, default=60)
    ap.add_argument("--seed", type=int, default=15)
    a = ap.parse_args(argv)
    units, _ = read_labels(a.labels, a.shared)
    units = dedupe(units)
    clf = InstrumentClassifier().fit([(u.text, u.context) for u in units], [u.tool for u in units])
    seen_text = {"".join(u.text.split()) for u in units}
    labeled: set[tuple[str, int]] = set()
    for line in (a.labels / "labels.tsv").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if not line.startswith("#") and len(cells) > 2 and cells[1].isdigit():
            labeled.add((cells[0], int(cells[1])))
    paths = sorted((a.shared / "real").glob("*.txt")) + sorted((a.shared / "govcn2019").glob("*.html"))
    cands = []
    for p in paths:
        doc = policy_nlp.analyze(p)
        rel = p.relative_to(a.shared).as_posix()
        for x, c in zip(doc.actions, document_contexts(doc), strict=True):
            if 6 <= len(x.text) <= 160 and (rel, x.start) not in labeled and "".join(x.text.split()) not in seen_text:
                cands.append((rel, x, c))
    rng = random.Random(a.seed)
    rng.shuffle(cands)
    Xv = clf.transform([(x.text, c) for _r, x, c in cands])
    tp = clf.type_model_.predict_proba(Xv)
    types = list(clf.type_model_.classes_)
    labs = clf.predict_labels([(x.text, c) for _r, x, c in cands])
    boundary, rare = [], []
    for i in range(len(cands)):
        order = sorted(range(len(types)), key=lambda k: -tp[i][k])
        top2 = {types[order[0]], types[order[1]]}
        if "none" in top2:
            boundary.append((tp[i][order[0]] - tp[i][order[1]], i))
        if labs[i].tool in RARE:
            rare.append((labs[i].score, i))
    picked: list[tuple[str, int]] = []
    for kind, pool in (("boundary", sorted(boundary)), ("rare", sorted(rare))):
        per_doc: Counter[str] = Counter()
        n = 0
        for _s, i in pool:
            rel = cands[i][0]
            if per_doc[rel] >= 2 or any(i == j for _k, j in picked):
                continue
            per_doc[rel] += 1
            picked.append((kind, i))
            n += 1
            if n >= a.per_kind:
                break
    with a.out.open("w", encoding="utf-8") as fh:
        for kind, i in sorted(picked, key=lambda ki: (cands[ki[1]][0], cands[ki[1]][1].start)):
            rel, x, c = cands[i]
            row = {"source": rel, "start": x.start, "end": x.end, "sha256": hashlib.sha256(x.text.encode("utf-8")).hexdigest(),
                   "kind": kind, "guess": f"{labs[i].type}/{labs[i].tool}", "text": x.text, "context": asdict(c)}  # fmt: skip
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
