"""Clause-level actions (who does what) and the bodies of targets.

A clause is a stretch of a sentence between , ; : 。 (outside brackets); a parenthetical that assigns
bodies (``(省发展改革委牵头,省财政厅等按职责分工负责)``) is not part of any clause. The action's
``verb`` is the leftmost verb of ``resources/action_verbs.tsv`` in the clause (longest at that
position: 建立健全 before 建立) and ``object`` the rest of the clause. Rule ``actions.clause.v1``.

Responsible bodies (lead/cooperate assignments of :func:`~policy_nlp.extract.bodies.find_bodies`)
are taken from the first level that has any:

1. the clause itself (市总工会将会同政府有关部门…);
2. its sentence (…,在不同行业中选拔100个工作室 inherits 市总工会 and 政府有关部门);
3. its task unit: the paragraph line with its trailing (牵头单位:…) or following 责任单位:/部门分工:
   lines, or a row of a task table;
4. an introducing line that ends in a colon (各级工会要:), until the next top-level heading.

>>> from policy_nlp.extract.bodies import find_bodies
>>> from policy_nlp.model import Meta
>>> text = "1.推进数据共享,制定实施方案。(省发展改革委牵头,省财政厅按职责分工负责)"
>>> bodies = find_bodies(text, meta=Meta(issuers=("江苏省人民政府",)))
>>> [(a.verb, a.object, [(x.canonical, x.role) for x in a.bodies]) for a in find_actions(text, bodies=bodies)]
[('推进', '数据共享', [('江苏省发展和改革委员会', 'lead'), ('江苏省财政厅', 'cooperate')]), ('制定实施', '方案', [('江苏省发展和改革委员会', 'lead'), ('江苏省财政厅', 'cooperate')])]
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache, lru_cache
from itertools import accumulate, count

from policy_nlp.extract.bodies import _HEADER_CELL, find_task_units
from policy_nlp.model import Action, Assignment, Body, Citation, Section, Sentence, Target
from policy_nlp.patterns import word_alternation
from policy_nlp.resources import read_tsv
from policy_nlp.structure.meta import genre_of, title_span
from policy_nlp.structure.outline import SectionIndex

__all__ = ["attach_bodies", "find_actions"]

_RULE = "actions.clause.v1"
_ACTIVE_ROLES = ("lead", "cooperate")
_OPEN = "(（《“‘[【"
_CLOSE = ")）》”’]】"
_CLAUSE_END = frozenset(",;:。!?,;:!?\n|\t")
_SENT_END = frozenset("。;!?;!?\n")
_ASSIGN_PAREN = re.compile(r"牵头|负责|责任单位|配合|责任部门")
_LABEL_LINE = re.compile(
    r"\s*(?:牵头责任单位|牵头单位|牵头部门|责任单位|责任部门|协同责任单位|配合单位|配合部门|参与单位|协办单位|"
    r"部门分工|牵头负责领导|分管(?:省|市|区|县)?领导|责任领导|完成时限|完成时间|时间进度)[::]"
)
#: the first characters of the labels of _LABEL_LINE
_LABEL_FIRST = frozenset("牵责协配参部分完时")
_LEAD_NUMBER = re.compile(
    r"(?:——|—|[①-⑳]|[一二三四五六七八九十]+、|\(?[一二三四五六七八九十\d]{1,3}[)、.)]|\d{1,3}\s)\s*"
)
#: spaces, then a list number: what a clause loses at its start
_CLAUSE_HEAD = re.compile(rf"[ \t\u3000]*(?:{_LEAD_NUMBER.pattern})?")
_FRAME = re.compile(
    r"以.{1,60}为(?:重点|主线|核心|载体|抓手|目标|主题|动力|引领|指导|主要内容|主要抓手|基础|导向|方向|宗旨|突破口|切入点|"
    r"重点领域|重点对象|主要载体)"
)
#: what may stand right before a verb: modals, coordinators, adverbs, the end of a locative phrase
_PRE_VERB_CHARS = frozenset("要应将须并和及与、再均都地中上下后内来前底年 ")
_PRE_VERB_WORDS = (
    "进一步", "积极", "大力", "深入", "全面", "切实", "着力", "不断", "广泛", "认真", "及时", "逐步", "努力", "持续", "继续",
    "主动", "重点", "统筹", "同步", "有序", "稳步", "扎实", "依法", "严格", "充分", "共同", "协同", "分别", "率先", "优先",
    "择优", "着重", "加紧", "尽快", "抓紧", "力争", "每年", "同时", "全力", "用于", "专项", "广泛深入", "精心",
)  # fmt: skip
#: (matched at a unit's start, so no ``^``)
_BARE_HEADING = re.compile(
    r"\s*(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十百]+[章节条部分]+)[^。,;:,;:]{0,30}$"
)
_PRE_VERB_ENDS = tuple(w for w in _PRE_VERB_WORDS if 2 <= len(w) <= 4)
_COORD_VERB = re.compile(r"和|及|与|、|并")  # used with .match(text, pos): anchored there
_HEADING_FIRST = frozenset("一二三四五六七八九十(第")
_TOP_HEADING = re.compile(r"\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章部分])")


@cache
def _verbs() -> tuple[re.Pattern[str], frozenset[str]]:
    verbs = {row["verb"] for row in read_tsv("action_verbs.tsv")}
    return re.compile(word_alternation(verbs)), frozenset(verbs)


def _units(text: str, rows: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Task units: table rows, else lines with their following label lines."""
    units: list[tuple[int, int]] = []
    pos = 0
    ri = 0
    while pos <= len(text):
        if ri < len(rows) and rows[ri][0] <= pos:
            units.append(rows[ri])
            pos = rows[ri][1] + 1
            ri += 1
            continue
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        c = text[pos] if pos < end else ""
        spaced = c.isspace()  # else the first character decides cheaply
        if not c:  # an empty line: a unit of its own (dropped below; a label line after it joins it)
            units.append((pos, end))
        elif (
            units
            and (spaced or c in _LABEL_FIRST)
            and _LABEL_LINE.match(text, pos, end)
            and not (ri and units[-1] == rows[ri - 1])
        ):
            units[-1] = (units[-1][0], end)
        elif units and (spaced or c == "(") and _is_tail_line(text, pos, end):
            # a tail line assigns the whole item: the item line and its sub-items (①…, (1)…)
            j = len(units) - 1
            while j > 0 and _SUB_ITEM.match(text, units[j][0], units[j][1]):
                j -= 1
            units[j:] = [(units[j][0], end)]
        else:
            units.append((pos, end))
        if nl < 0:
            break
        pos = nl + 1
    return [(s, e) for s, e in units if e > s]


