"""Tables of ``Document.text``: task-division tables (序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限),
indicator tables, and any other grid a document carries, as :class:`~policy_nlp.model.Table` records.

Sources, in this order of trust:

* **Loader tables** (``RawText.tables``): HTML ``<table>`` elements found by
  :func:`policy_nlp.io.html.html_tables`, tables a PDF loader extracted. Their cells are offsets into
  the source; each is mapped into ``Document.text`` with :meth:`OffsetMap.from_source
  <policy_nlp.offsets.OffsetMap.from_source>`. Normalization lays such a table out one row per
  line, cells separated by ``"\\t"``. Rule ``tables.html.v1`` / ``tables.pdf.v1``.
* **Text renderings** in the text itself (lines not covered by a loader table): rows of
  tab-separated cells (``tables.tab.v1``); ``|`` pipe tables, markdown (with a ``---|---`` row)
  or framed (every line starts with ``|``) (``tables.pipe.v1``); columns separated by runs of two or
  more spaces (``tables.aligned.v1``), accepted only for several consecutive lines with the same
  number of cells whose columns line up (or under a row of header words), with short cells and no
  prose sentence — so prose with double spaces never becomes a table.

A table continued over a PDF page break is one table: consecutive tables with the same number of
columns, separated only by page furniture (page numbers, 续表) or blank lines, are merged when the
second repeats the first's header row (the repeat is dropped) or, on a later PDF page, has no header;
a text table broken by blank lines only goes on in the rows after them when those bring no header.

Header rows are the leading rows whose cells are short, carry no sentence punctuation, and are
header words of ``resources/table_headers.tsv`` (序号, 重点任务, 牵头单位, 完成时限, 指标 …) or
``<th>``/``<thead>`` cells; a markdown table's first row is its header.

>>> text = "序号\\t重点任务\\t牵头单位\\n1\\t建设统一平台。\\t省政务服务管理局\\n2\\t推行清单管理。\\t省司法厅"
>>> (t,) = find_tables(text)
>>> t.id, t.n_rows, t.n_cols, t.header_rows, t.rule
('TB1', 3, 3, 1, 'tables.tab.v1')
>>> [c.text for c in t.cells if c.col == 2]
['牵头单位', '省政务服务管理局', '省司法厅']
>>> header_kind("牵头单位(部门)"), header_kind("省司法厅")
('lead', None)
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import accumulate
from typing import TypeVar

from policy_nlp.model import Cell, RawTable, Section, Table
from policy_nlp.offsets import OffsetMap, strip_span

__all__ = [
    "RULES",
    "HeaderWord",
    "column_kinds",
    "find_tables",
    "header_kind",
    "header_spans",
    "header_words",
    "in_sections",
    "outside_headers",
]

#: rule id of each source of tables
RULES = {
    "html": "tables.html.v1",
    "pdf": "tables.pdf.v1",
    "loader": "tables.loader.v1",
    "tab": "tables.tab.v1",
    "pipe": "tables.pipe.v1",
    "aligned": "tables.aligned.v1",
}
#: a header cell has at most this many characters (spaces aside)
MAX_HEADER_CELL = 16
#: a header word matches a cell at most this many characters longer (牵头单位 in 省级牵头单位(部门))
HEADER_SLACK = 6
#: an aligned (space-separated) table needs this many rows (two under a header row)
MIN_ALIGNED_ROWS = 3
#: cells of an aligned table are at most this long
MAX_ALIGNED_CELL = 40
#: column starts of an aligned table may differ by this display width
ALIGN_TOLERANCE = 4

_WS = " \t\n"
_SENTENCE_PUNCT = re.compile(r"[。;；!！?？,，]")
_NOTE = re.compile(r"[(（][^()（）]{0,12}[)）]")
_OUTLINE = re.compile(
    r"(?:第[一二三四五六七八九十百千零〇\d]+[编章节条款]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）])"
)
_SENTENCE_END = re.compile(r"[。;；!！?？][”’\"）)]*$")
_PIPE_SEPARATOR = re.compile(r"\s*:?-+:?\s*")
_SPACE_RUN = re.compile(r" {2,}")
_FURNITURE = re.compile(
    r"""\s*(?:
        [-—–]*\s*\d{1,4}\s*[-—–]*                              # - 3 -   12
      | 第\s*\d{1,4}\s*页(?:\s*[,/，]?\s*共\s*\d{1,4}\s*页)?   # 第3页 共12页
      | \d{1,4}\s*/\s*\d{1,4}                                  # 3/12
      | [(（]?续(?:表|上表)?[)）]?[:：]?                        # 续表
    )\s*""",
    re.X,
)
_NARROW = re.compile("[\x00-\u2e7f]")
R = TypeVar("R")


# -- header words ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class HeaderWord:
    """A row of ``resources/table_headers.tsv``: the ``header`` word, the ``kind`` of column it heads
    (index, task, lead, cooperate, responsible, deadline, indicator, unit, value, attribute, note)
    and header cells as written (``examples``)."""

    header: str
    kind: str
    examples: tuple[str, ...]


@cache
def header_words() -> tuple[HeaderWord, ...]:
    """The header words, longest first (read once).

    >>> words = header_words()
    >>> len(words[0].header) >= len(words[-1].header), words[-1].header
    (True, '领域')
    """
    from policy_nlp.resources import read_tsv

    rows = [
        HeaderWord(
            r["header"].strip(),
            r["kind"].strip(),
            tuple(e.strip() for e in r.get("examples", "").split("¦") if e.strip()),
        )
        for r in read_tsv("table_headers.tsv")
    ]
    return tuple(sorted(rows, key=lambda w: -len(w.header)))


def _compact(text: str) -> str:
    return "".join(text.split())


def header_kind(text: str) -> str | None:
    """The kind of column a header cell heads (``"lead"`` for 牵头单位), None when it is no header word.

    Spaces are ignored and a short bracketed note ("(部门)") is dropped first; the longest header word
    in the cell decides, and of two as long the last one (the head noun: 指标类别 is an attribute).

    >>> header_kind("序 号"), header_kind("配合单位（部门）"), header_kind("2019年底前")
    ('index', 'cooperate', None)
    """
    t = _NOTE.sub("", _compact(text))
    if not t or len(t) > MAX_HEADER_CELL:
        return None
    best: tuple[int, int, str] | None = None
    for w in header_words():
        at = t.rfind(w.header)
        if at >= 0 and len(t) <= len(w.header) + HEADER_SLACK:
            key = (len(w.header), at, w.kind)  # the longest word; then the last (the head noun: 指标类别)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


def _header_like(text: str) -> bool:
    t = _compact(text)
    return len(t) <= MAX_HEADER_CELL and not _SENTENCE_PUNCT.search(t)


# -- drafts ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Cell:
    row: int
    col: int
    start: int
    end: int
    rowspan: int = 1
    colspan: int = 1
    th: bool = False


@dataclass(slots=True)
class _Draft:
    rule: str
    cells: list[_Cell]
    page: int | None = None
    header_rows: int = -1  # -1: detect


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    return strip_span(text, start, end, _WS)


def _loader_draft(text: str, raw: RawTable, offsets: OffsetMap | None, rule: str) -> _Draft | None:
    cells = []
    for rc in raw.cells:
        if offsets is None:
            s, e = min(rc.start, len(text)), min(rc.end, len(text))
        else:
            try:
                s, e = offsets.from_source(rc.start, rc.end)
            except ValueError:
                continue
        s, e = _strip(text, s, max(s, e))
        cells.append(_Cell(rc.row, rc.col, s, e, rc.rowspan, rc.colspan, rc.header))
    d = _Draft(rule, cells, raw.page)
    return d if _filled(d) else None  # None: nothing of it survived normalization


# -- text renderings ------------------------------------------------------------------------------
def _split(text: str, start: int, end: int, sep: re.Pattern[str] | str) -> list[tuple[int, int]]:
    """Cell spans of ``text[start:end]`` split at ``sep`` (a string or a pattern), stripped."""
    cuts: list[tuple[int, int]] = []
    if isinstance(sep, str):
        pos = text.find(sep, start, end)
        while pos >= 0:
            cuts.append((pos, pos + len(sep)))
            pos = text.find(sep, pos + len(sep), end)
    else:
        cuts = [m.span() for m in sep.finditer(text, start, end)]
    out = []
    pos = start
    for a, z in cuts:
        out.append(_strip(text, pos, a))
        pos = z
    out.append(_strip(text, pos, end))
    return out


def _pipe_cells(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    s, e = _strip(text, start, end)
    if "|" not in text[s:e]:
        return None
    if text[s] == "|":
        s += 1
    if e > s and text[e - 1] == "|":
        e -= 1
    cells = _split(text, s, e, "|")
    return cells if len(cells) >= 2 else None


def _width(s: str) -> int:
    return 2 * len(s) - len(_NARROW.findall(s))


def _is_outline(text: str, rows: Sequence[Sequence[tuple[int, int]]]) -> bool:
    """Rows whose first cells all start with the number of a heading or article (第一条<TAB>…,
    一、总体要求  …): an outline laid out with tabs or spaces, not a table."""
    return all(_OUTLINE.match(text, r[0][0], r[0][1]) for r in rows)


def _header_score(text: str, cells: Sequence[tuple[int, int]]) -> bool:
    filled = [text[a:b] for a, b in cells if b > a]
    return (
        len(filled) >= 2
        and all(_header_like(t) for t in filled)
        and 2 * sum(1 for t in filled if header_kind(t)) >= len(filled)
    )


def _aligned_ok(text: str, rows: Sequence[Sequence[tuple[int, int]]], starts: Sequence[int]) -> bool:
    for r in rows:
        for a, b in r:
            cell = text[a:b]
            if b - a > MAX_ALIGNED_CELL or _SENTENCE_END.search(cell):
                return False  # a long cell or a sentence: prose laid out with spaces
    if _header_score(text, rows[0]):
        return True
    for j in range(1, len(rows[0])):
        cols = [_width(text[line : r[j][0]]) for r, line in zip(rows, starts, strict=True)]
        if max(cols) - min(cols) > ALIGN_TOLERANCE:
            return False
    return True


#: a line that may be (part of) a text table holds a tab, a pipe or a run of spaces; no other line
#: starts or continues one
_CELL_MARK = re.compile(r"[\t| ](?:(?<=[\t|])| )")  # ([\t|]| {2}, starting with a class: a faster search)


def _marked_lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the lines of ``text`` that hold a :data:`_CELL_MARK`, in order."""
    out = []
    pos = 0
    while (m := _CELL_MARK.search(text, pos)) is not None:
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        if end < 0:
            end = len(text)
        out.append((start, end))
        pos = end + 1
    return out


