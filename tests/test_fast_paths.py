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

from policy_nlp import numerals
from policy_nlp.extract import citations, targets
from policy_nlp.extract.bodies import roles
from policy_nlp.firstchars import first_chars
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


def _first_chars(pattern: str) -> set[str] | None:
    """The characters a match of ``pattern`` starts with (``\\d`` for any digit, ``\\s`` for any
    space); None when that is not plain (a match may be empty or start with any character). A leading
    ``^`` is zero width: the characters after it are the first."""
    fc = first_chars(pattern.removeprefix("^"))
    if fc is None:
        return None
    return set(fc.chars) | ({"\\d"} if fc.digit else set()) | ({"\\s"} if fc.space else set())


def test_around_lookahead_holds_every_first_character_of_the_rows() -> None:
    for row in read_tsv("non_targets.tsv"):
        if row["where"] != "around":
            continue
        first = _first_chars(row["pattern"])
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


def test_numerals_fold_width_equals_translate() -> None:
    wide = "".join(chr(c) for c in numerals._FOLD) + "。、《》“”"
    long = "".join(TEXTS)
    for text in [*TEXTS, wide, wide * 300, long, long, "ＡＢＣ\t１２３％", "plain ascii"]:
        assert numerals.fold_width(text) == text.translate(numerals._FOLD)


def test_fold_width_equals_translate() -> None:
    wide = "".join(chr(c) for c in _FOLD_TABLE) + "\u3000。、《》“”"
    for text in [*TEXTS, wide, "ＡＢＣ\t１２３％", "plain ascii"]:
        assert fold_width(text) == text.translate(_FOLD_TABLE)


def _carried_line_by_line(folded: str) -> tuple[dict[int, int], set[int]]:
    """The plain walk over every line that targets.years._carried_deadlines shortens."""
    from policy_nlp.extract.targets import years

    by_line: dict[int, int] = {}
    review: set[int] = set()
    current: int | None = None
    colon_lead = in_review = False
    lines = [(m.start(), m.group(0).strip()) for m in re.finditer(r"[^\n]+", folded)]
    items = [years._ITEM_LINE_RE.match(line) is not None for _start, line in lines]
    for i, (start, line) in enumerate(lines):
        if years._HEADING_LINE_RE.match(line) or years._BARE_HEADING_RE.fullmatch(line):
            current, colon_lead = years._deadline_in(line), False
            in_review = bool(years._REVIEW_HEADING_RE.search(line))
            continue
        if in_review:
            review.add(start)
            continue
        year = years._deadline_in(line)
        if items[i]:
            if current is not None:
                by_line[start] = current
            if year is not None and line.endswith(":"):
                current = year
            continue
        if year is not None and (line.endswith(":") or (i + 1 < len(lines) and items[i + 1])):
            current, colon_lead = year, line.endswith(":")
        elif colon_lead and current is not None:
            by_line[start] = current
        elif not line.endswith(":"):
            current = None
    return by_line, review


CARRIED = [
    "到2025年,主要目标是:\n——新增就业5万人。\n(一)2020年目标:\n1.增长5%\n2.新增3个\n三、发展基础\n已建成3个\n\n四、任务\n到2030\n年,具体:\n目标如下\n",
    "“十四五”期末:\n- 建成10个\n二、主要任务\n每年新增100人。\n2025年前完成:\n1.改造\n",
    "第一条 为了规范管理。\n第二条 每年检查一次。\n第三条 本法自2019年10月1日起施行。\n",
]


@pytest.mark.parametrize("text", TEXTS + CARRIED, ids=[f"corpus{i}" for i in range(len(TEXTS))] + ["lead_ins", "plan", "law"])
def test_carried_deadlines_jump_gives_the_line_by_line_walk(text: str) -> None:
    from policy_nlp.extract.targets.years import _carried_deadlines

    folded = numerals.fold_width(text)
    assert _carried_deadlines(folded) == _carried_line_by_line(folded)


def test_carried_deadlines_examples_are_not_vacuous() -> None:
    by_line, review = _carried_line_by_line(CARRIED[0])
    assert by_line and review


