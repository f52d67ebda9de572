"""The sentence walk: the targets of one sentence (:func:`_targets_in_sentence`), built by
:func:`_make_target`, and enumerated awards (十大…, 百个…)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from policy_nlp.extract.targets.clauses import (
    _Clause,
    _clauses,
    _in_goal_section,
    _lead_start,
    _section_of,
    _trim,
)
from policy_nlp.extract.targets.distribute import _distribute
from policy_nlp.extract.targets.indicator import (
    _PREDICATE_RE,
    _PREV_QUANTITY_RE,
    _indicator,
    _is_coordinated,
    _only_predicate,
    _same_measure,
)
from policy_nlp.extract.targets.rules import (
    _BARE_COUNT_RE,
    _BASE_RE,
    _BASELINE_GAP_RE,
    _ENUM_ITEM_SIMPLE,
    _GOAL_LEAD_RE,
    _PER_YEAR_RE,
    _PERIOD_RE,
    _TABLE_ATTR_RE,
    YEAR,
    _comparators,
    _cues,
    _direction_of,
    _directions,
    _non_targets,
    _object_verb_anywhere,
)
from policy_nlp.extract.targets.years import (
    _PLAN_MENTION_RE,
    _QIZHONG_YEAR_RE,
    _RULE_THIS_YEAR,
    _deadline_in,
    _paragraph_deadline,
    _plan_numbers,
    _reports_earlier_year,
    _reports_past,
    _this_year,
)
from policy_nlp.model import Comparator, Direction, Section, Sentence, Target
from policy_nlp.numerals import CN_CHARS, Quantity, parse_chinese_int, parse_number, parse_year, plan_period


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


def _carried_in(masked: str, sent: Sentence, lead: str, carried: int | None) -> int | None:
    """The deadline a sentence carries: from its lead (到2030年,培训…;新增…), from the paragraph it
    opens with (到2020年,…。…), else ``carried`` (a lead-in line or a 目标 heading)."""
    return _deadline_in(lead) or _paragraph_deadline(masked, sent) or carried


def _law_dates(stext: str, carried: int | None, deadline: int | None = None) -> bool:
    """Whether a sentence ``stext`` of a law-like text may state a target: it carries or states a
    deadline (``deadline``: :func:`_deadline_in` of ``stext`` when known) or sets a yearly quota
    (每年…不少于2000名). Its other numbers are rules, not targets.

    >>> _law_dates("每年组织培训不少于2000人次", None), _law_dates("处五千元以上五万元以下的罚款", None)
    (True, False)
    """
    if carried is not None or (deadline if deadline is not None else _deadline_in(stext)) is not None:
        return True
    return bool(_PER_YEAR_RE.search(stext) and _QUOTA_RE.search(stext))


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
    carried = _carried_in(masked, sent, lead, carried)
    this_year = None if legal else _this_year(lead + masked[sent.start : sent.end], year, annual=annual)
    out: list[Target] = []
    stext = masked[sent.start : sent.end]
    if not stext.strip():
        return out
    nt = _non_targets()
    cue_re, obj_re = _cues()
    sentence_deadline = _deadline_in(stext)
    if legal and not _law_dates(stext, carried, sentence_deadline):
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
    obj_any = _object_verb_anywhere()
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

