"""Policy citations: titles in 《》, 发文字号 mentions, meetings, and short back-references.

Each record is a :class:`~policy_nlp.model.Citation`. ``text`` is the title as written inside 《》
(line breaks and inner quotes included, so ``text[start:end] == record.text``); for a meeting, a
bare 发文字号 or a back-reference it is the mention itself. ``resolved`` is the in-document key from
:func:`policy_nlp.resolve.citation_key`; back-references to the citing document itself (本意见,
本办法, 本条例) resolve to :data:`policy_nlp.resolve.SELF_KEY` (``"self"``).

Rules (``rule`` ids): ``citations.title.v1`` (a title in 《》), ``citations.doc_number.v1`` (a bare
发文字号), ``citations.meeting.v1``, ``citations.short_self.v1`` (本意见), ``citations.short_this.v1``
(该通知), ``citations.short_alias.v1`` (《意见》 after 以下简称《意见》), ``citations.short_genre.v1`` (a bare
《意见》 with no such definition: the last 意见 cited before it), ``citations.unbracketed.v1``
(a 关于…的意见 title whose 《》 a scrape lost, right after a governing verb), ``citations.unbracketed_name.v1``
(a law, regulation or plan (…法, …条例, …规划) named without 《》 after a governing verb: 制定生态补偿条例,
严格执行网络安全法, 编制蔬菜产业发展规划, and the names listed after it), ``citations.attached.v1``
(《X》 in a notice titled 关于印发X的通知, or 现将《X》印发给你们: the notice's own attachment, kind ``short``,
relation ``formulates``, resolved ``self``), ``citations.own_title.v1`` (the document's own title in
《》: a page's 【音频解读】《…》 link, its title line quoted; kind ``short``, resolved ``self``).

>>> cs = find_citations("贯彻落实全国总工会《关于加强工会参与职业病工作的意见》,制定实施《关于加强班组建设的实施意见》。")
>>> [(c.text, c.issuer, c.relation, c.planned) for c in cs]
[('关于加强工会参与职业病工作的意见', '全国总工会', 'implements', False), ('关于加强班组建设的实施意见', None, 'formulates', True)]
>>> cs[0].resolved
't:中华全国总工会关于加强工会参与职业病工作的意见'
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from policy_nlp.model import Citation, CitationKind, CitationRelation, Sentence
from policy_nlp.patterns import DOC_NUMBER, NOT_DATE_DAY, ORDER_NUMBER, ORG_SEQ, SELF_KEY
from policy_nlp.resolve import (
    attached_title,
    bare_key,
    canonical_body,
    citation_key,
    normalize_doc_number,
    normalize_title,
    single_body,
    split_issuer,
)
from policy_nlp.resources import read_tsv

__all__ = ["find_citations", "full_title", "governing_verb"]

_MAX_TITLE = 120  # characters between 《 and 》
_TITLE_SPAN = 200  # a number after the title on the first line, within this many characters, is the document's own
_WINDOW = 48  # characters looked back for a governing verb
_CLAUSE_END = frozenset("。;；!！?？:：\n,，")

# -- patterns, built from named parts ------------------------------------------------------------
_NUM = r"[零〇一二三四五六七八九十百千0-9]{1,7}"
_ARTICLE = rf"第{_NUM}条(?:之[一二三四五六七八九十]{{1,3}})?(?:第{_NUM}款)?(?:第{_NUM}项)?"
_ARTICLES_RE = re.compile(rf"\s*(?P<first>{_ARTICLE})(?P<more>(?:[、和及与至]{_ARTICLE})*)")
_ONE_ARTICLE_RE = re.compile(_ARTICLE)
_NUMBER_AFTER_RE = re.compile(rf"\s*[(（]?\s*(?:{DOC_NUMBER}|{ORDER_NUMBER})\s*[)）]?")
_ORDER_NUMBER_RE = re.compile(ORDER_NUMBER)
_ORDER_ANCHOR_RE = re.compile(r"令\s*[(（]?\s*第")
_DATE_ONLY_RE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
#: words before an order's issuer that are no part of it (根据国务院令…, 依照财政部令…)
_ORDER_CUT_RE = re.compile(r"[据照依按用见经将对由在于是为、的以]")
#: an order number followed by these is the document's own history (…令第375号公布, …第二次修订)
_ORDER_OWN_RE = re.compile(r"\s*(?:公布|发布|修订|修正|第[一二三四五六七八九十]+次修订|施行|颁布)")
_DOC_NUMBER_RE = re.compile(DOC_NUMBER)
_YEAR_IN_BRACKETS_RE = re.compile(r"[〔\[［(（【]\s*(?P<year>(?:19|20)\d{2})\s*[〕\]］)）】]")
#: the meeting pattern is tried only around these (no two overlap)
_MEETING_ANCHORS = ("届", "党的")
_ALIAS_DEF_RE = re.compile(
    r"\s*(?:[(（]|[,，;；])\s*(?:以下|下文)?简称\s*[《“\"](?P<alias>[^》”\"\n]{1,12})[》”\"]\s*[)）]?"
)
_MEETING_ORG = r"(?:中华全国总工会|全国总工会|全总|市总工会|市总|中共中央|中央|市委|省委|区委|县委)"
_MEETING_NAME = (
    r"(?:全体会议|全会|执委会|全委会|全委(?:\(扩大\)|（扩大）)?会议|代表大会|常务委员会第"
    + _NUM
    + r"次会议|会议)"
)
#: a province or city before a local people's congress: 广东省, 重庆市, 广西壮族自治区 (not from the 日 of a
#: date or a verb before it: 2021年9月28日上海市第十五届…, 经上海市…, but 日照市)
_PLACE = rf"(?:{NOT_DATE_DAY}(?![经由在对])[\u4e00-\u9fff]{{2,4}}?(?:省|市|自治区|自治州))"
_CONGRESS = r"(?:全国人民代表大会常务委员会|全国人民代表大会|人民代表大会常务委员会|人民代表大会)"
_MEETING_RE = re.compile(
    rf"(?P<lead>党的|中共|中国共产党)?(?P<place>{_PLACE})?(?:{_MEETING_ORG})?第?{_NUM}届"
    rf"(?P<body>中央委员会|中央|{_CONGRESS}|{_MEETING_ORG})?"
    rf"(?:第?{_NUM}次|{_NUM}中){_MEETING_NAME}"
    rf"|党的{_NUM}大"
)
_GENRE_WORDS = "实施意见|指导意见|若干意见|意见|通知|办法|规定|条例|决定|方案|规划|细则|规则|纲要|计划|决议|章程|通告|公告"
#: characters that make 本 part of another word (基本法, 日本, 文本, 资本, 成本 …)
_NOT_SELF_BEFORE = "基根日样文资版剧账成脚课读范标副善原蓝"
_GENRE_SET = frozenset(_GENRE_WORDS.split("|"))
_SELF_TAIL = rf"(?P<g>{_GENRE_WORDS}|法(?![律规人院定官庭]))"
_THIS_TAIL = rf"(?P<g>{_GENRE_WORDS}|文件)"
SELF_REF = rf"(?<![{_NOT_SELF_BEFORE}《])本{_SELF_TAIL}"
THIS_REF = rf"(?<![应《])该{_THIS_TAIL}"
# the same patterns with the literal first and the look-behind after it (本(?<!X本) is (?<!X)本): a
# pattern that starts with a literal lets the regex engine skip to each 本/该 in C, one that starts with
# a look-around is tried at every position
_SELF_RE = re.compile(rf"本(?<![{_NOT_SELF_BEFORE}《]本){_SELF_TAIL}")
_THIS_RE = re.compile(rf"该(?<![应《]该){_THIS_TAIL}")
_UNBRACKETED_RE = re.compile(
    r"关于[^,，。;；:：、\n《》“”()（）]{2,50}?的(?:若干|实施|指导)?(?:意见|通知|决定|办法|决议)"
)
_ISSUER_TAIL_RE = re.compile(r"(?:联合)?(?:印发|发布|颁布|下发|出台|制定|公布)?的?$")
_ORG_SEQ_RE = re.compile(ORG_SEQ)
#: what cannot lie inside an issuer prefix: dates, digits, punctuation, 通过了/决定对 …
_NOT_ISSUER_RE = re.compile(
    r"[0-9〇零一二三四五六七八九十]+[年月日号]|[^\u4e00-\u9fff、 ]|通过了|决定对|现对|将|对"
)
_ORG_START_RE = re.compile(
    r"国家|国务院|中共|中国|中央|全国|最高|原|[\u4e00-\u9fff]{2,6}?(?:省|市|自治区|自治州|县)"
)
_MEETING_GAP_RE = re.compile(r"\s*(?:通过的|通过)?\s*")
#: what cannot be part of a 发文字号 issuer code: the words before it (以国办发…, 市人民政府京政发…)
_CODE_CUT_RE = re.compile(
    r"人民政府|人民法院|人民检察院|国务院|通知|意见|方案|规划|决定|细则|[以按照据依我的和及、用见经将对由在于是为文件号]"
)
_TRIM_WORDS = (
    "深入",
    "认真",
    "全面",
    "进一步",
    "切实",
    "广泛",
    "继续",
    "严格",
    "和",
    "以及",
    "及",
    "与",
    "、",
    "为",
    "要",
    "应当",
    "应",
    "学习",
    "组织",
    " ",
)


@dataclass(frozen=True, slots=True)
class _Verb:
    verb: str
    relation: CitationRelation
    planned: bool


@cache
def _verbs() -> dict[str, _Verb]:
    out: dict[str, _Verb] = {}
    for row in read_tsv("citation_actions.tsv"):
        rel = row["relation"]
        if rel not in ("cites", "implements", "based_on", "formulates"):
            continue
        out[row["verb"]] = _Verb(row["verb"], rel, row["planned"] == "1")  # type: ignore[arg-type]
    return out


@cache
def _verb_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(v) for v in sorted(_verbs(), key=len, reverse=True)))


@cache
def _verb_rev_re() -> re.Pattern[str]:
    """The verbs reversed, longest first: in a reversed prefix the first match is the verb that ends
    last in the prefix, the longest of those."""
    return re.compile("|".join(re.escape(v[::-1]) for v in sorted(_verbs(), key=len, reverse=True)))


@cache
def _genres() -> tuple[tuple[str, CitationKind], ...]:
    rows = [(r["suffix"], r["kind"]) for r in read_tsv("citation_genres.tsv")]
    rows.sort(key=lambda r: len(r[0]), reverse=True)
    return tuple((s, k) for s, k in rows if k in ("policy", "law", "plan"))  # type: ignore[misc]


@cache
def _non_policy() -> frozenset[str]:
    return frozenset(r["title"] for r in read_tsv("non_policy_titles.tsv"))


_TRAILING_PAREN_RE = re.compile(r"[(（][^()（）]{1,20}[)）]$")


@cache
def _genre_end_re() -> tuple[re.Pattern[str], dict[str, CitationKind]]:
    """The genre suffixes as one pattern at the end of a title (its first match starts leftmost: the
    longest suffix), and the kind of each suffix (the first row's)."""
    kinds: dict[str, CitationKind] = {}
    for suffix, kind in _genres():
        kinds.setdefault(suffix, kind)
    return re.compile("(?:" + "|".join(re.escape(s) for s, _k in _genres()) + r")\Z"), kinds


def _kind_of(title: str) -> CitationKind:
    """The kind the longest genre suffix of ``title`` gives (a trailing bracket aside), else other."""
    if title in _non_policy():
        return "other"
    core = _TRAILING_PAREN_RE.sub("", title)
    ends, kinds = _genre_end_re()
    m = ends.search(core)
    if m is None or (m.group() == "法" and core.endswith(("办法", "方法", "做法", "想法"))):
        return "other"
    return kinds[m.group()]


def governing_verb(prefix: str) -> str | None:
    """The last governing verb (from ``citation_actions.tsv``) in the clause text before a citation.

    >>> governing_verb("深入贯彻落实")
    '贯彻落实'
    >>> governing_verb("加强") is None
    True
    """
    m = _verb_rev_re().search(prefix[::-1])  # one search instead of an rfind per verb
    return m.group()[::-1] if m else None


def _trim_left(s: str) -> str:
    changed = True
    verbs = _verbs()
    while changed and s:
        changed = False
        for w in (*_TRIM_WORDS, *sorted(verbs, key=len, reverse=True)):
            if s.startswith(w):
                s = s[len(w) :]
                changed = True
                break
    return s


# -- scanning ------------------------------------------------------------------------------------
def _bracket_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) positions of outermost 《…》 pairs; nested 《》/〈〉 stay inside."""
    spans: list[tuple[int, int]] = []
    i = text.find("《")
    n = len(text)
    while i != -1:
        depth = 0
        j = i
        close = -1
        newlines = 0
        while j < n and j - i <= _MAX_TITLE:
            c = text[j]
            if c == "《":
                depth += 1
            elif c == "》":
                depth -= 1
                if depth == 0:
                    close = j
                    break
            elif c == "。" or (c == "\n" and (newlines := newlines + 1) > 2):
                break
            j += 1
        if close > i + 1:
            spans.append((i, close))
            i = text.find("《", close + 1)
        else:
            i = text.find("《", i + 1)
    return spans


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    lead: int  # where the mention begins with its delimiters (the 《)
    tail: int  # where it ends with delimiters, articles and number
    title: str
    kind: CitationKind
    rule: str
    doc_number: str | None = None
    issuer: str | None = None
    articles: tuple[str, ...] = ()
    alias: str | None = None
    resolved: str | None = None
    action: str | None = None
    relation: CitationRelation = "cites"
    planned: bool = False


def _bare(start: int, end: int, title: str, kind: CitationKind, rule: str, **fields: Any) -> _Found:
    """A mention without delimiters (a meeting, a bare 发文字号, 本意见): it begins and ends with its text."""
    return _Found(start, end, start, end, title, kind, rule, **fields)


def _clause_prefix(text: str, lead: int, floor: int, masks: list[tuple[int, int]]) -> tuple[str, int]:
    """Text of the clause before ``lead`` with other citations masked as □, and its start offset."""
    k = bisect_right(masks, (lead, lead)) - 1
    out: list[str] = []
    i = lead - 1
    lo = floor
    while i >= lo and len(out) < _WINDOW:
        while k >= 0 and masks[k][1] > i:
            if masks[k][0] <= i:
                out.append("□")
                i = masks[k][0] - 1
            k -= 1
        if i < lo:
            break
        c = text[i]
        if c in _CLAUSE_END:
            break
        out.append(c)
        i -= 1
    return "".join(reversed(out)), i + 1


#: issuers named relative to the citing document (市政府, 省委, 本部): their full name is unknown here
_RELATIVE_ISSUER_RE = re.compile(r"[市省区县州本我各该]")


def full_title(title: str, issuer: str | None) -> str:
    """The official title of a 关于… policy cited with its issuer outside 《》: the issuer's canonical
    name + title, when the issuer is one body whose full name is known; else ``title`` unchanged.

    >>> full_title("关于加强工会参与职业病工作的意见", "全国总工会")
    '中华全国总工会关于加强工会参与职业病工作的意见'
    >>> full_title("关于加强班组建设的指导意见", "全总等四部委")  # several issuers: title as cited
    '关于加强班组建设的指导意见'
    >>> full_title("关于加快职业教育发展的意见", "市政府")  # which city's government is not known
    '关于加快职业教育发展的意见'
    """
    if not issuer or not title.startswith("关于") or not single_body(issuer):
        return title
    name = canonical_body(issuer)
    if len(name) < 2 or _RELATIVE_ISSUER_RE.match(name):
        return title
    return name + title


def _outer_issuer(prefix: str) -> str | None:
    seg = prefix.rsplit("□", 1)[-1]
    verb = governing_verb(seg)
    if verb is not None:
        seg = seg[seg.rfind(verb) + len(verb) :]
    seg = _ISSUER_TAIL_RE.sub("", seg)
    seg = _NOT_ISSUER_RE.split(seg)[-1]
    seg = _trim_left(seg).strip()
    tails = [seg[k:] for k in range(len(seg) - 1)]
    for cand in tails:  # the longest tail that starts with a known body and reads as a list of bodies
        if _known_body_re().match(cand) and _ORG_SEQ_RE.fullmatch(cand):
            return cand
    for cand in tails:  # else one that starts like an organ's name (国家…, 最高…, 浙江省…)
        if _ORG_START_RE.match(cand) and _ORG_SEQ_RE.fullmatch(cand):
            return cand
    for cand in tails:  # else a short tail that reads as a list of bodies
        if len(cand) <= 8 and _ORG_SEQ_RE.fullmatch(cand) and not _verb_re().match(cand):
            return cand
    return None


@cache
def _known_body_re() -> re.Pattern[str]:
    from policy_nlp.resolve import _alias_table

    names = sorted(_alias_table(), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names))


def find_citations(text: str, *, sentences: Sequence[Sentence] = ()) -> list[Citation]:
    """Citations in ``text`` in document order, with ids ``C1``, ``C2`` …

    ``sentences`` (optional) bound the look-back for a governing verb and an issuer prefix.

    >>> [c.kind for c in find_citations("为贯彻党的十七届五中全会精神,根据《中华人民共和国工会法》第十条,制定本办法。")]
    ['meeting', 'law', 'short']
    >>> find_citations("根据《中华人民共和国工会法》第十条、第十一条")[0].articles
    ('第十条', '第十一条')
    """
    found: list[_Found] = []
    aliases: dict[str, int] = {}  # alias word -> index in found
    alias_spans: set[int] = set()
    for open_, close in _bracket_spans(text):
        if open_ + 1 in alias_spans:
            continue
        raw = text[open_ + 1 : close]
        title = normalize_title(raw)
        if not title:
            continue
        tail = close + 1
        articles: tuple[str, ...] = ()
        number = None
        m = _ARTICLES_RE.match(text, tail)
        if m:
            articles = tuple(a.group() for a in _ONE_ARTICLE_RE.finditer(m.group()))
            tail = m.end()
        m = _NUMBER_AFTER_RE.match(text, tail)
        if m:
            number = normalize_doc_number(m.group())
            tail = m.end()
        alias = None
        m = _ALIAS_DEF_RE.match(text, tail)
        if m:
            alias = normalize_title(m["alias"])
            alias_spans.add(m.start("alias"))
            tail = m.end()
        if title in aliases and len(title) <= 12:
            kind: CitationKind = "short"
            rule = "citations.short_alias.v1"
        elif title in _GENRE_SET and number is None:  # 《意见》 with no 以下简称: the last 意见 cited
            kind, rule = "short", "citations.short_genre.v1"
        else:
            kind = _kind_of(title)
            rule = "citations.title.v1"
        f = _Found(open_ + 1, close, open_, tail, title, kind, rule, number, None, articles, alias)
        if alias:
            aliases[alias] = len(found)
        found.append(f)
    # meetings, bare numbers, back-references, unbracketed titles: outside the titles found so far
    taken = sorted((f.lead, f.tail) for f in found)

    def free(a: int, b: int) -> bool:
        k = bisect_right(taken, (a, 1 << 62)) - 1
        if k >= 0 and taken[k][1] > a:
            return False
        return not (k + 1 < len(taken) and taken[k + 1][0] < b)

    extra: list[_Found] = []
    meetings: dict[int, str | None] = {}  # end of a meeting mention -> the congress that met
    for m in _meetings(text):
        start = m.start()
        if m["place"] and not m["lead"]:  # 贯彻落实广东省… : the verb is no part of the place
            start = m.end() - len(_trim_left(text[start : m.end()]))
        if free(start, m.end()):
            body = m["body"] if m["body"] and "人民代表大会" in m["body"] else None
            if body and m["place"] and not body.startswith("全国"):
                body = text[max(start, m.start("place")) : m.end("place")] + body
            meetings[m.end()] = body
            extra.append(_bare(start, m.end(), text[start : m.end()], "meeting", "citations.meeting.v1"))
    own_numbers: set[str] = set()
    newlines: list[int] | None = None  # line bounds by bisection (linear on one line), at the first number
    for m in _doc_numbers(text):
        code = _CODE_CUT_RE.split(m["code"])[-1][-6:]
        s = m.end("code") - len(code)
        if not code or not free(s, m.end()):
            continue
        if newlines is None:
            newlines = [m.start() for m in re.finditer("\n", text)]
        k = bisect_left(newlines, s)
        line_start = newlines[k - 1] + 1 if k else 0
        k = bisect_left(newlines, m.end())
        line_end = newlines[k] if k < len(newlines) else len(text)
        if _NON_SPACE.search(text, m.end(), line_end) is None and (
            _NON_SPACE.search(text, line_start, s) is None or _NON_SPACE.search(text, line_start, m.start()) is None
        ):  # the number (with or without its issuer code) alone on its line: the document's own, in its header
            own_numbers.add(normalize_doc_number(text[s : m.end()]) or "")
            continue
        first_line = _NON_SPACE.search(text, 0, line_start) is None
        before = text[max(line_start, s - _LABEL_REACH) : s]  # both patterns end at the number ($)
        if _OWN_NUMBER_LABEL_RE.search(before) or (
            first_line and s < _TITLE_SPAN and _TITLE_LINE_NUMBER_RE.search(before)
        ):  # 发文字号: … in a page's information table, or …的通知 (…号) on the first line
            own_numbers.add(normalize_doc_number(text[s : m.end()]) or "")
            continue
        num = normalize_doc_number(text[s : m.end()])
        if num in own_numbers:  # the document quoting its own number again
            continue
        if num:
            extra.append(_bare(s, m.end(), num, "policy", "citations.doc_number.v1", doc_number=num))
    for s, e in _order_numbers(text):
        num = normalize_doc_number(text[s:e])
        if num and free(s, e) and num not in own_numbers:
            extra.append(_bare(s, e, num, "policy", "citations.doc_number.v1", doc_number=num))
    for m in _SELF_RE.finditer(text):
        if free(m.start(), m.end()):
            extra.append(_bare(m.start(), m.end(), m.group(), "short", "citations.short_self.v1", resolved=SELF_KEY))
    for m in _THIS_RE.finditer(text):
        if free(m.start(), m.end()):
            extra.append(_bare(m.start(), m.end(), m.group(), "short", "citations.short_this.v1"))
    verb_re = _verb_re()
    for m in _UNBRACKETED_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        before = text[max(0, m.start() - 24) : m.start()]
        vs = list(verb_re.finditer(before))
        if not vs:
            continue
        gap = before[vs[-1].end() :]
        if gap and not _ORG_SEQ_RE.fullmatch(_trim_left(gap)):
            continue
        extra.append(_bare(m.start(), m.end(), m.group(), _kind_of(m.group()), "citations.unbracketed.v1"))
    for start, end, lead in _unbracketed_names(text):
        if free(start, end):  # the verb before the name tells the relation unless a governing verb does
            name = text[start:end]
            relation, planned = _NAME_LEAD_RELATION.get(lead, ("cites", False))
            extra.append(_bare(start, end, name, _kind_of(name), "citations.unbracketed_name.v1", action=lead,
                               relation=relation, planned=planned))
    extra.sort(key=lambda f: (f.start, -f.end))
    kept: list[_Found] = []
    for f in extra:  # first wins among overlapping extras
        if kept and f.start < kept[-1].tail:
            continue
        kept.append(f)
    found = sorted([*found, *kept], key=lambda f: (f.start, -f.end))
    own = _own_attachment(text)
    own_lines = _own_title_lines(text)
    for f in found:
        if f.rule != "citations.title.v1":
            continue
        if (own and _same_title(f.title, own)) or _ENCLOSED_AFTER_RE.match(text, f.tail):
            # 《X》 in a notice 关于印发X的通知, or 现将《X》印发给你们: the notice's own content
            f.kind, f.rule, f.resolved, f.relation = "short", "citations.attached.v1", SELF_KEY, "formulates"
        elif _unspaced(f.title) in own_lines or _PAGE_LINK_RE.search(text, max(0, f.lead - 8), f.lead):
            # the document's own title (a page's 【音频解读】《…》 link, its title line quoted)
            f.kind, f.rule, f.resolved = "short", "citations.own_title.v1", SELF_KEY
    _attach_context(text, found, sentences)
    for f in found:  # 第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》
        if f.rule == "citations.title.v1" and f.title.startswith("关于"):
            for back in range(5):
                if f.lead - back in meetings and _MEETING_GAP_RE.fullmatch(text, f.lead - back, f.lead):
                    body = meetings[f.lead - back]
                    if body:
                        f.issuer = body
                    break
    for f in found:  # 全国总工会《关于…的决议》 is the policy 中华全国总工会关于…的决议
        f.title = full_title(f.title, f.issuer) if f.rule == "citations.title.v1" else f.title
    _resolve_in_document(found, aliases)
    return [
        Citation(
            id=f"C{n}",
            start=f.start,
            end=f.end,
            text=text[f.start : f.end],
            title=f.title,
            doc_number=f.doc_number,
            issuer=f.issuer,
            kind=f.kind,
            articles=f.articles,
            action=f.action,
            relation=f.relation,
            planned=f.planned,
            resolved=f.resolved,
            rule=f.rule,
        )
        for n, f in enumerate(found, start=1)
    ]


#: the verbs after which a law, regulation or plan is named without 《》 (制定生态补偿条例, 严格执行网络安全法)
_NAME_LEAD_RE = re.compile(r"制定|编制|修订|修改完善|出台|执行|落实|贯彻|结合|依据|根据|按照|遵守|加强|完成|启动")
#: words between such a verb and the name: 制定出台…, 研究制定实施…, 加快编制我区…
_NAME_LEAD_RELATION: dict[str, tuple[CitationRelation, bool]] = {
    **dict.fromkeys(("制定", "编制", "修订", "修改完善", "出台", "启动", "完成"), ("formulates", True)),
    **dict.fromkeys(("执行", "落实", "贯彻", "遵守", "加强"), ("implements", False)),
    **dict.fromkeys(("依据", "根据", "按照"), ("based_on", False)),
}
_NAME_TRIM_RE = re.compile(r"(?:出台|实施|修订|编制|完成|我区|我市|我省|我县|全区|全市|全省|全县|本区|本市|好|了)*")
#: how a non-empty match of _NAME_TRIM_RE starts (a cheap test first)
_NAME_TRIM_FIRST = frozenset("出实修编完我全本好了")
_NAME_RE = re.compile(  # no 的 inside (制定高师带徒的管理办法 describes measures), no 和/及/与 (宪法和组织法 are two)
    r"(?:(?<=共)和|(?![的和及与])[\u4e00-\u9fff]){3,28}?(?:(?<![办方做想用立执违合司依手说看算写技疗教笔])法|条例|规划)"
    r"(?=[,，。;；、:：)）\s]|和|及|等|与|编制|$)"
)
#: after 制定 only: measures and rules that will be written under a name of their own (制定出台失业保险关系转移办法);
#: not the document's own 实施办法, nor a description that starts with a verb (制定降低…收费办法)
_PLANNED_NAME_RE = re.compile(
    r"(?!降低|完善|建立|健全|规范|加强|明确|提高|优化|相关|有关|具体|配套)(?:(?!的)[\u4e00-\u9fff]){8,28}?(?<!实施)(?:办法|规定)"
    r"(?=[,，。;；、:：)）\s]|和|及|等|与|$)"
)
_NAME_NEXT_RE = re.compile(r"[、和及与]")
#: names that name no one document: 有关办法, 各项规定, 城市总体规划, 控制性详细规划
_GENERIC_NAME_RE = re.compile(
    r"(?:有关|相关|各|具体|配套|上述|这些|其他|若干|一批|新一轮|年度|国家|地方|部门|该|本|此|其|对|把|将|在|从|向|为|以|由"
    r"|市|省|区|县|违反)|[^本]*本(?:条例|法|规定|办法)"
    r"|(?:城市|城区|城镇|村庄|乡镇|土地利用|控制性|详细|总体|专项|区域|产业|发展|国土空间)+规划$"
)
#: how every match of _NAME_RE and _PLANNED_NAME_RE ends: at least 3 characters after its start and
#: at most 30 (办法 ends in 法)
_NAME_END_RE = re.compile(r"法|条例|规划|规定")
#: the shortest name of a law (外商投资法), a regulation (生态补偿条例) and a plan (蔬菜产业发展规划)
_MIN_NAME = {"法": 5, "例": 5, "划": 7}


def _long_enough(name: str) -> bool:
    return len(name) >= _MIN_NAME.get(name[-1], 6)


_DUTY_RE = re.compile(r"应当|应")


def _duty_clause(text: str, pos: int) -> bool:
    """Whether the sentence before ``pos`` states a duty (应当, 应)."""
    cut = max(text.rfind(c, 0, pos) for c in "。;；\n")
    return _DUTY_RE.search(text, cut + 1, pos) is not None


def _unbracketed_names(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, verb) of laws, regulations and plans named without 《》 after a governing verb,
    and of the names listed after one (加强环境保护法、大气污染防治法); rule ``citations.unbracketed_name.v1``."""
    for lead in _NAME_LEAD_RE.finditer(text):
        start = lead.end()
        if text[start : start + 1] in _NAME_TRIM_FIRST:
            start = _NAME_TRIM_RE.match(text, start).end()  # type: ignore[union-attr]
        while True:
            if _NAME_END_RE.search(text, start + 3, start + 30) is None:
                break  # no name can end here (a cheap test before the name patterns)
            m = _NAME_RE.match(text, start) or (_PLANNED_NAME_RE.match(text, start) if lead.group() == "制定" else None)
            if m is None or _GENERIC_NAME_RE.match(m.group()) or _NAME_LEAD_RE.search(m.group()):
                break  # (a verb inside: the name begins after the later verb, 结合实际制定…)
            if not _long_enough(m.group()) or (m.group().endswith("规划") and _duty_clause(text, lead.start())):
                break  # (编制…规划 as a duty in a law, 应当编制农村公路养护发展规划, names a kind of plan)
            yield m.start(), m.end(), lead.group()
            nxt = _NAME_NEXT_RE.match(text, m.end())
            if nxt is None:
                break
            start = nxt.end()


