"""The indicator of a target: the subject before its predicate, the counted noun after a measure
word, or the subject a coordinated number shares (``+indicator.counted.v1``)."""

from __future__ import annotations

import re
from functools import cache

from policy_nlp.extract.targets.clauses import _Clause
from policy_nlp.extract.targets.rules import (
    _BASE_RE,
    _BASELINE_GAP_RE,
    _BULLET_RE,
    _TAIL_VERB_RE,
    DEADLINE,
    PER_YEAR,
    PERIOD,
    YEAR,
)
from policy_nlp.numerals import CN_CHARS, Quantity, find_quantities, unit_kind
from policy_nlp.resources import read_tsv

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

    >>> from policy_nlp.extract.targets.rules import _cues
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


#: what may follow a number before its noun (以上, 左右, 的), and a size with its own 的 (10蒸吨及以下的)
_AFTER_NUMBER_RE = re.compile(r"^(?:以上|以下|以内|左右|上下|的)+")
_SIZE_OF_RE = re.compile(r"^\d+(?:\.\d+)?[^\d,;。、的]{0,4}?(?:及以[上下]|以[上下])?的")
#: a number that is part of the counted noun (14个750千伏电网工程)
_SIZE_RE = re.compile(r"\d+(?:\.\d+)?(?=[^\d,;。、]{1,3}[^\d,;。、])")


def _counted_noun(folded: str, end: int, clause_end: int) -> str:
    """The noun after a number and its measure word, up to a list separator or a verb: 14个750千伏电网工程
    建设 → 750千伏电网工程建设; 万家企业实施首席技师制 → 企业."""
    tail = folded[end:clause_end]
    tail = _AFTER_NUMBER_RE.sub("", tail, count=1)
    tail = _SIZE_OF_RE.sub("", tail, count=1)  # 10蒸吨及以下的…
    size = _SIZE_RE.match(tail)  # 14个750千伏电网工程
    lead = size.group(0) if size else ""
    tail = lead + _TAIL_END.split(tail[len(lead) :], maxsplit=1)[0]
    tail = tail.strip().rstrip("和及与以")
    tail = _TAIL_VERB_RE.split(tail)[0].strip() or tail  # 万家企业实施首席技师制 → 企业
    head, of, rest = tail.partition("的")
    if of and len(head) >= 2 and _DONE_TO_RE.search(rest):
        tail = head  # 17个棚改区域的道路、供水…建设 → 棚改区域: what is counted, not what is done to it
    return tail[:40]


#: where the counted noun ends: a list of named items (等), the next numbered item (、温室500亩, 和10个…)
_TAIL_END = re.compile(
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
