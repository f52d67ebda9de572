"""Incentives: what a support policy gives (奖励, 补贴, 资助, 贴息, 免征 …), to whom, on what condition.

A sentence grants something when it holds a cue word of ``resources/incentive_kinds.tsv`` (one scan of
the whole text finds them; other sentences are not read) and a sum
(给予企业30万元奖励), a rate (按实际投资额的1%给予补助), a cap (最高不超过50万元), 一事一议 or an
exemption (五年内免征企业所得税). Each number of the sentence gets one role:

- a **condition** when a comparator surrounds it (1000万元及以上, 超过500万元, 达到10万元的);
- a **cap** when 最高/不超过/封顶/限额 precede it (or 限额内 follows) and it is money;
- an **amount** (money) or a **rate** (a percent) otherwise, when a cue word sits in its clause.

Amounts or rates joined by 、/和 (分别奖励100万元、50万元、5万元) give one incentive each; a list of
the same length before them gives each its ``object`` (高级雪道、中级雪道、初级雪道) or, when its
items hold numbers (1000万元及以上至5000万元、5000万元以上的), its own condition (a tier). A cap
applies to the capless grants before it in the sentence. The clauses before a grant that hold a number
are its :class:`~policy_nlp.model.Condition` records (split at 且 and 、).

The package, by job: :mod:`~policy_nlp.extract.incentives.cues` (patterns and cue words),
:mod:`~policy_nlp.extract.incentives.numbers` (the roles of a sentence's numbers),
:mod:`~policy_nlp.extract.incentives.grants` (amounts, rates, kinds and the records),
:mod:`~policy_nlp.extract.incentives.conditions` (conditions) and
:mod:`~policy_nlp.extract.incentives.tiers` (分别: objects and tiers of a list); this module runs them
(:func:`find_incentives`) and keeps targets and incentives apart (:func:`drop_incentive_numbers`,
:func:`attach_actions`).

>>> [(i.kind, i.amount, i.unit, i.cap, i.rate, i.basis) for i in find_incentives(
...     "按实际投资额给予1%的补助，最高补助额不超过100万元。单个项目奖励最高不超过30万元。")]
[('subsidy', None, '万元', 100.0, 1.0, '实际投资额'), ('reward', None, '万元', 30.0, None, None)]
>>> [(i.object, i.amount) for i in find_incentives("对新建高级雪道、中级雪道、初级雪道分别奖励100万元、50万元、5万元。")]
[('新建高级雪道', 100.0), ('中级雪道', 50.0), ('初级雪道', 5.0)]
>>> [c.text for c in find_incentives("对固定资产投资3000万元及以上的，给予企业50万元奖励。")[0].conditions]
['固定资产投资3000万元及以上']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from policy_nlp.extract.incentives.cues import _ARTICLE_RE, _GRANTING_LINE_RE, _cue_re
from policy_nlp.extract.incentives.grants import _in_sentence
from policy_nlp.model import Action, Incentive, Section, Sentence, Target, sort_records
from policy_nlp.numerals import find_quantities, fold_width

__all__ = ["attach_actions", "drop_incentive_numbers", "find_incentives"]


# -- the finder ---------------------------------------------------------------------------------------
def find_incentives(
    text: str,
    *,
    sections: Sequence[Section] = (),
    sentences: Sequence[Sentence] = (),
    actions: Sequence[Action] = (),
) -> list[Incentive]:
    """Incentives granted in ``text``, one per sum, rate, cap, 一事一议 or exemption, in document order.

    ``sentences`` default to lines; ``sections`` give ``section``/``article``; ``actions`` give
    ``action`` (the id of the action containing the grant). Never raises on strange text.

    >>> i = find_incentives("对年营业收入首次突破1亿元、5亿元的企业，分别奖励50万元、100万元。")[1]
    >>> i.amount, i.unit, [(c.value, c.unit, c.comparator) for c in i.conditions]
    (100.0, '万元', [(5.0, '亿元', 'gt')])
    """
    folded = fold_width(text)
    if not sentences:
        sentences = [Sentence(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    found: list[Incentive] = []
    # a sentence grants only with a cue word (incentive_kinds.tsv); every cue of a sentence overlaps
    # a cue the one scan of the whole text finds, so a sentence that overlaps none is not read
    cue_starts, cue_ends = [], []
    for m in _cue_re().finditer(folded):
        cue_starts.append(m.start())
        cue_ends.append(m.end())
    for sent in sentences if cue_ends else ():
        k = bisect_right(cue_ends, sent.start)  # the first cue that ends after the sentence starts
        if k == len(cue_ends) or cue_starts[k] >= sent.end:
            continue
        s0 = sent.start
        seg = folded[sent.start : sent.end]
        try:
            granting_line = True
            if "一事一议" in seg:  # only then does the rest of the line matter
                line_start = folded.rfind("\n", 0, s0) + 1
                line_end = folded.find("\n", sent.end)
                line = folded[line_start : line_end if line_end >= 0 else len(folded)]
                granting_line = bool(_GRANTING_LINE_RE.search(line))
            records = _in_sentence(text, seg, s0, granting_line=granting_line)
        except (ValueError, IndexError):  # never raise on strange text
            continue
        if not records:
            continue
        # a parenthesis that only caps (…最高奖励不超过50万元) belongs to the incentive before it
        if (
            len(records) == 1
            and records[0].cap is not None
            and records[0].amount is None
            and records[0].rate is None
            and not records[0].negotiated
            and seg.lstrip()[:1] in "(（"
            and found
            and found[-1].cap is None
            and "\n" not in folded[found[-1].end : s0]
        ):
            prev = found[-1]
            found[-1] = replace(
                prev,
                end=records[0].end,
                text=text[prev.start : records[0].end],
                cap=records[0].cap,
                unit=prev.unit or records[0].unit,
            )
            continue
        for r in records:
            if r.negotiated and r.kind == "other" and found and "\n" not in folded[found[-1].end : r.start]:
                r = replace(r, kind=found[-1].kind)
            found.append(r)
    out: list[Incentive] = []
    if not found:
        return out
    outline = sorted(sections, key=lambda s: (s.start, -s.end))
    starts = [s.start for s in outline]
    for k, r in enumerate(sort_records(found), start=1):
        sec = _innermost(outline, starts, r.start)
        out.append(
            replace(
                r,
                id=f"I{k}",
                section=sec.id if sec else None,
                article=_article(folded, sec, r.start),
                action=next((a.id for a in actions if a.start <= r.start < a.end), None),
            )
        )
    return out


def _innermost(outline: list[Section], starts: list[int], pos: int) -> Section | None:
    """The last section (by start, then longest first) that contains ``pos``."""
    for k in range(bisect_right(starts, pos) - 1, -1, -1):
        s = outline[k]
        if s.start <= pos < s.end:
            return s
    return None


def _article(folded: str, sec: Section | None, pos: int) -> str | None:
    found = None
    for m in _ARTICLE_RE.finditer(folded, max(0, pos - 3000, sec.start if sec else 0), pos):
        found = m
    if found is not None:
        return re.sub(r"\s", "", found["a"])
    return sec.number.strip() if sec is not None else None


# -- targets and incentives never share a number -------------------------------------------------------
def drop_incentive_numbers(targets: Sequence[Target], incentives: Sequence[Incentive]) -> list[Target]:
    """Targets whose number is an incentive's sum, cap or rate, or lies in its conditions, are dropped.

    >>> inc = find_incentives("单个项目奖励最高不超过30万元。")
    >>> t = Target("T1", 0, 15, "单个项目奖励最高不超过30万元", None, 30.0, unit="万元", comparator="le")
    >>> drop_incentive_numbers([t], inc)
    []
    """
    out = []
    for t in targets:
        keep = True
        for inc in incentives:
            if t.end <= inc.start or inc.end <= t.start:
                continue
            numbers = {inc.amount, inc.amount_max, inc.cap, inc.rate, inc.rate_max}
            numbers |= {q.value for q in find_quantities(inc.per or "")}  # 每新增1万人次
            for c in inc.conditions:
                numbers |= {q.value for q in find_quantities(c.text)} | {
                    q.value_max for q in find_quantities(c.text)
                }
            numbers.discard(None)
            in_condition = any(c.start <= t.start and t.end <= c.end for c in inc.conditions)
            if in_condition or (t.value is not None and t.value in numbers):
                keep = False
                break
        if keep:
            out.append(t)
    if len(out) == len(targets):
        return list(targets)
    return [replace(t, id=f"T{k}") for k, t in enumerate(out, start=1)]


def attach_actions(incentives: Sequence[Incentive], actions: Sequence[Action]) -> list[Incentive]:
    """Each incentive with ``action`` set to the id of the action containing its start (else None)."""
    return [
        replace(i, action=next((a.id for a in actions if a.start <= i.start < a.end), i.action))
        for i in incentives
    ]