def _is_tail_line(text: str, start: int, end: int) -> bool:
    """A line that is one assigning parenthetical: (省发展改革委牵头,省财政厅按职责分工负责)."""
    while start < end and text[start] in " \t":
        start += 1
    if start >= end or text[start] not in "((" or _ASSIGN_PAREN.search(text, start, end) is None:
        return False  # (the words are looked for on the whole line first: most (一)… lines have none)
    close = _match_close(text, start, end)
    return (
        close > start
        and not text[close + 1 : end].strip(" \t。.")
        and _ASSIGN_PAREN.search(text, start, close) is not None
    )


_SUB_ITEM = re.compile(r"\s*(?:[①-⑳]|[((]\d{1,2}[))]|\d{1,2}\)|——)")
_TAIL_SENTENCE = re.compile(r"由[^,,。;]{2,60}(?:负责|牵头(?:负责)?|组织实施|统筹)")
_BRACKET = re.compile("[" + "".join(re.escape(c) for c in _OPEN + _CLOSE) + "]")
_SEPARATOR = re.compile("[" + "".join(re.escape(c) for c in sorted(_CLAUSE_END)) + "]")
_CLAUSE_SPECIAL = re.compile(r"[(（《“‘\[【)）》”’\]】,;:。!?,;:!?\n|\t]")


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(clause start, clause end, sentence number) inside a unit; assigning parentheticals dropped."""
    out: list[tuple[int, int, int]] = []
    cs = start
    if _BRACKET.search(text, start, end) is None:  # no brackets: clauses end at every separator
        sent = 0
        for m in _SEPARATOR.finditer(text, start, end):
            i = m.start()
            out.append((cs, i, sent))
            if m.group() in _SENT_END:
                sent += 1
            cs = i + 1
        out.append((cs, end, sent))
        return out
    depth = 0
    sent = 0
    skip_to = -1
    assigning = _ASSIGN_PAREN.search(text, start, end) is not None  # else no bracket is matched below
    for m in _CLAUSE_SPECIAL.finditer(text, start, end):
        i = m.start()
        if i < skip_to:
            continue
        c = text[i]
        if c in _OPEN:
            if depth == 0 and c in "((" and assigning:
                close = _match_close(text, i, end)
                if close > i and _ASSIGN_PAREN.search(text, i, close):
                    out.append((cs, i, sent))
                    cs = close + 1
                    skip_to = close + 1
                    continue
            depth += 1
        elif c in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and c in _CLAUSE_END:
            out.append((cs, i, sent))
            if c in _SENT_END:
                sent += 1
            cs = i + 1
    out.append((cs, end, sent))
    return out


def _verb_clauses(text: str, start: int, end: int, verb_starts: list[int], vi: int) -> list[tuple[int, int]]:
    """The clauses of :func:`_clauses` in a unit that hold a start of ``verb_starts`` (ascending, a
    position past ``end`` last; ``vi`` the first in the unit). Without brackets the clauses are the
    stretches between separators, and each verb finds its own by bisection.

    >>> t = "要加强调查研究,做好宣传;开展分类指导。"
    >>> vs = [m.start() for m in _verbs()[0].finditer(t)] + [len(t) + 1]
    >>> [t[a:b] for a, b in _verb_clauses(t, 0, len(t), vs, 0)]
    ['要加强调查研究', '做好宣传', '开展分类指导']
    """
    out = []
    if _BRACKET.search(text, start, end) is not None:
        for cs, ce, _sn in _clauses(text, start, end):
            while verb_starts[vi] < cs:
                vi += 1
            if verb_starts[vi] < ce:
                out.append((cs, ce))
        return out
    ends = [m.start() for m in _SEPARATOR.finditer(text, start, end)]
    ends.append(end)
    last = -1
    while verb_starts[vi] < end:
        k = bisect_right(ends, verb_starts[vi])  # the clause ending at the first separator after it
        if k != last:
            out.append((ends[k - 1] + 1 if k else start, ends[k]))
            last = k
        vi += 1
    return out


_ROUND_BRACKETS = re.compile(r"[()]")


def _match_close(text: str, i: int, end: int) -> int:
    """The bracket closing the one at ``i`` before ``end``, else -1 (the brackets found in C).

    >>> _match_close("(A(B)C)D", 0, 8), _match_close("(A(B)", 0, 5)
    (6, -1)
    """
    depth = 0
    for m in _ROUND_BRACKETS.finditer(text, i, end):
        if m.group() == "(":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.start()
    return -1


def _verb_at(text: str, cs: int, ce: int, bodies_end: frozenset[int]) -> re.Match[str] | None:
    """The leftmost verb of the clause that stands where a verb can stand."""
    verb_re, _ = _verbs()
    pre_last, verb_last, achieve = _last_chars()
    pos = cs
    while True:
        m = verb_re.search(text, pos, ce)
        if m is None:
            return None
        p = m.start()
        if p == cs or p in bodies_end:
            return m
        before = text[p - 1]  # a word ending at p ends so: one look-up before each longer test
        if (
            before in _PRE_VERB_CHARS
            or (before in pre_last and text.endswith(_PRE_VERB_ENDS, cs, p))
            or (
                before in verb_last
                and verb_re.match(text, max(cs, p - 4), p) is not None
                and _prev_verb_ends_at(text, cs, p)
            )
            or (m.group() in achieve and _NUMBER_NEXT.match(text, m.end(), ce) is not None)
        ):
            return m
        pos = p + 1


_NUMBER_NEXT = re.compile(r"(?:到|至|为|了|在)?\d")


@cache
def _last_chars() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The last characters of the words that may stand before a verb and of the verbs, and the verbs
    of class ``achieve``."""
    return frozenset(w[-1] for w in _PRE_VERB_ENDS), frozenset(v[-1] for v in _verbs()[1]), _achieve()


