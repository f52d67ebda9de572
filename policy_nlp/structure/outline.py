"""Section hierarchy of an official document (GB/T 9704 numbering and regulation articles).

A heading is a line that starts with one of these numbering styles (leading spaces and Markdown
``#`` marks are skipped):

=============  ===========================
style          number as written
=============  ===========================
``part``       第一部分
``chapter``    第一章
``section``    第一节
``article``    第一条 (numbered through the whole text)
``cn``         一、 (also 一. 一．)
``paren_cn``   (一) （一） ㈠
``arabic``     1. 1、 1．
``paren_num``  (1) （1） ⑴
``circled``    ① … ⑳
=============  ===========================

Levels follow the order in which the document first uses its styles (the first style seen is level
1), so a text whose top level is ``(一)`` gets ``(一)`` at level 1, and a judicial interpretation
grouped under ``一、一般规定`` puts its articles inside those groups. The regulation styles keep
their own order among themselves whenever they first appear: a 第X节 first seen after some 第X条
still ranks between 章 and 条. A candidate becomes a heading only if its number is
plausible: the first of a style under a parent is 1, a sibling continues its predecessor (a gap of
one number is tolerated for scrape losses), chapters and articles count through the whole text.
``1.5倍``, ``2015年``, ``1万名`` are never headings (the number must be followed by its mark).
Dash bullets (``——…``) are items of their section, not sections (the goals extractor uses them).
In a text printed without its line breaks (the whole notice on one line), a 一、 or (一) right after
a sentence end (。;:) or a closing bracket, or after a run of spaces, may start a section too (the
numbering must still run in order; a list inside one sentence, ``包括:一、资金;二、土地。``, does
not), and so may a (一) glued to its parent's heading (``二、主要内容(一)生态环境规划制度制定``); such a
heading ends at a run of spaces or at the glued (一).

``level`` is the depth in the tree, ``id`` the dotted path of numbers. A table of contents (heading
lines only, then the numbering starts again at 1) is not part of the outline. When a second document
follows in the same text (its title line, then 一、 again: a notice that issues two regulations), its
sections are numbered anew and their ids get the prefix ``2/`` (``2/1``, ``2/1.1``; ``3/`` …); so are
the sections of each attachment printed after the outline (from its ``附件``/``附件2`` label line),
unless its title names a list or table (…推广清单, …考核指标, …一览表). A section spans from its
number to just before the next heading of the same or a higher level (or the signature block at the
end of the document), trailing whitespace excluded. The heading is the text after the number up to
the first 。 : ; on the line (for ``1、广泛开展岗位建功行动。大力开展…`` it is
``广泛开展岗位建功行动``); an article's heading is empty unless it has a 【title】; a short
chapter heading spaced out for typography (``总  则``) is packed (``总则``).
Rule id: ``outline.numbering.v1``.

>>> text = "一、总体要求\\n坚持。\\n二、主要任务\\n(一)加强领导。要求…\\n(二)完善机制\\n三、保障"
>>> [(s.id, s.level, s.number, s.heading, s.parent) for s in find_sections(text)]
[('1', 1, '一、', '总体要求', None), ('2', 1, '二、', '主要任务', None), ('2.1', 2, '(一)', '加强领导', '2'), ('2.2', 2, '(二)', '完善机制', '2'), ('3', 1, '三、', '保障', None)]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from policy_nlp.model import Section, Table
from policy_nlp.numerals import cn_int
from policy_nlp.records import fast_constructor
from policy_nlp.structure.numbering import (
    CIRCLED_CHARS,
    CLOSE,
    FIXED_RANK,
    GLOBAL_COUNT,
    OPEN,
    PAREN_CN_CHARS,
    PAREN_NUM_CHARS,
    STYLES,
)
from policy_nlp.structure.numbering import HEADING_RE as _HEAD
from policy_nlp.structure.numbering import LEAD_SKIP as _SKIP

__all__ = ["RULE", "STYLES", "SectionIndex", "cn_int", "find_sections"]

RULE = "outline.numbering.v1"


#: a line that may start with a heading: one of the characters every style starts with, after _SKIP
_MAYBE_HEADING = re.compile(
    rf"(?m)^{_SKIP.pattern}[第一二三四五六七八九十百零〇两(（\d{PAREN_CN_CHARS}{PAREN_NUM_CHARS}{CIRCLED_CHARS}]"
)
#: the same after a line break (the break included): ``re`` skips from one "\n" to the next in C, where
#: a pattern that starts with ``^`` is tried at every position
_MAYBE_HEADING_AFTER_BREAK = re.compile("\n" + _MAYBE_HEADING.pattern.removeprefix("(?m)^"))


def _maybe_headings(text: str) -> list[tuple[int, int]]:
    """(line start, end) of the matches of ``_MAYBE_HEADING.finditer(text)``: a match lies inside its
    line, so there is one per line at most, found at the text's start or after a line break.

    >>> text = "一、总则\\n  (一)目标\\n说明\\n2.措施"
    >>> _maybe_headings(text) == [m.span() for m in _MAYBE_HEADING.finditer(text)]
    True
    """
    first = _MAYBE_HEADING.match(text)
    spans = [first.span()] if first else []
    spans += [(m.start() + 1, m.end()) for m in _MAYBE_HEADING_AFTER_BREAK.finditer(text)]
    return spans


_HEADING_END = re.compile(r"[。:：;；]")
_NON_SPACE = re.compile(r"\S")
_ARTICLE_TITLE = re.compile(r"\s*[【〔\[]([^】〕\]\n]{1,30})[】〕\]]")
_CHAR_VALUE = {
    c: i + 1 for chars in (PAREN_CN_CHARS, PAREN_NUM_CHARS, CIRCLED_CHARS) for i, c in enumerate(chars)
}


@dataclass(slots=True)
class _Frame:
    style: str
    n: int
    id: str
    number: str
    heading: str
    start: int
    parent: str | None
    level: int
    children: dict[str, int] = field(default_factory=dict)


#: style -> the groups of _HEAD that may hold its number: (numeral, single character)
_NUMBER_GROUPS = {
    style: (
        f"n_{style}" if f"(?P<n_{style}>" in pat else None,
        f"c_{style}" if f"(?P<c_{style}>" in pat else None,
    )
    for style, pat in STYLES.items()
}


def _number_value(m: re.Match[str], style: str) -> int | None:
    n_group, c_group = _NUMBER_GROUPS[style]
    raw = m.group(n_group) if n_group else None
    if raw is not None:
        return _cn_int(raw)
    ch = m.group(c_group) if c_group else None
    return _CHAR_VALUE.get(ch) if ch else None


_cn_int = lru_cache(maxsize=1024)(cn_int)  # headings repeat the same few numerals


def _heading(text: str, start: int, end: int, style: str) -> str:
    """The heading of a ``style`` number whose line goes on at ``text[start:end]``."""
    if style == "article":
        t = _ARTICLE_TITLE.match(text, start, end)
        return t.group(1).strip() if t else ""
    if style in ("part", "chapter", "section"):
        head = text[start:end].strip()
        packed = re.sub(r"\s+", "", head)
        return packed if len(packed) <= 6 else head  # 总  则 is spaced out for typography only
    cut = _HEADING_END.search(text, start, end)
    return text[start : cut.start() if cut else end].strip()


#: the title line of a document printed after another one in the same text (a notice that issues two
#: regulations): no sentence punctuation, ends in a genre word
_ATTACHED_TITLE = re.compile(
    r"[^。；;：:，,]{2,60}(?:规定|办法|方案|意见|细则|规划|纲要|措施|清单|要点|计划|规则|条例|决定|制度|指引|标准)"
    r"(?:[(（][^()（）]{1,12}[)）])?"
)


def _attached_title_before(text: str, start: int, lines: int = 3) -> int | None:
    """Start of a document title among the ``lines`` non-blank lines before ``start`` (the title may
    be followed by a preamble: 为…,特制定以下规定:), else None."""
    j = text.rfind("\n", 0, start)
    while j > 0 and lines:
        i = text.rfind("\n", 0, j) + 1
        line = text[i:j].strip()
        if line:
            if _ATTACHED_TITLE.fullmatch(line) and not _HEAD.match(line.lstrip("# \u3000")):
                return i
            lines -= 1
        j = i - 1
    return None


#: an excerpt that starts mid-outline has at most this many characters before its first heading (or
#: only header lines, no sentence)
_EXCERPT_LEAD = 200
#: the usual order of the GB/T 9704 numbering styles, highest first
_GB_ORDER = ("cn", "paren_cn", "arabic", "paren_num", "circled")


def _outranks(style: str, order: list[str]) -> bool:
    """Whether ``style`` usually stands above the document's top style (一、 above (一))."""
    return (
        style in _GB_ORDER
        and bool(order)
        and order[0] in _GB_ORDER
        and (_GB_ORDER.index(style) < _GB_ORDER.index(order[0]))
    )


