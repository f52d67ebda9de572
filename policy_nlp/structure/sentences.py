"""Sentence splitting in one linear pass.

A sentence ends after 。 ! ? ; (and their full-width forms ！ ？ ；) or at a line end, but never
inside 《》, “”, ‘’, () / （）, [] / ［］ or 【】: a terminator inside brackets does not split. Bracket
depth is reset at every line end, so an unbalanced bracket cannot swallow the rest of the document.
Each sentence is stripped of surrounding whitespace; a heading line is its own sentence (it is a
line); empty sentences are dropped. Rule id: ``sentences.punct_line.v1``.

>>> text = "一、总体要求\\n到2025年,比重达到30%。落实《关于A。B的意见》;完成任务!"
>>> [text[s.start:s.end] for s in find_sentences(text)]
['一、总体要求', '到2025年,比重达到30%。', '落实《关于A。B的意见》;', '完成任务!']
"""

from __future__ import annotations

import re

from policy_nlp.model import Sentence

__all__ = ["RULE", "find_sentences"]

RULE = "sentences.punct_line.v1"

TERMINATORS = "。!?;！？；"
OPENERS = "《“‘(（[［【"
CLOSERS = "》”’)）]］】"
_PAIR = {c: i for i, c in enumerate(OPENERS)} | {c: i for i, c in enumerate(CLOSERS)}
_SPECIAL = re.compile("[" + re.escape(TERMINATORS + OPENERS + CLOSERS) + "\n]")
_SPACE = frozenset(" \t\r\f\v\u3000\u00a0\ufeff")


def _emit(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    if end > start:
        out.append(Sentence(start, end))


def find_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in document order (non-overlapping, stripped, never empty).

    >>> [(s.start, s.end) for s in find_sentences("  甲。乙\\n\\n“丙。丁”戊。")]
    [(2, 4), (4, 5), (7, 14)]
    """
    out: list[Sentence] = []
    depth = [0] * len(OPENERS)
    open_total = 0
    start = 0
    for m in _SPECIAL.finditer(text):
        ch = m.group()
        pos = m.start()
        if ch == "\n":
            if pos > start:  # (a blank line, or a line that ended with its last sentence: nothing)
                _emit(out, text, start, pos)
            start = pos + 1
            if open_total:
                depth = [0] * len(OPENERS)
                open_total = 0
        elif ch in TERMINATORS:
            if not open_total:
                _emit(out, text, start, pos + 1)
                start = pos + 1
        elif ch in OPENERS:
            depth[_PAIR[ch]] += 1
            open_total += 1
        else:  # a closer; ignore a stray one
            k = _PAIR[ch]
            if depth[k]:
                depth[k] -= 1
                open_total -= 1
    _emit(out, text, start, len(text))
    return out
