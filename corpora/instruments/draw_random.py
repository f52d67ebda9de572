"""Random draws of unlabeled Actions for more training data, coded by new coders (draw 5, batches r01–;
draws 6 and 7, batches e01– and f01–).

Usage (from the repository root; the draw holds real text, so it stays outside the repo):

    python corpora/instruments/draw_random.py ../shared/corpora OUT_DIR [--per-doc 10] [--laws 100] [--per-law 5] [--parts 5] [--seed 17]
    # draw 6 and draw 7 (made before the sha256 check below: 34 of their units repeat a law clause
    # labeled elsewhere; identical texts are one example in training)
    python corpora/instruments/draw_random.py ../shared/corpora OUT_DIR --per-doc 30 --laws 200 --per-law 5 --parts 8 --seed 20
    python corpora/instruments/draw_random.py ../shared/corpora OUT_DIR --per-doc 60 --laws 200 --per-law 5 --parts 8 --seed 22

Up to ``--per-doc`` random Actions (6–160 characters) of every real text and govcn2019 page, and up to
``--per-law`` of ``--laws`` random laws that have no labeled unit yet; never a unit already in
``labels.tsv``, no unit whose text has the sha256 of a labeled unit (laws repeat clauses), and none
whose text (without whitespace) is already labeled in the drawn documents or drawn (a real text and
its govcn2019 twin share sentences). Written to ``OUT_DIR/part{k}.jsonl`` in random order, one part per
coder, with the fields of ``draw_second_coder.py`` (``id`` is ``r{part}-{n}``) and no model guess.
"""

from __future__ import annotations

import argparse
import hashlib
import random
from dataclasses import asdict
from pathlib import Path

from draw_second_coder import write_parts

import policy_nlp
from policy_nlp.learn.context import document_contexts
from policy_nlp.learn.labels import label_rows


def _key(text: str) -> str:
    return "".join(text.split())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("shared", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--labels", type=Path, default=Path("corpora/instruments"))
    ap.add_argument("--per-doc", type=int, default=10)
    ap.add_argument("--laws", type=int, default=100)
    ap.add_argument("--per-law", type=int, default=5)
    ap.add_argument("--parts", type=int, default=5)
    ap.add_argument("--seed", type=int, default=17)
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    rows = [r for _k, r in label_rows(a.labels / "labels.tsv")]
    labeled_sources = {r["source"] for r in rows}
    labeled_spans = {(r["source"], int(r["start"])) for r in rows}
    labeled_sha = {r["sha256"] for r in rows}  # a clause of a law repeated in another labeled law
    seen = {_key(r["text"]) for _k, r in label_rows(a.labels / "written.tsv")}
    docs = [
        (p, a.per_doc)
        for p in sorted((a.shared / "real").glob("*.txt")) + sorted((a.shared / "govcn2019").glob("*.html"))
    ]
    laws = [p for p in sorted((a.shared / "laws").rglob("*.md"))
            if p.name != "README.md" and p.relative_to(a.shared).as_posix() not in labeled_sources]  # fmt: skip
    docs += [(p, a.per_law) for p in rng.sample(laws, a.laws)]
    drawn: list[dict[str, object]] = []
    labeled_text: set[str] = set()
    pool = []
    for p, per in docs:
        doc = policy_nlp.analyze(p)
        rel = p.relative_to(a.shared).as_posix()
        for r in rows:
            if r["source"] == rel:
                labeled_text.add(_key(doc.text[int(r["start"]) : int(r["end"])]))
        pool.append((rel, doc, per))
    seen |= labeled_text
    for rel, doc, per in pool:
        cands = [(x, c) for x, c in zip(doc.actions, document_contexts(doc), strict=True)
                 if 6 <= len(x.text) <= 160 and (rel, x.start) not in labeled_spans]  # fmt: skip
        rng.shuffle(cands)
        n = 0
        for x, c in cands:
            sha = hashlib.sha256(x.text.encode("utf-8")).hexdigest()
            if n >= per or _key(x.text) in seen or sha in labeled_sha:
                continue
            seen.add(_key(x.text))
            n += 1
            drawn.append({"source": rel, "start": x.start, "end": x.end,
                          "sha256": sha,
                          "text": x.text, "context": asdict(c)})  # fmt: skip
    rng.shuffle(drawn)
    # dealt round-robin, so unit i goes to part i % parts as its (i // parts)-th line
    write_parts(a.out, [{"id": f"r{i % a.parts + 1}-{i // a.parts}", **row} for i, row in enumerate(drawn)], a.parts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