def _text_drafts(text: str, taken: Sequence[tuple[int, int]], *, aligned: bool = True) -> list[_Draft]:
    # Only the lines with a tab, a pipe or two spaces in a row can start or continue a table: the
    # others are skipped, and two of those lines follow each other only when nothing lies between.
    lines = [ln for ln in _marked_lines(text) if not any(a <= ln[0] < b for a, b in taken)]
    drafts: list[_Draft] = []
    k = 0
    n = len(lines)

    def consecutive(i: int) -> bool:  # lines[i] follows lines[i - 1] directly (no line between)
        return i > 0 and lines[i][0] == lines[i - 1][1] + 1

    while k < n:
        s, e = lines[k]
        # tab-separated rows
        if "\t" in text[s:e]:
            j = k + 1
            while j < n and consecutive(j) and "\t" in text[lines[j][0] : lines[j][1]]:
                j += 1
            rows = [_split(text, a, b, "\t") for a, b in lines[k:j]]
            if j - k >= 2:
                if not _is_outline(text, rows):
                    drafts.append(_rows_draft(RULES["tab"], rows))
                k = j  # an outline laid out with tabs: none of its lines starts a table
                continue
        # pipe tables
        first = _pipe_cells(text, s, e)
        if first is not None:
            j = k + 1
            rows = [first]
            while j < n and consecutive(j):
                cells = _pipe_cells(text, *lines[j])
                if cells is None:
                    break
                rows.append(cells)
                j += 1
            markdown = len(rows) >= 2 and all(_PIPE_SEPARATOR.fullmatch(text[a:b]) for a, b in rows[1])
            framed = len(rows) >= MIN_ALIGNED_ROWS and all(
                text[lines[i][0] : lines[i][1]].lstrip().startswith("|") for i in range(k, j)
            )
            if markdown and len(rows) > 2:
                drafts.append(_rows_draft(RULES["pipe"], [rows[0], *rows[2:]], header_rows=1))
                k = j
                continue
            if framed and len({len(r) for r in rows}) == 1:
                drafts.append(_rows_draft(RULES["pipe"], rows))
                k = j
                continue
        # columns aligned by runs of spaces
        if aligned and _SPACE_RUN.search(text, s, e):
            width = len(_split(text, s, e, _SPACE_RUN))
            j = k + 1
            while (
                j < n
                and consecutive(j)
                and _SPACE_RUN.search(text, *lines[j])
                and len(_split(text, *lines[j], _SPACE_RUN)) == width
            ):
                j += 1
            rows = [_split(text, a, b, _SPACE_RUN) for a, b in lines[k:j]]
            enough = j - k >= MIN_ALIGNED_ROWS or (j - k >= 2 and _header_score(text, rows[0]))
            if width >= 2 and enough:
                if not _is_outline(text, rows) and _aligned_ok(text, rows, [a for a, _ in lines[k:j]]):
                    drafts.append(_rows_draft(RULES["aligned"], rows))
                k = j  # a run that fails is skipped whole: no part of it is tried again (linear time)
                continue
        k += 1
    return drafts


