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
a chapter of penalties) keep only dated targets and yearly quotas; a 管理办法 with articles keeps its
ratios but not its amounts, areas and per-unit standards. Sections that review the past (发展基础,
主要成就, 工作回顾) and sentences about an earlier five-year plan or with 已累计/以来 report results.
Thresholds (对…投资2亿元以上的项目), conditions (…以上的,给予), reward caps and rates (最高不超过30万元,
贡献的70%给予奖励) and counts of measures (十条措施, 3个阶段) are never targets (``non_targets.tsv``).

Years: a stated deadline (到2025年, 2025年前, 力争2025年, 2035年达到), else one carried from a lead-in
(到2025年,具体目标是: / a paragraph opening with 到2020年,), else the plan period, else the document
year ``year`` (``structure.docyear.document_year``) for 今年/全年/年内 (明年: the year after) —
``+deadline.this_year.v1`` — or for any target of a text that plans one year (a work report, a
2023年…任务分工方案) — ``+deadline.document_year.v1``.

Indicators (:func:`_indicator`): the subject before the predicate, less lead words, scope (全市) and
leading verbs (``indicator_words.tsv``); for a count or measure that is the object of a verb, the noun
after the measure word (``+indicator.counted.v1``: 实施100条客运班线…, 卡阳、松如沟等14个750千伏电网工程);
a number coordinated with the one before (96户、183人) or after a bare predicate (,达到296亿元) shares
its subject; 一产、二产、三产增加值分别增长… gives one indicator per number (``+indicator.distributed.v1``).

>>> t = find_targets("到2015年,本市高技能人才占技能劳动者的比重达到30%。")[0]
>>> (t.text, t.indicator, t.value, t.unit, t.deadline_year, t.rule)
('到2015年,本市高技能人才占技能劳动者的比重达到30%', '高技能人才占技能劳动者的比重', 30.0, '%', 2015, 'targets.percent.v1')
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from policy_nlp.model import Comparator, Direction, Meta, Section, Sentence, Target
from policy_nlp.numerals import (
    CN_CHARS,
    Quantity,
    find_quantities,
    fold_width,
    parse_chinese_int,
    parse_number,
    parse_year,
    plan_period,
    unit_kind,
)
from policy_nlp.resources import read_tsv
from policy_nlp.structure.docyear import is_annual

__all__ = ["find_targets"]

# -- named pattern parts --------------------------------------------------------------------------
YEAR = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})(?=\s?年)"
PLAN = r"[“\"]?(?:第?[一二三四五六七八九十]{1,3}个?五(?:年规划|年计划)?)[”\"]?"
#: the characters a YEAR and a PLAN can start with (a lookahead of them lets the regex engine pass
#: over other positions quickly; tests/test_fast_paths.py checks the patterns find the same)
YEAR_FIRST = r"\d〇零○一二三四五六七八九"
PLAN_FIRST = "“\"第一二三四五六七八九十"
#: 到2015年, 至2020年底, 2025年前, "十四五"期末, 到"十四五"末
DEADLINE = (
    rf"(?:(?:到|至|截止到)(?P<y1>{YEAR})\s?年(?:底|末|年底|年末)?(?:前|以前|之前)?|(?P<y2>{YEAR})\s?年(?:底)?(?:前|以前|之前)"
    rf"|(?<=力争|争取|确保)(?P<y3>{YEAR})\s?年"
    rf"|(?P<y4>{YEAR})\s?年(?=(?:力争|要|将|初步|基本)?(?:达到|达|提高到|降至|降低到|控制在|突破|超过|建成)|度?[^\d,;。]{{0,4}}计划[,，])"
    rf"|(?:到|至)?(?P<plan>{PLAN})(?:期末|末|时期末|末期))"
)
#: 比2005年, 较2010年, 与2020年相比, 以2020年为基期
BASE = rf"(?:比|较|相比|与|同|以)(?P<base>{YEAR})\s?年(?:末|底)?(?:相比|为基期|为基准年?)?"
#: 每年, 年均, 年平均
PER_YEAR = r"(?:每年度?|年均|年平均|平均每年)"
#: 用五年时间, 3年内, 经过五年左右的努力, "十四五"期间
PERIOD = (
    rf"(?:用[{CN_CHARS}\d]+年(?:左右)?(?:的)?时间|经过[{CN_CHARS}\d]+年(?:左右)?(?:的)?(?:努力|时间)"
    rf"|[{CN_CHARS}\d]+年内|{PLAN}(?:期间|时期))"
)
#: A date-only line (the signature date 二〇〇五年三月三日 / 2018年12月21日): the year the text was signed.
_SIGNED_LINE_RE = re.compile(
    rf"(?m)^[ \t]*[(]?(?P<y>{YEAR})\s?年\s?[\d{CN_CHARS}]{{1,2}}\s?月\s?[\d{CN_CHARS}]{{1,3}}\s?日[)]?[ \t]*$"
)
#: A year stated as a point in time (2003年,… / 2003年全国…), not as a deadline, a base or a start.
_POINT_YEAR_RE = re.compile(rf"(?<![\d到至比较与同以自从])(?P<y>{YEAR})\s?年(?![底末前起度]|以前|之前|开始|以来)")
_DEADLINE_RE = re.compile(rf"(?=[到至截{YEAR_FIRST}{PLAN_FIRST}]){DEADLINE}")
_BASE_RE = re.compile(BASE)
_PER_YEAR_RE = re.compile(PER_YEAR)
_PERIOD_RE = re.compile(PERIOD)
#: Titles and quoted names: numbers inside are never targets.
_QUOTED_RE = re.compile(r"《[^《》\n]{1,120}》|“[^“”\n]{1,40}”|\"[^\"\n]{1,40}\"")
_CLAUSE_END = ",;。!?:;，；。！？：\n"
_BULLET_RE = re.compile(
    rf"^(?:[\s—\-–•·●○■□◆]+|\(?[{CN_CHARS}\d]{{1,3}}[)、.．]|[(（][{CN_CHARS}\d]{{1,3}}[)）]|第[{CN_CHARS}]+条)\s*"
)
#: An article line (第十条) or a standard's clause number (5.1.2): three of them make a law-like text,
#: whose targets must state a deadline.
_ARTICLE_RE = re.compile(rf"(?m)^\s*(?:第[{CN_CHARS}]+条|\d+\.\d+(?:\.\d+)*[\s\u3000])")
_GOAL_HEADING_RE = re.compile(r"目标|指标|任务")
#: Enumerated awards and sites: 十大工人发明家, 百项…成果, 百个…工作室, 千个特色班组.
_ENUM_ITEM_SIMPLE = re.compile(r"(?P<num>[十百千万])(?P<cls>大|项|个|名|家|位|支|所|座)")
#: 百万职工, 千名职工 after an object verb without a measure word: 开展百万职工岗位建功行动.
_BARE_COUNT_RE = re.compile(
    r"(?P<num>[十百千万亿]{1,3})(?P<noun>职工|人才|农民工|青年|学生|家庭|群众|党员|企业)"
)
_TABLE_ATTR_RE = re.compile(r"(预期性|约束性)")
_CELL_SPLIT_RE = re.compile(r"\s*\|\s*|\t+|\s{2,}")


