"""Positions in one text found by bisection (newlines, brackets, 牵头): look-ups about "the line
around ``pos``" cost the same whatever the line structure (a text can arrive as one line).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache


class _Index:
    """Positions of the newlines, brackets and 牵头 of one text, so that "the line around ``pos``" or
    "is ``pos`` inside brackets" costs a bisection, whatever the line structure: a text that arrives
    as one line (a database export) must not make every look-up scan the whole text.

    >>> ix = _index("甲\\n乙(丙")
    >>> ix.line_start(4), ix.line_end(2), ix.in_paren(4), ix.in_paren(3)
    (2, 5, True, False)
    """

    __slots__ = ("closes", "lead_words", "n", "newlines", "opens", "prose")

    def __init__(self, text: str) -> None:
        self.n = len(text)
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.opens = [m.start() for m in re.finditer(r"\(", text)]
        self.closes = [m.start() for m in re.finditer(r"\)", text)]
        self.lead_words = [m.start() for m in re.finditer("牵头", text)]
        self.prose: dict[int, bool] = {}

    def line_start(self, pos: int) -> int:
        """``text.rfind("\\n", 0, pos) + 1``."""
        k = bisect_left(self.newlines, pos)
        return self.newlines[k - 1] + 1 if k else 0

    def line_end(self, pos: int) -> int:
        """``text.find("\\n", pos)``, or ``len(text)`` when no newline follows."""
        k = bisect_left(self.newlines, pos)
        return self.newlines[k] if k < len(self.newlines) else self.n

    def last_open_or_newline(self, pos: int) -> int:
        """``max(text.rfind("(", 0, pos), text.rfind("\\n", 0, pos))``."""
        k = bisect_left(self.opens, pos)
        return max(self.opens[k - 1] if k else -1, self.line_start(pos) - 1)

    def in_paren(self, pos: int) -> bool:
        """More ( than ) between the start of the line and ``pos``."""
        ls = self.line_start(pos)
        opens = bisect_left(self.opens, pos) - bisect_left(self.opens, ls)
        return opens > bisect_left(self.closes, pos) - bisect_left(self.closes, ls)

    def lead_word_between(self, start: int, end: int) -> bool:
        """Whether 牵头 lies inside ``text[start:end]``."""
        k = bisect_left(self.lead_words, start)
        return k < len(self.lead_words) and self.lead_words[k] + 2 <= end


@lru_cache(maxsize=2)
def _index(text: str) -> _Index:
    return _Index(text)
