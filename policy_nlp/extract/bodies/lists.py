"""Lists and fields of bodies: the unfound items of a 、 list (``bodies.list.v1``), of a labelled
field or role column (``bodies.field.v1``), internal departments (``bodies.subunit.v1``) and
collectives named after a body (国务院各部门).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import accumulate

from policy_nlp.extract.bodies.gazetteer import (
    _CJK,
    _RULE_COLL,
    _RULE_FIELD,
    _RULE_GAZ,
    _RULE_HEADER,
    _RULE_LIST,
    _RULE_LOCAL,
    _RULE_SUBUNIT,
    _RULE_SUFFIX,
    _START,
    _bad_start_re,
    _boundary_ends_at,
    _Cand,
    _kind_of,
    _tables,
)
from policy_nlp.extract.bodies.roles import _Zone
from policy_nlp.model import (
    BodyKind,
)

# -- lists -------------------------------------------------------------------------------------------
_ITEM_MAX = 30
_ITEM = rf"[^、,;。:()《》“”\"|\s\d]{{1,{_ITEM_MAX}}}"
_LIST_RE = re.compile(rf"{_ITEM}(?:、{_ITEM})+")  # what _list_regions finds, without its backtracking
_ITEM_RE = re.compile(_ITEM)
#: 、 and an item, again and again: a list after its first item (each item as long as it can be, as
#: _LIST_RE takes them); written to start with the 、, so that ``re`` skips to each 、 in C
_CHAIN_RE = re.compile(rf"、{_ITEM}(?:、{_ITEM})*")
#: a character that no item holds and that is no 、: no chain runs across it, no item reads back over it
_HARD_RE = re.compile(r"[,;。:()《》“”\"|\s\d]")


def _list_regions(text: str, holding: Sequence[int] | None = None) -> Iterable[tuple[int, int]]:
    """The spans of ``_LIST_RE.finditer(text)``, found from each chain of 、 and items (the regex
    tries every start and backtracks); with ``holding`` (sorted positions), only the spans that hold
    one of them.

    A list is the item before a chain (read backwards, not before the end of the list before it) and
    the chain; with no item before it, the chain's own first item starts the list when a 、 follows.

    >>> t = "由甲局、乙局和丙局负责,丁、戊。,、己、庚、"
    >>> [t[s:e] for s, e in _list_regions(t)] == [m.group() for m in _LIST_RE.finditer(t)]
    True
    >>> [t[s:e] for s, e in _list_regions(t, [12])]
    ['丁、戊']
    """
    n = len(text)
    floor = 0
    rev = ""
    chains = _CHAIN_RE.finditer(text)
    while (m := next(chains, None)) is not None:
        pos, e = m.span()
        if not rev:
            rev = text[::-1]
        if holding is not None:
            k = bisect_left(holding, pos - _ITEM_MAX)  # a list starts at most _ITEM_MAX before its chain
            if k == len(holding):
                return  # no later chain holds one
            if holding[k] >= e:  # none held: only where the list ends matters
                if (pos > floor and _ITEM_RE.match(text, pos - 1, pos)) or text.find("、", pos + 1, e) >= 0:
                    floor = e
                # the chains before the last hard character before the next held position hold none:
                # the scan goes on from there (no chain runs across it, and no list reaches back over it)
                hard = _HARD_RE.search(rev, n - holding[k])
                if hard is not None and n - hard.end() > e:
                    floor = n - hard.end()
                    chains = _CHAIN_RE.finditer(text, floor)
                continue
        left = _ITEM_RE.match(rev, n - pos, n - floor)  # the item before the chain, read backwards
        if left:
            s = pos - (left.end() - (n - pos))
        elif text.find("、", pos + 1, e) >= 0:
            s = pos + 1
        else:
            continue
        if holding is None or ((k := bisect_left(holding, s)) < len(holding) and holding[k] < e):
            yield s, e
        floor = e


class _Spans:
    """Whether a span overlaps any of ``spans`` (sorted by start; they may overlap), by bisection.

    >>> overlaps = _Spans([(0, 10), (2, 3), (20, 25)])
    >>> overlaps(10, 20), overlaps(9, 12), overlaps(24, 30)
    (False, True, True)
    """

    __slots__ = ("reach", "starts")

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.starts = [a for a, _b in spans]
        self.reach = list(accumulate((b for _a, b in spans), max, initial=-1))  # max end of spans[:i]

    def __call__(self, s: int, e: int) -> bool:
        return self.reach[bisect_left(self.starts, e)] > s


#: how an item of a list of bodies ends
_LIST_ENDS = ("委员会", "管委会", "委", "局", "厅", "办", "部", "署", "院", "办公室", "中心", "支行", "分行", "总部",
              "海关", "政府", "工会", "联合会", "协会", "学会", "商会", "妇联", "残联", "侨联", "文联", "工商联",
              "社科联", "总社", "供销社", "集团", "公司", "小组", "研究所", "基金会")  # fmt: skip
_LIST_NOT_ENDS = ("社会", "机会", "部署", "大会")
#: what may follow the last item of a list of bodies
_LIST_TAIL = ("等", "按", "负责", "牵头", "配合", "参与", "协助", "协同", "会同", "分别", "共同", "联合", "要", "和", "及", "与")
_LIST_HARD_BEFORE = frozenset("(:;\n")


def _list_item_ok(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` reads as the name of a body: it ends like one (and is more than the
    ending: not 商会, 海关), starts with no verb or 本/该/其, holds no boundary word (应当, 或者, 和 …)
    and no stop string."""
    name = text[s:e]
    if not 2 <= len(name) <= 20 or name.endswith(_LIST_NOT_ENDS) or name.startswith(("本", "该", "其", "我")):
        return False
    ending = next((x for x in _LIST_ENDS if name.endswith(x)), None)
    if ending is None or ending == name or "的" in name:
        return False
    if _bad_start_re().match(name) or _tables().stops_re.search(name):
        return False
    return not any(_boundary_ends_at(text, j, s) for j in range(s + 1, e + 1))


