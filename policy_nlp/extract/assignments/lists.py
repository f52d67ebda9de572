"""Lists of bodies: a cell, field or tail split into body names (never inside brackets), and the
found bodies looked up by span."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from policy_nlp.extract.assignments.rules import (
    _CLOSE,
    _LEAD_MARK,
    _LEAD_WORDS,
    _OPEN,
    _ROLE_WORD,
    _SPLIT_CHARS,
)
from policy_nlp.model import Body, BodyRole


# -- parsing a list of bodies ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Item:
    start: int
    end: int
    role: BodyRole


@dataclass(frozen=True, slots=True)
class _Task:
    start: int
    end: int
    items: tuple[_Item, ...]
    deadline: str | None
    rule: str
    area: tuple[int, int]  # the cells or fields that assign it


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of ``text[start:end]`` between 、 , ; outside brackets."""
    out = []
    depth = 0
    s = start
    for i in range(start, end):
        c = text[i]
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and c in _SPLIT_CHARS:
            out.append((s, i))
            s = i + 1
    out.append((s, end))
    # 各市、县(市、区)人民政府 is one collective: a bare 各市 joins the next piece
    k = 0
    while k + 1 < len(out):
        if _LEVEL_ONLY.fullmatch(text, out[k][0], out[k][1]):
            out[k : k + 2] = [(out[k][0], out[k + 1][1])]
        k += 1
    return out


_LEVEL_ONLY = re.compile(r"\s*各[省市区县州旗乡镇]\s*")


_TRIM_START = re.compile(r"[\s\u3000]*(?:由|请|以|(?:和|及|以及|与)(?=各|有关|相关|其他))?[\s\u3000]*")


_TRIM_END = re.compile(r"(?:[\s\u3000。.]|等有关单位|等有关部门|等单位|等部门|等)*$")


_CONNECT = re.compile(r"及|以及|和|与")


def _names(text: str, start: int, end: int, bodies: _BodyIndex) -> list[tuple[int, int]]:
    """Body names in ``text[start:end]`` (one item of a list, maybe A及B or A等B)."""
    m = _TRIM_START.match(text, start, end)
    s = m.end() if m else start
    e = end
    tm = _TRIM_END.search(text, s, e)
    if tm is not None:
        e = tm.start()
    if e - s < 2:
        return []
    # A等B (海关总署等国务院相关部门), A及B (国务院相关部门及各地区): split where found bodies say so
    parts = []
    pos = s
    for k in re.finditer(r"等|及|以及", text[s:e]):
        cut = s + k.start()
        if cut - pos >= 2 and not bodies.crosses(cut) and e - (s + k.end()) >= 2:
            parts.append((pos, cut))
            pos = s + k.end()
    parts.append((pos, e))
    out: list[tuple[int, int]] = []
    for a, b in parts:
        a = _TRIM_START.match(text, a, b).end()  # type: ignore[union-attr]  # A等和各省级人民政府
        # A和B where both are found bodies
        inner = bodies.inside(a, b)
        if len(inner) >= 2 and inner[0].start == a and inner[-1].end == b and all(
            _CONNECT.fullmatch(text, x.end, y.start) for x, y in pairwise(inner)
        ):
            out.extend((x.start, x.end) for x in inner)
        else:
            out.append((a, b))
    return [(a, b) for a, b in out if _name_like(text, a, b, bodies)]


#: how the name of a body ends (an item no found body covers must end so)
_NAME_ENDS = (
    "部", "委", "局", "厅", "办", "院", "署", "府", "会", "所", "行", "室", "组", "团", "处", "科", "站", "馆",
    "中心", "单位", "部门", "地区", "机构", "机关", "公司", "集团", "学校", "大学", "街道", "社区", "乡镇", "区", "县", "市",
)  # fmt: skip


#: what an item that is a clause, a note or a contact line holds
_NOT_NAME = re.compile(r"[由并:\d]|承担|以下|除|联系|电话|的")


def _name_like(text: str, start: int, end: int, bodies: _BodyIndex) -> bool:
    """A found body, or a short item that ends like a body name and reads as none of a clause."""
    if bodies.exact(start, end) is not None:
        return True
    name = text[start:end]
    return len(name) <= 25 and name.endswith(_NAME_ENDS) and _NOT_NAME.search(name) is None


def _parse_list(
    text: str, start: int, end: int, role: BodyRole, bodies: _BodyIndex, *, has_lead: bool
) -> list[_Item]:
    """Items of the body list ``text[start:end]``; see :func:`_parse_pieces`."""
    return _parse_pieces(text, _split(text, start, end), role, bodies, has_lead=has_lead)


def _parse_pieces(
    text: str, pieces: Sequence[tuple[int, int]], role: BodyRole, bodies: _BodyIndex, *, has_lead: bool
) -> list[_Item]:
    """Items of a body list with roles: the list's ``role`` unless a (牵头) mark or a role word says
    otherwise (A牵头,B配合; A会同B)."""
    items: list[_Item] = []
    marked = any(_LEAD_MARK.search(text, ps, pe) for ps, pe in pieces)
    pending: list[tuple[int, int]] = []
    for ps, pe in pieces:
        mark = _LEAD_MARK.search(text, ps, pe)
        word = _ROLE_WORD.search(text, ps, pe)
        piece_end = pe
        if mark is not None:
            piece_end = mark.start()
        elif word is not None:
            piece_end = word.start()
        together = text.find("会同", ps, piece_end)
        if together >= 0:  # A会同B: A leads, B cooperates
            items.extend(_Item(a, b, "lead") for a, b in pending + _names(text, ps, together, bodies))
            items.extend(_Item(a, b, "cooperate") for a, b in _names(text, together + 2, piece_end, bodies))
            pending = []
            continue
        names = _names(text, ps, piece_end, bodies)
        if mark is not None:
            items.extend(_Item(a, b, "lead") for a, b in names)
            continue
        if word is None:
            pending.extend(names)  # A、B牵头: the role word comes after the last item
            continue
        w = word.group()
        r: BodyRole
        if w.startswith(_LEAD_WORDS) and not (w == "负责" and has_lead):
            r = "lead"
        elif w in ("配合", "协助", "协同", "参与") or has_lead:
            r = "cooperate"
        else:
            r = "lead"  # (各区人民政府按职责分工负责) with no lead: they are responsible
        items.extend(_Item(a, b, r) for a, b in pending + names)
        pending = []
    leftover: BodyRole = "cooperate" if marked else role
    items.extend(_Item(a, b, leftover) for a, b in pending)
    return items


class _BodyIndex:
    def __init__(self, bodies: Sequence[Body]) -> None:
        self.bodies = sorted(bodies, key=lambda b: (b.start, -b.end))
        self.starts = [b.start for b in self.bodies]

    def inside(self, start: int, end: int) -> list[Body]:
        out: list[Body] = []
        bodies = self.bodies
        for k in range(bisect_left(self.starts, start), len(bodies)):  # no copy of the list's tail
            b = bodies[k]
            if b.start >= end:
                break
            if b.end <= end and not (out and b.start < out[-1].end):
                out.append(b)
        return out

    def crosses(self, pos: int) -> bool:
        k = bisect_left(self.starts, pos)
        return any(b.start < pos < b.end for b in self.bodies[max(0, k - 8) : k])

    def exact(self, start: int, end: int) -> Body | None:
        k = bisect_left(self.starts, start)
        while k < len(self.bodies) and self.bodies[k].start == start:
            if self.bodies[k].end == end:
                return self.bodies[k]
            k += 1
        return None