def _rank(order: list[str], style: str) -> int:
    """Position of ``style`` in the document's style order (where it would be inserted if new): a
    new regulation style goes above the regulation styles it outranks, any other new style last."""
    if style in order:
        return order.index(style)
    if style in FIXED_RANK:
        for i, other in enumerate(order):
            if other in FIXED_RANK and FIXED_RANK[other] > FIXED_RANK[style]:
                return i
    return len(order)


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _open(
    text: str, m: re.Match[str], style: str, n: int, sid: str, parent: _Frame | None, level: int, line_end: int
) -> _Frame:
    """The frame of the section whose number ``m`` opens."""
    start, end = m.span()  # (positional: a frame is made for every heading)
    heading = _heading(text, end, line_end, style)
    return _Frame(style, n, sid, m.group(), heading, start, parent.id if parent is not None else None, level)


def _break_before(text: str, at: int) -> int | None:
    """Where the sections closed by a number at ``at`` end when just a line break precedes it."""
    return at - 1 if text[at - 1 : at] == "\n" and not text[at - 2 : at - 1].isspace() else None


def find_sections(text: str, *, tables: Sequence[Table] = ()) -> list[Section]:
    """Sections of ``text`` in document order (parents before their children); lines inside
    ``tables`` (``一、医疗质量<TAB>(一)功能定位`` in an indicator table) are never headings.

    >>> reg = "第一章 总则\\n第一条 为了规范管理,制定本办法。\\n第二条 本办法适用于:\\n(一)甲;\\n(二)乙。\\n第二章 附则\\n第三条 自发布之日起施行。"
    >>> [(s.id, s.number, s.heading) for s in find_sections(reg)]
    [('1', '第一章', '总则'), ('1.1', '第一条', ''), ('1.2', '第二条', ''), ('1.2.1', '(一)', '甲'), ('1.2.2', '(二)', '乙'), ('2', '第二章', '附则'), ('2.3', '第三条', '')]
    """
    from policy_nlp.structure.meta import outline_bounds

    body_end, all_stops = outline_bounds(text)
    stops = [x for x in all_stops if x < body_end]
    order: list[str] = []  # styles from the highest level down, in order of first use
    last_global: dict[str, int] = {}
    top_children: dict[str, int] = {}
    stack: list[_Frame] = []
    used: set[str] = set()
    done: list[tuple[_Frame, int]] = []
    prefix = ""  # "2/" … for the sections of a second document printed after the first
    contents_only = True  # so far only heading lines: a table of contents (目录) before the body
    excerpt = False  # the text starts mid-outline (its first heading is (三), not (一))
    prev_end = 0  # end of the last line visited
    n_text = len(text)
    # Only lines that may hold a heading change the outline. At every line start the original walk
    # checked the stops up to it; the first one reached while a section is open ends the body, and
    # between two heading lines nothing changes, so the stops are checked at the heading lines and,
    # for the stops after the last one, below.
    inside = sorted((t.start, t.end) for t in tables)
    unbroken = _is_unbroken(text)
    for pos, at in _candidates(text, unbroken=unbroken):
        if inside and any(a <= pos < b for a, b in inside):
            continue
        while stops and stops[0] <= pos:
            if stack:  # a signature block or 附件 line after the outline ends the body
                body_end = stops[0]
                break
            stops.pop(0)
        if pos >= body_end:
            break
        nl = text.find("\n", pos)
        line_end = n_text if nl < 0 else nl
        if unbroken:  # the heading's piece of the line ends at a run of spaces
            line_end = _piece_end(text, pos, line_end)
            skip = _SKIP.match(text, pos, line_end)
            at = skip.end() if skip else pos
        m = _HEAD.match(text, at, line_end)
        if (
            contents_only
            and stack
            and (
                _NON_SPACE.search(text, prev_end, pos)
                or ((m is None or m.lastgroup is None) and _NON_SPACE.search(text, at, line_end))
            )
        ):
            contents_only = False  # a line that is no heading, visited or between the visited ones
        prev_end = line_end
        if m is not None and m.lastgroup is not None:
            style = m.lastgroup
            n_group, c_group = _NUMBER_GROUPS[style]  # (_number_value, inline)
            raw = m.group(n_group) if n_group else None
            if raw is not None:
                n = _cn_int(raw)
            else:
                ch = m.group(c_group) if c_group else None
                n = _CHAR_VALUE.get(ch) if ch else None
            top = stack[-1] if stack else None
            if top is not None and top.style == style and n is not None and n == top.n + 1 and not excerpt:
                # the next sibling of the innermost open section (第五条 after 第四条, (三) after (二)):
                # what the walk below decides for it, without the search for where it attaches
                k = len(stack) - 1
                parent = stack[k - 1] if k else None
                sid = f"{parent.id}.{n}" if parent is not None else f"{prefix}{n}"
                if sid not in used:
                    used.add(sid)
                    end = _break_before(text, at)
                    done.append(
                        (
                            top,
                            end if end is not None and end > top.start else _rstrip_end(text, top.start, at),
                        )
                    )
                    stack.pop()
                    (parent.children if parent is not None else top_children)[style] = n
                    if style in GLOBAL_COUNT:
                        last_global[style] = n
                    stack.append(_open(text, m, style, n, sid, parent, k + 1, line_end))
                continue
            rank = order.index(style) if style in order else _rank(order, style)
            # where would it attach?
            k = len(stack)
            while k and order.index(stack[k - 1].style) >= rank:
                k -= 1
            siblings = stack[k - 1].children if k else top_children
            if style in GLOBAL_COUNT:
                prev = last_global.get(style, 0)
            else:
                prev = siblings.get(style, 0)
            first_article = style == "article" and not prev and text[m.end() : m.end() + 1] in " \t\u3000"
            plausible = n is not None and (first_article or (prev < n <= prev + 2 and (prev or n == 1)))
            if (
                not plausible
                and n is not None
                and not order
                and not done
                and style in ("cn", "paren_cn")
                and (len(text[:pos].strip()) <= _EXCERPT_LEAD or "。" not in text[:pos])
            ):
                plausible = excerpt = True  # an excerpt that starts mid-outline: (三) … before any sentence
            elif n is not None and (
                (
                    excerpt
                    and (
                        (style not in order and _outranks(style, order))
                        or (n == 1 and k == 0 and style == order[0] and not contents_only)
                    )
                )
                or (
                    not plausible
                    and n > 1
                    and style in ("part", "chapter")
                    and style not in order
                    and not last_global.get(style)
                    and all(o not in FIXED_RANK or FIXED_RANK[o] > FIXED_RANK[style] for o in order)
                )
            ):
                # the higher numbering the excerpt began under (三、 after (三)(四)), or its own style
                # starting again at 1 (a stray 三、 before the outline), or a regulation whose first
                # chapter heading is lost (第二章 after 第一条…第六条): the sections so far become
                # document 0 (0/3, 0/4), and the outline starts again from this heading
                for f in stack:
                    done.append((f, _rstrip_end(text, f.start, at)))
                del stack[:]
                for f, _end in done:  # (a later document's sections, 2/1 …, keep their ids)
                    f.id = _demoted(f.id)
                    f.parent = _demoted(f.parent) if f.parent else None
                used = {_demoted(x) for x in used}
                top_children.clear()
                for key in [x for x in last_global if x != "article"]:  # articles count on through the text
                    del last_global[key]
                if style not in order:
                    rank = _rank(order, style) if style in FIXED_RANK else 0
                k, siblings, excerpt, plausible = 0, top_children, False, True
            title_at = None
            if not plausible and n == 1 and k == 0 and style == order[0]:
                if contents_only:  # the table of contents ends: its entries are no sections
                    stack.clear()
                    done.clear()
                    used.clear()
                    top_children.clear()
                    last_global.clear()
                    plausible = True
                else:
                    title_at = _attached_title_before(text, m.start())
            if title_at is not None:  # a second document (its title line, then 一、 again) restarts
                for f in stack:
                    done.append((f, _rstrip_end(text, f.start, title_at)))
                del stack[:]
                top_children.clear()
                last_global.clear()
                prefix = f"{int(prefix.rstrip('/') or 1) + 1}/"
                plausible = True
            parent_id = stack[k - 1].id if k and stack else None
            sid = f"{parent_id}.{n}" if parent_id else f"{prefix}{n}"
            if plausible and n is not None and sid not in used:  # two styles cannot share an id
                used.add(sid)
                if style not in order:
                    order.insert(rank, style)
                if k < len(stack):
                    # the sections closed here end before the spaces in front of the number (most
                    # often just the line break)
                    end = _break_before(text, at)
                    for f in stack[k:]:
                        done.append(
                            (f, end if end is not None and end > f.start else _rstrip_end(text, f.start, at))
                        )
                    del stack[k:]
                siblings[style] = n
                if style in GLOBAL_COUNT:
                    last_global[style] = n
                parent = stack[-1] if stack else None
                stack.append(_open(text, m, style, n, sid, parent, len(stack) + 1, line_end))
    if stack and stops:
        # the first stop left is reached at the first line start at or after it, if that lies in the body
        s = stops[0]
        reached = s if s == 0 or text[s - 1] == "\n" else text.find("\n", s) + 1 or n_text
        if reached < body_end:
            body_end = s
    for f in stack:
        done.append((f, _rstrip_end(text, f.start, body_end)))
    done.sort(key=lambda fe: fe[0].start)
    new_section = fast_constructor(Section)
    out = [new_section(f.id, f.level, f.number, f.heading, f.start, end, f.parent) for f, end in done]
    after = max((s.end for s in out), default=0)
    return out + _attachment_sections(text, all_stops, after, int(prefix.rstrip("/") or 1) if out else 0)


