"""Golden structure files: for every corpora/*.txt and *.html, meta + sections (+ sentence count, +
tables when there are any) as reviewed JSON.

``pytest --update-golden`` rewrites tests/golden/NAME.json from the current output; review the diff.
Golden files hold structure only (meta, sections with a text snippet beside each span, the number of
sentences), so extractor changes do not churn them. Each corpus document's ``NAME.gold.json`` is also
checked for the structure it states (meta fields and level-1 headings).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from policy_nlp.evaluate import fold
from policy_nlp.io import load
from policy_nlp.normalize import normalize
from policy_nlp.structure import find_sections, find_sentences, parse_meta
from policy_nlp.structure.tables import find_tables, in_sections

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
GOLDEN = Path(__file__).resolve().parent / "golden"
DOCS = sorted([*CORPORA.glob("*.txt"), *CORPORA.glob("*.html")])


def _snippet(text: str, start: int, end: int, width: int = 24) -> str:
    span = text[start:end].replace("\n", "⏎")
    return span if len(span) <= 2 * width + 1 else f"{span[:width]}…{span[-width:]}"


def structure(path: Path) -> dict[str, Any]:
    """The structure of one corpus document as a JSON-ready dict (what the golden file stores)."""
    raw = load(path)
    text, offsets = normalize(raw)
    meta = parse_meta(text)
    tables = find_tables(text, raw_tables=raw.tables, offsets=offsets, source_format=raw.format)
    sections = find_sections(text, tables=tables)
    tables = in_sections(tables, sections)
    out: dict[str, Any] = {
        "meta": {
            "title": meta.title,
            "doc_number": meta.doc_number,
            "issuers": list(meta.issuers),
            "addressees": list(meta.addressees),
            "date": meta.date,
            "genre": meta.genre,
        },
        "sections": [
            {
                "id": s.id,
                "level": s.level,
                "number": s.number,
                "heading": s.heading,
                "parent": s.parent,
                "start": s.start,
                "end": s.end,
                "text": _snippet(text, s.start, s.end),
            }
            for s in sections
        ],
        "sentences": len(find_sentences(text, tables=tables)),
    }
    if tables:
        out["tables"] = [
            {
                "id": t.id,
                "rule": t.rule,
                "section": t.section,
                "start": t.start,
                "end": t.end,
                "n_rows": t.n_rows,
                "n_cols": t.n_cols,
                "header_rows": t.header_rows,
                "rows": [
                    [f"{c.col}:{_snippet(text, c.start, c.end, 8)}" for c in t.cells if c.row == r]
                    for r in range(t.n_rows)
                ],
            }
            for t in tables
        ]
    return out


def _dump(data: dict[str, Any]) -> str:
    """JSON with one section per line, so a golden diff shows which sections moved."""
    rows = ",\n".join("  " + json.dumps(sec, ensure_ascii=False) for sec in data["sections"])
    meta = json.dumps(data["meta"], ensure_ascii=False, indent=1).replace("\n", "\n ")
    tables = ""
    if "tables" in data:
        body = ",\n".join("  " + json.dumps(t, ensure_ascii=False) for t in data["tables"])
        tables = f',\n "tables": [\n{body}\n ]'
    return (
        f'{{\n "meta": {meta},\n "sections": [\n{rows}\n ],\n "sentences": {data["sentences"]}{tables}\n}}\n'
    )


def test_corpus_is_not_empty() -> None:
    assert len(DOCS) >= 6


@pytest.mark.parametrize("path", DOCS, ids=[p.stem for p in DOCS])
def test_golden(path: Path, update_golden: bool) -> None:
    got = structure(path)
    golden = GOLDEN / f"{path.stem}.json"
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(_dump(got), encoding="utf-8")
    if not golden.exists():
        pytest.fail(
            f"no golden file {golden.name}: run `pytest --update-golden tests/test_corpora_golden.py` and review it"
        )
    want = json.loads(golden.read_text(encoding="utf-8"))
    assert got["meta"] == want["meta"]
    assert got["sections"] == want["sections"]  # ordered lists, snippets included
    assert got["sentences"] == want["sentences"]
    assert got.get("tables") == want.get("tables")


def _gold_cases() -> list[Path]:
    return [p for p in DOCS if p.with_suffix(".gold.json").exists()]


@pytest.mark.parametrize("path", _gold_cases(), ids=[p.stem for p in _gold_cases()])
def test_gold_structure(path: Path) -> None:
    """The meta fields and level-1 headings a corpus gold file states (compared as evaluate does)."""
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    got = structure(path)
    meta, want = got["meta"], gold.get("meta", {})
    if "title" in want:
        assert fold(meta["title"]) == fold(want["title"])
    if "issuer" in want:
        assert [fold(x) for x in meta["issuers"]] == [fold(x) for x in want["issuer"]]
    if "doc_number" in want:
        assert fold(meta["doc_number"]) == fold(want["doc_number"])
    for part in want.get("doc_number_contains", []):
        assert fold(part) in fold(meta["doc_number"])
    if "addressees" in want:
        assert [fold(x) for x in meta["addressees"]] == [fold(x) for x in want["addressees"]]
    if "date_prefix" in want:
        assert (meta["date"] or "").startswith(want["date_prefix"])
    if "genre" in want:
        assert meta["genre"] == want["genre"]
    if "sections_top" in gold:
        top = [s["heading"] for s in got["sections"] if s["level"] == 1]
        assert len(top) == len(gold["sections_top"])
        for heading, expected in zip(top, gold["sections_top"], strict=True):
            assert fold(expected) in fold(heading)


def test_encodings_load() -> None:
    """The GB18030 and UTF-16 corpus documents decode to the same kind of text as the UTF-8 ones."""
    gb = structure(CORPORA / "gb18030_notice.txt")
    u16 = structure(CORPORA / "utf16_opinion.txt")
    assert gb["meta"]["genre"] == "通知" and u16["meta"]["genre"] == "意见"
    assert load(CORPORA / "gb18030_notice.txt").encoding == "gb18030"
    assert (load(CORPORA / "utf16_opinion.txt").encoding or "").startswith("utf-16")
