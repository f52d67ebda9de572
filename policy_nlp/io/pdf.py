"""PDF files: the text layer of every page, read from pdfplumber's characters; pages joined with ``"\\n"``.

Each page's text is built here from its characters rather than by ``page.extract_text()``, so that
what office suites put in a PDF comes out as the text that was typed:

* characters drawn twice (the "fake bold" of office suites, a text shadow) are kept once
  (``page.dedupe_chars()``);
* lines are characters sharing a baseline, read left to right; a space is put only between two
  Latin/digit characters that stand apart (``DOC 2024``), or where a gap is wider than a character
  (a tab stop: ``…办公室  2024年4月12日印发``) — never between a Chinese character or punctuation mark
  and a digit or Latin run drawn in another font (``达到12%以上``, ``2024年4月12日``, not ``12 %``);
* ruled tables (``page.find_tables()``) are taken out of the flowing text and put back at their
  place as one line per row, cells separated by ``"\\t"``, the lines of a wrapped cell joined;
  each is returned as a :class:`~policy_nlp.model.RawTable` whose cells point into the text (a
  table continued on the next page, its header row repeated, is one RawTable per page:
  :func:`policy_nlp.structure.tables.find_tables` merges them).

:attr:`RawText.pages` holds the start offset of each page. A PDF without any text layer (a scan)
raises :class:`~policy_nlp.errors.NeedsOCRError`; an encrypted, truncated or otherwise broken file
raises :class:`~policy_nlp.errors.LoadError` with pdfminer's reason. Lines wrapped inside a
sentence are re-joined, and page numbers and running headers dropped, by
:func:`policy_nlp.normalize.normalize`, not here.

>>> chars = [_Char(ch, x, x + w, 16) for ch, x, w in [("达", 0, 16), ("到", 16, 16), ("1", 35, 8),
...          ("2", 43, 8), ("%", 51, 13), ("以", 67, 16), ("上", 83, 16)]]
>>> _line_text(chars)   # pdfplumber's extract_text() gives '达到 12%以上'
'达到12%以上'
>>> _line_text([_Char("A", 0, 10, 16), _Char("B", 15, 25, 16), _Char("办", 30, 46, 16), _Char("2", 80, 88, 16)])
'A B办 2'
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from policy_nlp.errors import LoadError, NeedsOCRError
from policy_nlp.io.text import read_bytes
from policy_nlp.model import RawCell, RawTable, RawText

__all__ = ["PDF_MAGIC", "load_pdf"]

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"


#: above this share of ``(cid:N)`` glyph codes the text layer is unusable
UNMAPPED_MAX_SHARE = 0.5
_CID = re.compile(r"\(cid:\d+\)")


def _unmapped_share(pages: list[str]) -> float:
    """Share of non-space characters that belong to ``(cid:N)`` codes (glyphs without Unicode)."""
    total = sum(len(t) - t.count(" ") - t.count("\n") for t in pages)
    cid = sum(len(m.group()) for t in pages for m in _CID.finditer(t))
    return cid / total if total else 0.0


def _reason(exc: BaseException) -> str:
    # pdfplumber wraps pdfminer's exception: report the original
    while exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name or "password" in str(exc).lower():
        return f"encrypted PDF (cannot open without a password): {name}"
    text = str(exc) or name
    return f"corrupt or truncated PDF: {name}: {text}"[:300]


#: characters apart by more than this share of the font size are a word space between Latin runs
WORD_GAP = 0.2
#: … and by more than this share, a visible gap (tab stop, right-aligned text) whatever the script
TAB_GAP = 1.0
#: characters whose baselines differ by less than this share of the font size share a line
LINE_TOL = 0.5


@dataclass(frozen=True, slots=True)
class _Char:
    text: str
    x0: float
    x1: float
    size: float
    base: float = 0.0  # baseline, from the top of the page
    top: float = 0.0


def _narrow(ch: str) -> bool:
    """A character of a Latin run (ASCII, Latin-1 letters): spaces between two of them are words."""
    return ch < "\u2000" and not ch.isspace()


def _line_text(chars: Sequence[_Char]) -> str:
    """Text of one line of characters (sorted left to right here)."""
    out: list[str] = []
    prev: _Char | None = None
    for c in sorted(chars, key=lambda c: c.x0):
        if prev is not None:
            gap = c.x0 - prev.x1
            size = max(prev.size, c.size, 1.0)
            if gap > TAB_GAP * size or (gap > WORD_GAP * size and _narrow(prev.text[-1]) and _narrow(c.text[0])):
                out.append(" ")
        out.append(c.text)
        prev = c
    return "".join(out)


def _lines(chars: Sequence[_Char]) -> list[list[_Char]]:
    """Characters grouped by baseline, top to bottom."""
    lines: list[list[_Char]] = []
    base = 0.0
    for c in sorted(chars, key=lambda c: (c.base, c.x0)):
        if lines and abs(c.base - base) <= LINE_TOL * max(c.size, 1.0):
            lines[-1].append(c)
        else:
            lines.append([c])
            base = c.base
    return lines


def _chars(page: Any) -> list[_Char]:
    out = []
    for c in page.chars:
        text = c["text"]
        if not text or text.isspace():
            continue
        # the baseline: the glyph's origin (matrix f) measured from the top like pdfplumber's ``top``
        matrix = c.get("matrix")
        base = c["bottom"] - (matrix[5] - c["y0"]) if matrix else c["bottom"]
        out.append(_Char(text, c["x0"], c["x1"], c["size"], base, c["top"]))
    return out


def _edges(values: Sequence[float], tol: float = 1.5) -> list[float]:
    """Sorted distinct coordinates, those within ``tol`` taken as one."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(edges: Sequence[float], v: float) -> int:
    return min(range(len(edges)), key=lambda k: abs(edges[k] - v))


