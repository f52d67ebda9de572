"""Deadlines of tasks: 2024年底前 → ``"2024-12"``, 2025年6月 → ``"2025-06"``, 长期坚持 → ``"ongoing"``.

The patterns are data (``resources/deadline_patterns.tsv``, tried in order). A value is ``YYYY``,
``YYYY-MM``, ``YYYY-MM-DD`` or ``ongoing``. When a text names several dates (2024年底前启动,
2025年6月底前完成) the latest wins: a task is due when its last step is. 年底前 and 今年 need the
document's own ``year``; without it they give nothing.

>>> parse_deadline("2024年12月底前")
'2024-12'
>>> parse_deadline("年底前", year=2023)
'2023-12'
>>> parse_deadline("长期坚持")
'ongoing'
>>> parse_deadline("区发改局") is None
True
"""

from __future__ import annotations

import re
from functools import cache

from policy_nlp.errors import ResourceError
from policy_nlp.resources import read_tsv

__all__ = ["parse_deadline"]

_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_VALUES = frozenset(
    ("day", "month", "quarter", "half", "year_end", "year", "own_month", "own_year_end", "own_year", "ongoing")
)


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    out = []
    for row in read_tsv("deadline_patterns.tsv"):
        if row["value"] not in _VALUES:
            raise ResourceError(f"deadline_patterns.tsv: unknown value {row['value']!r} in row {row['name']!r}")
        out.append((re.compile(row["pattern"]), row["value"]))
    return tuple(out)


def _value(m: re.Match[str], kind: str, year: int | None) -> str | None:
    g = m.groupdict()
    y = g.get("y")
    if kind == "ongoing":
        return "ongoing"
    if kind.startswith("own_"):
        if year is None:
            return None
        if kind == "own_year":
            return f"{year:04d}"
        if kind == "own_year_end":
            return f"{year:04d}-12"
        month = int(g["m"])
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    if y is None:  # pragma: no cover - every dated pattern has a year group
        return None
    if kind == "year":
        return y
    if kind == "year_end":
        return f"{y}-12"
    if kind == "half":
        return f"{y}-06" if g["h"] == "上" else f"{y}-12"
    if kind == "quarter":
        return f"{y}-{3 * _QUARTERS[g['q']]:02d}"
    month = int(g["m"])
    if not 1 <= month <= 12:
        return None
    if kind == "month":
        return f"{y}-{month:02d}"
    day = int(g["d"])
    return f"{y}-{month:02d}-{day:02d}" if 1 <= day <= 31 else None


def _sort_key(value: str) -> tuple[int, ...]:
    return tuple(int(p) for p in value.split("-"))


def parse_deadline(text: str, *, year: int | None = None) -> str | None:
    """The deadline stated in ``text`` (a deadline cell, a 完成时限: field, a tail), else None.

    ``year`` is the document's own year, for 年底前 / 今年 / 6月底前.

    >>> parse_deadline("2024年启动,2025年6月底前完成")
    '2025-06'
    >>> parse_deadline("2024年第三季度")
    '2024-09'
    """
    taken: list[tuple[int, int]] = []
    dated: list[str] = []
    ongoing = False
    for pattern, kind in _patterns():
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            value = _value(m, kind, year)
            if value is None:
                continue
            taken.append((s, e))
            if value == "ongoing":
                ongoing = True
            else:
                dated.append(value)
    if dated:
        return max(dated, key=_sort_key)
    return "ongoing" if ongoing else None
