"""Header and footer elements of an official document (GB/T 9704): title, 发文字号, issuers, 主送, date, genre.

The header is the run of lines before the first section heading or the first body paragraph (a line
ending in 。 or longer than 80 characters). Inside it:

* the **title** is the last block of one to three lines that ends with a genre word
  (``resources/genres.tsv``), lines broken mid-title are joined (``…主力军、`` + ``打好…的意见``);
  a ``标题:`` field wins;
* the **发文字号** is a line of its own (or a ``发文字号:`` field) read by :func:`parse_doc_number`;
* the **主送** line is the first short line ending with ``:``, split by :func:`split_addressees`.

Issuers come from a ``发文机关:`` field, else from the title (``X关于…``, ``X Y印发《…》的通知``),
else from the signature block (organization lines right above the closing date), else from a
``X文件`` banner line. The date is the signature date (the last date-only line after the body),
else a ``成文日期:``/``发布日期:`` field, else the first written date in the header.

A text printed without its line breaks (:func:`is_unbroken`: the whole notice on one line) is read
in pieces instead of lines: the title and a 发文字号 glued to it (``…的通知国办发〔2020〕13号``), the
opening 主送 clause (``各省、…各直属机构:``), each sentence, a signature and its glued date
(``国务院办公厅2020年5月31日``), and runs between spaces (``国  务  院`` stays one piece). A work
report has no issuer line: its speaker line (``海拉尔区人民政府区长 张天喜``) gives the government, and
its ``——2019年3月4日在…人民代表大会…会议上`` line the genre 报告 when the title is lost; a title
spaced out letter by letter (``政 府 工 作 报 告``) is read packed for its genre; an excerpt without
a title takes the genre it names itself by (``本办法``, at least twice).
Rule id: ``meta.gbt9704.v1``.

>>> text = "国务院办公厅关于印发某方案的通知\\n国办发[2020]12号\\n各省、自治区、直辖市人民政府,国务院各部委:\\n现印发给你们。\\n国务院办公厅\\n2020年5月6日"
>>> m = parse_meta(text)
>>> m.title, m.doc_number, m.issuers, m.addressees, m.date, m.genre
('国务院办公厅关于印发某方案的通知', '国办发〔2020〕12号', ('国务院办公厅',), ('各省、自治区、直辖市人民政府', '国务院各部委'), '2020-05-06', '通知')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from itertools import pairwise
from typing import NamedTuple

from policy_nlp.model import Meta
from policy_nlp.numerals import cn_int
from policy_nlp.resources import read_tsv
from policy_nlp.structure.numbering import HEADING_RE as _HEAD

__all__ = [
    "RULE",
    "body_stops",
    "genre_of",
    "is_unbroken",
    "outline_bounds",
    "parse_date",
    "parse_doc_number",
    "parse_meta",
    "signature_start",
    "split_addressees",
    "title_span",
]

RULE = "meta.gbt9704.v1"

# -- named parts ----------------------------------------------------------------------------------
HAN = r"[\u4e00-\u9fff]"
SP = r"[ \t\u3000\u00a0]*"
YEAR_AR = r"(?:[1１][9９]|[2２][0０])\d{2}"
YEAR_CN = r"[〇○零OＯ0一二三四五六七八九]{3,4}"
MONTH = r"(?:[一二三四五六七八九十]{1,2}|\d{1,2})"
DAY = r"(?:[一二三四五六七八九十]{1,3}|\d{1,2})"
DATE_CN = rf"(?P<y>{YEAR_AR}|{YEAR_CN}){SP}年{SP}(?P<m>{MONTH}){SP}月(?:{SP}(?P<d>{DAY})?{SP}日)?"
DATE_NUM = r"(?P<ny>(?:19|20)\d{2})[-/.](?P<nm>\d{1,2})(?:[-/.](?P<nd>\d{1,2}))?"
_DATE = re.compile(rf"{DATE_CN}|{DATE_NUM}")
_FULL_DATE = re.compile(rf"{DATE_CN}|\d{{4}}-\d{{1,2}}-\d{{1,2}}")
_DATE_LINE = re.compile(rf"{SP}[(（]?{SP}(?:{DATE_CN}){SP}[)）]?{SP}")
ORG_SUFFIX = (
    r"(?:委员会|人民政府|人民代表大会常务委员会|办公厅|办公室|政府|工会|联合会|协会|学会|党委|党组|小组|法院|"
    r"检察院|银行|集团|公司|中心|总局|部|委|局|厅|署|院|会|办|处|室|社|所|队|团)"
)
_ORG = re.compile(rf"{HAN}[\u4e00-\u9fff()（）]{{1,30}}{ORG_SUFFIX}")
_FIELD = re.compile(
    rf"(?P<label>标{SP}题|发文机关|发布机关|发文字号|文{SP}号|成文日期|发布日期|印发日期){SP}[:：]{SP}"
    rf"(?P<value>[^\s:：]+(?:[ \u3000][^\s:：]+)*?)(?=\s{{2,}}|\s*$|\s+\S+{SP}[:：])"
)
#: Labels of a government page's document-information table (索引号/主题分类/主题词 …): a line that
#: starts with one is never the 主送 line, even when its value is empty (``主 题 词:``).
_LABEL = re.compile(
    r"(?:标\s*题|发\s*文\s*机\s*关|发\s*布\s*机\s*[关构]|发\s*文\s*字\s*号|文\s*号|成\s*文\s*日\s*期|"
    r"发\s*布\s*日\s*期|印\s*发\s*日\s*期|主\s*题\s*分\s*类|主\s*题\s*词|关\s*键\s*词|索\s*引\s*号|"
    r"公\s*开\s*日\s*期|有\s*效\s*性|信\s*息\s*分\s*类|体\s*裁\s*分\s*类|公\s*开\s*方\s*式|公\s*开\s*范\s*围)\s*[:：]"
)
#: Titles of notices that pass on another text (印发/转发/批转): the transmitted text follows the
#: notice's own signature and may carry a signature and date of its own.
_TRANSMITTAL = re.compile(r"(?:印发|转发|批转)")
_BOILERPLATE = re.compile(
    r"^(?:\d{4}/\d{1,2}/\d{1,2}\s*星期.|您的位置|当前位置|来源|点赞数|浏览次数|字号[:：]|打印|关闭|分享)"
    r"|来源[:：]|星期[一二三四五六日天]$"
)
_TRAILING_PAREN = re.compile(r"[(（][^()（）]{1,20}[)）]$")
_TITLE_SPLIT = re.compile(r"关于|印发|转发|颁布|发布")
_ISSUER_SEP = re.compile(r"[\s、,，]+")
_TOP_SEP = re.compile(r"[,;，；]")


class _Line(NamedTuple):
    """A line of the text (a private, immutable triple: built for every line, so a tuple)."""

    start: int
    end: int
    text: str  # stripped, Markdown heading marks removed


#: the stripped content of a non-blank line ("\n" ends a line; every other space is stripped)
_CONTENT = re.compile(r"[^\S\n]*(\S(?:[^\n]*\S)?)")


@lru_cache(maxsize=2)
def _lines(text: str) -> tuple[_Line, ...]:
    """The non-blank lines of ``text``, stripped (remembered for the last texts: meta and the outline
    of one document both read them). A 发文字号 glued to the title (``…的通知国办发〔2020〕13号``) is a
    line of its own; in an unbroken text (:func:`is_unbroken`) every line is cut into its pieces
    (:func:`_pieces`)."""
    out: list[_Line] = []
    append = out.append
    unbroken = is_unbroken(text)
    for m in _CONTENT.finditer(text):  # one match per non-blank line: its content
        s = m.group(1)
        base = m.start(1)
        if s[0] == "#":
            s2 = s.lstrip("#").lstrip()
            base += len(s) - len(s2)
            s = s2
            if not s:
                continue
        if unbroken:
            out.extend(_Line(base + a, base + b, s[a:b]) for a, b in _pieces(s))
        elif len(s) < 8 or s[-1] not in "号號":  # (no 发文字号 glued to its end)
            append(_Line(base, base + len(s), s))
        else:
            out.extend(_Line(base + a, base + b, s[a:b]) for a, b in _glued_number_pieces(s, 0, len(s)))
    return tuple(out)


# -- unbroken texts (a whole document on one line) ----------------------------------------------------
#: where a sentence ends inside a line (not before a closing quote or bracket)
_SENTENCE_END = re.compile(r"(?<=[。;；!！?？])(?![”’」』)）])")
#: a 一、 / 二、 heading right after a sentence end (or a closing bracket) inside a line
_MID_ONE = re.compile(r"[。;；:：)）][ \t\u3000\u00a0]*一[、．]")
_MID_TWO = re.compile(r"[。;；:：)）][ \t\u3000\u00a0]*二[、．]")
#: an addressee clause that opens a line of running text: 各省、…,国务院各部委、各直属机构:
_ADDRESSEE_LEAD = re.compile(r"(?:各|国务院各|省政府各|市政府各)[^。:：;；]{1,150}[:：]")
#: a signature glued to its date: 国务院办公厅2020年11月1日(此件公开发布)
_ORG_DATE = re.compile(
    rf"(?P<org>{HAN}[^\s\d。,，:：]{{1,40}}?)(?P<date>{DATE_CN})(?P<rest>[(（][^()（）]{{1,12}}[)）])?"
)
#: the longest line an unbroken text must have, and the mean length of its non-blank lines
_UNBROKEN_LINE = 800
_UNBROKEN_MEAN = 300
_NON_BLANK = re.compile(r"(?m)^[^\S\n]*\S")


@lru_cache(maxsize=4)
def is_unbroken(text: str) -> bool:
    """Whether ``text`` is a document printed without its line breaks: its lines are 300
    characters long on average, and in a line of at least 800 characters a 一、 heading follows a
    sentence end and a 二、 heading follows later.

    >>> is_unbroken("某方案。" + "一、总体要求。" + "坚持" * 400 + "。二、主要任务。做好工作。")
    True
    >>> is_unbroken("一、总体要求\\n坚持。\\n二、主要任务")
    False
    """
    # more than len(text) / 300 non-blank lines: broken (counted only as far as needed)
    need = len(text) // _UNBROKEN_MEAN + 1
    for count, _m in enumerate(_NON_BLANK.finditer(text), start=1):
        if count >= need:
            return False
    for line in text.split("\n"):
        if len(line) < _UNBROKEN_LINE:
            continue
        one = _MID_ONE.search(line)
        if one and _MID_TWO.search(line, one.end()):
            return True
    return False


def _glued_number_pieces(s: str, a: int, b: int) -> list[tuple[int, int]]:
    """``[(a, b)]``, or the title and the 发文字号 glued after its genre word as two pieces."""
    if b - a < 8 or s[b - 1] not in "号號":
        return [(a, b)]
    bracket = max(s.rfind(c, a, b) for c in "〔[［(（")
    for k in range(bracket - 1, max(a + 4, bracket - 10) - 1, -1):  # the shortest code first
        if genre_of(s[a:k]) and parse_doc_number(s[k:b], strict=True):
            return [(a, k), (k, b)]
    return [(a, b)]


def _pieces(s: str) -> list[tuple[int, int]]:
    """The pieces of a line of an unbroken text, as ``(start, end)`` in ``s``: runs of characters
    between spaces (letter-spaced single characters, ``国  务  院``, stay one piece), cut after each
    sentence end, after an opening addressee clause, between a title and its glued 发文字号 and
    between a signature and its glued date.

    >>> s = "某局关于做好某工作的通知某发〔2020〕1号 各区人民政府:现通知如下。国务院办公厅2020年5月6日(此件公开发布)   国  务  院"
    >>> [s[a:b] for a, b in _pieces(s)]
    ['某局关于做好某工作的通知', '某发〔2020〕1号', '各区人民政府:', '现通知如下。', '国务院办公厅', '2020年5月6日', '(此件公开发布)', '国  务  院']
    """
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", s)]
    runs: list[tuple[int, int]] = []
    for a, b in words:  # 国 务 院: single characters spaced out form one piece
        if runs and b - a == 1 and runs[-1][1] - runs[-1][0] >= 1 and _single_run(s, runs[-1]):
            runs[-1] = (runs[-1][0], b)
        else:
            runs.append((a, b))
    out: list[tuple[int, int]] = []
    for a, b in runs:
        cuts = [a] + [m.start() for m in _SENTENCE_END.finditer(s, a, b) if a < m.start() < b] + [b]
        for x, y in pairwise(cuts):
            lead = _ADDRESSEE_LEAD.match(s, x, y)
            if lead and lead.end() < y:
                out.append((x, lead.end()))
                x = lead.end()
            od = _ORG_DATE.fullmatch(s, x, y)
            if od and _iso(od) and _org_parts(od.group("org")):
                out.append(od.span("org"))
                out.append(od.span("date"))
                if od.group("rest"):
                    out.append(od.span("rest"))
                continue
            out.extend(_glued_number_pieces(s, x, y))
    return out


def _single_run(s: str, run: tuple[int, int]) -> bool:
    """Whether ``s[run]`` is one character or single characters separated by spaces."""
    return all(len(w) == 1 for w in s[run[0] : run[1]].split())


# -- dates -----------------------------------------------------------------------------------------
def _year(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if len(s) == 3 and s[0] == "二":  # the scrape lost the 〇 of 二〇一一
        s = "二〇" + s[1:]
    y = cn_int(s)
    return y if y is not None and 1900 <= y <= 2099 and len(s) == 4 else None


def _iso(m: re.Match[str]) -> str | None:
    d = m.groupdict()
    if d.get("y"):
        y, mo, dd = _year(d["y"]), cn_int(d["m"]), cn_int(d["d"] or "")
    else:
        y, mo, dd = int(d["ny"]), int(d["nm"]), (int(d["nd"]) if d.get("nd") else None)
    if y is None or mo is None or not 1 <= mo <= 12:
        return None
    if dd is None or not 1 <= dd <= 31:
        return f"{y:04d}-{mo:02d}"
    return f"{y:04d}-{mo:02d}-{dd:02d}"


def parse_date(s: str) -> str | None:
    """ISO date of the first date written in ``s`` (``YYYY-MM`` when the day is missing).

    >>> [parse_date(x) for x in ("二〇一一年二月十五日", "二○一一年二月", "二一一年二月日", "2021年3月5日", "2021-03-05", "无")]
    ['2011-02-15', '2011-02', '2011-02', '2021-03-05', '2021-03-05', None]
    """
    for m in _DATE.finditer(s):
        iso = _iso(m)
        if iso:
            return iso
    return None


# -- doc numbers -----------------------------------------------------------------------------------
@cache
def _doc_number_re() -> re.Pattern[str]:
    rows = read_tsv("doc_number.tsv")
    opens = "".join(r["open"] for r in rows)
    closes = "".join(r["close"] for r in rows)
    prefix = rf"(?P<prefix>{HAN}{{1,12}}?)"
    seq = r"(?P<seq>\d{1,5})"
    return re.compile(
        rf"{prefix}{SP}[{re.escape(opens)}]{SP}(?P<year>{YEAR_AR}){SP}(?P<close>[{re.escape(closes)}])?{SP}"
        rf"第?{SP}{seq}{SP}(?P<hao>[号號])?"
    )


def parse_doc_number(s: str, *, strict: bool = False) -> str | None:
    """The 发文字号 at the start of ``s`` as ``PREFIX〔YYYY〕N号``; None when there is none.

    With ``strict`` (used for body text) the closing bracket and 号 must both be present; otherwise a
    damaged number is accepted when nothing follows it (``沪工总经〔201133``).

    >>> [parse_doc_number(x) for x in ("国办发[2020]12号", "京政发(2019)1号", "沪工总经〔201133", "同比增长(2020)")]
    ['国办发〔2020〕12号', '京政发〔2019〕1号', '沪工总经〔2011〕33号', None]
    """
    m = _doc_number_re().match(s.strip())
    if m is None:
        return None
    complete = m.group("close") is not None and m.group("hao") is not None
    rest = s.strip()[m.end() :]
    if not complete and (strict or rest.strip()):
        return None
    return f"{m.group('prefix')}〔{int(m.group('year'))}〕{int(m.group('seq'))}号"


# -- genre -----------------------------------------------------------------------------------------
@cache
def _genres() -> tuple[tuple[str, str], ...]:
    rows = read_tsv("genres.tsv")
    return tuple(sorted(((r["suffix"], r["genre"]) for r in rows), key=lambda sg: -len(sg[0])))


@cache
def _genres_by_last() -> dict[str, tuple[tuple[str, str], ...]]:
    """:func:`_genres` by the last character of the suffix (the order kept): a title is compared only
    with the suffixes it can end with."""
    out: dict[str, list[tuple[str, str]]] = {}
    for suffix, genre in _genres():
        out.setdefault(suffix[-1:], []).append((suffix, genre))
    return {last: tuple(sgs) for last, sgs in out.items()}


def _strip_title_tail(title: str) -> str:
    t = title.strip().rstrip("。")
    while True:
        m = _TRAILING_PAREN.search(t)
        if not m:
            return t.strip()
        t = t[: m.start()].rstrip()


#: a title (or its last line) spaced out for typography, one character at a time: 政 府 工 作 报 告
_LETTER_SPACED = re.compile(r"(?:^|\s)(?:\S[ \t\u3000]+){2,}\S$")


def genre_of(title: str) -> str | None:
    """The genre (文种) a title ends with, from ``resources/genres.tsv`` (a title whose end is spaced
    out one character at a time is read packed).

    >>> [genre_of(t) for t in ("关于推进技术创新的指导意见", "上海市职工教育经费管理办法(试行)", "工作总结", "政 府 工 作 报 告", "关于几 个 问 题 的 通 知")]
    ['意见', '办法', None, '报告', '通知']
    """
    t = _strip_title_tail(title)
    if _LETTER_SPACED.search(t):  # 政 府 工 作 报 告, …几 个 问 题 的 通 知
        t = re.sub(r"\s+", "", t)
    for suffix, genre in _genres_by_last().get(t[-1:], ()):
        if t.endswith(suffix) and len(t) > len(suffix):
            return genre
    return None


# -- addressees ------------------------------------------------------------------------------------
def split_addressees(line: str) -> tuple[str, ...]:
    """主送 bodies of an addressee line, split on top-level , and ; (never on 、 or inside brackets).

    >>> split_addressees("各省、自治区、直辖市人民政府,国务院各部委、各直属机构:")
    ('各省、自治区、直辖市人民政府', '国务院各部委、各直属机构')
    >>> split_addressees("各区县局(产业,直属)工会;各委办局:")
    ('各区县局(产业,直属)工会', '各委办局')
    """
    s = line.strip().rstrip(":：").strip()
    out: list[str] = []
    depth = 0
    cur = 0
    for i, ch in enumerate(s):
        if ch in "(（[［【《":
            depth += 1
        elif ch in ")）]］】》":
            depth = max(0, depth - 1)
        elif depth == 0 and _TOP_SEP.match(ch):
            out.append(s[cur:i])
            cur = i + 1
    out.append(s[cur:])
    return tuple(p.strip() for p in out if p.strip())


# -- layout ----------------------------------------------------------------------------------------
def _is_boilerplate(s: str) -> bool:
    return bool(_BOILERPLATE.search(s))


def _is_body(s: str) -> bool:
    return s.endswith("。") or len(s) > 80


def _header_end(lines: Sequence[_Line]) -> int:
    """Index of the first line that is no longer header (a heading or a body paragraph)."""
    summary = False
    for i, ln in enumerate(lines):
        if _is_boilerplate(ln.text):
            continue
        if _SUMMARY_LABEL.match(ln.text):  # a page's 核心提示: block repeats the text: still header
            summary = True
            continue
        if _is_body(ln.text):
            if summary:
                summary = False
                continue
            return i
        m = _HEAD.match(ln.text)
        if m and len(ln.text) > len(m.group()) and genre_of(ln.text) is None:
            return i
    return len(lines)


def _org_parts(s: str) -> list[str] | None:
    """The organization names of a line made only of them (separated by spaces or 、), else None."""
    if re.search(r"[。:：;；!?！？《》“”]", s) or len(s) > 60:
        return None
    parts = [p for p in _ISSUER_SEP.split(s) if p]
    if parts and all(len(p) <= 30 and _ORG.fullmatch(p) for p in parts):
        return parts
    return None


def _maybe_date_line(s: str) -> bool:
    return len(s) <= 30 and "年" in s and "月" in s


@lru_cache(maxsize=2)
def _date_rows(text: str) -> tuple[int, ...]:
    """Indices of the lines of ``text`` that may be a date line (:func:`_maybe_date_line`), in order:
    the only lines the signature and the stops look at closer (found once per text)."""
    return tuple(j for j, ln in enumerate(_lines(text)) if _maybe_date_line(ln.text))


def _signature(
    lines: Sequence[_Line], dates: Sequence[int], *, closing: bool = False, first: bool = False
) -> tuple[int, int] | None:
    """(index of the first issuer line, index of the date line) of the signature block, or None.

    ``dates`` are the indices of the lines that may be a date line (:func:`_date_rows`; those inside
    ``lines``). With ``closing`` the block must close the body: no body paragraph may follow it (a
    transmittal notice's signature above the transmitted text does not count). With ``first`` the
    first block after the body is taken instead of the last (a transmittal notice's own signature)."""
    body_seen = -1
    for i, ln in enumerate(lines):
        if _is_body(ln.text):
            body_seen = i
            break
    if body_seen < 0:
        return None
    if first:
        for j in dates:
            if j <= body_seen or j >= len(lines):
                continue
            m = _DATE_LINE.fullmatch(lines[j].text)
            if m and _iso(m) and _org_parts(lines[j - 1].text):
                k = j
                while k - 1 > body_seen and j - (k - 1) <= 4 and _org_parts(lines[k - 1].text):
                    k -= 1
                return k, j
    for j in reversed(dates):
        if j >= len(lines):
            continue
        if j <= body_seen:
            break
        m = _DATE_LINE.fullmatch(lines[j].text)
        if m and _iso(m):
            k = j
            while k - 1 > body_seen and j - (k - 1) <= 4 and _org_parts(lines[k - 1].text):
                k -= 1
            if closing and any(_is_body(ln.text) for ln in lines[j + 1 :]):
                return None
            return k, j
    return None


_HISTORY_DATE = re.compile(rf"[(（]?{SP}{DATE_CN}{SP}\S*(?:通过|修正|修订|公布|发布|批准)")
_NOT_ADDRESSEE = re.compile(
    r"如下|^现|^为|^根据|^按照|要求|规定|^附|^(?:核心提示|内容提要|内容摘要|摘\s*要|导\s*读|提\s*要)\s*[:：]"
)
#: A document site's summary label (核心提示:) whose paragraph repeats the opening of the text.
_SUMMARY_LABEL = re.compile(r"(?:核心提示|内容提要|内容摘要|摘\s*要|导\s*读)\s*[:：]\s*$")
#: A 发文字号 in brackets after the title on the same line, as document sites print it:
#: ``…的通知 (粤府〔2021〕22号)``.
_TITLE_NUMBER = re.compile(r"\s*[(（]\s*(?P<no>[^()（）]{4,30}?)\s*[)）]\s*$")
_ATTACHMENT = re.compile(r"附\s*件\s*(?:[:：]|\d|$)")
#: the speaker line of a work report: the government and its head's office, then the name
_SPEAKER = re.compile(
    rf"(?P<org>{HAN}{{2,20}}?(?:人民政府|政府))代?(?:区长|市长|县长|省长|旗长|州长|盟长|主席)"
    rf"[ \t\u3000]*{HAN}{{2,4}}"
)
#: the line under a work report's title: ——2019年3月4日在…人民代表大会第三次会议上
_DELIVERED = re.compile(rf"[-—–―]*{SP}[(（]?{SP}{DATE_CN}{SP}在\S{{0,40}}人民代表大会\S{{0,20}}会议上")


def body_stops(text: str) -> list[int]:
    """Offsets where the running text may end: each signature block (organization lines above a
    date-only line, after the first body paragraph) and each ``附件`` line. The outline ends at the
    first stop that follows a heading.

    >>> t = "一、要求\\n做好工作。\\n附件:1.任务分工表\\n2.进度表\\n上海市总工会\\n2011年2月15日"
    >>> [t[i:i + 4] for i in body_stops(t)]
    ['附件:1', '上海市总']
    """
    return _stops(_lines(text), _date_rows(text))


def _stops(lines: Sequence[_Line], dates: Sequence[int]) -> list[int]:
    body_seen = next((i for i, ln in enumerate(lines) if _is_body(ln.text)), len(lines))
    stops = []
    # only a 附 line or a line that may be a date line can be a stop
    rows = sorted({*dates, *(j for j, ln in enumerate(lines) if ln.text[0] == "附")})
    for j in rows:
        ln = lines[j]
        if ln.text[0] == "附" and _ATTACHMENT.match(ln.text) and len(ln.text) <= 60:
            stops.append(lines[j].start)
        elif j > body_seen and _maybe_date_line(ln.text) and ln.text[0] not in "(（":
            m = _DATE_LINE.fullmatch(ln.text)
            if m and _iso(m):
                k = j
                while k - 1 > body_seen and j - (k - 1) <= 4 and _org_parts(lines[k - 1].text):
                    k -= 1
                stops.append(lines[k].start)
    return sorted(set(stops))


def outline_bounds(text: str) -> tuple[int, list[int]]:
    """``(signature_start(text), body_stops(text))`` from one pass over the lines (used by the outline)."""
    lines = _lines(text)
    dates = _date_rows(text)
    sig = _signature(lines, dates, closing=True)
    return (lines[sig[0]].start if sig else len(text)), _stops(lines, dates)


def signature_start(text: str) -> int:
    """Offset where the closing signature block (issuer lines and date) begins; ``len(text)`` if none.

    >>> t = "一、要求\\n做好工作。\\n上海市总工会\\n2011年2月15日"
    >>> t[signature_start(t):]
    '上海市总工会\\n2011年2月15日'
    """
    lines = _lines(text)
    sig = _signature(lines, _date_rows(text), closing=True)
    return lines[sig[0]].start if sig else len(text)


def _title_fragment(s: str) -> bool:
    """Whether a line can be the beginning of a title broken over lines."""
    return not (
        _is_boilerplate(s)
        or len(s) > 60
        or re.search(r"[。:：;；]", s)
        or genre_of(s)
        or parse_doc_number(s)
        or _FULL_DATE.search(s)
        or s.endswith("文件")
        or s.startswith("<!--")
    )


def _title(lines: Sequence[_Line], end: int) -> tuple[str | None, int]:
    """The title and the index of its first line (-1 when none)."""
    best: tuple[str | None, int] = (None, -1)
    for i in range(end):
        s = lines[i].text
        if _is_boilerplate(s) or "。" in s or len(s) > 120 or genre_of(s) is None:
            continue
        if _FIELD.match(s) or parse_doc_number(s) or _FULL_DATE.search(s):
            continue
        first = i
        if "关于" not in s or s.startswith("关于"):
            # a title broken over lines: look back (at most two lines) for its beginning
            for k in (i - 1, i - 2):
                if k < 0 or not _title_fragment(lines[k].text):
                    break
                if lines[first].text.startswith("关于") and not _org_parts(lines[k].text):
                    break
                first = k
                if "关于" in lines[k].text or lines[k + 1].text.startswith("关于"):
                    break
        k = first - 1  # 重庆市粮食局 重庆市财政局 / 关于印发…的通知: the issuers open the title
        if lines[first].text.startswith("关于") and k >= 0 and _title_fragment(lines[k].text):
            if _org_parts(lines[k].text) and not _FIELD.match(lines[k].text):
                first = k
        title = "".join(lines[k].text for k in range(first, i + 1))
        best = (title, first)
    if best[0] is None:  # no genre word: the first plain line of the header
        for i in range(end):
            s = lines[i].text
            if (
                _is_boilerplate(s)
                or len(s) > 80
                or re.search(r"[。:：;；]", s)
                or parse_doc_number(s)
                or _DATE_LINE.fullmatch(s)
                or s.startswith("<!--")
                or _DELIVERED.match(s)
                or _SPEAKER.fullmatch(s)
            ):
                continue
            return s, i
    return best


#: a line that starts an attachment: 附件, 附件2, 附件 三
_ATTACHMENT_MARK = re.compile(r"附\s*件\s*[0-9一二三四五六七八九十]{0,2}\s*[:：]?")
#: a place name alone (广州市, 天河区), no body: the first part of a name spaced out in a title
_PLACE_ONLY = re.compile(rf"{HAN}{{1,8}}?(?:省|自治区|市|区|县|旗|州|盟)")
#: a title issuer that stands for several bodies: 上海市人力资源和社会保障局等四部门
_GROUP_ISSUER_RE = re.compile(
    r"等(?:[一二三四五六七八九十\d]{1,3}个?)?(?:部门|部委|单位|家单位|厅局|委办局)$"
)


def _title_issuers(title: str) -> tuple[str, ...]:
    cut = _TITLE_SPLIT.search(title)
    if cut is None or cut.start() == 0:
        return ()
    quote = title.find("《")
    if 0 <= quote < cut.start():
        return ()
    prefix = title[: cut.start()].strip()
    prefix = prefix.removesuffix("联合").strip()
    parts: list[str] = []
    sep = ""
    for p in re.split(r"([\s、,，]+)", prefix):  # 广州市 住房和城乡建设局: a place name opens the name
        if p and _ISSUER_SEP.fullmatch(p):
            sep = p
        elif p and parts and sep.isspace() and _PLACE_ONLY.fullmatch(parts[-1]):
            parts[-1] += p
        elif p:
            parts.append(p)
    if parts and all(len(p) <= 30 for p in parts):
        return tuple(parts)
    return ()


#: a text naming itself: 本办法, 本细则, 本规定 …
_SELF_NAME = re.compile(r"本(?P<g>实施细则|细则|办法|规定|条例|规则|意见|方案|通知|决定|规划|措施)")


def _self_genre(text: str) -> str | None:
    """The genre a text without a title names itself by at least twice (``本办法``), else None."""
    counts: dict[str, int] = {}
    genres = {g for _, g in _genres()}
    for m in _SELF_NAME.finditer(text):
        g = "细则" if m["g"] == "实施细则" else m["g"]
        if g in genres:
            counts[g] = counts.get(g, 0) + 1
    best = max(counts.items(), key=lambda gc: gc[1], default=None)
    return best[0] if best and best[1] >= 2 else None


def parse_meta(text: str) -> Meta:
    """Title, 发文字号, issuers, 主送, ISO date and genre of a (normalized) document.

    >>> m = parse_meta("人力资源社会保障部、财政部关于做好技能培训工作的通知\\n人社部发〔2021〕7号\\n各省、自治区人力资源社会保障厅(局):\\n为贯彻落实有关部署,现通知如下。")
    >>> m.issuers, m.addressees, m.doc_number
    (('人力资源社会保障部', '财政部'), ('各省、自治区人力资源社会保障厅(局)',), '人社部发〔2021〕7号')
    """
    lines = _lines(text)
    hend = _header_end(lines)
    fields: dict[str, str] = {}
    for ln in lines[:hend]:
        for fm in _FIELD.finditer(ln.text):
            label = re.sub(r"\s", "", fm.group("label"))
            fields.setdefault(label, fm.group("value").strip())

    # addressees: first short line ending with ':' after the title, before the body
    addressees: tuple[str, ...] = ()
    addr_idx = -1
    for i, ln in enumerate(lines[: min(hend + 1, len(lines))]):
        s = ln.text
        if (
            s.endswith((":", "："))
            and len(s) <= 300
            and "。" not in s
            and not _LABEL.match(s)
            and not _NOT_ADDRESSEE.search(s)
        ):
            if _HEAD.match(s) and not s.startswith("各"):
                continue
            addressees = split_addressees(s)
            addr_idx = i
            break
    title_end = addr_idx if addr_idx >= 0 else hend

    title, _ = _title(lines, title_end)
    if "标题" in fields:
        title = fields["标题"]
    title_number = None
    tm = _TITLE_NUMBER.search(title) if title else None
    if title and tm and (title_number := parse_doc_number(tm["no"], strict=True)):
        title = title[: tm.start()]
    genre = genre_of(title) if title else None

    doc_number = None
    raw_no = fields.get("发文字号") or fields.get("文号")
    if raw_no:
        doc_number = parse_doc_number(raw_no)
    if doc_number is None:
        doc_number = title_number
    if doc_number is None:
        for ln in lines[:title_end]:
            doc_number = parse_doc_number(ln.text.split("签发人")[0])
            if doc_number:
                break

    issuers: tuple[str, ...] = ()
    field_issuer = fields.get("发文机关") or fields.get("发布机关")
    if field_issuer:
        issuers = tuple(p for p in _ISSUER_SEP.split(field_issuer) if p)
    if not issuers and title:
        issuers = _title_issuers(title)
    # attachments (附件1 …) follow the signature and may carry signatures of their own
    att = next(
        (i for i, ln in enumerate(lines) if ln.text[:1] == "附" and _ATTACHMENT_MARK.fullmatch(ln.text)),
        len(lines),
    )
    dates = _date_rows(text)
    sig = (_signature(lines[:att], dates) if att < len(lines) else None) or _signature(lines, dates)
    # a transmittal notice is signed above the text it transmits: its own block is the first one
    own_sig = (_signature(lines, dates, first=True) if title and _TRANSMITTAL.search(title) else None) or sig
    if len(issuers) == 1 and _GROUP_ISSUER_RE.search(issuers[0]):  # 某局等四部门: the signatories
        signed = (
            tuple(p for k in range(*own_sig) for p in (_org_parts(lines[k].text) or ())) if own_sig else ()
        )
        issuers = signed if len(signed) >= 2 else issuers
    if not issuers and sig:
        issuers = tuple(p for k in range(sig[0], sig[1]) for p in (_org_parts(lines[k].text) or []))
    if not issuers:  # a report delivered by the head of a government: 海拉尔区人民政府区长 张天喜
        for ln in lines[:title_end]:
            sm = _SPEAKER.fullmatch(ln.text)
            if sm:
                issuers = (sm.group("org"),)
                break
    if not issuers:
        for ln in lines[:title_end]:
            if ln.text.endswith("文件") and _org_parts(ln.text[:-2]):
                issuers = tuple(_org_parts(ln.text[:-2]) or ())
                break

    date = parse_date(lines[own_sig[1]].text) if own_sig else None
    for label in ("成文日期", "发布日期", "印发日期"):
        if date is None and label in fields:
            date = parse_date(fields[label])
    if date is None:  # a regulation's adoption/revision history above the text: the latest entry
        for ln in lines:
            if ln.text.endswith("。") or _HEAD.match(ln.text):
                break
            m = _HISTORY_DATE.match(ln.text)
            if m and not _is_boilerplate(ln.text):
                date = _iso(m) or date
    if date is None:
        for ln in lines[:hend]:
            if _is_boilerplate(ln.text):
                continue
            m = re.search(DATE_CN, ln.text)
            if m and _iso(m):
                date = _iso(m)
                break
    if genre is None and title is None:  # an excerpt without its title: 适用本办法 names the genre
        genre = _self_genre(text)
    if genre is None and any(_DELIVERED.match(ln.text) for ln in lines[:title_end]):
        genre = "报告"  # ——2017年2月11日在…人民代表大会第六次会议上: a report to the congress
    return Meta(
        title=title,
        doc_number=doc_number,
        issuers=issuers,
        addressees=addressees,
        date=date,
        genre=genre,
    )


def title_span(text: str, title: str | None) -> tuple[int, int]:
    """Where the document's ``title`` (:attr:`Meta.title`, its lines joined) stands at the head of
    ``text``, from its first six characters to its last six (``(0, 0)`` when not found or shorter
    than 8 characters): the span no target or action is taken from.

    >>> text = "国务院办公厅关于推进政务新媒体\\n健康有序发展的意见\\n各省人民政府:"
    >>> a, b = title_span(text, "国务院办公厅关于推进政务新媒体健康有序发展的意见")
    >>> text[a:b]
    '国务院办公厅关于推进政务新媒体\\n健康有序发展的意见'
    """
    if not title or len(title) < 8:
        return 0, 0
    a = text.find(title[:6], 0, 2000)
    b = text.find(title[-6:], a, a + len(title) + 40) if a >= 0 else -1
    return (a, b + 6) if b >= 0 else (0, 0)
