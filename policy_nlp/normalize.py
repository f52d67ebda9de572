"""Normalization of a :class:`~policy_nlp.model.RawText` into ``Document.text`` with an offset map.

Every edit is recorded with a :class:`~policy_nlp.offsets.TextBuilder` while it is made, so
``Document.to_source`` maps any span of the normalized text back into ``RawText.text``. Steps:

1. HTML only: visible text (:func:`policy_nlp.io.html.visible_text`), its map composed in.
2. 1:1 width folding (:func:`fold_width`): full-width ASCII U+FF01–FF5E → ASCII, U+3000, NBSP
   and the other Unicode spaces → ``" "``. Not NFKC, which changes lengths. A tab inside a line is
   kept when the line above or below has one too: it separates the cells of a table row (see
   ``docs/tables.md``); a lone line's tabs become spaces.
3. Lines: ``\\r\\n``/``\\r`` (and other line separators) → ``\\n``; each line stripped of leading and
   trailing spaces; zero-width characters and stray control characters dropped; runs of blank
   lines collapsed to one; no blank lines at either end. For PDFs, a line wrapped inside a
   sentence is joined to the next (:func:`join_wrapped` decides; a title line that ends with a
   genre word is never joined to the addressee line after it).
4. Web-page chrome (breadcrumbs, date/source lines, share/print links, counters, navigation,
   footers, page numbers) removed by the data-driven patterns of ``resources/boilerplate.tsv``
   (:func:`classify_line`); gov.cn information tables (索引号, 主题分类, 发文机关, 成文日期 …) are
   recognized by ``keep`` rules and never removed. For PDFs, running headers/footers repeated on
   half of the pages go too. Removed text simply has no image in the map; nothing is re-diffed.

>>> text, omap = normalize_text("\\u3000\\u3000到２０１５年，比重达到３０％。\\r\\n点赞数: 12\\r\\n")
>>> text
'到2015年,比重达到30%。'
>>> omap.to_source(1, 5)
(3, 7)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from policy_nlp.errors import ResourceError
from policy_nlp.firstchars import AlternationByFirstChar, FirstChars, first_chars
from policy_nlp.model import RawText
from policy_nlp.numerals import replace_chars
from policy_nlp.offsets import OffsetMap, TextBuilder

__all__ = [
    "BoilerplateRule",
    "LineVerdict",
    "boilerplate_rules",
    "classify_line",
    "fold_width",
    "join_wrapped",
    "normalize",
    "normalize_text",
]

# -- step 2: 1:1 width folding ---------------------------------------------------------------
#: Unicode spaces folded to " " (U+3000 ideographic, NBSP, en/em/thin spaces …; not the tab)
SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_FOLD_TABLE: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD_TABLE.update({ord(ch): 0x20 for ch in SPACES})
_FOLDABLE = re.compile("[\uff01-\uff5e" + SPACES + "]")
_FOLD_TO = {chr(a): chr(b) for a, b in _FOLD_TABLE.items()}

#: characters dropped inside a line: zero-width characters, soft hyphen, stray C0/C1 controls
DROPPED = "\u200b\u200c\u200d\u2060\ufeff\u00ad" + "".join(
    chr(c)
    for c in [
        *range(0x00, 0x09),
        *range(0x0E, 0x1C),
        *range(0x1F, 0x20),
        0x7F,
        *range(0x80, 0x85),
        *range(0x86, 0xA0),
    ]
)
_DROP_RE = re.compile("[" + re.escape(DROPPED) + "]+")
#: whether a text has a dropped character at all: the class alone (re scans for a class fast, for
#: a class with ``+`` character by character, about three times slower)
_DROPPABLE = re.compile("[" + re.escape(DROPPED) + "]")
#: characters stripped at both ends of a line (every Python whitespace plus the dropped set)
_STRIP = (
    " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
    + DROPPED
)
_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def fold_width(s: str) -> str:
    """Fold full-width ASCII forms to ASCII and Unicode spaces to ``" "``, one character for one.

    Chinese punctuation outside U+FF01–FF5E (。、《》“”——…) is kept.

    >>> fold_width("（一）到２０２５年，达到３０％：\\u3000《规划》。")
    '(一)到2025年,达到30%: 《规划》。'
    >>> len(fold_width("ＡＢＣ")) == 3
    True
    """
    return replace_chars(s, _FOLDABLE, _FOLD_TO)


# -- step 4: boilerplate ------------------------------------------------------------------------
_DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_PARTS = {"{DATE}": _DATE, "{TIME}": _TIME}
SCOPES = ("line", "token", "weak", "block", "keep")
#: lines longer than this are prose, never chrome
MAX_CHROME_LINE = 200


@dataclass(frozen=True, slots=True)
class BoilerplateRule:
    """A row of ``resources/boilerplate.tsv``: versioned ``id``, regex ``pattern`` (placeholders
    expanded), ``scope`` (one of :data:`SCOPES`) and ``examples``."""

    id: str
    pattern: str
    scope: str
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LineVerdict:
    """What :func:`classify_line` decided: drop the whole line (``drop``), or cut ``head``/``tail``
    characters off it; ``rules`` names the rules that fired (``keep`` rules included)."""

    drop: bool = False
    head: int = 0
    tail: int = 0
    block: bool = False
    rules: tuple[str, ...] = ()


_NOTHING = LineVerdict()  # the verdict on almost every line (records are frozen: one serves all)
_SPACES_RE = re.compile(r"\s+")


def _expand(pattern: str) -> str:
    for name, part in _PARTS.items():
        pattern = pattern.replace(name, part)
    return pattern


@cache
def boilerplate_rules() -> tuple[BoilerplateRule, ...]:
    """The rules of ``resources/boilerplate.tsv`` (read once).

    >>> any(r.id == "web.breadcrumb.v1" for r in boilerplate_rules())
    True
    """
    from policy_nlp.resources import read_tsv

    rules = []
    for row in read_tsv("boilerplate.tsv"):
        scope = row["scope"].strip()
        if scope not in SCOPES:
            raise ResourceError(f"boilerplate.tsv: rule {row['id']!r} has scope {scope!r}; valid: {SCOPES}")
        pattern = _expand(row["pattern"])
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ResourceError(f"boilerplate.tsv: rule {row['id']!r} has a bad pattern: {exc}") from exc
        examples = tuple(e.strip() for e in row.get("examples", "").split("¦") if e.strip())
        rules.append(BoilerplateRule(row["id"], pattern, scope, examples))
    return tuple(rules)


@dataclass(frozen=True, slots=True)
class _Compiled:
    line: re.Pattern[str]
    token: re.Pattern[str]
    block: re.Pattern[str]
    keep: re.Pattern[str]
    names: dict[str, str]
    weak: frozenset[str]


def _group(
    rules: Sequence[BoilerplateRule], scopes: tuple[str, ...], names: dict[str, str]
) -> re.Pattern[str]:
    parts = []
    # strong pieces first, so a weak piece never shadows a longer strong one
    for rule in sorted(rules, key=lambda r: r.scope == "weak"):
        if rule.scope in scopes:
            group = f"r{len(names)}"
            names[group] = rule.id
            parts.append(f"(?P<{group}>{rule.pattern})")
    return re.compile("|".join(parts) if parts else r"(?!)")


@cache
def _compiled() -> _Compiled:
    rules = boilerplate_rules()
    names: dict[str, str] = {}
    return _Compiled(
        line=_group(rules, ("line",), names),
        token=_group(rules, ("token", "weak"), names),
        block=_group(rules, ("block",), names),
        keep=_group(rules, ("keep",), names),
        names=names,
        weak=frozenset(r.id for r in rules if r.scope == "weak"),
    )


_GAP = re.compile(r"[\s|·•/]*")


def _tokens(line: str, pos: int, c: _Compiled) -> tuple[int, list[str]]:
    """Consume chrome tokens from ``pos``; returns where they stop and the rule ids, in order."""
    ids: list[str] = []
    end = pos
    n = len(line)
    while True:
        gap = _GAP.match(line, end)
        p = gap.end() if gap else end
        if p >= n:
            return (n if ids else pos), ids
        m = c.token.match(line, p)
        if m is None or m.end() == p:
            return end, ids
        ids.append(c.names[m.lastgroup or ""])
        end = m.end()


@cache
def _chrome_tests() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Two regexes that a line must match somewhere for :func:`classify_line` to cut anything: a
    line/block rule or a token at its start, or a token after a space (a head or tail of tokens)."""
    c = _compiled()
    head = re.compile(f"(?:{c.line.pattern})|(?:{c.block.pattern})|{_GAP.pattern}(?:{c.token.pattern})")
    tail = re.compile(rf"\s{_GAP.pattern}(?:{c.token.pattern})")
    return head, tail


