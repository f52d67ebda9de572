"""Invariants every Document must satisfy, over real and arbitrary input.

- every record's span is inside the text and ``text[start:end] == record.text``;
- records are sorted; sentences do not overlap; sections nest inside their parents;
- ``to_source`` stays inside the source and is monotone;
- ``from_dict(to_dict(d)) == d`` (also through JSON).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy_nlp import analyze
from policy_nlp.model import Document, RawText

ROOT = Path(__file__).resolve().parent.parent
LAWS = ROOT.parent / "shared" / "corpora" / "laws"


def check_invariants(doc: Document, source_length: int) -> None:
    n = len(doc.text)
    for rec in doc.records():
        assert 0 <= rec.start <= rec.end <= n, rec
        assert doc.text[rec.start : rec.end] == rec.text, rec
    for name in ("sections", "sentences", "targets", "bodies", "goals", "citations", "actions"):
        recs = getattr(doc, name)
        starts = [r.start for r in recs]
        assert starts == sorted(starts), name
        for r in recs:
            assert 0 <= r.start <= r.end <= n, (name, r)
    for a, b in zip(doc.sentences, doc.sentences[1:], strict=False):
        assert a.end <= b.start
    assert [t.id for t in doc.tables] == [f"TB{k}" for k in range(1, len(doc.tables) + 1)]
    for t, u in zip(doc.tables, doc.tables[1:], strict=False):
        assert t.end <= u.start, "tables do not overlap"
    for t in doc.tables:
        assert 0 <= t.start < t.end <= n and 0 <= t.header_rows <= t.n_rows
        for c in t.cells:
            assert t.start <= c.start <= c.end <= t.end and doc.text[c.start : c.end] == c.text, c
            assert 0 <= c.row < t.n_rows and 0 <= c.col < t.n_cols and c.header == (c.row < t.header_rows)
    by_id = {s.id: s for s in doc.sections}
    assert len(by_id) == len(doc.sections), "section ids are unique"
    for s in doc.sections:
        assert s.number and doc.text[s.start : s.end].startswith(s.number), s
        if s.parent is not None:
            p = by_id[s.parent]
            assert p.start <= s.start and s.end <= p.end and p.level < s.level, (p, s)
    last = (0, 0)
    for i in range(0, n + 1, max(1, n // 50)):
        j = min(n, i + 7)
        a, b = doc.to_source(i, j)
        assert 0 <= a <= b <= source_length
        assert a >= last[0]
        last = (a, b)
    assert Document.from_dict(doc.to_dict()) == doc
    assert Document.from_dict(json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))) == doc


def _corpus_files() -> list[Path]:
    files = sorted([*(ROOT / "corpora").glob("*.txt"), *(ROOT / "corpora").glob("*.html")])
    if LAWS.is_dir():
        laws = sorted(LAWS.rglob("*.md"))
        files += laws[:: max(1, len(laws) // 40)]
    return files


@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.name)
def test_invariants_on_corpus_documents(path: Path) -> None:
    from policy_nlp.io import load

    raw = load(path)
    check_invariants(analyze(raw), len(raw.text))


_chars = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(list("一二三四五六七八九十百千万亿〇零、。，；：（）《》“”——\n\r\u3000\xa0％０１２%0123456789年月日第条章")),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(_chars, max_size=300))
def test_invariants_on_arbitrary_unicode(text: str) -> None:
    raw = RawText(text=text, sha256="0" * 64, format="text")
    check_invariants(analyze(raw), len(text))


@settings(max_examples=60, deadline=None)
@given(st.text(_chars, max_size=200))
def test_invariants_on_arbitrary_html(body: str) -> None:
    html = f"<html><head><title>t</title><style>p{{}}</style></head><body><p>{body}</p></body></html>"
    raw = RawText(text=html, sha256="0" * 64, format="html")
    check_invariants(analyze(raw), len(html))
