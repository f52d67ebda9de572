"""Header/footer elements (title, 发文字号, issuers, 主送, date, genre). (Placeholder.)"""

from __future__ import annotations

from policy_nlp.model import Meta

__all__ = ["parse_meta"]


def parse_meta(text: str) -> Meta:
    return Meta()
