"""Roles: lead, cooperate or mentioned, from the language of assignment, labelled fields (牵头单位:
…) and the 牵头/责任 columns of task tables."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from policy_nlp.extract.bodies.gazetteer import _Cand, _clause_start
from policy_nlp.extract.bodies.index import _index
from policy_nlp.model import (
    BodyRole,
)
from policy_nlp.offsets import line_spans

# -- roles -------------------------------------------------------------------------------------------
_LABEL_RE = re.compile(
    r"(?P<label>牵头责任单位|牵头单位|牵头部门|主办单位|责任单位|责任部门|协同责任单位|配合单位|配合部门|参与单位|"
    r"协办单位|协同单位|部门分工|实施主体|责任主体)[::]"
)
#: how every match of _LABEL_RE ends: a text where this finds nothing holds no label (a cheap test
#: first: the pattern starts with the rare colon, which ``re`` skips to in C, and looks behind it)
_LABEL_HINT = re.compile(":(?<=单位:|部门:|分工:|主体:)")


@lru_cache(maxsize=2)
def _label_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, label) of the matches of ``_LABEL_RE.finditer(text)``, once per text (the roles
    and :func:`~policy_nlp.extract.bodies.attach_line_bodies` both read them).

    >>> _label_spans("牵头单位:省财政厅;配合单位:省商务厅")
    ((0, 5, '牵头单位'), (10, 15, '配合单位'))
    """
    if not _LABEL_HINT.search(text):
        return ()
    return tuple((m.start(), m.end(), m.group("label")) for m in _LABEL_RE.finditer(text))


_GROUP_GAP = re.compile(r"(?:等(?:有关|相关)?(?:部门|单位)?(?=,))?(?:、|和|及|以及|与|,|或者|或|同)?")
_AFTER_SKIP = re.compile(
    r"^(?:等(?:\d+个?|[一二三四五六七八九十]+个?)?(?:有关|相关)?(?:部门|单位|方面)?)?(?:分别|共同|具体|主要)?"
)
_AFTER_FOR_LEAD = re.compile(r"^为(?:牵头|责任)(?:单位|部门)")  # 省教育厅为牵头单位
_AFTER_FOR_COOP = re.compile(r"^为(?:配合|参与|协同|协办)(?:单位|部门)")
_AFTER_EXPLICIT_COOP = re.compile(r"^(?:配合|协助|协同|参与|参加)")
_LEAD_MARK = ("(牵头)", "(牵头单位)", "(牵头部门)")  # 责任单位:市发展改革委(牵头)、市财政局
_AFTER_COOP = re.compile(
    r"^(?:按职责分工|按照职责分工|按职责负责|按各自职责|按照各自职责|分工负责|配合|协助|协同|参与|参加)"
)
_AFTER_LEAD = re.compile(r"^(?:牵头|负总责|负责|统筹|组织实施|主抓)")
_AFTER_SUBJECT = re.compile(
    r"^(?:要|应|应当|将|须|必须|需|需要|决定|可|可以|会同|依法|按照|根据|依照|对|在|结合|加强|做好|抓好|认真|切实|积极|进一步)"
)
_BEFORE_COOP = re.compile(r"(?:会同|协同)$")
_BEFORE_LEAD = re.compile(r"(?:配合|协助|由)$")
#: cheap tests before the patterns (tests/test_fast_paths.py checks them against the patterns): how a
#: match of _AFTER_SKIP starts, how one of _AFTER_FOR_LEAD and _AFTER_FOR_COOP, _AFTER_LEAD, _AFTER_COOP
#: and _AFTER_SUBJECT (or 落实) starts, and how one of _BEFORE_COOP and _BEFORE_LEAD ends ($ also
#: matches before a final newline)
_SKIP_FIRST = frozenset("等分共具主")
_FOR_FIRST = "为"
_LEAD_FIRST = frozenset("牵负统组主")
_COOP_FIRST = frozenset("按分配协参")
_SUBJECT_FIRST = frozenset("要应将须必需决可会依按根对在结加做抓认切积进落")
_BEFORE_COOP_LAST = frozenset("同\n")
_BEFORE_LEAD_LAST = frozenset("合助由\n")
#: the longest match of _GROUP_GAP: 等有关部门 and the comma its look-ahead asks for
_GROUP_GAP_MAX = 6


@dataclass(frozen=True, slots=True)
class _Zone:
    start: int
    end: int
    role: BodyRole | None


def _label_zones(text: str) -> list[_Zone]:
    zones: list[_Zone] = []
    labels = _label_spans(text)
    for n, (start, end, label) in enumerate(labels):
        # the next label: _LABEL_RE.search(text, end), since finditer goes on from the end too
        zend = _zone_end(text, end, labels[n + 1][0] if n + 1 < len(labels) else len(text))
        role: BodyRole | None
        if label.startswith("牵头") or label == "主办单位":
            role = "lead"
        elif label in ("部门分工",):
            role = None
        elif label.startswith(("责任", "实施", "责任主体")):
            near = text[max(0, start - 200) : start]
            has_lead = _index(text).lead_word_between(_index(text).line_start(start), start) or re.search(
                r"牵头[^\n]*单位[::][^\n]*\n?$", near
            )
            role = "cooperate" if has_lead else "lead"
        else:
            role = "cooperate"
        zones.append(_Zone(end, zend, role))
    zones.extend(_table_zones(text))
    return zones


