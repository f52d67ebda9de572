"""Text reuse: passages that one document copies (nearly word for word) from another.

Local documents often copy central ones without citing them by title — the trace of policy
diffusion. :func:`find_reuse` cuts each document into units (sentences and clauses ending in
。！？；or a line break), represents every unit of at least ``min_chars`` characters by TF-IDF
weights of its character 3-grams (punctuation and spaces ignored), pairs units of *different*
documents whose cosine similarity reaches ``threshold`` (a sparse matrix product in blocks: exact
all-pairs cosine, no hashing), drops units that match in too many documents (boilerplate such as
本办法自发布之日起施行), and merges runs of matched units that follow each other in both documents
(one unmatched unit may sit between) into passages. **Seed and extend**: within a pair of
documents that share such a unit, units that follow each other in both documents also match from
the lower cosine ``extend`` on, as long as their run holds at least one unit at ``threshold`` —
a copied sentence whose clause was dropped or reworded stays in its passage, while a sentence
that is merely alike in two unrelated documents still needs ``threshold``.

Each passage is a :class:`Reuse` with a span into each ``Document.text``. **Direction**: when both
documents have a ``meta.date`` and one is later, ``doc_a`` is the later document (the one that
reuses) and ``doc_b`` the earlier (the source), ``directed=True``. When a date is missing, the
dates are equal, or one is a prefix of the other (``2018`` vs ``2018-05-01``), no direction is
claimed: ``directed=False`` and ``doc_a`` is simply the document that comes first in the input.

>>> from policy_nlp import analyze
>>> from policy_nlp.model import Meta
>>> central = analyze("国务院关于加强职业培训的意见\\n各地要建立健全面向全体劳动者的职业培训制度，"
...                   "大力开展企业职工岗位技能提升培训。", id="central")
>>> local = analyze("某市关于加强职业培训的实施意见\\n我市要建立健全面向全体劳动者的职业培训制度，"
...                 "大力开展企业职工岗位技能提升培训。", id="local")
>>> [r] = find_reuse([central, local], min_passage=20)
>>> r.doc_a, r.doc_b, r.directed, round(r.similarity, 2)
('central', 'local', False, 0.9)
>>> local.text[r.start_b : r.end_b]
'我市要建立健全面向全体劳动者的职业培训制度,大力开展企业职工岗位技能提升培训。'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from policy_nlp.model import Document
from policy_nlp.progress import Progress, format_duration

__all__ = ["RULE", "RULE_UNEXTENDED", "Reuse", "add_reuse_edges", "find_reuse", "split_units"]

RULE = "reuse.char3_tfidf.v2"  # seed and extend
RULE_UNEXTENDED = "reuse.char3_tfidf.v1"  # extend=None
_UNIT = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_KEEP = re.compile(r"[^\u3400-\u9fffA-Za-z0-9]+")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class Reuse:
    """A reused passage: ``doc_a.text[start_a:end_a]`` and ``doc_b.text[start_b:end_b]``.

    ``similarity`` is the length-weighted mean cosine of the matched units, ``units`` their number;
    with ``directed`` ``doc_a`` is the later document, which reuses ``doc_b`` (see the module
    docstring); ``rule`` names the method (:data:`RULE`, or :data:`RULE_UNEXTENDED` without the
    extension)."""

    doc_a: str
    start_a: int
    end_a: int
    doc_b: str
    start_b: int
    end_b: int
    similarity: float
    units: int
    directed: bool
    rule: str = RULE


def split_units(text: str, *, min_chars: int = 15) -> list[tuple[int, int]]:
    """Spans of the units of ``text`` (sentences and clauses ending in 。！？； or a line break, spaces
    trimmed) with at least ``min_chars`` CJK characters.

    >>> t = "一、总体要求\\n坚持就业优先战略，实施积极的就业政策；完善职业培训制度。"
    >>> [t[s:e] for s, e in split_units(t, min_chars=6)]
    ['坚持就业优先战略，实施积极的就业政策；', '完善职业培训制度。']
    """
    out = []
    for m in _UNIT.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if len(_CJK.findall(text, s, e)) >= min_chars:
            out.append((s, e))
    return out


def _date_order(a: str | None, b: str | None) -> int:
    """1 when a is later than b, -1 when earlier, 0 when unknown/equal/one is a prefix of the other."""
    if not a or not b or a.startswith(b) or b.startswith(a):
        return 0
    return 1 if a > b else -1


def find_reuse(
    docs: Iterable[Document],
    *,
    threshold: float = 0.75,
    min_chars: int = 15,
    min_passage: int = 40,
    max_docs: float = 0.1,
    gap: int = 1,
    extend: float | None = 0.5,
    progress: TextIO | None = None,
) -> list[Reuse]:
    """Reused passages between the documents of a corpus (see the module docstring), sorted by
    documents and position.

    ``threshold`` is the least cosine of two units; ``min_chars`` the least number of CJK characters
    of a unit and ``min_passage`` of a passage (in each document: single formulaic sentences such
    as 造成损失的，依法承担赔偿责任 fall below it); a unit that matches units in more than
    ``max_docs`` of the documents (a share, but at least 2) is boilerplate (各省、自治区、直辖市人民政府，
    国务院各部委、各直属机构：) and left out; ``gap`` unmatched units may sit inside a passage;
    ``extend`` is the least cosine of the units a passage takes in next to a unit at ``threshold``
    (None: no extension; docs/research.md measures both). With ``progress``
    (a stream such as ``sys.stderr``) a :class:`~policy_nlp.progress.Progress` line reports the
    pairing blocks. Document ids must be unique (``ValueError`` otherwise).

    >>> find_reuse([])
    []
    """
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold!r}")
    if extend is not None and not 0 < extend <= threshold:
        raise ValueError(f"extend must be in (0, threshold], not {extend!r}")
    docs = list(docs)
    ids = [d.id for d in docs]
    if len(set(ids)) != len(ids):
        raise ValueError("document ids must be unique to tell passages apart")
    units: list[tuple[int, int, int]] = []  # (doc index, start, end)
    texts: list[str] = []
    for n, d in enumerate(docs):
        for start, end in split_units(d.text, min_chars=min_chars):
            units.append((n, start, end))
            texts.append(_KEEP.sub("", d.text[start:end]))
    if len(docs) < 2 or not units:
        return []
    vec = TfidfVectorizer(analyzer="char", ngram_range=(3, 3), lowercase=False, sublinear_tf=True,
                          dtype=np.float32)
    X = vec.fit_transform(texts).tocsr()
    owner = [u[0] for u in units]
    block = 2000
    bar = _BlockProgress(-(-len(units) // block), stream=progress, tty=False, interval=5.0) if progress else None
    pairs: list[tuple[int, int, float]] = []
    for k, lo in enumerate(range(0, X.shape[0], block)):
        sub = _similar_pairs_block(X, lo, block, owner, threshold)
        pairs.extend(sub)
        if bar:
            bar.update(done=k + 1)
    if bar:
        bar.close()
    # boilerplate: a unit matched in many documents
    partners: dict[int, set[int]] = defaultdict(set)
    for i, j, _ in pairs:
        partners[i].add(owner[j])
        partners[j].add(owner[i])
    limit = max(2, int(max_docs * len(docs)))
    boilerplate = {i for i, p in partners.items() if len(p) > limit}
    by_docs: dict[tuple[int, int], list[tuple[int, int, float]]] = defaultdict(list)
    for i, j, s in pairs:
        if i not in boilerplate and j not in boilerplate:
            by_docs[(owner[i], owner[j])].append((i, j, s))
    span: dict[int, tuple[int, int]] = {}  # document → its units' index range (a document's units are contiguous)
    for k, n in enumerate(owner):
        span[n] = (span.get(n, (k, k))[0], k + 1)
    low = extend if extend is not None and extend < threshold else None  # None: no extension
    out: list[Reuse] = []
    for (da, db), seeds in sorted(by_docs.items()):
        ps = seeds
        if low is not None:
            ps = seeds + _extension(X, span[da], span[db], low, threshold, boilerplate)
        for run in _merge(sorted(ps), gap):
            if any(s >= threshold - 1e-6 for _, _, s in run):
                r = _passage(docs, units, da, db, run, min_passage, RULE if low is not None else RULE_UNEXTENDED)
                if r is not None:
                    out.append(r)
    pos = {i: n for n, i in enumerate(ids)}
    out.sort(key=lambda r: (pos[r.doc_a], pos[r.doc_b], r.start_a, r.start_b))
    return out


class _BlockProgress(Progress):
    """:class:`~policy_nlp.progress.Progress` counting blocks of units compared, not files."""

    def render(self, now: float) -> str:
        pct = 100 * self.done / self.total if self.total else 100.0
        return f"reuse: {self.done}/{self.total} blocks of 2000 units ({pct:.0f}%), {format_duration(now - self.t0)} elapsed"


def _similar_pairs_block(X: Any, lo: int, block: int, owner: Sequence[int], threshold: float) -> list[tuple[int, int, float]]:
    import numpy as np

    own = np.asarray(owner)
    S = (X[lo : lo + block] @ X.T).tocoo()
    keep = S.data >= threshold - 1e-6
    rows, cols, vals = S.row[keep] + lo, S.col[keep], S.data[keep]
    ok = (rows < cols) & (own[rows] != own[cols])
    return list(zip(rows[ok].tolist(), cols[ok].tolist(), vals[ok].tolist(), strict=True))


def _extension(X: Any, a: tuple[int, int], b: tuple[int, int], extend: float, threshold: float,
               boilerplate: set[int]) -> list[tuple[int, int, float]]:
    """Pairs of a unit in index range ``a`` and one in ``b`` (two documents) with a cosine in
    [extend, threshold): the candidates a seeded passage may take in."""
    (a0, a1), (b0, b1) = a, b
    S = (X[a0:a1] @ X[b0:b1].T).tocoo()
    keep = (S.data >= extend - 1e-6) & (S.data < threshold - 1e-6)
    return [(int(i) + a0, int(j) + b0, float(v)) for i, j, v in zip(S.row[keep], S.col[keep], S.data[keep], strict=True)
            if int(i) + a0 not in boilerplate and int(j) + b0 not in boilerplate]  # fmt: skip


def _merge(pairs: list[tuple[int, int, float]], gap: int) -> list[list[tuple[int, int, float]]]:
    """Chains of unit pairs (i, j) where both i and j advance by 1..gap+1 from one pair to the next."""
    runs: list[list[tuple[int, int, float]]] = []
    open_ends: dict[tuple[int, int], int] = {}  # last (i, j) of a run -> run index
    for p in pairs:
        i, j, _ = p
        hit = None
        for di in range(1, gap + 2):
            for dj in range(1, gap + 2):
                hit = open_ends.get((i - di, j - dj))
                if hit is not None:
                    del open_ends[(i - di, j - dj)]
                    break
            if hit is not None:
                break
        if hit is None:
            runs.append([p])
            hit = len(runs) - 1
        else:
            runs[hit].append(p)
        open_ends[(i, j)] = hit
    return runs


def _passage(docs: Sequence[Document], units: Sequence[tuple[int, int, int]], da: int, db: int,
             run: list[tuple[int, int, float]], min_passage: int, rule: str) -> Reuse | None:
    sa, ea = units[run[0][0]][1], units[run[-1][0]][2]
    sb, eb = units[run[0][1]][1], units[run[-1][1]][2]
    if min(len(_CJK.findall(docs[da].text, sa, ea)), len(_CJK.findall(docs[db].text, sb, eb))) < min_passage:
        return None
    weights = [float(units[i][2] - units[i][1]) for i, _, _ in run]
    sim = sum(w * s for w, (_, _, s) in zip(weights, run, strict=True)) / sum(weights)
    a, b = docs[da], docs[db]
    order = _date_order(a.meta.date, b.meta.date)
    if order < 0:  # b is later: b reuses a
        return Reuse(b.id, sb, eb, a.id, sa, ea, min(1.0, sim), len(run), True, rule)
    return Reuse(a.id, sa, ea, b.id, sb, eb, min(1.0, sim), len(run), order > 0, rule)


def add_reuse_edges(G: Any, docs: Iterable[Document], reuses: Iterable[Reuse]) -> Any:
    """Add ``reuses`` edges to a citation graph from
    :func:`~policy_nlp.graph.build_citation_graph` (in place; returns ``G``).

    One edge per pair of document nodes, key and ``relation`` ``"reuses"``, from ``doc_a``'s node to
    ``doc_b``'s; ``directed`` is False when no direction is claimed; ``count`` (passages),
    ``spans`` (``[start_a, end_a, start_b, end_b]`` each), ``chars`` (reused characters of
    ``doc_a``), ``similarity`` (the highest) and ``doc_pairs`` (``"a|b"`` ids). Passages whose
    documents are not nodes of ``G``, or are the same node, are skipped.

    >>> from policy_nlp.graph import build_citation_graph, citing_document
    >>> a = citing_document("关于加强培训的意见\\n建立健全面向全体劳动者的职业培训制度。", id="a")
    >>> b = citing_document("关于加强培训的实施意见\\n建立健全面向全体劳动者的职业培训制度。", id="b")
    >>> G = add_reuse_edges(build_citation_graph([a, b]), [a, b], find_reuse([a, b], min_passage=10))
    >>> [(u, v, d["count"]) for u, v, k, d in G.edges(keys=True, data=True) if k == "reuses"]
    [('t:关于加强培训的意见', 't:关于加强培训的实施意见', 1)]
    """
    docs = list(docs)
    node_of: dict[str, str] = {}
    for n, data in G.nodes(data=True):
        if data.get("in_corpus"):
            for i in data.get("doc_ids") or ():
                node_of.setdefault(i, n)
    known = {d.id for d in docs}
    for r in reuses:
        if r.doc_a not in known or r.doc_b not in known:
            continue
        u, v = node_of.get(r.doc_a), node_of.get(r.doc_b)
        if u is None or v is None or u == v:
            continue
        if not r.directed and G.has_edge(v, u, key="reuses"):
            u, v = v, u
        if G.has_edge(u, v, key="reuses"):
            data = G.edges[u, v, "reuses"]
            data["count"] += 1
            data["directed"] = data["directed"] and r.directed
        else:
            G.add_edge(u, v, key="reuses", relation="reuses", count=1, spans=[], chars=0, similarity=0.0,
                       directed=r.directed, doc_pairs=[])
            data = G.edges[u, v, "reuses"]
        data["spans"].append([r.start_a, r.end_a, r.start_b, r.end_b])
        data["chars"] += r.end_a - r.start_a
        data["similarity"] = max(data["similarity"], round(r.similarity, 4))
        pair = f"{r.doc_a}|{r.doc_b}"
        if pair not in data["doc_pairs"]:
            data["doc_pairs"].append(pair)
    return G
