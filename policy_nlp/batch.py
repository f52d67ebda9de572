"""Batch analysis over many documents. (Placeholder until the batch issue lands.)"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from policy_nlp.model import Document
from policy_nlp.pipeline import analyze

__all__ = ["analyze_many"]


def analyze_many(paths_or_texts: Iterable[str]) -> Iterator[Document]:
    for item in paths_or_texts:
        yield analyze(item)
