"""PDF files: the text layer of every page (pdfplumber, layout off), pages joined with ``"\\n"``.

:attr:`RawText.pages` holds the start offset of each page. A PDF without any text layer (a scan)
raises :class:`~policy_nlp.errors.NeedsOCRError`; an encrypted, truncated or otherwise broken file
raises :class:`~policy_nlp.errors.LoadError` with pdfminer's reason. Lines wrapped inside a
sentence are re-joined by :func:`policy_nlp.normalize.normalize`, not here.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from typing import Any

from policy_nlp.errors import LoadError, NeedsOCRError
from policy_nlp.io.text import read_bytes
from policy_nlp.model import RawText

__all__ = ["PDF_MAGIC", "load_pdf"]

PDF_MAGIC = b"%PDF-"


#: above this share of ``(cid:N)`` glyph codes the text layer is unusable
UNMAPPED_MAX_SHARE = 0.5
_CID = re.compile(r"\(cid:\d+\)")


def _unmapped_share(pages: list[str]) -> float:
    """Share of non-space characters that belong to ``(cid:N)`` codes (glyphs without Unicode)."""
    total = sum(len(t) - t.count(" ") - t.count("\n") for t in pages)
    cid = sum(len(m.group()) for t in pages for m in _CID.finditer(t))
    return cid / total if total else 0.0


def _reason(exc: BaseException) -> str:
    # pdfplumber wraps pdfminer's exception: report the original
    while exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name or "password" in str(exc).lower():
        return f"encrypted PDF (cannot open without a password): {name}"
    text = str(exc) or name
    return f"corrupt or truncated PDF: {name}: {text}"[:300]


def _extract_pages(data: bytes) -> list[str]:
    import pdfplumber  # heavy: imported on first use

    pages: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page: Any
        for page in pdf.pages:
            pages.append(page.extract_text(layout=False) or "")
            page.close()
    return pages


def load_pdf(path: str | os.PathLike[str]) -> RawText:
    """Load the text layer of a PDF.

    Raises :class:`~policy_nlp.errors.NeedsOCRError` when no page has text, and
    :class:`~policy_nlp.errors.LoadError` when the file is not a PDF, is encrypted or is damaged.
    """
    p, data = read_bytes(path)
    return _raw_pdf(p, data)


def _raw_pdf(p: str, data: bytes) -> RawText:
    if PDF_MAGIC not in data[:1024]:
        raise LoadError(p, "not a PDF (no %PDF- header)")
    try:
        pages = _extract_pages(data)
    except LoadError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on broken input
        raise LoadError(p, _reason(exc)) from exc
    if not pages:
        raise LoadError(p, "corrupt PDF: no pages")
    if not any(t.strip() for t in pages):
        raise NeedsOCRError(p, f"no text layer on any of {len(pages)} page(s): a scan needs OCR")
    if _unmapped_share(pages) > UNMAPPED_MAX_SHARE:
        raise NeedsOCRError(p, "the text layer has no Unicode mapping (only (cid:N) glyph codes): needs OCR")
    starts: list[int] = []
    pos = 0
    for t in pages:
        starts.append(pos)
        pos += len(t) + 1
    return RawText(
        text="\n".join(pages),
        path=p,
        sha256=hashlib.sha256(data).hexdigest(),
        format="pdf",
        encoding=None,
        pages=tuple(starts),
    )
