"""Load a corpus for the subcommands that look across documents (``graph``, ``reuse``).

Inputs are files, folders (walked for .txt/.html/.htm/.pdf/.md; a folder's README.md and GOLD.md
are left out, :func:`policy_nlp.batch.iter_files`) or glob patterns. A document without a date of
its own takes one written in its file name as ``(YYYY-MM-DD)``, as in the laws collection — the date
orders reuse (the later document reuses the earlier). Each document's id is its file name without
the suffix, or its path where two files share a name. A file that cannot be read gives one line on
standard error and is counted, whatever went wrong; the others are loaded.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import replace
from pathlib import Path

from policy_nlp.cli.rows import analyze_file, report_failure
from policy_nlp.model import Document

__all__ = ["load_corpus"]

_DATE_IN_NAME = re.compile(r"\((\d{4}-\d{2}-\d{2})\)")


def load_corpus(inputs: Sequence[str], command: str, *, extract: Collection[str]) -> tuple[list[Document], int]:
    """The documents of ``inputs`` (analyzed with the extractors ``extract``) and the number of
    inputs that failed, each reported on standard error as ``policy-nlp COMMAND: reason``.

    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> for name in ("a(2018-05-01).txt", "b.txt"):
    ...     _ = open(os.path.join(folder, name), "w", encoding="utf-8").write("关于加强培训的通知\\n各地要加强培训。")
    >>> docs, failed = load_corpus([folder, os.path.join(folder, "missing.txt")], "reuse", extract=())
    >>> [(d.id, d.meta.date) for d in docs], failed
    ([('a(2018-05-01)', '2018-05-01'), ('b', None)], 1)
    """
    from policy_nlp.batch import iter_files

    paths = [Path(p) for p in iter_files(inputs)]
    stems = Counter(p.stem for p in paths)
    docs: list[Document] = []
    failed = 0
    for path in paths:
        try:
            doc = analyze_file(str(path), id=path.stem if stems[path.stem] == 1 else str(path), extract=extract)
        except Exception as exc:  # one line per failed file, then go on
            failed += 1
            report_failure(command, str(path), exc)
            continue
        if doc.meta.date is None:
            m = _DATE_IN_NAME.search(path.name)
            if m:
                doc = replace(doc, meta=replace(doc.meta, date=m.group(1)))
        docs.append(doc)
    return docs, failed