#: the label line that opens an attachment after the signature: 附件, 附件2, 附件3:
_ATTACHMENT_LABEL = re.compile(r"[ \t\u3000]*附\s*件\s*[0-9一二三四五六七八九十]{0,2}\s*[:：]?[ \t\u3000]*$")


#: the title line after an attachment's label, and the titles of attachments that are lists or tables
_TITLE_AFTER_LABEL = re.compile(r"\s*([^\n]+)")
_TABLE_TITLE = re.compile(r"(?:清单|指标|一览表|[^代]表|目录|名单|名录)(?:[(（][^()（）]*[)）])?\s*$")


def _attachment_sections(text: str, stops: list[int], after: int, last_doc: int) -> list[Section]:
    """Sections of the attachments printed after the outline (each from its 附件N label line to the
    next one), numbered as further documents: ``2/1``, ``2/1.1``, ``3/1`` … (``1``, ``1.1`` … when
    the text before them has no outline: ``last_doc`` 0)."""
    # (a label at 0 is the attachment's own, when this outlines one attachment: no recursion)
    labels = [
        x for x in stops if x >= after and x > 0 and _ATTACHMENT_LABEL.match(text, x, _line_end(text, x))
    ]
    out: list[Section] = []
    if not labels:
        return out
    for a, b in zip(labels, [*labels[1:], len(text)], strict=True):
        title = _TITLE_AFTER_LABEL.match(text, _line_end(text, a))
        if title and _TABLE_TITLE.search(title.group(1)):
            continue  # a list or table (推广清单, 考核指标): its rows are no sections
        inner = find_sections(text[a:b])
        if not inner:
            continue
        docs: dict[int, int] = {}  # the attachment's own documents (0, 1, 2 …) → the next free numbers
        for s in inner:
            n, rest = _doc_part(s.id)
            if n not in docs:
                last_doc += 1
                docs[n] = last_doc
            doc = docs[n]
            parent = None
            if s.parent is not None:
                pn, prest = _doc_part(s.parent)
                pdoc = docs.get(pn, doc)
                parent = f"{pdoc}/{prest}" if pdoc > 1 else prest
            sid = f"{doc}/{rest}" if doc > 1 else rest  # the first document of a text has no prefix
            out.append(Section(sid, s.level, s.number, s.heading, s.start + a, s.end + a, parent))
    return out