def _anywhere(pattern: str) -> str | None:
    """``X`` of a rule ``.*X`` (a line that has ``X`` somewhere), when ``X`` is a pattern of its own."""
    rest = pattern[2:]
    if not pattern.startswith(".*") or rest.startswith(("?", "+", "*", "{")):
        return None
    if any(a in rest for a in ("^", "$", "(?=", "(?!", "(?<", "\\b", "\\B", "\\A", "\\Z")):
        return None  # an assertion could see past the line in the whole text
    try:
        re.compile(rest)
    except re.error:
        return None
    return rest


@cache
def _chrome_triggers() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """:func:`_chrome_tests` split for speed: the head test without the line rules ``.*X`` (which try
    ``X`` at every character of every line), and ``X`` of those rules, searched once in the whole
    text; a line with a hit of the third pattern is tested as if the head test had matched."""
    rules = boilerplate_rules()
    _head, tail = _chrome_tests()
    scoped = sorted(rules, key=lambda r: r.scope == "weak")  # the order of _group
    anywhere = [x for r in rules if r.scope == "line" and (x := _anywhere(r.pattern)) is not None]

    def alt(scopes: tuple[str, ...], skip_anywhere: bool) -> str:
        parts = [
            r.pattern for r in scoped if r.scope in scopes and not (skip_anywhere and _anywhere(r.pattern))
        ]
        return "|".join(parts) if parts else r"(?!)"

    head = re.compile(
        f"(?:{alt(('line',), True)})|(?:{alt(('block',), False)})|{_GAP.pattern}(?:{alt(('token', 'weak'), False)})"
    )
    return head, tail, re.compile("|".join(f"(?:{x})" for x in anywhere) if anywhere else r"(?!)")


