"""The citation graph across a corpus, helpers that take the graph first, and exports.

:func:`build_citation_graph` returns a :class:`networkx.MultiDiGraph` with **one edge per
(source, target, relation)**: the edge key is the relation, and ``count``, ``spans``, ``sentences``
and ``citations`` aggregate every mention (so ``G[u][v]["implements"]["count"]``).

Nodes (attribute ``type``):

* ``policy`` — a document of the corpus (``in_corpus=True``, ``doc_ids``) or a cited policy, law,
  plan or meeting; the node id is its canonical key (:mod:`policy_nlp.resolve`): ``no:…`` for a
  发文字号, ``t:…`` for a normalized title, ``m:…`` for a meeting. Attributes: ``title``,
  ``doc_number``, ``issuer``, ``date``, ``genre``, ``kind``, ``in_corpus``, ``mentions``.
* ``body`` — ``body:中华全国总工会``, an issuing body.
* ``action`` — ``act:<policy>|<verb>``: one citing document's use of one verb (贯彻落实, 制定实施 …),
  so "which documents formulate X" is the path ``doc -performs-> action -formulates-> X``.

Edge relations: ``cites``/``implements``/``based_on``/``formulates`` (policy → policy, and
action → policy), ``performs`` (policy → action), ``issued_by`` (policy → body), ``version_of`` (one
version of a law → the law).

Versions of one law get their own node, keyed by year (``t:工会法@2018``, attribute ``version``), linked
to the law's node (``t:工会法``) by ``version_of``: a citation whose title states the version
(《中华人民共和国工会法(2018年修正)》), and the older corpus documents among several that share a law's
title but not its year (the year of the version the title states, else of the document's date, else
of a ``(2018-12-29)`` in its file name); the latest of them is the law's node. A citation without a
year goes to the law's node. List attributes are
lists; :func:`write_graphml`/:func:`write_gexf` serialize them as JSON strings (Gephi wants scalars).

>>> a = citing_document("关于加强班组建设的指导意见\\n本市各级工会要贯彻落实《上海市工会条例》。", id="a")
>>> b = citing_document("上海市工会条例\\n根据《中华人民共和国工会法》,制定本条例。", id="b")
>>> G = build_citation_graph([a, b])
>>> citing(G, "t:关于加强班组建设的指导意见")
['t:上海市工会条例']
>>> G.nodes["t:上海市工会条例"]["in_corpus"]
True
>>> graph_from_dict(graph_to_dict(G)).edges(keys=True) == G.edges(keys=True)
True
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from policy_nlp.graph_queries import (
    CITE_RELATIONS,
    cited_by,
    citing,
    most_cited,
    pagerank,
    policy_graph,
    timeline,
)
from policy_nlp.model import Citation, Document, Meta, Sentence, Source
from policy_nlp.resolve import (
    DOC_NUMBER,
    SELF_KEY,
    CatalogEntry,
    Resolver,
    attached_title,
    bare_key,
    canonical_body,
    citation_key,
    law_version,
    make_resolver,
    normalize_doc_number,
    normalize_title,
    split_issuer,
)

__all__ = [
    "CITE_RELATIONS",
    "GRAPH_FORMATS",
    "build_citation_graph",
    "cited_by",
    "citing",
    "citing_document",
    "document_number",
    "document_title",
    "graph_from_dict",
    "graph_to_dict",
    "most_cited",
    "pagerank",
    "policy_graph",
    "read_json",
    "timeline",
    "write_csv",
    "write_gexf",
    "write_graph",
    "write_graphml",
    "write_json",
]

GRAPH_FORMATS = (".graphml", ".gexf", ".json", ".csv", ".html", ".png")
DEFAULT_KINDS = ("policy", "law", "plan", "meeting")
_SPLIT_BODIES = re.compile(r"[ 、和及与]+|等(?:[一二三四五六七八九十0-9]{1,3}个?)?(?:部委|部门|单位|家单位)?$")
_HEADING = re.compile(r"^#+\s*")
_NUMBER_LINE = re.compile(DOC_NUMBER)


# -- building ------------------------------------------------------------------------------------
def document_title(doc: Document) -> str:
    """The title of a document: ``meta.title``, else the first of its first lines that reads as a
    policy title (ends in 意见/通知/条例 …, or a Markdown ``# heading``), else its first line.

    >>> document_title(citing_document("2024/3/29\\n上海市工会条例\\n第一条", id="x"))
    '上海市工会条例'
    """
    if doc.meta.title:
        return normalize_title(doc.meta.title)
    from policy_nlp.extract.citations import _kind_of

    lines = [ln.strip() for ln in doc.text.splitlines()[:30] if ln.strip()]
    for ln in lines:
        if ln.startswith("#"):
            return normalize_title(_HEADING.sub("", ln))
        if len(ln) <= 100 and _kind_of(normalize_title(ln)) != "other":
            return normalize_title(ln)
    return normalize_title(lines[0]) if lines else doc.id


def citing_document(
    text: str, *, id: str, path: str | None = None, meta: Meta | None = None
) -> Document:
    """A light :class:`Document` holding only what the graph needs — lines as sentences and the
    citations — for graphs over many plain texts (no structure or other extractors are run).

    >>> doc = citing_document("上海市工会条例\\n根据《中华人民共和国工会法》,制定本条例。", id="sh")
    >>> [c.kind for c in doc.citations]
    ['law', 'short']
    """
    import hashlib

    from policy_nlp.extract.citations import find_citations

    sentences = tuple(Sentence(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(
        id=id,
        source=Source(path, digest, "txt" if path else "text", "utf-8"),
        text=text,
        meta=meta or Meta(),
        sentences=sentences,
        citations=tuple(find_citations(text, sentences=sentences)),
    )


def document_number(doc: Document) -> str | None:
    """The 发文字号 of a document: ``meta.doc_number``, else a line of its header (first 15 lines)
    that holds only a 发文字号.

    >>> document_number(citing_document("关于开展竞赛的通知\\n沪工总发〔2013〕4号\\n正文", id="x"))
    '沪工总发〔2013〕4号'
    """
    if doc.meta.doc_number:
        return normalize_doc_number(doc.meta.doc_number)
    for ln in doc.text.splitlines()[:15]:
        ln = ln.strip()
        if ln and len(ln) <= 30 and _NUMBER_LINE.fullmatch(ln):
            return normalize_doc_number(ln)
    return None


class _Keys:
    """Union-find over keys; a group's canonical key prefers a 发文字号 key."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, k: str) -> str:
        p = self.parent.setdefault(k, k)
        if p != k:
            p = self.parent[k] = self.find(p)
        return p

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if rb.startswith("no:") and not ra.startswith("no:"):
            ra, rb = rb, ra
        self.parent[rb] = ra


def _bodies(issuer: str | None) -> list[str]:
    if not issuer:
        return []
    return [canonical_body(p) for p in _SPLIT_BODIES.split(issuer) if p and len(p) >= 2]


def build_citation_graph(
    docs: Iterable[Document],
    *,
    resolver: Resolver | str | os.PathLike[str] | None = None,
    kinds: Iterable[str] = DEFAULT_KINDS,
) -> Any:
    """Build the citation graph of ``docs`` (a ``networkx.MultiDiGraph``, see the module docstring).

    A citation resolves, in order, through ``resolver`` (a callable returning a key or a
    :class:`~policy_nlp.resolve.CatalogEntry`, or the path of a CSV/JSON catalog), the 发文字号 and
    title keys of the corpus documents, a title without issuer that only one corpus document has,
    and finally its own key. ``kinds`` selects the citation kinds that become nodes (``other``,
    e.g. 《人民日报》, is left out by default; back-references to the document itself always are).
    """
    import networkx as nx

    resolve = make_resolver(resolver)
    wanted = set(kinds)
    docs = list(docs)
    keys = _Keys()
    info: list[tuple[Document, str, str | None, str, str | None]] = []
    for doc in docs:
        title = document_title(doc)
        number = document_number(doc)
        issuer = doc.meta.issuers[0] if doc.meta.issuers else None
        tkey = citation_key(title, issuer=issuer)
        if number:
            keys.union("no:" + number, tkey)
        attached = attached_title(title)
        if attached:  # 关于印发X的通知 is found under X too
            keys.union(tkey, citation_key(attached, issuer=issuer or split_issuer(title)[0]))
            keys.union(tkey, citation_key(attached))
        info.append((doc, title, number, tkey, issuer))
    # a citation that gives both 发文字号 and title ties them together
    for doc in docs:
        for c in doc.citations:
            if c.doc_number and c.title and normalize_doc_number(c.title) is None:
                keys.union("no:" + (normalize_doc_number(c.doc_number) or c.doc_number),
                           citation_key(c.title, issuer=c.issuer, kind=c.kind))
    corpus_bare: dict[str, set[str]] = {}
    for _doc, _title, _number, tkey, _issuer in info:
        b = bare_key(tkey)
        if b:
            corpus_bare.setdefault(b, set()).add(keys.find(tkey))
    # versions of one law in the corpus (one title, several years): a node per version
    years: dict[str, set[int]] = {}
    for doc, title, _number, tkey, _issuer in info:
        y = _version_year(doc, title)
        if y is not None and keys.find(tkey).startswith("t:") and "@" not in tkey:
            years.setdefault(keys.find(tkey), set()).add(y)
    doc_nodes: list[str] = []  # the latest version keeps the law's node, older ones get law@year
    for doc, title, _number, tkey, _issuer in info:
        node = keys.find(tkey)
        y = _version_year(doc, title)
        if len(years.get(node, ())) > 1:
            latest = max(years[node])
            keys.union(node, f"{node}@{latest}")
            if y != latest:
                node = f"{node}@{y}"
        doc_nodes.append(node)

    G = nx.MultiDiGraph(name="policy_nlp citation graph")
    for (doc, title, number, _tkey, issuer), node in zip(info, doc_nodes, strict=True):
        if node in G and G.nodes[node].get("in_corpus"):
            G.nodes[node]["doc_ids"].append(doc.id)
            continue
        inner, _ = split_issuer(title)
        G.add_node(
            node,
            type="policy",
            title=title,
            doc_number=number,
            issuer=issuer or inner,
            date=doc.meta.date,
            genre=doc.meta.genre,
            kind=_kind(title),
            in_corpus=True,
            doc_ids=[doc.id],
            mentions=0,
        )
        for body in _bodies(issuer or inner) if not doc.meta.issuers else [canonical_body(i) for i in doc.meta.issuers]:
            _add_edge(G, node, _body_node(G, body), "issued_by")
        if "@" in node:
            _link_version(G, node)
        elif node in years and len(years[node]) > 1:
            G.nodes[node]["version"] = max(years[node])

    for (doc, _title, _number, _tkey, _issuer), src in zip(info, doc_nodes, strict=True):
        for c in doc.citations:
            if c.resolved == SELF_KEY or (c.kind not in wanted and not (c.kind == "short" and c.resolved)):
                continue
            dst, entry = _resolve_one(c, resolve, keys, G, corpus_bare)
            if dst is None or dst == src:
                continue
            _ensure_policy(G, dst, c, entry)
            if "@" in dst:
                _link_version(G, dst)
            G.nodes[dst]["mentions"] += 1
            sentence = doc.sentence_of(c.start)
            where = [c.start, c.end]
            text = doc.span(sentence) if sentence else doc.text[max(0, c.start - 40) : c.end + 40]
            ref = f"{doc.id}:{c.id}"
            _add_edge(G, src, dst, c.relation, where, text, ref)
            if c.action:
                act = f"act:{src}|{c.action}"
                if act not in G:
                    G.add_node(act, type="action", title=c.action, verb=c.action, relation=c.relation,
                               document=src, in_corpus=False, kind="action")
                _add_edge(G, src, act, "performs", where, text, ref)
                _add_edge(G, act, dst, c.relation, where, text, ref)
    G.graph["documents"] = len(docs)
    return G


_FILE_DATE = re.compile(r"[(（]((?:19|20)\d{2})-\d{2}-\d{2}[)）]")


def _version_year(doc: Document, title: str) -> int | None:
    """The year of the version a corpus document is: stated in its title (修正/修订), else its date,
    else a ``(2018-12-29)`` in its file name."""
    version = law_version(title)
    if version is not None:
        return version[1]
    if doc.meta.date:
        return int(doc.meta.date[:4])
    m = _FILE_DATE.search(os.path.basename(doc.source.path or ""))
    return int(m.group(1)) if m else None


def _link_version(G: Any, node: str) -> None:
    """Link the version node ``law@year`` to the law's node (made when missing) by ``version_of``."""
    base, _, year = node.rpartition("@")
    attrs = G.nodes[node]
    attrs["version"] = int(year)
    if base not in G:  # a corpus document of the law's latest version may fill it in later
        version = law_version(attrs.get("title") or "")
        G.add_node(base, type="policy", title=version[0] if version else attrs.get("title"),
                   doc_number=None, issuer=attrs.get("issuer"), date=None, genre=attrs.get("genre"),
                   kind=attrs.get("kind"), in_corpus=False, doc_ids=[], mentions=0)
    if not G.has_edge(node, base, key="version_of"):
        _add_edge(G, node, base, "version_of")


def _kind(title: str) -> str:
    from policy_nlp.extract.citations import _kind_of

    return _kind_of(title)


def _resolve_one(
    c: Citation,
    resolve: Resolver | None,
    keys: _Keys,
    G: Any,
    corpus_bare: Mapping[str, set[str]],
) -> tuple[str | None, CatalogEntry | None]:
    entry = None
    key = c.resolved
    if resolve is not None:
        hit = resolve(c)
        if isinstance(hit, CatalogEntry):
            entry, key = hit, hit.key
        elif isinstance(hit, str):
            key = hit
    if key is None:
        if c.kind == "short" or not c.title:
            return None, None
        key = citation_key(c.title, doc_number=c.doc_number, issuer=c.issuer, kind=c.kind)
    node = keys.find(key)
    if node in G and G.nodes[node].get("in_corpus"):
        return node, entry
    if c.title and not c.doc_number and c.kind != "meeting":
        # the same title written with / without issuer, or cited with its 发文字号 elsewhere
        tk = keys.find(citation_key(c.title, issuer=c.issuer, kind=c.kind))
        if tk in G and G.nodes[tk].get("in_corpus"):
            return tk, entry
        b = bare_key(key)
        hits = corpus_bare.get(b, set()) if b else set()
        if len(hits) == 1:
            return next(iter(hits)), entry
    return node, entry


def _ensure_policy(G: Any, node: str, c: Citation, entry: CatalogEntry | None) -> None:
    if node in G:
        attrs = G.nodes[node]
        if not attrs.get("in_corpus") and c.kind != "short":
            if c.issuer and not attrs.get("issuer"):
                attrs["issuer"] = c.issuer
                for body in _bodies(c.issuer):
                    _add_edge(G, node, _body_node(G, body), "issued_by")
            if c.doc_number and not attrs.get("doc_number"):
                attrs["doc_number"] = normalize_doc_number(c.doc_number)
            if len(c.title) > len(attrs.get("title") or "") and normalize_doc_number(c.title) is None:
                attrs["title"] = c.title
        return
    if entry is not None:
        G.add_node(node, type="policy", title=entry.title, doc_number=entry.doc_number, issuer=entry.issuer,
                   date=entry.date, genre=None, kind=entry.kind, in_corpus=False, doc_ids=[], mentions=0,
                   catalog=True)
        issuer = entry.issuer
    else:
        G.add_node(node, type="policy", title=c.title, doc_number=normalize_doc_number(c.doc_number or ""),
                   issuer=c.issuer, date=None, genre=None, kind=c.kind if c.kind != "short" else "policy",
                   in_corpus=False, doc_ids=[], mentions=0)
        issuer = c.issuer
    for body in _bodies(issuer):
        _add_edge(G, node, _body_node(G, body), "issued_by")


def _body_node(G: Any, name: str) -> str:
    node = "body:" + name
    if node not in G:
        G.add_node(node, type="body", title=name, kind="body", in_corpus=False)
    return node


def _add_edge(
    G: Any, u: str, v: str, relation: str, span: list[int] | None = None, sentence: str | None = None,
    ref: str | None = None,
) -> None:
    if G.has_edge(u, v, key=relation):
        data = G.edges[u, v, relation]
        data["count"] += 1
    else:
        G.add_edge(u, v, key=relation, relation=relation, count=1, spans=[], sentences=[], citations=[])
        data = G.edges[u, v, relation]
    if span is not None:
        data["spans"].append(span)
    if sentence is not None and sentence not in data["sentences"]:
        data["sentences"].append(sentence)
    if ref is not None:
        data["citations"].append(ref)


# -- exports -------------------------------------------------------------------------------------
def graph_to_dict(G: Any) -> dict[str, Any]:
    """Node-link JSON data (``nodes``, ``links`` with ``key``); inverse of :func:`graph_from_dict`."""
    return {
        "directed": True,
        "multigraph": True,
        "graph": dict(G.graph),
        "nodes": [{"id": n, **d} for n, d in G.nodes(data=True)],
        "links": [{"source": u, "target": v, "key": k, **d} for u, v, k, d in G.edges(keys=True, data=True)],
    }


def graph_from_dict(data: Mapping[str, Any]) -> Any:
    """Rebuild the graph written by :func:`graph_to_dict`; raises ``ValueError`` on another shape."""
    import networkx as nx

    if not isinstance(data, Mapping) or "nodes" not in data or "links" not in data:
        raise ValueError("not a node-link citation graph: needs 'nodes' and 'links'")
    G = nx.MultiDiGraph(**dict(data.get("graph", {})))
    for n in data["nodes"]:
        attrs = {k: v for k, v in n.items() if k != "id"}
        G.add_node(n["id"], **attrs)
    for e in data["links"]:
        attrs = {k: v for k, v in e.items() if k not in ("source", "target", "key")}
        G.add_edge(e["source"], e["target"], key=e["key"], **attrs)
    return G


def write_json(G: Any, path: str | os.PathLike[str]) -> None:
    """Write node-link JSON (UTF-8); read it back with :func:`read_json`."""
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(graph_to_dict(G), fh, ensure_ascii=False)


def read_json(path: str | os.PathLike[str]) -> Any:
    """Read a graph written by :func:`write_json`."""
    with open(path, encoding="utf-8") as fh:
        return graph_from_dict(json.load(fh))


def _scalar(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _scalar_graph(G: Any) -> Any:
    import networkx as nx

    H = nx.MultiDiGraph()
    H.graph.update({k: _scalar(v) for k, v in G.graph.items()})
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: _scalar(v) for k, v in d.items()}, label=d.get("title") or n)
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **{a: _scalar(b) for a, b in d.items()}, weight=int(d.get("count", 1)))
    return H


