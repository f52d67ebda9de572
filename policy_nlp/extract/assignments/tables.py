"""``assignments.table_row.v1``: task-division tables, the roles of their columns
(``resources/assignment_columns.tsv``), and tables flattened into lines."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache

from policy_nlp.extract.assignments.lists import _BodyIndex, _Item, _parse_list, _Task
from policy_nlp.extract.assignments.rules import _HEAD, _ROLES, RULE_TABLE
from policy_nlp.extract.assignments.spans import _Cover
from policy_nlp.extract.deadlines import parse_deadline
from policy_nlp.model import Cell, Table
from policy_nlp.offsets import strip_span
from policy_nlp.resources import read_tsv


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


@cache
def _task_header_re() -> re.Pattern[str]:
    """A task header (重点任务, 工作任务 …) with spaces, never a newline, between its characters."""
    heads = sorted((h for h, role in _columns().items() if role == "task"), key=len, reverse=True)
    return re.compile("|".join(r"[^\S\n]*".join(map(re.escape, h)) for h in heads))


_NUMBER_HEADER_LINE = re.compile(r"^[^\S\n]*(?:序号|编号)[^\S\n]*$", re.MULTILINE)


def _flat_tables(text: str, covered: Sequence[tuple[int, int]]) -> list[Table]:
    """Task tables that :func:`~policy_nlp.structure.tables.find_tables` did not lay out: a header
    line of task-division headers with one row per line (cells split by |, tabs or two spaces), or one
    cell per line under a 序号 header run.

    Both forms need a task column, so only a line holding a task header (form one) or a bare 序号 line
    (form two) can start a table: the scan jumps from one such line to the next, and a text without a
    task header has none.
    """
    task_heads = [m.start() for m in _task_header_re().finditer(text)]
    if not task_heads:
        return []
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    line_starts = [s for s, _e in lines]
    starts = task_heads + [m.start() for m in _NUMBER_HEADER_LINE.finditer(text)]
    candidates = sorted({bisect_right(line_starts, p) - 1 for p in starts})
    headers = _columns()
    out: list[Table] = []
    in_covered = _Cover(covered)
    i = 0
    c = 0
    while True:
        while c < len(candidates) and candidates[c] < i:
            c += 1
        if c == len(candidates):
            break
        i = candidates[c]  # the lines between start no table: the scan would only step over them
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
    return strip_span(text, start, end, " \t\u3000", " \t\u3000\r")


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

