"""Fast paths give what the plain code gives: regexes with a first-character lookahead (or with the
literal first and the look-behind after it), width folding by str.replace, the in-module jieba cut
(see also test_segment)."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path
from typing import Any

import pytest

from policy_nlp.extract import citations, targets
from policy_nlp.extract.bodies import roles
from policy_nlp.io import load
from policy_nlp.normalize import _FOLD_TABLE, _may_be_chrome, boilerplate_rules, classify_line, fold_width
from policy_nlp.resources import read_tsv

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [load(p).text for p in sorted(ROOT.glob("corpora/*.txt"))]
EXTRA = [
    "到2025年,比重达到30%。“十四五”期末,2020年底前,至二〇二〇年底,截止到2015年末",
    "第十三个五年规划,十二五期间,十五规划,“十四五”时期,三个五年计划",
    "本意见自印发之日起施行,本法律,该通知,应该文件,《本办法》,本办法",
]


@pytest.mark.parametrize(
    ("fast", "plain"),
    [
        (targets._DEADLINE_RE, re.compile(targets.DEADLINE)),
        (targets._PLAN_MENTION_RE, re.compile(targets.PLAN_MENTION)),
        (citations._SELF_RE, re.compile(citations.SELF_REF)),
        (citations._THIS_RE, re.compile(citations.THIS_REF)),
    ],
    ids=["deadline", "plan_mention", "self_ref", "this_ref"],
)
def test_first_character_fast_path_finds_the_same(fast: re.Pattern[str], plain: re.Pattern[str]) -> None:
    for text in TEXTS + EXTRA:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert any(fast.search(t) for t in EXTRA)  # the check is not vacuous


def test_around_lookahead_finds_what_the_rows_find() -> None:
    rows = [r for r in read_tsv("non_targets.tsv") if r["where"] == "around"]
    plain = re.compile("|".join(f"(?:{r['pattern']})" for r in rows))
    fast = targets._non_targets()["around"]
    examples = [e for r in rows for e in r["examples"].split("|")]
    assert examples
    for text in TEXTS + examples:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def _first_chars(items: Any) -> set[str] | None:
    """The characters a match of the parsed pattern ``items`` starts with (``\\d`` for any digit);
    None when that is not plain (a match may be empty or start with any character)."""
    c = pytest.importorskip("re._constants")
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width
        if op is c.LITERAL:
            return {chr(av)}
        if op is c.IN:
            out: set[str] = set()
            for iop, iav in av:
                if iop is c.LITERAL:
                    out.add(chr(iav))
                elif iop is c.RANGE:
                    out.update(chr(x) for x in range(iav[0], iav[1] + 1))
                elif iop is c.CATEGORY and iav is c.CATEGORY_DIGIT:
                    out.add("\\d")
                else:
                    return None
            return out
        if op is c.SUBPATTERN:
            return _first_chars(av[-1])
        if op is c.BRANCH:
            branches = [_first_chars(b) for b in av[1]]
            return None if any(b is None for b in branches) else set().union(*branches)  # type: ignore[arg-type]
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            return _first_chars(av[2])
        return None
    return None


def test_around_lookahead_holds_every_first_character_of_the_rows() -> None:
    parser = pytest.importorskip("re._parser")
    for row in read_tsv("non_targets.tsv"):
        if row["where"] != "around":
            continue
        first = _first_chars(parser.parse(row["pattern"]))
        assert first, row["pattern"]
        for ch in first:
            assert ch in targets.AROUND_FIRST if ch == "\\d" else re.fullmatch(f"[{targets.AROUND_FIRST}]", ch), (row, ch)


def test_ordinals_are_ruled_out_by_the_before_rules() -> None:
    """find_targets leaves out every number right after 第 up front: the data must rule them out."""
    before = targets._non_targets()["before"]
    for lead in ("第", "到2025年,建设第", "按照规定第", "\x00第"):
        assert before.search(lead), lead
    assert targets.find_targets("第十条 到2025年,建成第三个基地,建设100个基地。")[0].value == 100.0


def test_lines_that_cannot_be_chrome_are_not_cut() -> None:
    lines = [ln for text in TEXTS for ln in fold_width(text).splitlines()]
    lines += [e for rule in boilerplate_rules() for e in rule.examples]
    lines += [f"关于开展劳动竞赛的意见 {e}" for rule in boilerplate_rules() for e in rule.examples]
    cut = 0
    for line in lines:
        verdict = classify_line(line.strip())
        if verdict.drop or verdict.head or verdict.tail or verdict.block:
            assert _may_be_chrome(line.strip()), line
            cut += 1
    assert cut  # the check is not vacuous


def test_fold_width_equals_translate() -> None:
    wide = "".join(chr(c) for c in _FOLD_TABLE) + "\u3000。、《》“”"
    for text in [*TEXTS, wide, "ＡＢＣ\t１２３％", "plain ascii"]:
        assert fold_width(text) == text.translate(_FOLD_TABLE)


def _alternatives(pattern: re.Pattern[str]) -> list[str]:
    """The words of a pattern written ``^(?:a|b|c)…`` or ``(?:a|b|c)$`` (each a plain word)."""
    m = re.fullmatch(r"\^?(?:\(\?:)?(?P<words>[^()?]+)\)?(?P<rest>.*?)\$?", pattern.pattern)
    assert m is not None, pattern.pattern
    return m["words"].split("|")


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        (roles._AFTER_FOR_LEAD, frozenset(roles._FOR_FIRST)),
        (roles._AFTER_FOR_COOP, frozenset(roles._FOR_FIRST)),
        (roles._AFTER_LEAD, roles._LEAD_FIRST),
        (roles._AFTER_COOP, roles._COOP_FIRST),
        (roles._AFTER_SUBJECT, roles._SUBJECT_FIRST),
        (re.compile("落实"), roles._SUBJECT_FIRST),
    ],
    ids=["for_lead", "for_coop", "lead", "coop", "subject", "luoshi"],
)
def test_role_patterns_start_with_the_cheap_test_characters(pattern: re.Pattern[str], first: frozenset[str]) -> None:
    parser = pytest.importorskip("re._parser")
    chars = _first_chars(parser.parse(pattern.pattern))
    assert chars, pattern.pattern
    assert chars <= first, (pattern.pattern, chars - first)


def test_after_skip_matches_nothing_after_other_characters() -> None:
    for cp in range(0x10000):
        ch = chr(cp)
        if ch not in roles._SKIP_FIRST:
            assert roles._AFTER_SKIP.match(ch + "等有关部门分别").end() == 0, ch  # type: ignore[union-attr]
    assert all(roles._AFTER_SKIP.match(w).end() == len(w) for w in ("等", "分别", "共同", "具体", "主要"))  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("pattern", "last"),
    [(roles._BEFORE_COOP, roles._BEFORE_COOP_LAST), (roles._BEFORE_LEAD, roles._BEFORE_LEAD_LAST)],
    ids=["coop", "lead"],
)
def test_role_patterns_before_end_with_the_cheap_test_characters(pattern: re.Pattern[str], last: frozenset[str]) -> None:
    words = _alternatives(pattern)
    assert len(words) >= 2
    assert {w[-1] for w in words} | {"\n"} <= last, pattern.pattern
    assert all(pattern.search(f"甲乙{w}\n") for w in words)  # $ before a final newline


def test_group_gap_is_never_longer_than_the_limit() -> None:
    tokens = ["等", "有关", "相关", "部门", "单位", "、", "和", "及", "以及", "与", ",", "或者", "或", "同", "x"]
    longest = 0
    for a, b, c, d in itertools.product(["", *tokens], repeat=4):
        gap = a + b + c + d
        if roles._GROUP_GAP.fullmatch(gap):
            longest = max(longest, len(gap))
    assert longest == 6  # 等有关部门,
    assert longest <= roles._GROUP_GAP_MAX


def test_label_hint_finds_every_label() -> None:
    words = roles._LABEL_RE.pattern.split("(?P<label>")[1].split(")")[0].split("|")
    assert len(words) >= 10
    for word in words:
        assert roles._LABEL_RE.search(f"一、{word}:省财政厅"), word
        assert roles._LABEL_HINT.search(f"一、{word}:省财政厅"), word
    assert not roles._LABEL_HINT.search("各区县局(产业)工会:\n牵头单位 省财政厅")


def test_name_trim_starts_with_the_cheap_test_characters() -> None:
    words = _alternatives(citations._NAME_TRIM_RE)
    assert len(words) > 10
    assert {w[0] for w in words} <= citations._NAME_TRIM_FIRST
    assert citations._NAME_TRIM_RE.match("在我市").end() == 0  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("严格执行网络安全法,加强环境保护法、大气污染防治法", ["网络安全法", "环境保护法", "大气污染防治法"]),
        ("制定出台失业保险关系转移办法。", ["失业保险关系转移办法"]),
        ("加强管理,落实责任。", []),
        ("编制长江三角洲区域一体化发展生态环境联防联控联治管理工作协同规划,", ["长江三角洲区域一体化发展生态环境联防联控联治管理工作协同规划"]),
        ("编制长江三角洲区域一体化发展生态环境联防联控联治管理工作协同再多规划,", []),
    ],
    ids=["law_list", "planned_measures", "none", "longest_name", "too_long"],
)
def test_unbracketed_names_behind_the_name_end_test(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e, _lead in citations._unbracketed_names(text)] == expected


def _plain_governing_verb(prefix: str) -> str | None:
    """The definition: the verb whose last occurrence ends last, the longest of those."""
    found = [(prefix.rfind(v) + len(v), len(v), v) for v in citations._verbs() if v in prefix]
    return max(found)[2] if found else None


def test_governing_verb_by_one_reversed_search_is_the_plain_one() -> None:
    verbs = list(citations._verbs())
    pieces = [*verbs, *(v[:1] for v in verbs), *(v[1:] for v in verbs), "的", "认真", "加强"]
    rng = random.Random(7)
    found = 0
    for _ in range(5000):
        prefix = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))
        assert citations.governing_verb(prefix) == _plain_governing_verb(prefix), prefix
        found += citations.governing_verb(prefix) is not None
    assert found > 1000  # the check is not vacuous


def _plain_kind_of(title: str) -> str:
    """The definition: the first of the genre rows (longest first) whose suffix ends the title."""
    if title in citations._non_policy():
        return "other"
    core = citations._TRAILING_PAREN_RE.sub("", title)
    for suffix, kind in citations._genres():
        if core.endswith(suffix) and (suffix != "法" or not core.endswith(("办法", "方法", "做法", "想法"))):
            return kind
    return "other"


def test_citation_kind_by_one_pattern_is_the_plain_one() -> None:
    suffixes = [s for s, _k in citations._genres()]
    pieces = [*suffixes, *(s[:1] for s in suffixes), *(s[1:] for s in suffixes), "方", "办", "(2018年修正)", "\n"]
    rng = random.Random(9)
    kinds = set()
    for _ in range(5000):
        title = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
        assert citations._kind_of(title) == _plain_kind_of(title), title
        kinds.add(citations._kind_of(title))
    assert {"law", "policy", "plan", "other"} <= kinds  # the check is not vacuous
