"""A random sample of labeled references for an independent second coder (inter-annotator agreement).

Usage (from the repository root; the sample holds real text, so it stays outside the repo):

    python corpora/instruments/draw_second_coder.py ../shared/corpora OUT_DIR [--n 300] [--seed 16] [--parts 2]

Draws ``--n`` rows of ``labels.tsv`` at random (every batch, ``ambiguous`` rows included: calling a
unit ambiguous is part of the coding) and writes ``OUT_DIR/part{k}.jsonl``, ``--parts`` files of
about equal size, one per coder. Each JSON line: ``id`` (the row's line in ``labels.tsv``), source,
start, end, sha256, the unit text and the context a coder reads (heading path, genre, review part,
the text before and after it) — **never the first label**. The second coder answers in a TSV
(``id``, ``type``, ``tool``, ``note``), which :func:`policy_nlp.learn.labels.read_second_coder`
reads back as references.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

import policy_nlp
from policy_nlp.learn.context import document_contexts
from policy_nlp.learn.labels import label_rows, resolve_label


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("shared", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--labels", type=Path, default=Path("corpora/instruments"))
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--parts", type=int, default=2)
    a = ap.parse_args(argv)
    rows = label_rows(a.labels / "labels.tsv")
    picked = sorted(random.Random(a.seed).sample(range(len(rows)), a.n))
    by_source: dict[str, list[int]] = defaultdict(list)
    for i in picked:
        by_source[rows[i][1]["source"]].append(i)
    out: dict[int, dict[str, object]] = {}
    for source, idx in sorted(by_source.items()):
        doc = policy_nlp.analyze(a.shared / source)
        ctx = dict(zip(((x.start, x.end) for x in doc.actions), document_contexts(doc), strict=True))
        for i in idx:
            line, r = rows[i]
            found = resolve_label(doc, r)
            if found is None:
                raise SystemExit(
                    f"labels.tsv line {line} drifted; run python -m policy_nlp.learn.labels first"
                )
            s, e, _how = found
            c = ctx.get((s, e))
            out[i] = {"id": line, "source": source, "start": s, "end": e, "sha256": r["sha256"],
                      "text": doc.text[s:e], "context": asdict(c) if c else None}  # fmt: skip
    order = list(picked)
    random.Random(a.seed + 1).shuffle(order)  # coders do not read the units in file order
    a.out.mkdir(parents=True, exist_ok=True)
    for k in range(a.parts):
        with (a.out / f"part{k + 1}.jsonl").open("w", encoding="utf-8") as fh:
            for i in order[k :: a.parts]:
                fh.write(json.dumps(out[i], ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