def _inside(c: _Char, box: tuple[float, float, float, float]) -> bool:
    x = (c.x0 + c.x1) / 2
    y = c.base - c.size / 3
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


@dataclass(frozen=True, slots=True)
class _GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str


def _cell_text(chars: Sequence[_Char]) -> str:
    """A cell's lines joined (a space only between two Latin/digit characters)."""
    text = ""
    for line in _lines(chars):
        t = _line_text(line)
        if text and _narrow(text[-1]) and text[-1].isalnum() and t[:1].isascii() and t[:1].isalnum():
            text += " "
        text += t
    return text


def _grid(table: Any, chars: Sequence[_Char]) -> list[_GridCell]:
    boxes = [tuple(b) for b in table.cells]
    xs = _edges([v for b in boxes for v in (b[0], b[2])])
    ys = _edges([v for b in boxes for v in (b[1], b[3])])
    cells = []
    for b in boxes:
        col, row = _index(xs, b[0]), _index(ys, b[1])
        colspan = max(1, _index(xs, b[2]) - col)
        rowspan = max(1, _index(ys, b[3]) - row)
        text = _cell_text([c for c in chars if _inside(c, b)])
        cells.append(_GridCell(row, col, rowspan, colspan, text))
    return sorted(cells, key=lambda c: (c.row, c.col))


@dataclass(frozen=True, slots=True)
class _Page:
    text: str
    #: per table: cells with offsets into ``text``
    tables: tuple[tuple[RawCell, ...], ...] = ()


def _page(page: Any) -> _Page:
    page = page.dedupe_chars(tolerance=1.5)
    chars = _chars(page)
    try:
        found_tables = page.find_tables()
    except Exception as exc:  # the table finder fails on odd drawings: keep the text, lose the grid
        logger.warning("page %s: table finder failed (%s); its tables stay flowing text", page.page_number, exc)
        found_tables = []
    tables = [
        t
        for t in found_tables  # a framed paragraph is a 1×1 "table": not a grid
        if len(_edges([b[0] for b in t.cells])) >= 2 and len(_edges([b[1] for b in t.cells])) >= 2
    ]
    # a character in no cell (a note inside the frame of an irregular table) stays in the flowing text
    boxes = [tuple(b) for t in tables for b in t.cells]
    flow = [c for c in chars if not any(_inside(c, b) for b in boxes)]
    items: list[tuple[float, int, Any]] = [(min(c.top for c in ln), 0, ln) for ln in _lines(flow)]
    items += [(t.bbox[1], 1, t) for t in tables]
    items.sort(key=lambda it: (it[0], it[1]))
    parts: list[str] = []
    pos = 0
    found: list[tuple[RawCell, ...]] = []

    def add(s: str) -> None:
        nonlocal pos
        if parts:
            parts.append("\n")
            pos += 1
        parts.append(s)
        pos += len(s)

    for _top, kind, obj in items:
        if kind == 0:
            add(_line_text(obj))
            continue
        grid = _grid(obj, [c for c in chars if _inside(c, tuple(obj.bbox))])
        raw: list[RawCell] = []
        for r in sorted({c.row for c in grid}):
            row = [c for c in grid if c.row == r]
            add("")
            for k, cell in enumerate(row):
                if k:
                    parts.append("\t")
                    pos += 1
                raw.append(RawCell(cell.row, cell.col, pos, pos + len(cell.text), cell.rowspan, cell.colspan))
                parts.append(cell.text)
                pos += len(cell.text)
        first = min(c.row for c in raw) if raw else 0
        found.append(tuple(dataclasses.replace(c, row=c.row - first) for c in raw))
    return _Page("".join(parts), tuple(found))


def _extract_pages(data: bytes) -> list[_Page]:
    import pdfplumber  # heavy: imported on first use

    pages: list[_Page] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page: Any
        for page in pdf.pages:
            pages.append(_page(page))
            page.close()
    return pages


def load_pdf(path: str | os.PathLike[str]) -> RawText:
    """Load the text layer of a PDF.

    Raises :class:`~policy_nlp.errors.NeedsOCRError` when no page has text, and
    :class:`~policy_nlp.errors.LoadError` when the file is not a PDF, is encrypted or is damaged.
    """
    p, data = read_bytes(path)
    return _raw_pdf(p, data)


def _raw_pdf(p: str, data: bytes) -> RawText:
    if PDF_MAGIC not in data[:1024]:
        raise LoadError(p, "not a PDF (no %PDF- header)")
    try:
        pages = _extract_pages(data)
    except LoadError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on broken input
        raise LoadError(p, _reason(exc)) from exc
    if not pages:
        raise LoadError(p, "corrupt PDF: no pages")
    texts = [pg.text for pg in pages]
    if not any(t.strip() for t in texts):
        raise NeedsOCRError(p, f"no text layer on any of {len(pages)} page(s): a scan needs OCR")
    if _unmapped_share(texts) > UNMAPPED_MAX_SHARE:
        raise NeedsOCRError(p, "the text layer has no Unicode mapping (only (cid:N) glyph codes): needs OCR")
    starts: list[int] = []
    tables: list[RawTable] = []
    pos = 0
    for n, pg in enumerate(pages, 1):
        starts.append(pos)
        for cells in pg.tables:
            shifted = tuple(dataclasses.replace(c, start=c.start + pos, end=c.end + pos) for c in cells)
            tables.append(RawTable(shifted, page=n))
        pos += len(pg.text) + 1
    return RawText(
        text="\n".join(texts),
        path=p,
        sha256=hashlib.sha256(data).hexdigest(),
        format="pdf",
        encoding=None,
        pages=tuple(starts),
        tables=tuple(tables),
    )
