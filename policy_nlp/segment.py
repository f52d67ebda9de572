"""Word segmentation: a private jieba tokenizer with policy-domain dictionaries, and spaCy Docs.

jieba's global tokenizer is never touched: :func:`get_tokenizer` builds a private
``jieba.Tokenizer`` once per process and adds the terms of ``resources/terms.tsv`` (and any
user dictionary passed to :func:`add_terms`).

>>> [t.text for t in segment("推进节能减排和创先争优")]
['推进', '节能减排', '和', '创先争优']
>>> segment("十二五规划")[0]
Token(text='十二五', start=0, end=3)
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from policy_nlp.model import Token
from policy_nlp.resources import read_tsv

if TYPE_CHECKING:
    from policy_nlp.model import Document

__all__ = ["add_terms", "get_tokenizer", "segment", "to_spacy"]

_LOCK = threading.Lock()


@contextlib.contextmanager
def _quiet_jieba() -> Iterator[None]:
    """jieba logs 'Building prefix dict…' at DEBUG on its own logger; hush it for the load, then restore."""
    import jieba

    logger: logging.Logger = jieba.default_logger
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


@cache
def get_tokenizer() -> Any:
    """The process-wide private ``jieba.Tokenizer`` with the policy dictionary loaded."""
    import jieba

    with _LOCK, _quiet_jieba():
        tk = jieba.Tokenizer()
        tk.initialize()
        for row in read_tsv("terms.tsv"):
            freq = int(row["freq"]) if row.get("freq") else None
            tk.add_word(row["term"], freq=freq, tag=row.get("pos") or None)
    return tk


def add_terms(terms: Iterable[str], *, freq: int | None = None) -> None:
    """Add user terms (e.g. local agency names) to the private tokenizer.

    >>> add_terms(["职工科技服务工作站"])
    >>> "职工科技服务工作站" in [t.text for t in segment("建立职工科技服务工作站")]
    True
    """
    tk = get_tokenizer()
    with _LOCK:
        for term in terms:
            tk.add_word(term, freq=freq)


def segment(text: str, *, hmm: bool = True) -> list[Token]:
    """jieba words of ``text`` with their offsets; ``"".join`` of the words is ``text``."""
    if not text:
        return []
    tk = get_tokenizer()
    return [Token(w, s, e) for w, s, e in tk.tokenize(text, HMM=hmm)]


@cache
def _blank_zh() -> Any:
    import spacy

    return spacy.blank("zh")


SPAN_KEYS = ("targets", "bodies", "goals", "citations", "actions")


def to_spacy(doc: Document) -> Any:
    """A spaCy ``Doc`` over ``doc.text`` whose tokens are :func:`segment`'s words.

    Records appear as span groups ``spacy_doc.spans["targets"|"bodies"|"goals"|"citations"|"actions"]``
    (expanded to token boundaries), labelled by unit, role, section, kind and verb respectively;
    sentences as ``spacy_doc.spans["sentences"]``.

    >>> from policy_nlp import analyze
    >>> sdoc = analyze("推进节能减排。").to_spacy()
    >>> [t.text for t in sdoc]
    ['推进', '节能减排', '。']
    """
    from spacy.tokens import Doc as SpacyDoc

    nlp = _blank_zh()
    words = [t.text for t in segment(doc.text)]
    sdoc = SpacyDoc(nlp.vocab, words=words, spaces=[False] * len(words))
    labels: dict[str, Any] = {
        "targets": lambda r: r.unit or "target",
        "bodies": lambda r: r.role,
        "goals": lambda r: "goal",
        "citations": lambda r: r.kind,
        "actions": lambda r: r.verb,
    }
    for key in SPAN_KEYS:
        spans = []
        for rec in getattr(doc, key):
            span = sdoc.char_span(rec.start, rec.end, label=labels[key](rec), alignment_mode="expand")
            if span is not None:
                spans.append(span)
        sdoc.spans[key] = spans
    sents = [sdoc.char_span(s.start, s.end, label="sentence", alignment_mode="expand") for s in doc.sentences]
    sdoc.spans["sentences"] = [s for s in sents if s is not None]
    return sdoc
