"""Citation graph across a corpus. (Placeholder until the citation issue lands.)"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from policy_nlp.model import Document

__all__ = ["build_citation_graph"]


def build_citation_graph(docs: Iterable[Document]) -> Any:
    import networkx as nx

    G = nx.MultiDiGraph()
    for doc in docs:
        G.add_node(doc.id, in_corpus=True)
    return G
