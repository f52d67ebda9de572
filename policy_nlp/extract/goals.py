"""Goals and tasks. (Placeholder.)"""

from __future__ import annotations

from collections.abc import Sequence

from policy_nlp.model import Goal, Section, Sentence, Target

__all__ = ["find_goals"]


def find_goals(
    text: str,
    *,
    sections: Sequence[Section] = (),
    sentences: Sequence[Sentence] = (),
    targets: Sequence[Target] = (),
) -> list[Goal]:
    return []
