"""Section hierarchy. (Placeholder.)"""

from __future__ import annotations

from policy_nlp.model import Section

__all__ = ["find_sections"]


def find_sections(text: str) -> list[Section]:
    return []
