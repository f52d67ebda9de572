"""The embedded SQLite store: one row per document, one table per record type, failures and paths.

The tables are generated from the record dataclasses of :mod:`policy_nlp.model`, so every field of
the JSON schema is a column of the same name (tuples such as ``issuers`` or ``bodies`` are JSON
text). Documents are keyed by the SHA-256 of their content: storing the same content twice keeps
one document and records the second path in ``paths``. ``docs/store.md`` is generated from
:func:`schema_markdown`.

Writing is split so that the expensive half runs in worker processes: :func:`document_rows` turns a
Document into plain tuples (picklable, no connection needed) and :func:`write_rows` inserts them
inside the caller's transaction (see :func:`transaction`).

>>> from policy_nlp import analyze
>>> conn = open_store(":memory:")
>>> doc = analyze("关于加强班组建设的指导意见\\n到2015年,高技能人才比重达到30%。")
>>> with transaction(conn):
...     write_rows(conn, document_rows(doc))
True
>>> read_document(conn, doc.source.sha256) == doc
True
>>> counts(conn)["documents"]
1
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import os
import sqlite3
import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from policy_nlp import __version__ as ANALYZER
from policy_nlp.errors import SchemaError
from policy_nlp.model import (
    RECORD_TYPES,
    SCHEMA_VERSION,
    Document,
    Meta,
)

__all__ = [
    "ANALYZER",
    "RECORD_TABLES",
    "STORE_VERSION",
    "TABLES",
    "DocumentRows",
    "columns",
    "counts",
    "document_rows",
    "finish_run",
    "iter_documents",
    "known_hashes",
    "open_store",
    "read_document",
    "record_failure",
    "record_path",
    "schema_markdown",
    "schema_sql",
    "start_run",
    "transaction",
    "write_rows",
]

STORE_VERSION = 3

#: Record tables in document field order: table name → record type.
RECORD_TABLES: dict[str, Any] = dict(RECORD_TYPES)

SqlType = Literal["TEXT", "INTEGER", "REAL"]


@dataclass(frozen=True, slots=True)
class Column:
    """A column: ``name``, SQLite ``type``, whether it may be NULL, whether it holds JSON text, and
    the Python type a reader converts it back to (``bool`` for flags)."""

    name: str
    type: SqlType
    nullable: bool
    json: bool = False
    boolean: bool = False
    doc: str = ""


def _column(name: str, hint: Any, doc: str = "") -> Column:
    nullable = False
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        nullable = len(args) < len(typing.get_args(hint))
        hint = args[0] if len(args) == 1 else str
        origin = typing.get_origin(hint)
    if origin is tuple or hint is tuple:
        return Column(name, "TEXT", nullable, json=True, doc=doc)
    if origin is Literal:
        return Column(name, "TEXT", nullable, doc=doc)
    if hint is bool:
        return Column(name, "INTEGER", nullable, boolean=True, doc=doc)
    if hint is int:
        return Column(name, "INTEGER", nullable, doc=doc)
    if hint is float:
        return Column(name, "REAL", nullable, doc=doc)
    return Column(name, "TEXT", nullable, doc=doc)


@cache
def _record_columns(typ: Any) -> tuple[Column, ...]:
    hints = typing.get_type_hints(typ)
    return tuple(_column(f.name, hints[f.name]) for f in dataclasses.fields(typ))


_DOC_HEAD: tuple[Column, ...] = (
    Column("doc", "INTEGER", False, doc="row key, referenced by every record table"),
    Column("sha256", "TEXT", False, doc="content hash (`source.sha256`); unique"),
    Column("id", "TEXT", False, doc="`Document.id`"),
    Column("path", "TEXT", True, doc="path the document was first stored from"),
    Column("format", "TEXT", False, doc="txt / html / pdf / text"),
    Column("encoding", "TEXT", True, doc="detected encoding"),
    Column("pages", "TEXT", False, json=True, doc="PDF page start offsets (JSON list)"),
    Column("src_length", "INTEGER", True, doc="length of the source text (offset map)"),
    Column("offsets", "TEXT", True, json=True, doc="offset map segments (JSON), as in the JSON schema"),
    Column("text", "TEXT", False, doc="normalized text; every record offset points into it"),
    Column("n_chars", "INTEGER", False, doc="`len(text)`"),
)
_DOC_TAIL: tuple[Column, ...] = (
    Column("schema", "INTEGER", False, doc="JSON schema version of the document"),
    Column("analyzer", "TEXT", False, doc="`policy_nlp.__version__` that analyzed it"),
    Column(
        "instruments",
        "INTEGER",
        False,
        boolean=True,
        doc="1 when analyzed with `instruments=True` (actions coded)",
    ),
    Column("run", "INTEGER", True, doc="`runs.run` that stored it"),
    Column("stored_at", "TEXT", False, doc="UTC time it was stored (ISO 8601)"),
)
_RECORD_HEAD: tuple[Column, ...] = (
    Column("doc", "INTEGER", False, doc="`documents.doc`"),
    Column("ord", "INTEGER", False, doc="position in the document's list (document order)"),
)
_PATHS: tuple[Column, ...] = (
    Column("path", "TEXT", False, doc="a file path seen by a batch run (primary key)"),
    Column("sha256", "TEXT", False, doc="content hash of that file when last seen"),
    Column("duplicate", "INTEGER", False, boolean=True, doc="1 when another path holds the stored copy"),
    Column("run", "INTEGER", True, doc="run that last saw it"),
)
_FAILURES: tuple[Column, ...] = (
    Column("path", "TEXT", False, doc="file that failed (primary key)"),
    Column("sha256", "TEXT", True, doc="content hash when the bytes could be read"),
    Column("error_type", "TEXT", False, doc="exception class name (`LoadError`, `ValueError` …)"),
    Column("message", "TEXT", False, doc="exception message"),
    Column("run", "INTEGER", True, doc="run that recorded it"),
    Column("failed_at", "TEXT", False, doc="UTC time (ISO 8601)"),
)
_RUNS: tuple[Column, ...] = (
    Column("run", "INTEGER", False, doc="run number (primary key)"),
    Column("started_at", "TEXT", False, doc="UTC start time"),
    Column("finished_at", "TEXT", True, doc="UTC end time (NULL: killed or still running)"),
    Column("argv", "TEXT", True, json=True, doc="command line (JSON list)"),
    Column("files", "INTEGER", True, doc="files listed"),
    Column("stored", "INTEGER", True, doc="documents newly stored"),
    Column("skipped", "INTEGER", True, doc="files whose content was already stored"),
    Column("failed", "INTEGER", True, doc="files that failed"),
)


@cache
def columns(table: str) -> tuple[Column, ...]:
    """The columns of a store table, in order.

    >>> [c.name for c in columns("goals")][:5]
    ['doc', 'ord', 'id', 'start', 'end']
    >>> columns("nope")
    Traceback (most recent call last):
    ...
    ValueError: unknown table 'nope'; valid: documents, sections, sentences, tables, targets, bodies, goals, citations, actions, incentives, paths, failures, runs
    """
    if table == "documents":
        return _DOC_HEAD + _record_columns(Meta) + _DOC_TAIL
    if table in RECORD_TABLES:
        return _RECORD_HEAD + _record_columns(RECORD_TABLES[table])
    special = {"paths": _PATHS, "failures": _FAILURES, "runs": _RUNS}
    if table in special:
        return special[table]
    raise ValueError(f"unknown table {table!r}; valid: {', '.join(TABLES)}")


TABLES: tuple[str, ...] = ("documents", *RECORD_TABLES, "paths", "failures", "runs")

_PRIMARY = {
    "documents": "PRIMARY KEY (doc)",
    "paths": "PRIMARY KEY (path)",
    "failures": "PRIMARY KEY (path)",
    "runs": "PRIMARY KEY (run)",
}

#: Indexes for the obvious queries: name → (table, columns).
INDEXES: dict[str, tuple[str, str]] = {
    "documents_sha256": ("documents", "sha256"),
    "documents_id": ("documents", "id"),
    "documents_doc_number": ("documents", "doc_number"),
    "documents_date": ("documents", "date"),
    "targets_indicator": ("targets", "indicator"),
    "targets_deadline_year": ("targets", "deadline_year"),
    "bodies_canonical": ("bodies", "canonical"),
    "goals_section": ("goals", "doc, section"),
    "citations_title": ("citations", "title"),
    "citations_resolved": ("citations", "resolved"),
    "citations_doc_number": ("citations", "doc_number"),
    "actions_verb": ("actions", "verb"),
    "paths_sha256": ("paths", "sha256"),
}


def _q(name: str) -> str:
    return f'"{name}"'


def schema_sql() -> str:
    """The ``CREATE TABLE``/``CREATE INDEX`` statements of the store (idempotent)."""
    out = ["CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"]
    for table in TABLES:
        cols = [f"{_q(c.name)} {c.type}{'' if c.nullable else ' NOT NULL'}" for c in columns(table)]
        if table == "documents":
            cols.append("UNIQUE (sha256)")
        if table in RECORD_TABLES:
            cols.append("PRIMARY KEY (doc, ord)")
            cols.append("FOREIGN KEY (doc) REFERENCES documents (doc) ON DELETE CASCADE")
        else:
            cols.append(_PRIMARY[table])
        suffix = " WITHOUT ROWID" if table in RECORD_TABLES else ""
        out.append(f"CREATE TABLE IF NOT EXISTS {table} (\n  " + ",\n  ".join(cols) + f"\n){suffix};")
    for name, (table, cols_) in INDEXES.items():
        if name == "documents_sha256":
            continue  # the UNIQUE constraint is the index
        out.append(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({cols_});")
    return "\n".join(out) + "\n"


def open_store(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """Open (creating if needed) a store; the connection is in autocommit mode (use :func:`transaction`).

    Raises :class:`~policy_nlp.errors.SchemaError` for a file written by another store version.
    """
    conn = sqlite3.connect(os.fspath(path), isolation_level=None, timeout=60)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.executescript(schema_sql())
    row = conn.execute("SELECT value FROM store_meta WHERE key='store_version'").fetchone()
    if row is None:
        conn.executemany(
            "INSERT INTO store_meta VALUES (?, ?)",
            [("store_version", str(STORE_VERSION)), ("document_schema", str(SCHEMA_VERSION))],
        )
    elif row[0] != str(STORE_VERSION):
        conn.close()
        raise SchemaError(
            f"{os.fspath(path)}: store version {row[0]}, this policy_nlp writes {STORE_VERSION}"
        )
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on error): the unit that is never half-written."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


# -- rows ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """A Document as plain tuples, ready to insert: ``document`` (the ``documents`` columns from ``id``
    to ``genre``), ``records`` (table → rows without the ``doc`` column) and ``instruments``, the
    analyzer option stored beside ``analyzer``."""

    sha256: str
    path: str | None
    document: tuple[Any, ...]
    records: Mapping[str, Sequence[tuple[Any, ...]]]
    instruments: bool = False


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, tuple):
        return json.dumps([_plain(v) for v in value], ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value


def document_rows(doc: Document, *, instruments: bool | None = None) -> DocumentRows:
    """The rows of one document (pure; cheap to pickle, so workers can run it). ``instruments``: whether
    it was analyzed with ``instruments=True`` (default: whether any action carries an instrument)."""
    if instruments is None:
        instruments = any(a.instrument_type is not None for a in doc.actions)
    src = doc.source
    meta = tuple(_cell(getattr(doc.meta, c.name)) for c in _record_columns(Meta))
    head = (
        doc.id,
        src.path,
        src.format,
        src.encoding,
        json.dumps(list(src.pages)),
        doc.offsets.src_length if doc.offsets is not None else None,
        json.dumps(doc.offsets.to_list()) if doc.offsets is not None else None,
        doc.text,
        len(doc.text),
    )
    records: dict[str, list[tuple[Any, ...]]] = {}
    for table, typ in RECORD_TABLES.items():
        names = [c.name for c in _record_columns(typ)]
        records[table] = [
            (i, *(_cell(getattr(r, n)) for n in names)) for i, r in enumerate(getattr(doc, table))
        ]
    return DocumentRows(src.sha256, src.path, head + meta, records, instruments)


@cache
def _insert_sql(table: str, skip: int = 0) -> str:
    names = [c.name for c in columns(table)][skip:]
    verb = "INSERT OR IGNORE" if table == "documents" else "INSERT"
    return f"{verb} INTO {table} ({', '.join(map(_q, names))}) VALUES ({', '.join('?' * len(names))})"


def write_rows(
    conn: sqlite3.Connection,
    rows: DocumentRows,
    *,
    path: str | None = None,
    run: int | None = None,
    replace: bool = False,
) -> bool:
    """Insert one document inside the caller's transaction; False when its content is already stored
    (then only ``path`` is recorded, as a duplicate). ``replace`` first deletes a stored document of
    the same content with all its records (a new analysis of it)."""
    path = path if path is not None else rows.path
    head = rows.document if path is None else (rows.document[0], path, *rows.document[2:])
    if replace:  # the records go with it (ON DELETE CASCADE)
        conn.execute("DELETE FROM documents WHERE sha256 = ?", (rows.sha256,))
    cur = conn.execute(
        _insert_sql("documents", 1),
        (rows.sha256, *head, SCHEMA_VERSION, ANALYZER, int(rows.instruments), run, _now()),
    )
    if cur.rowcount == 0:
        if path is not None:
            record_path(conn, path, rows.sha256, run=run)
        return False
    doc = cur.lastrowid
    for table, recs in rows.records.items():
        if recs:
            conn.executemany(_insert_sql(table), [(doc, *r) for r in recs])
    if path is not None:
        record_path(conn, path, rows.sha256, run=run)
        conn.execute("DELETE FROM failures WHERE path = ?", (path,))
    return True


def record_path(conn: sqlite3.Connection, path: str, sha256: str, *, run: int | None = None) -> None:
    """Remember that ``path`` held content ``sha256``; ``duplicate`` is set when the stored copy came
    from another path. A path that now succeeds loses its failure row."""
    row = conn.execute("SELECT path FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
    duplicate = int(row is not None and row[0] is not None and row[0] != path)
    conn.execute("INSERT OR REPLACE INTO paths VALUES (?, ?, ?, ?)", (path, sha256, duplicate, run))
    if row is not None:
        conn.execute("DELETE FROM failures WHERE path = ?", (path,))


def record_failure(
    conn: sqlite3.Connection,
    path: str,
    error_type: str,
    message: str,
    *,
    sha256: str | None = None,
    run: int | None = None,
) -> None:
    """Record (or replace) the failure of ``path``: the table holds the latest outcome per path."""
    conn.execute(
        "INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?, ?, ?)",
        (path, sha256, error_type, message, run, _now()),
    )


def known_hashes(
    conn: sqlite3.Connection, *, analyzer: str | None = None, instruments: bool | None = None
) -> set[str]:
    """Content hashes of every stored document, or of those analyzed by version ``analyzer`` and
    (when not None) with or without ``instruments``."""
    where: list[str] = []
    params: list[Any] = []
    if analyzer is not None:
        where.append("analyzer = ?")
        params.append(analyzer)
    if instruments is not None:
        where.append("instruments = ?")
        params.append(int(instruments))
    query = "SELECT sha256 FROM documents" + (f" WHERE {' AND '.join(where)}" if where else "")
    return {r[0] for r in conn.execute(query, params)}


def start_run(conn: sqlite3.Connection, argv: Sequence[str] = ()) -> int:
    """Open a row in ``runs`` and return its number."""
    cur = conn.execute(
        "INSERT INTO runs (started_at, argv) VALUES (?, ?)",
        (_now(), json.dumps(list(argv), ensure_ascii=False)),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def finish_run(
    conn: sqlite3.Connection, run: int, *, files: int, stored: int, skipped: int, failed: int
) -> None:
    """Close a run with its counts."""
    conn.execute(
        "UPDATE runs SET finished_at=?, files=?, stored=?, skipped=?, failed=? WHERE run=?",
        (_now(), files, stored, skipped, failed, run),
    )


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Row count of every table."""
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


