"""Exports: every table in every format, types preserved, install hints when a library is missing."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from policy_nlp.batch import run_batch
from policy_nlp.export import (
    CELL_COLUMNS,
    EXPORTS,
    FORMATS,
    export_table,
    format_from_path,
    iter_rows,
    read_frame,
)
from policy_nlp.store import columns

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "r.sqlite"
    corpus = [*sorted((ROOT / "corpora").glob("*.txt")), *sorted((ROOT / "corpora").glob("*.html"))]
    run_batch([str(p) for p in corpus], path)
    return path


def _count(db: Path, table: str) -> int:
    return sum(1 for _ in iter_rows(db, table))


@pytest.mark.parametrize("fmt", FORMATS, ids=FORMATS)
@pytest.mark.parametrize("table", EXPORTS, ids=EXPORTS)
def test_every_table_every_format(db: Path, tmp_path: Path, table: str, fmt: str) -> None:
    out = tmp_path / f"{table}.{fmt}"
    n = export_table(db, table, out)
    assert n == _count(db, table)
    names = [c.name for c in (CELL_COLUMNS if table == "cells" else columns(table))]
    if fmt == "csv":
        with open(out, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == names and len(rows) == n + 1
    elif fmt == "jsonl":
        rows_j = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(rows_j) == n and all(list(r) == names for r in rows_j)
    else:
        import pyarrow.parquet as pq

        t = pq.read_table(out)
        assert t.column_names == names and t.num_rows == n


def test_targets_keep_their_types(db: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    assert _count(db, "targets") > 0
    export_table(db, "targets", tmp_path / "t.parquet")
    t = pq.read_table(tmp_path / "t.parquet")
    assert str(t.schema.field("value").type) == "double"
    assert str(t.schema.field("per_year").type) == "bool"
    row = next(iter_rows(db, "targets"))
    assert isinstance(row["bodies"], list) and isinstance(row["per_year"], bool)


def test_cells_long_format(db: Path) -> None:
    """Every cell of the fixture's task-division table, one row each, texts and header flags kept."""
    every = list(iter_rows(db, "cells"))
    # other fixtures have tables too: the rows of the document whose table names 省政务服务管理局
    doc = next(r["doc"] for r in every if r["text"] == "省政务服务管理局")
    rows = [r for r in every if r["doc"] == doc]
    header = [r["text"] for r in rows if r["header"]]
    assert header == ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    lead = next(r for r in rows if r["text"] == "省政务服务管理局" and r["col"] == 2)
    assert (lead["table"], lead["row"], lead["rowspan"]) == ("TB1", 1, 2)
    stored = sum(len(json.loads(c)) for (c,) in sqlite3.connect(db).execute("SELECT cells FROM tables"))
    assert len(every) == stored and len(rows) == 33 and doc is not None


def test_csv_to_a_stream(db: Path) -> None:
    buf = io.StringIO()
    n = export_table(db, "documents", buf, format="csv")
    assert len(buf.getvalue().splitlines()) >= n + 1


def test_read_frame(db: Path) -> None:
    frame = read_frame(db, "bodies")
    assert len(frame) == _count(db, "bodies")
    assert list(frame.columns) == [c.name for c in columns("bodies")]


@pytest.mark.parametrize(
    ("module", "call"),
    [
        ("pyarrow", lambda db, tmp: export_table(db, "targets", tmp / "t.parquet")),
        ("pandas", lambda db, tmp: read_frame(db, "targets")),
    ],
    ids=["parquet-needs-pyarrow", "frames-need-pandas"],
)
def test_missing_library_gives_an_install_hint(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, call: object
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    monkeypatch.setitem(sys.modules, f"{module}.parquet", None)
    with pytest.raises(ImportError, match=r'pip install "policy_nlp\[frames\]"'):
        call(db, tmp_path)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"table": "people", "out": "x.csv"}, "unknown table"),
        ({"table": "targets", "out": "x.xlsx"}, "cannot tell the format"),
        ({"table": "targets", "out": "x.csv", "format": "xml"}, "format must be one of"),
        ({"table": "targets", "out": io.StringIO()}, "format is required"),
        ({"table": "targets", "out": io.StringIO(), "format": "parquet"}, "written to a file path"),
    ],
    ids=["table", "suffix", "format", "stream-no-format", "parquet-stream"],
)
def test_bad_arguments(db: Path, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        export_table(db, **kwargs)  # type: ignore[arg-type]


def test_missing_store(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no store"):
        export_table(tmp_path / "none.sqlite", "targets", tmp_path / "t.csv")


def test_json_suffix_means_jsonl() -> None:
    assert format_from_path("a.JSON") == "jsonl"
