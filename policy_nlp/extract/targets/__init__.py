"""Quantified targets: 到2015年…比重达到30%, 每年新增…1万名, 降低40%-45%, 百个首席技师工作室 ….

A number is a target when its clause states one: a unit follows it (``resources/units.tsv``), the
clause has a target cue or a deadline year or lies in a 目标/指标 section (``target_cues.tsv``), and
no context rules it out (``non_targets.tsv``: ordinals, meeting names, titles in 《》 and “”,
document numbers, dates, fines and time limits of laws). Each target carries the clause that states
it, its indicator, comparator (``comparators.tsv``), direction (``directions.tsv``), deadline and
base years, and the versioned id of the rule that fired:

- ``targets.percent.v1`` (%, ‰, 百分之…, 三分之一), ``targets.points.v1`` (个百分点),
  ``targets.multiple.v1`` (倍, 翻一番), ``targets.count.v1`` / ``money.v1`` / ``measure.v1`` /
  ``duration.v1`` (by the kind of the unit in ``units.tsv``), ``targets.bare_number.v1`` (收入比缩小至1.7以内);
- ``targets.enumeration.v1``: 十大…十大…, 百个…、百个… (one target per item, separators or not);
- ``targets.bare_count.v1``: 开展百万职工…, a count without a measure word after an object verb;
- ``targets.table_row.v1``: a row of an indicator table (预期性/约束性);
- ``targets.table_flat.v1``: a row of an indicator table scraped without separators
  (指标2010年2015年…1化学需氧量排放总量(万吨)2551.72347.6-8%): the later year's value and the change.

Laws, regulations and standards (three 第X条 lines or clause numbers, and a title …法/条例/规定 or
a chapter of penalties) keep only dated targets and yearly quotas, so only the lines that may date a
target are read (:func:`_law_lines`: a year before 年, 每年, “十四五”期末, a lead-in's or a 目标 heading's
deadline); a 管理办法 with articles keeps its ratios but not its amounts, areas and per-unit standards. Sections that review the past (发展基础,
主要成就, 工作回顾) and sentences about an earlier five-year plan or with 已累计/以来 report results.
Thresholds (对…投资2亿元以上的项目), conditions (…以上的,给予), reward caps and rates (最高不超过30万元,
贡献的70%给予奖励) and counts of measures (十条措施, 3个阶段) are never targets (``non_targets.tsv``).

Years: a stated deadline (到2025年, 2025年前, 力争2025年, 2035年达到), else one carried from a lead-in
(到2025年,具体目标是: / a paragraph opening with 到2020年,), else the plan period, else the document
year ``year`` (``structure.docyear.document_year``) for 今年/全年/年内 (明年: the year after) —
``+deadline.this_year.v1`` — or for any target of a text that plans one year (a work report, a
2023年…任务分工方案) — ``+deadline.document_year.v1``.

Indicators (:func:`~policy_nlp.extract.targets.indicator._indicator`): the subject before the predicate, less lead words, scope (全市) and
leading verbs (``indicator_words.tsv``); for a count or measure that is the object of a verb, the noun
after the measure word (``+indicator.counted.v1``: 实施100条客运班线…, 卡阳、松如沟等14个750千伏电网工程);
a number coordinated with the one before (96户、183人) or after a bare predicate (,达到296亿元) shares
its subject; 一产、二产、三产增加值分别增长… gives one indicator per number (``+indicator.distributed.v1``).

The package, by job: :mod:`~policy_nlp.extract.targets.rules` (named pattern parts and the rule
tables of resources), :mod:`~policy_nlp.extract.targets.clauses` (masking, sentences, clauses, the
section outline), :mod:`~policy_nlp.extract.targets.years` (deadline, base and document years),
:mod:`~policy_nlp.extract.targets.indicator` (indicators), :mod:`~policy_nlp.extract.targets.distribute`
(分别: one indicator per number), :mod:`~policy_nlp.extract.targets.sentence` (the sentence walk) and
:mod:`~policy_nlp.extract.targets.tables` (indicator tables); this module runs them
(:func:`find_targets`) and decides what is a law.

>>> t = find_targets("到2015年,本市高技能人才占技能劳动者的比重达到30%。")[0]
>>> (t.text, t.indicator, t.value, t.unit, t.deadline_year, t.rule)
('到2015年,本市高技能人才占技能劳动者的比重达到30%', '高技能人才占技能劳动者的比重', 30.0, '%', 2015, 'targets.percent.v1')
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from itertools import islice

from policy_nlp.extract.targets.clauses import _in_review_section, _mask, _Outline, _split_sentence
from policy_nlp.extract.targets.rules import _ARTICLE_RE, _BARE_COUNT_RE, _ENUM_ITEM_SIMPLE, _SIGNED_LINE_RE
from policy_nlp.extract.targets.rules import _DEADLINE_RE as _DEADLINE_RE
from policy_nlp.extract.targets.rules import AROUND_FIRST as AROUND_FIRST
from policy_nlp.extract.targets.rules import DEADLINE as DEADLINE
from policy_nlp.extract.targets.rules import _non_targets as _non_targets
from policy_nlp.extract.targets.sentence import _carried_in, _law_dates, _targets_in_sentence, _worth_a_look
from policy_nlp.extract.targets.tables import _flat_table_rows, _table_rows
from policy_nlp.extract.targets.years import (
    _LINE_RE,
    _carried_deadlines,
    _carried_for,
    _dated_lines,
    _deadline_in,
    _lead_in,
    _plan_numbers,
)
from policy_nlp.extract.targets.years import _PLAN_MENTION_RE as _PLAN_MENTION_RE
from policy_nlp.extract.targets.years import PLAN_MENTION as PLAN_MENTION
from policy_nlp.model import Meta, Section, Sentence, Target
from policy_nlp.numerals import find_quantities, find_quantities_in, fold_width, parse_year, plan_period
from policy_nlp.structure.docyear import is_annual
from policy_nlp.structure.meta import title_span

__all__ = ["find_targets"]


# -- public ---------------------------------------------------------------------------------------
def find_targets(
    text: str,
    *,
    sections: Sequence[Section] = (),
    sentences: Sequence[Sentence] = (),
    year: int | None = None,
    title: str | None = None,
) -> list[Target]:
    """Quantified targets of ``text`` in document order, ids ``T1``, ``T2`` ….

    ``sections`` set each target's ``section`` (the innermost containing it) and mark 目标/指标
    sections; ``sentences`` bound the context (default: lines); ``year``, the document's own year
    (:func:`policy_nlp.structure.docyear.document_year`), is the deadline of a sentence about
    今年/全年/年内 (明年: the year after) and, when the text plans one year (a work report, a
    2023年…任务分工方案: ``is_annual`` of ``title``), of every target that states no year; numbers of
    the document's ``title`` (关于…的十条意见) are no targets. Never raises on strange text.

    >>> [(t.value, t.unit, t.per_year, t.direction) for t in find_targets("推动实现每年新增技师、高级技师1万名。")]
    [(10000.0, '名', True, 'increase')]
    >>> find_targets("深入贯彻党的十七届五中全会精神,加快建设四个中心。")
    []
    """
    folded = fold_width(text)
    sections = _Outline(sections)
    rulebook = _at_least(3, _ARTICLE_RE.finditer(folded))  # articles: a law, a regulation or a 管理办法
    legal = rulebook and _is_law(folded, title)
    dated = _dated_lines(folded)
    by_line, review = _carried_deadlines(folded, dated)
    # a law states a target only in a line that dates it (_law_lines): the others are not read
    lines = _law_lines(folded, sections, by_line, dated) if legal else None
    masked = _mask(folded, _with_context(folded, lines) if lines is not None else None)
    # 第三条, 第十五条: the 第 rule of non_targets.tsv ("before") rules out a number right after 第, so
    # ordinals are left out before anything is built (in a law most numbers are article numbers)
    skip = lambda i: i > 0 and masked[i - 1] == "第"  # noqa: E731
    quantities = [
        q
        for q in (find_quantities(folded, skip=skip) if lines is None else find_quantities_in(folded, lines, skip=skip))
        if q.kind != "year" and _worth_a_look(folded, q)
    ]
    spans = [(0, len(folded))] if lines is None else lines
    cands = sorted(
        [q.start for q in quantities]
        + [m.start() for a, b in spans for m in _ENUM_ITEM_SIMPLE.finditer(folded, a, b + 1)]
        + [m.start() for a, b in spans for m in _BARE_COUNT_RE.finditer(folded, a, b + 1)]
    )
    found: list[Target] = []
    if cands:
        given = list(sentences) or [Sentence(m.start(), m.end()) for m in re.finditer(r"[^\n]+", folded)]
        given = [s for s in given if _has(cands, s.start, s.end)]  # else none of its parts has one
        sents = sorted((p for s in given for p in _split_sentence(folded, s)), key=lambda s: s.start)
        sents = [s for s in sents if _has(cands, s.start, s.end)]
        facts: tuple[int, int | None, bool] | None = None
        qstarts = [q.start for q in quantities]
        newlines = [m.start() for m in re.finditer("\n", folded)] if lines is None else []
        for sent in sents:
            if lines is None:
                k = bisect_left(newlines, sent.start)  # folded.rfind("\n", 0, sent.start) + 1, by bisection
                line_start = newlines[k - 1] + 1 if k else 0
            else:
                line_start = folded.rfind("\n", 0, sent.start) + 1
            if line_start in review or _in_review_section(sections, sent.start):
                continue
            lead = _lead_in(masked, sent)
            carried = _carried_for(line_start, by_line, sections, sent)
            if legal and not _law_dates(masked[sent.start : sent.end], _carried_in(masked, sent, lead, carried)):
                continue  # the same test _targets_in_sentence makes first, before the facts below are needed
            if facts is None:
                facts = _year_facts(folded, title, year)
            latest_plan, signed_year, annual = facts
            lo, hi = bisect_left(qstarts, sent.start), bisect_left(qstarts, sent.end)
            sq = [q for q in quantities[lo:hi] if q.end <= sent.end]
            found.extend(
                _targets_in_sentence(
                    folded,
                    text,
                    masked,
                    sent,
                    sections,
                    carried,
                    sq,
                    legal=legal,
                    rulebook=rulebook,
                    latest_plan=latest_plan,
                    signed_year=signed_year,
                    lead=lead,
                    year=year,
                    annual=annual,
                )
            )
    if "预期性" in folded or "约束性" in folded:
        found.extend(_table_rows(folded, text, sections, {t.start for t in found}))
    if "指" in folded and "标" in folded:
        found.extend(_flat_table_rows(folded, text, sections))
    found.sort(key=lambda t: (t.start, -t.end))
    out: list[Target] = []
    seen: set[tuple[int, int, float | None, str | None, str | None]] = set()
    a, b = title_span(text, title)
    for t in found:
        if a <= t.start < b:
            continue  # in the document's title
        key = (t.start, t.end, t.value, t.unit, t.indicator)  # 50个研修班和50场次讲座: two targets
        if key in seen:
            continue
        seen.add(key)
        out.append(_replace_id(t, f"T{len(out) + 1}"))
    return out


def _year_facts(folded: str, title: str | None, year: int | None) -> tuple[int, int | None, bool]:
    """The latest five-year plan the text names, the year it was signed (an undated 十二五 plan is
    written in the plan's first year) and whether it plans one year (``is_annual``)."""
    latest_plan = max(_plan_numbers(folded), default=0)
    signed = _SIGNED_LINE_RE.search(folded)
    signed_year = parse_year(signed["y"]) if signed else None
    if signed_year is None and year is None and latest_plan:
        # an undated 十二五 plan is written in its first year: 2010年…为17.7% is a result
        first = plan_period(f"十{'一二三四五六七八九'[latest_plan - 11]}五") if 11 <= latest_plan <= 19 else None
        signed_year = first[0] if first else None
    annual = year is not None and is_annual(folded, Meta(title=title), year)
    return latest_plan, signed_year, annual


def _law_lines(
    folded: str, outline: _Outline, by_line: dict[int, int], dated: Sequence[int] | None = None
) -> list[tuple[int, int]]:
    """``(start, end)`` of the lines where a law-like text may state a target, in order: the lines
    that may state a deadline or a yearly quota (:func:`~policy_nlp.extract.targets.years._dated_lines`),
    those a lead-in gives its deadline (``by_line``) and those under a 目标 heading with a year
    (``dated``: the first kind, when the caller has them). A
    sentence elsewhere states no deadline, carries none and sets no yearly quota
    (:func:`~policy_nlp.extract.targets.sentence._law_dates`).

    >>> text = "第一条 为了规范管理。\\n第二条 每年培训不少于2000人。\\n第三条 本法自2019年10月1日起施行。"
    >>> [text[a:b] for a, b in _law_lines(text, _Outline(()), {})]
    ['第二条 每年培训不少于2000人。', '第三条 本法自2019年10月1日起施行。']
    """
    starts = set(_dated_lines(folded) if dated is None else dated) | set(by_line)
    for sec in outline.goal:
        if _deadline_in(sec.heading) is not None:
            first = folded.rfind("\n", 0, sec.start) + 1
            starts.update(m.start() for m in _LINE_RE.finditer(folded, first, max(first, sec.end)))
    out = []
    for a in sorted(starts):
        b = folded.find("\n", a)
        out.append((a, b if b >= 0 else len(folded)))
    return out


def _with_context(folded: str, lines: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``lines`` each with the next two lines that hold more than spaces (a paragraph's lead-in
    deadline may run on: 到2025⏎年,), merged: the lines whose blanking the rules read."""
    out: list[tuple[int, int]] = []
    n = len(folded)
    for a, b in lines:
        found = 0
        while b < n and found < 2:
            nxt = folded.find("\n", b + 1)
            nxt = n if nxt < 0 else nxt
            found += bool(folded[b + 1 : nxt].strip())
            b = nxt
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _at_least(k: int, matches: Iterator[object]) -> bool:
    return next(islice(matches, k - 1, None), None) is not None


#: a law or regulation by its title (…法, …条例, …规定, …规则, …实施细则), or by a chapter of penalties
_LAW_TITLE_RE = re.compile(r"(?:(?<!办)法|条例|规定|规则|细则|章程)(?:\(.*\))?$")


_LAW_TEXT_RE = re.compile(r"法律责任|罚款|处罚|本条例|本法|本规定|本规则")


def _is_law(folded: str, title: str | None) -> bool:
    """Whether a text with articles (第X条) is a real law or regulation, whose numbers are rules
    rather than targets; a 管理办法 or 实施方案 with articles keeps its quantified requirements.

    >>> _is_law("第一条…", "某市粮食储备管理办法"), _is_law("第一条…", "中华人民共和国劳动法")
    (False, True)
    """
    if title and _LAW_TITLE_RE.search(re.sub(r"\s+", "", title).rstrip("》")):
        return True
    return bool(_LAW_TEXT_RE.search(folded)) or len(_CLAUSE_NUMBER_RE.findall(folded)) >= 3  # a standard


_CLAUSE_NUMBER_RE = re.compile(r"(?m)^\s*\d+\.\d+(?:\.\d+)*[\s\u3000]")


def _has(positions: list[int], start: int, end: int) -> bool:
    k = bisect_left(positions, start)
    return k < len(positions) and positions[k] < end


def _replace_id(t: Target, new_id: str) -> Target:
    from dataclasses import replace

    return replace(t, id=new_id)

