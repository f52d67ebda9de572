"""Incentives: what a support policy gives (奖励, 补贴, 资助, 贴息, 免征 …), to whom, on what condition.

A sentence grants something when it holds a cue word of ``resources/incentive_kinds.tsv`` and a sum
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
import typing
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from policy_nlp.errors import ResourceError
from policy_nlp.model import (
    Action,
    Comparator,
    Condition,
    Incentive,
    IncentiveKind,
    Section,
    Sentence,
    Target,
    sort_records,
)
from policy_nlp.numerals import Quantity, find_quantities, fold_width, unit_kind
from policy_nlp.resources import read_tsv

__all__ = ["attach_actions", "drop_incentive_numbers", "find_incentives"]

# -- patterns, built from named parts -----------------------------------------------------------------
#: Words before a number that make it a cap of the sum granted.
CAP_BEFORE = r"(?:最高|不超过|不能超过|不得超过|不高于|封顶|最多|上限为?|限额为?)"
#: A comparator right after a number (and its unit): the number is a threshold.
COND_AFTER = r"\s*(?:[(（]含[^)）]{0,8}[)）])?\s*(?:及\s*以\s*[上下]|以\s*[上下]|以内|及其以上|起)"
#: A comparator right before a number: the number is a threshold.
COND_BEFORE = (
    r"(?:达到|达|超过|满|突破|不低于|不少于|低于|高于|不足|大于|小于|不超过|不高于|增长|增加|至)\s*$"
)
#: Words that open the granting part of a clause (the condition lies before them).
OPENER = r"(?:给予|予以|分别|一次性|按照|按|参照|可领取|享受|补贴标准为?|扣除标准为?|每)"
#: A stated duration of a grant.
DURATION = (
    r"(?:连续|前|后)\s*[\d一二三四五六七八九十两]+\s*年"
    r"|[\d一二三四五六七八九十两]+\s*年内"
    r"|(?:补贴|扣除|支持|奖励)?期限[^，,；;。]{0,6}?[\d一二三四五六七八九十两]+\s*(?:个月|年)"
    r"|(?<=免征)[\d一二三四五六七八九十两]+年"
    r"|分\s*[\d一二三四五六七八九十两]+\s*年"
)
#: What something is given per (每人每月, 每家, 每满一万人).
PER = (
    r"(?:每(?:满|新增|成功推荐)?[\d一二三四五六七八九十两万亿.]*\s*"
    r"(?:个子女|平方米|人次|亿元|万元|个|名|人|家|间|块|亩|年|月|次|天|户|项|座|张|床)\s*)+"
)
#: Bodies that pay (由市财政给予 → 市财政).
PAYER = r"(?:中央|省级?|市级?|县级?|区级?|同级|地方)财政(?:部门)?(?=给予|予以|按|每年|安排|奖励|补贴|补助|拨付|承担|负担|一次性|在)"
#: An article number written in the text (第 2 条, 第十二条).
ARTICLE = r"第\s*(?:[\d一二三四五六七八九十百零〇]\s*)+条"
#: A volume to reach (新增创业担保贷款50亿元, 累计发放补贴1亿元) is a target, not a sum granted.
VOLUME = (
    r"(?<!每)(?:新增|累计|完成|力争|全年|总规模|发放|投放|拨付|兑付|兑现|筹集|争取|落实|安排)[^，,；;。给予每的标]{0,30}$"
    r"|^[^，,；;。给予每按标可享一]*(?:补贴|补助|资助|津贴|贷款|资金)\s*$"  # 农村冬季用煤补贴193万元: spending reported
    r"|(?:提高|增加|增长|提升|达到|上调)(?:到|至)?[^，,；;。]{0,4}$"  # 补助标准提高到100元: a target
)
#: Rates of an award already granted (按应奖励额的30%、30%和40%兑现) are instalments, not incentives.
INSTALMENT = r"(?:应奖励额|奖励额|补贴额|补助额|全额)"

_CAP_BEFORE_RE = re.compile(CAP_BEFORE + r"[^，,；;。\d]{0,8}$")
_CAP_AFTER_RE = re.compile(r"^\s*限额")
_COND_AFTER_RE = re.compile(COND_AFTER)
_COND_BEFORE_RE = re.compile(COND_BEFORE)
_OF_AFTER_RE = re.compile(
    r"^[^，,；;。、]*?的(?!\s*(?:奖励|补贴|补助|资助|标准|额度|扣除|比例|一次性|落户|就业))"
)
_OPENER_RE = re.compile(OPENER)
_DURATION_RE = re.compile(DURATION)
_PER_RE = re.compile(PER + r"$")
_PAYER_RE = re.compile(PAYER)
_ARTICLE_RE = re.compile(rf"(?m)^\s*(?P<a>{ARTICLE})")
_INSTALMENT_RE = re.compile(INSTALMENT)
_VOLUME_RE = re.compile(VOLUME)
#: A deadline year before a number (到2025年…提高到100元): the sentence states a target.
_DEADLINE_RE = re.compile(r"(?:^|[，,；;。\s])到\s*\d{4}\s*年")
_LIST_SEP_RE = re.compile(r"^\s*(?:、|和|及|与|或|,|，)?\s*$")
_CLAUSE_SPLIT_RE = re.compile(r"[，,：:]")
_COND_SPLIT_RE = re.compile(r"并且|且|、")
_ITEM_SPLIT_RE = re.compile(r"、|和|与|及(?!\s*以\s*[上下]|其)")
_LEAD_TRIM = "对凡在其即,，:：、 \t"
_TAIL_TRIM = "的,，;；。:： \t"
_SUBJECT_TRIM_RE = re.compile(r"(?:在|达到|达|超过|满|突破|不低于|不少于|低于|高于|不足|为|首次)+$")
_GIVE_RE = re.compile(r"给予|予以")
_GRANT_VERB_RE = re.compile(r"给予|予以|对|按|的|奖励")
_NOT_GRANT_BEFORE_RE = re.compile(r"涉及|包括|请求|问题")
_NOT_GRANT_AFTER_RE = re.compile(r"^[^，,；;。]*等")
_NEGATION_RE = re.compile(r"不|停止|取消|无|未")
_PROHIBIT_RE = re.compile(r"不得|禁止|严禁|违反|不给予|不予|不再|不享受|停止|取消")
#: A line that grants something: 一事一议 there is a negotiated incentive (else a way of working).
_GRANTING_LINE_RE = re.compile(r"奖励|补贴|补助|资助|扶持|支持|优惠|资金|救助|贴息|减免|免征")
#: A bracketed exception with its own threshold (超过100人的企业达到15%) is a condition of its own.
_PAREN_COND_RE = re.compile(
    r"[(（](?=[^()（）]*\d)(?=[^()（）]*(?:达到|超过|以上|以下|不低于|不少于|不超过|满))[^()（）]+[)）]"
)
_DIGIT_RE = re.compile(r"[\d]")
_ARTICLE_ANY_RE = re.compile(ARTICLE)
_OBJECT_LEAD_RE = re.compile(
    rf"^(?:{ARTICLE}|[(（][一二三四五六七八九十\d]{{1,3}}[)）])?\s*[对凡]?\s*(?:(?:新|首次|初次)?(?:被)?(?:认定|评定|评为|列入|获批)为?)?"
)
#: An item or article number opening a sentence ((三), 二、, 1., 第 2 条): not part of a record.
_ITEM_NUMBER_RE = re.compile(
    rf"^\s*(?:{ARTICLE}|[(（][一二三四五六七八九十\d]{{1,3}}[)）]|[一二三四五六七八九十]{{1,3}}、|\d{{1,2}}[.、．](?!\d))\s*"
)


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    kind: IncentiveKind
    alone: bool
    word: str


@cache
def _cue_table() -> tuple[tuple[str, IncentiveKind, bool], ...]:
    rows = read_tsv("incentive_kinds.tsv")
    kinds = typing.get_args(IncentiveKind)
    out: list[tuple[str, IncentiveKind, bool]] = []
    for r in rows:
        if r["kind"] not in kinds:
            raise ResourceError(f"incentive_kinds.tsv: unknown kind {r['kind']!r} for {r['cue']!r}")
        out.append((r["cue"], typing.cast(IncentiveKind, r["kind"]), r["alone"] == "yes"))
    return tuple(sorted(out, key=lambda r: -len(r[0])))


@cache
def _cue_re() -> re.Pattern[str]:
    # a hard-wrapped PDF text may hold a space inside a word (奖 励)
    alts = [r"\s?".join(re.escape(ch) for ch in word) for word, _, _ in _cue_table()]
    return re.compile("|".join(alts))


@cache
def _cue_kinds() -> dict[str, tuple[IncentiveKind, bool]]:
    return {word: (kind, alone) for word, kind, alone in _cue_table()}


@cache
def _per_unit_re() -> re.Pattern[str]:
    """A compound money unit (100元/亩, 5元/人/夜) from ``resources/incentive_units.tsv``."""
    suffixes = sorted((r["suffix"] for r in read_tsv("incentive_units.tsv")), key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(x) for x in suffixes) + ")+")


@cache
def _heads_re() -> re.Pattern[str]:
    heads = sorted((r["head"] for r in read_tsv("incentive_beneficiaries.tsv")), key=len, reverse=True)
    return re.compile("|".join(re.escape(h) for h in heads))


def _cues(seg: str) -> list[_Cue]:
    out = []
    for m in _cue_re().finditer(seg):
        word = re.sub(r"\s", "", m.group())
        kind, alone = _cue_kinds()[word]
        out.append(_Cue(m.start(), m.end(), kind, alone, word))
    return out


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
    out, start = [], 0
    depth = 0
    for i, ch in enumerate(seg):
        if ch in "(（〔[":
            depth += 1
        elif ch in ")）〕]":
            depth = max(0, depth - 1)
        elif depth == 0 and _CLAUSE_SPLIT_RE.match(ch):
            out.append((start, i))
            start = i + 1
    out.append((start, len(seg)))
    return out


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
    outline = sorted(sections, key=lambda s: (s.start, -s.end))
    starts = [s.start for s in outline]
    for sent in sentences:
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
    out = []
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
    best = None
    for s in outline[: bisect_right(starts, pos)]:
        if s.start <= pos < s.end:
            best = s
    return best


def _article(folded: str, sec: Section | None, pos: int) -> str | None:
    found = None
    for m in _ARTICLE_RE.finditer(folded, max(0, pos - 3000, sec.start if sec else 0), pos):
        found = m
    if found is not None:
        return re.sub(r"\s", "", found["a"])
    return sec.number.strip() if sec is not None else None


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


def _basis(seg: str, pos: int, clause: int, start: int) -> str | None:
    """What a rate applies to: 按固定资产投资的5% → 固定资产投资."""
    part = seg[start:pos]
    m = re.search(
        r"(?:按照?|参照|依据|以)\s*(?:其)?\s*([^，,；;。按参给]{2,40}?)\s*的?\s*(?:给予(?:企业)?)?\s*$", part
    )
    if m is None:
        m = re.search(r"(?:奖励|补贴|补助)\s*([^，,；;。按参给]{2,24}?)\s*的\s*$", part)
    if m is None:
        m = re.search(r"给予(?:企业)?\s*([^，,；;。按参给]{2,24}?)\s*的?\s*$", part)
    if m is None:
        return None
    basis = m.group(1)
    if "的" in basis:
        basis = basis.rsplit("的", 1)[-1] or basis
    basis = re.sub(r"\s", "", basis).strip("的其")
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
