"""policy_nlp: structured, citable data from Chinese government policy documents.

>>> import policy_nlp
>>> doc = policy_nlp.analyze("关于加强班组建设的指导意见\\n到2015年，高技能人才比重达到30%。")
>>> doc.text[:4]
'关于加强'
"""

from __future__ import annotations

__version__ = "0.1.0"  # before the imports: policy_nlp.store reads it (and pyproject.toml repeats it)

from typing import TYPE_CHECKING, Any

from policy_nlp.errors import LoadError, NeedsOCRError, PolicyNLPError, PolicyNLPWarning
from policy_nlp.model import Document, RawText
from policy_nlp.pipeline import analyze

if TYPE_CHECKING:
    from policy_nlp.batch import Failure, analyze_many
    from policy_nlp.dataframes import frames
    from policy_nlp.graph import build_citation_graph
    from policy_nlp.io import load

__all__ = [
    "Document",
    "Failure",
    "LoadError",
    "NeedsOCRError",
    "PolicyNLPError",
    "PolicyNLPWarning",
    "RawText",
    "__version__",
    "analyze",
    "analyze_many",
    "build_citation_graph",
    "frames",
    "load",
]

_LAZY = {
    "load": ("policy_nlp.io", "load"),
    "analyze_many": ("policy_nlp.batch", "analyze_many"),
    "Failure": ("policy_nlp.batch", "Failure"),
    "build_citation_graph": ("policy_nlp.graph", "build_citation_graph"),
    "frames": ("policy_nlp.dataframes", "frames"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'policy_nlp' has no attribute {name!r}")
