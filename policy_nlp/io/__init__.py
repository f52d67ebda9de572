"""Loading source files into :class:`~policy_nlp.model.RawText` (text encodings, HTML, PDF)."""

from __future__ import annotations

import hashlib
import os

from policy_nlp.errors import LoadError
from policy_nlp.model import RawText

__all__ = ["load"]


def load(path: str | os.PathLike[str]) -> RawText:
    """Read a file into a RawText. (Placeholder: UTF-8 only, until the io module lands.)"""
    p = os.fspath(path)
    try:
        data = open(p, "rb").read()
        return RawText(data.decode("utf-8-sig"), p, hashlib.sha256(data).hexdigest(), "txt", "utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(p, str(exc)) from exc