def _meetings(text: str) -> Iterator[re.Match[str]]:
    """Matches of the meeting pattern, tried only around 届 and 党的 (a linear scan, not a regex
    attempt at every character)."""
    last_end = 0
    for pos in sorted(k for word in _MEETING_ANCHORS for k in _find_all(text, word)):
        if pos < last_end:
            continue
        m = _MEETING_RE.search(text, max(last_end, pos - 16), pos + 48)
        if m and m.start() <= pos < m.end():
            last_end = m.end()
            yield m


def _find_all(text: str, word: str) -> list[int]:
    """The starts of ``word`` in ``text`` (``str.find`` skips to each in C, faster than a regex scan)."""
    out = []
    k = text.find(word)
    while k >= 0:
        out.append(k)
        k = text.find(word, k + len(word))
    return out


_NON_SPACE = re.compile(r"\S")
#: how far before a document number its label (发文字号:) or title-line bracket may start
_LABEL_REACH = 60
#: The label of a page's own 发文字号 field (索引号 tables): the number after it is not a citation.
_OWN_NUMBER_LABEL_RE = re.compile(r"(?:发\s*文\s*字\s*号|(?:发\s*布\s*)?文\s*号)\s*[:：|]\s*$")
#: The title line of a page that prints the number after the title: ``…的通知 (粤府〔2021〕22号)``.
_TITLE_LINE_NUMBER_RE = re.compile(r"(?:通知|意见|方案|规划|办法|决定|函|批复|通报|报告|细则|规定|纲要|计划|要点)\s*[(（]?\s*$")


