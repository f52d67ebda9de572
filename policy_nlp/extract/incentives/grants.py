"""Grants: the amounts and rates of a sentence, their kind, and the incentive records built from
them (object, beneficiary, basis, cap, payer)."""

from __future__ import annotations

import re
from dataclasses import replace

from policy_nlp.extract.incentives.conditions import _conditions
from policy_nlp.extract.incentives.cues import (
    _DURATION_RE,
    _GIVE_RE,
    _INSTALMENT_RE,
    _ITEM_NUMBER_RE,
    _NEGATION_RE,
    _NOT_GRANT_AFTER_RE,
    _NOT_GRANT_BEFORE_RE,
    _OPENER_RE,
    _PAYER_RE,
    _PER_RE,
    _PROHIBIT_RE,
    _Cue,
    _cues,
    _heads_re,
)
from policy_nlp.extract.incentives.numbers import (
    _classify,
    _clause_of,
    _clauses,
    _Grant,
    _groups,
    _inside_parens,
    _Num,
    _numbers,
)
from policy_nlp.extract.incentives.tiers import _distribution
from policy_nlp.model import Condition, Incentive, IncentiveKind


def _in_sentence(text: str, seg: str, s0: int, *, granting_line: bool = True) -> list[Incentive]:
    cues = _cues(seg)
    if not cues:
        return []
    clauses = _clauses(seg)
    nums = _numbers(seg, clauses)
    _classify(seg, nums, clauses, cues)
    grants = _grants(seg, nums, clauses, cues, granting_line=granting_line)
    if not grants:
        grants = _conditional_grant(seg, nums, clauses, cues)
    if not grants:
        return []
    out: list[Incentive] = []
    lead_start = 0
    prev_conditions: list[Condition] = []
    for g_index, g in enumerate(grants):
        a, _ = clauses[g.clause]
        lead_end = _lead_end(seg, a, g.pos)
        nxt = grants[g_index + 1] if g_index + 1 < len(grants) else None
        if nxt is None:
            end = len(seg)
        elif nxt.clause == g.clause:
            end = g.end
        else:
            end = max(clauses[nxt.clause - 1][1], g.end)
        start, end = _trim(seg, lead_start, end)
        lead = (lead_start, max(lead_start, lead_end))
        objects, tiers, used = _distribution(seg, lead, len(g.items))
        tiers = [
            replace(c, start=c.start + s0, end=c.end + s0, text=text[c.start + s0 : c.end + s0])
            for c in tiers
        ]
        shared = _conditions(text, seg, s0, lead, skip=used, cues=cues)
        if not shared and not tiers and prev_conditions:
            shared = list(prev_conditions)
        prev_conditions = shared
        kind = _kind(g, cues, clauses)
        items: list[_Num | None] = list(g.items) or [None]
        for k, item in enumerate(items):
            conds = list(shared)
            if tiers and len(tiers) == len(items):
                conds = [*conds, tiers[k]]
            out.append(
                _record(
                    text, seg, s0, start, end, g, item, kind,
                    conditions=tuple(sorted(conds, key=lambda c: c.start)),
                    obj=objects[k] if objects and len(objects) == len(items) else None,
                    tier=bool(tiers),
                )
            )  # fmt: skip
        lead_start = end
        while lead_start < len(seg) and seg[lead_start] in "，,；;。 ":
            lead_start += 1
    return out


