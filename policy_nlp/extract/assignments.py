"""Assignments: who does what by when, from the three forms of implementation plans.

A task becomes an :class:`~policy_nlp.model.Action` whose ``bodies`` carry the lead and cooperating
bodies (canonical names) and whose ``deadline`` is parsed by
:func:`~policy_nlp.extract.deadlines.parse_deadline`. Forms (rule ids):

- ``assignments.table_row.v1``: a row of a task-division table (序号 | 重点任务 | 牵头单位 | 配合单位 |
  完成时限) whose header cells name the columns (``resources/assignment_columns.tsv``); the action spans
  the task cell, a lead cell spanning several rows applies to each of them; the header row is none.
- ``assignments.fields.v1``: a task followed by 牵头单位: / 责任单位: / 配合单位: / 完成时限: fields,
  on their own lines or after the task on its line; the task runs back to the previous item number,
  field block or tail.
- ``assignments.tail.v1``: a task ending in an assigning parenthetical ((A牵头,B、C配合), (A负责),
  (牵头单位:A;责任单位:B), (A指导,B参与)) or a 由A牵头,B配合 sentence. A note in a tail
  (排在第一位的部门为牵头部门,下同 / 以下均需…落实,不再列出) names no body; 指导 leads unless the
  tail has a 牵头/会同/负总责 body.
- ``assignments.sentence.v1``: a prose sentence outside the other forms that assigns by itself: a
  dated one (2019年3月底前,A推行… / A于2019年12月底前完成… / …,并于2018年12月底前报送…) or one
  whose subject is a found body followed by 负责/牵头/会同 (A负责组织…, 第七条 A应会同B制定…); the
  subject's bodies lead, those right after 会同 cooperate.

Body lists split on 、 , ; (never inside brackets: 各县(市、区)人民政府 is one body); an item that is
exactly a found body takes its canonical name, any other item (各区人民政府, 国务院相关部门) stays as
written. Clause actions (``actions.clause.v1``) inside a task take its bodies when they have none and
its deadline (a clause dated in its own words keeps its own), and the bodies inside its cells or
fields take the role.

>>> from policy_nlp import analyze
>>> doc = analyze("1.推进数据共享。\\n牵头单位:市发展改革委\\n配合单位:各区人民政府\\n完成时限:2024年底前")
>>> [(r["task"], r["lead"], r["cooperate"], r["deadline"]) for r in assignment_rows(doc)]
[('推进数据共享。', '市发展改革委', '各区人民政府', '2024-12')]
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, pairwise
from typing import Any

from policy_nlp.extract.deadlines import parse_deadline
from policy_nlp.model import Action, Assignment, Body, BodyRole, Cell, Document, Section, Table, Target
from policy_nlp.resources import read_tsv

__all__ = ["ROW_COLUMNS", "Assigned", "assign_tasks", "assignment_rows", "column_roles"]

RULE_TABLE = "assignments.table_row.v1"
RULE_FIELDS = "assignments.fields.v1"
RULE_TAIL = "assignments.tail.v1"
RULE_SENTENCE = "assignments.sentence.v1"
_RULES = frozenset((RULE_TABLE, RULE_FIELDS, RULE_TAIL, RULE_SENTENCE))

#: the columns of :func:`assignment_rows`
ROW_COLUMNS = ("doc", "id", "section", "task", "lead", "cooperate", "deadline", "start", "end", "rule")

_ROLES = frozenset(("task", "lead", "cooperate", "deadline", "lead_or_cooperate", "other"))
_OPEN = "(（"
_CLOSE = ")）"
_SPLIT_CHARS = frozenset("、,;，；")
_LEAD_MARK = re.compile(r"\((?:牵头|牵头单位|牵头部门)\)")
_ROLE_WORD = re.compile(
    r"牵头负责|牵头|负总责|负责|按照?职责分工负责|按照?职责分工|按照?各自职责负责|按职责负责|分工负责|"
    r"配合|协助|协同|参与|共同负责|指导"
)
_LEAD_WORDS = ("牵头", "负总责", "负责")
_TAIL_CUE = re.compile(r"牵头|负责|配合|参与|指导|责任单位|牵头单位|责任部门")
#: an item number where a task starts: (一) anywhere; 一、 1. 1、 ① after a line start or a stop
_ITEM_MARK = re.compile(
    r"\([一二三四五六七八九十]{1,3}\)|\(\d{1,2}\)|[①-⑳]"
    r"|(?:(?<=^)|(?<=[\n。;:)\s]))(?:[一二三四五六七八九十]{1,3}、|\d{1,2}(?:\.(?!\d)|\.(?=\d{4}年)|、))",
    re.MULTILINE,
)
_HEAD = re.compile(
    r"[\s\u3000]*(?:\([一二三四五六七八九十]{1,3}\)|\(\d{1,2}\)|[①-⑳]|[一二三四五六七八九十]{1,3}、|\d{1,2}(?:\.(?!\d)|\.(?=\d{4}年)|、))?[\s\u3000]*"
)
_BARE_LINE = re.compile(r"[^。;!?\n]{0,40}")
_BY_SENTENCE = re.compile(
    r"(?:(?<=^)|(?<=[\n。;]))由(?P<body>[^,;。\n]{2,80}?)(?:牵头|负责)[^,;。()\n]{0,8}"
    r"(?:,(?P<coop>[^,;。\n]{2,80}?)(?:配合|协助|参与|按照?职责分工负责)[^,;。()\n]{0,6})?(?=[。;\n]|$)",
    re.MULTILINE,
)


@cache
def _columns() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in read_tsv("assignment_columns.tsv"):
        if row["role"] not in _ROLES:
            from policy_nlp.errors import ResourceError

            raise ResourceError(f"assignment_columns.tsv: unknown role {row['role']!r} of {row['header']!r}")
        out[row["header"]] = row["role"]
    return out


@cache
def _label_re() -> re.Pattern[str]:
    # a task header (重点任务:) is a label of the task itself, not of a field after it
    labels = sorted((h for h, role in _columns().items() if role != "task"), key=len, reverse=True)
    return re.compile("(?P<label>" + "|".join(map(re.escape, labels)) + r")[ \t\u3000]*:")


def column_roles(headers: Sequence[str]) -> list[str | None] | None:
    """The role of each header cell (task/lead/cooperate/deadline, None for 序号 …), or None when the
    row is no task-division header (no task column, or no lead, cooperate nor deadline column).

    >>> column_roles(["序号", "重点任务", "牵头单位", "责任单位", "完成时限"])
    [None, 'task', 'lead', 'cooperate', 'deadline']
    >>> column_roles(["序号", "任务内容", "责任单位", "时间节点"])
    [None, 'task', 'lead', 'deadline']
    >>> column_roles(["指标", "2020年", "2025年"]) is None
    True
    """
    cols = _columns()
    raw = [cols.get(re.sub(r"\s+", "", h)) for h in headers]
    has_lead = "lead" in raw
    roles: list[str | None] = [
        None if r == "other" else ("cooperate" if has_lead else "lead") if r == "lead_or_cooperate" else r
        for r in raw
    ]
    if "task" not in roles or not ({"lead", "cooperate", "deadline"} & set(roles)):
        return None
    return roles


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
        for b in self.bodies[bisect_left(self.starts, start) :]:
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


# -- the three forms ---------------------------------------------------------------------------------
def _table_tasks(text: str, tables: Sequence[Table], bodies: _BodyIndex, year: int | None) -> list[_Task]:
    out: list[_Task] = []
    for table in tables:
        grid = table.grid()
        header_row = -1
        roles: list[str | None] | None = None
        for r in range(min(len(grid), max(3, table.header_rows + 1))):
            got = column_roles([c.text if c else "" for c in grid[r]])
            if got:  # the last of consecutive header rows: 责任单位 above 牵头单位 | 配合单位
                roles, header_row = got, r
            elif roles is not None:
                break
        if roles is None:
            continue
        task_col = roles.index("task")
        seen: set[int] = set()
        for r in range(header_row + 1, len(grid)):
            row = grid[r]
            task = row[task_col]
            if task is None or not task.text.strip() or id(task) in seen or task.row < r:
                continue
            others = [row[k] for k, role in enumerate(roles) if role and role != "task"]
            if any(o is task for o in others):
                continue  # a category row spanning the columns (一、稳增长)
            seen.add(id(task))
            has_lead = any(
                role == "lead" and row[k] is not None and row[k].text.strip()  # type: ignore[union-attr]
                for k, role in enumerate(roles)
            )
            items: list[_Item] = []
            deadline = None
            lo, hi = task.start, task.end
            for k, role in enumerate(roles):
                cell = row[k]
                if cell is None or role in (None, "task"):
                    continue
                lo, hi = min(lo, cell.start), max(hi, cell.end)
                if role == "deadline":
                    deadline = parse_deadline(cell.text, year=year)
                else:
                    items.extend(
                        _parse_list(text, cell.start, cell.end, role, bodies, has_lead=has_lead)  # type: ignore[arg-type]
                    )
            s, e = _trim_task(text, task.start, task.end)
            if e > s:
                out.append(_Task(s, e, tuple(items), deadline, RULE_TABLE, (lo, hi)))
    return out


_FLAT_SPLIT = re.compile(r"[ \t\u3000]*(?:\||\t| {2,})[ \t\u3000]*")
_ROW_NUMBER = re.compile(r"\s*\d{1,3}\.?\s*")
_NUMBER_HEADERS = ("序号", "编号")


def _flat_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cell spans of a line flattened with | , tabs or runs of spaces (outer frame bars dropped)."""
    out = []
    pos = start
    for m in _FLAT_SPLIT.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _flat_tables(text: str, covered: Sequence[tuple[int, int]]) -> list[Table]:
    """Task tables that :func:`~policy_nlp.structure.tables.find_tables` did not lay out: a header
    line of task-division headers with one row per line (cells split by |, tabs or two spaces), or one
    cell per line under a 序号 header run."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    headers = _columns()
    out: list[Table] = []
    in_covered = _Cover(covered)
    i = 0
    while i < len(lines):
        s, e = lines[i]
        if in_covered(s) or not text[s:e].strip():
            i += 1
            continue
        cells = _flat_cells(text, s, e)
        if len(cells) >= 3 and column_roles([text[a:b] for a, b in cells]):
            rows = [cells]
            j = i + 1
            while j < len(lines):
                nxt = _flat_cells(text, *lines[j])
                if len(nxt) != len(cells):
                    break
                rows.append(nxt)
                j += 1
            if len(rows) > 1:
                out.append(_grid_table(text, rows))
            i = j
            continue
        j = i
        while j < len(lines) and (
            (h := text[lines[j][0] : lines[j][1]].strip()) in headers or h in _NUMBER_HEADERS or h == "备注"
        ):
            j += 1
        heads = [text[a:b].strip() for a, b in lines[i:j]]
        if j - i >= 3 and heads[0] in _NUMBER_HEADERS and column_roles(heads):
            n = j - i
            rows = [[_strip(text, a, b) for a, b in lines[i:j]]]
            k = j
            while k + n <= len(lines) and _ROW_NUMBER.fullmatch(text, *lines[k]):
                block = lines[k : k + n]
                if any(_ROW_NUMBER.fullmatch(text, a, b) for a, b in block[1:]):
                    break
                rows.append([_strip(text, a, b) for a, b in block])
                k += n
            if len(rows) > 1:
                out.append(_grid_table(text, rows))
            i = max(k, j)
            continue
        i += 1
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\u3000":
        start += 1
    while end > start and text[end - 1] in " \t\u3000\r":
        end -= 1
    return start, end


def _grid_table(text: str, rows: Sequence[Sequence[tuple[int, int]]]) -> Table:
    cells = tuple(
        Cell(r, c, a, b, text[a:b], header=r == 0) for r, row in enumerate(rows) for c, (a, b) in enumerate(row)
    )
    return Table("", rows[0][0][0], rows[-1][-1][1], len(rows), len(rows[0]), cells, header_rows=1)


_TASK_LABEL = re.compile(
    r"[\s\u3000]*(?:具体(?:措施|举措|任务)|主要(?:措施|任务)|工作(?:措施|任务|内容)|重点(?:任务|工作)|任务(?:内容|举措))[::]"
)


def _trim_task(text: str, start: int, end: int) -> tuple[int, int]:
    label = _TASK_LABEL.match(text, start, end)  # 具体措施:2021年3月底前设立… (no item number)
    if label is not None and label.end() < end:
        start = label.end()
    m = _HEAD.match(text, start, end)
    s = m.end() if m else start
    e = end
    while e > s and text[e - 1] in " \t\u3000\r\n":
        e -= 1
    return s, e


@dataclass(frozen=True, slots=True)
class _Block:
    start: int
    end: int
    items: tuple[_Item, ...]
    deadline: str | None
    rule: str


def _field_end(text: str, pos: int, limit: int) -> int:
    """End of a field value: the next ; 。 newline, or the closing bracket of its group."""
    depth = 0
    for i in range(pos, limit):
        c = text[i]
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0 and c in ";;。\n":
            return i
    return limit


def _field_blocks(text: str, bodies: _BodyIndex, year: int | None) -> list[_Block]:
    """Runs of labelled fields (牵头单位:A\\n责任单位:B\\n完成时限:2024年底前), alone or in brackets."""
    label_re = _label_re()
    cols = _columns()
    fields: list[tuple[int, int, int, str]] = []  # label start, value start, value end, role
    for m in label_re.finditer(text):
        nxt = label_re.search(text, m.end())
        limit = nxt.start() if nxt else len(text)
        vend = _field_end(text, m.end(), limit)
        fields.append((m.start(), m.end(), vend, cols[m.group("label")]))
    blocks: list[_Block] = []
    k = 0
    while k < len(fields):
        group = [fields[k]]
        while k + 1 < len(fields) and re.fullmatch(r"[\s;;。,,\u3000]*", text[group[-1][2] : fields[k + 1][0]]):
            k += 1
            group.append(fields[k])
        k += 1
        start, end = group[0][0], group[-1][2]
        if start > 0 and text[start - 1] in _OPEN:
            start -= 1
            if end < len(text) and text[end] in _CLOSE:
                end += 1
        has_lead = any(role == "lead" for _ls, _vs, _ve, role in group)
        items: list[_Item] = []
        deadline = None
        for _ls, vs, ve, role in group:
            if role == "deadline":
                deadline = parse_deadline(text[vs:ve], year=year) or deadline
            elif role == "lead_or_cooperate":
                r: BodyRole = "cooperate" if has_lead else "lead"
                items.extend(_parse_list(text, vs, ve, r, bodies, has_lead=has_lead))
            elif role in ("lead", "cooperate"):
                items.extend(_parse_list(text, vs, ve, role, bodies, has_lead=has_lead))  # type: ignore[arg-type]
        if items or deadline:
            blocks.append(_Block(start, end, tuple(items), deadline, RULE_FIELDS))
    return blocks


#: a note inside a tail: 列第一位者为牵头单位,下同 / 以下均需试点城市政府落实,不再列出
_NOTE = re.compile(r"下同|不再列出|以下均|第一位|排名第一")
#: the convention of national plans: the first body of a 负责 list leads
_FIRST_LEADS = re.compile(r"(?:列|排)(?:在)?第一位(?:者|的)?(?:部门|单位)?(?:为|是)牵头(?:单位|部门)")


def _sentences_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    s = start
    for i in range(start, end):
        if text[i] == "。":
            out.append((s, i))
            s = i + 1
    out.append((s, end))
    return [(a, b) for a, b in out if b > a]


def _tail_blocks(text: str, bodies: _BodyIndex, year: int | None, taken: Sequence[_Block]) -> list[_Block]:
    """Assigning parentheticals (A牵头,B配合) and 由A牵头,B配合 sentences not inside a field block."""
    spans = sorted((b.start, b.end) for b in taken)  # field blocks do not overlap one another
    starts = [a for a, _b in spans]

    def free(s: int, e: int) -> bool:
        k = bisect_left(starts, e)  # blocks starting before e: only the last one can reach past s
        return k == 0 or spans[k - 1][1] <= s

    out: list[_Block] = []
    convention = _FIRST_LEADS.search(text)
    first_leads = convention.start() - 200 if convention else None  # the tail that states it, and on
    for m in re.finditer(r"\(", text):
        s = m.start()
        e = _close(text, s)
        if e < 0 or e - s > 300 or not free(s, e + 1) or not _TAIL_CUE.search(text, s, e):
            continue
        inner = text[s + 1 : e]
        if not _ROLE_WORD.search(inner):
            continue
        deadline = None
        pieces = []
        for ss, se in _sentences_of(text, s + 1, e):
            for ps, pe in _split(text, ss, se):
                if _NOTE.search(text, ps, pe):
                    continue  # 列第一位者为牵头单位 / 下同 / 以下均需…落实 / 不再列出: a note, no body
                d = None if _ROLE_WORD.search(text, ps, pe) else parse_deadline(text[ps:pe], year=year or 1)
                if d is not None:  # 年底前完成 with no year of its own is a deadline we cannot date
                    deadline = None if d.startswith("0001") else d
                else:
                    pieces.append((ps, pe))
        lead = any(w in text[ps:pe] for ps, pe in pieces for w in ("牵头", "会同", "负总责"))
        items = _parse_pieces(text, pieces, "lead", bodies, has_lead=lead)
        if not lead and first_leads is not None and s >= first_leads and len(items) > 1:
            if all(it.role == "lead" for it in items):  # 列第一位者为牵头单位
                items = [items[0], *(dataclasses.replace(it, role="cooperate") for it in items[1:])]
        if items:
            out.append(_Block(s, e + 1, tuple(items), deadline, RULE_TAIL))
    for m in _BY_SENTENCE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        lead_s, lead_e = m.span("body")
        items = _parse_list(text, lead_s, lead_e, "lead", bodies, has_lead=True)
        if m.group("coop"):
            cs, ce = m.span("coop")
            items += _parse_list(text, cs, ce, "cooperate", bodies, has_lead=True)
        if items:
            out.append(_Block(m.start(), m.end(), tuple(items), None, RULE_TAIL))
    return out


def _close(text: str, i: int) -> int:
    depth = 0
    for j in range(i, min(len(text), i + 400)):
        if text[j] in _OPEN:
            depth += 1
        elif text[j] in _CLOSE:
            depth -= 1
            if depth == 0:
                return j
        elif text[j] == "\n":
            return -1
    return -1


#: a deadline inside the task's own words: 2020年底前开展…, 2021年3月底前完成…
_INLINE_DEADLINE = re.compile(
    r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:底|末|上半年|下半年|第?[一二三四1-4]季度末?)?(?:以)?前"
)


def _inline_deadline(text: str, start: int, end: int) -> str | None:
    """The latest 2020年底前-style deadline inside a task that no field or tail dates."""
    found = [m.group() for m in _INLINE_DEADLINE.finditer(text, start, end)]
    return parse_deadline(",".join(found)) if found else None


def _block_tasks(text: str, blocks: Sequence[_Block]) -> list[_Task]:
    """Each block's task: back from the block to the last item number after the previous block."""
    out: list[_Task] = []
    prev = 0
    for b in sorted(blocks, key=lambda x: x.start):
        lo = prev
        prev = max(prev, b.end)
        if b.start <= lo:
            continue
        start = lo
        for m in _ITEM_MARK.finditer(text, lo, b.start):
            start = m.start()
        if start == lo:  # no item number: the line of the block, else the line before it
            line_start = text.rfind("\n", lo, b.start) + 1
            if line_start > lo and not text[line_start : b.start].strip():
                line_start = text.rfind("\n", lo, max(lo, line_start - 1)) + 1
            start = max(lo, line_start)
        # skip a bare heading line (二、扩大内需) when the task has more lines
        while True:
            nl = text.find("\n", start, b.start)
            if nl < 0 or not text[nl + 1 : b.start].strip():
                break
            line = text[start:nl].strip()
            if not _BARE_LINE.fullmatch(line) or line.endswith(("。", ";")):
                break
            start = nl + 1
        s, e = _trim_task(text, start, b.start)
        if e - s >= 2:
            deadline = b.deadline or _inline_deadline(text, s, e)
            out.append(_Task(s, e, b.items, deadline, b.rule, (b.start, b.end)))
    return out


