"""Title variants: one policy cited under slightly different titles resolves to one key.

Citations write the same policy differently: with or without its issuer, with 进一步/切实 added or
dropped, 若干/有关, an extra 的, quotes. :func:`title_similarity` compares two titles by the Dice
coefficient of the character bigrams of their *cores* — the title without issuer prefix,
中华人民共和国, quotes, and the variant words of ``resources/title_variants.tsv`` — under hard
constraints: the numbers (years, 十四五, 第二次, 修正案(十一) …) must be the same, so must the genre
word at the end (意见 ≠ 通知, 法 ≠ 实施条例), the leading place name (浙江省…条例 ≠ …条例), and the
issuers when both titles name one; a title that is another with a qualifier before it (小企业会计准则,
企业会计准则) is another policy.

:class:`TitleMatcher` is a resolver for :func:`~policy_nlp.graph.build_citation_graph`
(``resolver=``): built from the corpus documents (and the titles their citations use), it maps a
citation to the key of the known title it is a variant of, or None to keep the default key. It lives
here (not in :mod:`policy_nlp.resolve`) because it needs the whole corpus; resolve.py's pluggable
resolver hook is all it takes.

>>> title_similarity("国务院关于进一步加强职业培训工作的意见", "关于加强职业培训工作的意见")
1.0
>>> title_similarity("关于加强职业培训工作的意见", "关于加强职业培训工作的通知")
0.0
>>> title_similarity("国家中长期教育改革和发展规划纲要（2010—2020年）", "国家中长期教育改革和发展规划纲要")
0.0
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from policy_nlp.model import Citation, Document
from policy_nlp.patterns import ORG_SEQ
from policy_nlp.resolve import canonical_body, citation_key, normalize_title, split_issuer
from policy_nlp.resources import read_tsv

__all__ = ["TitleMatcher", "title_core", "title_similarity"]

_PRC = "中华人民共和国"
_CN = "〇零一二三四五六七八九十百千"
#: numbers that tell two policies apart: 2020, 十四五, 第二次, 修正案(十一), 等六部法律, 十九件
_NUM = re.compile(rf"\d+|[{_CN}]+(?=[五年次届批条号个项部件])|第[{_CN}]+")
_PAREN_NUM = re.compile(rf"[(（]([{_CN}]+)[)）]")
_GENRE = re.compile(
    r"(实施细则|实施办法|实施条例|实施意见|实施方案|指导意见|暂行办法|暂行规定|管理办法|规划纲要|纲要|"
    r"规划|意见|通知|办法|规定|条例|决定|方案|细则|规则|法|通告|公告|公报|批复|请示|报告|函|决议|规范|标准|"
    r"计划|措施|预案|目录|清单|准则)(?:试行|修订|草案)?(?:\d{4}\d{4}年|\d{4}年)?$"
)
_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,6}?(?:省|市|自治区|特别行政区)")
_DROP = re.compile(r"[^\u3400-\u9fff0-9A-Za-z]+")
_ORG_SEQ_RE = re.compile(ORG_SEQ)
#: the 日 of a date glued to a cited title (…2月3日北京市人民代表大会常务委员会关于…)
_DATE_TAIL = re.compile(r"^日(?=[\u4e00-\u9fff]{1,8}?(?:省|市|自治区|全国|国务院|中共))")


@cache
def _variant_re() -> re.Pattern[str]:
    words = sorted((r["word"] for r in read_tsv("title_variants.tsv")), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


def title_core(title: str) -> tuple[str | None, str]:
    """``(issuer or None, core)``: the canonical issuer named at the start of ``title`` and the rest
    without 中华人民共和国, 关于, quotes, punctuation and the variant words of title_variants.tsv.

    >>> title_core("中华全国总工会关于切实加强“职工之家”建设的若干意见")
    ('中华全国总工会', '加强职工之家建设意见')
    >>> title_core("《中华人民共和国劳动合同法》")
    (None, '劳动合同法')
    """
    norm = _DATE_TAIL.sub("", normalize_title(title).strip("《》"))
    issuer, rest = split_issuer(norm)
    rest = rest.removeprefix(_PRC) if len(rest) > len(_PRC) + 1 else rest
    rest = _PAREN_NUM.sub(r"第\1", rest.removeprefix("关于"))  # 修正案(十一) → 修正案第十一
    core = _variant_re().sub("", _DROP.sub("", rest))
    return (canonical_body(issuer) if issuer else None), core or _DROP.sub("", rest)


def _bigrams(s: str) -> Counter[str]:
    return Counter(s[i : i + 2] for i in range(len(s) - 1)) if len(s) > 1 else Counter([s])


def _genre(core: str) -> str | None:
    m = _GENRE.search(core)
    return m.group(1) if m else None


def _place(core: str) -> str | None:
    m = _PLACE.match(core)
    return m.group() if m else None


def _compatible(a: tuple[str | None, str], b: tuple[str | None, str]) -> bool:
    (ia, ca), (ib, cb) = a, b
    if ia and ib and ia != ib:
        return False
    if _NUM.findall(ca) != _NUM.findall(cb) or _genre(ca) != _genre(cb) or _place(ca) != _place(cb):
        return False
    return _issuer_prefix(ca, cb) is not False


def _issuer_prefix(ca: str, cb: str) -> bool | None:
    """When one core is the other with something before it: True if that is an issuer (国务院, 中共中央、
    国务院), False if it is a qualifier that names another policy (浙江省…条例, 小企业会计准则);
    None when neither core ends with the other."""
    if ca == cb or not (ca.endswith(cb) or cb.endswith(ca)):
        return None
    extra = (ca if len(ca) > len(cb) else cb)[: abs(len(ca) - len(cb))]
    if extra in _alias_names():
        return True
    return len(extra) >= 3 and not extra.startswith("本") and _ORG_SEQ_RE.fullmatch(extra) is not None


@cache
def _alias_names() -> frozenset[str]:
    return frozenset(
        a for r in read_tsv("aliases.tsv") for a in [r["canonical"], *r["aliases"].split("|")] if a
    )


def _dice(a: Counter[str], b: Counter[str]) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def title_similarity(a: str, b: str) -> float:
    """Similarity of two policy titles in [0, 1]: 1.0 when their cores (:func:`title_core`) are equal,
    0.0 when numbers, genre, issuer or place differ, else the Dice coefficient of their bigrams.

    >>> title_similarity("工会法", "中华人民共和国工会法")
    1.0
    >>> round(title_similarity("关于加强职工教育培训的意见", "关于加强职工技能培训的意见"), 2)
    0.67
    """
    ka, kb = title_core(a), title_core(b)
    if not _compatible(ka, kb):
        return 0.0
    if ka[1] == kb[1] or _issuer_prefix(ka[1], kb[1]):
        return 1.0
    return _dice(_bigrams(ka[1]), _bigrams(kb[1]))


@dataclass(frozen=True, slots=True)
class _Known:
    title: str
    key: str
    core: tuple[str | None, str]
    grams: Counter[str]


class TitleMatcher:
    """A resolver from known titles: ``matcher(citation)`` is the key of the known title most similar
    to the citation's (at least ``threshold``), or None. ``titles`` are ``(title, key)`` pairs or
    plain titles (keyed by :func:`~policy_nlp.resolve.citation_key`); an earlier title wins a tie.

    >>> m = TitleMatcher(["国务院关于加强职业培训促进就业的意见"])
    >>> m(Citation("C1", 0, 9, "x", "关于进一步加强职业培训促进就业的意见"))
    't:国务院关于加强职业培训促进就业的意见'
    >>> m(Citation("C2", 0, 9, "x", "关于加强职业培训促进就业的通知")) is None
    True
    """

    def __init__(self, titles: Iterable[str | tuple[str, str]], *, threshold: float = 0.95) -> None:
        if not 0 < threshold <= 1:
            raise ValueError(f"threshold must be in (0, 1], not {threshold!r}")
        self.threshold = threshold
        self.known: list[_Known] = []
        self._by_gram: dict[str, list[int]] = {}
        self._by_core: dict[str, list[int]] = {}
        for t in titles:
            title, key = (t, citation_key(t)) if isinstance(t, str) else t
            core = title_core(title)
            n = len(self.known)
            self.known.append(_Known(title, key, core, _bigrams(core[1])))
            self._by_core.setdefault(core[1], []).append(n)
            for g in self.known[n].grams:
                self._by_gram.setdefault(g, []).append(n)

    @classmethod
    def from_documents(
        cls, docs: Iterable[Document], *, citations: bool = True, threshold: float = 0.95
    ) -> TitleMatcher:
        """Known titles: each document's title (keyed as the citation graph keys it), then — with
        ``citations`` — the titles its policy/law/plan citations use, most cited first (then the longest,
        which usually names the issuer), so variants of an outside policy gather under that spelling."""
        from policy_nlp.graph import document_title

        titles: list[tuple[str, str]] = []
        cited: Counter[tuple[str, str]] = Counter()
        for d in docs:
            title = document_title(d)
            titles.append((title, citation_key(title, issuer=d.meta.issuers[0] if d.meta.issuers else None)))
            if citations:
                for c in d.citations:
                    if c.kind in ("policy", "law", "plan") and c.title and not c.doc_number:
                        cited[(c.title, citation_key(c.title, issuer=c.issuer, kind=c.kind))] += 1
        titles.extend(t for t, _ in sorted(cited.items(), key=lambda kv: (-kv[1], -len(kv[0][0]), kv[0])))
        return cls(titles, threshold=threshold)

    def match(self, title: str) -> tuple[str, float] | None:
        """``(key, similarity)`` of the best known variant of ``title``, or None below the threshold.

        >>> TitleMatcher([("工会法", "t:工会法")]).match("《中华人民共和国工会法》")
        ('t:工会法', 1.0)
        """
        core = title_core(title)
        exact = self._by_core.get(core[1], [])
        for n in exact:
            if _compatible(core, self.known[n].core):
                return self.known[n].key, 1.0
        grams = _bigrams(core[1])
        seen: Counter[int] = Counter()
        for g in grams:
            for n in self._by_gram.get(g, ()):
                seen[n] += 1
        need = sum(grams.values())
        best: tuple[float, int] | None = None
        for n, shared in seen.items():
            k = self.known[n]
            if 2 * shared / (need + sum(k.grams.values())) < self.threshold:  # an upper bound of the Dice
                continue
            if not _compatible(core, k.core):
                continue
            s = _dice(grams, k.grams)
            if s >= self.threshold and (best is None or s > best[0] or (s == best[0] and n < best[1])):
                best = (s, n)
        return (self.known[best[1]].key, best[0]) if best else None

    def __call__(self, citation: Citation) -> str | None:
        if citation.kind not in ("policy", "law", "plan") or not citation.title or citation.doc_number:
            return None
        hit = self.match(citation.title)
        return hit[0] if hit else None