@cache
def _achieve() -> frozenset[str]:
    return frozenset(row["verb"] for row in read_tsv("action_verbs.tsv") if row["class"] == "achieve")


def _prev_verb_ends_at(text: str, cs: int, p: int) -> bool:
    """A verb of two to four characters ends at ``p`` (a shorter one when it starts at ``cs``)."""
    _, verbs = _verbs()
    return text.endswith(_verb_ends(), cs, p) or text[max(cs, p - 4) : p] in verbs


@cache
def _verb_ends() -> tuple[str, ...]:
    return tuple(v for v in _verbs()[1] if 2 <= len(v) <= 4)


def _assignments(bodies: Sequence[Body]) -> tuple[Assignment, ...]:
    seen: dict[tuple[str, str], None] = {}
    for b in bodies:
        if b.role in _ACTIVE_ROLES:
            seen.setdefault((b.canonical, b.role), None)
    return tuple(_assignment(c, r) for c, r in seen)


@lru_cache(maxsize=4096)
def _assignment(canonical: str, role: str) -> Assignment:
    return Assignment(canonical, role)  # type: ignore[arg-type]


def find_actions(
    text: str,
    *,
    sections: Sequence[Section] = (),
    sentences: Sequence[Sentence] = (),
    bodies: Sequence[Body] = (),
    targets: Sequence[Target] = (),
    citations: Sequence[Citation] = (),
    title: str | None = None,
) -> list[Action]:
    """Clause-level actions of ``text`` in document order, ids ``A1``…. The document's ``title``
    (:attr:`Meta.title`, when it ends with a genre word) names the policy and is no action of it: no
    action starts in its span.

    >>> [(a.verb, a.object) for a in find_actions("各级工会要加强调查研究,开展分类指导。")]
    [('加强', '调查研究'), ('开展', '分类指导')]
    >>> text = "关于深入开展消费扶贫的指导意见\\n一、开展消费扶贫行动。"
    >>> [a.text for a in find_actions(text, title="关于深入开展消费扶贫的指导意见")]
    ['开展消费扶贫行动']
    """
    verb_re, _ = _verbs()
    bodies_end = frozenset(b.end for b in bodies)
    # only lead/cooperate bodies assign: the others change nothing below but the verb positions
    body_list = sorted((b for b in bodies if b.role in _ACTIVE_ROLES), key=lambda b: b.start)
    starts = [b.start for b in body_list]

    def within(s: int, e: int) -> list[Body]:
        k = bisect_right(starts, s - 1)
        out = []
        while k < len(body_list) and body_list[k].start < e:
            if body_list[k].end <= e:
                out.append(body_list[k])
            k += 1
        return out

    tgt_index = _SpanIndex(targets)
    cit_index = _SpanIndex(citations)
    section_of = SectionIndex(sections)
    row_list = find_task_units(text)
    rows = set(row_list)
    records: list[tuple[int, int, int, str, str, tuple[Assignment, ...]]] = []
    inherited: tuple[Assignment, ...] = ()
    # where verbs start (no verb crosses a line, bracket or separator, so a unit or clause holds a
    # verb only if one of these starts inside it); ``vi`` moves along as the clauses of a unit ascend
    verb_starts = [m.start() for m in verb_re.finditer(text)]
    verb_starts.append(len(text) + 1)
    n_starts = len(starts)
    for us, ue in _units(text, row_list):
        first_char = text[us]
        if first_char.isspace():
            first_char = text[us:ue].lstrip()[:1]
        if first_char in _HEADING_FIRST:  # both heading patterns start so
            if _TOP_HEADING.match(text, us, ue):
                inherited = ()
            if _BARE_HEADING.match(text, us, ue):
                continue
        vi = bisect_left(verb_starts, us)
        has_verb = verb_starts[vi] < ue
        k = bisect_left(starts, us)
        unit_bodies = within(us, ue) if k < n_starts and starts[k] < ue else []
        if not unit_bodies:
            if has_verb:  # every action of the unit takes ``inherited``
                for cs, ce in _verb_clauses(text, us, ue, verb_starts, vi):
                    got = _clause_action(text, cs, ce, verb_re, bodies_end)
                    if got is not None:
                        records.append((*got, inherited))
            continue  # no bodies: nothing to hand on
        colon = text[us:ue].rstrip().endswith((":", ":"))
        if not has_verb and not colon:
            continue
        clauses = _clauses(text, us, ue)
        sent_assign: dict[int, tuple[Assignment, ...]] = {}
        sent_subject: dict[int, tuple[Assignment, ...]] = {}
        # the bodies of each clause and sentence
        in_clauses: set[int] = set()
        bi, nb = 0, len(unit_bodies)  # clauses ascend: the bodies of each by a moving pointer
        for cs, ce, sn in clauses:
            while bi < nb and unit_bodies[bi].start < cs:
                bi += 1
            if bi == nb or unit_bodies[bi].start >= ce:
                sent_subject.setdefault(sn, ())
                continue
            found = []
            k = bi
            while k < nb and unit_bodies[k].start < ce:
                if unit_bodies[k].end <= ce:
                    found.append(unit_bodies[k])
                k += 1
            in_clauses.update(id(b) for b in found)
            sent_assign[sn] = sent_assign.get(sn, ()) + _assignments(found)
            if sn not in sent_subject:
                lead = _LEAD_NUMBER.match(text, cs, ce)
                first = lead.end() if lead else cs
                sent_subject[sn] = _assignments(
                    [b for b in found if b.start == first and b.role == "lead"]
                )
        tail: tuple[Assignment, ...] | None = None  # found when an action first needs it
        running: tuple[Assignment, ...] = ()
        last_sn = -1
        for cs, ce, sn in clauses:
            if sn != last_sn:
                if last_sn >= 0 and sent_subject.get(last_sn):
                    running = sent_subject[last_sn]
                last_sn = sn
            while verb_starts[vi] < cs:
                vi += 1
            if verb_starts[vi] >= ce:
                continue
            got = _clause_action(text, cs, ce, verb_re, bodies_end)
            if got is None:
                continue
            own = _assignments(within(got[0], got[1]))
            if not own and tail is None:
                tail = _unit_tail(text, clauses, unit_bodies, in_clauses, is_row=(us, ue) in rows)
            assign = (
                own
                or tail
                or tuple(dict.fromkeys(sent_assign.get(sn, ())))
                or running
                or inherited
            )
            records.append((*got, assign))
        if colon and sent_assign.get(0):
            inherited = sent_assign[0]
    # a clause that starts in a title naming its genre (…的通知; a title glued to the text after it,
    # too); a first line taken as the title for want of one (开展汽车以旧换新活动) keeps its actions
    title_start, title_end = title_span(text, title) if title and genre_of(title) else (0, 0)
    if title_end:
        records = [r for r in records if not title_start <= r[0] < title_end]
    records.sort(key=lambda r: (r[0], -r[1]))
    spans = [(r[0], r[1]) for r in records]
    tgt_ids, cit_ids = tgt_index.inside_each(spans), cit_index.inside_each(spans)
    # the section changes only where a section starts or ends: the starts ascend, so a pointer over
    # those bounds tells when to ask ``section_of`` again
    bounds = sorted({x for sec in sections for x in (sec.start, sec.end)})
    bounds.append(len(text) + 1)
    out = []
    bi = 0
    section: str | None = None
    asked = -1
    for n, (cs, ce, _vs, verb, obj, assign), tg, ci in zip(count(1), records, tgt_ids, cit_ids, strict=False):
        while bounds[bi] <= cs:
            bi += 1
        if bi != asked:
            section, asked = section_of(cs), bi
        # fields in order: id, start, end, text, verb, object, bodies, targets, citations, section, deadline, rule
        out.append(
            Action(
                f"A{n}", cs, ce, text[cs:ce], verb, obj, assign, tg, ci, section,
                None, _RULE,
            )
        )  # fmt: skip
    return out


