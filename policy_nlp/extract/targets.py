"""Quantified targets. (Placeholder.)"""

from __future__ import annotations

from collections.abc import Sequence

from policy_nlp.model import Section, Sentence, Target

__all__ = ["find_targets"]


def find_targets(
    text: str, *, sections: Sequence[Section] = (), sentences: Sequence[Sentence] = ()
) -> list[Target]:
    return []
