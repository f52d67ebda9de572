"""分别: the objects or the tier conditions of an n-item list before n amounts
(对A、B、C分别奖励…; 1000万元及以上至5000万元、5000万元以上的…)."""

from __future__ import annotations

import re
from dataclasses import replace

from policy_nlp.extract.incentives.conditions import _condition
from policy_nlp.extract.incentives.cues import (
    _DIGIT_RE,
    _ITEM_SPLIT_RE,
    _LEAD_TRIM,
    _OBJECT_LEAD_RE,
    _TAIL_TRIM,
)
from policy_nlp.extract.incentives.numbers import _clauses
from policy_nlp.model import Condition


def _distribution(seg: str, lead: tuple[int, int], n: int) -> tuple[list[str], list[Condition], set[int]]:
    """Objects or tier conditions of an n-item list in the lead (对A、B、C分别…)."""
    if n < 2:
        return [], [], set()
    a, b = lead
    sub = _clauses(seg[a:b])
    for k in range(len(sub) - 1, -1, -1):
        ca, cb = sub[k][0] + a, sub[k][1] + a
        part = seg[ca:cb]
        pieces, pos = [], 0
        for m in _ITEM_SPLIT_RE.finditer(part):
            pieces.append((pos, m.start()))
            pos = m.end()
        pieces.append((pos, len(part)))
        if len(pieces) != n:
            continue
        if all(_DIGIT_RE.search(part[x:y]) for x, y in pieces):
            x, y = pieces[-1]
            tail = re.search(r"\d[^\d]*?(的)", part[x:y])
            if tail is not None:  # 10亿元的制造业企业: the tier ends at 的
                pieces[-1] = (x, x + tail.start(1))
            conds: list[Condition] = []
            subject = None
            for x, y in pieces:
                c = _condition(seg, ca + x, ca + y, subject)
                if c is not None:
                    subject = subject or c.subject
                    if c.comparator == "eq" and conds:  # 突破1亿元、5亿元: the comparator carries over
                        c = replace(c, comparator=conds[0].comparator)
                    conds.append(c)
            if len(conds) == n:
                return [], conds, {k}
            return [], [], set()
        objects = [
            _OBJECT_LEAD_RE.sub("", part[x:y].strip()).strip(_LEAD_TRIM).strip(_TAIL_TRIM) for x, y in pieces
        ]
        if all(objects):
            return objects, [], {k}
    return [], [], set()