def _unit_tail(
    text: str,
    clauses: Sequence[tuple[int, int, int]],
    unit_bodies: Sequence[Body],
    in_clauses: set[int],
    *,
    is_row: bool,
) -> tuple[Assignment, ...]:
    """The assignments of a unit's bodies outside every clause (assigning parentheticals, label
    lines, table cells: every body of a table row) or in a 由…负责 clause."""
    tail_clauses = (
        [
            (cs, ce)
            for cs, ce, _sn in clauses
            if "由" in text[cs : cs + 3] and _TAIL_SENTENCE.fullmatch(text[cs:ce].strip())
        ]
        if text.find("由", clauses[0][0], clauses[-1][1]) >= 0
        else []
    )
    tail_starts = [cs for cs, _ce in tail_clauses]  # ascending
    tail_reach = list(accumulate((ce for _cs, ce in tail_clauses), max))

    def in_tail(pos: int) -> bool:
        k = bisect_right(tail_starts, pos)  # any(cs <= pos < ce for cs, ce in tail_clauses)
        return k > 0 and tail_reach[k - 1] > pos

    # a label field (:func:`_in_label`) ends in a colon on the body's line: in a unit that starts a line,
    # inside the unit (so most units never ask for the line breaks of the whole text)
    us, ue = clauses[0][0], clauses[-1][1]
    labelled = text.find(":", us, ue) >= 0 if us == 0 or text[us - 1] == "\n" else True
    return _assignments(
        [
            b
            for b in unit_bodies
            if is_row or id(b) not in in_clauses or (labelled and _in_label(text, b)) or in_tail(b.start)
        ]
    )


