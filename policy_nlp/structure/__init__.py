"""Official-document structure (GB/T 9704): header/footer meta, numbered outline, tables, sentences.

>>> from policy_nlp.structure import parse_meta, find_sections, find_sentences
>>> text = "市总工会关于开展竞赛的通知\\n各区工会:\\n一、总体要求\\n做好工作。"
>>> parse_meta(text).genre, [s.heading for s in find_sections(text)], len(find_sentences(text))
('通知', ['总体要求'], 4)
"""

from __future__ import annotations

from policy_nlp.structure.meta import (
    genre_of,
    parse_date,
    parse_doc_number,
    parse_meta,
    signature_start,
    split_addressees,
)
from policy_nlp.structure.outline import cn_int, find_sections
from policy_nlp.structure.sentences import find_sentences
from policy_nlp.structure.tables import find_tables

__all__ = [
    "cn_int",
    "find_sections",
    "find_sentences",
    "find_tables",
    "genre_of",
    "parse_date",
    "parse_doc_number",
    "parse_meta",
    "signature_start",
    "split_addressees",
]
