"""Export store tables as CSV, JSON Lines or Parquet, or load them as pandas DataFrames.

CSV and JSON Lines need nothing beyond the standard library; Parquet needs pyarrow and frames need
pandas (``pip install "policy_nlp[frames]"``), both imported only when used. Rows are streamed in
batches, so memory stays flat for any table size. In CSV and Parquet, list-valued columns (``issuers``,
``bodies``, ``targets`` …) are JSON text; in JSON Lines they are real lists.

Besides the store tables, ``cells`` is a derived table: every cell of every stored table in long
format (``doc``, ``table``, ``row``, ``col``, spans, offsets, ``text``, ``header``), one row per cell,
read out of the ``cells`` column of ``tables``.

>>> import io
>>> from policy_nlp import analyze
>>> from policy_nlp.store import document_rows, open_store, transaction, write_rows
>>> conn = open_store(":memory:")
>>> with transaction(conn):
...     write_rows(conn, document_rows(analyze("某某办法\\n第一条 为了规范管理,制定本办法。")), path="a.txt")
True
>>> out = io.StringIO()
>>> export_table(conn, "paths", out, format="csv")
1
>>> out.getvalue().splitlines()[0]
'path,sha256,duplicate,run'
"""

from __future__ import annotations

import csv
import importlib
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from typing import IO, Any, Literal

from policy_nlp.store import TABLES, Column, columns, open_store

__all__ = ["CELL_COLUMNS", "EXPORTS", "FORMATS", "export_table", "format_from_path", "iter_rows", "read_frame"]

Format = Literal["csv", "jsonl", "parquet"]
FORMATS: tuple[str, ...] = ("csv", "jsonl", "parquet")
_BATCH = 5000
_HINT = 'pip install "policy_nlp[frames]"'

#: columns of the derived ``cells`` table (one row per table cell)
CELL_COLUMNS: tuple[Column, ...] = (
    Column("doc", "INTEGER", False, doc="`documents.doc`"),
    Column("table", "TEXT", False, doc="`Table.id` (TB1 …)"),
    Column("row", "INTEGER", False),
    Column("col", "INTEGER", False),
    Column("rowspan", "INTEGER", False),
    Column("colspan", "INTEGER", False),
    Column("start", "INTEGER", False),
    Column("end", "INTEGER", False),
    Column("text", "TEXT", False),
    Column("header", "INTEGER", False, boolean=True),
)
#: every exportable table: the store tables, then the derived ``cells``
EXPORTS: tuple[str, ...] = (*TABLES, "cells")


