"""分别: numbers of one clause that share a listed indicator get one indicator each
(``+indicator.distributed.v1``)."""

from __future__ import annotations

from policy_nlp.model import Target


def _distribute(found: list[Target]) -> list[Target]:
    """一产、二产、三产增加值分别增长5%左右、5%以上、5%左右: one indicator per number, in order
    (一产增加值, 二产增加值, 三产增加值), when a clause's k numbers share an indicator that lists k
    short items (of at most three characters each) before a head noun (增加值, 产量, 管网)."""
    from dataclasses import replace

    out: list[Target] = []
    i = 0
    while i < len(found):
        j = i
        while j + 1 < len(found) and (found[j + 1].start, found[j + 1].end, found[j + 1].indicator) == (
            found[i].start,
            found[i].end,
            found[i].indicator,
        ):
            j += 1
        group = found[i : j + 1]
        names = _distributed_names(group[0].indicator, len(group)) if len(group) > 1 else None
        if names:
            group = [
                replace(t, indicator=n, rule=t.rule + "+indicator.distributed.v1") for t, n in zip(group, names, strict=True)
            ]
        out.extend(group)
        i = j + 1
    return out


def _distributed_names(indicator: str | None, k: int) -> list[str] | None:
    """The k indicators a listed indicator stands for, or None.

    >>> _distributed_names("一产、二产、三产增加值", 3), _distributed_names("老旧供热、燃气、排水管网", 3)
    (['一产增加值', '二产增加值', '三产增加值'], ['供热管网', '燃气管网', '排水管网'])
    >>> _distributed_names("肉、奶产量", 2), _distributed_names("花生种植、收获机械化率", 2)
    (['肉产量', '奶产量'], None)
    """
    items = (indicator or "").split("、")
    if len(items) != k:
        return None
    width = len(items[1]) if k >= 3 else len(items[0])
    middle = items[1:-1] if k >= 3 else items[:1]
    if width > 3 or any(len(x) != width for x in middle) or len(items[-1]) <= width:
        return None
    head = items[-1][width:]
    # the first item may carry a prefix all items share (老旧供热): keep its last ``width`` characters
    cores = [items[0][-width:], *items[1:-1], items[-1][:width]]
    return [c + head for c in cores]