# -- reading back ----------------------------------------------------------------------------------


def _value(col: Column, value: Any) -> Any:
    if value is None:
        return None
    if col.json:
        return json.loads(value)
    if col.boolean:
        return bool(value)
    return value


def read_document(conn: sqlite3.Connection, sha256: str) -> Document:
    """Rebuild the Document stored under content hash ``sha256`` (equal to the one written).

    Raises ``KeyError`` when no document has that hash.
    """
    cols = columns("documents")
    row = conn.execute(
        f"SELECT {', '.join(map(_q, (c.name for c in cols)))} FROM documents WHERE sha256 = ?", (sha256,)
    ).fetchone()
    if row is None:
        raise KeyError(sha256)
    return _document(conn, cols, row)


def iter_documents(conn: sqlite3.Connection) -> Iterator[Document]:
    """Every stored Document, in storing order."""
    cols = columns("documents")
    query = f"SELECT {', '.join(map(_q, (c.name for c in cols)))} FROM documents ORDER BY doc"
    for row in conn.execute(query).fetchall():
        yield _document(conn, cols, row)


def _document(conn: sqlite3.Connection, cols: Sequence[Column], row: Sequence[Any]) -> Document:
    d = {c.name: _value(c, v) for c, v in zip(cols, row, strict=True)}
    source: dict[str, Any] = {k: d[k] for k in ("path", "sha256", "format", "encoding")}
    if d["pages"]:
        source["pages"] = d["pages"]
    if d["offsets"] is not None:
        source["offsets"] = d["offsets"]
        source["length"] = d["src_length"]
    data: dict[str, Any] = {
        "schema": d["schema"],
        "id": d["id"],
        "source": source,
        "text": d["text"],
        "meta": {c.name: d[c.name] for c in _record_columns(Meta)},
    }
    for table in RECORD_TABLES:
        rcols = columns(table)[2:]
        rows = conn.execute(
            f"SELECT {', '.join(_q(c.name) for c in rcols)} FROM {table} WHERE doc = ? ORDER BY ord",
            (d["doc"],),
        ).fetchall()
        data[table] = [{c.name: _value(c, v) for c, v in zip(rcols, r, strict=True)} for r in rows]
    return Document.from_dict(data)


