"""Policy citations. (Placeholder.)"""

from __future__ import annotations

from collections.abc import Sequence

from policy_nlp.model import Citation, Sentence

__all__ = ["find_citations"]


def find_citations(text: str, *, sentences: Sequence[Sentence] = ()) -> list[Citation]:
    return []