def _doc_numbers(text: str) -> Iterator[re.Match[str]]:
    """Matches of the 发文字号 pattern, tried only where a bracketed year is."""
    for a in _YEAR_IN_BRACKETS_RE.finditer(text):
        m = _DOC_NUMBER_RE.search(text, max(0, a.start() - 10), a.end() + 12)
        if m and m.start("year") == a.start("year"):
            yield m


def _order_numbers(text: str) -> Iterator[tuple[int, int]]:
    """Spans of order numbers cited in the text (国务院令第588号), without the words before the
    issuer and without the document's own promulgation history (…令第375号公布)."""
    if "令" not in text:
        return
    last = 0
    for anchor in _ORDER_ANCHOR_RE.finditer(text):  # the order pattern is tried only near 令…第
        m = _ORDER_NUMBER_RE.search(text, max(last, anchor.start() - 24), anchor.end() + 12)
        if m is None or not m.start() < anchor.start() + 1 <= m.end():
            continue
        last = m.end()
        if _ORDER_OWN_RE.match(text, m.end()):
            continue
        a, z = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
        rest = text[a : m.start()] + text[m.end() : z if z >= 0 else len(text)]
        if not _DATE_ONLY_RE.sub("", rest).strip(" \t\u3000()（）"):  # 2017年11月22日 国务院令第692号
            continue  # the order that promulgates this text, alone on its line
        code = m["ocode"]
        cut = max((c.end() for c in _ORDER_CUT_RE.finditer(code)), default=0)
        if len(code) - cut >= 2:
            yield m.start() + cut, m.end()


