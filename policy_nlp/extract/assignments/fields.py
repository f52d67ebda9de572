"""``assignments.fields.v1`` and ``assignments.tail.v1``: blocks of 牵头单位:/配合单位:/完成时限:
fields and assigning tails ((A牵头,B配合), 由A牵头,B配合), and the tasks they assign."""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from policy_nlp.extract.assignments.lists import _BodyIndex, _Item, _parse_list, _parse_pieces, _split, _Task
from policy_nlp.extract.assignments.rules import (
    _BARE_LINE,
    _BY_SENTENCE,
    _CLOSE,
    _ITEM_MARK,
    _OPEN,
    _ROLE_WORD,
    _TAIL_CUE,
    RULE_FIELDS,
    RULE_TAIL,
)
from policy_nlp.extract.assignments.tables import _columns, _label_re, _trim_task
from policy_nlp.extract.deadlines import parse_deadline
from policy_nlp.model import BodyRole


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


#: what may stand between the fields of one block
_FIELD_GAP = re.compile(r"[\s;;。,,\u3000]*")


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
        while k + 1 < len(fields) and _FIELD_GAP.fullmatch(text, group[-1][2], fields[k + 1][0]):
            k += 1
            group.append(fields[k])
        k += 1
        start, end = group[0][0], group[-1][2]
        if start > 0 and text[start - 1] in _OPEN:
            start -= 1
            if end < len(text) and text[end] in _CLOSE:
                end += 1
        has_lead = any(
            role == "lead" or (role == "lead_or_cooperate" and _names_a_lead(text, vs, ve))
            for _ls, vs, ve, role in group
        )  # a 牵头单位: field, or 责任单位:A牵头,B按职责分工负责
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


def _names_a_lead(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` says who leads (牵头, 会同, 负总责): the others of its list cooperate."""
    return any(text.find(w, start, end) >= 0 for w in ("牵头", "会同", "负总责"))


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
    convention = _FIRST_LEADS.search(text) if "第一位" in text else None  # the pattern's literal first
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
        lead = any(_names_a_lead(text, ps, pe) for ps, pe in pieces)
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


#: what :func:`_close` looks at: brackets and the newline
_CLOSE_STOP = re.compile("[" + re.escape(_OPEN + _CLOSE) + "\n]")


def _close(text: str, i: int) -> int:
    """The bracket closing the one at ``i`` within 400 characters and on its line, else -1.

    >>> _close("(A牵头(B)配合)。", 0), _close("(A牵头\\n)", 0)
    (9, -1)
    """
    depth = 0
    for m in _CLOSE_STOP.finditer(text, i, i + 400):  # only the brackets and newlines, in C
        c = m.group()
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth -= 1
            if depth == 0:
                return m.start()
        else:
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