_SENTENCE = re.compile(r"[^。;;\n]+")
#: what follows the subject of an assigning sentence: A负责… / A牵头… / A应会同B… / A要于2019年…
_SUBJECT_CUE = re.compile(r"(?:要|将|应当|应|须)?(?:负总责|负责|牵头|会同)")
_SUBJECT_GLUE = re.compile(r"、|和|及|以及")
_ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇\d]{1,5}条[\s\u3000]*")


def _subject(text: str, pos: int, end: int, bodies: _BodyIndex) -> tuple[int, int]:
    """The run of found bodies (A、B和C) that starts at ``pos``: its span, empty when none does."""
    stop = pos
    for b in bodies.inside(pos, min(end, pos + 80)):
        if b.start != stop and not (stop > pos and _SUBJECT_GLUE.fullmatch(text, stop, b.start)):
            break
        stop = b.end
    return pos, stop


def _sentence_tasks(
    text: str, bodies: _BodyIndex, year: int | None, taken: Sequence[tuple[int, int]]
) -> list[_Task]:
    """Prose sentences that assign a task by themselves (``assignments.sentence.v1``): a dated one
    (2019年3月底前,A推行… / A于2019年12月底前完成… / …,并于2018年12月底前报送…), or one whose subject
    is a found body followed by 负责/牵头/会同 (A负责制定…, A应会同B制定…). The subject's bodies lead
    (B after 会同 cooperates); the deadline is the dated phrase's, the latest when there are several."""
    spans = sorted(taken)
    ends = [z for _a, z in spans]
    out: list[_Task] = []
    for m in _SENTENCE.finditer(text):
        s, e = _trim_task(text, m.start(), m.end())
        if e - s < 6:
            continue
        k = bisect_left(ends, s + 1)  # the first taken span ending after s: does it start before e?
        if k < len(spans) and spans[k][0] < e:
            continue
        article = _ARTICLE.match(text, s, e)  # 第七条 A应会同B制定…
        s = p = article.end() if article else s
        dates = []
        for d in _INLINE_DEADLINE.finditer(text, s, e):
            if d.start() == s or text[d.start() - 1] == "于":  # 2019年3月底前,… / A要于2019年…前 / 并于…前
                dates.append(d.group())
        if dates and _INLINE_DEADLINE.match(text, s):
            p = _INLINE_DEADLINE.match(text, s).end()  # type: ignore[union-attr]
            while p < e and text[p] in ",, \u3000":
                p += 1
        subj_end = _subject(text, p, e, bodies)[1]
        cue = _SUBJECT_CUE.match(text, subj_end, e) if subj_end > p else None
        if not dates and cue is None:
            continue
        items: list[_Item] = []
        if subj_end > p:
            items = _parse_list(text, p, subj_end, "lead", bodies, has_lead=True)
        if cue is not None and cue.group().endswith("会同"):  # A会同B、C制定…: B, C cooperate
            co_s, co_e = _subject(text, cue.end(), e, bodies)
            items += [_Item(b.start, b.end, "cooperate") for b in bodies.inside(co_s, co_e)]
        deadline = parse_deadline(",".join(dates), year=year) if dates else None
        if m.end() < len(text) and text[m.end()] == "。":
            e = m.end() + 1  # the task keeps its full stop, as the other forms do
        out.append(_Task(s, e, tuple(items), deadline, RULE_SENTENCE, (s, e)))
    return out