def _clause_action(
    text: str, cs: int, ce: int, verb_re: re.Pattern[str], bodies_end: frozenset[int]
) -> tuple[int, int, int, str, str] | None:
    """(start, end, verb start, verb, object) of the action of the clause ``text[cs:ce]``, if any."""
    cs = _CLAUSE_HEAD.match(text, cs, ce).end()  # type: ignore[union-attr]
    while ce > cs and text[ce - 1] in " \t\u3000\r":
        ce -= 1
    if ce - cs < 3:
        return None
    if text[ce : ce + 1] in (":", ":") and _LABEL_LINE.match(text, cs, ce):
        return None
    if ce - cs <= 10 and _HEADER_CELL.match(text[cs:ce]):
        return None
    if text[cs] == "以" and _FRAME.match(text, cs, ce):
        return None
    vm = _verb_at(text, cs, ce, bodies_end)
    if not vm:
        return None
    verb_end = vm.end()
    co = _COORD_VERB.match(text, verb_end, ce)
    vm2 = verb_re.match(text, co.end() if co else verb_end, ce)
    if vm2 and vm2.end() < ce:
        verb_end = vm2.end()
    obj = text[verb_end:ce].strip()
    if not obj:
        return None
    return cs, ce, vm.start(), text[vm.start() : verb_end], obj


