"""The units whose two independent codings differ, for an adjudicator.

Usage (from the repository root; the units hold real text, so they stay outside the repo):

    python corpora/instruments/draw_adjudication.py ../shared/corpora OUT_DIR [--seed 19] [--parts 4]

For every unit text (sha256) coded in both ``labels.tsv`` and ``second_coder.tsv`` whose codings
differ in type or tool (``ambiguous`` counts as a type; an ambiguous unit's leaning tool does not
count) and that ``adjudicated.tsv`` does not settle yet, writes the fields of
``draw_second_coder.py`` plus ``codings``: the two codings as ``A`` and ``B`` in an order drawn at
random per unit, each with its coder's note, so the adjudicator cannot tell the first coder from the
second. The adjudicator answers in ``part{k}_labels.tsv`` (``id``, ``type``, ``tool``, ``note``);
``merge_coded.py --batch a --into corpora/instruments/adjudicated.tsv`` stores the answers as references.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from draw_second_coder import unit_records, write_parts

from policy_nlp.learn.labels import final_labels, label_rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("shared", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--labels", type=Path, default=Path("corpora/instruments"))
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--parts", type=int, default=4)
    a = ap.parse_args(argv)
    rows = label_rows(a.labels / "labels.tsv")
    second = {r["sha256"]: r for _n, r in label_rows(a.labels / "second_coder.tsv")}
    open_ = {sha for sha, (_t, _o, how) in final_labels(a.labels).items() if how == "unadjudicated"}
    picked, seen = [], set()
    for i, (_n, r) in enumerate(rows):
        if r["sha256"] in open_ and r["sha256"] not in seen:
            seen.add(r["sha256"])
            picked.append(i)
    out = unit_records(a.shared, rows, picked)
    rng = random.Random(a.seed)
    for i in picked:
        first, other = rows[i][1], second[rows[i][1]["sha256"]]
        pair = [{k: c[k] for k in ("type", "tool", "note")} for c in (first, other)]
        rng.shuffle(pair)
        out[i]["codings"] = dict(zip("AB", pair, strict=True))
    order = list(picked)
    rng.shuffle(order)
    write_parts(a.out, [out[i] for i in order], a.parts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
