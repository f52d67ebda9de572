"""Citation keys: one canonical key per policy, aliases, and a pluggable catalog of known policies.

A key is a short string that two mentions of the same policy share:

* ``no:国发〔2010〕12号`` — from a 发文字号 (any bracket variant folds to 〔〕), preferred when known;
* ``t:中华全国总工会关于…的决议`` — from a normalized title: issuer prefix folded in through the alias
  table (全总/全国总工会 → 中华全国总工会), 中华人民共和国 dropped (《工会法》 = 《中华人民共和国工会法》),
  punctuation, quotes, spaces and line breaks ignored;
* ``t:工会法@2018`` — one version of a law or regulation, when its title states the year
  (《中华人民共和国工会法(2018年修正)》); the graph links it to the law (``t:工会法``) by ``version_of``;
* ``m:十七届五中全会`` — a meeting;
* ``self`` (:data:`SELF_KEY`) — a back-reference to the citing document itself (本意见, 本办法).

>>> citation_key("中华全国总工会关于加强工会参与职业病工作的意见")
't:中华全国总工会关于加强工会参与职业病工作的意见'
>>> citation_key("关于加强工会参与职业病工作的意见", issuer="全国总工会")
't:中华全国总工会关于加强工会参与职业病工作的意见'
>>> citation_key("工会法") == citation_key("中华人民共和国工会法")
True
>>> citation_key("关于…的通知", doc_number="国发[2010]12号")
'no:国发〔2010〕12号'
>>> citation_key("中华人民共和国工会法(2018年修正)")
't:工会法@2018'

A *resolver* maps a :class:`~policy_nlp.model.Citation` to a key (or a :class:`CatalogEntry`, or None
to keep the default). :func:`load_catalog` reads a CSV or JSON file of known policies into a
:class:`Catalog`, which is such a resolver.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from policy_nlp.errors import ResourceError
from policy_nlp.model import Citation
from policy_nlp.numerals import fold_width as _fold
from policy_nlp.numerals import parse_chinese_int
from policy_nlp.patterns import CJK as _CJK
from policy_nlp.patterns import DOC_NUMBER, ORDER_NUMBER, ORG_SEQ, SELF_KEY
from policy_nlp.resources import read_tsv

__all__ = [
    "DOC_NUMBER",
    "ORG_SEQ",
    "SELF_KEY",
    "Catalog",
    "CatalogEntry",
    "Resolver",
    "attached_title",
    "canonical_body",
    "citation_key",
    "law_version",
    "load_catalog",
    "make_resolver",
    "normalize_doc_number",
    "normalize_title",
    "split_issuer",
    "title_key",
]

_DOC_NUMBER_RE = re.compile(DOC_NUMBER)
_ORDER_NUMBER_RE = re.compile(ORDER_NUMBER)
_ORG_SEQ_RE = re.compile(ORG_SEQ)
_ISSUER_SPLIT_RE = re.compile(r"[ 、和及与]+|等(?:[一二三四五六七八九十0-9]{1,3}个?)?(?:部委|部门|单位|家单位)?$")
_KEY_DROP_RE = re.compile(rf"[^{_CJK}0-9A-Za-z]+")
_QUOTES_RE = re.compile(r"[“”‘’\"'「」『』《》〈〉<>\s]+")
_PRC = "中华人民共和国"
_LAW_NAME = re.compile(r"(?<!办)法(?:典)?$|条例$|(?:法|条例)(?:实施细则|实施办法)$")

# -- titles, numbers, bodies ---------------------------------------------------------------------
def normalize_title(text: str, *, spaces: bool = False) -> str:
    """The title as a reader would write it: widths folded, quotes, inner 〈〉/《》, spaces and line
    breaks removed. With ``spaces`` a run of spaces stays as one space (joint issuers:
    人社部 财政部关于…); line breaks still go.

    >>> normalize_title("关于开展“当好主力军”\\n主题活动的意见")
    '关于开展当好主力军主题活动的意见'
    >>> normalize_title("关于修改〈中华人民共和国工会法〉的决定")
    '关于修改中华人民共和国工会法的决定'
    >>> normalize_title("人社部　 财政部关于“稳岗”\\n补贴的通知", spaces=True)
    '人社部 财政部关于稳岗补贴的通知'
    """
    if not spaces:
        return _QUOTES_RE.sub("", _fold(text)).strip()
    kept = _QUOTES_RE.sub(lambda m: " " if " " in m.group() or "\t" in m.group() else "", _fold(text))
    return re.sub(" +", " ", kept).strip()


def normalize_doc_number(text: str) -> str | None:
    """A 发文字号 in the form ``CODE〔YYYY〕N号`` (None when ``text`` holds none).

    >>> normalize_doc_number("沪府发（2011）第5号")
    '沪府发〔2011〕5号'
    >>> normalize_doc_number("中华人民共和国国务院令 第三百七十五号")  # an order number
    '国务院令第375号'
    >>> normalize_doc_number("no number") is None
    True
    """
    m = _DOC_NUMBER_RE.search(text)
    if m is not None:
        return f"{m['code']}〔{m['year']}〕{int(m['seq'])}号"
    o = _ORDER_NUMBER_RE.search(text)
    if o is None:
        return None
    seq = int(o["oseq"]) if o["oseq"].isdigit() else parse_chinese_int(o["oseq"])
    code = o["ocode"].removeprefix(_PRC) if len(o["ocode"]) > len(_PRC) else o["ocode"]
    return f"{code}令第{seq}号" if seq else None


@cache
def _alias_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in read_tsv("aliases.tsv"):
        canonical = row["canonical"]
        for alias in [canonical, *row["aliases"].split("|")]:
            if alias:
                table[alias] = canonical
    return table


@cache
def _alias_prefix_re() -> re.Pattern[str]:
    names = sorted(_alias_table(), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names))


def canonical_body(name: str) -> str:
    """The canonical name of an issuing body (the first listed body of a compound issuer).

    >>> canonical_body("全总")
    '中华全国总工会'
    >>> canonical_body("全总等四部委")
    '中华全国总工会'
    >>> canonical_body("某市某局")
    '某市某局'
    """
    name = _fold(name).strip()
    parts = [p for p in _ISSUER_SPLIT_RE.split(name) if p]
    first = parts[0] if parts else name
    return _alias_table().get(first, first)


def single_body(name: str) -> bool:
    """Whether an issuer names one body (not 人社部、财政部 or 全总等四部委).

    >>> single_body("全国总工会"), single_body("全总等四部委"), single_body("人社部 财政部")
    (True, False, False)
    """
    parts = [p for p in _ISSUER_SPLIT_RE.split(_fold(name).strip()) if p]
    return len(parts) == 1 and parts[0] == _fold(name).strip()


def split_issuer(title: str) -> tuple[str | None, str]:
    """Split an issuer prefix off a normalized title: ``(issuer or None, rest)``.

    The prefix is what comes before 关于 when it reads as a list of bodies, or a known body name at
    the start of the title.

    >>> split_issuer("中华全国总工会关于加强工会参与职业病工作的意见")
    ('中华全国总工会', '关于加强工会参与职业病工作的意见')
    >>> split_issuer("中华全国总工会2011-2015年劳动竞赛规划")
    ('中华全国总工会', '2011-2015年劳动竞赛规划')
    >>> split_issuer("上海市工人先锋号管理办法")
    (None, '上海市工人先锋号管理办法')
    """
    k = title.find("关于")
    if k > 1 and _ORG_SEQ_RE.fullmatch(title[:k].strip()):
        return title[:k].strip(), title[k:]
    m = _alias_prefix_re().match(title)
    if m and len(title) > m.end() + 1:
        return m.group(), title[m.end() :]
    return None, title


_ATTACHED_RE = re.compile(r"关于(?:印发|颁布|发布|公布)《?(?P<x>[^《》\n]{4,80}?)》?的(?:通知|决定|公告|令)$")


def attached_title(title: str) -> str | None:
    """The title of the document a 印发 notice carries (its own attachment), else None.

    >>> attached_title("浙江省人民政府办公厅关于印发浙江省职工技能提升行动实施方案的通知")
    '浙江省职工技能提升行动实施方案'
    >>> attached_title("关于转发《国务院关于加强职业培训的意见》的通知") is None
    True
    """
    m = _ATTACHED_RE.search(normalize_title(title))
    return m["x"] if m else None


def title_key(title: str, *, issuer: str | None = None) -> str:
    """The title part of a key: ``t:`` + canonical issuer + title, punctuation ignored.

    An ``issuer`` given apart from the title is not folded into the name of a law or regulation
    (…法, …条例): the name alone identifies it.

    >>> title_key("关于加强班组建设的指导意见", issuer="全总等四部委")
    't:中华全国总工会关于加强班组建设的指导意见'
    >>> title_key("人社部财政部关于做好培训工作的通知", issuer="人社部 财政部")
    't:人力资源和社会保障部关于做好培训工作的通知'
    """
    norm = normalize_title(title)
    inner, bare = split_issuer(norm)
    if inner and " " in _fold(title).split("关于", 1)[0].strip():
        inner = _fold(title).split("关于", 1)[0].strip()  # 人力资源社会保障部 财政部关于…: joint issuers
    elif issuer and not single_body(issuer):  # the joint issuers were given apart (spaces lost in title)
        packed = normalize_title(issuer)
        if norm.startswith(packed) and norm[len(packed) :].startswith("关于"):
            inner, bare = issuer, norm[len(packed) :]
    who = inner or (None if _LAW_NAME.search(bare) else issuer)
    if bare.startswith(_PRC) and len(bare) > len(_PRC) + 1:
        bare = bare[len(_PRC) :]
    prefix = canonical_body(who) if who else ""
    return "t:" + _KEY_DROP_RE.sub("", prefix + bare)


#: the version a law's title states: (2018年修正), （2011年修订）, (2009年第二次修正), (2015年修订本)
_VERSION_RE = re.compile(
    r"[(（]\s*(?P<year>(?:19|20)\d{2})\s*年\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?)?\s*"
    r"(?:第[一二三四五六七八九十]+次)?(?:修正|修订|修改)(?:本|文本)?\s*[)）]$"
)


def law_version(title: str) -> tuple[str, int] | None:
    """The law a title names and the year of the version it states (修正/修订), or None.

    >>> law_version("中华人民共和国工会法(2018年修正)")
    ('中华人民共和国工会法', 2018)
    >>> law_version("上海市工会条例（2011年第二次修正）")
    ('上海市工会条例', 2011)
    >>> law_version("中华人民共和国工会法") is None
    True
    """
    norm = normalize_title(title)
    m = _VERSION_RE.search(norm)
    if m is None or not _LAW_NAME.search(norm[: m.start()]):
        return None
    return norm[: m.start()], int(m["year"])


def citation_key(
    title: str,
    *,
    doc_number: str | None = None,
    issuer: str | None = None,
    kind: str = "policy",
) -> str:
    """The canonical key of a cited policy: its 发文字号 when known, else its normalized title.

    Meetings get ``m:`` keys (``党的`` dropped); see the module docstring for the other forms.

    >>> citation_key("党的十七届五中全会", kind="meeting")
    'm:十七届五中全会'
    """
    if doc_number:
        num = normalize_doc_number(doc_number)
        if num:
            return "no:" + num
    if kind == "meeting":
        name = _KEY_DROP_RE.sub("", normalize_title(title))
        for lead in ("中国共产党", "党的", "中共"):
            if name.startswith(lead) and len(name) > len(lead) + 2:
                name = name[len(lead) :]
                break
        return "m:" + name
    version = law_version(title)
    if version is not None:
        return f"{title_key(version[0], issuer=issuer)}@{version[1]}"
    return title_key(title, issuer=issuer)


def bare_key(key: str) -> str | None:
    """A title key without its issuer (to match a mention that names no issuer); None for other keys.

    >>> bare_key("t:中华全国总工会关于加强班组建设的指导意见")
    't:关于加强班组建设的指导意见'
    """
    if not key.startswith("t:"):
        return None
    k = key.find("关于")
    return "t:" + key[k:] if k > 2 else key


# -- catalogs and resolvers ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """A known policy: ``key`` is its canonical key; the other fields become node attributes."""

    key: str
    title: str
    doc_number: str | None = None
    issuer: str | None = None
    date: str | None = None
    kind: str = "policy"


#: A resolver maps a citation to a key, a catalog entry, or None (keep the default key).
Resolver = Callable[[Citation], "str | CatalogEntry | None"]


class Catalog:
    """Known policies, looked up by 发文字号, by title key, then by title without issuer.

    >>> cat = Catalog([CatalogEntry("no:国发〔2010〕12号", "国务院关于加强职业培训促进就业的意见",
    ...                             "国发〔2010〕12号")])
    >>> cat(Citation("C1", 0, 4, "x", "关于加强职业培训促进就业的意见", issuer="国务院")).key
    'no:国发〔2010〕12号'
    """

    def __init__(self, entries: Iterable[CatalogEntry]) -> None:
        self.entries = tuple(entries)
        self._index: dict[str, CatalogEntry] = {}
        bare_seen: dict[str, int] = {}
        for e in self.entries:
            if e.doc_number:
                num = normalize_doc_number(e.doc_number)
                if num:
                    self._index.setdefault("no:" + num, e)
            tk = citation_key(e.title, issuer=e.issuer, kind=e.kind)
            self._index.setdefault(tk, e)
            b = bare_key(tk)
            if b and b != tk:
                bare_seen[b] = bare_seen.get(b, 0) + 1
                self._index.setdefault(b, e)
        for b, n in bare_seen.items():  # an ambiguous bare title resolves nowhere
            if n > 1:
                self._index.pop(b, None)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, key: str) -> CatalogEntry | None:
        """The entry with this key (a ``no:`` or ``t:`` key); None when unknown."""
        hit = self._index.get(key)
        if hit is None:
            b = bare_key(key)
            hit = self._index.get(b) if b else None
        return hit

    def __call__(self, citation: Citation) -> CatalogEntry | None:
        if citation.doc_number:
            hit = self.lookup(citation_key(citation.title, doc_number=citation.doc_number))
            if hit:
                return hit
        if citation.kind in ("meeting", "short", "other") or not citation.title:
            return None
        return self.lookup(citation_key(citation.title, issuer=citation.issuer, kind=citation.kind))


def _entry(row: Mapping[str, object]) -> CatalogEntry:
    def get(name: str) -> str | None:
        v = row.get(name)
        return str(v).strip() if v not in (None, "") else None

    title = get("title")
    number = get("doc_number")
    if not title and not number:
        raise ValueError(f"catalog row needs a title or a doc_number: {dict(row)!r}")
    kind = get("kind") or "policy"
    key = get("key") or citation_key(title or "", doc_number=number, issuer=get("issuer"), kind=kind)
    return CatalogEntry(key, title or number or "", number, get("issuer"), get("date"), kind)


def load_catalog(path: str | os.PathLike[str]) -> Catalog:
    """Read a catalog of known policies from CSV (header: title, doc_number, issuer, date, kind, key —
    only title or doc_number required) or JSON (a list of such objects). Raises
    :class:`~policy_nlp.errors.ResourceError` when the file cannot be read or has a bad row.
    """
    p = os.fspath(path)
    try:
        with open(p, encoding="utf-8-sig", newline="") as fh:
            if p.lower().endswith(".json"):
                data = json.load(fh)
                if not isinstance(data, list):
                    raise ValueError("a JSON catalog is a list of objects")
                rows: list[Mapping[str, object]] = data
            else:
                rows = list(csv.DictReader(fh))
        return Catalog(_entry(r) for r in rows)
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        raise ResourceError(f"{p}: not a policy catalog: {exc}") from exc


def make_resolver(resolver: Resolver | str | os.PathLike[str] | None) -> Resolver | None:
    """A resolver from a callable, a catalog path, or None."""
    if resolver is None or callable(resolver):
        return resolver
    return load_catalog(resolver)
