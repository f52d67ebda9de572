"""Issue 13: actions carry their policy instrument when asked, through analyze, the JSON schema, the
batch store, the exports, the frames and the CLI; never unless asked."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from policy_nlp import analyze
from policy_nlp.batch import analyze_many, run_batch
from policy_nlp.cli import main
from policy_nlp.errors import SchemaError
from policy_nlp.export import export_table
from policy_nlp.model import Document
from policy_nlp.store import (
    STORE_VERSION,
    document_rows,
    known_hashes,
    open_store,
    read_document,
    transaction,
    write_rows,
)

FIELDS = ("instrument_type", "instrument_tool", "instrument_score")

#: short documents in the style of local measures (written for these tests)
CONSUMPTION = "关于促进消费的通知\n各区人民政府:\n一、开展家电以旧换新活动。\n二、加强市场监管。\n三、建设社区养老服务设施。\n"
TALENT = (
    "关于加强人才队伍建设的实施意见\n一、加快引进高层次创新创业人才。\n二、建设国家重点实验室。\n"
    "三、落实小型微利企业所得税优惠政策。\n四、完善人才评价制度。\n"
)
NO_ACTIONS = "各位代表:\n现在我代表市人民政府报告工作。\n"


def _labels(doc: Document) -> list[tuple[Any, Any, Any]]:
    return [(a.instrument_type, a.instrument_tool, a.instrument_score) for a in doc.actions]


# -- analyze ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [CONSUMPTION, TALENT], ids=["consumption", "talent"])
def test_default_analyze_leaves_actions_uncoded(text: str) -> None:
    doc = analyze(text)
    assert doc.actions
    assert all(v is None for lab in _labels(doc) for v in lab)


@pytest.mark.parametrize(
    ("text", "tools"),
    [
        (CONSUMPTION, ["consumption", "regulation", "public_service"]),
        (TALENT, ["talent", "technology", "tax", None]),  # None: 完善人才评价制度 alone, an unsure unit
    ],
    ids=["consumption", "talent"],
)
def test_analyze_with_instruments_carries_the_labels_of_code_document(text: str, tools: list[str | None]) -> None:
    plain = analyze(text)
    doc = analyze(text, instruments=True)
    assert len(doc.actions) == len(tools)
    assert all(t is None or a.instrument_tool == t for a, t in zip(doc.actions, tools, strict=True))
    assert _labels(doc) == [(lab.type, lab.tool, lab.score) for lab in plain.instruments()]
    assert doc.instruments() == plain.instruments()  # still the list, coded or not
    # nothing else moves: the coded document is the plain one plus the three fields
    assert doc == plain.with_instruments()
    assert [a.text for a in doc.actions] == [a.text for a in plain.actions]
    assert all(0.0 < a.instrument_score <= 1.0 for a in doc.actions)  # type: ignore[operator]


def test_a_coded_document_gives_the_labels_it_carries_without_coding_again(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = analyze(CONSUMPTION, instruments=True)
    want = [(a.instrument_type, a.instrument_tool, a.instrument_score) for a in doc.actions]

    def no_model(*_args: object, **_kw: object) -> None:
        raise AssertionError("coded again")

    monkeypatch.setattr("policy_nlp.learn.instruments.code_document", no_model)
    assert [(lab.type, lab.tool, lab.score) for lab in doc.instruments()] == want
    assert doc.with_instruments() == doc


def test_with_instruments_of_a_document_without_actions_is_itself() -> None:
    doc = analyze(NO_ACTIONS)
    assert doc.actions == ()
    assert doc.with_instruments() is doc
    assert analyze(NO_ACTIONS, instruments=True) == doc


def test_tool_belongs_to_type() -> None:
    from policy_nlp.learn.instruments import TOOLS

    doc = analyze(CONSUMPTION + TALENT, instruments=True)
    assert all(TOOLS[a.instrument_tool] == a.instrument_type for a in doc.actions)  # type: ignore[index]


def test_default_analyze_imports_no_learn_module() -> None:
    code = (
        "import sys, policy_nlp; policy_nlp.analyze('关于加强管理的通知\\n一、加强市场监管。'); "
        "print(sorted(m for m in sys.modules if m.startswith('policy_nlp.learn') or m.startswith('sklearn')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- JSON ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("instruments", [False, True], ids=["plain", "coded"])
def test_json_round_trip_keeps_the_fields(instruments: bool) -> None:
    doc = analyze(CONSUMPTION, instruments=instruments)
    data = json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))
    assert all(set(FIELDS) <= set(a) for a in data["actions"])
    assert (data["actions"][0]["instrument_type"] is not None) is instruments
    assert Document.from_dict(data) == doc


def test_json_of_before_the_fields_still_reads() -> None:
    doc = analyze(CONSUMPTION)
    data = doc.to_dict()
    for a in data["actions"]:
        for f in FIELDS:
            del a[f]
    assert Document.from_dict(data) == doc


# -- store -----------------------------------------------------------------------------------------
def test_store_round_trip_and_the_option_per_document() -> None:
    conn = open_store(":memory:")
    coded, plain = analyze(CONSUMPTION, instruments=True), analyze(TALENT)
    with transaction(conn):
        write_rows(conn, document_rows(coded))
        write_rows(conn, document_rows(plain))
    assert read_document(conn, coded.source.sha256) == coded
    assert read_document(conn, plain.source.sha256) == plain
    row = conn.execute(
        "SELECT instrument_type, instrument_tool, instrument_score FROM actions ORDER BY doc, ord"
    ).fetchone()
    assert row == _labels(coded)[0]
    assert known_hashes(conn, instruments=True) == {coded.source.sha256}
    assert known_hashes(conn, instruments=False) == {plain.source.sha256}
    assert len(known_hashes(conn)) == 2


@pytest.mark.parametrize(
    ("text", "option", "stored"),
    [
        (CONSUMPTION, None, 1),  # inferred from the actions
        (CONSUMPTION, False, 0),
        (NO_ACTIONS, True, 1),  # nothing to code, but analyzed with the option: not redone
        (NO_ACTIONS, None, 0),
    ],
    ids=["coded-inferred", "coded-said-plain", "empty-said-coded", "empty-inferred"],
)
def test_document_rows_instruments_flag(text: str, option: bool | None, stored: int) -> None:
    conn = open_store(":memory:")
    doc = analyze(text, instruments=True)
    with transaction(conn):
        write_rows(conn, document_rows(doc, instruments=option))
    assert conn.execute("SELECT instruments FROM documents").fetchone() == (stored,)


@pytest.mark.parametrize("old", [1, 2], ids=["v1", "v2"])
def test_a_store_of_an_older_version_fails_clearly(tmp_path: Path, old: int) -> None:
    db = tmp_path / "old.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO store_meta VALUES ('store_version', ?)", (str(old),))
    with pytest.raises(SchemaError, match=f"store version {old}, this policy_nlp writes {STORE_VERSION}"):
        open_store(db)


def _write(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in (("consumption.txt", CONSUMPTION), ("talent.txt", TALENT)):
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    return paths


def _coded(db: Path) -> list[tuple[int, int]]:
    """(documents.instruments, number of coded actions) per document."""
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT d.instruments, (SELECT count(instrument_type) FROM actions a WHERE a.doc = d.doc) "
            "FROM documents d ORDER BY d.path"
        ).fetchall()


def test_a_resumed_batch_never_mixes_coded_and_uncoded(tmp_path: Path) -> None:
    paths = _write(tmp_path / "in")
    db = tmp_path / "r.sqlite"
    steps = [  # (instruments, stored, skipped, then (flag, coded actions) per document)
        (False, 2, 0, [(0, 0), (0, 0)]),
        (True, 2, 0, [(1, 3), (1, 4)]),  # stored uncoded: analyzed again and replaced
        (True, 0, 2, [(1, 3), (1, 4)]),  # same option: skipped
        (False, 2, 0, [(0, 0), (0, 0)]),  # back: analyzed again, not left coded
    ]
    for instruments, stored, skipped, state in steps:
        s = run_batch(paths, db, instruments=instruments)
        assert (s.stored, s.skipped, s.failed) == (stored, skipped, 0), instruments
        assert _coded(db) == state
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (2,)
        assert conn.execute("SELECT count(*) FROM actions").fetchone() == (7,)


def test_analyze_many_in_processes_codes_in_every_worker(tmp_path: Path) -> None:
    paths = _write(tmp_path / "in")
    out = list(analyze_many([*paths, CONSUMPTION], n_process=2, chunk_size=1, instruments=True))
    assert [_labels(d) for d in out] == [_labels(analyze(p, instruments=True)) for p in [*paths, CONSUMPTION]]
    assert all(a.instrument_type is not None for d in out for a in d.actions)


# -- exports and frames ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def store_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("coded")
    db = folder / "r.sqlite"
    run_batch(_write(folder / "in"), db, instruments=True)
    return db


def _read_export(path: Path, fmt: str) -> list[dict[str, Any]]:
    if fmt == "csv":
        with open(path, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(path)
    assert str(table.schema.field("instrument_score").type) == "double"
    rows: list[dict[str, Any]] = table.to_pylist()
    return rows


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_has_the_columns_and_values(store_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"actions.{fmt}"
    assert export_table(store_db, "actions", out) == 7
    rows = _read_export(out, fmt)
    want = [_labels(analyze(t, instruments=True)) for t in (CONSUMPTION, TALENT)]
    got = [(r["instrument_type"], r["instrument_tool"], float(r["instrument_score"])) for r in rows]
    assert got == [lab for labs in want for lab in labs]


def test_frames_carry_the_columns_with_their_dtypes() -> None:
    pytest.importorskip("pandas")
    from policy_nlp import frames

    doc = analyze(CONSUMPTION, id="c")
    coded = frames(doc, instruments=True)["actions"]
    plain = frames(doc)["actions"]
    assert str(coded["instrument_type"].dtype) == "category"
    assert str(coded["instrument_tool"].dtype) == "string"
    assert str(coded["instrument_score"].dtype) == "Float64"
    assert list(coded["instrument_tool"]) == ["consumption", "regulation", "public_service"]
    assert list(coded["instrument_type"]) == ["demand", "environment", "supply"]
    assert [float(x) for x in coded["instrument_score"]] == [a.instrument_score for a in doc.with_instruments().actions]
    assert str(plain["instrument_score"].dtype) == "Float64"
    assert plain["instrument_type"].isna().all() and plain["instrument_score"].isna().all()


# -- CLI -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("flag", [[], ["--instruments"]], ids=["plain", "coded"])
def test_cli_analyze_instruments(tmp_path: Path, flag: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    (path,) = _write(tmp_path / "in")[:1]
    assert main(["analyze", path, *flag]) == 0
    data = json.loads(capsys.readouterr().out)
    types = [a["instrument_type"] for a in data["actions"]]
    assert types == (["demand", "environment", "supply"] if flag else [None, None, None])


def test_cli_batch_instruments_then_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path / "in")
    db, out = tmp_path / "r.sqlite", tmp_path / "a.jsonl"
    code = main(["batch", str(tmp_path / "in"), "--db", str(db), "-j", "1", "-q", "--instruments"])
    assert code == 0, capsys.readouterr().err
    assert _coded(db) == [(1, 3), (1, 4)]
    assert main(["export", "--db", str(db), "--table", "actions", "-o", str(out)]) == 0
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["instrument_tool"] for r in rows][:3] == ["consumption", "regulation", "public_service"]
