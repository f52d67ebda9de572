"""Which characters a regex match can start with: a cheap test before an expensive alternation.

:func:`first_chars` reads a pattern with Python's own regex parser and returns the characters its
matches can begin with (:class:`FirstChars`: a set, plus "any decimal digit" and "any space" as
``\\d``/``\\s`` mean them), or None when it cannot tell (``.``, ``\\S``, a negated class, an
assertion, a pattern that can match the empty string). None is always safe: the caller then runs
the pattern as before. The parser is a private module of the standard library (``re._parser``,
``sre_parse`` before Python 3.11); if it is missing or reads differently, every answer is None.

>>> fc = first_chars(r"(?:作者|编辑)\\s*:|[【\\[]?打印")
>>> sorted(fc.chars), fc.digit, fc.space
(['[', '【', '作', '打', '编'], False, False)
>>> fc.admits("编"), fc.admits("第")
(True, False)
>>> first_chars(r"\\d{4}年").admits("２"), first_chars(r".*ICP备") is None, first_chars(r"a?") is None
(True, True, True)
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["AlternationByFirstChar", "FirstChars", "first_chars"]


@dataclass(frozen=True, slots=True)
class FirstChars:
    """The characters a match can start with: ``chars``, any decimal digit (``digit``: what ``\\d``
    matches), any space (``space``: what ``\\s`` matches)."""

    chars: frozenset[str]
    digit: bool = False
    space: bool = False

    def admits(self, ch: str) -> bool:
        """Whether a match can start with the character ``ch``."""
        return ch in self.chars or (self.digit and ch.isdecimal()) or (self.space and ch.isspace())

    def __or__(self, other: FirstChars) -> FirstChars:
        return FirstChars(self.chars | other.chars, self.digit or other.digit, self.space or other.space)

    def union(self, *others: FirstChars) -> FirstChars:
        """The characters any of ``self`` and ``others`` can start with."""
        out = self
        for other in others:
            out = out | other
        return out


def _sre() -> tuple[Any, Any] | None:
    for parser, constants in (("re._parser", "re._constants"), ("sre_parse", "sre_constants")):
        try:
            return importlib.import_module(parser), importlib.import_module(constants)
        except ImportError:
            continue
    return None  # pragma: no cover


class _Unknown(Exception):
    pass


def first_chars(pattern: str) -> FirstChars | None:
    """The characters a match of ``pattern`` (no flags) can start with; None when that is not known."""
    sre = _sre()
    if sre is None:  # pragma: no cover
        return None
    parser, c = sre
    try:
        parsed = parser.parse(pattern)
        if parsed.state.flags & c.SRE_FLAG_IGNORECASE:
            return None
        first, nullable = _seq(parsed, c)
    except Exception:  # _Unknown, or a parser that reads differently
        return None
    return None if nullable else first


_NOTHING = FirstChars(frozenset())


def _seq(items: Any, c: Any) -> tuple[FirstChars, bool]:
    """First characters of a sequence of items, and whether the whole sequence can match empty."""
    out = _NOTHING
    for op, av in items:
        first, nullable = _item(op, av, c)
        out = out | first
        if not nullable:
            return out, False
    return out, True


def _item(op: Any, av: Any, c: Any) -> tuple[FirstChars, bool]:
    if op is c.LITERAL:
        return FirstChars(frozenset(chr(av))), False
    if op is c.IN:
        return _charset(av, c), False
    if op is c.SUBPATTERN:
        if av[1] & c.SRE_FLAG_IGNORECASE:  # (?i:…)
            raise _Unknown(op)
        return _seq(av[-1], c)
    if op is c.BRANCH:
        out, nullable = _NOTHING, False
        for branch in av[1]:
            first, empty = _seq(branch, c)
            out, nullable = out | first, nullable or empty
        return out, nullable
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) or op is getattr(c, "POSSESSIVE_REPEAT", None):
        first, nullable = _seq(av[2], c)
        return first, nullable or av[0] == 0
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _seq(av, c)
    raise _Unknown(op)  # ., assertions, anchors, group references …


def _charset(items: Any, c: Any) -> FirstChars:
    chars: set[str] = set()
    digit = space = False
    for op, av in items:
        if op is c.LITERAL:
            chars.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] <= 4096:
            chars.update(chr(x) for x in range(av[0], av[1] + 1))
        elif op is c.CATEGORY and av is c.CATEGORY_DIGIT:
            digit = True
        elif op is c.CATEGORY and av is c.CATEGORY_SPACE:
            space = True
        else:
            raise _Unknown(op)  # a negated set, \w, \S, a wide range …
    return FirstChars(frozenset(chars), digit, space)


class AlternationByFirstChar:
    """Whether one of ``patterns`` matches at the start of a string, trying only the patterns whose
    matches can start with its first character (:func:`first_chars`; a pattern of unknown start is
    always tried): one regex per set of patterns, compiled when first needed. For a first character
    in ``fallback_chars`` the ``fallback`` regex decides instead.

    >>> alt = AlternationByFirstChar([r"来\\s*源\\s*:", r"\\d{4}-\\d{2}"])
    >>> alt.match("来源:本站"), alt.match("2011-03"), alt.match("第一条"), alt.match("源")
    (True, True, False, False)
    """

    __slots__ = ("_by_char", "_by_set", "_fallback", "_fallback_chars", "_patterns")

    def __init__(
        self,
        patterns: Sequence[str],
        *,
        fallback: re.Pattern[str] | None = None,
        fallback_chars: Collection[str] = (),
    ) -> None:
        self._patterns = [(p, first_chars(p)) for p in patterns]
        self._fallback = fallback
        self._fallback_chars = frozenset(fallback_chars)
        self._by_char: dict[str, re.Pattern[str] | None] = {}
        self._by_set: dict[tuple[int, ...], re.Pattern[str] | None] = {}

    def match(self, s: str) -> bool:
        """Whether a pattern matches at the start of ``s`` (never for an empty ``s``)."""
        if not s:
            return False
        ch = s[0]
        if self._fallback is not None and ch in self._fallback_chars:
            return self._fallback.match(s) is not None
        try:
            rx = self._by_char[ch]
        except KeyError:
            rx = self._by_char[ch] = self._for(ch)
        return rx is not None and rx.match(s) is not None

    def _for(self, ch: str) -> re.Pattern[str] | None:
        picked = tuple(k for k, (_p, fc) in enumerate(self._patterns) if fc is None or fc.admits(ch))
        if picked not in self._by_set:
            alt = "|".join(f"(?:{self._patterns[k][0]})" for k in picked)
            self._by_set[picked] = re.compile(alt) if alt else None
        return self._by_set[picked]
