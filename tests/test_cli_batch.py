"""``policy-nlp batch`` / ``policy-nlp export``, the progress display, the demo, and a real SIGKILL."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from policy_nlp.cli import main
from policy_nlp.progress import Progress
from policy_nlp.store import STORE_VERSION

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "corpora").glob("*.txt"))


def make_corpus(folder: Path, n: int) -> list[Path]:
    """``n`` distinct UTF-8 documents built from the bundled corpus (a numbered closing line each)."""
    from policy_nlp.io import load

    folder.mkdir(parents=True, exist_ok=True)
    texts = [load(p).text for p in CORPUS]
    out = []
    for i in range(n):
        p = folder / f"{i:03d}_{CORPUS[i % len(CORPUS)].name}"
        p.write_text(texts[i % len(texts)] + f"\n附件{i}\n", encoding="utf-8")
        out.append(p)
    return out


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_batch_then_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_corpus(tmp_path / "in", 8)
    db = tmp_path / "r.sqlite"
    code = main(
        ["batch", str(tmp_path / "in"), "--db", str(db), "-j", "2", "--export", str(tmp_path / "t.csv")]
    )
    err = capsys.readouterr().err
    assert code == 0, err
    assert "8 files: 8 stored" in err
    assert "batch: 8/8 files (100%)" in err  # plain lines when stderr is not a terminal
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").startswith("doc,ord,id,start,end,text,indicator")
    assert main(["export", "--db", str(db), "--table", "documents", "--format", "jsonl"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 8
    assert main(["export", "--db", str(db), "--table", "targets", "-o", str(tmp_path / "t.parquet")]) == 0
    assert (tmp_path / "t.parquet").stat().st_size > 0
    # a rerun stores nothing new
    assert main(["batch", str(tmp_path / "in"), "--db", str(db), "-q"]) == 0
    assert "8 skipped" in capsys.readouterr().err


def test_failures_exit_1_with_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "ok.md").write_text(
        "关于加强职工培训的通知\n一、目标\n到2025年,培训1万人次。", encoding="utf-8"
    )
    db = tmp_path / "r.sqlite"
    code = main(["batch", str(tmp_path / "in"), str(tmp_path / "nothing*.txt"), "--db", str(db), "-j", "1"])
    err = capsys.readouterr().err
    assert code == 1
    assert "3 files: 1 stored, 0 skipped (already stored, 0 duplicate paths), 2 failed" in err
    assert "FAILED" in err and "empty file" in err
    assert rows(db, "SELECT count(*) FROM failures") == [(2,)]


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--db", "{tmp}/none.sqlite", "--table", "targets"],
        ["export", "--db", "{tmp}/r.sqlite", "--table", "targets", "--format", "parquet"],
        ["batch", "{tmp}", "--db", "{tmp}/r.sqlite", "--jobs", "0"],
        ["batch", "{tmp}", "--db", "{tmp}/r.sqlite", "--export", "{tmp}/x.xlsx"],
    ],
    ids=["no-store", "parquet-to-stdout", "jobs-0", "export-suffix"],
)
def test_usage_errors_exit_2(tmp_path: Path, argv: list[str]) -> None:
    (tmp_path / "r.sqlite").touch()
    assert main([a.format(tmp=tmp_path) for a in argv]) == 2


def test_progress_bar_on_a_terminal() -> None:
    out = io.StringIO()
    ticks = iter([0.0, 1.0, 2.0])
    p = Progress(4, stream=out, tty=True, clock=lambda: next(ticks), width=8)
    p.update(done=2, failed=1)
    p.close(done=4, failed=1)
    text = out.getvalue()
    assert "\r\x1b[2K████░░░░ 2/4 files  50%  2.0 docs/s, 1 failed, 0 skipped  0:00:01 < 0:00:01" in text
    assert text.endswith("████████ 4/4 files 100%  2.0 docs/s, 1 failed, 0 skipped  0:00:02 < --:--\n")


def test_progress_lines_are_periodic() -> None:
    out = io.StringIO()
    ticks = iter([0.0, 1.0, 2.0, 11.0, 12.0])
    p = Progress(10, stream=out, tty=False, interval=10, clock=lambda: next(ticks))
    for done in (1, 2, 3):
        p.update(done=done)
    p.close()
    assert [line.split(" files")[0] for line in out.getvalue().splitlines()] == ["batch: 3/10", "batch: 3/10"]


def test_demo_writes_three_results(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import networkx as nx

    from policy_nlp.demo import run_demo

    paths = run_demo(ROOT / "corpora", tmp_path / "out")
    out = capsys.readouterr().out
    for key in ("store", "targets", "graph"):
        assert paths[key].exists() and str(paths[key]) in out
    G = nx.read_graphml(paths["graph"])
    assert G.number_of_nodes() >= len(CORPUS)
    assert (tmp_path / "out" / "analyze.jsonl").exists()
    assert "沪工总经〔2011〕33号 | 上海市总工会 -> 各区县局(产业)工会 | 2011-02 | 意见" in out


def test_store_of_another_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from policy_nlp.demo import run_demo

    db = tmp_path / "out" / "results.sqlite"
    db.parent.mkdir()
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO store_meta VALUES ('store_version', '1')")
    doc = tmp_path / "a.txt"
    doc.write_text("关于A的通知\n正文。", encoding="utf-8")
    assert main(["batch", str(doc), "--db", str(db), "-q"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"policy-nlp batch: {db}: store version 1, this policy_nlp writes {STORE_VERSION}"
    run_demo(ROOT / "corpora", tmp_path / "out")  # the demo's own old store: replaced
    assert "replaced" in capsys.readouterr().out


SLOW_CLI = textwrap.dedent(
    """
    import sys, time
    import policy_nlp.pipeline as pipeline
    real = pipeline.analyze_raw
    def slow(*a, **k):
        time.sleep(0.08)
        return real(*a, **k)
    pipeline.analyze_raw = slow
    from policy_nlp.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


