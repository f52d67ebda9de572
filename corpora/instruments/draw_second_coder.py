"""A random sample of labeled references for an independent second coder (inter-annotator agreement).

Usage (from the repository root; the sample holds real text, so it stays outside the repo):

    python corpora/instruments/draw_second_coder.py ../shared/corpora OUT_DIR [--n 300] [--seed 16] [--parts 2]
    # double coding: every distinct unit text not yet in second_coder.tsv
    python corpora/instruments/draw_second_coder.py ../shared/corpora OUT_DIR --all --seed 18 --parts 8

Draws ``--n`` rows of ``labels.tsv`` at random (every batch, ``ambiguous`` rows included: calling a
unit ambiguous is part of the coding), or with ``--all`` one row for each unit text (sha256) that
``second_coder.tsv`` does not hold yet, and writes ``OUT_DIR/part{k}.jsonl``, ``--parts`` files of
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
    ap.add_argument("--all", action="store_true", help="every unit text not yet second-coded")
    a = ap.parse_args(argv)
    rows = label_rows(a.labels / "labels.tsv")
    if a.all:
        seen = {r["sha256"] for _n, r in label_rows(a.labels / "second_coder.tsv")}
        picked = [i for i, (_n, r) in enumerate(rows) if r["sha256"] not in seen and not seen.add(r["sha256"])]
    else:
        picked = sorted(random.Random(a.seed).sample(range(len(rows)), a.n))
    out = unit_records(a.shared, rows, picked)
    order = list(picked)
    random.Random(a.seed + 1).shuffle(order)  # coders do not read the units in file order
    write_parts(a.out, [out[i] for i in order], a.parts)
    return 0


def unit_records(shared: Path, rows: list[tuple[int, dict[str, str]]], picked: list[int]) -> dict[int, dict[str, object]]:
    """What a coder reads of each picked row of ``labels.tsv`` (by index): its line as ``id``, source,
    span, sha256, the unit text and its context — never a label."""
    by_source: dict[str, list[int]] = defaultdict(list)
    for i in picked:
        by_source[rows[i][1]["source"]].append(i)
    out: dict[int, dict[str, object]] = {}
    for source, idx in sorted(by_source.items()):
        doc = policy_nlp.analyze(shared / source)
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
    return out


def write_parts(out_dir: Path, records: list[dict[str, object]], parts: int) -> None:
    """``out_dir/part{k}.jsonl``: ``records`` dealt round-robin into ``parts`` files, one per coder."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for k in range(parts):
        with (out_dir / f"part{k + 1}.jsonl").open("w", encoding="utf-8") as fh:
            for rec in records[k::parts]:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
