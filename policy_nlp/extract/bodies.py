"""Responsible bodies. (Placeholder.)"""

from __future__ import annotations

from collections.abc import Sequence

from policy_nlp.model import Body, Meta, Section, Sentence

__all__ = ["find_bodies"]


def find_bodies(
    text: str, *, meta: Meta, sections: Sequence[Section] = (), sentences: Sequence[Sentence] = ()
) -> list[Body]:
    return []
