"""Patterns of incentive sentences, built from named parts (caps, conditions, openers, durations,
payers …), and the cue words of ``resources/incentive_kinds.tsv``."""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from functools import cache

from policy_nlp.errors import ResourceError
from policy_nlp.model import IncentiveKind
from policy_nlp.resources import read_tsv

# -- patterns, built from named parts -----------------------------------------------------------------
#: Words before a number that make it a cap of the sum granted.
CAP_BEFORE = r"(?:最高|不超过|不能超过|不得超过|不高于|封顶|最多|上限为?|限额为?)"


#: A comparator right after a number (and its unit): the number is a threshold.
COND_AFTER = r"\s*(?:[(（]含[^)）]{0,8}[)）])?\s*(?:及\s*以\s*[上下]|以\s*[上下]|以内|及其以上|起)"


#: A comparator right before a number: the number is a threshold.
COND_BEFORE = (
    r"(?:达到|达|超过|满|突破|不低于|不少于|低于|高于|不足|大于|小于|不超过|不高于|增长|增加|至)\s*$"
)


#: Words that open the granting part of a clause (the condition lies before them).
OPENER = r"(?:给予|予以|分别|一次性|按照|按|参照|可领取|享受|补贴标准为?|扣除标准为?|每)"


#: A stated duration of a grant.
DURATION = (
    r"(?:连续|前|后)\s*[\d一二三四五六七八九十两]+\s*年"
    r"|[\d一二三四五六七八九十两]+\s*年内"
    r"|(?:补贴|扣除|支持|奖励)?期限[^，,；;。]{0,6}?[\d一二三四五六七八九十两]+\s*(?:个月|年)"
    r"|(?<=免征)[\d一二三四五六七八九十两]+年"
    r"|分\s*[\d一二三四五六七八九十两]+\s*年"
)


#: What something is given per (每人每月, 每家, 每满一万人).
PER = (
    r"(?:每(?:满|新增|成功推荐)?[\d一二三四五六七八九十两万亿.]*\s*"
    r"(?:个子女|平方米|人次|亿元|万元|个|名|人|家|间|块|亩|年|月|次|天|户|项|座|张|床)\s*)+"
)


#: Bodies that pay (由市财政给予 → 市财政).
PAYER = r"(?:中央|省级?|市级?|县级?|区级?|同级|地方)财政(?:部门)?(?=给予|予以|按|每年|安排|奖励|补贴|补助|拨付|承担|负担|一次性|在)"


#: An article number written in the text (第 2 条, 第十二条).
ARTICLE = r"第\s*(?:[\d一二三四五六七八九十百零〇]\s*)+条"


#: A volume to reach (新增创业担保贷款50亿元, 累计发放补贴1亿元) is a target, not a sum granted.
VOLUME = (
    r"(?<!每)(?:新增|累计|完成|力争|全年|总规模|发放|投放|拨付|兑付|兑现|筹集|争取|落实|安排)[^，,；;。给予每的标]{0,30}$"
    r"|^[^，,；;。给予每按标可享一]*(?:补贴|补助|资助|津贴|贷款|资金)\s*$"  # 农村冬季用煤补贴193万元: spending reported
    r"|(?:提高|增加|增长|提升|达到|上调)(?:到|至)?[^，,；;。]{0,4}$"  # 补助标准提高到100元: a target
)


#: Rates of an award already granted (按应奖励额的30%、30%和40%兑现) are instalments, not incentives.
INSTALMENT = r"(?:应奖励额|奖励额|补贴额|补助额|全额)"


_CAP_BEFORE_RE = re.compile(CAP_BEFORE + r"[^，,；;。\d]{0,8}$")


_CAP_AFTER_RE = re.compile(r"^\s*限额")


_COND_AFTER_RE = re.compile(COND_AFTER)


_COND_BEFORE_RE = re.compile(COND_BEFORE)


_OF_AFTER_RE = re.compile(
    r"^[^，,；;。、]*?的(?!\s*(?:奖励|补贴|补助|资助|标准|额度|扣除|比例|一次性|落户|就业))"
)


_OPENER_RE = re.compile(OPENER)


_DURATION_RE = re.compile(DURATION)


_PER_RE = re.compile(PER + r"$")


_PAYER_RE = re.compile(PAYER)


_ARTICLE_RE = re.compile(rf"(?m)^\s*(?P<a>{ARTICLE})")


_INSTALMENT_RE = re.compile(INSTALMENT)


_VOLUME_RE = re.compile(VOLUME)


#: A deadline year before a number (到2025年…提高到100元): the sentence states a target.
_DEADLINE_RE = re.compile(r"(?:^|[，,；;。\s])到\s*\d{4}\s*年")


