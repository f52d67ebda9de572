"""Questions asked of a citation graph (built by :func:`policy_nlp.graph.build_citation_graph`),
networkx style: every function takes the graph first. :mod:`policy_nlp.graph` re-exports them; the
pictures (:mod:`policy_nlp.render`) use them without importing the builder.

>>> from policy_nlp.graph import build_citation_graph, citing_document
>>> from policy_nlp.model import Meta
>>> G = build_citation_graph([
...     citing_document("甲通知\\n贯彻落实《上海市工会条例》。", id="a", meta=Meta(date="2019-03-01")),
...     citing_document("乙通知\\n根据《上海市工会条例》和《中华人民共和国工会法》。", id="b", meta=Meta(date="2020-05-01")),
... ])
>>> most_cited(G, 1)
[('t:上海市工会条例', 2)]
>>> timeline(G, "t:上海市工会条例")
{2019: 1, 2020: 1}
>>> cited_by(G, "t:上海市工会条例"), citing(G, "t:乙通知")
(['t:乙通知', 't:甲通知'], ['t:上海市工会条例', 't:工会法'])
>>> sorted(policy_graph(G).nodes) == sorted(pagerank(G))
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

__all__ = ["CITE_RELATIONS", "cited_by", "citing", "most_cited", "pagerank", "policy_graph", "timeline"]

#: edge relations that count as one policy citing another
CITE_RELATIONS = ("cites", "implements", "based_on", "formulates")


def _is_policy(G: Any, n: str) -> bool:
    return bool(G.nodes[n].get("type") == "policy")


def _cite_edges(G: Any) -> Iterable[tuple[str, str, dict[str, Any]]]:
    for u, v, data in G.edges(data=True):
        if data.get("relation") in CITE_RELATIONS and _is_policy(G, u) and _is_policy(G, v):
            yield u, v, data


def most_cited(G: Any, n: int = 10, *, kinds: Iterable[str] | None = None) -> list[tuple[str, int]]:
    """The ``n`` policies cited by the most distinct policies (ties: more mentions, then key).

    >>> from policy_nlp.graph import build_citation_graph, citing_document
    >>> docs = [citing_document(f"通知{i}\\n贯彻落实《上海市工会条例》。", id=str(i)) for i in range(3)]
    >>> most_cited(build_citation_graph(docs), 1)
    [('t:上海市工会条例', 3)]
    """
    wanted = set(kinds) if kinds is not None else None
    citers: dict[str, set[str]] = {}
    mentions: Counter[str] = Counter()
    for u, v, data in _cite_edges(G):
        if wanted is not None and G.nodes[v].get("kind") not in wanted:
            continue
        citers.setdefault(v, set()).add(u)
        mentions[v] += int(data.get("count", 1))
    ranked = sorted(citers, key=lambda k: (-len(citers[k]), -mentions[k], k))
    return [(k, len(citers[k])) for k in ranked[:n]]


def cited_by(G: Any, node: str) -> list[str]:
    """Policies that cite ``node`` (sorted)."""
    return sorted({u for u, _, data in G.in_edges(node, data=True)
                   if data.get("relation") in CITE_RELATIONS and _is_policy(G, u)})


def citing(G: Any, node: str) -> list[str]:
    """Policies that ``node`` cites (sorted)."""
    return sorted({v for _, v, data in G.out_edges(node, data=True)
                   if data.get("relation") in CITE_RELATIONS and _is_policy(G, v)})


def timeline(G: Any, node: str | None = None) -> dict[int, int]:
    """Citations (mentions) per year of the citing document's date, of ``node`` or of all policies.

    Citing documents without a date are not counted.
    """
    out: Counter[int] = Counter()
    for u, v, data in _cite_edges(G):
        if node is not None and v != node:
            continue
        date = G.nodes[u].get("date") or ""
        if len(date) >= 4 and date[:4].isdigit():
            out[int(date[:4])] += int(data.get("count", 1))
    return dict(sorted(out.items()))


def policy_graph(G: Any) -> Any:
    """The policy → policy citations as a ``networkx.DiGraph`` with ``weight`` = mentions."""
    import networkx as nx

    D = nx.DiGraph()
    D.add_nodes_from((n, d) for n, d in G.nodes(data=True) if d.get("type") == "policy")
    for u, v, data in _cite_edges(G):
        w = D[u][v]["weight"] if D.has_edge(u, v) else 0
        D.add_edge(u, v, weight=w + int(data.get("count", 1)))
    return D


def pagerank(G: Any, *, alpha: float = 0.85) -> dict[str, float]:
    """PageRank of the policies over :func:`policy_graph` (weighted by mentions)."""
    import networkx as nx

    D = policy_graph(G)
    if D.number_of_nodes() == 0:
        return {}
    return dict(nx.pagerank(D, alpha=alpha, weight="weight"))