# -- public ------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Assigned:
    """What :func:`assign_tasks` returns: every action (clause actions and task actions, renumbered in
    document order) and the bodies with the roles of the cells and fields that assign them."""

    actions: tuple[Action, ...]
    bodies: tuple[Body, ...]


def assign_tasks(
    text: str,
    *,
    tables: Sequence[Table] = (),
    sections: Sequence[Section] = (),
    bodies: Sequence[Body] = (),
    targets: Sequence[Target] = (),
    actions: Sequence[Action] = (),
    year: int | None = None,
) -> Assigned:
    """Task actions of ``text`` (table rows, field blocks, tails) added to ``actions``.

    ``year`` is the document's year (for 年底前); ``bodies`` give canonical names and take the roles
    of the cells and fields they sit in.

    >>> from policy_nlp.extract.bodies import find_bodies
    >>> from policy_nlp.model import Meta
    >>> text = "(三)推行企业新型学徒制。(省人力社保厅牵头,省总工会配合,2024年底前完成)"
    >>> got = assign_tasks(text, bodies=find_bodies(text, meta=Meta(issuers=("浙江省人民政府",))))
    >>> [(a.text, [(x.canonical, x.role) for x in a.bodies], a.deadline) for a in got.actions if a.rule.startswith("assign")]
    [('推行企业新型学徒制。', [('浙江省人力资源和社会保障厅', 'lead'), ('浙江省总工会', 'cooperate')], '2024-12')]
    """
    index = _BodyIndex(bodies)
    try:
        found = list(tables) + _flat_tables(text, [(t.start, t.end) for t in tables])
        tasks = _table_tasks(text, found, index, year)
        table_spans = [(t.area[0], t.area[1]) for t in tasks] + [(t.start, t.end) for t in found]
        in_table = _Cover(table_spans)
        blocks = [b for b in _field_blocks(text, index, year) if not in_table(b.start)]
        blocks += _tail_blocks(text, index, year, blocks)
        blocks = [b for b in blocks if not in_table(b.start)]
        tasks += _block_tasks(text, blocks)
        taken = table_spans + [(t.start, t.end) for t in tasks] + [(b.start, b.end) for b in blocks]
        tasks += _sentence_tasks(text, index, year, taken)
    except (re.error, RecursionError):  # pragma: no cover - extractors never raise on strange text
        tasks = []
    if not tasks:
        return Assigned(tuple(actions), tuple(bodies))
    tasks.sort(key=lambda t: (t.start, -t.end))
    return Assigned(_actions(text, tasks, index, sections, targets, actions), _bodies(tasks, bodies))


