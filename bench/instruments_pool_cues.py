"""Second, cue-enriched draw of candidate units for instrument labeling (batches c00–c04).

Usage: python bench/instruments_pool_cues.py ../shared/corpora FIRST_POOL.json OUT.json
Actions of real/ and govcn2019/ not in the first draw whose text holds a demand, supply or environment
cue word, at most 6 per document (demand: 260, supply: 160, environment: 100 wanted), shuffled (seed 5).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from pathlib import Path

import policy_nlp

CUES = {
    "demand": "采购|购买服务|外包|出口|进口|外贸|跨境|海外|境外|国际合作|论坛|展会|博览会|交流|示范|应用场景|推广应用|试点应用|以旧换新|消费|首台",
    "supply": "培养|培训|人才|引进|学科|院校|资金|补助|补贴|奖励|研发|攻关|实验室|成果转化|平台|建设|改造|设施|养老|托育|医疗服务|数据库|信息平台|监测",
    "env": "贷款|担保|融资|保险|基金|减税|免税|税收|降费|规划|方案|目标|标准|监管|执法|宣传|表彰|营商环境|领导小组|协调机制|督查",
}
TAKE = {"demand": 260, "supply": 160, "env": 100}


def main(argv: list[str]) -> int:
    shared, first, out = Path(argv[0]), Path(argv[1]), Path(argv[2])
    seen = {(r["source"], r["start"]) for r in json.loads(first.read_text(encoding="utf-8"))}
    rng = random.Random(5)
    paths = sorted((shared / "real").glob("*.txt")) + sorted((shared / "govcn2019").glob("*.html"))
    cand: dict[str, list[dict[str, object]]] = {k: [] for k in CUES}
    for p in paths:
        rel = p.relative_to(shared).as_posix()
        for a in policy_nlp.analyze(p).actions:
            if (rel, a.start) in seen or not 6 <= len(a.text) <= 160:
                continue
            for k, pat in CUES.items():
                if re.search(pat, a.text):
                    sha = hashlib.sha256(a.text.encode("utf-8")).hexdigest()
                    cand[k].append({"source": rel, "start": a.start, "end": a.end, "sha256": sha, "text": a.text})
                    break
    rows: list[dict[str, object]] = []
    for k, n in TAKE.items():
        xs = cand[k]
        rng.shuffle(xs)
        per: dict[object, int] = {}
        for x in xs:
            if per.get(x["source"], 0) >= 6:
                continue
            per[x["source"]] = per.get(x["source"], 0) + 1
            rows.append(x)
            if sum(per.values()) >= n:
                break
    rng.shuffle(rows)
    out.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
