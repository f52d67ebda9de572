"""Frames: typed pandas DataFrames of documents, with context columns on every row."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from policy_nlp import analyze, frames
from policy_nlp.batch import iter_files
from policy_nlp.model import RECORD_TYPES
from policy_nlp.store import columns

pd = pytest.importorskip("pandas")
CORPORA = Path(__file__).resolve().parent.parent / "corpora"


@pytest.fixture(scope="module")
def corpus() -> dict[str, object]:
    return frames(CORPORA)


def test_one_line_from_a_folder_to_a_targets_table(corpus: dict[str, object]) -> None:
    targets = corpus["targets"]
    files = list(iter_files([str(CORPORA)]))
    n = sum(len(analyze(p).targets) for p in files)
    assert len(targets) == n  # type: ignore[arg-type]
    docs = corpus["documents"]
    assert set(targets["doc_id"]) <= set(docs["doc_id"])  # type: ignore[index]
    assert len(docs) == len(files)  # type: ignore[arg-type]


@pytest.mark.parametrize("table", list(RECORD_TYPES))
def test_record_frames_have_the_store_columns_plus_context(corpus: dict[str, object], table: str) -> None:
    df = corpus[table]
    store = [c.name for c in columns(table)]
    assert store[0] == "doc"
    expected = ["doc_id", "path", "title", "date", "section_path", *store[1:]]
    assert list(df.columns)[: len(expected)] == expected  # type: ignore[attr-defined]


def test_columns_are_typed(corpus: dict[str, object]) -> None:
    t = corpus["targets"]
    assert str(t["deadline_year"].dtype) == "Int64"  # type: ignore[index]
    assert str(t["value"].dtype) == "float64"  # type: ignore[index]
    assert str(t["per_year"].dtype) == "boolean"  # type: ignore[index]
    assert isinstance(t["comparator"].dtype, pd.CategoricalDtype)  # type: ignore[index]
    assert isinstance(corpus["bodies"]["role"].dtype, pd.CategoricalDtype)  # type: ignore[index]
    assert str(corpus["documents"]["year"].dtype) == "Int64"  # type: ignore[index]
    for name in ("documents", "targets", "actions"):  # the text columns are pandas strings, not object
        for col in ("doc_id", "path", "title", "date"):
            assert str(corpus[name][col].dtype) == "string", (name, col)  # type: ignore[index]


def test_rows_carry_the_document_and_the_section_path() -> None:
    doc = analyze(CORPORA / "shanghai_acftu_2011.txt")
    t = frames(doc)["targets"]
    first = doc.targets[0]
    row = t.iloc[0]
    assert row["doc_id"] == doc.id and row["title"] == doc.meta.title and row["date"] == doc.meta.date
    sec = doc.section_by_id(first.section)
    assert sec is not None and row["section_path"].endswith(sec.number + sec.heading)
    assert row["text"] == first.text and row["start"] == first.start


def test_actions_list_their_lead_and_cooperating_bodies() -> None:
    doc = analyze(CORPORA / "tasks_province_plan.txt")
    a = frames(doc)["actions"]
    for rec, (_, row) in zip(doc.actions, a.iterrows(), strict=True):
        assert row["lead"] == [b.canonical for b in rec.bodies if b.role == "lead"]
        assert row["bodies"] == [dataclasses.asdict(b) for b in rec.bodies]


def test_empty_input_gives_empty_typed_frames() -> None:
    f = frames([])
    assert set(f) == {"documents", *RECORD_TYPES}
    assert f["targets"].empty and "deadline_year" in f["targets"].columns