def _complete_lists(text: str, kept: list[_Cand], blocked: Sequence[tuple[int, int]]) -> list[_Cand]:
    """``kept`` with the unfound items of lists of bodies added (rule ``bodies.list.v1``)."""
    starts = [c.start for c in kept]
    added: list[_Cand] = []
    drop: set[int] = set()
    is_blocked = _Spans(blocked)
    for r0, r1 in _list_regions(text, starts):
        k0 = bisect_left(starts, r0)
        k1 = bisect_left(starts, r1)
        if k0 == k1:
            continue  # no body in the region
        items: list[tuple[int, int]] = []
        pos = r0
        for part in text[r0:r1].split("、"):
            items.append((pos, pos + len(part)))
            pos += len(part) + 1
        plan: list[tuple[int, int, list[int]]] = []  # (start, end, candidates inside) of unfound items
        grown: list[tuple[int, int]] = []  # (candidate, new start) of found names cut after a verb
        known = 0
        for n, (s, e) in enumerate(items):
            inside = [k for k in range(bisect_left(starts, s, k0, k1), bisect_left(starts, e, k0, k1)) if kept[k].end <= e]
            if n == len(items) - 1 and any(
                c.start == s and c.end > e for c in kept[bisect_left(starts, s, k0) : bisect_left(starts, s + 1, k0)]
            ):
                known += 1  # a found name running on past a bracket: 各区(县)人民政府
                continue
            if n == len(items) - 1:  # the last item ends where the list ends: 合肥海关等
                first = next((k for k in inside if kept[k].start == s), None)
                if first is not None and (kept[first].end == e or text.startswith(_LIST_TAIL, kept[first].end)):
                    known += 1
                    continue
                cut = next(
                    (j for j in range(s + 2, min(e, s + 20) + 1) if (j == e or text.startswith(_LIST_TAIL, j))
                     and text.endswith(_LIST_ENDS, s, j)),
                    None,
                )  # fmt: skip
                if cut is None:
                    break
                e = cut
            elif n == 0 and any(kept[k].end == e for k in inside):
                known += 1
                continue
            at_end = [k for k in inside if kept[k].end == e]
            if at_end:  # 沿海地方各级人民政府: found, with a prefix
                known += 1
                c = kept[at_end[0]]
                prefix = text[s : c.start]
                if (
                    len(inside) == 1
                    and c.rule == _RULE_SUFFIX
                    and 0 < len(prefix) <= 8
                    and prefix[0] in "省市区县"
                    and not any(x in prefix for x in "的和及与或认")
                ):
                    grown.append((at_end[0], s))  # 市行政审批制度改革工作领导小组办公室: from the place on
                continue
            if len(inside) > 1 or (inside and kept[inside[0]].start != s):
                break  # only a name that starts with a found one grows: 人民银行上海总部
            if n == 0 and s > 0 and text[s - 1] not in _LIST_HARD_BEFORE and not (
                text[s - 1] == "," and text[s] in "省市区县"
            ):
                break  # the first item's start is unsure (由广州市…): leave the list alone
            if not _list_item_ok(text, s, e) or is_blocked(s, e):
                break
            plan.append((s, e, inside))
        else:
            if known >= 2 or plan:
                for k, s in grown:
                    name = text[s : kept[k].end]
                    added.append(_Cand(s, kept[k].end, name, kept[k].kind, _RULE_LIST))
                    drop.add(k)
            if plan and known >= 1 and len(plan) <= known + 1:
                for s, e, inside in plan:
                    name = text[s:e]
                    added.append(_Cand(s, e, name, _kind_of(name, _list_kind(name)), _RULE_LIST))
                    drop.update(inside)
    if not added:
        return kept
    out = [c for k, c in enumerate(kept) if k not in drop] + added
    out.sort(key=_START)
    return out


