"""The SQLite store: generated schema, exact round trip, atomic documents, versioning, docs in sync."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from policy_nlp import analyze
from policy_nlp.errors import SchemaError
from policy_nlp.model import Document, Meta
from policy_nlp.store import (
    INDEXES,
    RECORD_TABLES,
    TABLES,
    columns,
    counts,
    document_rows,
    iter_documents,
    open_store,
    read_document,
    schema_markdown,
    transaction,
    write_rows,
)

ROOT = Path(__file__).resolve().parent.parent
CORPORA = sorted((ROOT / "corpora").glob("*.txt"))


@pytest.fixture(scope="module")
def corpus_docs() -> list[Document]:
    return [analyze(p) for p in CORPORA]


@pytest.mark.parametrize("table", list(RECORD_TABLES), ids=list(RECORD_TABLES))
def test_every_record_field_is_a_column(table: str) -> None:
    fields = [f.name for f in dataclasses.fields(RECORD_TABLES[table])]
    assert [c.name for c in columns(table)] == ["doc", "ord", *fields]


def test_documents_have_every_meta_field() -> None:
    names = {c.name for c in columns("documents")}
    assert {f.name for f in dataclasses.fields(Meta)} <= names
    assert {"sha256", "id", "path", "text", "offsets"} <= names


def test_round_trip_every_bundled_document(corpus_docs: list[Document]) -> None:
    conn = open_store(":memory:")
    with transaction(conn):
        for doc in corpus_docs:
            assert write_rows(conn, document_rows(doc))
    for doc in corpus_docs:
        assert read_document(conn, doc.source.sha256) == doc
    assert list(iter_documents(conn)) == corpus_docs
    n = counts(conn)
    assert n["documents"] == len(corpus_docs)
    for table in RECORD_TABLES:
        assert n[table] == sum(len(getattr(d, table)) for d in corpus_docs), table


def test_same_content_stored_once(corpus_docs: list[Document]) -> None:
    conn = open_store(":memory:")
    doc = corpus_docs[0]
    with transaction(conn):
        assert write_rows(conn, document_rows(doc), path="a.txt")
        assert not write_rows(conn, document_rows(doc), path="b.txt")
    assert counts(conn)["documents"] == 1
    assert conn.execute("SELECT path, duplicate FROM paths ORDER BY path").fetchall() == [
        ("a.txt", 0),
        ("b.txt", 1),
    ]


def test_failed_transaction_leaves_no_partial_document(corpus_docs: list[Document]) -> None:
    conn = open_store(":memory:")
    with pytest.raises(RuntimeError), transaction(conn):
        write_rows(conn, document_rows(corpus_docs[0]))
        raise RuntimeError("killed")
    assert all(v == 0 for v in counts(conn).values())


def test_read_unknown_hash_raises() -> None:
    with pytest.raises(KeyError):
        read_document(open_store(":memory:"), "0" * 64)


def test_other_store_version_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    open_store(db).close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE store_meta SET value = '99' WHERE key = 'store_version'")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaError, match="store version 99"):
        open_store(db)


def test_reopening_is_idempotent(tmp_path: Path, corpus_docs: list[Document]) -> None:
    db = tmp_path / "r.sqlite"
    conn = open_store(db)
    with transaction(conn):
        write_rows(conn, document_rows(corpus_docs[0]))
    conn.close()
    assert counts(open_store(db))["documents"] == 1


def test_indexes_exist_and_serve_queries() -> None:
    conn = open_store(":memory:")
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert set(INDEXES) - {"documents_sha256"} <= names
    plan = conn.execute("EXPLAIN QUERY PLAN SELECT * FROM targets WHERE indicator = ?", ("x",)).fetchall()
    assert "targets_indicator" in str(plan)


def test_unknown_table() -> None:
    with pytest.raises(ValueError, match="valid: documents"):
        columns("people")
    assert TABLES[0] == "documents"


def test_docs_store_md_is_generated_from_the_schema() -> None:
    text = (ROOT / "docs" / "store.md").read_text(encoding="utf-8")
    assert schema_markdown() in text, "docs/store.md is stale: regenerate with `python -m policy_nlp.store`"
