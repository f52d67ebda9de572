"""Look-ups over spans by bisection: whether a position is covered, and the first span that holds
another (a scan per line or per action was quadratic on a long document)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from policy_nlp.model import Assignment


class _Cover:
    """Whether a position lies in one of ``spans`` (``any(a <= pos < b for a, b in spans)``), by
    bisection: a scan per line or per block was quadratic on a long document.

    >>> covered = _Cover([(10, 20), (0, 5), (3, 12)])
    >>> [covered(p) for p in (0, 11, 12, 19, 20, 25)]
    [True, True, True, True, False, False]
    """

    __slots__ = ("reach", "starts")

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _b in ordered]
        self.reach = list(accumulate((b for _a, b in ordered), max))  # furthest end among ordered[: k + 1]

    def __call__(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos)
        return k > 0 and self.reach[k - 1] > pos


_Span = tuple[int, int, tuple[Assignment, ...], str | None]


class _FirstHolder:
    """The first of ``spans`` (in list order) that holds ``[start, end)``: the spans are cut into
    runs that are sorted and disjoint, where a bisection finds the one span that can hold it (a scan
    per action was quadratic on a long document).

    >>> f = _FirstHolder([(0, 5, (), None), (8, 12, (), "2025"), (2, 9, (), None)])
    >>> f(9, 11)[3], f(3, 7)[:2], f(1, 3)[:2], f(12, 13)
    ('2025', (2, 9), (0, 5), None)
    """

    __slots__ = ("runs",)

    def __init__(self, spans: Sequence[_Span]) -> None:
        runs: list[list[_Span]] = []
        for sp in spans:
            if runs and runs[-1][-1][1] <= sp[0] and runs[-1][-1][0] < sp[0]:
                runs[-1].append(sp)
            else:
                runs.append([sp])
        self.runs = [(run, [sp[0] for sp in run]) for run in runs]

    def __call__(self, start: int, end: int) -> _Span | None:
        for run, starts in self.runs:
            k = bisect_right(starts, start) - 1
            if k >= 0 and end <= run[k][1]:
                return run[k]
        return None