#: the spaces a line of a folded text can hold (the others are line breaks or folded to " ")
_LINE_SPACES = " \t\x1f"
#: what the gap before a token may start with (a line is stripped: no space)
_GAP_CHARS = frozenset("|·•/")


@cache
def _chrome_gates() -> tuple[AlternationByFirstChar, re.Pattern[str] | None]:
    """The head test as an :class:`~policy_nlp.firstchars.AlternationByFirstChar` (most lines,
    第一条…, start with a character no rule starts with: no regex runs), and a cheap regex that a line must match somewhere for
    the tail test to match (a space, the gap, a character a token can start with; None: no such
    regex, run the tail test)."""
    head, _tail, _anywhere_re = _chrome_triggers()
    rules = [
        r
        for r in boilerplate_rules()
        if r.scope != "keep" and not (r.scope == "line" and _anywhere(r.pattern))
    ]
    # a line starting with a gap character may have a token after the gap: the whole head test
    gate = AlternationByFirstChar([r.pattern for r in rules], fallback=head, fallback_chars=_GAP_CHARS)
    starts = [first_chars(r.pattern) for r in rules if r.scope in ("token", "weak")]
    if any(fc is None for fc in starts):
        return gate, None
    chars = FirstChars(frozenset()).union(*(fc for fc in starts if fc is not None))
    cls = (
        "".join(re.escape(ch) for ch in sorted(chars.chars))
        + ("\\d" if chars.digit else "")
        + ("\\s" if chars.space else "")
    )
    return gate, re.compile(rf"\s{_GAP.pattern}[{cls}]") if cls else None