@pytest.mark.slow
def test_sigkill_midway_then_rerun_stores_each_document_once(tmp_path: Path) -> None:
    files = make_corpus(tmp_path / "in", 60)
    db = tmp_path / "r.sqlite"
    argv = ["batch", str(tmp_path / "in"), "--db", str(db), "--jobs", "2", "-q"]
    # the batch slowed down per document (in the subprocess only), so that the kill lands midway
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_CLI, *argv],
        cwd=tmp_path,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    stored = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                stored = rows(db, "SELECT count(*) FROM documents")[0][0]  # type: ignore[assignment]
            except sqlite3.OperationalError:
                stored = 0
            if stored >= 16:
                break
        time.sleep(0.02)
    assert proc.poll() is None, "the batch finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = rows(db, "SELECT count(*) FROM documents")[0][0]
    assert 16 <= partial < len(files)  # type: ignore[operator]
    assert rows(db, "SELECT count(*) FROM runs WHERE finished_at IS NULL") == [(1,)]

    rerun = subprocess.run(
        [sys.executable, "-m", "policy_nlp", *argv], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"{partial} skipped" in rerun.stderr

    assert rows(db, "SELECT count(*), count(DISTINCT sha256), count(DISTINCT path) FROM documents") == [
        (60, 60, 60)
    ]
    assert rows(db, "SELECT count(*) FROM paths") == [(60,)]
    assert rows(db, "SELECT count(*) FROM failures") == [(0,)]
    # every document complete: the same records as a clean, uninterrupted run
    clean = tmp_path / "clean.sqlite"
    assert main(["batch", str(tmp_path / "in"), "--db", str(clean), "--jobs", "2", "-q"]) == 0
    per_doc = """SELECT d.sha256, (SELECT count(*) FROM sections s WHERE s.doc = d.doc),
                 (SELECT count(*) FROM sentences s WHERE s.doc = d.doc),
                 (SELECT count(*) FROM targets s WHERE s.doc = d.doc),
                 (SELECT count(*) FROM bodies s WHERE s.doc = d.doc),
                 (SELECT count(*) FROM citations s WHERE s.doc = d.doc),
                 (SELECT count(*) FROM actions s WHERE s.doc = d.doc)
                 FROM documents d ORDER BY d.sha256"""
    assert rows(db, per_doc) == rows(clean, per_doc)
    for table in ("sections", "targets", "bodies", "goals", "citations", "actions"):
        assert rows(
            db, f"SELECT count(*) FROM (SELECT doc, ord FROM {table} GROUP BY doc, ord HAVING count(*) > 1)"
        ) == [(0,)]


def test_interrupt_exits_130_and_says_how_to_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import policy_nlp.cli.batch as cli_batch

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_batch, "run_batch", interrupted)
    assert main(["batch", str(tmp_path), "--db", str(tmp_path / "r.sqlite")]) == 130
    assert "rerun to resume" in capsys.readouterr().err
