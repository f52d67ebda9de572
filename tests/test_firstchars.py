"""first_chars: the characters a regex match can start with, or None when that is not known."""

from __future__ import annotations

import pytest

from policy_nlp.firstchars import first_chars


@pytest.mark.parametrize(
    ("pattern", "admitted", "refused"),
    [
        (r"(?:作者|编辑)\s*:\s*\S*", "作编", "第一 :"),
        (r"[【\[]?\s*(?:打印|关闭)", "【[打关 \u3000", "第印"),
        (r"\d{4}\s*年", "2２٣", "年a"),
        (r"(?:网站)?首\s*页", "网首", "站页"),
        (r"[-—–~]\s*\d{1,4}|第\s*\d{1,4}\s*页", "-—~第", "一页7"),
    ],
    ids=["literals", "optional-bracket-then-space", "unicode-digits", "optional-prefix", "branches"],
)
def test_first_chars(pattern: str, admitted: str, refused: str) -> None:
    fc = first_chars(pattern)
    assert fc is not None
    for ch in admitted:
        assert fc.admits(ch), ch
    for ch in refused:
        assert not fc.admits(ch), ch


@pytest.mark.parametrize(
    "pattern",
    [r".*ICP备", r"\S+", r"[^。]+", r"a?", r"(?=来)来源", r"(?i)abc", r"(?i:a)b", r"^首页", r"(a)?\1"],
    ids=[
        "dot",
        "non-space",
        "negated-set",
        "nullable",
        "lookahead",
        "ignorecase",
        "scoped-ignorecase",
        "anchor",
        "backref",
    ],
)
def test_first_chars_unknown(pattern: str) -> None:
    assert first_chars(pattern) is None