@dataclass(frozen=True, slots=True)
class _Clause:
    start: int
    end: int


@cache
def _comparators() -> tuple[list[tuple[str, Comparator]], list[tuple[str, Comparator]]]:
    rows = read_tsv("comparators.tsv")
    before = sorted(
        ((r["word"], r["comparator"]) for r in rows if r["position"] == "before"), key=lambda x: -len(x[0])
    )
    after = sorted(
        ((r["word"], r["comparator"]) for r in rows if r["position"] == "after"), key=lambda x: -len(x[0])
    )
    return before, after  # type: ignore[return-value]


@cache
def _directions() -> re.Pattern[str]:
    words = sorted((r["word"] for r in read_tsv("directions.tsv")), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@cache
def _direction_of() -> dict[str, Direction]:
    return {r["word"]: r["direction"] for r in read_tsv("directions.tsv")}  # type: ignore[misc]


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    rows = read_tsv("target_cues.tsv")
    # every direction verb (directions.tsv) is a cue too
    words = sorted(
        {r["word"] for r in rows} | {r["word"] for r in read_tsv("directions.tsv")}, key=len, reverse=True
    )
    objs = sorted((r["word"] for r in rows if r["kind"] == "object_verb"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), re.compile(
        "(?:" + "|".join(map(re.escape, objs)) + ")$"
    )


#: Every character a ``non_targets.tsv`` row with ``where`` = around starts with: a lookahead of them
#: lets the regex engine pass other positions quickly. A new row may need its first characters here
#: (tests/test_fast_paths.py checks every row's first characters are, and that the matches agree).
AROUND_FIRST = r"〔\[(\d一二三四五六七八九十万千亿成百电传热邮手联"


@cache
def _non_targets() -> dict[str, re.Pattern[str]]:
    out: dict[str, list[str]] = {}
    for r in read_tsv("non_targets.tsv"):
        out.setdefault(r["where"], []).append(r["pattern"])
    pats = {k: "|".join(f"(?:{p})" for p in v) for k, v in out.items()}
    return {
        "before": re.compile(f"(?:{pats['before']})$"),
        "after": re.compile(f"^(?:{pats['after']})"),
        "around": re.compile(rf"(?=[{AROUND_FIRST}])(?:{pats['around']})"),
        "clause": re.compile(pats["clause"]),
        "legal": re.compile(pats["legal"]),
        "past": re.compile(pats["past"]),
        "attributive": re.compile(f"^(?:{pats['attributive']})"),
        "incentive": re.compile(pats["incentive"]),
        "threshold": re.compile(f"(?:{pats['threshold']})"),
    }


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
    masked = _mask(folded)
    # 第三条, 第十五条: the 第 rule of non_targets.tsv ("before") rules out a number right after 第, so
    # ordinals are left out before anything is built (in a law most numbers are article numbers)
    quantities = [
        q
        for q in find_quantities(folded, skip=lambda i: i > 0 and masked[i - 1] == "第")
        if q.kind != "year" and _worth_a_look(folded, q)
    ]
    cands = sorted(
        [q.start for q in quantities]
        + [m.start() for m in _ENUM_ITEM_SIMPLE.finditer(folded)]
        + [m.start() for m in _BARE_COUNT_RE.finditer(folded)]
    )
    found: list[Target] = []
    if cands:
        given = list(sentences) or [Sentence(m.start(), m.end()) for m in re.finditer(r"[^\n]+", folded)]
        given = [s for s in given if _has(cands, s.start, s.end)]  # else none of its parts has one
        sents = sorted((p for s in given for p in _split_sentence(folded, s)), key=lambda s: s.start)
        sents = [s for s in sents if _has(cands, s.start, s.end)]
        by_line, review = _carried_deadlines(folded)
        rulebook = len(_ARTICLE_RE.findall(folded)) >= 3  # articles: a law, a regulation or a 管理办法
        legal = rulebook and _is_law(folded, title)
        latest_plan = max(_plan_numbers(folded), default=0)
        signed = _SIGNED_LINE_RE.search(folded)
        signed_year = parse_year(signed["y"]) if signed else None
        if signed_year is None and year is None and latest_plan:
            # an undated 十二五 plan is written in its first year: 2010年…为17.7% is a result
            first = plan_period(f"十{'一二三四五六七八九'[latest_plan - 11]}五") if 11 <= latest_plan <= 19 else None
            signed_year = first[0] if first else None
        annual = year is not None and is_annual(folded, Meta(title=title), year)
        qstarts = [q.start for q in quantities]
        newlines = [m.start() for m in re.finditer("\n", folded)]
        for sent in sents:
            k = bisect_left(newlines, sent.start)  # folded.rfind("\n", 0, sent.start) + 1, by bisection
            line_start = newlines[k - 1] + 1 if k else 0
            if line_start in review or _in_review_section(sections, sent.start):
                continue
            lead = _lead_in(masked, sent)
            lo, hi = bisect_left(qstarts, sent.start), bisect_left(qstarts, sent.end)
            sq = [q for q in quantities[lo:hi] if q.end <= sent.end]
            found.extend(
                _targets_in_sentence(
                    folded,
                    text,
                    masked,
                    sent,
                    sections,
                    _carried_for(line_start, by_line, sections, sent),
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
    a, b = _title_span(text, title)
    for t in found:
        if a <= t.start < b:
            continue  # in the document's title
        key = (t.start, t.end, t.value, t.unit, t.indicator)  # 50个研修班和50场次讲座: two targets
        if key in seen:
            continue
        seen.add(key)
        out.append(_replace_id(t, f"T{len(out) + 1}"))
    return out


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


# -- masking and clauses --------------------------------------------------------------------------
def _mask(folded: str) -> str:
    """``folded`` with titles, quoted names and never-target contexts blanked (same length)."""
    spans = sorted(m.span() for pat in (_QUOTED_RE, _non_targets()["around"]) for m in pat.finditer(folded))
    if not spans:
        return folded
    out, pos = [], 0
    for a, b in spans:
        a = max(a, pos)
        if b <= a:
            continue
        out += [folded[pos:a], "\x00" * (b - a)]
        pos = b
    out.append(folded[pos:])
    return "".join(out)


_SENTENCE_RE = re.compile(r"[^。!?！？\n]+[。!?！？\n]?|[。!?！？\n]")


def _split_sentence(folded: str, sent: Sentence) -> list[Sentence]:
    """``sent`` cut after each 。!? (the structure stage may hand over whole lines)."""
    return [Sentence(m.start(), m.end()) for m in _SENTENCE_RE.finditer(folded, sent.start, sent.end)]


_CLAUSE_MARK_RE = re.compile(f"[(《“)》”{re.escape(_CLAUSE_END)}]")


def _clauses(folded: str, sent: Sentence) -> list[_Clause]:
    """Clauses of a sentence: cut at ,;。!?: outside brackets, titles and quotes."""
    out, start = [], sent.start
    depth = 0
    for m in _CLAUSE_MARK_RE.finditer(folded, sent.start, sent.end):
        ch = m.group(0)
        if ch in "(《“":
            depth += 1
        elif ch in ")》”":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(_Clause(start, m.start()))
            start = m.start() + 1
    out.append(_Clause(start, sent.end))
    return [c for c in out if c.end > c.start]


def _trim(folded: str, start: int, end: int) -> tuple[int, int]:
    """Span without leading bullets/spaces and trailing punctuation."""
    seg = folded[start:end]
    m = _BULLET_RE.match(seg)
    if m and m.end() < len(seg):
        start += m.end()
    while start < end and folded[start] in " \t—-":
        start += 1
    while end > start and folded[end - 1] in " \t,;。、:":
        end -= 1
    return start, end


class _Outline(tuple[Section, ...]):
    """Sections sorted by start, with the lookups the rules need precomputed once per document."""

    starts: list[int]
    review: tuple[Section, ...]
    goal: tuple[Section, ...]

    def __new__(cls, sections: Sequence[Section]) -> _Outline:
        self = super().__new__(cls, sorted(sections, key=lambda s: (s.start, -s.end)))
        self.starts = [s.start for s in self]
        self.review = tuple(s for s in self if _REVIEW_HEADING_RE.search(s.heading))
        self.goal = tuple(s for s in self if _GOAL_HEADING_RE.search(s.heading))
        return self


def _outline(sections: Sequence[Section]) -> _Outline:
    return sections if isinstance(sections, _Outline) else _Outline(sections)


def _section_of(sections: Sequence[Section], pos: int) -> Section | None:
    """The innermost section containing ``pos`` (sections nest, so: the last containing one by start)."""
    outline = _outline(sections)
    for k in range(bisect_right(outline.starts, pos) - 1, -1, -1):
        s = outline[k]
        if s.start <= pos < s.end:
            return s
        if s.level == 1:
            break
    return None


def _in_review_section(sections: Sequence[Section], pos: int) -> bool:
    return any(s.start <= pos < s.end for s in _outline(sections).review)


def _in_goal_section(sections: Sequence[Section], pos: int) -> bool:
    return any(s.start <= pos < s.end for s in _outline(sections).goal)


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


#: Headings of sections that review the past: numbers there are results, not targets.
_REVIEW_HEADING_RE = re.compile(
    r"发展基础|发展环境|规划背景|现状|回顾|主要成就|取得的成[就绩效]|工作成效|发展成就|基础与形势|面临形势"
)
_HEADING_LINE_RE = re.compile(rf"^(?:[{CN_CHARS}]+、|第[{CN_CHARS}]+[章节部分])")
_ITEM_LINE_RE = re.compile(rf"^(?:—|-|•|·|●|[(（][{CN_CHARS}\d]{{1,3}}[)）]|\d{{1,2}}[.、．](?!\d)|[①-⑳])")


#: an unnumbered heading line of a work report: 2025年工作回顾, 2026年工作安排, 今年主要任务
_BARE_HEADING_RE = re.compile(r"[^,;。,;。:!?]{0,16}(?:回顾|成就|工作安排|主要任务|重点任务|预期目标|总体要求)")


def _carried_deadlines(folded: str) -> tuple[dict[int, int], set[int]]:
    """Deadlines a lead-in paragraph gives to the paragraphs after it, and the review zones, by line start.

    A paragraph that states a deadline and ends with ":" (到2025年,具体目标是:) gives its year to the
    paragraphs after it; one followed by list items (——…, (一)…) gives it to those items. A heading
    (三、…) ends it. Lines under a heading that reviews the past (发展基础, 主要成就, “十三五”…) form a
    review zone, where numbers report results rather than targets.
    """
    by_line: dict[int, int] = {}
    review: set[int] = set()
    current: int | None = None
    colon_lead = False
    in_review = False
    lines = [(m.start(), m.group(0).strip()) for m in re.finditer(r"[^\n]+", folded)]
    items = [_ITEM_LINE_RE.match(line) is not None for _start, line in lines]
    for i, (start, line) in enumerate(lines):
        if _HEADING_LINE_RE.match(line) or _BARE_HEADING_RE.fullmatch(line):
            current, colon_lead = _deadline_in(line), False
            in_review = bool(_REVIEW_HEADING_RE.search(line))
            continue
        if in_review:
            review.add(start)
            continue
        year = _deadline_in(line)
        next_item = i + 1 < len(lines) and items[i + 1]
        if items[i]:
            if current is not None:
                by_line[start] = current
            if year is not None and line.endswith(":"):
                current = year
            continue
        if year is not None and (line.endswith(":") or next_item):
            current, colon_lead = year, line.endswith(":")
        elif colon_lead and current is not None:
            by_line[start] = current
        elif not line.endswith(":"):
            current = None
    return by_line, review


def _title_span(text: str, title: str | None) -> tuple[int, int]:
    """Where the document's title stands at the head of ``text`` (``(0, 0)`` when not found)."""
    if not title or len(title) < 8:
        return 0, 0
    a = text.find(title[:6], 0, 2000)
    b = text.find(title[-6:], a, a + len(title) + 40) if a >= 0 else -1
    return (a, b + 6) if b >= 0 else (0, 0)


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


# -- the main rule ----------------------------------------------------------------------------------
def _worth_a_look(folded: str, q: Quantity) -> bool:
    """A quantity with a unit, or a bare Arabic number right after a predicate (收入比缩小至1.7以内)."""
    if q.kind != "number":
        return True
    return not q.chinese and bool(_BARE_PREDICATE_RE.search(folded[max(0, q.start - 6) : q.start]))


#: What may precede a bare number that is a target, and what may follow it.
_BARE_PREDICATE_RE = re.compile(
    r"(?:缩小至|缩小到|控制在|降至|降到|下降到|下降至|提高到|提升到|提高至|提升至|达到|保持在|稳定在|[≥≤><])$"
)
_BARE_END_RE = re.compile(r"(?:以内|以下|以上|左右)?(?:$|[,;。、])")
_RULE_BY_KIND = {
    "number": "targets.bare_number.v1",
    "percent": "targets.percent.v1",
    "permille": "targets.percent.v1",
    "points": "targets.points.v1",
    "multiple": "targets.multiple.v1",
    "count": "targets.count.v1",
    "money": "targets.money.v1",
    "measure": "targets.measure.v1",
    "time": "targets.duration.v1",
}
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
_GOAL_LEAD_RE = re.compile(r"(?:目标|指标)(?:任务)?(?:是|为|如下)?[:]")
_TAIL_VERB_RE = re.compile(
    r"(?<=.)(?:实施|开展|参加|参与|用于|进行|推行|建立|完成|成为|实现|达到|正式|按时|按期|投入|全部|尽早|大力|建成|开工|完工"
    r"|年内|[一二三四]季度|年底)"
)
_BASELINE_BEFORE_RE = re.compile(rf"(?<![自理缘])[从由](?:{YEAR}\s?年(?:底|末)?的?)?$")
#: after a threshold number: 500万元及以下的, 2亿元以上的
_THRESHOLD_AFTER_RE = re.compile(r"\s*(?:及以上|及以下|以上|以下|\(含\)以上)?[、]?(?:的|且|或)")
#: a capacity right before the project it sizes: 2×35万千瓦热电联产项目, 700万吨露天矿
_CAPACITY_UNITS = frozenset({"万吨", "吨", "万千瓦", "千瓦", "千伏"})
_CAPACITY_AFTER_RE = re.compile(r"(?!以上|以下|以内|左右|上下|及|的)[^\d,;。、]{1,10}")
#: a table flattened into one line: a 序号 header, or three unit labels in brackets — (万吨) (%) (个)
_TABLE_FLAT_RE = re.compile(r"序号|(?:[^()]*\((?:万吨|%|个|万人|亿元|微克/立方米|吨)\)){3}")


def _is_share(q: Quantity, after: str) -> bool:
    """Whether a percent before 的 is the share of units that are to do something: 100%的社区卫生服务
    中心完成中医馆设置, 加强15%的中医馆内涵建设 (not 30%以上的企业, a condition)."""
    return q.kind == "percent" and after.startswith("的") and bool(_SHARE_VERB_RE.search(after))


_SHARE_VERB_RE = re.compile(r"完成|建成|设置|建设|实现|开展|配备|具备|提供|得到")


def _is_condition(masked: str, clause: _Clause) -> bool:
    """Whether ``clause`` is the condition of a rule: it ends with 的 and a comma follows
    (对年组织游客人数达到1万人次以上的,给予奖励)."""
    body = masked[clause.start : clause.end].rstrip()
    return body.endswith("的") and masked[clause.end : clause.end + 1] in (",", "，")
#: between a baseline and its target: 由113个(重点城市)增加到333个
_BASELINE_GAP_RE = re.compile(r"[^,;。]{0,10}?(?:提高|提升|增加|增长|扩大|增|降低|下降|减少|压减|降|减|上升)(?:到|至)")
#: A quota comparator: with 每年 it makes a yearly quota in a law-like text.
_QUOTA_RE = re.compile(r"不低于|不少于|至少")
#: A rate per unit (每公里, 每超过一百人, 每次): a fee or standard, not a target.
_PER_UNIT_RE = re.compile(r"每(?!年|季度|月)")
#: What may stand between a comparator word and its number: 至少(组织开展)5项, 不少于(培训)2000人次.
_VERBS_ONLY_RE = re.compile(
    r"(?:到|至|达到|为|是|组织|开展|举办|安排|培训|建设|建成|新建|打造|培育|培养|新增|完成|实现|提高到|提升到|增长|下降|减少|达|占|有|参与)*"
)
_DURATION_VERB = re.compile(
    r"(?:提高|延长|缩短|压缩至|压减至|缩减至|控制在|降至|减少|达到|提高到|增加|[≥≤><])(?:到|至)?$"
)


def _targets_in_sentence(
    folded: str,
    text: str,
    masked: str,
    sent: Sentence,
    sections: Sequence[Section],
    carried: int | None,
    quantities: Sequence[Quantity] = (),
    *,
    legal: bool = False,
    rulebook: bool = False,
    latest_plan: int = 0,
    signed_year: int | None = None,
    lead: str = "",
    year: int | None = None,
    annual: bool = False,
) -> list[Target]:
    """Targets of one sentence. In a law-like text (``legal``) only those with a deadline year; none
    in a sentence that reports the past (“十三五”期间… when the text also names 十四五, 已累计…, or
    a year before ``signed_year``, the year of the text's signature date: 2003年…达到42%).
    ``lead``: the clauses before the sentence in its full sentence (see :func:`_lead_in`)."""
    carried = _deadline_in(lead) or _paragraph_deadline(masked, sent) or carried
    this_year = None if legal else _this_year(lead + masked[sent.start : sent.end], year, annual=annual)
    out: list[Target] = []
    stext = masked[sent.start : sent.end]
    if not stext.strip():
        return out
    nt = _non_targets()
    cue_re, obj_re = _cues()
    sentence_deadline = _deadline_in(stext)
    yearly_quota = bool(_PER_YEAR_RE.search(stext) and _QUOTA_RE.search(stext))
    if legal and sentence_deadline is None and carried is None and not yearly_quota:
        return out  # a law-like text: only dated targets and yearly quotas (每年…不少于2000名)
    fsent = folded[sent.start : sent.end]
    if sentence_deadline is None and (
        any(n < latest_plan for n in _plan_numbers(fsent)) or _reports_past(fsent, lead, annual=annual)
    ):
        return out
    said_this_year = this_year is not None and this_year[1] == _RULE_THIS_YEAR
    if (
        sentence_deadline is None
        and carried is None
        and not said_this_year
        and signed_year
        and _reports_earlier_year(fsent, signed_year)
    ):
        return out
    clauses = _clauses(folded, sent)
    starts = [c.start for c in clauses]
    obj_any = re.compile(obj_re.pattern[:-1])
    in_goal = _in_goal_section(sections, sent.start)
    # fines and time limits veto their own clause and what follows (处…元以下的罚款), not a whole
    # sentence (…和退休临床医师,到2023年…家庭医生数不低于4人)
    vetoes = [m.start() + sent.start for m in nt["clause"].finditer(stext)]
    enum_spans: list[tuple[int, int]] = []
    for clause in clauses:
        enum_spans.extend(_enumeration(folded, text, masked, clause, sections, out))
    for q in quantities:
        start, end = q.start, q.end
        if "\x00" in masked[start:end] or any(a <= start < b for a, b in enum_spans):
            continue
        if q.kind == "number" and not (
            _BARE_PREDICATE_RE.search(masked[clause.start : start])
            and _BARE_END_RE.match(masked[end : clause.end])
        ):
            continue  # a bare number is a target only as 缩小至1.7以内, ≥71
        if q.chinese and len(q.text) <= 3 and masked[start - 1 : start] in "((" and start > 0:
            continue  # a unit label: 总量(万人)
        if q.chinese and q.text[0] in "十百千万亿" and start > 0 and masked[start - 1] in "个项座条家所":
            continue  # 1.22万个亿元以上项目: 亿元 sizes the items counted, it is no number of its own
        if _TABLE_ATTR_RE.search(fsent) and ("|" in fsent or "\t" in fsent):
            continue  # an indicator-table row: see _table_rows
        clause = clauses[max(0, bisect_right(starts, start) - 1)]
        ctext = masked[clause.start : clause.end]
        before = masked[clause.start : start]
        after = masked[end : clause.end]
        hard_veto = any(v >= clause.start for v in vetoes)
        if nt["before"].search(before) or nt["after"].search(after) or hard_veto:
            continue
        deadline = _deadline_in(masked[sent.start : clause.end]) or sentence_deadline
        if nt["legal"].search(ctext) and deadline is None:
            continue
        if nt["attributive"].search(after) and not obj_any.search(before) and not _is_share(q, after):
            continue
        if _THRESHOLD_AFTER_RE.match(after) and (nt["threshold"].search(before) or before.lstrip().startswith("对")):
            continue  # 对单户担保金额500万元及以下的…: who qualifies, not a target
        if _is_condition(masked, clause) and not deadline:
            continue  # 对…投资总额达到300万元以上的,给予…: a condition of a support policy
        if q.kind in ("money", "percent") and nt["incentive"].search(ctext):
            continue  # 单个项目奖励最高不超过30万元, 新增财政贡献的70%给予奖励: an Incentive, not a target
        if q.unit in _CAPACITY_UNITS and _CAPACITY_AFTER_RE.match(after) and not _PREDICATE_RE.search(before):
            continue  # 大唐700万吨露天矿前期工作: the size of a named project, not a target
        if _TABLE_FLAT_RE.search(ctext):
            continue  # cells of an indicator table flattened into one line: 2551.72347.6-8%…
        if _BASELINE_BEFORE_RE.search(before) and _BASELINE_GAP_RE.match(after):
            continue  # 从10.2年提高到10.8年: the first number is the baseline
        if (legal or rulebook) and (q.unit == "次" or _PER_UNIT_RE.search(before)):
            continue  # in a law-like text: 每年检验1次, 每公里不低于一千元 are rules, not targets
        if rulebook and not deadline and (q.kind in ("money", "measure") or "标准" in ctext):
            continue  # a 管理办法's amounts, areas and standards are its rules; its 比例应达70%以上 stays
        if q.kind == "time" and not _DURATION_VERB.search(before.rstrip()):
            continue  # 三个月内, 十五日内: time limits; 压缩至3个工作日 is a target
        cue = (
            bool(cue_re.search(ctext))
            or deadline is not None
            or this_year is not None  # 年内计划投资64.8亿元; any number of a work report's plan part
            or (in_goal and q.kind not in ("time",))
            or bool(_GOAL_LEAD_RE.search(lead + masked[sent.start : clause.start]))
            # …支持300名领军人才赴境外培训,1000名核心人才参加研修: a parallel clause that opens
            # with a number of the unit of the target just before it
            or (bool(out) and out[-1].unit == q.unit is not None and not before.strip(" ,、;"))
        )
        if not cue:
            continue
        if q.chinese and q.kind in ("count", "money", "measure", "time") and q.value < 10:
            # 一项, 两个, 三年: articles and counts of structure unless the clause has a deadline
            if (
                q.value < 2
                or deadline is None
                or not (obj_any.search(before[-6:]) or cue_re.search(before[-6:]))
            ):
                continue
        t = _make_target(folded, text, masked, sent, clause, q, start, end, sections, carried, cue_re, obj_re, this_year=this_year)
        if t.indicator is None and out and (
            _same_measure(out[-1].unit, t.unit) or _only_predicate(before) or _is_coordinated(before)
        ):
            from dataclasses import replace

            t = replace(t, indicator=out[-1].indicator)  # 比2020年提高4.5个百分点: same indicator as before
        out.append(t)
    # 开展百万职工…, 培养千名… without a measure word
    for m in _BARE_COUNT_RE.finditer(stext):
        start = sent.start + m.start("num")
        if "\x00" in masked[start : sent.start + m.end()] or any(t.start <= start < t.end for t in out):
            continue
        clause = clauses[max(0, bisect_right(starts, start) - 1)]
        before = masked[clause.start : start].rstrip()
        value = parse_number(m["num"])
        if value is None or value < 100 or not obj_re.search(before) or any(v >= clause.start for v in vetoes):
            continue
        end = sent.start + m.end("num")
        q = Quantity(m.start("num"), m.end("num"), m["num"], value, None, None, "count", True)
        t = _make_target(folded, text, masked, sent, clause, q, start, end, sections, carried, cue_re, obj_re, this_year=this_year)
        from dataclasses import replace

        out.append(replace(t, rule="targets.bare_count.v1", indicator=m["noun"]))
    return _distribute(out)


def _distribute(found: list[Target]) -> list[Target]:
    """一产、二产、三产增加值分别增长5%左右、5%以上、5%左右: one indicator per number, in order
    (一产增加值, 二产增加值, 三产增加值), when a clause's k numbers share an indicator that lists k
    short items (of at most three characters each) before a head noun (增加值, 产量, 管网)."""
    from dataclasses import replace

    out: list[Target] = []
    i = 0
    while i < len(found):
        j = i
        while j + 1 < len(found) and (found[j + 1].start, found[j + 1].end, found[j + 1].indicator) == (
            found[i].start,
            found[i].end,
            found[i].indicator,
        ):
            j += 1
        group = found[i : j + 1]
        names = _distributed_names(group[0].indicator, len(group)) if len(group) > 1 else None
        if names:
            group = [
                replace(t, indicator=n, rule=t.rule + "+indicator.distributed.v1") for t, n in zip(group, names, strict=True)
            ]
        out.extend(group)
        i = j + 1
    return out


def _distributed_names(indicator: str | None, k: int) -> list[str] | None:
    """The k indicators a listed indicator stands for, or None.

    >>> _distributed_names("一产、二产、三产增加值", 3), _distributed_names("老旧供热、燃气、排水管网", 3)
    (['一产增加值', '二产增加值', '三产增加值'], ['供热管网', '燃气管网', '排水管网'])
    >>> _distributed_names("肉、奶产量", 2), _distributed_names("花生种植、收获机械化率", 2)
    (['肉产量', '奶产量'], None)
    """
    items = (indicator or "").split("、")
    if len(items) != k:
        return None
    width = len(items[1]) if k >= 3 else len(items[0])
    middle = items[1:-1] if k >= 3 else items[:1]
    if width > 3 or any(len(x) != width for x in middle) or len(items[-1]) <= width:
        return None
    head = items[-1][width:]
    # the first item may carry a prefix all items share (老旧供热): keep its last ``width`` characters
    cores = [items[0][-width:], *items[1:-1], items[-1][:width]]
    return [c + head for c in cores]


def _enumeration(
    folded: str,
    text: str,
    masked: str,
    clause: _Clause,
    sections: Sequence[Section],
    out: list[Target],
) -> list[tuple[int, int]]:
    """十大工人发明家十大职工科技创新英才…: two or more bare-unit items in a clause (or one right after
    an award verb: 选树十大…), one target each."""
    ctext = masked[clause.start : clause.end]
    items = [m for m in _ENUM_ITEM_SIMPLE.finditer(ctext) if not _is_name_suffix(ctext, m.end())]
    items = [m for m in items if m.start() == 0 or ctext[m.start() - 1] not in f"{CN_CHARS}第"]
    if len(items) == 1 and not _AWARD_VERB_RE.search(ctext[: items[0].start()]):
        return []
    if not items:
        return []
    spans = []
    for i, m in enumerate(items):
        start = clause.start + m.start()
        stop = clause.start + (items[i + 1].start() if i + 1 < len(items) else len(ctext))
        seg = masked[start:stop]
        cut = re.search(r"[、,]|等", seg)
        end = start + (cut.start() if cut else len(seg))
        start, end = _trim(folded, start, end)
        value = float(parse_chinese_int(m["num"]) or 0)
        if not value:
            continue
        unit = None if m["cls"] == "大" else m["cls"]
        indicator = folded[clause.start + m.end() : end] or None
        sec = _section_of(sections, start)
        out.append(
            Target(
                id="",
                start=start,
                end=end,
                text=text[start:end],
                indicator=indicator,
                value=value,
                unit=unit,
                section=sec.id if sec else None,
                rule="targets.enumeration.v1",
            )
        )
        spans.append((clause.start + m.start(), clause.start + m.end()))
    return spans


_AWARD_VERB_RE = re.compile(r"(?:选树|评选|表彰|命名|推选|评出|遴选)$")


def _is_name_suffix(ctext: str, pos: int) -> bool:
    return bool(re.match(r"(?:人计划|计划|工程|行动|战略|活动)", ctext[pos:]))


def _make_target(
    folded: str,
    text: str,
    masked: str,
    sent: Sentence,
    clause: _Clause,
    q: Quantity,
    start: int,
    end: int,
    sections: Sequence[Section],
    carried: int | None,
    cue_re: re.Pattern[str],
    obj_re: re.Pattern[str],
    *,
    this_year: tuple[int, str] | None = None,
) -> Target:
    before = folded[clause.start : start]
    after = folded[end : clause.end]
    comparator: Comparator = "eq"
    before_words, after_words = _comparators()
    stripped = before.rstrip()
    for word, comp in before_words:
        k = stripped.rfind(word, max(0, len(stripped) - len(word) - 13))
        rest = stripped[k + len(word) :]
        if k >= 0 and (_VERBS_ONLY_RE.fullmatch(rest) or re.fullmatch(r"[^,;。]{1,12}的", rest)):
            comparator = comp  # 不低于30%, 至少组织开展5项
            break
    for word, comp in after_words:
        if after.startswith(word):
            comparator = comp
            break
    if q.modifier in ("余", "多") and comparator == "eq":
        comparator = "gt"
    direction: Direction | None = None
    dmatches = list(_directions().finditer(before))
    if dmatches:
        direction = _direction_of()[dmatches[-1].group(0)]
    elif q.text.startswith("翻"):
        direction = "increase"  # 翻一番
    # 每年 reaches back to the previous number, no further — but over a whole 、 list of numbers
    # (每年资助A类50名、B类100名、C类3000名: all three are yearly)
    scope, upto = sent.start, start
    for p in reversed(list(_PREV_QUANTITY_RE.finditer(folded, sent.start, start))):
        if p.group(0)[-1] in "、和及" or re.fullmatch(r"[^,;。,；]*、[^,;。,；]*", folded[p.end() : upto]):
            upto = p.start()
            continue
        scope = p.end()
        break
    per_year = bool(_PER_YEAR_RE.search(folded[scope:start]))
    period = None
    pm = list(_PERIOD_RE.finditer(folded[sent.start : start]))
    if pm:
        period = text[sent.start + pm[-1].start() : sent.start + pm[-1].end()]
    left = folded[sent.start : clause.end]
    deadline = _deadline_in(left[: start - sent.start]) or _deadline_in(folded[clause.start : clause.end])
    share = _QIZHONG_YEAR_RE.match(folded, _lead_start(folded, sent, clause), start)
    if share:  # 2019年至2021年…培训300万人次,其中2019年培训110万人次: the part due in 2019
        deadline = parse_year(share["y"])
    if deadline is None:
        deadline = carried
    if deadline is None and period is not None:
        plan = _PLAN_MENTION_RE.search(period)
        span = plan_period(plan.group(0)) if plan else None
        deadline = span[1] if span else None  # “十四五”期间 → 2025
    year_rule = ""
    if deadline is None and this_year is not None:
        deadline, year_rule = this_year[0], "+" + this_year[1]  # 今年…, or a work report's plan part
    base = None
    for m in _BASE_RE.finditer(folded[clause.start : start]):
        base = parse_year(m["base"])
    indicator, how = _indicator(folded, clause, start, end, obj_re, q.kind)
    if how == "counted":
        year_rule += "+indicator.counted.v1"
    tstart, tend = _trim(folded, _lead_start(folded, sent, clause), clause.end)
    if not tstart <= start < tend:
        tstart, tend = min(tstart, start), max(tend, end)
    sec = _section_of(sections, start)
    return Target(
        id="",
        start=tstart,
        end=tend,
        text=text[tstart:tend],
        indicator=indicator,
        value=q.value,
        value_max=q.value_max,
        unit=q.unit,
        comparator=comparator,
        direction=direction,
        deadline_year=deadline,
        base_year=base,
        per_year=per_year,
        period=period,
        section=sec.id if sec else None,
        rule=_RULE_BY_KIND.get(q.kind, "targets.count.v1") + year_rule,
    )


_LEAD_CLAUSE_RE = re.compile(
    rf"^\s*(?:力争|争取|计划|预计|确保|努力)?(?:{DEADLINE}|{PERIOD}|{PLAN}时期|{PLAN})(?:以来|期间)?\s*[,，]?$"
)


def _lead_start(folded: str, sent: Sentence, clause: _Clause) -> int:
    """Start of ``clause``, or of the clause before it when that one only states a deadline (到2015年,)."""
    prev_end = clause.start - 1
    if prev_end <= sent.start:
        return clause.start
    k = max(folded.rfind(ch, sent.start, prev_end) for ch in _CLAUSE_END)
    prev_start = max(k + 1, sent.start)
    if _LEAD_CLAUSE_RE.match(folded[prev_start : prev_end + 1]):
        return prev_start
    return clause.start


_PREV_QUANTITY_RE = re.compile(
    rf"(?:\d+(?:\.\d+)?|[{CN_CHARS}]+)(?:%|‰|个百分点|倍|万人次|万人|万元|亿元|人次|[个名家项人所座条处期场次件套台辆户张种支位村])[、和及]?"
)
_LEAD_RE = re.compile(
    rf"^(?:{DEADLINE}|{PER_YEAR}|{PERIOD}|[{CN_CHARS}\d]{{1,2}}年(?=累计|内|间)|推动实现|推动|实现|确保|力争|努力|争取|全面|使|在此基础上|同时|其中|累计|全年|今年|明年|当年|年内|拟|[\s,、—-])+"
)
_PREDICATE_RE = re.compile(
    r"(?:(?:比|较)\S{0,6}年(?:末|底)?)?(?:累计|要|应当|应|将|拟|再|稳步|逐步|进一步|分别|年均|每年|平均|力争)?"
    r"(?:达到|提高到|提升到|提高至|提升至|增长到|增长至|增加到|增加至|扩大到|下降到|下降至|降低到|降低至|降至|控制在|保持在|稳定在|"
    r"缩小至|缩小到|缩小|超过|突破|超|按|有|不低于|不少于|不超过|不高于|低于|高于|至少|约|近|达|为|是|提高|提升|增长|增加|扩大|降低|下降|减少|压减|削减|新增|上升|占|≥|≤|>|<)+$"
)


def _only_predicate(before: str) -> bool:
    """Whether the clause before a number is only its predicate: 地区生产总值增长8%,(达到)296亿元."""
    b = _RELATIVE_BASE_RE.sub("", _LEAD_RE.sub("", before).strip(), count=1)
    m = _PREDICATE_RE.search(b)
    return not b or (m is not None and m.start() == 0)


def _earlier_numbers(before: str) -> list[Quantity]:
    """The numbers in ``before`` that can stand for an earlier target (not years, not unitless 5 in
    5G, not 一次/一个 in 一次能源 or 一个行政村)."""
    return [
        q for q in find_quantities(before) if q.kind not in ("year", "number") and not (q.chinese and q.value < 2)
    ]  # 5G基站: a bare 5 is no number of its own


def _is_coordinated(before: str) -> bool:
    """Whether only a list separator stands between the number before and this one: 96户、183人."""
    prev = _earlier_numbers(before)
    if not prev:
        return False
    gap = re.sub(r"^(?:以上|以下|以内|左右|上下|多|余)+", "", before[prev[-1].end :])
    return bool(gap.strip()) and not gap.strip(" 、和及与以")  # 二期170万平方米: adjacent, not a list


def _same_measure(a: str | None, b: str | None) -> bool:
    """Whether two units can measure one indicator (30% and 4.5个百分点, 万亿元 and 亿元 can; % and
    亿元 cannot)."""
    return a == b or {a, b} <= {"%", "个百分点"} or (unit_kind(a) == unit_kind(b) == "money")


_RELATIVE_BASE_RE = re.compile(r"(?:比|较)(?:上年|去年|上一年|前一年|上年度|基期)|同比|环比")


def _indicator(
    folded: str, clause: _Clause, start: int, end: int, obj_re: re.Pattern[str], kind: str = ""
) -> tuple[str | None, str]:
    """What is measured, and how it was found (``subject`` or ``counted``).

    The steps, each a word list or pattern: the clause before the number loses its bullet and what
    belongs to an earlier number (建设20个基地、50个工作室: the second starts after the first; 由12%提高到
    82.6%: the first is a baseline, the subject stands before 由); lead words (到2025年, 力争, 全年) and the
    predicate (达到, 增长, 控制在 …) are cut; what remains is the subject, less its scope (全市, 我区) and
    its leading verbs and adverbs (``indicator_words.tsv``: 重点实施, 新建和改造提升). A count or measure
    with no predicate before it is the object of a verb: its indicator is the noun after the measure
    word (``counted``: 实施100条客运班线…, 卡阳、松如沟等14个750千伏电网工程 — the 等 list is dropped).

    >>> f = "重点实施卡阳、松如沟等14个750千伏电网工程"
    >>> _indicator(f, _Clause(0, len(f)), f.index("14"), f.index("750"), _cues()[1], "count")
    ('750千伏电网工程', 'counted')
    """
    before = folded[clause.start : start]
    m = _BULLET_RE.match(before)
    if m:
        before = before[m.end() :]
    prev = _earlier_numbers(before)
    if prev:  # 建设20个基地、50个工作室: the second one's subject starts after the first
        last = prev[-1]
        gap = re.sub(r"^(?:以上|以下|以内|左右|上下|多|余)+", "", before[last.end :])
        if _is_coordinated(before):
            return None, "coordinated"  # 分别达到65%和55%, 96户、183人: the subject of the number before
        elif re.search(r"[从由][^,;。]{0,8}$", before[: last.start]) and _BASELINE_GAP_RE.fullmatch(gap):
            before = before[: last.start]  # 火电脱硫装机比重由12%提高到82.6%: 12% is the baseline
        else:
            before = gap
    before = _LEAD_RE.sub("", before)
    pred = _PREDICATE_RE.search(before)
    subject = before[: pred.start()] if pred else before
    subject = _BASE_RE.sub("", subject).strip(" ,、的")
    if _RELATIVE_BASE_RE.match(subject):  # 比上年年初预算增加1800亿元: a base, not what is measured
        subject = ""
    subject = re.sub(r"(?<![自理缘])[从由][^,;。]{0,12}$", "", subject).strip(" ,、的")  # not 自由贸易试验区
    subject = _SCOPE_RE.sub("", subject).strip(" ,、的")
    lead_re, list_end_re = _indicator_words()
    listed = bool(list_end_re.search(subject))
    lead = lead_re.match(subject)
    verbs_only = bool(lead) and lead.end() >= len(subject)  # type: ignore[union-attr]
    if lead and lead.end() < len(subject) - 1 and not re.match(r"新增(?:城镇)?就业", subject):
        subject = subject[lead.end() :].strip(" ,、的")
    subject = re.sub(rf"^(?:{YEAR}\s?年度?|今年|全年|年度)$", "", subject)  # 完成2019年度7.89亿元…: a time
    tail = _counted_noun(folded, end, clause.end)
    if kind in ("count", "measure") and pred is None and tail:
        return tail, "counted"
    if subject and not verbs_only and not listed and not obj_re.search(subject) and not subject.endswith("中"):
        return subject[-40:], "subject"
    if tail:
        return tail, "counted"
    if not subject or verbs_only or listed:
        shared = _shared_noun(folded, end, clause.end)  # 完成3800户、58万平方米棚户区改造
        return (shared, "counted") if shared else (None, "subject")
    return subject[-40:], "subject"


def _shared_noun(folded: str, end: int, clause_end: int) -> str:
    """The noun a 、 list of numbers shares, after its last number: 完成3800户、58万平方米棚户区改造 →
    棚户区改造 for 3800户 too."""
    after = folded[end:clause_end]
    if not after.startswith("、"):
        return ""
    k = 0
    for q in find_quantities(after):
        if q.kind == "year" or not re.fullmatch(r"[、\s]|[、]?[^\d,;。、]{0,4}", after[k : q.start]):
            break
        k = q.end
    return _counted_noun(folded, end + k, clause_end) if k else ""


def _counted_noun(folded: str, end: int, clause_end: int) -> str:
    """The noun after a number and its measure word, up to a list separator or a verb: 14个750千伏电网工程
    建设 → 750千伏电网工程建设; 万家企业实施首席技师制 → 企业."""
    tail = folded[end:clause_end]
    tail = re.sub(r"^(?:以上|以下|以内|左右|上下|的)+", "", tail)
    tail = re.sub(r"^\d+(?:\.\d+)?[^\d,;。、的]{0,4}?(?:及以[上下]|以[上下])?的", "", tail)  # 10蒸吨及以下的…
    size = re.match(r"\d+(?:\.\d+)?(?=[^\d,;。、]{1,3}[^\d,;。、])", tail)  # 14个750千伏电网工程
    lead = size.group(0) if size else ""
    tail = lead + re.split(_TAIL_END, tail[len(lead) :])[0]
    tail = tail.strip().rstrip("和及与以")
    tail = _TAIL_VERB_RE.split(tail)[0].strip() or tail  # 万家企业实施首席技师制 → 企业
    head, of, rest = tail.partition("的")
    if of and len(head) >= 2 and _DONE_TO_RE.search(rest):
        tail = head  # 17个棚改区域的道路、供水…建设 → 棚改区域: what is counted, not what is done to it
    return tail[:40]


#: where the counted noun ends: a list of named items (等), the next numbered item (、温室500亩, 和10个…)
_TAIL_END = (
    rf"的目标|的任务|(?<![高同相平对初中])等(?![奖级次])|,|;|\d|^、|(?:、|和|及|以及)(?=[^、,;。]{{0,12}}?(?:\d|[{CN_CHARS}]+[个名家项条座所处户亩]))"
)
#: what is done to a counted thing (36个老旧小区的既有建筑节能改造): the indicator is the thing
_DONE_TO_RE = re.compile(r"、|(?:建设|改造|提升|任务|工作|工程|治理|规划|摸底|新建|补植|管护)$")
#: the scope words that open a subject: 全市, 我区 (the indicator is what is measured, not where)
_SCOPE_RE = re.compile(
    rf"^(?:{DEADLINE}|{PER_YEAR}|本市|全市|全省|全国|全区|全县|我区|我市|我省|我县|本区|本县|共计|总计|共(?=[开培建新完组实]))+"
)


@cache
def _indicator_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(leading adverbs and verbs, list end) from ``indicator_words.tsv`` and the object verbs of
    ``target_cues.tsv``."""
    rows = read_tsv("indicator_words.tsv")
    verbs = {r["word"] for r in rows if r["kind"] == "lead_verb"}
    verbs |= {r["word"] for r in read_tsv("target_cues.tsv") if r["kind"] == "object_verb"}

    def alt(kind_words: set[str]) -> str:
        return "|".join(map(re.escape, sorted(kind_words, key=len, reverse=True)))

    adverbs = alt({r["word"] for r in rows if r["kind"] == "adverb"})
    v = alt(verbs)
    # adverbs go only with a verb after them (重点人群 keeps its 重点), except a lone 将 (将评价因子由…)
    lead = re.compile(rf"^(?:{adverbs})*(?:{v})(?:[和、及与]?(?:{adverbs})*(?:{v}))*|^将(?=[^\d])")
    list_end = re.compile(rf"(?:{alt({r['word'] for r in rows if r['kind'] == 'list_end'})})$")
    return lead, list_end


# -- indicator tables ---------------------------------------------------------------------------------
def _cells(line: str) -> list[str]:
    """Cells of a table row: split on |, tabs or runs of spaces (single spaces when nothing else)."""
    s = line.strip().strip("|")
    parts = _CELL_SPLIT_RE.split(s) if re.search(r"\||\t|\s{2,}", s) else s.split()
    return [c.strip() for c in parts if c.strip()]


_TABLE_VALUE_RE = re.compile(
    r"^[〔\[【(]?\s*(?P<cmp>[<>≤≥])?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<suffix>左右|以上|以内|以下)?\s*[〕\]】)]?\*?$"
)
_TABLE_COMPARATORS: dict[str, Comparator] = {
    "<": "lt",
    ">": "gt",
    "≤": "le",
    "≥": "ge",
    "以上": "ge",
    "以内": "le",
    "以下": "le",
    "左右": "approx",
}


#: the header of an indicator table flattened into one line: 指标2010年2015年2015年比2010年增长
_FLAT_HEADER_RE = re.compile(r"指[\s\u3000]*标[\s\u3000]*(?P<y0>\d{4})年(?P<y1>\d{4})年(?:\d{4}年比\d{4}年增[长减])?")
#: one row of it: 1化学需氧量排放总量(万吨)2551.72347.6-8%, 5…的比例(%)17.7<15-2.7个百分点
_FLAT_ROW_RE = re.compile(
    r"\s*(?:\d{1,2}(?=\D))?(?P<name>[^\d()（）<>≤≥,;。:]{2,40})[(（](?P<unit>[^()（）]{1,6})[)）]"
    r"(?P<base>\d+(?:\.\d)?)(?P<cmp>[<>≤≥])?(?P<value>\d+(?:\.\d)?)(?P<change>[-−]?\d+(?:\.\d+)?)(?P<cunit>%|个百分点)"
)


def _flat_table_rows(folded: str, text: str, sections: Sequence[Section]) -> list[Target]:
    """Rows of an indicator table whose cells lost their separators (scraped text): the value under
    the later year and the change against the earlier one, two targets per row
    (``targets.table_flat.v1``). Rows are read one after another from the header on."""
    out: list[Target] = []
    for h in _FLAT_HEADER_RE.finditer(folded):
        y0, y1 = int(h["y0"]), int(h["y1"])
        pos = h.end()
        while (m := _FLAT_ROW_RE.match(folded, pos)) is not None:
            pos = m.end()
            start, end = _trim(folded, m.start("name"), m.end())
            sec = _section_of(sections, start)
            name = m["name"].strip()
            change = float(m["change"].replace("−", "-"))
            common = {"start": start, "end": end, "text": text[start:end], "indicator": name}
            comparator = _TABLE_COMPARATORS.get(m["cmp"] or "", "eq")
            for value, unit, comp, direction, base in (
                (float(m["value"]), m["unit"], comparator, None, None),
                (abs(change), m["cunit"], "eq", "decrease" if change < 0 else "increase", y0),
            ):
                out.append(
                    Target(
                        id="",
                        value=value,
                        unit=unit,
                        comparator=comp,  # type: ignore[arg-type]
                        direction=direction,  # type: ignore[arg-type]
                        deadline_year=y1,
                        base_year=base,
                        section=sec.id if sec else None,
                        rule="targets.table_flat.v1",
                        **common,  # type: ignore[arg-type]
                    )
                )
    return out


def _table_rows(folded: str, text: str, sections: Sequence[Section], taken: set[int]) -> list[Target]:
    """Rows of an indicator table (指标 | 2020年 | 2025年 | 年均/累计 | 属性 with 预期性/约束性): the
    value under the latest year, else under 年均/累计 (〔13.5〕 is cumulative, 6左右 yearly)."""
    out: list[Target] = []
    header: list[str] | None = None
    for m in re.finditer(r"[^\n]+", folded):
        line = m.group(0)
        cells = _cells(line)
        if any("指标" in c for c in cells) and any(parse_year(c.rstrip("年目标值")) for c in cells):
            header = cells
            continue
        if header is None or not _TABLE_ATTR_RE.search(line) or len(cells) < 3:
            continue
        t = _table_row(folded, text, sections, m.start(), m.end(), header, cells)
        if t is not None and t.start not in taken:
            out.append(t)
    return out


def _table_row(
    folded: str,
    text: str,
    sections: Sequence[Section],
    start: int,
    end: int,
    header: list[str],
    cells: list[str],
) -> Target | None:
    offset = min(0, len(cells) - len(header))  # a merged 类别 cell is missing from later rows

    def cell(h: int | None) -> str | None:
        k = None if h is None else h + offset
        return cells[k] if k is not None and 0 <= k < len(cells) else None

    years = [(parse_year(c.rstrip("年目标值")) or 0, h) for h, c in enumerate(header)]
    year, year_col = max(years)
    avg_col = next((h for h, c in enumerate(header) if "年均" in c or "累计" in c), None)
    name_col = next((h for h, c in enumerate(header) if "指标" in c), 0)
    per_year = False
    value_cell = cell(year_col)
    vm = _TABLE_VALUE_RE.match(value_cell or "")
    if vm is None and avg_col is not None:
        value_cell = cell(avg_col)
        vm = _TABLE_VALUE_RE.match(value_cell or "")
        per_year = (
            vm is not None and "年均" in header[avg_col] and not re.match(r"[〔\[【(]", value_cell or "")
        )
    if vm is None:
        return None
    name = cell(name_col) or cells[0]
    unit = None
    um = re.search(r"[(（]([^()（）]{1,8})[)）]\s*$", name)
    if um:
        unit, name = um.group(1), name[: um.start()]
    if "单位" in header:
        unit = cell(header.index("单位")) or unit
    comparator = _TABLE_COMPARATORS.get(vm["cmp"] or vm["suffix"] or "", "eq")
    tstart, tend = _trim(folded, start, end)
    sec = _section_of(sections, tstart)
    return Target(
        id="",
        start=tstart,
        end=tend,
        text=text[tstart:tend],
        indicator=name.strip() or None,
        value=float(vm["num"]),
        unit=unit,
        comparator=comparator,
        deadline_year=year or None,
        per_year=per_year,
        section=sec.id if sec else None,
        rule="targets.table_row.v1",
    )