_FIELD_SPLIT = re.compile(r"[、,;]|和|及|以及")
_FIELD_TRIM = re.compile(r"^\s+|(?:\((?:牵头|牵头单位|牵头部门)\)|等|\s)+$")


def _field_items(
    text: str, kept: list[_Cand], zones: Sequence[_Zone], blocked: Sequence[tuple[int, int]]
) -> list[_Cand]:
    """``kept`` with the unfound items of labelled fields and role columns that read as body names."""
    starts = [c.start for c in kept]
    added: list[_Cand] = []
    is_blocked = _Spans(blocked)
    for z in zones:
        if z.role is None or z.end - z.start > 300:
            continue
        pos = z.start
        for sep in [*_FIELD_SPLIT.finditer(text, z.start, z.end), None]:
            s, e = pos, (sep.start() if sep else z.end)
            pos = sep.end() if sep else z.end
            inner = text[s:e]
            lead = len(inner) - len(inner.lstrip())
            trail = _FIELD_TRIM.search(inner)
            s, e = s + lead, (s + trail.start() if trail else e)
            if e - s < 2:
                continue
            k = bisect_left(starts, e)
            if k > 0 and kept[k - 1].end > s:
                continue  # a found body overlaps the item
            if not _list_item_ok(text, s, e) or is_blocked(s, e):
                continue
            name = text[s:e]
            added.append(_Cand(s, e, name, _kind_of(name, _list_kind(name)), _RULE_FIELD))
    if not added:
        return kept
    out = kept + added
    out.sort(key=_START)
    return out


def _list_kind(name: str) -> BodyKind:
    if name.endswith(("工会", "联合会", "协会", "学会", "商会", "联", "基金会")):
        return "people_org"
    if name.endswith(("集团", "公司")):
        return "enterprise"
    if name.endswith(("委员会", "小组")):
        return "committee"
    return "government"


#: an internal department (宣教部, 基层工作部, 预算司, 社保处), then a role word or punctuation
_SUBUNIT_RE = re.compile(
    rf"(?P<sub>(?!各|有关|相关|全部|内部|干部)(?:(?![的或和及与设下其依进负限查调惩判登至])[{_CJK}]){{0,5}}?(?:工作部|宣教部|宣传教育部|组织部|宣传部|女职工部|保障部|财务部|"
    rf"联络部|研究室|办公室|办公厅|司|处))(?=负责|牵头|配合|会同|协助|参与|按|等|和|及|与|要|将|[,、。;:()\n])"
)
_SUBUNIT_PARENTS = ("总工会", "工会", "委员会", "政府", "厅", "局", "委", "部", "署", "办")


def _merge_collectives(text: str, kept: list[_Cand]) -> list[_Cand]:
    """A named body right before 各部门/有关部门 … is one collective with it: 国务院各部门, 省政府有关部门."""
    out: list[_Cand] = []
    for c in kept:
        prev = out[-1] if out else None
        if (
            prev is not None
            and c.rule == _RULE_COLL
            and c.start == prev.end
            and prev.rule in (_RULE_GAZ, _RULE_LOCAL)
            and prev.kind in ("government", "party", "people_org")
            and text.startswith(("各", "有关", "相关"), c.start)
        ):
            out[-1] = _Cand(prev.start, c.end, prev.canonical + c.canonical, "collective", _RULE_COLL)
            continue
        out.append(c)
    return out


def _grow_subunits(text: str, kept: list[_Cand]) -> list[_Cand]:
    """``kept`` with each body followed by an internal department grown to include it."""
    out = list(kept)
    for k, c in enumerate(kept):
        if not text.endswith(_SUBUNIT_PARENTS, c.start, c.end) or c.rule == _RULE_HEADER:
            continue
        m = _SUBUNIT_RE.match(text, c.end)
        if m is None or (k + 1 < len(kept) and kept[k + 1].start < m.end()):
            continue
        out[k] = _Cand(c.start, m.end(), c.canonical + m.group("sub"), c.kind, _RULE_SUBUNIT)
    return out
