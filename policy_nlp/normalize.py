"""Normalization of RawText into Document.text with an offset map. (Placeholder: identity.)"""

from __future__ import annotations

from policy_nlp.model import RawText
from policy_nlp.offsets import OffsetMap

__all__ = ["normalize"]


def normalize(raw: RawText) -> tuple[str, OffsetMap]:
    """Normalized text and its map back to ``raw.text``."""
    return raw.text, OffsetMap.identity(len(raw.text))