#: 《X》 followed in its sentence by 现印发/印发给你们/予以印发: the enclosed document of a 印发 notice
_ENCLOSED_AFTER_RE = re.compile(r"[^。;；\n]{0,40}?(?:(?:现|予以|现予|特)印发|印发给)")
#: a page's link to a reading of the document itself: 【音频解读】《X》, 【一图读懂】《X》, 关于《X》的解读
_PAGE_LINK_RE = re.compile(r"(?:【[^】\n]{0,6}(?:解读|读懂)】|解读[:：]?|关于)\s*《?$")
#: a title line that ends in its own 发文字号 (…的通知国办发〔2020〕13号) when a scrape lost the break
_TRAILING_NUMBER_RE = re.compile(rf"\s*[(（]?\s*{DOC_NUMBER}\s*[)）]?\s*$")
_ATTACHED_IN_TEXT_RE = re.compile(r"关于(?:印发|颁布|发布)\s*《?(?P<x>[^《》。]{4,80}?)》?\s*的通知")


def _own_attachment(text: str) -> str | None:
    """The title of the document a 印发 notice encloses, from its title line (or the first 300
    characters of a text without line breaks)."""
    for line in text[:2000].splitlines()[:12]:
        line = line.strip().lstrip("#").strip()
        if "关于" in line and len(line) <= 120:
            x = attached_title(_TRAILING_NUMBER_RE.sub("", line))
            if x:
                return normalize_title(x)
    m = _ATTACHED_IN_TEXT_RE.search(text, 0, 300)
    return normalize_title(m["x"]) if m else None


