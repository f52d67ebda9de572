"""Offset maps: from positions in the normalized text back to positions in the source text.

Normalization builds the normalized text piece by piece with a :class:`TextBuilder`: each piece is
either *copied* from the source (1:1, possibly with a same-length character fold) or *replaces* a
source range with text of another length. The builder records this as segments, so no diff is ever
needed afterwards. Starts map with ``bisect_right`` and ends with ``bisect_left`` (as eyecite does).

>>> b = TextBuilder("ab\\r\\ncd")
>>> b.copy(0, 2); b.replace(2, 4, "\\n"); b.copy(4, 6)
>>> text, omap = b.build()
>>> text
'ab\\ncd'
>>> omap.to_source(3, 5)           # "cd"
(4, 6)
>>> omap.to_source(2, 3)           # the "\\n" came from "\\r\\n"
(2, 4)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["OffsetMap", "TextBuilder", "line_spans", "strip_span"]


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Segments ``(norm_start, src_start, norm_len, src_len)`` sorted by ``norm_start``.

    A segment with ``norm_len == src_len`` maps character by character; any other maps its whole
    normalized run onto its whole source run. ``norm_length``/``src_length`` are the two text lengths.
    """

    segments: tuple[tuple[int, int, int, int], ...]
    norm_length: int
    src_length: int
    _starts: tuple[int, ...] = field(default=(), compare=False, repr=False)
    _src_starts: tuple[int, ...] = field(default=(), compare=False, repr=False)
    _src_ends: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(s[0] for s in self.segments))
        object.__setattr__(self, "_src_starts", tuple(s[1] for s in self.segments))
        object.__setattr__(self, "_src_ends", tuple(s[1] + s[3] for s in self.segments))

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text that normalization left unchanged.

        >>> OffsetMap.identity(5).to_source(1, 3)
        (1, 3)
        """
        segs = ((0, 0, length, length),) if length else ()
        return cls(segs, length, length)

    def _point(self, pos: int, *, is_end: bool) -> int:
        """Source position of a normalized boundary: a start looks right, an end looks left."""
        if not self.segments:
            return 0
        if is_end:
            k = max(0, bisect_left(self._starts, pos) - 1)
        else:
            k = bisect_right(self._starts, pos) - 1
            if k < 0:
                return self.segments[0][1]
        n0, s0, nl, sl = self.segments[k]
        off = pos - n0
        if off >= nl:
            return s0 + sl
        if nl == sl:
            return s0 + off
        return s0 + sl if is_end and off > 0 else s0

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalized span ``[start, end)`` to a source span.

        Raises ``ValueError`` when the span is outside the normalized text.
        """
        if not 0 <= start <= end <= self.norm_length:
            raise ValueError(f"span ({start}, {end}) outside text of length {self.norm_length}")
        s = self._point(start, is_end=False)
        if end == start:
            return s, s
        e = self._point(end, is_end=True)
        return s, max(s, e)

    def from_source(self, start: int, end: int) -> tuple[int, int]:
        """Map the source span ``[start, end)`` to the normalized span of what it became.

        The inverse of :meth:`to_source` for spans that survive normalization: dropped source text
        maps to an empty span where it was; a span that starts or ends inside a replaced run (an
        entity) takes the whole replacement; text inserted at ``start`` or ``end`` (a separator put
        between two source pieces) stays outside. Raises ``ValueError`` outside the source.

        >>> b = TextBuilder("<td>a&amp;b</td>")
        >>> b.drop(0, 4); b.copy(4, 5); b.replace(5, 10, "&"); b.copy(10, 11); b.drop(11, 16)
        >>> text, omap = b.build()
        >>> omap.from_source(4, 11), text[0:3]
        ((0, 3), 'a&b')
        >>> omap.from_source(0, 4)        # the dropped tag: an empty span before "a"
        (0, 0)
        """
        if not 0 <= start <= end <= self.src_length:
            raise ValueError(f"source span ({start}, {end}) outside source of length {self.src_length}")
        if not self.segments:
            return 0, 0
        k = bisect_right(self._src_ends, start)
        if k >= len(self.segments):
            s = self.norm_length
        else:
            n0, s0, nl, sl = self.segments[k]
            s = n0 if start <= s0 or nl != sl else n0 + (start - s0)
        k = bisect_left(self._src_starts, end) - 1
        if k < 0:
            e = 0
        else:
            n0, s0, nl, sl = self.segments[k]
            e = n0 + nl if end >= s0 + sl or nl != sl else n0 + (end - s0)
        return s, max(s, e)

    def to_list(self) -> list[list[int]]:
        """Segments as JSON-friendly lists (see :meth:`from_list`)."""
        return [list(seg) for seg in self.segments]

    @classmethod
    def from_list(cls, rows: Sequence[Sequence[int]], norm_length: int, src_length: int) -> OffsetMap:
        """Inverse of :meth:`to_list`."""
        return cls(tuple((int(a), int(b), int(c), int(d)) for a, b, c, d in rows), norm_length, src_length)

    def compose(self, inner: OffsetMap) -> OffsetMap:
        """Chain two maps: ``self`` maps text C→B, ``inner`` maps B→A; the result maps C→A.

        Exact for 1:1 segments; a coarse segment maps onto the hull of its image.
        """
        segs: list[tuple[int, int, int, int]] = []
        for n0, s0, nl, sl in self.segments:
            if nl == sl:
                # split along inner's segment boundaries so each piece stays linear when possible
                pos = s0
                stop = s0 + sl
                while pos < stop:
                    k = max(0, bisect_right(inner._starts, pos) - 1)
                    i0, _j0, il, _jl = inner.segments[k] if inner.segments else (0, 0, stop, stop)
                    seg_end = min(stop, i0 + il) if i0 + il > pos else stop
                    length = seg_end - pos
                    a, b = inner.to_source(pos, seg_end)
                    segs.append((n0 + (pos - s0), a, length, b - a))
                    pos = seg_end
            else:
                a, b = inner.to_source(s0, s0 + sl) if sl else inner.to_source(s0, s0)
                segs.append((n0, a, nl, b - a))
        return OffsetMap(_merge(segs), self.norm_length, inner.src_length)