def _zone_end(text: str, pos: int, limit: int) -> int:
    """End of a labelled field: the next ; 。 newline, closing bracket of the enclosing group, or
    ``limit`` (the next label)."""
    depth = 0
    for i in range(pos, limit):
        c = text[i]
        if c in "((":
            depth += 1
        elif c in "))":
            if depth == 0:
                return i
            depth -= 1
        elif c in ";;。\n" and depth == 0:
            return i
    return limit


_CELL_SPLIT = re.compile(r"\s*(?:\||\t| {2,})\s*")
_HEADER_CELL = re.compile(
    r"^(?:序号|编号|(?:重点|工作|主要|具体)?任务(?:内容|名称|措施)?|工作内容|具体措施|牵头(?:责任)?(?:单位|部门)|"
    r"(?:责任|配合|参与|协同|协办)(?:单位|部门)|完成(?:时限|时间)|时间(?:安排|进度|节点)|时限(?:要求)?|进度安排|备注)$"
)


_TABLE_HINT = re.compile(r"(?:牵头|责任|配合|参与|协同|协办)(?:责任)?(?:单位|部门)\s*(?:\||\t| {2,}|\n)")


def _column_roles(cells: Sequence[str]) -> list[BodyRole | None] | None:
    if len(cells) < 3 or not all(_HEADER_CELL.match(c) for c in cells):
        return None
    has_lead = any("牵头" in c for c in cells)
    roles: list[BodyRole | None] = []
    for c in cells:
        if "牵头" in c:
            roles.append("lead")
        elif re.match(r"(?:责任|配合|参与|协同|协办)", c):
            roles.append("cooperate" if has_lead or not c.startswith("责任") else "lead")
        else:
            roles.append(None)
    return roles if any(roles) else None


def find_task_units(text: str) -> list[tuple[int, int]]:
    """Spans of task-table rows (one cell per line or one row per line) of ``text``, in order.

    >>> t = "序号\\n工作任务\\n牵头单位\\n责任单位\\n1\\n推进改革\\n省发展改革委\\n省财政厅\\n"
    >>> [t[s:e] for s, e in find_task_units(t)]
    ['1\\n推进改革\\n省发展改革委\\n省财政厅']
    """
    return [(s, e) for s, e, _cells in _table_rows(text)]


@lru_cache(maxsize=2)
def _table_rows(text: str) -> tuple[tuple[int, int, tuple[tuple[int, int, BodyRole | None], ...]], ...]:
    """Rows of flattened task tables: (start, end, cells as (start, end, role)), once per text (the
    roles and the task units of actions both read them)."""
    if not _TABLE_HINT.search(text):
        return ()
    return tuple((s, e, tuple(cells)) for s, e, cells in _find_table_rows(text))


def _find_table_rows(text: str) -> list[tuple[int, int, list[tuple[int, int, BodyRole | None]]]]:
    lines = line_spans(text)
    rows: list[tuple[int, int, list[tuple[int, int, BodyRole | None]]]] = []
    i = 0
    while i < len(lines):
        s, e = lines[i]
        line = text[s:e].strip()
        cells = [c for c in _CELL_SPLIT.split(line) if c]
        roles = _column_roles(cells) if len(cells) >= 3 else None
        if roles:  # one row per line
            i += 1
            while i < len(lines):
                s, e = lines[i]
                parts = list(_cell_spans(text, s, e))
                if len(parts) != len(roles):
                    break
                rows.append((s, e, [(a, b, r) for (a, b), r in zip(parts, roles, strict=True)]))
                i += 1
            continue
        # one cell per line: a run of header cells
        j = i
        while j < len(lines) and _HEADER_CELL.match(text[lines[j][0] : lines[j][1]].strip()):
            j += 1
        header = [text[a:b].strip() for a, b in lines[i:j]]
        roles = _column_roles(header) if j - i >= 3 else None
        if roles and header[0] in ("序号", "编号"):
            k = j
            n = len(roles)
            while k < len(lines) and re.fullmatch(r"\d{1,3}\.?", text[lines[k][0] : lines[k][1]].strip()):
                nxt = k + 1
                while nxt < len(lines) and not re.fullmatch(
                    r"\d{1,3}\.?", text[lines[nxt][0] : lines[nxt][1]].strip()
                ):
                    if nxt - k >= n:
                        break
                    nxt += 1
                block = lines[k:nxt]
                if len(block) == n:
                    rows.append(
                        (
                            block[0][0],
                            block[-1][1],
                            [(a, b, r) for (a, b), r in zip(block, roles, strict=True)],
                        )
                    )
                k = nxt
                if len(block) != n:
                    break
            i = max(k, j)
            continue
        i += 1
    return rows


def _cell_spans(text: str, s: int, e: int) -> Iterable[tuple[int, int]]:
    pos = s
    for m in _CELL_SPLIT.finditer(text, s, e):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if pos < e:
        yield pos, e