def _assignments(text: str, task: _Task, index: _BodyIndex) -> tuple[Assignment, ...]:
    seen: dict[tuple[str, str], None] = {}
    for it in task.items:
        b = index.exact(it.start, it.end)
        name = b.canonical if b is not None else text[it.start : it.end]
        seen.setdefault((name, it.role), None)
    # a body both leading and cooperating leads
    leads = {n for n, r in seen if r == "lead"}
    return tuple(
        Assignment(n, r)  # type: ignore[arg-type]
        for n, r in seen
        if r == "lead" or n not in leads
    )


def _actions(
    text: str,
    tasks: Sequence[_Task],
    index: _BodyIndex,
    sections: Sequence[Section],
    targets: Sequence[Target],
    actions: Sequence[Action],
) -> tuple[Action, ...]:
    from policy_nlp.extract.actions import _SectionIndex, _verbs

    verb_re, _ = _verbs()
    section_of = _SectionIndex(sections)
    made: list[Action] = []
    spans: list[tuple[int, int, tuple[Assignment, ...], str | None]] = []
    by_start = sorted(range(len(targets)), key=lambda k: targets[k].start)
    target_starts = [targets[k].start for k in by_start]
    for t in tasks:
        bodies = _assignments(text, t, index)
        vm = verb_re.search(text, t.start, t.end)
        stop = re.compile(r"[。;\n]").search(text, vm.end() if vm else t.start, t.end)
        obj_end = stop.start() if stop else t.end
        verb = vm.group() if vm else ""
        obj = text[vm.end() if vm else t.start : obj_end].strip()
        inside = tuple(  # the targets inside the task, in their order
            targets[k].id
            for k in sorted(by_start[bisect_left(target_starts, t.start) : bisect_left(target_starts, t.end)])
            if targets[k].end <= t.end
        )
        made.append(
            Action(
                "",
                t.start,
                t.end,
                text[t.start : t.end],
                verb,
                obj,
                bodies=bodies,
                targets=inside,
                section=section_of(t.start),
                deadline=t.deadline,
                rule=t.rule,
            )
        )
        spans.append((t.start, t.end, bodies, t.deadline))
    updated = []
    holder_of = _FirstHolder(spans)
    for a in actions:
        holder = holder_of(a.start, a.end)
        if holder is not None:  # the task's own assignment is the most specific one
            # a clause dated in its own words (2020年底前开展…) keeps its date over the task's latest
            own = a.deadline or _inline_deadline(text, a.start, a.end)
            a = dataclasses.replace(a, bodies=holder[2] or a.bodies, deadline=own or holder[3])
        updated.append(a)
    merged = sorted([*updated, *made], key=lambda a: (a.start, -a.end, a.rule not in _RULES))
    return tuple(dataclasses.replace(a, id=f"A{n}") for n, a in enumerate(merged, start=1))