def _require(module: str, what: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(f"{what} needs {module}, which is not installed: {_HINT}") from exc


def format_from_path(path: str) -> Format:
    """The export format named by a file's suffix.

    >>> format_from_path("out/targets.parquet")
    'parquet'
    >>> format_from_path("x.xlsx")
    Traceback (most recent call last):
    ...
    ValueError: cannot tell the format of 'x.xlsx': use a .csv, .jsonl or .parquet file name
    """
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    if ext == "json":
        ext = "jsonl"
    if ext not in FORMATS:
        raise ValueError(f"cannot tell the format of {path!r}: use a .csv, .jsonl or .parquet file name")
    return ext  # type: ignore[return-value]


def _connect(db: sqlite3.Connection | str | os.PathLike[str]) -> tuple[sqlite3.Connection, bool]:
    if isinstance(db, sqlite3.Connection):
        return db, False
    if not os.path.exists(db):
        raise FileNotFoundError(f"no store at {os.fspath(db)!r}")
    return open_store(db), True


def _select(conn: sqlite3.Connection, table: str) -> tuple[tuple[Column, ...], Iterator[list[Any]]]:
    if table == "cells":
        return CELL_COLUMNS, _cells(conn)
    cols = columns(table)  # validates the name
    order = "doc, ord" if cols[:2] == columns("goals")[:2] else cols[0].name
    names = ", ".join(f'"{c.name}"' for c in cols)
    cur = conn.execute(f"SELECT {names} FROM {table} ORDER BY {order}")

    def batches() -> Iterator[list[Any]]:
        while rows := cur.fetchmany(_BATCH):
            yield rows

    return cols, batches()


def _cells(conn: sqlite3.Connection) -> Iterator[list[Any]]:
    cur = conn.execute("SELECT doc, id, cells FROM tables ORDER BY doc, ord")
    names = [c.name for c in CELL_COLUMNS[2:]]
    while rows := cur.fetchmany(_BATCH):
        out = [
            [doc, table_id, *(int(c[n]) if n == "header" else c[n] for n in names)]
            for doc, table_id, cells in rows
            for c in json.loads(cells)
        ]
        if out:
            yield out


def _decode(col: Column, value: Any) -> Any:
    if value is None:
        return None
    if col.json:
        return json.loads(value)
    return bool(value) if col.boolean else value


def iter_rows(db: sqlite3.Connection | str | os.PathLike[str], table: str) -> Iterator[dict[str, Any]]:
    """Rows of ``table`` as dicts, list-valued columns decoded from JSON."""
    conn, own = _connect(db)
    try:
        cols, batches = _select(conn, table)
        for rows in batches:
            for row in rows:
                yield {c.name: _decode(c, v) for c, v in zip(cols, row, strict=True)}
    finally:
        if own:
            conn.close()


def export_table(
    db: sqlite3.Connection | str | os.PathLike[str],
    table: str,
    out: str | os.PathLike[str] | IO[str],
    *,
    format: Format | None = None,
) -> int:
    """Write ``table`` of the store ``db`` to ``out`` (a path, or a text stream for csv/jsonl);
    return the number of rows. ``format`` defaults to the suffix of a path."""
    if format is None:
        if not isinstance(out, (str, os.PathLike)):
            raise ValueError("format is required when writing to a stream")
        format = format_from_path(os.fspath(out))
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    if table not in EXPORTS:
        raise ValueError(f"unknown table {table!r}; valid: {', '.join(EXPORTS)}")
    if format == "parquet":
        if not isinstance(out, (str, os.PathLike)):
            raise ValueError("parquet is written to a file path, not a stream")
        return _parquet(db, table, os.fspath(out))
    if isinstance(out, (str, os.PathLike)):
        with open(out, "w", encoding="utf-8", newline="") as f:
            return _text(db, table, f, format)
    return _text(db, table, out, format)


def _text(db: sqlite3.Connection | str | os.PathLike[str], table: str, f: IO[str], format: Format) -> int:
    n = 0
    if format == "jsonl":
        for row in iter_rows(db, table):
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
        return n
    conn, own = _connect(db)
    try:
        cols, batches = _select(conn, table)
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow([c.name for c in cols])
        for rows in batches:
            writer.writerows(rows)
            n += len(rows)
    finally:
        if own:
            conn.close()
    return n


def _arrow_schema(pa: Any, cols: Sequence[Column]) -> Any:
    types = {"TEXT": pa.string(), "INTEGER": pa.int64(), "REAL": pa.float64()}
    return pa.schema(
        [pa.field(c.name, pa.bool_() if c.boolean else types[c.type], nullable=c.nullable) for c in cols]
    )


def _parquet(db: sqlite3.Connection | str | os.PathLike[str], table: str, path: str) -> int:
    pa = _require("pyarrow", "Parquet export")
    pq = _require("pyarrow.parquet", "Parquet export")
    conn, own = _connect(db)
    n = 0
    try:
        cols, batches = _select(conn, table)
        schema = _arrow_schema(pa, cols)
        with pq.ParquetWriter(path, schema) as writer:
            for rows in batches:
                data = [list(col) for col in zip(*rows, strict=True)]
                for i, c in enumerate(cols):
                    if c.boolean:
                        data[i] = [None if v is None else bool(v) for v in data[i]]
                writer.write_table(pa.Table.from_arrays(data, schema=schema))
                n += len(rows)
            if n == 0:
                writer.write_table(schema.empty_table())
    finally:
        if own:
            conn.close()
    return n


def read_frame(db: sqlite3.Connection | str | os.PathLike[str], table: str) -> Any:
    """``table`` as a pandas DataFrame (list columns decoded from JSON)."""
    pd = _require("pandas", "read_frame")
    cols = [c.name for c in (CELL_COLUMNS if table == "cells" else columns(table))]
    return pd.DataFrame.from_records(list(iter_rows(db, table)), columns=cols)
