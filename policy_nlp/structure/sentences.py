"""Sentence splitting. (Placeholder: whole lines.)"""

from __future__ import annotations

import re

from policy_nlp.model import Sentence

__all__ = ["find_sentences"]


def find_sentences(text: str) -> list[Sentence]:
    return [Sentence(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
