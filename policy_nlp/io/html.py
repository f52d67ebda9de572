"""HTML files: decode the markup, and extract its visible text with a map back into the markup.

``load_html`` keeps the markup as :attr:`RawText.text` (so every offset points into the page as it
was fetched). :func:`visible_text` is the first normalization step for HTML: a small linear
tokenizer (no dependency) that drops ``head``/``script``/``style``/``noscript``/``template`` and
hidden elements, turns block elements and ``<br>`` into line breaks, collapses HTML whitespace, and
decodes entities. Each entity maps to its whole source range.

Tables: :func:`html_tables` tells *data* tables from *layout* tables (a page wrapped in a one-cell
``<table>``, a table holding another table, a single-column table, a cell of more than
:data:`MAX_CELL_CHARS` characters). A data table is laid out one ``<tr>`` per line with its cells
separated by ``"\\t"``; inside a cell, ``<p>``/``<div>``/``<br>`` and line breaks join with a space
(with nothing between two CJK characters), so a row stays on one line. Cells of layout tables are
separated by spaces, as before.

>>> text, omap = visible_text("<p>关于&amp;<b>通知</b></p><p>第二段</p>")
>>> text
'关于&通知\\n第二段\\n'
>>> omap.to_source(2, 3)          # "&" came from "&amp;"
(5, 10)
>>> visible_text("<table><tr><th>序号</th><th>任务</th></tr><tr><td>1</td><td><p>建设</p><p>平台</p></td></tr></table>")[0]
'序号\\t任务\\n1\\t建设平台\\n'
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.entities import html5

from policy_nlp.io.text import decode_bytes, read_bytes
from policy_nlp.model import RawCell, RawTable, RawText
from policy_nlp.offsets import OffsetMap, TextBuilder

__all__ = ["declared_charset", "html_tables", "load_html", "looks_like_html", "visible_text"]

#: elements whose content is never shown
HIDDEN = frozenset({"head", "title", "noscript", "template", "svg", "math", "iframe", "object", "select"})
#: elements whose content is raw text up to the matching end tag
RAW = frozenset({"script", "style", "textarea", "xmp"})
BLOCK = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt fieldset
    figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu
    nav ol p pre section summary table tbody tfoot thead tr ul""".split()
)
CELL = frozenset({"td", "th"})
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
PRE = frozenset({"pre", "plaintext", "listing"})