def _merge(segs: list[tuple[int, int, int, int]]) -> tuple[tuple[int, int, int, int], ...]:
    out: list[tuple[int, int, int, int]] = []
    for seg in segs:
        if seg[2] == 0 and seg[3] == 0:
            continue
        if out:
            n0, s0, nl, sl = out[-1]
            if nl == sl and seg[2] == seg[3] and n0 + nl == seg[0] and s0 + sl == seg[1]:
                out[-1] = (n0, s0, nl + seg[2], sl + seg[3])
                continue
        out.append(seg)
    return tuple(out)


class TextBuilder:
    """Build a normalized text from a source string, recording where each piece came from.

    ``copy(i, j)`` keeps ``source[i:j]``; ``fold(i, j, s)`` keeps a same-length replacement (width
    folding); ``replace(i, j, s)`` puts ``s`` (any length) for ``source[i:j]``; ``drop(i, j)`` removes it.
    Pieces must be added in source order.
    """

    __slots__ = ("_parts", "_pos", "_segs", "_src_pos", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._segs: list[tuple[int, int, int, int]] = []
        self._pos = 0
        self._src_pos = 0

    def _add(self, i: int, j: int, text: str) -> None:
        if i < self._src_pos or j < i or j > len(self.source):
            raise ValueError(f"piece ({i}, {j}) out of order or outside the source")
        self._parts.append(text)
        self._segs.append((self._pos, i, len(text), j - i))
        self._pos += len(text)
        self._src_pos = j

    def copy(self, i: int, j: int) -> None:
        self._add(i, j, self.source[i:j])

    def fold(self, i: int, j: int, text: str) -> None:
        if len(text) != j - i:
            raise ValueError("fold() needs a replacement of the same length; use replace()")
        self._add(i, j, text)

    def replace(self, i: int, j: int, text: str) -> None:
        self._add(i, j, text)

    def drop(self, i: int, j: int) -> None:
        self._add(i, j, "")

    @property
    def length(self) -> int:
        """Length of the normalized text built so far."""
        return self._pos

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap(_merge(self._segs), self._pos, len(self.source))


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text``, line breaks excluded.

    >>> line_spans("ab\\n\\ncd")
    [(0, 2), (3, 3), (4, 6)]
    """
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def strip_span(text: str, start: int, end: int, lead: str, trail: str | None = None) -> tuple[int, int]:
    """``(start, end)`` moved inward past the characters of ``lead`` at the start and of ``trail``
    (default: ``lead``) at the end; an all-stripped span collapses to ``(end, end)``.

    >>> strip_span("  一、总则 \\r", 0, 8, " \\t", " \\t\\r")
    (2, 6)
    >>> strip_span("   ", 0, 3, " ")
    (3, 3)
    """
    trail = lead if trail is None else trail
    while start < end and text[start] in lead:
        start += 1
    while end > start and text[end - 1] in trail:
        end -= 1
    return start, end
