"""Clause-level actions and body assignment. (Placeholder.)"""

from __future__ import annotations

from collections.abc import Sequence

from policy_nlp.model import Action, Body, Citation, Section, Sentence, Target

__all__ = ["attach_bodies", "find_actions"]


def find_actions(
    text: str,
    *,
    sections: Sequence[Section] = (),
    sentences: Sequence[Sentence] = (),
    bodies: Sequence[Body] = (),
    targets: Sequence[Target] = (),
    citations: Sequence[Citation] = (),
) -> list[Action]:
    return []


def attach_bodies(targets: Sequence[Target], actions: Sequence[Action]) -> list[Target]:
    return list(targets)
