"""Recall of text reuse under the edits local documents make when they copy a central one:
``.venv/bin/python bench/reuse_recall.py [--shared ../shared/corpora]``.

Real directives of ``real/`` (意见, 通知, 方案 …; not work reports) are the sources. From each, a
*local version* is built the way implementing documents are written: a seeded random 60% of its
sentence units (``split_units``) are copied in order, with local filler sentences (written here,
in no source) between some of them, and each copied unit is edited at one of four levels:

* ``verbatim``: unchanged;
* ``light``: the central words made local (国务院→省人民政府, 各地区→各市（州）, 全国→全省 …) and
  我省 put in front of some units;
* ``medium``: light, and one clause (between ，or ；) dropped from half the units that have two or more;
* ``heavy``: light, one clause dropped from every unit that has two or more, 结合本省实际，put in
  front, and two clauses swapped in a third of them.

:func:`~policy_nlp.learn.reuse.find_reuse` runs on each pair, with its defaults and without the
extension (``extend=None``); a copied unit is *found* when the passage spans cover it in the source. The edits are simulated — real local documents also
rewrite more freely — so the figures are an upper bound for that kind of reuse and a lower bound
for verbatim copies. Nothing is written; the table goes to standard output.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL_WORDS = (("国务院各部委、各直属机构", "省政府各部门、各直属机构"), ("国务院", "省人民政府"),
               ("各省、自治区、直辖市", "各市（州）"), ("各地区", "各市（州）"), ("各地", "各市（州）"),
               ("全国", "全省"), ("国家级", "省级"), ("中央", "省级"), ("各部门", "省直各部门"))  # fmt: skip
FILLER = ("各市（州）要结合本地实际，抓紧制定具体实施办法，确保各项措施落到实处。",
          "省直有关部门要加强工作指导，及时研究解决实施中遇到的困难和问题。",
          "各级财政部门要统筹安排相关资金，为工作开展提供必要保障。",
          "省政府督查室将适时开展专项督查，督查结果纳入年度目标责任考核。")  # fmt: skip
_CLAUSE = re.compile(r"[^，,；;]+[，,；;]?")


def localize(unit: str, level: str, rng: random.Random) -> str:
    """``unit`` edited at ``level`` (see the module docstring)."""
    if level == "verbatim":
        return unit
    for central, local in LOCAL_WORDS:
        unit = unit.replace(central, local)
    clauses = _CLAUSE.findall(unit)
    if len(clauses) >= 2 and (level == "heavy" or (level == "medium" and rng.random() < 0.5)):
        del clauses[rng.randrange(len(clauses))]
        if not clauses[-1].endswith(("。", "；", ";")):
            clauses[-1] = clauses[-1].rstrip("，,") + "。"
    if level == "heavy" and len(clauses) >= 2 and rng.random() < 1 / 3:
        i = rng.randrange(len(clauses) - 1)
        a, b = clauses[i].rstrip("，,；;"), clauses[i + 1].rstrip("，,；;。")
        clauses[i], clauses[i + 1] = b + "，", a + ("。" if i + 1 == len(clauses) - 1 else "，")
    unit = "".join(clauses)
    if level == "heavy":
        unit = "结合本省实际，" + unit
    elif rng.random() < 0.3:
        unit = "我省" + unit
    return unit


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if not (args.shared / "real").is_dir():
        print(f"no shared corpora at {args.shared}", file=sys.stderr)
        return 2
    from policy_nlp import analyze
    from policy_nlp.learn.reuse import find_reuse, split_units

    sources = []
    for p in sorted((args.shared / "real").glob("*.txt")):
        d = analyze(p, id=p.stem, extract=())
        if d.meta.genre != "报告" and "work_report" not in p.stem:
            sources.append(replace(d, meta=replace(d.meta, date="2020-01-01")))
    print(f"{len(sources)} source documents", file=sys.stderr)
    print("| edits | copied units | recall, no extension | recall (default: extend=0.5) | passages | later document first |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for level in ("verbatim", "light", "medium", "heavy"):
        rng = random.Random(args.seed)
        copied = passages = directed = 0
        found = {None: 0, 0.5: 0}
        for src in sources:
            units = split_units(src.text)
            kept = sorted(rng.sample(range(len(units)), k=round(0.6 * len(units))))
            parts = ["某省人民政府关于贯彻落实有关工作的实施意见"]
            for k in kept:
                parts.append(localize(src.text[units[k][0] : units[k][1]], level, rng))
                if rng.random() < 0.25:
                    parts.append(rng.choice(FILLER))
            local = analyze("\n".join(parts), id="local", extract=())
            local = replace(local, meta=replace(local.meta, date="2021-06-01"))
            copied += len(kept)
            for extend in found:
                reuses = find_reuse([src, local], extend=extend)
                spans = [(r.start_b, r.end_b) for r in reuses if r.doc_b == src.id]
                found[extend] += sum(any(s <= units[k][0] and units[k][1] <= e for s, e in spans) for k in kept)
            passages += len(reuses)
            directed += sum(r.directed and r.doc_a == "local" for r in reuses)
        recall = [f"{n / max(1, copied):.3f}" for n in found.values()]
        print(f"| {level} | {copied:,} | {recall[0]} | {recall[1]} | {passages:,} | {directed:,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