def _filled(d: _Draft) -> bool:
    return any(c.end > c.start for c in d.cells)


def _rows_draft(rule: str, rows: Sequence[Sequence[tuple[int, int]]], header_rows: int = -1) -> _Draft:
    cells = [_Cell(r, c, a, b) for r, row in enumerate(rows) for c, (a, b) in enumerate(row)]
    return _Draft(rule, cells, header_rows=header_rows)


# -- records --------------------------------------------------------------------------------------
def _detect_headers(text: str, d: _Draft, n_rows: int) -> int:
    if d.header_rows >= 0:
        return d.header_rows
    # header words down the first column (牵头单位<TAB>省发展改革委 / 配合单位<TAB>…): labels of a
    # key-value table, whose first row is data like the others
    firsts = [c for c in d.cells if c.col == 0 and c.row > 0 and c.end > c.start]
    vertical = bool(firsts) and 2 * sum(1 for c in firsts if header_kind(text[c.start : c.end])) >= len(
        firsts
    )
    count = 0
    for r in range(min(n_rows - 1, 3)):
        row = [c for c in d.cells if c.row == r]
        filled = [c for c in row if c.end > c.start]
        if not filled or not all(_header_like(text[c.start : c.end]) for c in filled):
            break
        marked = all(c.th for c in row)
        words = sum(1 for c in filled if header_kind(text[c.start : c.end]))
        # a multi-level header: a header cell above spans down into this row (省(市) over two rows)
        continued = r > 0 and any(c.row < r < c.row + c.rowspan for c in d.cells if c.row < count)
        # a first row that groups columns (a cell spanning columns, another spanning rows)
        grouped = r == 0 and any(c.colspan > 1 for c in row) and any(c.rowspan > 1 for c in row)
        lexical = words and not vertical and (2 * words >= len(filled) or r == 0)
        if not (marked or continued or grouped or lexical):
            break
        count = r + 1
    return count


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, start) + 1
    z = text.find("\n", end)
    return a, len(text) if z < 0 else z


