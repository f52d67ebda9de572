"""Stated goals and tasks.

Rules (ids):

- ``goals.section_item.v1``: each paragraph of a section whose heading names goals (目标, 目标任务,
  主要目标, 发展目标, 总体目标, 工作目标, 总体要求), the heading line itself when text follows the
  heading (``(一)总体目标。到2025年,…``).
- ``goals.dash.v1``: a dash bullet (``——不断深化职工素质工程。…``), anywhere; the goal starts after
  the dashes.
- ``goals.stated.v1``: a paragraph that states its goals (``今年经济社会发展的主要预期目标是：…``,
  ``主要目标为：…``), whole, so the targets it lists are inside it (with the lines that list them when
  it ends in ``:``).
- ``goals.cue.v1``: elsewhere, a sentence built on 力争, 确保…完成/实现/达到, 到X年…实现/达到/建成/
  稳定在/更加…, ``到X年,`` (a fronted deadline), 基本建成X, 全面完成X, 基本形成X, 基本实现X, 基本完成X
  or 全面建成X (a verb with its object: ``X全面完成。`` reports a result).
- ``goals.plan_target.v1``: in the plan part of a work report (a top-level section after its review
  headed 2019年工作安排, 今年…, …目标任务), a sentence that holds a target (全年新增就业5000人).

A goal is an intended outcome, never a past result (the statements that are no goals are the rows of
``resources/non_goals.tsv``): nothing is taken from the review part of a work report (a top-level
section headed 工作回顾, 过去一年…, or the text before its plan part when the review has no heading) or
the part of a plan on its past (发展基础, 面临的形势), nor a date line (``——2019年3月4日在…会议上``), a
sentence on what a year is (``2019年是…关键之年``), a 总体要求是… statement, a bridge (``为实现上述目标,…``),
a guiding-thought paragraph (``以…为指导``) without a deadline, or a sentence that reports (已完成,
超额完成, 实现了, 同比增长).

A heading names goals when it holds 目标 (主要目标, 发展目标, 总体目标 …; not 以…为目标, and at most 24
characters) or is 总体要求; a heading that also names tasks or requirements (总体要求, 目标任务,
总体要求和目标任务) adds only its own paragraphs and its goal-named subsections, not its task
subsections.

``deadline_year`` is the year of 到/至/截至X年, X年底/年前, X年X月底前 or 力争X年 inside the goal, else the
year the goal section's opening paragraph states, else the year its paragraph opens with
(``2012年全区经济社会发展的预期目标是``), else the document's ``year`` for 今年/年内, else the year of
the nearest heading that names one (``二、2019年工作安排`` → 2019, ``“十三五”…主要目标`` → 2020);
``targets`` the ids of the targets inside its span; ``section`` the innermost section (of ``sections``)
containing it.

>>> text = "二、目标任务\\n——到2015年,高技能人才比重达到30%。\\n三、主要内容\\n力争用五年时间基本建成服务体系。"
>>> [(g.text, g.deadline_year, g.rule) for g in find_goals(text)]
[('到2015年,高技能人才比重达到30%。', 2015, 'goals.dash.v1'), ('力争用五年时间基本建成服务体系。', None, 'goals.cue.v1')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from functools import cache
from operator import attrgetter, le

from policy_nlp.model import Goal, Section, Sentence, Target
from policy_nlp.offsets import strip_span
from policy_nlp.resources import read_tsv
from policy_nlp.structure.outline import SectionIndex

__all__ = ["find_goals", "review_spans"]

_RULE_SECTION = "goals.section_item.v1"
_RULE_DASH = "goals.dash.v1"
_RULE_CUE = "goals.cue.v1"
_RULE_STATED = "goals.stated.v1"
_RULE_PLAN_TARGET = "goals.plan_target.v1"

#: every match holds 目标 or 总体要求 (tested first, as a cheap filter)
#: every match holds 目标 or 总体要求 (tested first, as a cheap filter); 以…为目标 names a means, not goals
_GOAL_HEADING = re.compile(
    r"(?<!为)目标(?!责任|考核|管理)|^总体要求$|^总体思路和目标|^指导思想和(?:主要|总体)?目标"
)
#: a longer heading is a sentence that mentions 目标 (对…年度目标任务完成情况好、…的省), not a goal heading
_MAX_GOAL_HEADING = 24
#: a goal heading that also names tasks or requirements: its task subsections are no goals
_MIXED_HEADING = re.compile(r"任务|要求|思路|指导思想|原则|措施|举措|安排")
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
    r"力争|基本建成|全面完成|基本形成|基本实现|基本完成|全面建成|确保[^。;,]{0,30}?(?:完成|实现|达到|超过|控制在)"
    r"|(?:到|至|截至)\s*\d{4}\s*年[^。;]{0,80}?(?:实现|达到|建成|形成|完成|提高|提升|降低|下降|超过|控制在|突破|增长|增加|减少"
    r"|稳定在|保持在|不低于|不少于|不超过|更加|明显|显著|基本)"
    r"|到\s*\d{4}\s*年(?:底|末)?\s*[,，]"  # 到2025年,… : a deadline set before the clause
)
#: how every _CUE_RE match begins
_CUE_ANCHOR_RE = re.compile(r"力争|基本[建形实完]|全面[完建]|确保|到\s*\d{4}\s*年|至\s*\d{4}\s*年")
#: a result verb with no object after it (``减排任务全面完成。``) or 全面建成小康社会 (a slogan
#: unless a year is set): no goal by itself
_RESULT_VERB_RE = re.compile(
    r"(?:基本建成|全面完成|基本形成|基本实现|基本完成|全面建成)(?=$|[。,，;；、:：!！)）了并]|小康社会)"
)
#: a period that starts on a day or a year (2019年1月1日至2020年12月31日, 2002年到2005年) is no deadline
_PERIOD_RE = re.compile(r"[日年]\s*$")
#: what makes a sentence an intention whatever else it says
_INTENT_RE = re.compile(r"力争|争取|确保|(?:到|(?<!截)至)\s*\d{4}\s*年|目标(?:任务)?(?:是|为)|预期目标")
#: a guiding-thought or principle paragraph: no goal unless it also sets a deadline
_GUIDE_RE = re.compile(r"以[^。\n]{2,80}?为指导|坚持[^。,，\n]{2,12}[。.]")
_GOAL_WORD_RE = re.compile("目标")
_STATED_LEAD = 66  # characters before 目标 in a paragraph that states its goals (see _STATED_RE)
#: a paragraph that states its goals (…主要预期目标是:, 主要目标为:), within its first 60 characters
_STATED_RE = re.compile(r"[^。\n]{0,60}?目标(?:任务)?(?:是|为)(?!导向|抓手|引领|牵引|主线|核心)\s*[:：]?")
_YEAR_RE = re.compile(
    r"(?:到|至|截至|截止)\s*(?P<a>\d{4})\s*年|(?P<b>\d{4})\s*年(?:底|末)?(?:前|以前|之前)"
    r"|(?P<c>\d{4})\s*年\s*\d{1,2}\s*月(?:底|末)?(?:前|以前|之前)|(?:力争|争取|确保)\s*(?:在\s*)?(?P<d>\d{4})\s*年"
)
#: the year a goal paragraph opens with: 2012年全区经济社会发展的预期目标是
_LEAD_YEAR_RE = re.compile(r"(?P<y>\d{4})\s*年(?![底末]|\s*\d{1,2}\s*月)[^。\n]{0,30}?目标")
#: a five-year plan a goal paragraph opens with: “十五五”时期经济社会发展的主要目标是 (its last year)
_LEAD_PLAN_RE = re.compile(r"[^。\n]{0,10}?“?十(?P<p>[一二三四五六])五”?[^。\n]{0,30}?目标")
_THIS_YEAR_RE = re.compile(r"今年|年内|本年度")
#: a heading's own year: 2019年工作安排, 2012年政府工作总体要求, “十三五”…主要目标 (the plan's last year)
_HEADING_YEAR_RE = re.compile(r"(?P<y>\d{4})\s*年|“?十(?P<p>[一二三四五六])五”?")
_FIVE_YEAR_END = {"一": 2010, "二": 2015, "三": 2020, "四": 2025, "五": 2030, "六": 2035}
#: a work report's date line: （2026年1月27日在…会议上）, ——2019年3月4日在…会议上
_REPORT_DATE_RE = re.compile(r"(?P<y>\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*在[^\n]{2,60}?(?:会议|大会)上")
#: a work report: where its plan part begins when the review has no heading of its own
_REPORT_RE = re.compile(r"政\s*府\s*工\s*作\s*报\s*告|各位代表")
_PLAN_START_RE = re.compile(
    r"^[ \t]*(?:[一二三四五六七八九十]+、)?[ \t]*(?:\d{4}\s*年|今年|新的一年)[^\n。]{0,24}"
    r"(?:工作安排|工作任务|主要任务|总体要求|预期目标|主要目标)",
    re.M,
)
_REVIEW_START_RE = re.compile(r"过去(?:的)?[一五]年|[一五]年来|回顾")


@cache
def _non_goals(where: str) -> re.Pattern[str]:
    """The ``non_goals.tsv`` patterns of one ``where`` (opening, past, review) as one regex."""
    parts = [r["pattern"] for r in read_tsv("non_goals.tsv") if r["where"] == where]
    return re.compile("|".join(f"(?:{p})" for p in parts))


def _deadline(text: str) -> int | None:
    for m in _YEAR_RE.finditer(text):
        if m.group("a") and _PERIOD_RE.search(text, max(0, m.start() - 2), m.start()):
            continue  # …1月1日至2020年12月31日: a period, not a deadline
        year = int(m.group("a") or m.group("b") or m.group("c") or m.group("d"))
        return year if 1949 <= year <= 2100 else None
    return None


def _heading_year(heading: str, year: int | None) -> int | None:
    if _non_goals("review").search(heading):
        return None
    m = _HEADING_YEAR_RE.search(heading)
    if m and m.group("y"):
        y = int(m.group("y"))
        return y if 1949 <= y <= 2100 else None
    if m and m.group("p"):
        return _FIVE_YEAR_END[m.group("p")]
    return year if "今年" in heading else None


def _report_year(text: str) -> int | None:
    """The year of a work report's date line (``（2026年1月27日在…会议上）``) in its first lines, or
    None.

    >>> _report_year("政府工作报告\\n——2019年3月4日在海拉尔区第十五届人民代表大会第三次会议上\\n各位代表:")
    2019
    """
    m = _REPORT_DATE_RE.search(text, 0, 600)
    return int(m.group("y")) if m else None


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


def review_spans(text: str, secs: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Spans of the review part of a work report, where nothing is a goal: the top-level sections
    (``secs``: start, end, heading) headed 回顾/过去一年…, else (a report whose review has no heading)
    the text before the first line that opens the plan part.

    >>> t = "一、过去一年工作回顾\\n新建公路100公里。\\n二、今年工作安排\\n新建公路200公里。"
    >>> review_spans(t, [(0, 22, "过去一年工作回顾"), (22, 41, "今年工作安排")])
    [(0, 22)]
    """
    spans = [(a, b) for a, b, h in secs if _non_goals("review").search(h)]
    if spans or not _REPORT_RE.search(text, 0, 400):
        return spans
    m = _PLAN_START_RE.search(text)
    if m and _REVIEW_START_RE.search(text, 0, m.start()):
        return [(0, m.start())]
    return []