def _grants(
    seg: str,
    nums: list[_Num],
    clauses: list[tuple[int, int]],
    cues: list[_Cue],
    *,
    granting_line: bool = True,
) -> list[_Grant]:
    grants: list[_Grant] = []
    for group in _groups(seg, nums):
        head = group[0]
        if head.role in ("amount", "rate"):
            members = [n for n in group if n.role == head.role]
            if grants and (p := _inside_parens(seg, head.start)) is not None and p > grants[-1].pos:
                continue  # (第一年奖励5万元 …): instalments of the sum before
            if head.role == "rate" and _INSTALMENT_RE.search(seg[clauses[head.clause][0] : head.start]):
                continue
            rule = "incentives.rate.v1" if head.role == "rate" else "incentives.amount.v1"
            if len(members) > 1:
                rule = "incentives.distribution.v1"
            grants.append(_Grant(head.start, members[-1].end, head.clause, members, rule=rule))
        elif head.role == "cap":
            capless = [g for g in grants if g.cap is None and not _after_cap(grants, g)]
            if capless:
                for g in capless:
                    g.cap = head
            else:
                grants.append(
                    _Grant(head.start, head.end, head.clause, [], cap=head, rule="incentives.cap.v1")
                )
    for cue in cues:
        if not cue.alone:
            continue
        a, b = clauses[_clause_of(clauses, cue.start)]
        if re.search(r"的\s*$", seg[cue.end : b]) or re.search(r"已享受|不再享受", seg[a : cue.start]):
            continue  # 已享受“一事一议”优惠政策的: a condition, not a grant
        if cue.word != "一事一议" and re.match(r"^[^，,；;。]{0,3}?的", seg[cue.end : b]):
            continue  # 接受海关规定减免税的境外捐赠: an attribute, not a grant
        if _NOT_GRANT_BEFORE_RE.search(seg[a : cue.start]) or _NOT_GRANT_AFTER_RE.match(seg[cue.end : b]):
            continue  # 主要涉及住房、…和减免农业税等: a list of issues
        if _NEGATION_RE.search(seg[max(a, cue.start - 4) : cue.start]) or _PROHIBIT_RE.search(
            seg[a : cue.start]
        ):
            continue  # 不给予租金减免, 不得擅自决定减收、免收
        k = _clause_of(clauses, cue.start)
        if cue.word == "一事一议" and not granting_line:
            continue  # 按照“一事一议”的要求逐一进行整改: a way of working, not a grant
        if cue.word == "一事一议":
            grants.append(_Grant(cue.start, cue.end, k, [], negotiated=True, rule="incentives.negotiated.v1"))
        elif not any(g.clause == k for g in grants):
            grants.append(_Grant(cue.start, cue.end, k, [], cue=cue, rule="incentives.exemption.v1"))
    grants.sort(key=lambda g: g.pos)
    # a cap after 一事一议 in the same sentence caps it
    for i, g in enumerate(grants):
        if g.negotiated and g.cap is None and i + 1 < len(grants) and not grants[i + 1].items:
            nxt = grants[i + 1]
            if nxt.cap is not None and not nxt.negotiated and nxt.cue is None:
                g.cap = nxt.cap
                g.end = max(g.end, nxt.end)
                grants.pop(i + 1)
                break
    return grants


def _after_cap(grants: list[_Grant], g: _Grant) -> bool:
    """True when a grant with a cap comes after ``g`` (that cap closed g's group)."""
    idx = grants.index(g)
    return any(h.cap is not None for h in grants[idx + 1 :])


def _conditional_grant(
    seg: str, nums: list[_Num], clauses: list[tuple[int, int]], cues: list[_Cue]
) -> list[_Grant]:
    """给予适当担保费补贴 after thresholds (500万元及以下、费率不超过1%的业务): a grant without a sum."""
    for cue in cues:
        k = _clause_of(clauses, cue.start)
        a = clauses[k][0]
        give = list(_GIVE_RE.finditer(seg, a, cue.start))
        if not give:
            continue
        if any(n.role == "cond" and n.end <= give[-1].start() for n in nums):
            return [_Grant(cue.start, cue.end, k, [], cue=cue, rule="incentives.conditional.v1")]
    return []


def _lead_end(seg: str, clause_start: int, pos: int) -> int:
    """Where the granting part of the clause starts (its conditions lie before)."""
    part = seg[clause_start:pos]
    last_of = part.rfind("的")
    after = [m for m in _OPENER_RE.finditer(part) if m.start() > last_of] if last_of >= 0 else []
    if after:
        return clause_start + after[0].start()
    m = _OPENER_RE.search(part)
    if m:
        return clause_start + m.start()
    return pos


def _trim(seg: str, start: int, end: int) -> tuple[int, int]:
    m = _ITEM_NUMBER_RE.match(seg, start)
    if m is not None and m.end() < end:
        start = m.end()
    while start < end and seg[start] in " \t，,；;。:：、":
        start += 1
    while end > start and seg[end - 1] in " \t，,；;。:：、":
        end -= 1
    return start, end


def _kind(g: _Grant, cues: list[_Cue], clauses: list[tuple[int, int]]) -> IncentiveKind:
    if g.cue is not None:
        return g.cue.kind
    a, b = clauses[g.clause]
    same = [c for c in cues if a <= c.start < b and c.word != "一事一议"]
    after = [c for c in same if c.start >= g.pos]
    if after:
        return after[0].kind
    if same:
        return same[-1].kind
    others = [c for c in cues if c.word != "一事一议"]
    if others:
        return min(others, key=lambda c: abs(c.start - g.pos)).kind
    return "other"