_ATTR_VALUE = r"""(?:"[^"]*"|'[^']*'|[^>"'])*"""
_TOKEN = re.compile(
    rf"""
    (?P<comment><!--.*?(?:-->|\Z))
  | (?P<decl><![^>]*>?)
  | (?P<pi><\?[^>]*>?)
  | (?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?P<attrs>{_ATTR_VALUE})>?)
  | (?P<entity>&(?:\#[0-9]{{1,8}}|\#[xX][0-9a-fA-F]{{1,7}}|[A-Za-z][A-Za-z0-9]{{0,31}});?)
  | (?P<space>[ \t\n\r\f]+)
    """,
    re.S | re.X,
)
_HIDDEN_ATTR = re.compile(
    r"""(?:^|\s)hidden(?:\s|=|/|$)|style\s*=\s*["'][^"']*(?:display\s*:\s*none|visibility\s*:\s*hidden)""",
    re.I,
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*(?P<cs>[A-Za-z0-9_.:-]+)""",
    re.I,
)
_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|meta\s)", re.I | re.S
)
# encodings pages declare, mapped to the Python codec that decodes what they really contain
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "euc-cn": "gb18030",
    "cp936": "gb18030",
    "utf8": "utf-8",
    "unicode": "utf-16",
}


def declared_charset(data: bytes) -> str | None:
    """The codec named by ``<meta charset>`` or ``http-equiv`` in the first 4 KB (GBK/GB2312 → gb18030).

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    'gb18030'
    >>> declared_charset(b"<p>no meta</p>") is None
    True
    """
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group("cs").decode("ascii").lower()
    return _CHARSET_ALIASES.get(name, name)


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML document (doctype, ``<html>``, ``<head>`` or ``<meta>``).

    >>> looks_like_html("<!DOCTYPE html><html>"), looks_like_html("正文 <b>x</b>")
    (True, False)
    """
    return bool(_HTML_START.match(text[:4096]))


def load_html(path: str | os.PathLike[str]) -> RawText:
    """Load an HTML page; :attr:`RawText.text` is the decoded markup.

    The charset comes from a BOM, then ``<meta charset>``/``http-equiv``, then detection as for text.
    Raises :class:`~policy_nlp.errors.LoadError` as :func:`~policy_nlp.io.text.load_text` does.
    """
    p, data = read_bytes(path)
    return _raw_html(p, data)


def _raw_html(p: str, data: bytes) -> RawText:
    text, codec = decode_bytes(data, p, declared=declared_charset(data))
    return RawText(
        text=text,
        path=p,
        sha256=hashlib.sha256(data).hexdigest(),
        format="html",
        encoding=codec,
        tables=html_tables(text),
    )


# -- tables ---------------------------------------------------------------------------------------
#: a cell with more visible characters than this makes its table a layout table
MAX_CELL_CHARS = 1000
#: spans larger than this are clamped (a page's ``rowspan="9999"``)
MAX_SPAN = 1000
_SPAN_ATTR = {
    name: re.compile(rf"""(?:^|\s){name}\s*=\s*["']?\s*(?P<n>\d+)""", re.I) for name in ("rowspan", "colspan")
}
_MARKUP = re.compile(r"<[^>]*>|&[#A-Za-z0-9]+;?|\s+")


# only the tags the table scan needs (and comments and raw-text elements, to skip what they hide):
# one regex search per such tag instead of a token per word, space and entity of the page
_TABLE_TOKEN = re.compile(
    rf"""<!--.*?(?:-->|\Z)
      | <(?P<close>/?)(?P<name>table|thead|tbody|tfoot|tr|td|th|script|style|textarea|xmp)
        (?=[\s/>]|\Z)(?P<attrs>{_ATTR_VALUE})>?""",
    re.I | re.S | re.X,
)
_TABLE_HINT = re.compile(r"<t[adhr]", re.I)


def _span(attrs: str, name: str) -> int:
    m = _SPAN_ATTR[name].search(attrs)
    return max(1, min(MAX_SPAN, int(m.group("n")))) if m else 1


@dataclass(slots=True)
class _ScanTable:
    start: int  # offset of the <table> tag
    nested: bool = False
    rows: list[list[tuple[int, int, int, int, bool]]] = field(default_factory=list)
    cell: tuple[int, int, int, bool] | None = None  # open cell: content start, rowspan, colspan, th
    thead: bool = False

    def close_cell(self, at: int) -> None:
        if self.cell is not None:
            start, rs, cs, th = self.cell
            if not self.rows:
                self.rows.append([])
            self.rows[-1].append((start, at, rs, cs, th))
            self.cell = None


def _scan_tables(markup: str) -> list[tuple[_ScanTable, bool]]:
    """Every ``<table>`` of ``markup`` with its rows and cells, and whether it is a data table."""
    done: list[_ScanTable] = []
    stack: list[_ScanTable] = []
    pos, n = 0, len(markup)
    while pos < n:
        m = _TABLE_TOKEN.search(markup, pos)
        if m is None:
            break
        pos = m.end()
        name = m.group("name")
        if not name:
            continue  # a comment
        name = name.lower()
        closing = bool(m.group("close"))
        if name in RAW and not closing:
            end = re.compile(rf"</{name}\s*>", re.I).search(markup, pos)
            pos = end.end() if end else n
            continue
        if name == "table":
            if not closing:
                if stack:
                    stack[-1].nested = True
                stack.append(_ScanTable(m.start()))
            elif stack:
                t = stack.pop()
                t.close_cell(m.start())
                done.append(t)
            continue
        if not stack:
            continue
        t = stack[-1]
        if name == "tr":
            t.close_cell(m.start())
            if not closing:
                t.rows.append([])
        elif name in CELL:
            t.close_cell(m.start())
            if not closing:
                attrs = m.group("attrs") or ""
                t.cell = (pos, _span(attrs, "rowspan"), _span(attrs, "colspan"), name == "th" or t.thead)
        elif name == "thead":
            t.thead = not closing
        elif name in ("tbody", "tfoot"):
            t.close_cell(m.start())
            t.thead = False
    while stack:  # tables never closed
        t = stack.pop()
        t.close_cell(n)
        if stack:
            stack[-1].nested = True
        done.append(t)
    done.sort(key=lambda t: t.start)
    return [(t, _is_data(markup, t)) for t in done]


def _is_data(markup: str, t: _ScanTable) -> bool:
    rows = [r for r in t.rows if r]
    if t.nested or len(rows) < 2 or max(sum(c[3] for c in r) for r in rows) < 2:
        return False
    return all(len(_MARKUP.sub("", markup[c[0] : c[1]])) <= MAX_CELL_CHARS for r in rows for c in r)


def _raw_table(t: _ScanTable) -> RawTable:
    cells: list[RawCell] = []
    taken: set[tuple[int, int]] = set()
    row = 0
    for r in t.rows:
        if not r:
            continue
        col = 0
        for start, end, rs, cs, th in r:
            while (row, col) in taken:
                col += 1
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((row + dr, col + dc))
            cells.append(RawCell(row, col, start, end, rowspan=rs, colspan=cs, header=th))
            col += cs
        row += 1
    return RawTable(tuple(cells))


def html_tables(markup: str) -> tuple[RawTable, ...]:
    """The data tables of a page, their cells as offsets into ``markup`` (the cell's content, between
    its tags), grid positions computed with row and column spans; ``<th>`` and ``<thead>`` cells are
    marked ``header``. Layout tables (see the module docstring) are left out.

    >>> (t,) = html_tables("<table><tr><td rowspan=2>a</td><td>b</td></tr><tr><td>c</td></tr></table>")
    >>> [(c.row, c.col, c.rowspan) for c in t.cells]
    [(0, 0, 2), (0, 1, 1), (1, 1, 1)]
    >>> html_tables("<table><tr><td><p>the whole page</p></td></tr></table>")
    ()
    """
    return tuple(_raw_table(t) for t in _data_tables(markup))


@lru_cache(maxsize=2)
def _data_tables(markup: str) -> tuple[_ScanTable, ...]:
    """The data tables of ``markup``, scanned once per page: loading (:func:`html_tables`) and
    normalization (:func:`visible_text`) both ask for them."""
    if not _TABLE_HINT.search(markup):
        return ()
    return tuple(t for t, data in _scan_tables(markup) if data)


def _entity(src: str) -> str | None:
    body = src[1:]
    semi = body.endswith(";")
    if body.startswith("#"):
        digits = body[1:].rstrip(";")
        try:
            cp = int(digits[1:], 16) if digits[:1] in ("x", "X") else int(digits)
        except ValueError:
            return None
        if cp == 0 or cp > 0x10FFFF or 0xD800 <= cp <= 0xDFFF:
            return "\ufffd"
        return chr(cp)
    if semi:
        return html5.get(body)
    return html5.get(body) if body in html5 else None


def _is_wide(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef"


class _Extractor:
    __slots__ = (
        "b",
        "data_tables",
        "hide",
        "hide_depth",
        "hide_name",
        "in_cell",
        "last",
        "markup",
        "pending",
        "pre",
        "row_cells",
        "tables",
    )

    def __init__(self, markup: str, data_tables: frozenset[int] = frozenset()) -> None:
        self.markup = markup
        self.b = TextBuilder(markup)
        self.hide: dict[str, int] = {}
        self.hide_name: str | None = None
        self.hide_depth = 0
        self.pre = 0
        self.last = "\n"
        self.data_tables = data_tables  # offsets of the <table> tags of data tables
        self.tables: list[bool] = []  # open tables, innermost last: True for a data table
        self.in_cell = False  # inside a cell of a data table
        self.row_cells = 0  # cells opened in the current row of a data table
        self.pending = ""  # a separator owed inside a cell: " " (a space) or "b" (a block break)

    @property
    def in_data(self) -> bool:
        return bool(self.tables) and self.tables[-1]

    def settle(self, i: int) -> None:
        """Put the separator owed inside a cell before the visible text at ``markup[i]``."""
        if self.pending:
            if self.last not in " \t\n" and not (
                self.pending == "b" and _is_wide(self.last) and i < len(self.markup) and _is_wide(self.markup[i])
            ):
                self.emit(i, i, " ")
            self.pending = ""

    @property
    def visible(self) -> bool:
        return self.hide_name is None and not any(self.hide.values())

    def emit_copy(self, i: int, j: int) -> None:
        if i < j:
            self.b.copy(i, j)
            self.last = self.markup[j - 1]

    def emit(self, i: int, j: int, text: str) -> None:
        self.b.replace(i, j, text)
        if text:
            self.last = text[-1]

    def data(self, i: int, j: int) -> None:
        if not self.visible:
            self.b.drop(i, j)
        else:
            self.settle(i)
            self.emit_copy(i, j)

    def space(self, i: int, j: int) -> None:
        if not self.visible:
            self.b.drop(i, j)
        elif self.in_data:
            self.b.drop(i, j)  # between cells: nothing; inside a cell: a separator owed
            if self.in_cell and self.pending != "b":
                self.pending = "b" if "\n" in self.markup[i:j] else " "
        elif self.pre:
            self.emit_copy(i, j)
        elif self.last in " \n":
            self.b.drop(i, j)
        elif (
            "\n" in self.markup[i:j]
            and _is_wide(self.last)
            and j < len(self.markup)
            and _is_wide(self.markup[j])
        ):
            self.b.drop(i, j)  # a source line break between two CJK characters renders as nothing
        else:
            self.emit(i, j, " ")

    def tag(self, i: int, j: int, name: str, attrs: str, closing: bool) -> int:
        """Handle a tag at ``markup[i:j]``; returns where scanning resumes."""
        name = name.lower()
        self_closing = attrs.rstrip().endswith("/")
        if self.hide_name is not None:
            if name == self.hide_name and name not in VOID and not self_closing:
                self.hide_depth += -1 if closing else 1
                if self.hide_depth == 0:
                    self.hide_name = None
            self.b.drop(i, j)
            return j
        if name in RAW and not closing and not self_closing:
            end = re.compile(rf"</{name}\s*>", re.I).search(self.markup, j)
            stop = end.end() if end else len(self.markup)
            if name == "textarea" and self.visible and end:
                self.b.drop(i, j)
                self.emit_copy(j, end.start())
                self.b.drop(end.start(), stop)
            else:
                self.b.drop(i, stop)
            return stop
        if name == "body" and not closing:
            self.hide.clear()
        if name in HIDDEN and not self_closing:
            self.hide[name] = max(0, self.hide.get(name, 0) + (-1 if closing else 1))
        elif not closing and name not in VOID and not self_closing and _HIDDEN_ATTR.search(attrs):
            self.hide_name, self.hide_depth = name, 1
        if name in PRE:
            self.pre = max(0, self.pre + (-1 if closing else 1))
        if not self.visible:
            self.b.drop(i, j)
        elif name == "table" or self.in_data:
            self.table_tag(i, j, name, closing)
        elif name == "br":
            self.emit(i, j, "\n")
        elif name in BLOCK:
            if self.last != "\n":
                self.emit(i, j, "\n")
            else:
                self.b.drop(i, j)
        elif name in CELL and closing and self.last not in " \n":
            self.emit(i, j, " ")
        else:
            self.b.drop(i, j)
        return j

    def table_tag(self, i: int, j: int, name: str, closing: bool) -> None:
        """A tag inside a data table, or a ``<table>`` tag: rows on lines, cells after tabs."""
        if name == "table":
            if closing:
                if self.tables:
                    self.tables.pop()
            else:
                self.tables.append(i in self.data_tables)
            self.in_cell, self.pending, self.row_cells = False, "", 0
            self.block(i, j)
        elif name == "tr":
            self.in_cell, self.pending = False, ""
            if closing:
                self.b.drop(i, j)
            else:
                self.row_cells = 0
                self.block(i, j)
        elif name in CELL:
            self.pending = ""
            if closing:
                self.in_cell = False
                self.b.drop(i, j)
                return
            if self.row_cells:
                self.emit(i, j, "\t")
            else:
                self.block(i, j)
            self.row_cells += 1
            self.in_cell = True
        elif self.in_cell:
            self.b.drop(i, j)
            if name == "br" or name in BLOCK:
                self.pending = "b"
        elif name in BLOCK:
            self.block(i, j)
        else:
            self.b.drop(i, j)

    def block(self, i: int, j: int) -> None:
        if self.last != "\n":
            self.emit(i, j, "\n")
        else:
            self.b.drop(i, j)

    def run(self) -> tuple[str, OffsetMap]:
        markup = self.markup
        pos = 0
        n = len(markup)
        while pos < n:
            m = _TOKEN.search(markup, pos)
            if m is None:
                self.data(pos, n)
                break
            i, j = m.span()
            if i > pos:
                self.data(pos, i)
            kind = m.lastgroup
            if kind == "tag" or m.group("name"):
                pos = self.tag(i, j, m.group("name"), m.group("attrs") or "", markup[i + 1] == "/")
                continue
            if kind == "space":
                self.space(i, j)
            elif kind == "entity":
                value = _entity(m.group())
                if value is None:
                    self.data(i, j)
                elif not self.visible:
                    self.b.drop(i, j)
                else:
                    self.settle(i)
                    self.emit(i, j, value)
            else:  # comment, declaration, processing instruction
                self.b.drop(i, j)
            pos = j
        return self.b.build()


def visible_text(markup: str) -> tuple[str, OffsetMap]:
    """The text a browser would show for ``markup``, one block per line, with its offset map.

    Entities are decoded (``&nbsp;`` becomes U+00A0, folded later by normalization).

    >>> visible_text("<head><title>x</title></head><body>一、总体要求<br>二、目标</body>")[0]
    '一、总体要求\\n二、目标\\n'
    """
    data = frozenset(t.start for t in _data_tables(markup))
    return _Extractor(markup, data).run()
