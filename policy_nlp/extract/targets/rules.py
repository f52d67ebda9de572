"""Named pattern parts (YEAR, DEADLINE, BASE, PERIOD …) and the rule tables read from resources:
comparators, directions, target cues and never-target contexts (``non_targets.tsv``)."""

from __future__ import annotations

import re
from functools import cache

from policy_nlp.model import Comparator, Direction
from policy_nlp.numerals import CN_CHARS
from policy_nlp.resources import read_tsv

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


@cache
def _object_verb_anywhere() -> re.Pattern[str]:
    """An object verb of ``target_cues.tsv`` anywhere (the second pattern of :func:`_cues` without its ``$``)."""
    return re.compile(_cues()[1].pattern[:-1])


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


#: Headings of sections that review the past: numbers there are results, not targets.
_REVIEW_HEADING_RE = re.compile(
    r"发展基础|发展环境|规划背景|现状|回顾|主要成就|取得的成[就绩效]|工作成效|发展成就|基础与形势|面临形势"
)


_GOAL_LEAD_RE = re.compile(r"(?:目标|指标)(?:任务)?(?:是|为|如下)?[:]")


_TAIL_VERB_RE = re.compile(
    r"(?<=.)(?:实施|开展|参加|参与|用于|进行|推行|建立|完成|成为|实现|达到|正式|按时|按期|投入|全部|尽早|大力|建成|开工|完工"
    r"|年内|[一二三四]季度|年底)"
)


#: between a baseline and its target: 由113个(重点城市)增加到333个
_BASELINE_GAP_RE = re.compile(r"[^,;。]{0,10}?(?:提高|提升|增加|增长|扩大|增|降低|下降|减少|压减|降|减|上升)(?:到|至)")