def _in_label(text: str, b: Body) -> bool:
    """Whether ``b`` is in a 责任单位:/牵头单位: field, at the start of its line or after a 。 on it."""
    newlines, stops = _breaks(text)
    n = bisect_left(newlines, b.start)  # text.rfind("\n", 0, b.start) + 1, by bisection
    line_start = newlines[n - 1] + 1 if n else 0
    if _LABEL_LINE.match(text, line_start, b.start) is not None:
        return True
    n = bisect_left(stops, b.start)  # the last 。 ; ；on the line before b, + 1
    k = stops[n - 1] + 1 if n and stops[n - 1] >= line_start else 0
    return k > 0 and _LABEL_LINE.match(text, k, b.start) is not None


@lru_cache(maxsize=2)
def _breaks(text: str) -> tuple[list[int], list[int]]:
    """Positions of the newlines and of the 。 ; ； of ``text``: a text on one line must not make every
    look-up of "the line before ``pos``" scan the whole text."""
    return [m.start() for m in re.finditer("\n", text)], [m.start() for m in re.finditer("[。;；]", text)]


class _SpanIndex:
    """Ids of records (sorted by start) whose span lies inside a query span."""

    def __init__(self, records: Sequence[Target] | Sequence[Citation]) -> None:
        self.items = sorted(((r.start, r.end, r.id) for r in records), key=lambda x: x[0])
        self.starts = [x[0] for x in self.items]

    def inside_each(self, spans: Sequence[tuple[int, int]]) -> list[tuple[str, ...]]:
        """:meth:`inside` of each of ``spans`` (by ascending start), by one walk of a pointer.

        >>> from policy_nlp.model import Target
        >>> index = _SpanIndex([Target("T1", 3, 6, "5000人", None, 5000.0)])
        >>> index.inside_each([(0, 2), (0, 9), (4, 9)])
        [(), ('T1',), ()]
        """
        items, starts = self.items, self.starts
        if not items:
            return [()] * len(spans)
        out: list[tuple[str, ...]] = []
        n = len(items)
        k = 0
        for s, e in spans:
            while k < n and starts[k] < s:
                k += 1
            if k == n or starts[k] >= e:
                out.append(())
                continue
            out.append(tuple(items[j][2] for j in range(k, bisect_left(starts, e, k)) if items[j][1] <= e))
        return out

    def inside(self, start: int, end: int) -> tuple[str, ...]:
        k = bisect_right(self.starts, start - 1)
        out = []
        while k < len(self.items) and self.items[k][0] < end:
            if self.items[k][1] <= end:
                out.append(self.items[k][2])
            k += 1
        return tuple(out)