def _demoted(sid: str) -> str:
    """The id of a section of the first document moved to document 0 (``3`` → ``0/3``); an id that
    names its document already (``2/1``, ``0/3``) stays.

    >>> _demoted("3.1"), _demoted("2/1"), _demoted("0/3")
    ('0/3.1', '2/1', '0/3')
    """
    return sid if "/" in sid else "0/" + sid


def _doc_part(sid: str) -> tuple[int, str]:
    """(document number, path) of a section id: ``2/1.1`` → (2, "1.1"), ``1.1`` → (1, "1.1").

    >>> _doc_part("2/1.1"), _doc_part("1.1"), _doc_part("0/3")
    ((2, '1.1'), (1, '1.1'), (0, '3'))
    """
    n, sep, rest = sid.partition("/")
    if not sep:
        return 1, sid
    return (int(n) if n.isdigit() else 1), rest


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


# -- unbroken texts (a whole document on one line) ----------------------------------------------------
#: a heading inside a line of an unbroken text: 一、 or (一) right after a sentence end (or the
#: closing bracket of a (牵头) tail), spaces allowed between
_MID_HEADING = re.compile(
    rf"(?:(?<=[。;；:：)）])|[ \t\u3000\u00a0]{{2}})[ \t\u3000\u00a0]*"
    rf"(?=[一二三四五六七八九十]{{1,3}}[、．]|{OPEN}[一二三四五六七八九十]{{1,3}}{CLOSE})"
)
#: a (一) heading glued to the end of its parent's heading: 二、主要内容(一)生态环境规划制度制定
_GLUED_PAREN = re.compile(rf"{OPEN}[一二三四五六七八九十]{{1,3}}{CLOSE}")
_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0]{2,}")