def _unspaced(title: str) -> str:
    return re.sub(r"\s+", "", title)


def _own_title_lines(text: str) -> frozenset[str]:
    """The document's own title as its header gives it (a 关于… line, spaces removed, among the first
    lines before the body's first sentence: not the title of a document a 转发 notice prints)."""
    out = set()
    for line in text[:3000].splitlines()[:40]:
        if "。" in line:
            break
        line = _unspaced(line.lstrip("#"))
        if "关于" in line and 8 <= len(line) <= 120 and "《" not in line and _kind_of(line) != "other":
            out.add(normalize_title(line))
    return frozenset(out)


def _same_title(title: str, own: str) -> bool:
    """A cited title that is the enclosed document's title (关于 and the issuer aside)."""
    t = _unspaced(title)
    return t == own or t.removeprefix("关于") == own or split_issuer(t)[1].removeprefix("关于") == own


_NO_CONTEXT_RULES = frozenset(
    {"citations.short_self.v1", "citations.short_this.v1", "citations.attached.v1", "citations.own_title.v1"}
)


def _attach_context(text: str, found: list[_Found], sentences: Sequence[Sentence]) -> None:
    """Governing verb, relation, planned and issuer from the clause before each citation."""
    masks = [(f.lead, f.tail) for f in found]
    starts = [s.start for s in sentences]
    verbs = _verbs()
    for f in found:
        if f.rule in _NO_CONTEXT_RULES:
            continue
        floor = 0
        if starts:
            k = bisect_right(starts, f.lead) - 1
            floor = sentences[k].start if k >= 0 else 0
        prefix, _ = _clause_prefix(text, f.lead, floor, masks)
        verb = governing_verb(prefix)
        if verb is not None:
            v = verbs[verb]
            f.action = verb
            f.relation = v.relation
            before = prefix[: prefix.rfind(verb)]
            f.planned = v.planned and not before.endswith(("已", "已经", "先后", "曾", "相继"))
        if f.kind in ("meeting", "short", "other"):
            continue
        inner, _ = split_issuer(normalize_title(text[f.start : f.end], spaces=True))  # keeps 人社部 财政部 apart
        f.issuer = inner or (_outer_issuer(prefix) if f.rule == "citations.title.v1" else None)


