"""The same batch on a Dask cluster: a LocalCluster of 2 workers (threads, for speed)."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policy_nlp import analyze
from policy_nlp.batch import Failure, analyze_many, run_batch
from policy_nlp.cli import main

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted([*(ROOT / "corpora").glob("*.txt"), *(ROOT / "corpora").glob("*.html")])

pytestmark = pytest.mark.slow
#: what ``policy-nlp batch corpora/`` walks (folders recursively: corpora/pdf/ too)
WALKED = [p for p in (ROOT / "corpora").rglob("*") if p.suffix in (".txt", ".md", ".html", ".htm", ".pdf")]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as c:
        yield c


@pytest.fixture
def client(cluster: Any) -> Iterator[Any]:
    with distributed.Client(cluster) as c:
        yield c


def test_analyze_many_on_dask_in_order(client: Any, tmp_path: Path) -> None:
    paths = [str(p) for p in CORPUS]
    missing = str(tmp_path / "gone.txt")
    out = list(
        analyze_many([*paths, missing], scheduler=client, n_process=2, chunk_size=2, on_error="record")
    )
    assert [d.source.path for d in out[:-1]] == paths  # type: ignore[union-attr]
    assert out[:-1] == [analyze(p) for p in paths]
    assert isinstance(out[-1], Failure) and out[-1].error_type == "LoadError"


def test_run_batch_on_dask_only_the_client_writes(client: Any, tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    s = run_batch([str(p) for p in CORPUS], db, scheduler=client, n_process=2)
    assert (s.stored, s.failed) == (len(CORPUS), 0)
    local = tmp_path / "local.sqlite"
    run_batch([str(p) for p in CORPUS], local, n_process=1)
    q = "SELECT sha256, n_chars, (SELECT count(*) FROM targets t WHERE t.doc = d.doc) FROM documents d ORDER BY sha256"
    with sqlite3.connect(db) as a, sqlite3.connect(local) as b:
        assert a.execute(q).fetchall() == b.execute(q).fetchall()


def test_cli_scheduler_address(cluster: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "r.sqlite"
    code = main(
        ["batch", str(ROOT / "corpora"), "--db", str(db), "--scheduler", cluster.scheduler_address, "-q"]
    )
    assert code == 0, capsys.readouterr().err
    assert f"{len(WALKED)} stored" in capsys.readouterr().err


def test_missing_dask_gives_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ImportError, match=r'pip install "policy_nlp\[dask\]"'):
        list(analyze_many(["通知\n内容"], scheduler="tcp://127.0.0.1:8786"))


def test_cli_dask_local_cluster_of_processes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "r.sqlite"
    assert main(["batch", str(ROOT / "corpora"), "--db", str(db), "--dask", "--jobs", "2", "-q"]) == 0
    assert f"{len(WALKED)} stored" in capsys.readouterr().err


def test_analyze_many_on_dask_codes_instruments_in_the_workers(client: Any) -> None:
    """Issue 13: ``instruments=True`` reaches the Dask workers (the option travels in the job)."""
    texts = ["关于促进消费的通知\n一、开展家电以旧换新活动。\n二、加强市场监管。", "关于加强人才工作的意见\n一、建设国家重点实验室。"]
    out = list(analyze_many(texts, scheduler=client, n_process=2, chunk_size=1, instruments=True))
    assert [[a.instrument_tool for a in d.actions] for d in out] == [["consumption", "regulation"], ["technology"]]
    assert out == [analyze(t, instruments=True) for t in texts]