def _is_unbroken(text: str) -> bool:
    from policy_nlp.structure.meta import is_unbroken

    return is_unbroken(text)


def _candidates(text: str, *, unbroken: bool) -> list[tuple[int, int]]:
    """Offsets where a heading may start, each with where its number starts (after the spaces and
    ``#`` marks :data:`_SKIP` passes; the same offset in an unbroken text, where the caller skips
    them itself): line starts, and in an unbroken text also the places right after a sentence end
    inside a line (the numbering must still run 一、 二、 三、 in order to make sections, so an
    enumeration inside a sentence does not)."""
    if not unbroken:  # (the number starts at the character _MAYBE_HEADING ends with)
        return [(start, end - 1) for start, end in _maybe_headings(text)]
    starts = [start for start, _end in _maybe_headings(text)]
    mid = [m.start() for m in _MID_HEADING.finditer(text) if not _inline_list(text, m.start(), m.end())]
    glued = []  # 二、主要内容(一)生态环境规划制度制定: the (一) glued to its parent's heading
    for pos in mid:
        g = _GLUED_PAREN.search(text, pos + 1, min(len(text), pos + 60))
        if (
            g
            and not _HEADING_END.search(text, pos, g.start())
            and not _SPACE_RUN.search(text, pos + 1, g.start())
        ):
            glued.append(g.start())
    return [(pos, pos) for pos in sorted(set(starts).union(mid, glued))]