def _section_of(sections: Sequence[Section], pos: int) -> str | None:
    best: Section | None = None
    for s in sections:
        if s.start <= pos < s.end and (best is None or s.level > best.level):
            best = s
    return best.id if best else None


def _table(text: str, d: _Draft) -> Table:
    n_rows = max(c.row for c in d.cells) + 1
    n_cols = max(c.col + c.colspan for c in d.cells)
    header_rows = _detect_headers(text, d, n_rows)
    cells = tuple(
        Cell(
            c.row,
            c.col,
            c.start,
            c.end,
            text[c.start : c.end],
            rowspan=min(c.rowspan, n_rows - c.row),
            colspan=c.colspan,
            header=c.row < header_rows,
        )
        for c in sorted(d.cells, key=lambda c: (c.row, c.col))
    )
    filled = [c for c in cells if c.end > c.start]
    start, _ = _line_bounds(text, min(c.start for c in filled), 0)
    _, end = _line_bounds(text, max(c.end for c in filled), max(c.end for c in filled))
    return Table("", start, end, n_rows, n_cols, cells, header_rows, d.page, None, d.rule)


def _header_key(t: Table) -> tuple[tuple[int, str], ...]:
    return tuple((c.col, _compact(c.text)) for c in t.cells if c.row < t.header_rows)