def _admits_newline(items: Any) -> bool:
    """Whether the parsed pattern ``items`` can consume a line break (lookarounds consume nothing)."""
    c = pytest.importorskip("re._constants")
    spaces = {c.CATEGORY_SPACE, c.CATEGORY_NOT_DIGIT, c.CATEGORY_NOT_WORD, c.CATEGORY_LINEBREAK}
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT, c.GROUPREF):
            continue  # zero width, or a group already checked
        if op is c.LITERAL:
            hit = av == ord("\n")
        elif op is c.NOT_LITERAL:
            hit = av != ord("\n")
        elif op is c.ANY:
            hit = False  # no DOTALL
        elif op is c.IN:
            negate = any(iop is c.NEGATE for iop, _ in av)
            inside = any(
                (iop is c.LITERAL and iav == ord("\n"))
                or (iop is c.RANGE and iav[0] <= ord("\n") <= iav[1])
                or (iop is c.CATEGORY and iav in spaces)
                for iop, iav in av
            )
            hit = inside != negate
        elif op is c.SUBPATTERN:
            hit = _admits_newline(av[-1])
        elif op is c.BRANCH:
            hit = any(_admits_newline(b) for b in av[1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            hit = _admits_newline(av[2])
        elif op is c.ATOMIC_GROUP:
            hit = _admits_newline(av)
        else:
            hit = True  # not known here: assume it can
        if hit:
            return True
    return False


def _line_local_patterns() -> dict[str, re.Pattern[str]]:
    from policy_nlp.extract.targets.rules import _BARE_COUNT_RE, _ENUM_ITEM_SIMPLE, _QUOTED_RE
    from policy_nlp.numerals import _quantity_re

    around = targets._non_targets()["around"]
    return {"quoted": _QUOTED_RE, "around": around, "quantity": _quantity_re(), "enum": _ENUM_ITEM_SIMPLE, "bare": _BARE_COUNT_RE}


def test_no_mask_span_or_quantity_holds_a_line_break() -> None:
    """find_targets reads only some lines of a law (_law_lines): that gives what the whole text gives
    only while no never-target span (non_targets.tsv around rows, titles) and no quantity (units.tsv)
    can hold a line break."""
    parser = pytest.importorskip("re._parser")
    for name, pattern in _line_local_patterns().items():
        assert not _admits_newline(parser.parse(pattern.pattern)), name
    assert _admits_newline(parser.parse(r"电话[:：]?\s*[\d-]+"))  # the check is not vacuous


def test_masking_some_lines_blanks_them_as_the_whole_text_does() -> None:
    from policy_nlp.extract.targets.clauses import _mask

    checked = 0
    for text in [*TEXTS, "联系电话:021-64285678\n《关于\n“十四五”》2011年2月15日,沪工总经〔2011〕33号\n千方百计"]:
        folded = numerals.fold_width(text)
        whole = _mask(folded)
        lines = [m.span() for m in re.finditer(r"[^\n]+", folded)]
        assert _mask(folded, lines) == whole
        for a, b in lines[::7]:
            assert _mask(folded, [(a, b)])[a:b] == whole[a:b]
            checked += whole[a:b] != folded[a:b]
    assert checked  # some of the lines are blanked


LAWS = [
    "中华人民共和国某某法\n第一条 为了规范管理,制定本法。\n第二条 每年组织培训不少于2000人次。\n"
    "第三条 到2025年,全省森林覆盖率达到30%。\n第四条 违反本法的,处五千元以上五万元以下的罚款。\n"
    "第五条 本法自2019年10月1日起施行。",
    "某某条例\n第一章 总则\n第一条 到2020年,主要目标是:\n(一)建成100个示范基地;\n(二)培训5000人。\n"
    "第二条 应当配备不少于3名专职人员。\n第三条 “十三五”期末,覆盖率达到90%。\n第四条 违反本条例规定的,责令改正。",
    "某某条例\n第一条 为了规范管理,制定本条例。\n第二条 违反本条例的,处一万元罚款。\n第三条 本条例自2021年1月1日起施行。\n"
    "附件\n一、到2025年的主要目标\n全省森林覆盖率达到30%,建成示范基地100个。\n二、保障措施\n加强领导。",
]


def _law_texts() -> list[str]:
    laws = ROOT.parent / "shared" / "corpora" / "laws"
    return LAWS + [p.read_text(encoding="utf-8") for p in sorted(laws.glob("**/*.md"))[::60]]


def _targets_by_sections(text: str) -> list[Any]:
    from policy_nlp.structure import find_sections

    return targets.find_targets(text, sections=find_sections(text))


def test_a_law_gives_the_targets_of_all_its_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading only the lines _law_lines gives finds what reading every line finds."""
    fast = [_targets_by_sections(text) for text in _law_texts()]
    monkeypatch.setattr(
        targets, "_law_lines", lambda folded, *_: [m.span() for m in re.finditer(r"[^\n]+", folded)]
    )
    assert fast == [_targets_by_sections(text) for text in _law_texts()]
    assert all(fast[: len(LAWS)])  # the laws above state targets
    assert fast[2][0].deadline_year == 2025  # from the heading of its section


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
    chars = _first_chars(pattern.pattern)
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