class _Cover:
    """Whether a position lies in one of ``spans`` (``any(a <= pos < b for a, b in spans)``), by
    bisection: a scan per line or per block was quadratic on a long document.

    >>> covered = _Cover([(10, 20), (0, 5), (3, 12)])
    >>> [covered(p) for p in (0, 11, 12, 19, 20, 25)]
    [True, True, True, True, False, False]
    """

    __slots__ = ("reach", "starts")

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _b in ordered]
        self.reach = list(accumulate((b for _a, b in ordered), max))  # furthest end among ordered[: k + 1]

    def __call__(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos)
        return k > 0 and self.reach[k - 1] > pos


_Span = tuple[int, int, tuple[Assignment, ...], str | None]


class _FirstHolder:
    """The first of ``spans`` (in list order) that holds ``[start, end)``: the spans are cut into
    runs that are sorted and disjoint, where a bisection finds the one span that can hold it (a scan
    per action was quadratic on a long document).

    >>> f = _FirstHolder([(0, 5, (), None), (8, 12, (), "2025"), (2, 9, (), None)])
    >>> f(9, 11)[3], f(3, 7)[:2], f(1, 3)[:2], f(12, 13)
    ('2025', (2, 9), (0, 5), None)
    """

    __slots__ = ("runs",)

    def __init__(self, spans: Sequence[_Span]) -> None:
        runs: list[list[_Span]] = []
        for sp in spans:
            if runs and runs[-1][-1][1] <= sp[0] and runs[-1][-1][0] < sp[0]:
                runs[-1].append(sp)
            else:
                runs.append([sp])
        self.runs = [(run, [sp[0] for sp in run]) for run in runs]

    def __call__(self, start: int, end: int) -> _Span | None:
        for run, starts in self.runs:
            k = bisect_right(starts, start) - 1
            if k >= 0 and end <= run[k][1]:
                return run[k]
        return None