#: the next item of a list inside one sentence: …资金;二、土地 / …资金、(二)土地
_NEXT_ITEM = re.compile(
    rf"[;；,，、][ \t\u3000]*(?:[一二三四五六七八九十]{{1,3}}[、．]|{OPEN}[一二三四五六七八九十]{{1,3}}{CLOSE})"
)


def _inline_list(text: str, start: int, at: int) -> bool:
    """Whether the number at ``at`` (its sentence mark at ``start``) is an item of a list inside one
    sentence (``包括:一、资金;二、土地;三、人才。``): another item follows or went before within the
    sentence."""
    end = text.find("。", at, at + 200)
    if _NEXT_ITEM.search(text, at, end if end >= 0 else min(len(text), at + 200)):
        return True
    begin = max(text.rfind("。", max(0, start - 200), start), start - 200, 0)
    return bool(_NEXT_ITEM.search(text, begin, start))


def _piece_end(text: str, pos: int, line_end: int) -> int:
    """End of the piece of an unbroken line that starts at ``pos``: the first run of two or more
    spaces after the heading's number (``一、环境形势   党中央…``), else ``line_end``."""
    skip = _SKIP.match(text, pos, line_end)
    at = (skip.end() if skip else pos) + 1
    gap = _SPACE_RUN.search(text, at, min(line_end, at + 300))  # (a heading is never that long)
    end = gap.start() if gap else line_end
    glued = _GLUED_PAREN.search(text, at, min(end, at + 60))
    return glued.start() if glued else end