def _may_be_chrome(line: str) -> bool:
    """False when :func:`classify_line` would neither drop nor cut ``line`` (most lines): two regex
    tests instead of the rule by rule walk.

    >>> _may_be_chrome("各区县局(产业)工会:"), _may_be_chrome("关于开展劳动竞赛的意见 2011-03-04 来源:本站原创")
    (False, True)
    """
    head, tail = _chrome_tests()
    return head.match(line) is not None or tail.search(line) is not None


def _strong(ids: list[str], c: _Compiled) -> int:
    return sum(1 for i in ids if i not in c.weak)


def classify_line(line: str) -> LineVerdict:
    """Decide whether a (stripped, folded) line is web chrome.

    >>> classify_line("您的位置:资料中心>重要文件").drop
    True
    >>> classify_line("2011-03-04 来源:本站原创").rules
    ('weak.date.v1', 'web.source.v1')
    >>> classify_line("关于开展劳动竞赛的意见 2011-03-04 来源:本站原创").tail
    19
    >>> classify_line("各区县局(产业)工会:").drop
    False
    """
    c = _compiled()
    if not line or len(line) > MAX_CHROME_LINE:
        return _NOTHING
    keep = c.keep.search(line)
    if keep:
        return LineVerdict(rules=(c.names[keep.lastgroup or ""],))
    m = c.line.fullmatch(line)
    if m:
        return LineVerdict(drop=True, rules=(c.names[m.lastgroup or ""],))
    m = c.block.fullmatch(line)
    if m:
        return LineVerdict(drop=True, block=True, rules=(c.names[m.lastgroup or ""],))
    end, ids = _tokens(line, 0, c)
    if end == len(line) and _strong(ids, c):
        return LineVerdict(drop=True, rules=tuple(ids))
    if (
        end
        and (line[end - 1].isspace() or line[end : end + 1].isspace())
        and len(ids) >= 2
        and _strong(ids, c)
    ):
        return LineVerdict(head=end, rules=tuple(ids))
    for sp in _SPACES_RE.finditer(line):
        start = sp.end()
        if start >= len(line):
            break
        stop, tids = _tokens(line, start, c)
        if stop == len(line) and len(tids) >= 2 and _strong(tids, c):
            return LineVerdict(tail=len(line) - sp.start(), rules=tuple(tids))
    return _NOTHING


# -- step 3: lines --------------------------------------------------------------------------------
_FINAL = frozenset("。;:!?；：！？…")
_CLOSERS = frozenset('”’")）】』」》')
_HEADING = re.compile(
    r"""(?:
        [一二三四五六七八九十百]+\s*[、.]            # 一、
      | [(（]\s*[一二三四五六七八九十百\d]+\s*[)）]   # (一) (1)
      | \d{1,3}\s*[、.．](?!\d)                      # 1. 1、
      | 第[一二三四五六七八九十百千\d]+[章节条款部分编]  # 第三条
      | [①-⑳]
      | ——|附件|附表|抄送|主送|联系人|联系电话
    )""",
    re.X,
)


#: the first lines of a document may hold its title: one that ends with a genre word is complete
TITLE_LINES = 5
_TITLE_END = re.compile(
    r"(?:通知|意见|办法|方案|规划|决定|规定|细则|条例|纲要|报告|批复|复函|函|公告|通告|要点|计划|措施|指引|指南|规则|决议|命令)"
    r"(?:\s*[(（][^()（）]{1,12}[)）])?$"
)


_NARROW = re.compile("[\x00-\u2e7f]")


def _width(s: str) -> int:
    """Display width: 2 per CJK (or other wide) character, 1 per narrow one."""
    return 2 * len(s) - _NARROW.subn("", s)[1]


