"""Document-term matrices, keyness and topics over Chinese policy texts (scikit-learn).

Words come from the private jieba tokenizer with the policy dictionaries (:mod:`policy_nlp.segment`),
so 节能减排 or 创先争优 stay one word. :class:`PolicyTokenizer` is the word splitter (a picklable
callable, usable as ``CountVectorizer(tokenizer=PolicyTokenizer(), token_pattern=None,
lowercase=False)``); :class:`PolicyCountVectorizer` and :class:`PolicyTfidfVectorizer` are
scikit-learn vectorizers that use it and take its options as parameters (``clone``, ``Pipeline``,
``GridSearchCV`` and pickling work as with any estimator).

>>> v = PolicyCountVectorizer()
>>> X = v.fit_transform(["推进节能减排，加强安全生产。", "加强节能减排工作"])
>>> list(v.get_feature_names_out())
['加强', '安全生产', '工作', '推进', '节能减排']
>>> X.toarray().tolist()
[[1, 1, 0, 1, 1], [1, 0, 1, 0, 1]]
>>> PolicyCountVectorizer(boilerplate=True).fit(["推进节能减排，加强安全生产。"]).get_feature_names_out().tolist()
['安全生产', '节能减排']

:func:`document_term_matrix` builds the matrix over documents or their sections with row labels;
:func:`keyness` compares two groups of rows (log-likelihood G² or χ², with the log ratio as effect
size); :func:`topics` fits NMF or LDA and lists each topic's top words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from policy_nlp.model import Document
from policy_nlp.resources import read_lines
from policy_nlp.segment import segment

__all__ = [
    "DocumentTermMatrix",
    "Keyness",
    "PolicyCountVectorizer",
    "PolicyTfidfVectorizer",
    "PolicyTokenizer",
    "Topic",
    "document_term_matrix",
    "keyness",
    "topics",
]

_NUMERAL = "〇零一二三四五六七八九十百千万亿两"
#: a number word: 2025, 30%, 3.5, 十四五, 第三次, 两个, 100万 (a numeral, then at most one counter)
_NUMBER = re.compile(rf"^第?[\d０-９.．%％‰{_NUMERAL}]+[次届个年批条项号期%％万亿]?$")
_WORDLIKE = re.compile(r"[\u3400-\u9fff\w]")


@cache
def _stop_words(name: str) -> frozenset[str]:
    return frozenset(read_lines(name))


class PolicyTokenizer:
    """Split a text into words with the policy tokenizer and filter them.

    ``stop_words``: ``"default"`` (``resources/stopwords.txt``), None, or your own words;
    ``boilerplate`` also drops the policy boilerplate of ``resources/stopwords_policy.txt``
    (各地, 有关部门, 进一步, 加强 …); numbers (2025, 30%, 十四五's 十四 …) and punctuation go unless
    ``keep_numbers``/``keep_punct``; words shorter than ``min_chars`` go (single characters by default).

    >>> PolicyTokenizer()("到2025年，全面推进节能减排。")
    ['全面', '推进', '节能减排']
    >>> PolicyTokenizer(keep_numbers=True, keep_punct=True, min_chars=1)("到2025年，推进节能减排。")
    ['到', '2025', '年', '，', '推进', '节能减排', '。']
    """

    def __init__(
        self,
        *,
        stop_words: Literal["default"] | Iterable[str] | None = "default",
        boilerplate: bool = False,
        keep_numbers: bool = False,
        keep_punct: bool = False,
        min_chars: int = 2,
    ) -> None:
        self.stop_words = stop_words if stop_words is None or isinstance(stop_words, str) else tuple(stop_words)
        if isinstance(self.stop_words, str) and self.stop_words != "default":
            raise ValueError(f"stop_words must be 'default', None or a list of words, not {stop_words!r}")
        self.boilerplate = boilerplate
        self.keep_numbers = keep_numbers
        self.keep_punct = keep_punct
        self.min_chars = min_chars

    def _stops(self) -> frozenset[str]:
        if self.stop_words == "default":
            stops = _stop_words("stopwords.txt")
        else:
            stops = frozenset(self.stop_words or ())
        if self.boilerplate:
            stops = stops | _stop_words("stopwords_policy.txt")
        return stops

    def __call__(self, text: str) -> list[str]:
        stops = self._stops()
        out = []
        for tok in segment(text or ""):
            w = tok.text.strip()
            if not w or w in stops or len(w) < self.min_chars:
                continue
            if not self.keep_numbers and _NUMBER.match(w):
                continue
            if not self.keep_punct and not _WORDLIKE.search(w):
                continue
            out.append(w)
        return out

    def __repr__(self) -> str:
        return (f"PolicyTokenizer(stop_words={self.stop_words!r}, boilerplate={self.boilerplate}, "
                f"keep_numbers={self.keep_numbers}, keep_punct={self.keep_punct}, min_chars={self.min_chars})")


class _Analyzer:
    """Words of :class:`PolicyTokenizer`, then word n-grams joined by a space (picklable)."""

    def __init__(self, tokenizer: PolicyTokenizer, ngram_range: tuple[int, int]) -> None:
        self.tokenizer = tokenizer
        self.ngram_range = ngram_range

    def __call__(self, text: str) -> list[str]:
        words = self.tokenizer(text)
        lo, hi = self.ngram_range
        if (lo, hi) == (1, 1):
            return words
        out: list[str] = []
        for n in range(lo, hi + 1):
            out.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
        return out


class _PolicyAnalyzerMixin:
    policy_stop_words: Any
    boilerplate: bool
    keep_numbers: bool
    keep_punct: bool
    min_chars: int
    ngram_range: tuple[int, int]

    def build_analyzer(self) -> _Analyzer:
        tok = PolicyTokenizer(stop_words=self.policy_stop_words, boilerplate=self.boilerplate,
                              keep_numbers=self.keep_numbers, keep_punct=self.keep_punct,
                              min_chars=self.min_chars)
        return _Analyzer(tok, tuple(self.ngram_range))  # type: ignore[arg-type]


class PolicyCountVectorizer(_PolicyAnalyzerMixin, CountVectorizer):  # type: ignore[misc]
    """``CountVectorizer`` over policy words (see :class:`PolicyTokenizer` for the word options;
    ``policy_stop_words`` is its ``stop_words``). The other parameters are scikit-learn's.

    >>> import pickle
    >>> from sklearn.pipeline import Pipeline
    >>> from sklearn.feature_extraction.text import TfidfTransformer
    >>> pipe = Pipeline([("dtm", PolicyCountVectorizer()), ("tfidf", TfidfTransformer())])
    >>> pipe.fit_transform(["推进节能减排", "推进安全生产"]).shape
    (2, 3)
    >>> pickle.loads(pickle.dumps(pipe)).transform(["节能减排"]).nnz
    1
    """

    def __init__(
        self,
        *,
        policy_stop_words: Literal["default"] | Sequence[str] | None = "default",
        boilerplate: bool = False,
        keep_numbers: bool = False,
        keep_punct: bool = False,
        min_chars: int = 2,
        ngram_range: tuple[int, int] = (1, 1),
        min_df: float | int = 1,
        max_df: float | int = 1.0,
        max_features: int | None = None,
        vocabulary: Any = None,
        binary: bool = False,
        dtype: Any = np.int64,
    ) -> None:
        super().__init__(lowercase=False, token_pattern=None, ngram_range=ngram_range, min_df=min_df,
                         max_df=max_df, max_features=max_features, vocabulary=vocabulary, binary=binary,
                         dtype=dtype)
        self.policy_stop_words = policy_stop_words
        self.boilerplate = boilerplate
        self.keep_numbers = keep_numbers
        self.keep_punct = keep_punct
        self.min_chars = min_chars


class PolicyTfidfVectorizer(_PolicyAnalyzerMixin, TfidfVectorizer):  # type: ignore[misc]
    """``TfidfVectorizer`` over policy words (the word options of :class:`PolicyCountVectorizer`).

    >>> v = PolicyTfidfVectorizer(sublinear_tf=True)
    >>> v.fit_transform(["推进节能减排", "推进安全生产"]).shape
    (2, 3)
    """

    def __init__(
        self,
        *,
        policy_stop_words: Literal["default"] | Sequence[str] | None = "default",
        boilerplate: bool = False,
        keep_numbers: bool = False,
        keep_punct: bool = False,
        min_chars: int = 2,
        ngram_range: tuple[int, int] = (1, 1),
        min_df: float | int = 1,
        max_df: float | int = 1.0,
        max_features: int | None = None,
        vocabulary: Any = None,
        binary: bool = False,
        norm: Literal["l1", "l2"] | None = "l2",
        use_idf: bool = True,
        smooth_idf: bool = True,
        sublinear_tf: bool = False,
    ) -> None:
        super().__init__(lowercase=False, token_pattern=None, ngram_range=ngram_range, min_df=min_df,
                         max_df=max_df, max_features=max_features, vocabulary=vocabulary, binary=binary,
                         norm=norm, use_idf=use_idf, smooth_idf=smooth_idf, sublinear_tf=sublinear_tf)
        self.policy_stop_words = policy_stop_words
        self.boilerplate = boilerplate
        self.keep_numbers = keep_numbers
        self.keep_punct = keep_punct
        self.min_chars = min_chars


# -- matrices ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DocumentTermMatrix:
    """A fitted document-term matrix: ``X`` (scipy sparse, one row per document or section), ``rows``
    (row labels: the document id, or ``doc_id/section_id``), ``docs`` (the document id of each row),
    ``spans`` (each row's ``(start, end)`` in its ``Document.text``), ``features`` (the column words)
    and the fitted ``vectorizer`` (to transform new texts into the same columns)."""

    X: Any
    rows: tuple[str, ...]
    docs: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    features: tuple[str, ...]
    vectorizer: Any


def document_term_matrix(
    docs: Iterable[Document | str],
    *,
    by: Literal["document", "section"] = "document",
    vectorizer: Any = None,
) -> DocumentTermMatrix:
    """Count words over documents (``by="document"``) or their top-level sections (``by="section"``;
    a document without sections is one row). ``vectorizer`` is any unfitted scikit-learn text
    vectorizer (default :class:`PolicyCountVectorizer`); plain strings get ids ``"0"``, ``"1"`` ….

    >>> from policy_nlp import analyze
    >>> d = analyze("关于加强培训的意见\\n一、总体要求\\n推进节能减排。\\n二、主要任务\\n加强技能培训。", id="d")
    >>> m = document_term_matrix([d], by="section")
    >>> m.rows, m.features
    (('d/1', 'd/2'), ('主要', '任务', '加强', '培训', '总体', '技能', '推进', '节能减排', '要求'))
    >>> document_term_matrix(["推进节能减排"]).rows
    ('0',)
    """
    if by not in ("document", "section"):
        raise ValueError(f"by must be 'document' or 'section', not {by!r}")
    texts: list[str] = []
    rows: list[str] = []
    ids: list[str] = []
    spans: list[tuple[int, int]] = []
    for n, d in enumerate(docs):
        if isinstance(d, str):
            texts.append(d)
            rows.append(str(n))
            ids.append(str(n))
            spans.append((0, len(d)))
            continue
        tops = [s for s in d.sections if s.parent is None] if by == "section" else []
        if not tops:
            texts.append(d.text)
            rows.append(d.id)
            ids.append(d.id)
            spans.append((0, len(d.text)))
            continue
        for s in tops:
            texts.append(d.text[s.start : s.end])
            rows.append(f"{d.id}/{s.id}")
            ids.append(d.id)
            spans.append((s.start, s.end))
    v = PolicyCountVectorizer() if vectorizer is None else vectorizer
    X = v.fit_transform(texts)
    return DocumentTermMatrix(X, tuple(rows), tuple(ids), tuple(spans),
                              tuple(str(f) for f in v.get_feature_names_out()), v)


# -- keyness -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Keyness:
    """One word's keyness for the ``target`` group against the rest.

    ``score`` is G² (or χ²), signed: positive when the word is relatively more frequent in the
    target; ``p`` its p-value (χ² distribution with one degree of freedom: ``erfc(√(score/2))``); ``log_ratio`` the effect size
    (Hardie's binary log of the ratio of relative frequencies, 0.5 added to zero counts);
    ``range_target`` and ``range_reference`` the number of rows (documents, sections) of each group
    the word occurs in — its dispersion: a word with a high score but a range of 1 is one document's
    word, not its group's."""

    term: str
    target: str
    freq_target: int
    freq_reference: int
    score: float
    p: float
    log_ratio: float
    range_target: int = 0
    range_reference: int = 0


def _g2(a: float, b: float, c: float, d: float) -> float:
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    s = (a * math.log(a / e1) if a else 0.0) + (b * math.log(b / e2) if b else 0.0)
    return 2.0 * s


def _chi2(a: float, b: float, c: float, d: float) -> float:
    # 2x2 table: [a, c-a], [b, d-b]
    n = c + d
    num = n * (a * (d - b) - b * (c - a)) ** 2
    den = c * d * (a + b) * (n - a - b)
    return num / den if den else 0.0


def keyness(
    X: Any,
    groups: Sequence[Any],
    feature_names: Sequence[str],
    *,
    target: Any = None,
    measure: Literal["g2", "chi2"] = "g2",
    min_freq: int = 1,
    min_range: int = 1,
) -> list[Keyness]:
    """Keywords of one group of rows against the others, most key first.

    ``X`` is a (documents × words) count matrix, ``groups`` the group of each row; ``target`` is the
    group whose keywords you want (needed when there are more than two groups; with two, the first
    in sorted order). Words seen fewer than ``min_freq`` times in all are left out, and so are words
    found in fewer than ``min_range`` rows of the target group *and* fewer than ``min_range`` rows of
    the reference (dispersion: G² counts tokens, so one long document that repeats a word can make it
    "key" to its whole group; ``min_range=3`` asks for a word used in at least three documents of
    one side). Every other word gets a row; the words key to the reference come last (negative
    scores). ``pandas.DataFrame(rows)`` makes a table of the result.

    >>> X = [[10, 0, 5], [8, 1, 5], [0, 9, 5]]
    >>> rows = keyness(X, ["意见", "意见", "方案"], ["培训", "试点", "推进"], target="意见")
    >>> [(r.term, r.freq_target, r.freq_reference, round(r.score, 1)) for r in rows]
    [('培训', 18, 0, 14.2), ('推进', 10, 5, -0.0), ('试点', 1, 9, -14.5)]
    >>> round(rows[0].log_ratio, 2)
    4.12
    >>> rows[0].range_target, rows[2].range_reference
    (2, 1)
    >>> [r.term for r in keyness(X, ["意见", "意见", "方案"], ["培训", "试点", "推进"], target="意见", min_range=2)]
    ['培训', '推进']
    """
    if measure not in ("g2", "chi2"):
        raise ValueError(f"measure must be 'g2' or 'chi2', not {measure!r}")
    M = X.tocsr() if hasattr(X, "tocsr") else np.asarray(X)
    labels = list(groups)
    if len(labels) != M.shape[0]:
        raise ValueError(f"groups has {len(labels)} labels for {M.shape[0]} rows")
    if len(feature_names) != M.shape[1]:
        raise ValueError(f"feature_names has {len(feature_names)} names for {M.shape[1]} columns")
    kinds = sorted(set(labels), key=str)
    if target is None:
        if len(kinds) != 2:
            raise ValueError(f"give target= (one of {kinds!r}) when there are not exactly two groups")
        target = kinds[0]
    if target not in kinds:
        raise ValueError(f"target {target!r} is not a group; groups are {kinds!r}")
    mask = np.array([g == target for g in labels])
    if mask.all():
        raise ValueError("every row is in the target group: nothing to compare with")
    ft = np.asarray(M[mask].sum(axis=0)).ravel().astype(float)
    fr = np.asarray(M[~mask].sum(axis=0)).ravel().astype(float)
    rt = np.asarray((M[mask] > 0).sum(axis=0)).ravel()
    rr = np.asarray((M[~mask] > 0).sum(axis=0)).ravel()
    c, d = ft.sum(), fr.sum()
    stat = _g2 if measure == "g2" else _chi2
    out = []
    for j, name in enumerate(feature_names):
        a, b = ft[j], fr[j]
        if a + b < min_freq or a + b == 0 or max(rt[j], rr[j]) < min_range:
            continue
        s = stat(a, b, c, d)
        lr = math.log2(((a or 0.5) / c) / ((b or 0.5) / d))
        sign = 1.0 if a / c >= b / d else -1.0
        out.append(Keyness(str(name), str(target), int(a), int(b), float(sign * s), math.erfc(math.sqrt(s / 2)), lr,
                           int(rt[j]), int(rr[j])))  # fmt: skip
    out.sort(key=lambda r: (-r.score, r.term))
    return out


# -- topics --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Topic:
    """A topic: its number, top ``words`` and their ``weights`` (NMF component / LDA pseudo-counts)."""

    id: int
    words: tuple[str, ...]
    weights: tuple[float, ...]


def topics(
    X: Any,
    n_topics: int,
    *,
    feature_names: Sequence[str],
    method: Literal["nmf", "lda"] = "nmf",
    n_words: int = 10,
    random_state: int = 0,
) -> list[Topic]:
    """Fit NMF (on TF-IDF weights of ``X``) or LDA (on the counts) and list each topic's top words.

    >>> X = [[3, 2, 0, 0], [4, 1, 0, 0], [0, 0, 3, 2], [0, 0, 2, 4]]
    >>> [t.words for t in topics(X, 2, feature_names=["培训", "技能", "环保", "减排"], n_words=2)]
    [('培训', '技能'), ('减排', '环保')]
    """
    if method == "nmf":
        from sklearn.decomposition import NMF
        from sklearn.feature_extraction.text import TfidfTransformer

        model: Any = NMF(n_components=n_topics, init="nndsvda", random_state=random_state, max_iter=400)
        model.fit(TfidfTransformer().fit_transform(X))
    elif method == "lda":
        from sklearn.decomposition import LatentDirichletAllocation

        model = LatentDirichletAllocation(n_components=n_topics, random_state=random_state)
        model.fit(X)
    else:
        raise ValueError(f"method must be 'nmf' or 'lda', not {method!r}")
    if len(feature_names) != model.components_.shape[1]:
        raise ValueError(f"feature_names has {len(feature_names)} names for {model.components_.shape[1]} columns")
    out = []
    for k, comp in enumerate(model.components_):
        top = np.argsort(-comp, kind="stable")[:n_words]
        out.append(Topic(k, tuple(str(feature_names[i]) for i in top), tuple(round(float(comp[i]), 4) for i in top)))
    return out
