"""Text features of a policy measure, shared by the instrument model and the word vectors: the
policy tokenizer's words and character n-grams, numbers folded to ``0``. The word vectors
(:mod:`policy_nlp.learn.vectors`) are learned over exactly the words the model reads.
"""

from __future__ import annotations

import re

__all__ = ["char_features", "word_features"]

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_SPACE = re.compile(r"\s+")
_WORDY = re.compile(r"\w")
_CHAR_N = (1, 3)


def _norm(text: str) -> str:
    """Numbers as ``0`` (a target's figure says nothing about the tool), no whitespace."""
    return _DIGITS.sub("0", _SPACE.sub("", text))


def word_features(text: str) -> list[str]:
    """Policy-tokenizer words of ``text`` (:func:`policy_nlp.segment.segment`), numbers as ``0``,
    punctuation dropped.

    >>> word_features("新建农村公路1000公里。")
    ['新建', '农村公路', '0', '公里']
    """
    from policy_nlp.segment import segment

    return [t.text for t in segment(_norm(text)) if _WORDY.search(t.text)]


def char_features(text: str) -> list[str]:
    """Character 1- to 3-grams of ``text`` (numbers as ``0``, whitespace removed).

    >>> char_features("减税降")
    ['减', '税', '降', '减税', '税降', '减税降']
    """
    s = _norm(text)
    lo, hi = _CHAR_N
    return [s[i : i + n] for n in range(lo, hi + 1) for i in range(len(s) - n + 1)]