def join_wrapped(line: str, next_line: str, *, full_width: int) -> bool:
    """True when ``line`` (from a PDF) wraps inside a sentence and ``next_line`` continues it.

    ``line`` must reach at least 85% of ``full_width`` (display width, CJK = 2), not end with
    sentence-final punctuation, and ``next_line`` must not start a heading or list item.

    >>> join_wrapped("为深入贯彻党的十七届五中全会精神,落实全会提出的", "要求,现提出如下意见。", full_width=50)
    True
    >>> join_wrapped("一、总体要求", "紧紧围绕目标任务。", full_width=50)
    False
    >>> join_wrapped("为深入贯彻党的十七届五中全会精神,落实全会提出的", "(一)指导思想", full_width=50)
    False
    """
    if not line or not next_line or "\t" in line or "\t" in next_line:
        return False  # a table row (cells after tabs) is never wrapped prose
    if line[-1] in "|｜" or next_line[0] in "|｜":
        return False  # nor a framed or markdown one (| 1 | 任务 | 单位 |)
    last = line[-1]
    if last in _CLOSERS and len(line) > 1:
        last = line[-2]
    if last in _FINAL:
        return False
    if _width(line) < 0.85 * full_width:
        return False
    return not _HEADING.match(next_line)


@dataclass(slots=True)
class _Line:
    start: int  # content start in the source
    end: int  # content end
    term_start: int  # line terminator [term_start, term_end)
    term_end: int
    blank: bool


#: line breaks other than "\n" (splitlines' set): a text without them is split on "\n" alone (one
#: ``in`` per break is about three times faster than a search for their class)
_OTHER_BREAKS = _LINE_BREAKS[1:]
_STRIP_SET = frozenset(_STRIP)


def _split_lines(src: str) -> list[_Line]:
    if any(br in src for br in _OTHER_BREAKS):
        return _split_lines_general(src)
    # "\n" only: a line that neither starts nor ends with a strippable character is its own content
    parts = src.split("\n")
    if not src or src[-1] == "\n":  # the empty text after the last "\n" is no line
        parts.pop()
    if not parts:
        return []
    strip = _STRIP_SET
    starts = list(
        accumulate([len(part) + 1 for part in parts], initial=0)
    )  # starts[k + 1]: after line k's "\n"
    lines = [
        _Line(a, z - 1, z - 1, z, not part)
        if not part or (part[0] not in strip and part[-1] not in strip)
        else _stripped_line(part, a, z - 1)
        for part, a, z in zip(parts, starts[:-1], starts[1:], strict=True)
    ]
    if src[-1] != "\n":  # the last line has no terminator
        lines[-1].term_end = lines[-1].term_start
    return lines


def _stripped_line(body: str, pos: int, end: int) -> _Line:
    """The line ``body`` at ``pos`` (its "\n" at ``end``) with its content stripped of :data:`_STRIP`."""
    rest = body.lstrip(_STRIP)
    left = end - len(rest)
    right = left + len(rest.rstrip(_STRIP))
    return _Line(left, right, end, end + 1, right == left)


