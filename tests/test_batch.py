"""analyze_many and run_batch: order, context, error policies, bounded work, bad input, duplicates."""

from __future__ import annotations

import builtins
import io
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from policy_nlp import analyze
from policy_nlp.batch import BatchSummary, Failure, analyze_many, iter_files, run_batch
from policy_nlp.errors import LoadError
from policy_nlp.store import ANALYZER

TEXTS = [
    "上海市总工会关于开展劳动竞赛的意见\n各区县局(产业)工会:\n一、总体要求\n到2015年,参赛职工达到10万人次以上。",
    "关于加强班组建设的指导意见\n一、目标任务\n到2020年,高技能人才比重达到30%。",
    "某市职工技能培训实施方案\n一、工作目标\n每年培训职工5000人次。\n二、保障措施\n由市人社局牵头。",
    "关于做好职工休假工作的通知\n各单位要认真贯彻落实《职工带薪年休假条例》。",
]

GOOD = "关于做好职工培训工作的通知\n一、工作目标\n到2025年,培训职工1万人次。\n"


def write(tmp: Path, name: str, data: bytes | str) -> str:
    p = tmp / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8")
    else:
        p.write_bytes(data)
    return str(p)


def pdf_bytes(*, encrypt: bool = False) -> bytes:
    """A small one-page PDF written by hand (optionally with a password-protected /Encrypt)."""
    stream = b"BT /F1 12 Tf 72 720 Td (Hello policy) Tj ET"
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        4: b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    extra = b""
    if encrypt:
        objs[6] = (
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <"
            + b"ab" * 32
            + b"> /U <"
            + b"cd" * 32
            + b"> >>"
        )
        extra = b" /Encrypt 6 0 R /ID [<%s><%s>]" % (b"0f" * 16, b"0f" * 16)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for oid, body in objs.items():
        offsets[oid] = len(out)
        out += b"%d 0 obj\n" % oid + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for oid in objs:
        out += b"%010d 00000 n \n" % offsets[oid]
    out += (
        b"trailer\n<< /Size %d /Root 1 0 R" % (len(objs) + 1)
        + extra
        + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    )
    return bytes(out)


# -- analyze_many --------------------------------------------------------------------------------


@pytest.mark.parametrize("n_process", [1, 2], ids=["in-process", "two-processes"])
def test_same_documents_in_input_order(n_process: int) -> None:
    docs = list(analyze_many(TEXTS * 3, n_process=n_process, chunk_size=1))
    assert docs == [analyze(t) for t in TEXTS * 3]


def test_as_tuples_passes_context_through() -> None:
    items = [(t, {"i": i}) for i, t in enumerate(TEXTS)]
    out = list(analyze_many(items, as_tuples=True, n_process=2, chunk_size=1))
    assert [ctx for _, ctx in out] == [{"i": i} for i in range(len(TEXTS))]
    assert [doc.text for doc, _ in out] == [analyze(t).text for t in TEXTS]


