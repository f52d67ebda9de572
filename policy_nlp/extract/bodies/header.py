"""The document header: issuers (title line, meta, name lines) and addressees (``bodies.header.v1``)."""

from __future__ import annotations

import re
from collections.abc import Collection

from policy_nlp.extract.bodies.gazetteer import _CJK
from policy_nlp.extract.bodies.index import _index
from policy_nlp.extract.bodies.lists import _LIST_ENDS
from policy_nlp.model import (
    Meta,
)

# -- header ------------------------------------------------------------------------------------------
_TITLE_RE = re.compile(rf"^(?P<issuer>[{_CJK}() 、]{{2,60}}?)关于[^\n]{{2,200}}$", re.MULTILINE)
_ADDRESSEE_RE = re.compile(r"^(?P<line>[^\n:。]{2,150})[::]\s*$", re.MULTILINE)
_ADDRESSEE_HINT = re.compile(r"各|工会|政府|部门|单位|委|办|局|厅|机构|机关|公司|学校")

#: the names of a title's issuer line (江苏省人民政府 江苏省财政厅, A、B)
_ISSUER_PART = re.compile(r"[^ 、]+")
#: the first line of the body: a long line that ends a sentence (the addressees stand before it)
_BODY_LINE = re.compile(r"^[^\n]{30,}[。;]\s*$", re.MULTILINE)
#: what an addressee line does not hold: a sentence, a title, a modal, a list number
_NOT_ADDRESSEE = re.compile(r"[。;]|关于|要|应|将|须|负责|^\s*(?:[\d(一二三四五六七八九十]|为|根据|按照)")
#: the names of an addressee line
_ADDRESSEE_PART = re.compile(r"[^,;,;]+")


def _header_spans(text: str, meta: Meta) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """(issuer name spans, addressee name spans) of the header, from meta or the text itself."""
    head_end = _nth_line_end(text, 25)
    issuers: list[tuple[int, int, str]] = []
    addressees: list[tuple[int, int, str]] = []
    if meta.issuers:
        for name in meta.issuers:
            k = text.find(name, 0, head_end)
            while name and k >= 0:
                if not any(a < k + len(name) and k < b for a, b, _ in issuers) and not _in_prose(text, k):
                    issuers.append((k, k + len(name), name))
                k = text.find(name, k + len(name), head_end)
        issuers.sort()
    else:
        first: str | None = None
        for m in _TITLE_RE.finditer(text, 0, head_end):
            if first is not None and m.group("issuer") != first:
                continue
            if not m.group("issuer").endswith((*_LIST_ENDS, "党委", "省委", "市委", "县委", "区委")):
                continue  # 为深入贯彻…关于…: a sentence, not an issuer
            first = m.group("issuer")
            for part in _ISSUER_PART.finditer(m.group("issuer")):
                s = m.start("issuer") + part.start()
                issuers.append((s, s + len(part.group()), part.group()))
    if meta.addressees:
        for name in meta.addressees:
            k = text.find(name, 0, head_end)
            if k >= 0:
                addressees.append((k, k + len(name), name))
    else:
        body = _BODY_LINE.search(text, 0, head_end)
        for m in _ADDRESSEE_RE.finditer(text, 0, body.start() if body else head_end):
            line = m.group("line")
            if _ADDRESSEE_HINT.search(line) and not _NOT_ADDRESSEE.search(line):
                for part in _ADDRESSEE_PART.finditer(line):
                    s = m.start("line") + part.start()
                    name = part.group().strip()
                    if name:
                        s += part.group().index(name)
                        addressees.append((s, s + len(name), name))
                break
    return issuers, addressees


_PERSON_TITLES = ("代表", "委员", "主席", "同志", "先生", "女士", "总理", "部长", "省长", "市长", "主任")


def _in_prose(text: str, pos: int) -> bool:
    """Whether ``pos`` lies on a line of running text (one with 。 or ,), not a header line: the issuer
    named in the opening paragraph (国务院决定…) is not the header's issuer mention."""
    ix = _index(text)
    ls = ix.line_start(pos)
    prose = ix.prose.get(ls)
    if prose is None:  # once per line
        le = ix.line_end(pos)
        prose = ix.prose[ls] = text.find("。", ls, le) >= 0 or text.find(",", ls, le) >= 0
    return prose


_LINE_PAD = frozenset(" \t\n")


def _name_lines(text: str, names: Collection[str]) -> list[tuple[int, int, str]]:
    """Lines of ``text`` that are one of ``names`` (between spaces or tabs), as (start, end, name).

    >>> _name_lines("通知\\n  上海市总工会 \\n上海市总工会关于", {"上海市总工会"})
    [(5, 11, '上海市总工会')]
    """
    ix = _index(text)
    n = len(text)
    line_starts: set[int] = set()
    for name in names:
        k = text.find(name) if name else -1
        while k >= 0:
            e = k + len(name)
            # a line that is the name holds it between its bounds, spaces or tabs (a cheap test first)
            if (k == 0 or text[k - 1] in _LINE_PAD) and (e == n or text[e] in _LINE_PAD):
                line_starts.add(ix.line_start(k))
            k = text.find(name, k + 1)
    out = []
    for ls in sorted(line_starts):
        line = text[ls : ix.line_end(ls)]
        name = line.strip(" \t")
        if not name:  # a line of spaces: the name is its last character
            name = line[-1:]
        s = ls + len(line) - len(line.lstrip(" \t")) if name.strip(" \t") else ls + len(line) - 1
        if name and name in names:
            out.append((s, s + len(name), name))
    return out


def _nth_line_end(text: str, n: int) -> int:
    pos = 0
    for _ in range(n):
        k = text.find("\n", pos)
        if k < 0:
            return len(text)
        pos = k + 1
    return pos
