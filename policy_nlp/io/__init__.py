"""Loading source files into :class:`~policy_nlp.model.RawText` (text encodings, HTML, PDF).

:func:`load` dispatches on the extension (``.txt``/``.text``/``.md`` → text, ``.html``/``.htm`` →
HTML, ``.pdf`` → PDF) and sniffs the bytes when the extension lies: a PDF signature always means
PDF; a file that *starts* like an HTML document is HTML even when named ``.txt`` (markup merely
quoted inside a text stays text), and a ``.html`` file without a single tag is text; known binary formats (images, archives, Word files) fail with a
:class:`~policy_nlp.errors.LoadError` that names the format. The file is read once.

>>> import tempfile, os
>>> d = tempfile.mkdtemp(); p = os.path.join(d, "page.txt")
>>> _ = open(p, "w", encoding="utf-8").write("<!DOCTYPE html><html><body><p>通知</p></body></html>")
>>> raw = load(p)
>>> raw.format, raw.encoding
('html', 'utf-8')
"""

from __future__ import annotations

import hashlib
import os
import re

from policy_nlp.errors import LoadError
from policy_nlp.io.html import _raw_html, load_html, looks_like_html
from policy_nlp.io.pdf import PDF_MAGIC, _raw_pdf, load_pdf
from policy_nlp.io.text import SAMPLE, decode_bytes, load_text, read_bytes
from policy_nlp.model import RawText

__all__ = ["EXTENSIONS", "load", "load_html", "load_pdf", "load_text"]

#: file extension → format
EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".markdown": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".pdf": "pdf",
}


_TAG = re.compile(rb"<[A-Za-z!/?]")


def load(path: str | os.PathLike[str]) -> RawText:
    """Read a file into a :class:`RawText` (format chosen by extension, corrected by content).

    Raises :class:`~policy_nlp.errors.LoadError` (missing, directory, permission denied, empty,
    binary, undecodable, broken PDF) or :class:`~policy_nlp.errors.NeedsOCRError` (scanned PDF).
    """
    p, data = read_bytes(path)
    if PDF_MAGIC in data[:1024]:
        return _raw_pdf(p, data)
    fmt = EXTENSIONS.get(os.path.splitext(p)[1].lower())
    if fmt == "pdf":
        raise LoadError(p, "named .pdf but has no %PDF- header")
    if fmt == "html" and _TAG.search(data[:SAMPLE]):
        return _raw_html(p, data)
    text, codec = decode_bytes(data, p)
    if looks_like_html(text):
        return _raw_html(p, data)
    return RawText(text=text, path=p, sha256=hashlib.sha256(data).hexdigest(), format="txt", encoding=codec)
