"""Conditions: the clauses before a grant that hold a number, as
:class:`~policy_nlp.model.Condition` records (split at 且 and 、)."""

from __future__ import annotations

import re
from dataclasses import replace

from policy_nlp.extract.incentives.cues import (
    _ARTICLE_ANY_RE,
    _COND_AFTER_RE,
    _COND_BEFORE_RE,
    _COND_SPLIT_RE,
    _DIGIT_RE,
    _DURATION_RE,
    _GIVE_RE,
    _ITEM_NUMBER_RE,
    _LEAD_TRIM,
    _PAREN_COND_RE,
    _SUBJECT_TRIM_RE,
    _TAIL_TRIM,
    _Cue,
)
from policy_nlp.extract.incentives.numbers import _clauses
from policy_nlp.model import Comparator, Condition
from policy_nlp.numerals import find_quantities


def _conditions(
    text: str, seg: str, s0: int, lead: tuple[int, int], *, skip: set[int], cues: list[_Cue]
) -> list[Condition]:
    a, b = lead
    out = []
    for k, (x, y) in enumerate(_clauses(seg[a:b])):
        if k in skip:
            continue
        ca, cb = a + x, a + y
        clause = seg[ca:cb].rstrip(_TAIL_TRIM)
        if _GIVE_RE.search(clause) or any(clause.endswith(c.word) for c in cues):
            continue  # 参照其地方财政贡献给予企业连续5年奖励: the grant, not a condition
        cuts = [(m.start(), m.end()) for m in _COND_SPLIT_RE.finditer(seg, ca, cb)]
        for m in _PAREN_COND_RE.finditer(seg, ca, cb):
            cuts = [c for c in cuts if not m.start() < c[0] < m.end()] + [
                (m.start(), m.start() + 1),
                (m.end() - 1, m.end()),
            ]
        pos = ca
        for cut in [*sorted(cuts), None]:
            pe = cut[0] if cut is not None else cb
            piece = seg[pos:pe]
            if _has_number(piece) and not _DURATION_RE.fullmatch(piece.strip(_LEAD_TRIM + _TAIL_TRIM)):
                c = _condition(seg, pos, pe, None)
                if c is not None:
                    out.append(c)
            if cut is not None:
                pos = cut[1]
    return [replace(c, start=c.start + s0, end=c.end + s0, text=text[c.start + s0 : c.end + s0]) for c in out]


def _has_number(piece: str) -> bool:
    """A digit, or a Chinese numeral other than 一 (五百万元, 三年以上); article numbers (第2条) and a
    leading item number ((三), 第 4 条) do not count."""
    piece = _ARTICLE_ANY_RE.sub("", _ITEM_NUMBER_RE.sub("", piece, count=1))
    if _DIGIT_RE.search(piece):
        return True
    return any(q.chinese and q.value != 1 for q in find_quantities(piece))


def _condition(seg: str, a: int, b: int, subject: str | None) -> Condition | None:
    m = _ITEM_NUMBER_RE.match(seg, a)
    if m is not None and m.end() < b:
        a = m.end()
    if seg.startswith("并", a) and not seg.startswith("并购", a):
        a += 1  # 并与其签订1年以上劳动合同
    while a < b and seg[a] in _LEAD_TRIM:
        a += 1
    while b > a and seg[b - 1] in _TAIL_TRIM:
        b -= 1
    if a >= b:
        return None
    piece = seg[a:b]
    qs = [q for q in find_quantities(piece) if q.kind != "year"]
    comparator: Comparator = "eq"
    value = value_max = None
    unit = None
    if qs:
        # the number next to a comparator (一个行政村…民宿5家以上: 5家, not 一个)
        near = [
            q for q in qs if _COND_AFTER_RE.match(piece, q.end) or _COND_BEFORE_RE.search(piece[: q.start])
        ]
        last_of = piece.rfind("的")
        after_of = [q for q in near if q.start > last_of >= 0]
        q = after_of[0] if after_of else near[0] if near else qs[0]  # 超过100人的企业达到15%: 15%
        qs = qs[qs.index(q) :]
        value, unit = q.value, q.unit
        value_max = q.value_max
        before, after = piece[: q.start], piece[q.end :]
        if len(qs) > 1 and re.match(r"^\s*(?:及以上)?\s*至\s*$", piece[q.end : qs[1].start]):
            value_max, comparator = qs[1].value, "ge"
        elif re.match(r"\s*(?:[(（]含[^)）]*[)）])?\s*(?:及\s*以\s*上|及其以上)", after):
            comparator = "ge"
        elif re.match(r"\s*(?:[(（]含[^)）]*[)）])?\s*以\s*上", after):
            comparator = "ge"
        elif re.match(r"\s*(?:及\s*以\s*下|以\s*下|以内)", after) or re.search(
            r"(?:不超过|不高于)\s*$", before
        ):
            comparator = "le"
        elif re.search(r"(?:超过|突破|高于|大于)\s*$", before):
            comparator = "gt"
        elif re.search(r"(?:不低于|不少于|达到|达|满)\s*$", before):
            comparator = "ge"
        elif re.search(r"(?:低于|不足|小于)\s*$", before):
            comparator = "lt"
        elif far := re.search(r"达到|不低于|不少于", before):  # 人数达到企业现有在职职工人数25%
            comparator = "ge"
            before = before[: far.start()]
        subj = _SUBJECT_TRIM_RE.sub("", before.strip()).strip(_LEAD_TRIM)
        subject = subj or subject
    return Condition(
        a, b, piece, subject=subject, comparator=comparator, value=value, value_max=value_max, unit=unit
    )