def _resolve_in_document(found: list[_Found], aliases: dict[str, int]) -> None:
    """Keys for every citation; short forms and bare titles take the key of their full citation."""
    key = cache(citation_key)  # each key computed once in the document
    for f in found:
        if f.resolved is None and f.kind != "short":
            f.resolved = key(f.title, doc_number=f.doc_number, issuer=f.issuer, kind=f.kind)
    # a title cited once with its 发文字号 keeps that key everywhere in the document
    by_title: dict[str, str] = {}
    by_bare: dict[str, set[str]] = {}
    for f in found:
        if f.kind in ("meeting", "short") or not f.title:
            continue
        tk = key(f.title, doc_number=None, issuer=f.issuer, kind=f.kind)
        if f.doc_number and f.resolved:
            by_title[tk] = f.resolved
        b = bare_key(tk)
        if b and f.resolved and b != tk:
            by_bare.setdefault(b, set()).add(f.resolved)
    for f in found:
        if f.kind in ("meeting", "short") or not f.resolved or f.doc_number:
            continue
        if f.resolved in by_title:
            f.resolved = by_title[f.resolved]
        elif f.issuer is None and f.resolved in by_bare and len(by_bare[f.resolved]) == 1:
            f.resolved = next(iter(by_bare[f.resolved]))
    last_by_genre: dict[str, str] = {}
    for i, f in enumerate(found):
        if f.rule == "citations.short_alias.v1":
            j = aliases.get(f.title)
            if j is not None and j < i:
                f.resolved = found[j].resolved
        elif f.rule in ("citations.short_this.v1", "citations.short_genre.v1"):
            g = f.title[1:] if f.rule == "citations.short_this.v1" else f.title
            f.resolved = last_by_genre.get(g) if g != "文件" else last_by_genre.get("")
        if f.kind in ("policy", "law", "plan") and f.resolved:
            last_by_genre[""] = f.resolved
            for g in _GENRE_WORDS.split("|"):
                if f.title.endswith(g):
                    last_by_genre[g] = f.resolved
                    if g != g[-2:]:
                        last_by_genre[g[-2:]] = f.resolved
