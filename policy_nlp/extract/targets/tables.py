"""Indicator tables: rows of a 预期性/约束性 table and of a 指标 table flattened into one line."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policy_nlp.extract.targets.clauses import _section_of, _trim
from policy_nlp.extract.targets.rules import _CELL_SPLIT_RE, _TABLE_ATTR_RE
from policy_nlp.model import Comparator, Section, Target
from policy_nlp.numerals import parse_year


# -- indicator tables ---------------------------------------------------------------------------------
def _cells(line: str) -> list[str]:
    """Cells of a table row: split on |, tabs or runs of spaces (single spaces when nothing else)."""
    s = line.strip().strip("|")
    parts = _CELL_SPLIT_RE.split(s) if re.search(r"\||\t|\s{2,}", s) else s.split()
    return [c.strip() for c in parts if c.strip()]


_TABLE_VALUE_RE = re.compile(
    r"^[〔\[【(]?\s*(?P<cmp>[<>≤≥])?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<suffix>左右|以上|以内|以下)?\s*[〕\]】)]?\*?$"
)


_TABLE_COMPARATORS: dict[str, Comparator] = {
    "<": "lt",
    ">": "gt",
    "≤": "le",
    "≥": "ge",
    "以上": "ge",
    "以内": "le",
    "以下": "le",
    "左右": "approx",
}


#: the header of an indicator table flattened into one line: 指标2010年2015年2015年比2010年增长
_FLAT_HEADER_RE = re.compile(r"指[\s\u3000]*标[\s\u3000]*(?P<y0>\d{4})年(?P<y1>\d{4})年(?:\d{4}年比\d{4}年增[长减])?")


#: one row of it: 1化学需氧量排放总量(万吨)2551.72347.6-8%, 5…的比例(%)17.7<15-2.7个百分点
_FLAT_ROW_RE = re.compile(
    r"\s*(?:\d{1,2}(?=\D))?(?P<name>[^\d()（）<>≤≥,;。:]{2,40})[(（](?P<unit>[^()（）]{1,6})[)）]"
    r"(?P<base>\d+(?:\.\d)?)(?P<cmp>[<>≤≥])?(?P<value>\d+(?:\.\d)?)(?P<change>[-−]?\d+(?:\.\d+)?)(?P<cunit>%|个百分点)"
)


def _flat_table_rows(folded: str, text: str, sections: Sequence[Section]) -> list[Target]:
    """Rows of an indicator table whose cells lost their separators (scraped text): the value under
    the later year and the change against the earlier one, two targets per row
    (``targets.table_flat.v1``). Rows are read one after another from the header on."""
    out: list[Target] = []
    for h in _FLAT_HEADER_RE.finditer(folded):
        y0, y1 = int(h["y0"]), int(h["y1"])
        pos = h.end()
        while (m := _FLAT_ROW_RE.match(folded, pos)) is not None:
            pos = m.end()
            start, end = _trim(folded, m.start("name"), m.end())
            sec = _section_of(sections, start)
            name = m["name"].strip()
            change = float(m["change"].replace("−", "-"))
            common = {"start": start, "end": end, "text": text[start:end], "indicator": name}
            comparator = _TABLE_COMPARATORS.get(m["cmp"] or "", "eq")
            for value, unit, comp, direction, base in (
                (float(m["value"]), m["unit"], comparator, None, None),
                (abs(change), m["cunit"], "eq", "decrease" if change < 0 else "increase", y0),
            ):
                out.append(
                    Target(
                        id="",
                        value=value,
                        unit=unit,
                        comparator=comp,  # type: ignore[arg-type]
                        direction=direction,  # type: ignore[arg-type]
                        deadline_year=y1,
                        base_year=base,
                        section=sec.id if sec else None,
                        rule="targets.table_flat.v1",
                        **common,  # type: ignore[arg-type]
                    )
                )
    return out


def _table_rows(folded: str, text: str, sections: Sequence[Section], taken: set[int]) -> list[Target]:
    """Rows of an indicator table (指标 | 2020年 | 2025年 | 年均/累计 | 属性 with 预期性/约束性): the
    value under the latest year, else under 年均/累计 (〔13.5〕 is cumulative, 6左右 yearly)."""
    out: list[Target] = []
    header: list[str] | None = None
    for m in re.finditer(r"[^\n]+", folded):
        line = m.group(0)
        cells = _cells(line)
        if any("指标" in c for c in cells) and any(parse_year(c.rstrip("年目标值")) for c in cells):
            header = cells
            continue
        if header is None or not _TABLE_ATTR_RE.search(line) or len(cells) < 3:
            continue
        t = _table_row(folded, text, sections, m.start(), m.end(), header, cells)
        if t is not None and t.start not in taken:
            out.append(t)
    return out


def _table_row(
    folded: str,
    text: str,
    sections: Sequence[Section],
    start: int,
    end: int,
    header: list[str],
    cells: list[str],
) -> Target | None:
    offset = min(0, len(cells) - len(header))  # a merged 类别 cell is missing from later rows

    def cell(h: int | None) -> str | None:
        k = None if h is None else h + offset
        return cells[k] if k is not None and 0 <= k < len(cells) else None

    years = [(parse_year(c.rstrip("年目标值")) or 0, h) for h, c in enumerate(header)]
    year, year_col = max(years)
    avg_col = next((h for h, c in enumerate(header) if "年均" in c or "累计" in c), None)
    name_col = next((h for h, c in enumerate(header) if "指标" in c), 0)
    per_year = False
    value_cell = cell(year_col)
    vm = _TABLE_VALUE_RE.match(value_cell or "")
    if vm is None and avg_col is not None:
        value_cell = cell(avg_col)
        vm = _TABLE_VALUE_RE.match(value_cell or "")
        per_year = (
            vm is not None and "年均" in header[avg_col] and not re.match(r"[〔\[【(]", value_cell or "")
        )
    if vm is None:
        return None
    name = cell(name_col) or cells[0]
    unit = None
    um = re.search(r"[(（]([^()（）]{1,8})[)）]\s*$", name)
    if um:
        unit, name = um.group(1), name[: um.start()]
    if "单位" in header:
        unit = cell(header.index("单位")) or unit
    comparator = _TABLE_COMPARATORS.get(vm["cmp"] or vm["suffix"] or "", "eq")
    tstart, tend = _trim(folded, start, end)
    sec = _section_of(sections, tstart)
    return Target(
        id="",
        start=tstart,
        end=tend,
        text=text[tstart:tend],
        indicator=name.strip() or None,
        value=float(vm["num"]),
        unit=unit,
        comparator=comparator,
        deadline_year=year or None,
        per_year=per_year,
        section=sec.id if sec else None,
        rule="targets.table_row.v1",
    )