def _only_furniture(text: str) -> bool:
    return all(not line.strip() or _FURNITURE.fullmatch(line) for line in text.split("\n"))


def _merge(text: str, a: Table, b: Table) -> Table | None:
    """``b`` continues ``a`` over a page break or blank lines: one table (``b``'s repeated header
    dropped)."""
    if a.n_cols != b.n_cols or b.start < a.end or not _only_furniture(text[a.end : b.start]):
        return None
    if b.header_rows and a.header_rows and _header_key(a) == _header_key(b):
        skip = b.header_rows
    elif not b.header_rows and (
        (a.page is not None and b.page is not None and b.page > a.page)  # a later PDF page
        or (a.page is None and a.rule == b.rule and not text[a.end : b.start].strip())  # a blank line
    ):
        filled = {c.row for c in b.cells if c.end > c.start}
        skip = min(filled) if filled else b.n_rows  # rows emptied by normalization lead nowhere
    else:
        return None
    shift = a.n_rows - skip
    moved = tuple(replace(c, row=c.row + shift, header=False) for c in b.cells if c.row >= skip)
    return replace(a, end=b.end, n_rows=a.n_rows + b.n_rows - skip, cells=a.cells + moved)


def find_tables(
    text: str,
    *,
    raw_tables: Iterable[RawTable] = (),
    offsets: OffsetMap | None = None,
    source_format: str | None = None,
    sections: Sequence[Section] = (),
) -> list[Table]:
    """Tables of ``text`` (a normalized ``Document.text``) in document order, ids ``TB1``, ``TB2`` ….

    ``raw_tables`` are the loader's tables (``RawText.tables``), their cells mapped into ``text``
    through ``offsets`` (the map from ``normalize``; None when ``text`` is the source itself);
    ``source_format`` (``"html"``, ``"pdf"``) names their rule; ``sections`` give each table the id
    of the innermost section it starts in. Lines not covered by a loader table are searched for
    text renderings (tabs, pipes, and — except in HTML — aligned columns). Never raises on strange
    text.

    >>> text = "| 指标 | 2025年目标值 |\\n|---|---|\\n| 网上可办率 | 90% |"
    >>> (t,) = find_tables(text)
    >>> t.header_rows, [[c.text if c else None for c in row] for row in t.grid()]
    (1, [['指标', '2025年目标值'], ['网上可办率', '90%']])
    >>> find_tables("各地区要  认真落实。\\n各部门要  加强协调。\\n各单位要  及时报告。")
    []
    """
    rule = RULES.get(source_format or "", RULES["loader"])
    drafts = [d for raw in raw_tables if (d := _loader_draft(text, raw, offsets, rule)) is not None]
    # a web page marks its tables up: spaces there align names and dates, not columns
    aligned = source_format != "html"
    tables = [_table(text, d) for d in drafts]
    taken = [(t.start, t.end) for t in tables]
    tables += [_table(text, d) for d in _text_drafts(text, taken, aligned=aligned) if _filled(d)]
    tables.sort(key=lambda t: (t.start, -t.end))
    merged: list[Table] = []
    for t in tables:
        joined = _merge(text, merged[-1], t) if merged else None
        if joined is not None:
            merged[-1] = joined
        else:
            merged.append(t)
    return [
        replace(t, id=f"TB{k}", section=_section_of(sections, t.start)) for k, t in enumerate(merged, start=1)
    ]