#: how many lines a stated goal's list (主要预期目标是:↵地区生产总值增长5%左右;↵…) may take
_MAX_LIST_LINES = 12


def _list_end(text: str, pos: int) -> int:
    """End of the list of goals that follows a line ending in ``:`` at ``pos`` (its newline): the
    lines up to the first one ending in 。, a heading, a statement that is no goal, or a long line."""
    end = pos
    for _ in range(_MAX_LIST_LINES):
        start = end + 1
        while start < len(text) and text[start] in " \t\u3000\n\r":
            start += 1
        nl = text.find("\n", start)
        line_end = len(text) if nl < 0 else nl
        line = text[start:line_end].strip()
        if not line or len(line) > 120 or _HEADING_RE.match(text, start, line_end) or _non_goals("opening").match(line):
            break
        end = line_end
        if line.endswith("。"):
            break
    return end


#: the heading of a work report's plan part: 二、2019年工作安排, 二、2012年政府工作总体要求和目标任务
_PLAN_HEADING_RE = re.compile(r"工作安排|工作任务|主要任务|目标任务|今年|\d{4}\s*年")


def _plan_spans(
    text: str, tops: Sequence[tuple[int, int, str]], review: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The plan part of a work report (its top-level sections that plan, after a review), else []."""
    if not review or not _REPORT_RE.search(text, 0, 400):
        return []
    first = min(a for a, _b in review)
    return [
        (a, b) for a, b, h in tops
        if a > first and (a, b) not in review and _PLAN_HEADING_RE.search(h) and not _non_goals("review").search(h)
    ]  # fmt: skip


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    return strip_span(text, start, end, " \t\u3000", " \t\u3000\r")


def _states_no_goal(body: str) -> bool:
    """True for a date line, a sentence on what a year is, a 总体要求 statement, a bridge, a guiding
    thought without a deadline, or a report of results."""
    if _non_goals("opening").match(body):
        return True
    intent = _INTENT_RE.search(body) is not None
    if _GUIDE_RE.match(body) and _deadline(body) is None and not _STATED_RE.match(body):
        return True
    return not intent and _non_goals("past").search(body) is not None


def _cue_goal(sentence: str) -> bool:
    """A sentence whose cue states an intention: 力争, 确保…, 到X年…, or a result verb with its object."""
    if not _CUE_RE.search(sentence):
        return False
    for m in _CUE_ANCHOR_RE.finditer(sentence):
        word = m.group()
        if word[0] in "到至" and _PERIOD_RE.search(sentence, max(0, m.start() - 2), m.start()):
            continue
        if word in ("基本建", "基本形", "基本实", "基本完", "全面完", "全面建"):
            if _RESULT_VERB_RE.match(sentence, m.start()):
                continue
            return True
        if _CUE_RE.match(sentence, m.start()):
            return True
    return False


_START = attrgetter("start")
_END = attrgetter("end")


def _cue_candidates(anchors: list[int], starts: list[int], ends: list[int], *, ordered: bool) -> list[int]:
    """Numbers (ascending) of the sentences that hold one of ``anchors`` (the starts of the cue
    anchors, ascending); ``ordered``: the sentences are sorted and disjoint.

    Every _CUE_RE match begins with an anchor, so the other sentences cannot match.
    """
    if not anchors:
        return []
    if ordered:
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


def _goal_sections(
    text: str, secs: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """(start, end, skipped spans) of the sections whose heading names goals; the skipped spans are
    the subsections of a mixed heading (总体要求, 目标任务) that name no goals."""
    named = [
        ("目标" in h or "总体要求" in h) and len(h) <= _MAX_GOAL_HEADING and _GOAL_HEADING.search(h) is not None
        for _a, _b, h in secs
    ]
    out = []
    for (a, b, h), is_goal in zip(secs, named, strict=True):
        if not is_goal:
            continue
        skip: list[tuple[int, int]] = []
        if _MIXED_HEADING.search(h):
            skip = [
                (a2, b2)
                for (a2, b2, _h2), goal2 in zip(secs, named, strict=True)
                if not goal2 and a <= a2 and b2 <= b and (a2, b2) != (a, b)
            ]
        out.append((a, b, skip))
    return out


def find_goals(
    text: str,
    *,
    sections: Sequence[Section] = (),
    sentences: Sequence[Sentence] = (),
    targets: Sequence[Target] = (),
    year: int | None = None,
) -> list[Goal]:
    """Goals and tasks of ``text`` in document order, ids ``G1``….

    ``year`` is the document's year (its date; for a work report without one, the year of its date
    line): the deadline of a goal set for 今年.

    >>> from policy_nlp.model import Section
    >>> t = "一、主要目标\\n城乡居民收入稳步增长。\\n二、任务"
    >>> [g.text for g in find_goals(t, sections=[Section("1", 1, "一、", "主要目标", 0, 18)])]
    ['城乡居民收入稳步增长。']
    >>> t = "一、2018年工作回顾\\n——减排任务全面完成。\\n二、2019年工作安排\\n今年主要预期目标是:生产总值增长6%。"
    >>> [(g.text, g.deadline_year, g.rule) for g in find_goals(t)]
    [('今年主要预期目标是:生产总值增长6%。', 2019, 'goals.stated.v1')]
    """
    if year is None:
        year = _report_year(text)
    secs: list[tuple[int, int, str]]
    if sections:
        secs = [(s.start, s.end, s.heading.strip()) for s in sections]
        tops = [(s.start, s.end, s.heading.strip()) for s in sections if s.level == 1]
    else:
        fallback = _fallback_sections(text)
        secs = [(s, e, h) for s, e, h, _r in fallback]
        tops = [(s, e, h) for s, e, h, r in fallback if r == 0]
    review = review_spans(text, tops)
    spans: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []  # sorted, disjoint: the review parts merged, then each goal's span
    for a, b in sorted(review):
        if taken and a <= taken[-1][1]:
            taken[-1] = (taken[-1][0], max(taken[-1][1], b))
        elif a < b:
            taken.append((a, b))

    def add(start: int, end: int, rule: str) -> None:
        start, end = _strip(text, start, end)
        if end - start < 4:
            return
        k = bisect_left(taken, (end, end))  # taken: sorted and disjoint, so only neighbours can overlap
        if (k > 0 and taken[k - 1][1] > start) or (k < len(taken) and taken[k][0] < end):
            return
        if rule != _RULE_STATED and _states_no_goal(text[start:end]):
            return
        spans.append((start, end, rule))
        insort(taken, (start, end))

    last_line = -1
    for word in _GOAL_WORD_RE.finditer(text):  # paragraphs that state their goals (目标 near the start)
        pos = text.rfind("\n", 0, word.start()) + 1
        if pos == last_line or word.start() - pos > _STATED_LEAD:
            continue
        last_line = pos
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        start, end = _strip(text, pos, line_end)
        if _STATED_RE.match(text, start, end) and not _non_goals("opening").match(text, start, end):
            if text[start:end].rstrip().endswith((":", "：")):  # the goals follow, one a line
                end = _list_end(text, line_end)
            add(start, end, _RULE_STATED)
    if "—" in text or "--" in text or "─" in text:  # cheap test before the per-line scan
        for m in _DASH_RE.finditer(text):
            add(m.start("body"), m.end("body"), _RULE_DASH)
    goal_secs = _goal_sections(text, secs)
    for sec_start, sec_end, skip in goal_secs:
        pos = sec_start
        while pos < sec_end:
            nl = text.find("\n", pos, sec_end)
            line_end = sec_end if nl < 0 else nl
            if any(a <= pos < b for a, b in skip):
                pos = line_end + 1
                continue
            hm = _HEADING_RE.match(text, pos, line_end)
            if hm:
                rest = re.sub(r"^[。:;:; ]+", "", hm.group("rest"))
                if rest:
                    add(line_end - len(rest), line_end, _RULE_SECTION)
            elif not _NOT_ITEM.match(text, pos, line_end):
                add(pos, line_end, _RULE_SECTION)
            pos = line_end + 1
    anchors = [m.start() for m in _CUE_ANCHOR_RE.finditer(text)]
    plan = _plan_spans(text, tops, review) if targets else []
    starts: list[int] = []
    ends: list[int] = []
    ordered = True
    if anchors or plan:  # else no sentence is read below
        if sentences:
            starts, ends = list(map(_START, sentences)), list(map(_END, sentences))
        else:
            spans_ = [m.span() for m in _SENT_RE.finditer(text)]
            starts, ends = [a for a, _b in spans_], [b for _a, b in spans_]
        ordered = starts == sorted(starts) and all(map(le, ends[:-1], starts[1:]))
    for k in _cue_candidates(anchors, starts, ends, ordered=ordered):
        ss, se = starts[k], ends[k]
        if _cue_goal(text[ss:se]) and not _HEADING_RE.match(text, ss, se):
            add(ss, se, _RULE_CUE)
    if plan:  # a work report's plan part: a sentence with a target is a goal (全年新增就业5000人)
        for t in targets:
            k = bisect_right(starts, t.start) - 1 if ordered else -1
            if k >= 0 and t.start < ends[k] and any(a <= starts[k] < b for a, b in plan):
                if not _HEADING_RE.match(text, starts[k], ends[k]):
                    add(starts[k], ends[k], _RULE_PLAN_TARGET)
    spans.sort()
    # items of a goal section inherit the year its opening paragraph states (到2025年,…:)
    inherited: dict[int, int] = {}
    for sec_start, sec_end, _skip in goal_secs:
        items = [(a, b) for a, b, _r in spans if sec_start <= a < sec_end]
        if items:
            first = _deadline(text[items[0][0] : items[0][1]])
            if first is not None:
                for a, _b in items[1:]:
                    inherited.setdefault(a, first)
    out = []
    by_start = sorted(targets, key=attrgetter("start"))  # stable: equal starts keep their order
    starts = [t.start for t in by_start]
    section_of = SectionIndex(sections)
    for n, (start, end, rule) in enumerate(spans, start=1):
        body = text[start:end]
        inside = tuple(t.id for t in by_start[bisect_left(starts, start) : bisect_left(starts, end)] if t.end <= end)
        out.append(
            Goal(f"G{n}", start, end, body, section_of(start), _goal_year(body, start, inherited, secs, year),
                 inside, rule)
        )  # fmt: skip
    return out


def _goal_year(
    body: str, start: int, inherited: dict[int, int], secs: Sequence[tuple[int, int, str]], year: int | None
) -> int | None:
    """The deadline of one goal: its own, its section's opening paragraph's, the year its paragraph
    opens with, 今年 (the document's year), else the nearest heading's."""
    own = _deadline(body)
    if own is not None:
        return own
    if start in inherited:
        return inherited[start]
    m = _LEAD_YEAR_RE.match(body)
    if m and 1949 <= int(m.group("y")) <= 2100:
        return int(m.group("y"))
    m = _LEAD_PLAN_RE.match(body)
    if m:
        return _FIVE_YEAR_END[m.group("p")]
    if year is not None and _THIS_YEAR_RE.search(body):
        return year
    best: tuple[int, int | None] | None = None  # (size, year) of the smallest section naming a year
    for a, b, h in secs:
        if a <= start < b:
            y = _heading_year(h, year)
            if y is not None and (best is None or b - a < best[0]):
                best = (b - a, y)
    return best[1] if best else None
