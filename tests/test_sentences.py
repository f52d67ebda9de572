"""Sentence splitting: terminators, line ends, brackets, stripping, speed, invariants."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policy_nlp.model import Document
from policy_nlp.structure import find_sentences


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_sentences(text)]


CASES = [
    ("period", "加强领导。落实责任。", ["加强领导。", "落实责任。"]),
    ("folded_marks", "是否完成?必须完成!分工如下;再议", ["是否完成?", "必须完成!", "分工如下;", "再议"]),
    ("fullwidth_marks", "是否完成？必须完成！分工如下；", ["是否完成？", "必须完成！", "分工如下；"]),
    ("line_end", "一、总体要求\n坚持问题导向", ["一、总体要求", "坚持问题导向"]),
    ("title_brackets", "贯彻《关于A。B的意见》精神。", ["贯彻《关于A。B的意见》精神。"]),
    ("quotes", "开展“学技术。比贡献”活动。下一句。", ["开展“学技术。比贡献”活动。", "下一句。"]),
    ("parens", "(牵头单位:市总工会;责任单位:各区)完成。", ["(牵头单位:市总工会;责任单位:各区)完成。"]),
    (
        "fullwidth_parens",
        "（牵头单位：市总工会；责任单位：各区）",
        ["（牵头单位：市总工会；责任单位：各区）"],
    ),
    ("square", "见[附件1;附件2]。", ["见[附件1;附件2]。"]),
    ("strip", "  \u3000甲。  乙  \n\n", ["甲。", "乙"]),
    ("no_empty", "。\n\n;", ["。", ";"]),
    ("unbalanced_reset", "《未闭合。\n下一行。第二句。", ["《未闭合。", "下一行。", "第二句。"]),
    (
        "heading_with_period",
        "1、广泛开展岗位建功行动。大力开展劳动竞赛。",
        ["1、广泛开展岗位建功行动。", "大力开展劳动竞赛。"],
    ),
    ("crlf", "甲。\r\n乙。", ["甲。", "乙。"]),
    ("empty", "", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_find_sentences(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_seed_sentences(seed_structure: Document) -> None:
    doc = seed_structure
    spans = [doc.span(s) for s in doc.sentences]
    assert "一、总体要求" in spans and "三、主要内容" in spans
    assert "1、广泛开展岗位建功行动。" in spans
    assert any("《中华全国总工会2011-2015年劳动竞赛规划》" in s for s in spans)
    assert 120 < len(spans) < 200


def test_linear_time() -> None:
    unit = "到2025年,技能人才占比达到30%(牵头单位:市人社局;责任单位:各区)。落实《关于A的意见》;\n"
    text = unit * 20000  # about 1.2 M characters
    t0 = time.perf_counter()
    sents = find_sentences(text)
    elapsed = time.perf_counter() - t0
    assert len(sents) == 40000
    assert elapsed < 2.0


@given(st.text(alphabet=st.sampled_from(list("甲乙 \n\u3000。!?;！？；《》“”()（）[]【】a1")), max_size=200))
def test_invariants(text: str) -> None:
    sents = find_sentences(text)
    prev_end = 0
    for s in sents:
        assert prev_end <= s.start < s.end <= len(text)
        span = text[s.start : s.end]
        assert span == span.strip() and "\n" not in span
        prev_end = s.end
