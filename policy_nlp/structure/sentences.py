"""Sentence splitting in one linear pass.

A sentence ends after 。 ! ? ; (and their full-width forms ！ ？ ；) or at a line end, but never
inside 《》, “”, ‘’, () / （）, [] / ［］ or 【】: a terminator inside brackets does not split. Bracket
depth is reset at every line end, so an unbalanced bracket cannot swallow the rest of the document.
Each sentence is stripped of surrounding whitespace; a heading line is its own sentence (it is a
line); empty sentences are dropped. Rule id: ``sentences.punct_line.v1``.

Given the document's tables, a sentence never mixes cells: a cell is split on its own (it is at
most one sentence unless it has terminators of its own), so a target or action found inside a
sentence keeps to its cell.

>>> text = "一、总体要求\\n到2025年,比重达到30%。落实《关于A。B的意见》;完成任务!"
>>> [text[s.start:s.end] for s in find_sentences(text)]
['一、总体要求', '到2025年,比重达到30%。', '落实《关于A。B的意见》;', '完成任务!']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policy_nlp.model import Sentence, Table
from policy_nlp.records import fast_constructor

__all__ = ["RULE", "find_sentences"]

RULE = "sentences.punct_line.v1"

TERMINATORS = "。!?;！？；"
OPENERS = "《“‘(（[［【"
CLOSERS = "》”’)）]］】"
_PAIR = {c: i for i, c in enumerate(OPENERS)} | {c: i for i, c in enumerate(CLOSERS)}
#: what the splitter stops at: a terminator, a bracket or a line break, with the line breaks right
#: after it (a sentence that ends its line, blank lines: one match; a class first, for a fast search)
_SPECIAL = re.compile("[" + re.escape(TERMINATORS + OPENERS + CLOSERS) + "\n]\n*")
_SPACE = frozenset(" \t\r\f\v\u3000\u00a0\ufeff")
#: ``Sentence(start, end)``, made about twice as fast (a document has thousands)
_sentence = fast_constructor(Sentence)


def _emit(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    if end > start:
        out.append(_sentence(start, end))


def find_sentences(text: str, *, tables: Sequence[Table] = ()) -> list[Sentence]:
    """Sentences of ``text`` in document order (non-overlapping, stripped, never empty); the cells of
    ``tables`` (from :func:`~policy_nlp.structure.tables.find_tables`) are split one by one.

    >>> [(s.start, s.end) for s in find_sentences("  甲。乙\\n\\n“丙。丁”戊。")]
    [(2, 4), (4, 5), (7, 14)]
    >>> from policy_nlp.structure.tables import find_tables
    >>> text = "序号\\t任务\\n1\\t建设平台\\n2\\t完善制度。加强监管。"
    >>> [text[s.start:s.end] for s in find_sentences(text, tables=find_tables(text))]
    ['序号', '任务', '1', '建设平台', '2', '完善制度。', '加强监管。']
    """
    out = _split(text, 0, len(text))
    cells = sorted((c.start, c.end) for t in tables for c in t.cells if c.end > c.start)
    if not cells:
        return out
    kept = [s for s in out if not _overlaps(cells, s.start, s.end)]
    for a, z in cells:
        kept.extend(_split(text, a, z))
    return sorted(kept, key=lambda s: s.start)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    from bisect import bisect_left

    k = bisect_left(spans, (end, end))  # spans[:k] start before ``end``; disjoint, so ends sorted too
    return k > 0 and spans[k - 1][1] > start


def _split(text: str, begin: int, stop: int) -> list[Sentence]:
    out: list[Sentence] = []
    append = out.append
    make = _sentence
    space = _SPACE
    depth = [0] * len(OPENERS)
    open_total = 0
    start = begin
    for m in _SPECIAL.finditer(text, begin, stop):
        pos = m.start()
        ch = text[pos]
        if ch == "\n":
            nl = pos
        else:
            if ch in TERMINATORS:
                if not open_total:
                    if text[start] in space:
                        _emit(out, text, start, pos + 1)
                    else:  # (a terminator is no space: nothing to strip)
                        append(make(start, pos + 1))
                    start = pos + 1
            elif ch in OPENERS:
                depth[_PAIR[ch]] += 1
                open_total += 1
            else:  # a closer; ignore a stray one
                k = _PAIR[ch]
                if depth[k]:
                    depth[k] -= 1
                    open_total -= 1
            if m.end() == pos + 1:
                continue
            nl = pos + 1
        # line breaks from ``nl`` to m.end() (blank lines among them)
        if nl > start:  # (a blank line, or a line that ended with its last sentence: nothing)
            if text[start] in space or text[nl - 1] in space:
                _emit(out, text, start, nl)
            else:
                append(make(start, nl))
        start = m.end()
        if open_total:
            depth = [0] * len(OPENERS)
            open_total = 0
    _emit(out, text, start, stop)
    return out