def _inside(index: _SpanIndex, start: int, end: int) -> tuple[str, ...]:
    return index.inside(start, end)


def attach_bodies(targets: Sequence[Target], actions: Sequence[Action]) -> list[Target]:
    """Targets with ``bodies`` filled from the action that holds each (unchanged when none does).

    The holder is the smallest action with bodies that contains the target; failing that, an action
    with bodies inside the target (a task-table row) or covering at least half of it (``①每年举办…``
    whose action starts after the ①).

    >>> from policy_nlp.model import Action, Assignment, Target
    >>> t = Target("T1", 5, 9, "100个", None, 100.0)
    >>> a = Action("A1", 0, 20, "x" * 20, "选拔", "…", bodies=(Assignment("上海市总工会", "lead"),))
    >>> attach_bodies([t], [a])[0].bodies
    (Assignment(canonical='上海市总工会', role='lead'),)
    """
    with_bodies = sorted((a for a in actions if a.bodies), key=lambda a: a.start)
    starts = [a.start for a in with_bodies]
    out = []
    for t in targets:
        best: Action | None = None
        best_key: tuple[int, int] | None = None
        k = bisect_right(starts, t.end)
        for a in reversed(with_bodies[max(0, k - 200) : k]):
            overlap = min(a.end, t.end) - max(a.start, t.start)
            if overlap <= 0:
                continue
            contains = a.start <= t.start and t.end <= a.end
            inside = t.start <= a.start and a.end <= t.end
            if not (contains or inside or 2 * overlap >= t.end - t.start):
                continue
            key = (0 if contains else 1, a.end - a.start)
            if best_key is None or key < best_key:
                best, best_key = a, key
        out.append(dataclasses.replace(t, bodies=best.bodies) if best is not None else t)
    return out