def _table_zones(text: str) -> list[_Zone]:
    return [_Zone(a, b, r) for _s, _e, cells in _table_rows(text) for a, b, r in cells if r]


def _roles(text: str, cands: Sequence[_Cand], zones: Sequence[_Zone]) -> list[BodyRole]:
    roles: list[BodyRole] = ["mentioned"] * len(cands)
    role: BodyRole
    # groups of listed bodies: A、B和C
    groups: list[list[int]] = []
    prev_end = -_GROUP_GAP_MAX - 1  # the end of the candidate before (kept: no overlaps)
    for k, c in enumerate(cands):
        start = c.start
        if (
            start - prev_end <= _GROUP_GAP_MAX
            and _GROUP_GAP.fullmatch(text, prev_end, start)
            and (not text.endswith(",", 0, start) or _in_paren(text, start))
        ):
            groups[-1].append(k)
        else:
            groups.append([k])
        prev_end = c.end
    find_zone = _ZoneFinder(zones) if zones else None
    for g in groups:
        first, last = cands[g[0]], cands[g[-1]]
        zone = find_zone(first.start, last.end) if find_zone else None
        after = text[last.end : last.end + 16]
        if after[:1] in _SKIP_FIRST:
            after = after[_AFTER_SKIP.match(after).end() :]  # type: ignore[union-attr]
        if zone is not None and zone.role is not None:
            role = zone.role
            if after.startswith(_LEAD_MARK) or (role == "lead" and after.startswith("牵头")):
                role = "lead"
            elif any(x in text[zone.start : zone.end] for x in _LEAD_MARK):
                role = "cooperate"  # the others of a field with a (牵头) mark
            elif _AFTER_EXPLICIT_COOP.match(after):
                role = "cooperate"  # 责任单位:市经信局牵头,市财政局配合
            for k in g:
                roles[k] = role
            continue
        before = text[max(0, first.start - 4) : first.start]
        role = "mentioned"
        a0, b1 = after[:1], before[-1:]  # each pattern is tried only where it can match (a cheap test)
        if a0 == _FOR_FIRST and _AFTER_FOR_LEAD.match(after):
            role = "lead"
        elif a0 == _FOR_FIRST and _AFTER_FOR_COOP.match(after):
            role = "cooperate"
        elif b1 in _BEFORE_COOP_LAST and _BEFORE_COOP.search(before):
            role = "cooperate"  # X会同Y组织实施: Y cooperates whatever follows it
        elif a0 in _LEAD_FIRST and _AFTER_LEAD.match(after):
            role = "lead"
        elif a0 in _COOP_FIRST and _AFTER_COOP.match(after):
            unit_start = _index(text).last_open_or_newline(first.start)
            unit = text[unit_start + 1 : first.start]
            role = (
                "cooperate"
                if ("牵头" in unit or after.startswith(("配合", "协助", "协同", "参与", "参加")))
                else "lead"
            )
        elif b1 in _BEFORE_LEAD_LAST and _BEFORE_LEAD.search(before):
            role = "lead"
        elif (
            a0 in _SUBJECT_FIRST
            and (_AFTER_SUBJECT.match(after) or after.startswith("落实"))
            and _at_clause_start(text, first.start)
        ):
            role = "lead"
        for k in g:
            roles[k] = role
    return roles


class _ZoneFinder:
    """The first of ``zones`` (in list order) that holds ``[start, end)``. The label zones come first,
    then the table zones; each run is sorted and disjoint (checked), so a bisection finds the one zone
    of a run that can hold a span; a run that is not falls back to a scan.

    >>> f = _ZoneFinder([_Zone(0, 5, "lead"), _Zone(8, 12, "cooperate"), _Zone(2, 9, None)])
    >>> f(9, 11).role, f(3, 7), f(1, 3).role
    ('cooperate', _Zone(start=2, end=9, role=None), 'lead')
    """

    __slots__ = ("runs",)

    def __init__(self, zones: Sequence[_Zone]) -> None:
        runs: list[list[_Zone]] = []
        for z in zones:  # split into runs that are sorted and disjoint
            if runs and runs[-1][-1].end <= z.start and runs[-1][-1].start < z.start:
                runs[-1].append(z)
            else:
                runs.append([z])
        self.runs = [(run, [z.start for z in run]) for run in runs]

    def __call__(self, start: int, end: int) -> _Zone | None:
        for run, starts in self.runs:
            k = bisect_right(starts, start) - 1
            if k >= 0 and end <= run[k].end:
                return run[k]
        return None


def _in_paren(text: str, pos: int) -> bool:
    return _index(text).in_paren(pos)


_LEAD_IN = re.compile(
    r"(?:由|并|同时|此外|其中|鼓励|支持|请|对此|为此|各|全市|全省|全区|全县|全国|\d+[.、]|[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\))$"
)


def _at_clause_start(text: str, pos: int) -> bool:
    j = _clause_start(text, pos, 12)
    lead = text[j:pos]
    return not lead or bool(_LEAD_IN.search(lead))
