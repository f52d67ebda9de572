"""Stated goals and tasks.

Rules (ids):

- ``goals.section_item.v1``: each paragraph of a section whose heading names goals (目标, 目标任务,
  主要目标, 发展目标, 总体目标, 工作目标, 总体要求), the heading line itself when text follows the
  heading (``(一)总体目标。到2025年,…``).
- ``goals.dash.v1``: a dash bullet (``——不断深化职工素质工程。…``), anywhere; the goal starts after
  the dashes.
- ``goals.cue.v1``: elsewhere, a sentence built on 力争, 确保…完成/实现/达到, 到X年…实现/达到/建成,
  基本建成, 全面完成, 基本形成, 基本实现 or 全面建成.

``deadline_year`` is the year of 到/至/截至X年 or X年底/年前 inside the goal; ``targets`` the ids of the
targets inside its span; ``section`` the innermost section (of ``sections``) containing it.

>>> text = "二、目标任务\\n——到2015年,高技能人才比重达到30%。\\n三、主要内容\\n力争用五年时间基本建成服务体系。"
>>> [(g.text, g.deadline_year, g.rule) for g in find_goals(text)]
[('到2015年,高技能人才比重达到30%。', 2015, 'goals.dash.v1'), ('力争用五年时间基本建成服务体系。', None, 'goals.cue.v1')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from operator import attrgetter, le

from policy_nlp.model import Goal, Section, Sentence, Target

__all__ = ["find_goals"]

_RULE_SECTION = "goals.section_item.v1"
_RULE_DASH = "goals.dash.v1"
_RULE_CUE = "goals.cue.v1"

#: every match holds 目标 or 总体要求 (tested first, as a cheap filter)
_GOAL_HEADING = re.compile(r"目标|^总体要求$|^总体思路和目标|^指导思想和(?:主要|总体)?目标")
_CN_NUM = "一二三四五六七八九十百零〇"
_NUMBER = rf"(?:[{_CN_NUM}]+、|[(（][{_CN_NUM}]+[)）]|\d{{1,2}}[、.．](?!\d)|[(（]\d{{1,2}}[)）]|第[{_CN_NUM}]+[章节部分]+)"
_HEADING_RE = re.compile(
    rf"^[ \t]*(?P<number>{_NUMBER})[ \t]*(?P<heading>[^。:;:;\n]{{1,40}})(?P<rest>[^\n]*)$", re.M
)
#: lines of a goal section that state no goal: table headers and captions (…主要指标)
_NOT_ITEM = re.compile(
    r"\s*(?:(?:指标|序号|项目|类别)\s*(?:\||\t| {2,})|[^。\n]{0,40}(?:指标|指标表|一览表)\s*$)"
)
_DASH_RE = re.compile(r"^[ \t]*(?:——|--|—|─{2})\s*(?P<body>[^\n]+)$", re.M)
_SENT_RE = re.compile(r"[^。!?;;!?\n]+[。!?;;!?]?")
_CUE_RE = re.compile(
    r"力争|基本建成|全面完成|基本形成|基本实现|全面建成|确保[^。;,]{0,30}?(?:完成|实现|达到|超过|控制在)"
    r"|(?:到|至|截至)\s*\d{4}\s*年[^。;]{0,80}?(?:实现|达到|建成|形成|完成|提高|提升|降低|下降|超过|控制在|突破|增长|增加|减少)"
)
#: how every _CUE_RE match begins
_CUE_ANCHOR_RE = re.compile(r"力争|基本[建形实]|全面[完建]|确保|到\s*\d{4}\s*年|至\s*\d{4}\s*年")
_YEAR_RE = re.compile(r"(?:到|至|截至|截止)\s*(?P<a>\d{4})\s*年|(?P<b>\d{4})\s*年(?:底|末)?(?:前|以前|之前)")


def _deadline(text: str) -> int | None:
    m = _YEAR_RE.search(text)
    if not m:
        return None
    year = int(m.group("a") or m.group("b"))
    return year if 1949 <= year <= 2100 else None


def _fallback_sections(text: str) -> list[tuple[int, int, str, int]]:
    """(start, end, heading, rank) of numbered sections when the caller gives none."""
    heads = []
    for m in _HEADING_RE.finditer(text):
        number = m.group("number")
        rank = 0 if "、" in number and number[0] in _CN_NUM else 1 if number[0] in "((" else 2
        if number.startswith("第"):
            rank = 0
        heads.append((m.start("number"), rank, m.group("heading").strip()))
    out = []
    for k, (start, rank, heading) in enumerate(heads):
        end = len(text)
        for start2, rank2, _h in heads[k + 1 :]:
            if rank2 <= rank:
                end = start2
                break
        out.append((start, end, heading, rank))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\u3000":
        start += 1
    while end > start and text[end - 1] in " \t\u3000\r":
        end -= 1
    return start, end


_START = attrgetter("start")
_END = attrgetter("end")


def _cue_candidates(text: str, starts: list[int], ends: list[int]) -> list[int]:
    """Numbers (ascending) of the sentences that hold the start of a cue anchor.

    Every _CUE_RE match begins with an anchor, so the other sentences cannot match.
    """
    anchors = [m.start() for m in _CUE_ANCHOR_RE.finditer(text)]
    if not anchors:
        return []
    if starts == sorted(starts) and all(map(le, ends[:-1], starts[1:])):  # ordered, disjoint
        found: set[int] = set()
        for p in anchors:
            k = bisect_right(starts, p) - 1
            if k >= 0 and p < ends[k]:
                found.add(k)
        return sorted(found)
    out = []
    for k, (ss, se) in enumerate(zip(starts, ends, strict=True)):
        i = bisect_left(anchors, ss)
        if i < len(anchors) and anchors[i] < se:
            out.append(k)
    return out


def find_goals(
    text: str,
    *,
    sections: Sequence[Section] = (),
    sentences: Sequence[Sentence] = (),
    targets: Sequence[Target] = (),
) -> list[Goal]:
    """Goals and tasks of ``text`` in document order, ids ``G1``….

    >>> from policy_nlp.model import Section
    >>> t = "一、主要目标\\n城乡居民收入稳步增长。\\n二、任务"
    >>> [g.text for g in find_goals(t, sections=[Section("1", 1, "一、", "主要目标", 0, 18)])]
    ['城乡居民收入稳步增长。']
    """
    spans: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, rule: str) -> None:
        start, end = _strip(text, start, end)
        if end - start >= 4 and not any(a < end and start < b for a, b in taken):
            spans.append((start, end, rule))
            taken.append((start, end))

    if "—" in text or "--" in text or "─" in text:  # cheap test before the per-line scan
        for m in _DASH_RE.finditer(text):
            add(m.start("body"), m.end("body"), _RULE_DASH)
    goal_secs: list[tuple[int, int]]
    if sections:
        goal_secs = [
            (s.start, s.end)
            for s in sections
            if ("目标" in s.heading or "总体要求" in s.heading) and _GOAL_HEADING.search(s.heading.strip())
        ]
    else:
        goal_secs = [(s, e) for s, e, h, _r in _fallback_sections(text) if _GOAL_HEADING.search(h)]
    for sec_start, sec_end in goal_secs:
        pos = sec_start
        while pos < sec_end:
            nl = text.find("\n", pos, sec_end)
            line_end = sec_end if nl < 0 else nl
            hm = _HEADING_RE.match(text, pos, line_end)
            if hm:
                rest = re.sub(r"^[。:;:; ]+", "", hm.group("rest"))
                if rest:
                    add(line_end - len(rest), line_end, _RULE_SECTION)
            elif not _NOT_ITEM.match(text, pos, line_end):
                add(pos, line_end, _RULE_SECTION)
            pos = line_end + 1
    if sentences:
        starts, ends = list(map(_START, sentences)), list(map(_END, sentences))
    else:
        spans_ = [m.span() for m in _SENT_RE.finditer(text)]
        starts, ends = [a for a, _b in spans_], [b for _a, b in spans_]
    for k in _cue_candidates(text, starts, ends):
        ss, se = starts[k], ends[k]
        if _CUE_RE.search(text, ss, se) and not _HEADING_RE.match(text, ss, se):
            add(ss, se, _RULE_CUE)
    spans.sort()
    # items of a goal section inherit the year its opening paragraph states (到2025年,…:)
    inherited: dict[int, int] = {}
    for sec_start, sec_end in goal_secs:
        items = [(a, b) for a, b, _r in spans if sec_start <= a < sec_end]
        if items:
            year = _deadline(text[items[0][0] : items[0][1]])
            if year is not None:
                for a, _b in items[1:]:
                    inherited.setdefault(a, year)
    out = []
    for n, (start, end, rule) in enumerate(spans, start=1):
        body = text[start:end]
        inside = tuple(t.id for t in targets if start <= t.start and t.end <= end)
        sec = None
        for s in sections:
            if s.start <= start < s.end and (sec is None or s.level > sec.level):
                sec = s
        deadline = _deadline(body)
        if deadline is None:
            deadline = inherited.get(start)
        out.append(Goal(f"G{n}", start, end, body, sec.id if sec else None, deadline, inside, rule))
    return out
