"""The numbers of a sentence and their roles (amount, rate, cap, condition, duration …), and the
groups of amounts joined by 、/和."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from policy_nlp.extract.incentives.cues import (
    _CAP_AFTER_RE,
    _CAP_BEFORE_RE,
    _CLAUSE_SPLIT_RE,
    _COND_AFTER_RE,
    _COND_BEFORE_RE,
    _DEADLINE_RE,
    _GRANT_VERB_RE,
    _LIST_SEP_RE,
    _OF_AFTER_RE,
    _VOLUME_RE,
    _Cue,
    _per_unit_re,
)
from policy_nlp.numerals import Quantity, find_quantities, unit_kind


# -- roles of numbers ---------------------------------------------------------------------------------
@dataclass(slots=True)
class _Num:
    q: Quantity
    start: int
    end: int
    unit: str | None
    money: bool
    percent: bool
    role: str = "other"  # amount | rate | cap | cond | other
    clause: int = 0


@dataclass(slots=True)
class _Grant:
    pos: int
    end: int
    clause: int
    items: list[_Num] = field(default_factory=list)
    cap: _Num | None = None
    negotiated: bool = False
    cue: _Cue | None = None
    rule: str = ""


def _clauses(seg: str) -> list[tuple[int, int]]:
    """Clauses of a sentence: cut at ,: (``_CLAUSE_SPLIT_RE``) outside brackets.

    >>> _clauses("对企业(含个体户,合作社)给予奖励,最高50万元")
    [(0, 17), (18, 24)]
    """
    out, start = [], 0
    depth = 0
    for m in _clause_marks().finditer(seg):
        ch = m.group()
        if ch in "(（〔[":
            depth += 1
        elif ch in ")）〕]":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append((start, m.start()))
            start = m.start() + 1
    out.append((start, len(seg)))
    return out


@cache
def _clause_marks() -> re.Pattern[str]:
    """Brackets and the characters that cut clauses (``_CLAUSE_SPLIT_RE``), one at a time."""
    return re.compile(rf"[(（〔\[)）〕\]]|{_CLAUSE_SPLIT_RE.pattern}")


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> int:
    for k, (a, b) in enumerate(clauses):
        if a <= pos < b or (pos == b and k == len(clauses) - 1):
            return k
    return len(clauses) - 1


def _inside_parens(seg: str, pos: int) -> int | None:
    """Start of the innermost open bracket before ``pos`` (None when outside brackets)."""
    stack: list[int] = []
    for i, ch in enumerate(seg[:pos]):
        if ch in "(（":
            stack.append(i)
        elif ch in ")）" and stack:
            stack.pop()
    return stack[-1] if stack else None


def _numbers(seg: str, clauses: list[tuple[int, int]]) -> list[_Num]:
    out = []
    for q in find_quantities(seg):
        unit, end = q.unit, q.end
        money = unit_kind(unit) == "money"
        if money:
            m = _per_unit_re().match(seg, end)
            if m:
                unit, end = f"{unit}{m.group()}", m.end()
        out.append(
            _Num(q, q.start, end, unit, money, q.kind == "percent", clause=_clause_of(clauses, q.start))
        )
    return out


def _classify(seg: str, nums: list[_Num], clauses: list[tuple[int, int]], cues: list[_Cue]) -> None:
    for n in nums:
        a, b = clauses[n.clause]
        pre, post = seg[a : n.start], seg[n.end : b]
        if not (n.money or n.percent):
            continue
        if re.search(r"每(?:满|新增|增加)?\s*$", pre):
            continue  # 每新增1亿元奖励10万元: what the sum is given per
        of_cond = bool(_OF_AFTER_RE.match(post)) and not _names_grant(seg, n.end, b, cues)
        if n.money and (_CAP_BEFORE_RE.search(pre) or _CAP_AFTER_RE.match(post)) and not of_cond:
            n.role = "cap"
        elif _COND_AFTER_RE.match(post) or _COND_BEFORE_RE.search(pre) or of_cond:
            n.role = "cond"
        elif (n.money and _VOLUME_RE.search(pre)) or _DEADLINE_RE.search(seg, 0, n.start):
            continue
        elif any(a <= c.start < b for c in cues):
            n.role = "amount" if n.money else "rate"
        elif n.money and "每" in pre and any(m.role == "amount" for m in nums if m.end <= n.start):
            n.role = "amount"  # 其他服务模式运营的每人每次1.5元: the cue was given for the first sum
    # a list shares the role of its members (1亿元、5亿元、10亿元的: all thresholds)
    for group in _groups(seg, nums):
        if len(group) > 1 and any(n.role == "cond" for n in group):
            for n in group:
                n.role = "cond"


def _names_grant(seg: str, end: int, clause_end: int, cues: list[_Cue]) -> bool:
    """True when the 的 after a number leads straight to a cue word (15万元的创业担保贷款)."""
    of = seg.find("的", end, clause_end)
    if of < 0:
        return False
    cue = next((c for c in cues if of < c.start < clause_end and not c.alone), None)
    return cue is not None and not _GRANT_VERB_RE.search(seg, of + 1, cue.start) and cue.start - of <= 9


def _groups(seg: str, nums: list[_Num]) -> list[list[_Num]]:
    groups: list[list[_Num]] = []
    for n in nums:
        prev = groups[-1][-1] if groups else None
        if (
            prev is not None
            and prev.money == n.money
            and prev.percent == n.percent
            and _LIST_SEP_RE.match(seg[prev.end : n.start])
            and "，" not in seg[prev.end : n.start]
            and "," not in seg[prev.end : n.start]
        ):
            groups[-1].append(n)
        else:
            groups.append([n])
    return groups