def test_paths_and_pathlike_are_read_as_files(tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", TEXTS[0])
    docs = list(analyze_many([a, Path(a), TEXTS[1]]))
    assert [d.source.path for d in docs] == [a, a, None]


@pytest.mark.parametrize(
    ("on_error", "expected"),
    [("record", ["doc", "LoadError", "doc"]), ("skip", ["doc", "doc"])],
    ids=["record", "skip"],
)
def test_error_policies(tmp_path: Path, on_error: Any, expected: list[str]) -> None:
    missing = str(tmp_path / "gone.txt")
    out = list(analyze_many([TEXTS[0], missing, TEXTS[1]], on_error=on_error))
    assert [o.error_type if isinstance(o, Failure) else "doc" for o in out] == expected


def test_record_keeps_context_and_index(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.txt")
    out = list(analyze_many([(TEXTS[0], "a"), (missing, "b")], on_error="record", as_tuples=True))
    failure, ctx = out[1]
    assert ctx == "b"
    assert isinstance(failure, Failure)
    assert (failure.index, failure.path) == (1, missing)


@pytest.mark.parametrize("n_process", [1, 2], ids=["in-process", "two-processes"])
def test_raise_yields_what_came_before_then_raises(tmp_path: Path, n_process: int) -> None:
    missing = str(tmp_path / "gone.txt")
    seen = []
    with pytest.raises(LoadError, match=r"gone\.txt"):
        for doc in analyze_many([TEXTS[0], TEXTS[1], missing, TEXTS[2]], n_process=n_process, chunk_size=4):
            seen.append(doc.text)
    assert len(seen) == 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"on_error": "ignore"}, "on_error must be one of"),
        ({"chunk_size": 0}, "chunk_size must be >= 1"),
        ({"extract": ["targets", "nouns"]}, "unknown extractor"),
        ({"scheduler": 42}, "scheduler must be"),
    ],
    ids=["on_error", "chunk_size", "extract", "scheduler"],
)
def test_bad_arguments(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        list(analyze_many(TEXTS, **kwargs))


def test_bounded_in_flight_work() -> None:
    """The input is consumed lazily: at most (2 x processes) chunks ahead of the consumer."""
    consumed = 0

    def items() -> Iterator[str]:
        nonlocal consumed
        for _ in range(200):
            consumed += 1
            yield TEXTS[0]

    it = analyze_many(items(), n_process=2, chunk_size=2)
    next(it)
    assert consumed <= 2 * 2 * 2 + 2
    it.close()


def test_unexpected_exception_becomes_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    import policy_nlp.extract.targets as targets

    real = targets.find_targets

    def broken(text: str, **kw: Any) -> Any:
        if "BOOM" in text:
            raise RuntimeError("extractor exploded")
        return real(text, **kw)

    monkeypatch.setattr(targets, "find_targets", broken)
    out = list(analyze_many([TEXTS[0], "通知\nBOOM", TEXTS[1]], on_error="record", n_process=2, chunk_size=1))
    assert isinstance(out[1], Failure)
    assert (out[1].error_type, out[1].message) == ("RuntimeError", "extractor exploded")
    assert not isinstance(out[2], Failure)


# -- bad input -----------------------------------------------------------------------------------

BadMaker = Callable[[Path], str]


def _deleted(tmp: Path) -> str:
    p = write(tmp, "vanished.txt", GOOD)
    os.remove(p)  # listed by the caller, gone before reading
    return p


def _unreadable(tmp: Path) -> str:
    p = write(tmp, "secret.txt", GOOD)
    os.chmod(p, 0)
    return p


BAD: list[tuple[str, BadMaker, str]] = [
    ("empty", lambda t: write(t, "empty.txt", b""), "empty file"),
    ("whitespace", lambda t: write(t, "blank.txt", " \n\n\u3000\n"), "empty|no text"),
    (
        "binary-as-txt",
        lambda t: write(t, "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40),
        "binary|PNG|image",
    ),
    (
        "undecodable",
        lambda t: write(t, "bad.txt", "通知".encode() + b"\x80\xff\xfe\x81" * 40 + b"\x80"),
        "decod|binary",
    ),
    ("truncated-pdf", lambda t: write(t, "cut.pdf", pdf_bytes()[:200]), "PDF"),
    ("encrypted-pdf", lambda t: write(t, "locked.pdf", pdf_bytes(encrypt=True)), "encrypted|password"),
    ("too-large", lambda t: write(t, "huge.txt", "职工" * (26 * 1024 * 1024 // 6 * 2)), "too large"),
    ("deleted", _deleted, "No such file"),
    ("pdf-name-text-body", lambda t: write(t, "fake.pdf", GOOD), "PDF"),
]


@pytest.fixture
def no_read_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A file without read permission; as root (which ignores modes) open() is made to refuse it."""
    p = _unreadable(tmp_path)
    if os.geteuid() == 0:
        real_open = builtins.open

        def guarded(file: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, (str, os.PathLike)) and os.fspath(file) == p:
                raise PermissionError(13, "Permission denied", p)
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", guarded)
        monkeypatch.setattr(io, "open", guarded)
    return p


@pytest.mark.parametrize(("make", "message"), [(m, msg) for _, m, msg in BAD], ids=[i for i, *_ in BAD])
def test_bad_input_is_recorded_and_the_batch_goes_on(tmp_path: Path, make: BadMaker, message: str) -> None:
    bad = make(tmp_path)
    good = write(tmp_path, "good.txt", GOOD)
    out = list(analyze_many([bad, good], on_error="record"))
    assert isinstance(out[0], Failure), out[0]
    assert out[0].error_type in ("LoadError", "NeedsOCRError")
    assert out[0].path == bad
    assert re.search(message, out[0].message, re.I), out[0].message
    assert not isinstance(out[1], Failure)


def test_no_read_permission_is_recorded(tmp_path: Path, no_read_permission: str) -> None:
    good = write(tmp_path, "good.txt", GOOD)
    out = list(analyze_many([no_read_permission, good], on_error="record"))
    assert isinstance(out[0], Failure)
    assert "permission denied" in out[0].message.lower()
    assert not isinstance(out[1], Failure)


def test_max_bytes_zero_means_no_limit(tmp_path: Path) -> None:
    p = write(tmp_path, "big.txt", GOOD * 10)
    assert len(list(analyze_many([p], max_bytes=0))) == 1
    (failure,) = analyze_many([p], max_bytes=10, on_error="record")
    assert isinstance(failure, Failure) and "too large" in failure.message


# -- run_batch -----------------------------------------------------------------------------------


def _db_rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_run_batch_every_bad_input_in_one_run(tmp_path: Path, no_read_permission: str) -> None:
    src = tmp_path / "in"
    bad = [make(src) for name, make, _ in BAD if name != "too-large"]
    good = [write(src, f"good{i}.txt", GOOD + f"第{i}份。") for i in range(3)]
    paths = [good[0], *bad, good[1], no_read_permission, good[2]]
    s = run_batch(paths, tmp_path / "r.sqlite", n_process=2)
    assert (s.stored, s.failed, s.files) == (3, len(bad) + 1, len(paths))
    failed = dict(_db_rows(tmp_path / "r.sqlite", "SELECT path, error_type FROM failures"))
    assert set(failed) == {*bad, no_read_permission}


def test_duplicates_stored_once_and_path_recorded(tmp_path: Path) -> None:
    a = write(tmp_path, "a/notice.txt", GOOD)
    b = write(tmp_path, "b/notice-copy.txt", GOOD)
    c = write(tmp_path, "c.txt", TEXTS[0])
    db = tmp_path / "r.sqlite"
    s = run_batch([a, b, c], db)
    assert (s.stored, s.skipped, s.duplicates, s.failed) == (2, 1, 1, 0)
    assert _db_rows(db, "SELECT path, duplicate FROM paths ORDER BY path") == [(a, 0), (b, 1), (c, 0)]
    assert _db_rows(db, "SELECT count(*) FROM documents") == [(2,)]
    # a later run with a third copy: skipped as a duplicate, recorded
    d = write(tmp_path, "d.txt", GOOD)
    s2 = run_batch([a, b, c, d], db)
    assert (s2.stored, s2.skipped, s2.duplicates) == (0, 4, 2)
    assert _db_rows(db, "SELECT duplicate FROM paths WHERE path = ?".replace("?", repr(d))) == [(1,)]


@pytest.mark.parametrize(
    ("n_process", "commit_every"),
    [(1, 1), (1, 16), (2, 1)],
    ids=["in-process-1", "in-process-16", "two-processes-1"],
)
def test_copies_spread_over_commits(tmp_path: Path, n_process: int, commit_every: int) -> None:
    """Copies of one content before, during and after its first copy is written (issue: KeyError)."""
    paths = []
    for i in range(12):
        paths.append(write(tmp_path, f"{i:02d}-copy.txt", GOOD))
        paths.append(write(tmp_path, f"{i:02d}-own.txt", GOOD + f"第{i}条。"))
        paths.append(write(tmp_path, f"{i:02d}-empty.txt", b""))
    db = tmp_path / "r.sqlite"
    s = run_batch(paths, db, n_process=n_process, chunk_size=1, commit_every=commit_every)
    assert (s.stored, s.skipped, s.duplicates, s.failed) == (13, 11, 11, 12)
    assert s.done == len(paths) == s.files
    assert _db_rows(db, "SELECT count(*), sum(duplicate) FROM paths") == [(24, 11)]
    assert _db_rows(db, "SELECT count(*) FROM failures") == [(12,)]


def test_duplicate_of_a_failing_file_fails_too(tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", b"")
    b = write(tmp_path, "b.txt", b"\x00" * 10)
    s = run_batch([a, b], tmp_path / "r.sqlite")
    assert s.failed == 2


def test_rerun_skips_and_clears_fixed_failures(tmp_path: Path) -> None:
    p = write(tmp_path, "later.txt", b"")
    db = tmp_path / "r.sqlite"
    assert run_batch([p], db).failed == 1
    write(tmp_path, "later.txt", GOOD)
    s = run_batch([p], db)
    assert (s.stored, s.failed) == (1, 0)
    assert _db_rows(db, "SELECT count(*) FROM failures") == [(0,)]
    assert _db_rows(db, "SELECT count(*), max(finished_at IS NOT NULL) FROM runs") == [(2, 1)]


def test_content_stored_by_another_version_is_analyzed_again(tmp_path: Path) -> None:
    paths = [write(tmp_path, "a.txt", GOOD), write(tmp_path, "b.txt", GOOD + "第二条。")]
    db = tmp_path / "r.sqlite"
    assert run_batch(paths, db).stored == 2
    targets = _db_rows(db, "SELECT count(*) FROM targets")
    with sqlite3.connect(db) as conn:  # as if an older policy_nlp had stored a.txt
        conn.execute("UPDATE documents SET analyzer = '0.0.1' WHERE path LIKE '%a.txt'")
    s = run_batch(paths, db)
    assert (s.stored, s.skipped, s.failed) == (1, 1, 0)
    assert _db_rows(db, "SELECT count(*), min(analyzer) FROM documents") == [(2, ANALYZER)]
    assert _db_rows(db, "SELECT count(*) FROM targets") == targets  # replaced, not added
    s = run_batch(paths, db, reanalyze=True)
    assert (s.stored, s.skipped) == (2, 0)
    assert _db_rows(db, "SELECT count(*) FROM documents") == [(2,)]
    assert _db_rows(db, "SELECT count(*) FROM targets") == targets


def test_progress_callback_sees_every_file(tmp_path: Path) -> None:
    paths = [write(tmp_path, f"{i}.txt", GOOD + str(i)) for i in range(5)]
    seen: list[int] = []

    def cb(s: BatchSummary) -> None:
        seen.append(s.done)

    run_batch([*paths, str(tmp_path / "missing.txt")], tmp_path / "r.sqlite", progress=cb)
    assert seen[-1] == 6
    assert seen == sorted(seen)


def test_iter_files_walks_folders_globs_and_dedups(tmp_path: Path) -> None:
    for name in ["a.txt", "b.md", "c.html", "d.pdf", "e.json", "sub/f.TXT", "sub/g.png", "README.md", "GOLD.md"]:
        write(tmp_path, name, "x")
    walked = [os.path.relpath(p, tmp_path) for p in iter_files([str(tmp_path)])]
    assert walked == ["a.txt", "b.md", "c.html", "d.pdf", os.path.join("sub", "f.TXT")]
    assert list(iter_files([str(tmp_path / "README.md")])) == [str(tmp_path / "README.md")]  # named: taken
    globbed = list(
        iter_files([str(tmp_path / "*.txt"), str(tmp_path / "a.txt"), str(tmp_path / "none*.txt")])
    )
    assert globbed == [str(tmp_path / "a.txt"), str(tmp_path / "none*.txt")]


def test_run_batch_refuses_large_files_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import policy_nlp.batch as batch

    big = write(tmp_path, "big.txt", GOOD * 100)
    hashed: list[str] = []
    real = batch._sha256_file
    monkeypatch.setattr(batch, "_sha256_file", lambda p: hashed.append(p) or real(p))
    s = run_batch([big], tmp_path / "r.sqlite", max_bytes=1000)
    assert s.failed == 1 and "too large" in s.failures[0].message
    assert hashed == []


@pytest.fixture
def crashing_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Analysis of a text containing CRASH kills its (forked) worker process outright."""
    import policy_nlp.pipeline as pipeline

    real = pipeline.analyze_raw

    def deadly(raw: Any, **kw: Any) -> Any:
        if "CRASH" in raw.text and os.getpid() != parent:
            os._exit(1)
        return real(raw, **kw)

    parent = os.getpid()
    monkeypatch.setattr(pipeline, "analyze_raw", deadly)


@pytest.mark.slow
def test_a_dying_worker_fails_only_its_input(crashing_worker: None, tmp_path: Path) -> None:
    items = [*TEXTS, "通知\nCRASH", *TEXTS, *TEXTS]
    out = list(analyze_many(items, n_process=2, chunk_size=2, on_error="record", mp_context="fork"))
    kinds = [o.error_type if isinstance(o, Failure) else "doc" for o in out]
    assert kinds == ["doc"] * 4 + ["WorkerCrashed"] + ["doc"] * 8
    assert [o.text for o in out if not isinstance(o, Failure)] == [analyze(t).text for t in TEXTS * 3]
    with pytest.raises(RuntimeError, match="worker process died"):
        list(analyze_many(items, n_process=2, chunk_size=2, mp_context="fork"))

    paths = [write(tmp_path, f"{i:02d}.txt", t + f"\n附件{i}") for i, t in enumerate(items)]
    s = run_batch(paths, tmp_path / "r.sqlite", n_process=2, mp_context="fork")
    assert (s.stored, s.failed) == (len(items) - 1, 1)
    assert _db_rows(tmp_path / "r.sqlite", "SELECT path, error_type FROM failures") == [
        (paths[4], "WorkerCrashed")
    ]