def write_graphml(G: Any, path: str | os.PathLike[str]) -> None:
    """GraphML (lists serialized as JSON strings, None as empty strings)."""
    import networkx as nx

    nx.write_graphml(_scalar_graph(G), os.fspath(path), encoding="utf-8")


def write_gexf(G: Any, path: str | os.PathLike[str]) -> None:
    """GEXF for Gephi (lists serialized as JSON strings, None as empty strings)."""
    import networkx as nx

    nx.write_gexf(_scalar_graph(G), os.fspath(path), encoding="utf-8")


def write_csv(G: Any, path: str | os.PathLike[str]) -> None:
    """Edge list: source, target, relation, count, titles of both ends, spans (JSON)."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["source", "target", "relation", "count", "source_title", "target_title", "spans"])
        for u, v, k, d in G.edges(keys=True, data=True):
            w.writerow([u, v, k, d.get("count", 1), G.nodes[u].get("title", ""), G.nodes[v].get("title", ""),
                        json.dumps(d.get("spans", []))])


def write_graph(G: Any, path: str | os.PathLike[str]) -> None:
    """Write ``G`` in the format its suffix names (one of :data:`GRAPH_FORMATS`)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".graphml":
        write_graphml(G, path)
    elif suffix == ".gexf":
        write_gexf(G, path)
    elif suffix == ".json":
        write_json(G, path)
    elif suffix == ".csv":
        write_csv(G, path)
    elif suffix in (".html", ".htm"):
        from policy_nlp.render import write_html

        write_html(G, path)
    elif suffix == ".png":
        from policy_nlp.render import write_png

        write_png(G, path)
    else:
        raise ValueError(f"unknown graph format {suffix!r}; valid: {list(GRAPH_FORMATS)}")
