"""The research layer: policy-instrument coding, document-term matrices, keyness, topics and text
reuse (scikit-learn).

Nothing in the core pipeline imports this package, so ``import policy_nlp`` and ``analyze`` stay
light; its names load on first use. Applying the shipped instrument model needs only the standard
library; training and evaluation (``policy_nlp.learn.instruments_train``) use scikit-learn.

>>> from policy_nlp import learn
>>> learn.PolicyTokenizer()("推进节能减排")
['推进', '节能减排']
>>> learn.classify("设立人工智能产业发展专项资金").tool
'funding'
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "DocumentTermMatrix": "policy_nlp.learn.vectorize",
    "Keyness": "policy_nlp.learn.vectorize",
    "PolicyCountVectorizer": "policy_nlp.learn.vectorize",
    "PolicyTfidfVectorizer": "policy_nlp.learn.vectorize",
    "PolicyTokenizer": "policy_nlp.learn.vectorize",
    "Topic": "policy_nlp.learn.vectorize",
    "document_term_matrix": "policy_nlp.learn.vectorize",
    "keyness": "policy_nlp.learn.vectorize",
    "topics": "policy_nlp.learn.vectorize",
    "Reuse": "policy_nlp.learn.reuse",
    "add_reuse_edges": "policy_nlp.learn.reuse",
    "find_reuse": "policy_nlp.learn.reuse",
    "TitleMatcher": "policy_nlp.learn.titles",
    "InstrumentLabel": "policy_nlp.learn.instruments",
    "classify": "policy_nlp.learn.instruments",
    "classify_many": "policy_nlp.learn.instruments",
    "code_document": "policy_nlp.learn.instruments",
    "share_table": "policy_nlp.learn.instruments",
    "title_similarity": "policy_nlp.learn.titles",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'policy_nlp.learn' has no attribute {name!r}")