class SectionIndex:
    """The id of the innermost section containing a position (called with the position), among the 64
    sections starting last before it; None outside every section. Each call is a bisection: the
    answer changes only where a section starts or ends, so it is kept per (sections started, sections
    ended) pair.

    >>> secs = find_sections("一、总体要求\\n（一）目标\\n到2025年。\\n二、保障措施\\n加强领导。")
    >>> of = SectionIndex(secs)
    >>> of(15), of(25), of(0)
    ('1.1', '2', '1')
    """

    def __init__(self, sections: Sequence[Section]) -> None:
        self.sections = sorted(sections, key=attrgetter("start"))
        self.starts = [x.start for x in self.sections]
        self.ends = sorted([x.end for x in self.sections])
        self.memo: dict[tuple[int, int], str | None] = {}

    def __call__(self, pos: int) -> str | None:
        k = bisect_right(self.starts, pos)
        key = (k, bisect_right(self.ends, pos))
        if key not in self.memo:
            # every section of the window starts at or before pos: the deepest one still open wins,
            # the latest of equals
            best: Section | None = None
            level = -1
            for x in reversed(self.sections[max(0, k - 64) : k]):
                if pos < x.end and x.level > level:
                    best, level = x, x.level
            self.memo[key] = best.id if best else None
        return self.memo[key]