def in_sections(tables: Iterable[Table], sections: Sequence[Section]) -> list[Table]:
    """``tables`` with ``section`` set to the innermost of ``sections`` each starts in (for a pipeline
    that finds tables first, so the outline can skip their lines).

    >>> from policy_nlp.structure.outline import find_sections
    >>> text = "一、主要任务\\n序号\\t任务\\n1\\t建设平台"
    >>> tables = find_tables(text)
    >>> [t.section for t in in_sections(tables, find_sections(text, tables=tables))]
    ['1']
    """
    return [replace(t, section=_section_of(sections, t.start)) for t in tables]


def column_kinds(table: Table) -> dict[int, str]:
    """Column → kind of its header (:func:`header_kind`: ``"lead"`` for 牵头单位 …), for the columns
    whose header cell is a header word; the lowest header row with a word decides.

    >>> (t,) = find_tables("序号\\t重点任务\\t牵头单位\\t完成时限\\n1\\t建设平台。\\t省公安厅\\t2020年底前\\n2\\ta\\tb\\tc")
    >>> column_kinds(t)
    {0: 'index', 1: 'task', 2: 'lead', 3: 'deadline'}
    """
    kinds: dict[int, str] = {}
    grid = table.grid()
    for r in range(min(table.header_rows, len(grid))):
        for col, cell in enumerate(grid[r]):
            kind = header_kind(cell.text) if cell is not None else None
            if kind is not None:
                kinds[col] = kind
    return kinds


# -- for the extractors ---------------------------------------------------------------------------
def header_spans(tables: Iterable[Table]) -> list[tuple[int, int]]:
    """Spans of the header cells of ``tables`` (non-empty), in document order.

    >>> header_spans(find_tables("序号\\t重点任务\\n1\\t建设平台。\\n2\\t完善制度。"))
    [(0, 2), (3, 7)]
    """
    return sorted((c.start, c.end) for t in tables for c in t.cells if c.header and c.end > c.start)


def outside_headers(records: Sequence[R], tables: Iterable[Table]) -> list[R]:
    """``records`` (with ``start``/``end``) minus those overlapping a header cell of ``tables``:
    a header row (序号 重点任务 牵头单位 …) is no target, goal or action.

    >>> from policy_nlp.model import Sentence
    >>> tables = find_tables("序号\\t重点任务\\n1\\t建设平台。\\n2\\t完善制度。")
    >>> outside_headers([Sentence(3, 7), Sentence(10, 15)], tables)
    [Sentence(start=10, end=15)]
    """
    spans = header_spans(tables)  # sorted
    if not spans:
        return list(records)
    starts = [a for a, _b in spans]
    reach = list(accumulate((b for _a, b in spans), max))  # the furthest end among spans[: k + 1]
    out = []
    for r in records:  # overlaps a header cell: one that starts before r ends reaches past r's start
        k = bisect_left(starts, r.end)  # type: ignore[attr-defined]
        if not (k and reach[k - 1] > r.start):  # type: ignore[attr-defined]
            out.append(r)
    return out