def _bodies(tasks: Sequence[_Task], bodies: Sequence[Body]) -> tuple[Body, ...]:
    roles: dict[tuple[int, int], BodyRole] = {}
    for t in tasks:
        for it in t.items:
            roles.setdefault((it.start, it.end), it.role)
    if not roles:
        return tuple(bodies)
    spans = sorted(roles)
    starts = [s for s, _e in spans]
    out = []
    for b in bodies:
        if b.role in ("issuer", "addressee"):
            out.append(b)
            continue
        k = bisect_left(starts, b.start + 1) - 1
        role = None
        while k >= 0 and k >= bisect_left(starts, b.start) - 8:
            s, e = spans[k]
            if s <= b.start and b.end <= e:
                role = roles[(s, e)]
                break
            k -= 1
        out.append(dataclasses.replace(b, role=role) if role is not None and role != b.role else b)
    return tuple(out)


def assignment_rows(doc: Document) -> Iterator[dict[str, Any]]:
    """One dict per task of ``doc`` with a lead or a deadline (keys :data:`ROW_COLUMNS`); bodies
    joined with ``;``. A document with task actions (table rows, field blocks, tails) gives those and
    its assigning sentences (``assignments.sentence.v1``); one without gives its assigning sentences
    and the clause actions outside them that have a lead or a deadline."""
    tasks = [a for a in doc.actions if a.rule in _RULES]
    if all(a.rule == RULE_SENTENCE for a in tasks):
        sentences = [a for a in doc.actions if a.rule == RULE_SENTENCE]
        tasks = [
            a
            for a in doc.actions
            if a.rule == RULE_SENTENCE or not any(s.start < a.end and a.start < s.end for s in sentences)
        ]
    for a in tasks:
        lead = [b.canonical for b in a.bodies if b.role == "lead"]
        if not lead and not a.deadline:
            continue
        yield {
            "doc": doc.id,
            "id": a.id,
            "section": a.section,
            "task": a.text,
            "lead": ";".join(lead),
            "cooperate": ";".join(b.canonical for b in a.bodies if b.role == "cooperate"),
            "deadline": a.deadline,
            "start": a.start,
            "end": a.end,
            "rule": a.rule,
        }
