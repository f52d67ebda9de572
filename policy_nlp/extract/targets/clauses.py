"""Masking, sentences and clauses, and the section outline the target rules look up."""

from __future__ import annotations

import operator
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from policy_nlp.extract.targets.rules import (
    _BULLET_RE,
    _CLAUSE_END,
    _GOAL_HEADING_RE,
    _QUOTED_RE,
    _REVIEW_HEADING_RE,
    DEADLINE,
    PERIOD,
    PLAN,
    _non_targets,
)
from policy_nlp.model import Section, Sentence


# -- masking and clauses --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Clause:
    start: int
    end: int


def _mask(folded: str, lines: Sequence[tuple[int, int]] | None = None) -> str:
    """``folded`` with titles, quoted names and never-target contexts blanked (same length).

    With ``lines`` (``(start, end)`` of whole lines, in order) only those lines are read and blanked:
    no such span holds a line break (tests/test_fast_paths.py), so a line is blanked as in the whole
    text.
    """
    pats = (_QUOTED_RE, _non_targets()["around"])
    if lines is None:
        spans = sorted(m.span() for pat in pats for m in pat.finditer(folded))
    else:
        n = len(folded)
        spans = sorted(m.span() for a, b in lines for pat in pats for m in pat.finditer(folded, a, min(b + 1, n)))
    if not spans:
        return folded
    out, pos = [], 0
    for a, b in spans:
        a = max(a, pos)
        if b <= a:
            continue
        out += [folded[pos:a], "\x00" * (b - a)]
        pos = b
    out.append(folded[pos:])
    return "".join(out)


_SENTENCE_RE = re.compile(r"[^。!?！？\n]+[。!?！？\n]?|[。!?！？\n]")


def _split_sentence(folded: str, sent: Sentence) -> list[Sentence]:
    """``sent`` cut after each 。!? (the structure stage may hand over whole lines)."""
    return [Sentence(m.start(), m.end()) for m in _SENTENCE_RE.finditer(folded, sent.start, sent.end)]


_CLAUSE_MARK_RE = re.compile(f"[(《“)》”{re.escape(_CLAUSE_END)}]")


def _clauses(folded: str, sent: Sentence) -> list[_Clause]:
    """Clauses of a sentence: cut at ,;。!?: outside brackets, titles and quotes."""
    out, start = [], sent.start
    depth = 0
    for m in _CLAUSE_MARK_RE.finditer(folded, sent.start, sent.end):
        ch = m.group(0)
        if ch in "(《“":
            depth += 1
        elif ch in ")》”":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(_Clause(start, m.start()))
            start = m.start() + 1
    out.append(_Clause(start, sent.end))
    return [c for c in out if c.end > c.start]


def _trim(folded: str, start: int, end: int) -> tuple[int, int]:
    """Span without leading bullets/spaces and trailing punctuation."""
    seg = folded[start:end]
    m = _BULLET_RE.match(seg)
    if m and m.end() < len(seg):
        start += m.end()
    while start < end and folded[start] in " \t—-":
        start += 1
    while end > start and folded[end - 1] in " \t,;。、:":
        end -= 1
    return start, end


class _Outline(tuple[Section, ...]):
    """Sections sorted by start, with the lookups the rules need precomputed once per document."""

    starts: list[int]
    review: tuple[Section, ...]
    goal: tuple[Section, ...]

    def __new__(cls, sections: Sequence[Section]) -> _Outline:
        starts = [s.start for s in sections]
        if all(map(operator.lt, starts, starts[1:])):  # the usual case: in order, no two at one start
            self = super().__new__(cls, sections)
        else:
            self = super().__new__(cls, sorted(sections, key=lambda s: (s.start, -s.end)))
            starts = [s.start for s in self]
        self.starts = starts
        headed = [s for s in self if s.heading]  # an article (第五条) has none
        self.review = tuple(s for s in headed if _REVIEW_HEADING_RE.search(s.heading))
        self.goal = tuple(s for s in headed if _GOAL_HEADING_RE.search(s.heading))
        return self


def _outline(sections: Sequence[Section]) -> _Outline:
    return sections if isinstance(sections, _Outline) else _Outline(sections)


def _section_of(sections: Sequence[Section], pos: int) -> Section | None:
    """The innermost section containing ``pos`` (sections nest, so: the last containing one by start)."""
    outline = _outline(sections)
    for k in range(bisect_right(outline.starts, pos) - 1, -1, -1):
        s = outline[k]
        if s.start <= pos < s.end:
            return s
        if s.level == 1:
            break
    return None


def _in_review_section(sections: Sequence[Section], pos: int) -> bool:
    return any(s.start <= pos < s.end for s in _outline(sections).review)


def _in_goal_section(sections: Sequence[Section], pos: int) -> bool:
    return any(s.start <= pos < s.end for s in _outline(sections).goal)


_LEAD_CLAUSE_RE = re.compile(
    rf"^\s*(?:力争|争取|计划|预计|确保|努力)?(?:{DEADLINE}|{PERIOD}|{PLAN}时期|{PLAN})(?:以来|期间)?\s*[,，]?$"
)


def _lead_start(folded: str, sent: Sentence, clause: _Clause) -> int:
    """Start of ``clause``, or of the clause before it when that one only states a deadline (到2015年,)."""
    prev_end = clause.start - 1
    if prev_end <= sent.start:
        return clause.start
    k = max(folded.rfind(ch, sent.start, prev_end) for ch in _CLAUSE_END)
    prev_start = max(k + 1, sent.start)
    if _LEAD_CLAUSE_RE.match(folded[prev_start : prev_end + 1]):
        return prev_start
    return clause.start
