"""Exceptions and warnings raised by policy_nlp.

All errors derive from :class:`PolicyNLPError`, so ``except PolicyNLPError`` catches everything the
library raises on purpose. Errors about a file carry its ``path`` and a human ``reason``.

>>> err = LoadError("a.txt", "cannot decode as UTF-8, GB18030 or UTF-16")
>>> str(err)
'a.txt: cannot decode as UTF-8, GB18030 or UTF-16'
>>> isinstance(err, PolicyNLPError)
True
>>> import pickle
>>> pickle.loads(pickle.dumps(NeedsOCRError("scan.pdf", "no text layer"))).reason
'no text layer'
"""

from __future__ import annotations

__all__ = [
    "LoadError",
    "NeedsOCRError",
    "PolicyNLPError",
    "PolicyNLPWarning",
    "ResourceError",
    "SchemaError",
]


class PolicyNLPError(Exception):
    """Base class of every error policy_nlp raises on purpose."""


class LoadError(PolicyNLPError):
    """A file could not be read or decoded. ``path`` names the file, ``reason`` says why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[LoadError], tuple[str, str]]:
        # pickle (worker processes, Dask) rebuilds from the two constructor arguments
        return type(self), (self.path, self.reason)


class NeedsOCRError(LoadError):
    """A PDF has no text layer (a scan): it needs OCR, which policy_nlp does not do."""


class ResourceError(PolicyNLPError):
    """A bundled resource (dictionary, pattern table) is missing or malformed."""


class SchemaError(PolicyNLPError):
    """A serialized Document does not follow the JSON schema (wrong version or fields)."""


class PolicyNLPWarning(UserWarning):
    """Warnings about doubtful input (e.g. a damaged 发文字号 that was repaired)."""