def _record(
    text: str,
    seg: str,
    s0: int,
    start: int,
    end: int,
    g: _Grant,
    item: _Num | None,
    kind: IncentiveKind,
    *,
    conditions: tuple[Condition, ...],
    obj: str | None,
    tier: bool,
) -> Incentive:
    body = seg[start:end]
    amount = amount_max = rate = rate_max = cap = None
    unit = None
    basis = per = None
    if item is not None and item.role == "amount":
        amount, amount_max, unit = item.q.value, item.q.value_max, item.unit
    elif item is not None and item.role == "rate":
        rate, rate_max = item.q.value, item.q.value_max
        basis = _basis(seg, g.items[0].start, g.clause, start)  # 70%、80%和90%: one basis
    if g.cap is not None:
        cap = g.cap.q.value
        unit = unit or g.cap.unit
    anchor = item.start if item is not None else g.pos
    m = _PER_RE.search(seg[max(start, anchor - 24) : anchor])
    if m is None and item is not None:
        m = _PER_RE.search(
            re.sub(r"奖励|给予|补贴标准为?|扣除标准为?|按照", "", seg[max(start, anchor - 24) : anchor])
        )
    if m is not None:
        per = re.sub(r"\s", "", m.group())
    dur = _DURATION_RE.search(body)
    payer = tuple(dict.fromkeys(m.group() for m in _PAYER_RE.finditer(body)))
    return Incentive(
        id="",
        start=s0 + start,
        end=s0 + end,
        text=text[s0 + start : s0 + end],
        kind=kind,
        amount=amount,
        amount_max=amount_max,
        unit=unit,
        cap=cap,
        rate=rate,
        rate_max=rate_max,
        per=per,
        duration=re.sub(r"\s", "", dur.group()) if dur else None,
        basis=basis,
        beneficiary=_beneficiary(body, g.pos - start),
        object=obj,
        negotiated=g.negotiated,
        conditions=conditions,
        payers=payer,
        rule="incentives.tier.v1" if tier else g.rule,
    )


#: what a rate applies to, before the rate: 按(照)/参照/依据/以 X (的), 奖励/补贴/补助 X 的, 给予 X (的)
_BASIS_BY = re.compile(
    r"(?:按照?|参照|依据|以)\s*(?:其)?\s*([^，,；;。按参给]{2,40}?)\s*的?\s*(?:给予(?:企业)?)?\s*$"
)
_BASIS_OF = re.compile(r"(?:奖励|补贴|补助)\s*([^，,；;。按参给]{2,24}?)\s*的\s*$")
_BASIS_GIVEN = re.compile(r"给予(?:企业)?\s*([^，,；;。按参给]{2,24}?)\s*的?\s*$")
_SPACE = re.compile(r"\s")


def _basis(seg: str, pos: int, clause: int, start: int) -> str | None:
    """What a rate applies to: 按固定资产投资的5% → 固定资产投资."""
    part = seg[start:pos]
    m = _BASIS_BY.search(part) or _BASIS_OF.search(part) or _BASIS_GIVEN.search(part)
    if m is None:
        return None
    basis = m.group(1)
    if "的" in basis:
        basis = basis.rsplit("的", 1)[-1] or basis
    basis = _SPACE.sub("", basis).strip("的其")
    return basis or None


def _beneficiary(body: str, pos: int) -> str | None:
    best = None
    for m in _heads_re().finditer(body):
        before = body[max(0, m.start() - 3) : m.start()]
        if re.search(r"(?:给予|奖励)\s*$", before):
            return m.group()
    of = re.match(rf"^对([^，,；;。每]{{0,20}}(?:{_heads_re().pattern}))", body)
    if of is not None:  # 对第三方服务机构每推荐1家企业…: the 对 phrase names who gets it
        return re.split(r"[的、为]", of.group(1))[-1] or None
    for m in _heads_re().finditer(body):
        if m.start() <= max(pos, 0):
            start = m.start()
            while (
                start > 0 and start > m.start() - 8 and body[start - 1] not in "的对为在，,、：: \t(（)）“”给"
            ):
                start -= 1
            best = body[start : m.end()]
    return best
