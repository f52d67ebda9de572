"""Deadline and base years of targets: stated deadlines, deadlines carried from a lead-in, a
paragraph or a 目标 heading, 今年/全年/明年 and the document's own year, and years that report the past."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policy_nlp.extract.targets.clauses import _section_of
from policy_nlp.extract.targets.rules import (
    _DEADLINE_RE,
    _GOAL_HEADING_RE,
    _GOAL_LEAD_RE,
    _POINT_YEAR_RE,
    _REVIEW_HEADING_RE,
    DEADLINE,
    YEAR,
    _non_targets,
)
from policy_nlp.model import Section, Sentence
from policy_nlp.numerals import CN_CHARS, parse_chinese_int, parse_year, plan_period


def _reports_earlier_year(s: str, signed_year: int) -> bool:
    """Whether ``s`` dates what it states to a year before the text was signed (a result, not a target).

    >>> _reports_earlier_year("2003年全国城市污水处理率达到42%", 2005)
    True
    >>> _reports_earlier_year("比2003年提高5个百分点", 2005), _reports_earlier_year("2006年达到50%", 2005)
    (False, False)
    """
    for m in _POINT_YEAR_RE.finditer(s):
        year = parse_year(m["y"])
        if year and year < signed_year:
            return True
    return False


def _deadline_in(s: str) -> int | None:
    """The last deadline year stated in ``s``."""
    year = None
    if "年" not in s and "五" not in s:
        return None
    for m in _DEADLINE_RE.finditer(s):
        if m["plan"]:
            period = plan_period(m["plan"].strip('“”"'))
            year = period[1] if period else year
        else:
            year = parse_year(m["y1"] or m["y2"] or m["y3"] or m["y4"]) or year
    return year


_HEADING_LINE_RE = re.compile(rf"^(?:[{CN_CHARS}]+、|第[{CN_CHARS}]+[章节部分])")


_ITEM_LINE_RE = re.compile(rf"^(?:—|-|•|·|●|[(（][{CN_CHARS}\d]{{1,3}}[)）]|\d{{1,2}}[.、．](?!\d)|[①-⑳])")


#: an unnumbered heading line of a work report: 2025年工作回顾, 2026年工作安排, 今年主要任务
_BARE_HEADING_RE = re.compile(r"[^,;。,;。:!?]{0,16}(?:回顾|成就|工作安排|主要任务|重点任务|预期目标|总体要求)")


def _carried_deadlines(folded: str, dated: Sequence[int] | None = None) -> tuple[dict[int, int], set[int]]:
    """Deadlines a lead-in paragraph gives to the paragraphs after it, and the review zones, by line start.

    A paragraph that states a deadline and ends with ":" (到2025年,具体目标是:) gives its year to the
    paragraphs after it; one followed by list items (——…, (一)…) gives it to those items. A heading
    (三、…) ends it. Lines under a heading that reviews the past (发展基础, 主要成就, “十三五”…) form a
    review zone, where numbers report results rather than targets.

    The walk reads only the lines that can change something: while no deadline is carried and no
    review zone is open, it jumps from one line that may state a year (:func:`_dated_lines`) or name
    a review (``_REVIEW_HEADING_RE``) to the next — a line of neither kind leaves it as it is.
    ``dated``: :func:`_dated_lines` of ``folded`` when the caller has it.

    >>> by_line, review = _carried_deadlines("到2025年,主要目标是:\\n新增就业5万人。\\n一、发展基础\\n已建成3个园区。")
    >>> by_line, sorted(review)
    ({14: 2025}, [30])
    """
    by_line: dict[int, int] = {}
    review: set[int] = set()
    current: int | None = None
    colon_lead = False
    in_review = False
    n = len(folded)
    events = sorted(
        set(_dated_lines(folded) if dated is None else dated) | {folded.rfind("\n", 0, m.start()) + 1 for m in _REVIEW_HEADING_RE.finditer(folded)}
    )
    k = 0
    start = _next_line(folded, 0)
    while start < n:
        if current is None and not in_review and not colon_lead:
            while k < len(events) and events[k] < start:
                k += 1
            if k == len(events):
                break
            start = events[k]  # the lines before it change nothing
        end = folded.find("\n", start)
        end = n if end < 0 else end
        line = folded[start:end].strip()
        nxt = _next_line(folded, end)
        if _HEADING_LINE_RE.match(line) or _BARE_HEADING_RE.fullmatch(line):
            current, colon_lead = _deadline_in(line), False
            in_review = bool(_REVIEW_HEADING_RE.search(line))
        elif in_review:
            review.add(start)
        elif _ITEM_LINE_RE.match(line):
            if current is not None:
                by_line[start] = current
            if line.endswith(":") and (year := _deadline_in(line)) is not None:
                current = year
        elif (year := _deadline_in(line)) is not None and (line.endswith(":") or _is_item_line(folded, nxt)):
            current, colon_lead = year, line.endswith(":")
        elif colon_lead and current is not None:
            by_line[start] = current
        elif not line.endswith(":"):
            current = None
        start = nxt
    return by_line, review


_LINE_RE = re.compile(r"[^\n]+")


def _next_line(folded: str, pos: int) -> int:
    """Start of the first line (a run of characters other than a line break) at or after ``pos``."""
    m = _LINE_RE.search(folded, pos)
    return m.start() if m else len(folded)


def _is_item_line(folded: str, start: int) -> bool:
    if start >= len(folded):
        return False
    end = folded.find("\n", start)
    return _ITEM_LINE_RE.match(folded[start : end if end >= 0 else len(folded)].strip()) is not None


#: four year digits before 年 (2025年, 二〇二五 年): every deadline year (``DEADLINE``) has them
_YEAR_BEFORE_RE = re.compile(r"(?:\d{4}|[〇零○一二三四五六七八九]{4})\s?年")


def _dated_lines(folded: str) -> list[int]:
    """Starts of the lines that may state a deadline or a yearly rate, in order: a year before 年
    (2025年: a ``DEADLINE`` year), 每年/年均/年平均 (``PER_YEAR``), or 五 shortly before 末 (“十四五”
    期末: a plan deadline). Any other line states none of them (a superset: each is checked later).

    >>> text = "第一条 为了规范管理。\\n第二条 每年检查一次。\\n第三条 本法自2019年10月1日起施行。"
    >>> [text[i : i + 3] for i in _dated_lines(text)]
    ['第二条', '第三条']
    """
    out: set[int] = set()
    for m in re.finditer("年", folded):
        p = m.start()
        if folded[p - 1 : p] == "每" or folded[p + 1 : p + 2] in ("均", "平"):
            out.add(folded.rfind("\n", 0, p) + 1)
        elif p >= 4 and (_YEAR_BEFORE_RE.match(folded, p - 4) or _YEAR_BEFORE_RE.match(folded, max(0, p - 5))):
            out.add(folded.rfind("\n", 0, p) + 1)
            out.add(folded.rfind("\n", 0, max(0, p - 2)) + 1)  # 2025⏎年: the year's digits end the line before
    for m in re.finditer("末", folded):
        p = m.start()
        if "五" in folded[max(0, p - 7) : p]:  # 十四五期末, “十四五”时期末, 第十四个五年规划末期
            out.add(folded.rfind("\n", 0, p) + 1)
    return sorted(out)


def _lead_in(masked: str, sent: Sentence) -> str:
    """The clauses before ``sent`` in the same full sentence (sentences split at ；), which give it
    their deadline and goal lead: in 主要目标是：到2030年,培训7500万人次以上；新增证书4000万人次以上。
    the second clause is a target due in 2030 too. A sentence that starts with 其中 details the
    sentence before it, which joins its lead."""
    lo = max(0, sent.start - 300)
    k = max(masked.rfind(c, lo, sent.start) for c in "。！？!?\n") + 1
    if masked.startswith("其中", sent.start) and k > lo and masked[k - 1] != "\n":
        k = max(masked.rfind(c, lo, k - 1) for c in "。！？!?\n") + 1
    if k == 0 and lo > 0:
        return ""
    return masked[k : sent.start]


def _carried_for(
    line_start: int, by_line: dict[int, int], sections: Sequence[Section], s: Sentence
) -> int | None:
    """The carried deadline of a sentence (its line starts at ``line_start``): from its line, else
    from a 目标 section heading with a year."""
    year = by_line.get(line_start)
    if year is None:
        sec = _section_of(sections, s.start)
        if sec is not None and _GOAL_HEADING_RE.search(sec.heading):
            year = _deadline_in(sec.heading)
    return year


PLAN_MENTION = r"(?<![十\d])(十[一二三四五六七八九]|[一二三四五六七八九十])个?五(?:年规划|年计划)?(?=[”\"]|期间|时期|末|规划|计划)"


_PLAN_MENTION_RE = re.compile(rf"(?=[一二三四五六七八九十]){PLAN_MENTION}")


def _plan_numbers(s: str) -> list[int]:
    if "五" not in s:  # every mention has it
        return []
    return [n for m in _PLAN_MENTION_RE.finditer(s) if (n := parse_chinese_int(m.group(1)))]


#: A goal list inside a sentence: 今年发展主要预期目标是:…;…
#: 其中2019年… : the share of a multi-year target that falls in one year
_QIZHONG_YEAR_RE = re.compile(rf"\s*其中\s*[,，]?\s*(?P<y>{YEAR})\s?年(?![底末前内以之至到])")


#: this year, in the document's own time: 今年, 全年, 年内, 明年 (not 今年以来, which reports; not 一年内, a period)
_THIS_YEAR_RE = re.compile(r"今年(?!以来)|全年|明年|(?<![一二三四五六七八九十两半\d])年内")


#: the year rules a target's ``rule`` names after ``+``: a 今年/全年/年内/明年 sentence, a target of a
#: text that plans one year (a work report's plan part, a 2023年…分工方案) stating no year
_RULE_THIS_YEAR = "deadline.this_year.v1"


_RULE_DOCUMENT_YEAR = "deadline.document_year.v1"


#: a paragraph that opens with its deadline (到2020年,…。…。): every sentence of it is due then
_PARAGRAPH_LEAD_RE = re.compile(
    rf"[ \t\u3000]*(?:[(（]?[{CN_CHARS}\d]{{1,3}}[)）、.]\s*)?(?:[^。:：,，\n]{{1,12}}[。:：])?(?:力争|争取|计划)?(?:{DEADLINE})\s*[,，]"
)


def _this_year(s: str, year: int | None, *, annual: bool) -> tuple[int, str] | None:
    """The year a sentence ``s`` without a deadline of its own is due in, and the rule that says so.

    >>> _this_year("明年新增就业5000人", 2025, annual=False), _this_year("地区生产总值增长6%", 2023, annual=True)
    ((2026, 'deadline.this_year.v1'), (2023, 'deadline.document_year.v1'))
    """
    if year is None:
        return None
    m = _THIS_YEAR_RE.search(s)
    if m:
        return (year + 1 if m.group(0) == "明年" else year), _RULE_THIS_YEAR
    return (year, _RULE_DOCUMENT_YEAR) if annual else None


_ANY_YEAR_RE = re.compile(rf"{YEAR}\s?年")


def _reports_past(fsent: str, lead: str, *, annual: bool) -> bool:
    """Whether a sentence reports the past (``non_targets.tsv`` past rows: 以来, 已累计, 同比 …); a
    同比增长21% in a work report's plan or after 预期目标是: is a target."""
    for m in _non_targets()["past"].finditer(fsent):
        if m.group(0) != "同比" or not (annual or _GOAL_LEAD_RE.search(lead + fsent) or "目标" in lead + fsent):
            return True
    return False


def _paragraph_deadline(masked: str, sent: Sentence) -> int | None:
    """The deadline a paragraph (line) opens with, for its later sentences: 到2020年,…。全国…超过10亿千瓦。"""
    ls = masked.rfind("\n", 0, sent.start) + 1
    if ls >= sent.start:
        return None
    le = masked.find("\n", sent.start)
    if (le if le >= 0 else len(masked)) - ls > 800:
        return None  # a text without line breaks: no paragraphs to speak of
    m = _PARAGRAPH_LEAD_RE.match(masked, ls)
    if m is None or _ANY_YEAR_RE.search(masked, sent.start, sent.end):
        return None  # 2026年全面启动…: a sentence with a year of its own keeps it
    return _deadline_in(m.group(0))