# -- documentation ---------------------------------------------------------------------------------


def schema_markdown() -> str:
    """The column tables of ``docs/store.md`` (generated from the dataclasses, never by hand)."""
    out: list[str] = []
    for table in TABLES:
        out.append(f"### `{table}`\n")
        out.append("| column | type | null | notes |")
        out.append("|---|---|---|---|")
        for c in columns(table):
            notes = c.doc or ("JSON list" if c.json else "0/1" if c.boolean else "")
            if not c.doc and c.json:
                notes = "JSON list (as in the JSON schema)"
            out.append(f"| `{c.name}` | {c.type} | {'yes' if c.nullable else 'no'} | {notes} |")
        idx = [f"`{n}` ({cols})" for n, (t, cols) in INDEXES.items() if t == table]
        if idx:
            out.append(f"\nIndexes: {', '.join(idx)}.")
        out.append("")
    return "\n".join(out)


_MARKER = "<!-- generated by `python -m policy_nlp.store docs/store.md`: do not edit below -->"


def _regenerate(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head = text.split(_MARKER)[0]
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + _MARKER + "\n\n" + schema_markdown())


if __name__ == "__main__":  # pragma: no cover
    import sys

    _regenerate(sys.argv[1] if len(sys.argv) > 1 else "docs/store.md")