def _split_lines_general(src: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for raw in src.splitlines(keepends=True):
        n = len(raw)
        body = raw.rstrip(_LINE_BREAKS)  # the line without its terminator (one break, or \r\n)
        rest = body.lstrip(_STRIP)
        left = len(body) - len(rest)
        right = left + len(rest.rstrip(_STRIP))
        lines.append(_Line(pos + left, pos + right, pos + len(body), pos + n, right == left))
        pos += n
    return lines


def _remove_boilerplate(src: str, lines: list[_Line], folded: str, *, collapse: bool = False) -> list[_Line]:
    """``lines`` without web chrome; with ``collapse`` also :func:`_collapse_blanks` on the way (the
    lines kept so far are what it would keep of them: it looks only backwards)."""
    kept: list[_Line] = []
    block_at: int | None = None
    _head, tail, anywhere = _chrome_triggers()
    gate, tail_gate = _chrome_gates()
    # lines with a hit of ``anywhere`` (found in one search of the whole text) count as if their head
    # test matched; a hit may reach over several lines
    hits = [m.span() for m in anywhere.finditer(folded)]
    for ln in lines:
        if ln.blank:
            if not (collapse and (not kept or kept[-1].blank)):
                kept.append(ln)
            continue
        if ln.end - ln.start > MAX_CHROME_LINE:
            kept.append(ln)
            continue
        line = folded[ln.start : ln.end]
        no_tail = (
            not (" " in line or "\t" in line or "\x1f" in line)  # (_LINE_SPACES)
            or (tail_gate is not None and tail_gate.search(line) is None)
            or tail.search(line) is None
        )
        if no_tail and not gate.match(line) and not (hits and _touches(hits, ln.start, ln.end)):
            kept.append(ln)  # (the same as classify_line's verdict on a line _may_be_chrome rejects)
            continue
        verdict = classify_line(line) if _may_be_chrome(line) else _NOTHING
        if verdict.block and block_at is None:
            block_at = len(kept)
        if verdict.drop and not verdict.block:
            continue
        if verdict.head or verdict.tail:
            seg = src[ln.start + verdict.head : ln.end - verdict.tail]
            left = len(seg) - len(seg.lstrip(_STRIP))
            right = len(seg.rstrip(_STRIP))
            ln = _Line(
                ln.start + verdict.head + left,
                ln.start + verdict.head + right,
                ln.term_start,
                ln.term_end,
                False,
            )
        kept.append(ln)
    if block_at is not None and not any(_is_prose(src, ln) for ln in kept[block_at + 1 :]):
        del kept[block_at:]
    while collapse and kept and kept[-1].blank:
        kept.pop()
    return kept


def _touches(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of the sorted, disjoint ``spans`` starts in ``[start, end)`` or reaches into it."""
    k = bisect_right(spans, (end, -1))  # spans[:k] start before ``end``
    return k > 0 and (spans[k - 1][0] >= start or spans[k - 1][1] > start)


def _is_prose(src: str, ln: _Line) -> bool:
    if ln.blank:
        return False
    text = src[ln.start : ln.end]
    return len(text) >= 40 and text.rstrip('”’")）')[-1:] in "。;；!！?？"


def _collapse_blanks(lines: list[_Line]) -> list[_Line]:
    out: list[_Line] = []
    for ln in lines:
        if ln.blank and (not out or out[-1].blank):
            continue
        out.append(ln)
    while out and out[-1].blank:
        out.pop()
    return out


def _full_width(src: str, lines: list[_Line]) -> int:
    widths = sorted(_width(src[ln.start : ln.end]) for ln in lines if not ln.blank and ln.end - ln.start >= 8)
    if not widths:
        return 1 << 30
    if len(widths) < 20:  # too few lines for a percentile: be conservative
        return widths[-1]
    return widths[int(0.95 * (len(widths) - 1))]


def _wrap_width(src: str, lines: list[_Line]) -> int:
    """The page width the text was wrapped at (many lines as wide as the widest, at most 80 CJK
    characters, stop without sentence-final punctuation); 0 when it was not hard-wrapped."""
    body = [(ln.start, ln.end) for ln in lines if not ln.blank]
    lengths = sorted(n for a, z in body if (n := z - a) >= 8)
    if not lengths or lengths[int(0.95 * (len(lengths) - 1))] > 160:
        return 0  # long lines (a paragraph per line): no display widths to compute
    # A line is wrapped when it stops without sentence-final punctuation and is at least 85% as wide
    # as the page (its content is stripped of every space already). A line's width lies between its
    # length and twice that, so the page is at least as wide as the lengths' percentile: the lines
    # twice as long as 85% of it are all that can count, and when too few do, no width is measured.
    stops = [(a, z) for a, z in body if z > a and src[z - 1] not in _FINAL]
    least = 0.85 * lengths[int(0.95 * (len(lengths) - 1))]
    if sum(1 for a, z in stops if 2 * (z - a) >= least) < max(3, 0.25 * len(body)):
        return 0
    full = _full_width(src, lines)
    if full > 160:
        return 0
    least = 0.85 * full
    wrapped = sum(1 for a, z in stops if 2 * (z - a) >= least and _width(src[a:z]) >= least)
    return full if wrapped >= 3 and wrapped >= 0.25 * len(body) else 0


def _emit_content(b: TextBuilder, folded: str, i: int, j: int) -> None:
    """Emit ``folded[i:j]`` (the source folded 1:1 once) minus the dropped characters."""
    pos = i
    for m in _DROP_RE.finditer(folded, i, j):
        a, z = m.start(), m.end()
        if a > pos:
            b.fold(pos, a, folded[pos:a])
        b.drop(a, z)
        pos = z
    if j > pos:
        b.fold(pos, j, folded[pos:j])


#: a running header/footer must repeat on this share of the pages (and on at least 3)
RUNNING_SHARE = 0.5
_DIGITS = re.compile(r"\d+")


def _remove_running(src: str, lines: list[_Line], pages: Sequence[int]) -> list[_Line]:
    """Drop a PDF's running headers and footers: the first or last line of a page that repeats
    (digits aside) on at least half of the pages."""
    if len(pages) < 3:
        return lines
    firsts: dict[int, int] = {}
    lasts: dict[int, int] = {}
    for k, ln in enumerate(lines):
        if ln.blank:
            continue
        page = bisect_right(pages, ln.start) - 1
        firsts.setdefault(page, k)
        lasts[page] = k

    def key(k: int) -> str | None:
        ln = lines[k]
        if ln.end - ln.start > 60 or "\t" in src[ln.start : ln.end]:
            return None  # a table's header row repeated on every page is no running header
        return _DIGITS.sub("#", fold_width(src[ln.start : ln.end]).replace(" ", ""))

    need = max(3, int(RUNNING_SHARE * len(pages) + 0.999))
    drop: set[int] = set()
    for ends in (firsts, lasts):
        groups: dict[str, list[int]] = {}
        for k in ends.values():
            kk = key(k)
            if kk:
                groups.setdefault(kk, []).append(k)
        for ks in groups.values():
            if len(ks) >= need:
                drop.update(ks)
    return [ln for k, ln in enumerate(lines) if k not in drop] if drop else lines


def _in_spans(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    """True when ``pos`` lies inside one of the sorted ``spans`` (``[start, end]``, end included)."""
    k = bisect_right(spans, (pos, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= pos <= spans[k][1]


def _fold_lone_tabs(folded: str, lines: list[_Line]) -> str:
    """Tabs stay only in runs of two or more consecutive lines with tabs (the rows of a table); a
    lone line's tabs become spaces (``第一章<TAB>总则``), one for one."""
    has = [not ln.blank and "\t" in folded[ln.start : ln.end] for ln in lines]
    parts: list[str] = []
    pos = 0
    for k, ln in enumerate(lines):
        if has[k] and not (k and has[k - 1]) and not (k + 1 < len(lines) and has[k + 1]):
            parts.append(folded[pos : ln.start])
            parts.append(folded[ln.start : ln.end].replace("\t", " "))
            pos = ln.end
    if not parts:
        return folded
    parts.append(folded[pos:])
    return "".join(parts)


def normalize_text(
    text: str,
    *,
    join_lines: bool | None = False,
    boilerplate: bool = True,
    pages: Sequence[int] = (),
    tables: Sequence[tuple[int, int]] = (),
) -> tuple[str, OffsetMap]:
    """Normalize a plain string; returns the text and its map back to ``text``.

    ``join_lines`` re-joins lines wrapped inside a sentence (on for PDFs; ``None``: when the text
    looks hard-wrapped, as a PDF copied or converted to text is); ``boilerplate=False``
    keeps web-page chrome; ``pages`` (start offsets of PDF pages) lets running headers and footers
    repeated on at least half of the pages (three or more) be dropped; ``tables`` (source spans of
    tables laid out one row per line, cells separated by tabs, as :func:`policy_nlp.io.load_pdf`
    writes them) keep their tabs, are never joined, cut or dropped, and do not count when the page
    width is measured.

    >>> normalize_text("  一、总体要求\\r\\n\\r\\n\\r\\n  紧紧围绕目标。")[0]
    '一、总体要求\\n\\n紧紧围绕目标。'
    """
    lines = _split_lines(text)
    folded = fold_width(text)  # 1:1, so offsets into it are offsets into text
    spans = sorted(tables)
    if spans:
        rows = [ln for ln in lines if not ln.blank and _in_spans(ln.start, spans)]
        row_ids = {id(ln) for ln in rows}
        flow = [ln for ln in lines if id(ln) not in row_ids]
    else:
        rows, row_ids, flow = [], set(), lines
    # (blank lines collapsed while the chrome goes, unless table rows or running headers go later)
    collapsed = boilerplate and not row_ids and len(pages) < 3  # (_remove_running needs 3 pages)
    if boilerplate:
        flow = _remove_boilerplate(text, flow, folded, collapse=collapsed)
        flow = _remove_running(text, flow, pages)
        if row_ids:
            lines = sorted([*flow, *rows], key=lambda ln: ln.start)
        else:
            lines = flow
    if not collapsed:
        lines = _collapse_blanks(lines)
    while lines and lines[0].blank:
        lines.pop(0)
    if join_lines is None:  # join when the text looks hard-wrapped, at the width it was wrapped at
        full = _wrap_width(text, lines)
        join_lines = full > 0
    else:
        full = _full_width(text, [ln for ln in lines if id(ln) not in row_ids]) if join_lines else 0
    if "\t" in folded:
        folded = _fold_lone_tabs(folded, [ln for ln in lines if id(ln) not in row_ids])
    b = TextBuilder(text)
    droppable = _DROPPABLE.search(folded) is not None
    # Pieces taken over from ``folded`` as they are (line contents, "\n" terminators) are collected
    # into one run while they follow each other in the source, and emitted as one fold: the map is
    # the same (_merge would join them), with far fewer pieces for the builder.
    run_start = run_end = 0

    def flush() -> None:
        if run_end > run_start:
            b.fold(run_start, run_end, folded[run_start:run_end])

    last = len(lines) - 1
    for k, ln in enumerate(lines):
        if not ln.blank:
            if droppable:
                flush()
                run_start = run_end = ln.end
                _emit_content(b, folded, ln.start, ln.end)
            elif ln.start == run_end:
                run_end = ln.end
            else:
                flush()
                run_start, run_end = ln.start, ln.end
        if k == last:
            break
        nxt = lines[k + 1]
        if (
            join_lines
            and not ln.blank
            and not nxt.blank
            and not (row_ids and (id(ln) in row_ids or id(nxt) in row_ids))
            and not (k < TITLE_LINES and _TITLE_END.search(text, ln.start, ln.end))
            and join_wrapped(text[ln.start : ln.end], text[nxt.start : nxt.end], full_width=full)
        ):
            flush()
            run_start = run_end = nxt.start
            a, z = text[ln.end - 1], text[nxt.start]
            if a.isascii() and a.isalnum() and z.isascii() and z.isalnum():
                b.replace(ln.term_start, nxt.start, " ")
            else:
                b.drop(ln.term_start, nxt.start)
        elif ln.term_end - ln.term_start == 1 and text[ln.term_start] == "\n":
            if ln.term_start == run_end:
                run_end = ln.term_end
            else:
                flush()
                run_start, run_end = ln.term_start, ln.term_end
        else:
            flush()
            run_start = run_end = ln.term_end
            b.replace(ln.term_start, ln.term_end, "\n")
    flush()
    return b.build()


def normalize(raw: RawText) -> tuple[str, OffsetMap]:
    """Normalized text and its map back to ``raw.text`` (the markup for HTML).

    >>> text, omap = normalize(RawText("<p>关于&amp;通知</p><p>２０１１年</p>", format="html"))
    >>> text
    '关于&通知\\n2011年'
    >>> omap.to_source(2, 3)
    (5, 10)
    """
    if raw.format == "html":
        from policy_nlp.io.html import visible_text

        visible, outer = visible_text(raw.text)
        text, inner = normalize_text(visible)
        return text, inner.compose(outer)
    if raw.format == "pdf":
        tables = [(t.cells[0].start, t.cells[-1].end) for t in raw.tables if t.cells]
        return normalize_text(raw.text, join_lines=True, pages=raw.pages, tables=tables)
    return normalize_text(raw.text, join_lines=None)