_LIST_SEP_RE = re.compile(r"^\s*(?:、|和|及|与|或|,|，)?\s*$")


_CLAUSE_SPLIT_RE = re.compile(r"[，,：:]")


_COND_SPLIT_RE = re.compile(r"并且|且|、")


_ITEM_SPLIT_RE = re.compile(r"、|和|与|及(?!\s*以\s*[上下]|其)")


_LEAD_TRIM = "对凡在其即,，:：、 \t"


_TAIL_TRIM = "的,，;；。:： \t"


_SUBJECT_TRIM_RE = re.compile(r"(?:在|达到|达|超过|满|突破|不低于|不少于|低于|高于|不足|为|首次)+$")


_GIVE_RE = re.compile(r"给予|予以")


_GRANT_VERB_RE = re.compile(r"给予|予以|对|按|的|奖励")


_NOT_GRANT_BEFORE_RE = re.compile(r"涉及|包括|请求|问题")


_NOT_GRANT_AFTER_RE = re.compile(r"^[^，,；;。]*等")


_NEGATION_RE = re.compile(r"不|停止|取消|无|未")


_PROHIBIT_RE = re.compile(r"不得|禁止|严禁|违反|不给予|不予|不再|不享受|停止|取消")


#: A line that grants something: 一事一议 there is a negotiated incentive (else a way of working).
_GRANTING_LINE_RE = re.compile(r"奖励|补贴|补助|资助|扶持|支持|优惠|资金|救助|贴息|减免|免征")


#: A bracketed exception with its own threshold (超过100人的企业达到15%) is a condition of its own.
_PAREN_COND_RE = re.compile(
    r"[(（](?=[^()（）]*\d)(?=[^()（）]*(?:达到|超过|以上|以下|不低于|不少于|不超过|满))[^()（）]+[)）]"
)


_DIGIT_RE = re.compile(r"[\d]")


_ARTICLE_ANY_RE = re.compile(ARTICLE)


_OBJECT_LEAD_RE = re.compile(
    rf"^(?:{ARTICLE}|[(（][一二三四五六七八九十\d]{{1,3}}[)）])?\s*[对凡]?\s*(?:(?:新|首次|初次)?(?:被)?(?:认定|评定|评为|列入|获批)为?)?"
)


#: An item or article number opening a sentence ((三), 二、, 1., 第 2 条): not part of a record.
_ITEM_NUMBER_RE = re.compile(
    rf"^\s*(?:{ARTICLE}|[(（][一二三四五六七八九十\d]{{1,3}}[)）]|[一二三四五六七八九十]{{1,3}}、|\d{{1,2}}[.、．](?!\d))\s*"
)


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    kind: IncentiveKind
    alone: bool
    word: str


@cache
def _cue_table() -> tuple[tuple[str, IncentiveKind, bool], ...]:
    rows = read_tsv("incentive_kinds.tsv")
    kinds = typing.get_args(IncentiveKind)
    out: list[tuple[str, IncentiveKind, bool]] = []
    for r in rows:
        if r["kind"] not in kinds:
            raise ResourceError(f"incentive_kinds.tsv: unknown kind {r['kind']!r} for {r['cue']!r}")
        out.append((r["cue"], typing.cast(IncentiveKind, r["kind"]), r["alone"] == "yes"))
    return tuple(sorted(out, key=lambda r: -len(r[0])))


@cache
def _cue_re() -> re.Pattern[str]:
    # a hard-wrapped PDF text may hold a space inside a word (奖 励)
    alts = [r"\s?".join(re.escape(ch) for ch in word) for word, _, _ in _cue_table()]
    return re.compile("|".join(alts))


@cache
def _cue_kinds() -> dict[str, tuple[IncentiveKind, bool]]:
    return {word: (kind, alone) for word, kind, alone in _cue_table()}


@cache
def _per_unit_re() -> re.Pattern[str]:
    """A compound money unit (100元/亩, 5元/人/夜) from ``resources/incentive_units.tsv``."""
    suffixes = sorted((r["suffix"] for r in read_tsv("incentive_units.tsv")), key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(x) for x in suffixes) + ")+")


@cache
def _heads_re() -> re.Pattern[str]:
    heads = sorted((r["head"] for r in read_tsv("incentive_beneficiaries.tsv")), key=len, reverse=True)
    return re.compile("|".join(re.escape(h) for h in heads))


def _cues(seg: str) -> list[_Cue]:
    out = []
    for m in _cue_re().finditer(seg):
        word = re.sub(r"\s", "", m.group())
        kind, alone = _cue_kinds()[word]
        out.append(_Cue(m.start(), m.end(), kind, alone, word))
    return out

