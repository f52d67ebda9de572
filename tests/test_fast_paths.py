"""Fast paths give what the plain code gives: regexes with a first-character lookahead, width
folding by str.replace, the in-module jieba cut (see also test_segment)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policy_nlp.extract import citations, targets
from policy_nlp.io import load
from policy_nlp.normalize import _FOLD_TABLE, fold_width

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
def test_first_character_lookahead_finds_the_same(fast: re.Pattern[str], plain: re.Pattern[str]) -> None:
    for text in TEXTS + EXTRA:
        assert [m.group() for m in fast.finditer(text)] == [m.group() for m in plain.finditer(text)]
    assert any(fast.search(t) for t in EXTRA)  # the check is not vacuous


def test_fold_width_equals_translate() -> None:
    wide = "".join(chr(c) for c in _FOLD_TABLE) + "\u3000。、《》“”"
    for text in [*TEXTS, wide, "ＡＢＣ\t１２３％", "plain ascii"]:
        assert fold_width(text) == text.translate(_FOLD_TABLE)
