"""Batch analysis: many documents, several processes or a Dask cluster, results in input order.

:func:`analyze_many` is the library entry point (a generator, like spaCy's ``nlp.pipe``);
:func:`run_batch` analyzes files into the SQLite store (:mod:`policy_nlp.store`) and is what
``policy-nlp batch`` calls. Work is submitted in chunks with a bounded number of chunks in flight, so
memory stays flat over any number of inputs; results come back reordered to input order.

Processes are started with ``fork`` where the platform has it (Linux): the parent has loaded the
dictionaries once and every worker shares those pages copy-on-write, so a pool starts in
milliseconds; elsewhere ``spawn``. Pass ``mp_context`` to choose. ``n_process=1`` (the default of
:func:`analyze_many`) runs in the calling process, with no pool at all.

>>> docs = list(analyze_many(["关于加强班组建设的意见\\n一、目标", "第二份\\n内容"]))
>>> [d.text[:4] for d in docs]
['关于加强', '第二份\\n']
>>> out = list(analyze_many([("第一份\\n内容", {"n": 1})], as_tuples=True))
>>> out[0][1]
{'n': 1}
>>> analyze_many(["x"], on_error="ignore")
Traceback (most recent call last):
...
ValueError: on_error must be one of 'raise', 'record', 'skip', not 'ignore'
"""

from __future__ import annotations

import glob
import hashlib
import importlib
import logging
import multiprocessing
import os
import pickle
import time
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Literal, TypeVar, overload

from policy_nlp import pipeline
from policy_nlp.errors import LoadError
from policy_nlp.model import Document, RawText
from policy_nlp.pipeline import EXTRACTORS

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUFFIXES",
    "BatchSummary",
    "Failure",
    "analyze_many",
    "iter_files",
    "run_batch",
]

log = logging.getLogger(__name__)

OnError = Literal["raise", "record", "skip"]
Item = str | os.PathLike[str] | RawText
C = TypeVar("C")
T = TypeVar("T")

#: File suffixes a batch takes from a folder (``.md``: the laws corpus is Markdown).
SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".pdf")
#: Names of a folder's own documentation, skipped when a folder is walked (a file named
#: explicitly is always taken): README.md, GOLD.md, CHANGELOG.txt, LICENSE.txt …
NOT_DOCUMENTS = frozenset({"readme", "gold", "changelog", "license", "contributing", "notice", "authors"})
#: Files larger than this (bytes) fail with a LoadError instead of being read (0 = no limit).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_CONTROL_RATIO = 0.02


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be analyzed: its position ``index`` in the input, its ``path`` (None
    for a text), the exception class name ``error_type`` and its ``message``."""

    index: int
    path: str | None
    error_type: str
    message: str
    sha256: str | None = None


# -- one item --------------------------------------------------------------------------------------


def _as_path(item: Item) -> str | None:
    """The path an item names, or None for a text. A ``str`` is a path when it is one line and names
    an existing file or ends in a known suffix (so a vanished file fails instead of being read as
    text)."""
    if isinstance(item, RawText):
        return None
    if isinstance(item, os.PathLike):
        return os.fspath(item)
    if "\n" in item or len(item) >= 1024:
        return None
    if item.lower().endswith(SUFFIXES) or os.path.isfile(item):
        return item
    return None


def _check_text(path: str, raw: RawText) -> None:
    text = raw.text
    if not text.strip():
        raise LoadError(path, "no text (empty or whitespace only)")
    sample = text[:20000]
    controls = sum(1 for ch in sample if (ch < " " and ch not in "\n\r\t\f") or "\x7f" <= ch <= "\x9f")
    if controls > _CONTROL_RATIO * len(sample):
        raise LoadError(path, f"binary content ({controls} control characters in the first {len(sample)})")


def _os_error(path: str, exc: OSError) -> LoadError:
    return LoadError(path, f"cannot read: {exc.strerror or exc} ({type(exc).__name__})")


def _check_size(path: str, max_bytes: int) -> None:
    """Fail before reading: a missing or unreadable entry, an empty file, a file over the limit."""
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise _os_error(path, exc) from exc
    if size == 0:
        raise LoadError(path, "empty file (0 bytes)")
    if max_bytes and size > max_bytes:
        raise LoadError(path, f"file too large ({size:,} bytes > limit {max_bytes:,}; see --max-bytes)")


def _load_checked(path: str, max_bytes: int) -> RawText:
    _check_size(path, max_bytes)
    from policy_nlp.io import load

    raw = load(path)
    _check_text(path, raw)
    return raw


def _analyze_item(
    item: Item, extract: Collection[str], max_bytes: int, instruments: bool = False
) -> Document:
    path = _as_path(item)
    if path is not None:
        return pipeline.analyze_raw(_load_checked(path, max_bytes), extract=extract, instruments=instruments)
    return pipeline.analyze(item, extract=extract, instruments=instruments)


def _failure(index: int, item: Item, exc: BaseException, sha256: str | None = None) -> Failure:
    path = _as_path(item)
    if path is None and isinstance(item, RawText):
        path = item.path
    return Failure(index, path, type(exc).__name__, str(exc) or repr(exc), sha256)


@dataclass(frozen=True, slots=True)
class _Job:
    extract: tuple[str, ...] = EXTRACTORS
    max_bytes: int = DEFAULT_MAX_BYTES
    rows: bool = False  # return store rows instead of Documents
    catch: bool = True
    instruments: bool = False  # actions carry their policy instrument


@dataclass(slots=True)
class _Outcome:
    index: int
    result: Any  # Document, DocumentRows or Failure
    exc: BaseException | None = None  # the exception, when the caller wants errors raised


def _work(chunk: Sequence[tuple[int, Item]], job: _Job, *, local: bool = False) -> list[_Outcome]:
    """Analyze one chunk (runs in a worker). Never raises: errors come back as outcomes."""
    from policy_nlp.store import document_rows

    out: list[_Outcome] = []
    for index, item in chunk:
        try:
            doc = _analyze_item(item, job.extract, job.max_bytes, job.instruments)
            result = document_rows(doc, instruments=job.instruments) if job.rows else doc
            out.append(_Outcome(index, result))
        except Exception as exc:
            keep = None if job.catch else exc if local else _picklable(exc)
            out.append(_Outcome(index, _failure(index, item, exc), keep))
    return out


def _picklable(exc: BaseException) -> BaseException:
    """The exception, or a RuntimeError naming it when it does not survive pickling."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


# -- executors -------------------------------------------------------------------------------------


def _default_context() -> str:
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _warm_up(extract: Collection[str], instruments: bool = False) -> None:
    """Load dictionaries, compile patterns (and load the instrument model) in the parent so forked
    workers share them."""
    try:
        text = "关于开展劳动竞赛的意见\n一、总体要求\n开展劳动竞赛。到2015年,比重达到30%。"
        pipeline.analyze(text, extract=extract, instruments=instruments)
    except Exception:  # a broken extractor fails per document later, with a record
        log.debug("warm-up analysis failed", exc_info=True)


def _dask_executor(scheduler: Any, n_workers: int) -> tuple[Executor, Callable[[], None]]:
    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError as exc:
        raise ImportError(
            'running on a Dask cluster needs dask.distributed: pip install "policy_nlp[dask]"'
        ) from exc
    closers: list[Callable[[], None]] = []
    Client, LocalCluster = distributed.Client, distributed.LocalCluster
    if isinstance(scheduler, Client):
        client = scheduler
    elif scheduler == "local":
        cluster = LocalCluster(
            n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
        client = Client(cluster)
        closers = [client.close, cluster.close]
    elif isinstance(scheduler, str) and "://" in scheduler:
        client = Client(scheduler)
        closers = [client.close]
    else:
        raise ValueError(
            f"scheduler must be a distributed.Client, 'local' or an address like tcp://host:8786, not {scheduler!r}"
        )

    def close() -> None:
        for f in closers:
            f()

    return client.get_executor(pure=False), close


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _run(
    indexed: Iterable[tuple[int, Item]],
    job: _Job,
    *,
    n_process: int,
    chunk_size: int,
    scheduler: Any,
    mp_context: str | None,
) -> Iterator[_Outcome]:
    """Outcomes in input order, computed in-process, in a process pool or on Dask."""
    if scheduler is None and n_process <= 1:
        for chunk in _chunks(indexed, chunk_size):
            yield from _work(chunk, job, local=True)
        return
    if scheduler is not None:
        yield from _run_dask(indexed, job, n_process=n_process, chunk_size=chunk_size, scheduler=scheduler)
        return
    ctx = multiprocessing.get_context(mp_context or _default_context())
    if ctx.get_start_method() == "fork":
        _warm_up(job.extract, job.instruments)
    executor = ProcessPoolExecutor(n_process, mp_context=ctx)
    pending: deque[tuple[list[tuple[int, Item]], Future[list[_Outcome]]]] = deque()
    try:
        chunks = _chunks(indexed, chunk_size)
        while True:
            while len(pending) < 2 * n_process and (new := next(chunks, None)) is not None:
                try:
                    pending.append((new, executor.submit(_work, new, job)))
                except BrokenProcessPool as exc:  # broke since the last result: settled below
                    broken: Future[list[_Outcome]] = Future()
                    broken.set_exception(exc)
                    pending.append((new, broken))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                # a worker died (killed, out of memory, crashed in C): redo what was in flight one
                # input at a time in fresh pools, so only the input that kills a worker fails
                redo = [chunk, *(c for c, _ in pending)]
                pending.clear()
                executor.shutdown(wait=False, cancel_futures=True)
                executor, outcomes_redo = _isolate(redo, job, n_process, ctx)
                yield from outcomes_redo
                continue
            yield from outcomes
    finally:
        for _, f in pending:
            f.cancel()
        executor.shutdown(wait=True, cancel_futures=True)


_CRASH = "the worker process died while analyzing this input (killed, out of memory or crashed)"


def _isolate(
    chunks: list[list[tuple[int, Item]]], job: _Job, n_process: int, ctx: Any
) -> tuple[ProcessPoolExecutor, list[_Outcome]]:
    """Run each input of ``chunks`` alone; an input whose worker dies gets a ``WorkerCrashed``
    failure. Returns a fresh pool and the outcomes in input order."""
    executor = ProcessPoolExecutor(n_process, mp_context=ctx)
    out: list[_Outcome] = []
    for index, item in (x for c in chunks for x in c):
        try:
            out.extend(executor.submit(_work, [(index, item)], job).result())
        except BrokenProcessPool:
            executor.shutdown(wait=False, cancel_futures=True)
            executor = ProcessPoolExecutor(n_process, mp_context=ctx)
            failure = Failure(index, _as_path(item), "WorkerCrashed", _CRASH)
            exc = None if job.catch else RuntimeError(f"{failure.path or f'item {index}'}: {_CRASH}")
            out.append(_Outcome(index, failure, exc))
    return executor, out


def _run_dask(
    indexed: Iterable[tuple[int, Item]], job: _Job, *, n_process: int, chunk_size: int, scheduler: Any
) -> Iterator[_Outcome]:
    executor, close = _dask_executor(scheduler, max(1, n_process))
    pending: deque[Future[list[_Outcome]]] = deque()
    try:
        for chunk in _chunks(indexed, chunk_size):
            pending.append(executor.submit(_work, chunk, job))
            while len(pending) >= 4 * max(1, n_process):
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for f in pending:
            f.cancel()
        close()


# -- analyze_many ----------------------------------------------------------------------------------


@overload
def analyze_many(
    items: Iterable[Item],
    *,
    n_process: int = ...,
    on_error: Literal["raise", "skip"] = ...,
    as_tuples: Literal[False] = ...,
    extract: Collection[str] = ...,
    instruments: bool = ...,
    chunk_size: int = ...,
    max_bytes: int = ...,
    scheduler: Any = ...,
    mp_context: str | None = ...,
) -> Iterator[Document]: ...
@overload
def analyze_many(
    items: Iterable[Item],
    *,
    n_process: int = ...,
    on_error: Literal["record"],
    as_tuples: Literal[False] = ...,
    extract: Collection[str] = ...,
    instruments: bool = ...,
    chunk_size: int = ...,
    max_bytes: int = ...,
    scheduler: Any = ...,
    mp_context: str | None = ...,
) -> Iterator[Document | Failure]: ...
@overload
def analyze_many(
    items: Iterable[tuple[Item, C]],
    *,
    n_process: int = ...,
    on_error: Literal["raise", "skip"] = ...,
    as_tuples: Literal[True],
    extract: Collection[str] = ...,
    instruments: bool = ...,
    chunk_size: int = ...,
    max_bytes: int = ...,
    scheduler: Any = ...,
    mp_context: str | None = ...,
) -> Iterator[tuple[Document, C]]: ...
@overload
def analyze_many(
    items: Iterable[tuple[Item, C]],
    *,
    n_process: int = ...,
    on_error: Literal["record"],
    as_tuples: Literal[True],
    extract: Collection[str] = ...,
    instruments: bool = ...,
    chunk_size: int = ...,
    max_bytes: int = ...,
    scheduler: Any = ...,
    mp_context: str | None = ...,
) -> Iterator[tuple[Document | Failure, C]]: ...
def analyze_many(
    items: Iterable[Any],
    *,
    n_process: int = 1,
    on_error: OnError = "raise",
    as_tuples: bool = False,
    extract: Collection[str] = EXTRACTORS,
    instruments: bool = False,
    chunk_size: int = 8,
    max_bytes: int = DEFAULT_MAX_BYTES,
    scheduler: Any = None,
    mp_context: str | None = None,
) -> Iterator[Any]:
    """Analyze paths, texts or :class:`RawText` objects; yield Documents in input order.

    ``n_process``: worker processes (1: in this process, lazily, no pool; -1: ``os.cpu_count()``).
    ``on_error``: ``"raise"`` re-raises the first error (after yielding what came before it),
    ``"record"`` yields a :class:`Failure` in its place, ``"skip"`` drops the input.
    ``as_tuples``: items are ``(item, context)`` pairs and ``(doc, context)`` pairs come out.
    ``instruments``: the actions carry their policy instrument (as ``analyze(..., instruments=True)``).
    ``scheduler``: a ``distributed.Client``, a scheduler address (``tcp://host:8786``) or
    ``"local"`` (a LocalCluster of ``n_process`` workers) to run on Dask instead of a local pool.
    Files above ``max_bytes`` fail with :class:`~policy_nlp.errors.LoadError`, as do empty files and
    binary content. A ``str`` naming a file (one line, existing or ending in ``.txt``/``.md``/
    ``.html``/``.pdf``) is read as a path; any other ``str`` is the document text.
    """
    if on_error not in ("raise", "record", "skip"):
        raise ValueError(f"on_error must be one of 'raise', 'record', 'skip', not {on_error!r}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be >= 1, not {chunk_size}")
    unknown = set(extract) - set(EXTRACTORS)
    if unknown:
        raise ValueError(f"unknown extractor(s) {sorted(unknown)}; valid: {list(EXTRACTORS)}")
    n = (os.cpu_count() or 1) if n_process == -1 else n_process
    job = _Job(
        extract=tuple(extract), max_bytes=max_bytes, catch=on_error != "raise", instruments=instruments
    )
    return _analyze_many(items, n, on_error, as_tuples, job, chunk_size, scheduler, mp_context)


def _analyze_many(
    items: Iterable[Any],
    n_process: int,
    on_error: OnError,
    as_tuples: bool,
    job: _Job,
    chunk_size: int,
    scheduler: Any,
    mp_context: str | None,
) -> Iterator[Any]:
    contexts: dict[int, Any] = {}

    def indexed() -> Iterator[tuple[int, Item]]:
        for i, entry in enumerate(items):
            if as_tuples:
                item, contexts[i] = entry
            else:
                item = entry
            yield i, item

    for out in _run(
        indexed(), job, n_process=n_process, chunk_size=chunk_size, scheduler=scheduler, mp_context=mp_context
    ):
        if out.exc is not None:
            raise out.exc
        if isinstance(out.result, Failure) and on_error == "skip":
            contexts.pop(out.index, None)
            continue
        yield (out.result, contexts.pop(out.index)) if as_tuples else out.result


# -- files into the store --------------------------------------------------------------------------


def iter_files(patterns: Iterable[str], *, suffixes: Collection[str] = SUFFIXES) -> Iterator[str]:
    """Expand files, folders (walked, sorted, only ``suffixes``) and glob patterns, each path once.

    A pattern that matches nothing is yielded as given, so that it fails with a record. A folder's
    README.md, GOLD.md and the like (:data:`NOT_DOCUMENTS`) are not documents and are left out.
    """
    seen: set[str] = set()
    sfx = tuple(s.lower() for s in suffixes)

    def emit(path: str) -> Iterator[str]:
        key = os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            yield path

    for pattern in patterns:
        matches = sorted(glob.glob(pattern, recursive=True)) if glob.has_magic(pattern) else [pattern]
        if not matches:
            yield from emit(pattern)
        for m in matches:
            if os.path.isdir(m):
                for root, dirs, files in os.walk(m):
                    dirs.sort()
                    for f in sorted(files):
                        if f.lower().endswith(sfx) and f.lower().rsplit(".", 1)[0] not in NOT_DOCUMENTS:
                            yield from emit(os.path.join(root, f))
            else:
                yield from emit(m)


@dataclass(slots=True)
class BatchSummary:
    """Counts of one :func:`run_batch`: files listed, documents stored, files skipped because their
    content was already stored (``duplicates`` of them: a copy from another path), failures."""

    db: str
    run: int
    files: int = 0
    stored: int = 0
    skipped: int = 0
    duplicates: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.stored + self.skipped + self.failed

    def line(self) -> str:
        """One human summary line.

        >>> BatchSummary("r.sqlite", 1, files=3, stored=2, failed=1, seconds=1.5).line()
        '3 files: 2 stored, 0 skipped (already stored, 0 duplicate paths), 1 failed in 1.5 s -> r.sqlite'
        """
        return (
            f"{self.files} files: {self.stored} stored, {self.skipped} skipped (already stored, "
            f"{self.duplicates} duplicate paths), {self.failed} failed in {self.seconds:.1f} s -> {self.db}"
        )


def _sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def run_batch(
    paths: Sequence[str],
    db: str | os.PathLike[str],
    *,
    n_process: int = 1,
    scheduler: Any = None,
    extract: Collection[str] = EXTRACTORS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    chunk_size: int = 4,
    commit_every: int = 16,
    argv: Sequence[str] = (),
    progress: Callable[[BatchSummary], None] | None = None,
    mp_context: str | None = None,
    reanalyze: bool = False,
    instruments: bool = False,
) -> BatchSummary:
    """Analyze files into the store at ``db``; resumable and idempotent.

    Each file is hashed first (in this process): content already stored by this version of
    policy_nlp is skipped (its path is recorded; ``duplicate`` when the stored copy came from
    another path). Content stored by another version, or any stored content with ``reanalyze``, is
    analyzed again and its stored document replaced. The rest is analyzed by
    workers, which return rows; only this process writes, ``commit_every`` documents per
    transaction, so a killed run leaves whole documents only and a rerun completes it. Every failure
    (unreadable, empty, binary, too large, vanished, any exception in any stage) is recorded in
    ``failures`` with its exception type, and the batch goes on. ``progress`` is called after each
    file with the running summary. ``instruments``: the actions carry their policy instrument; the
    option is stored per document, so content stored with the other setting is analyzed again and
    replaced, like content of another version.
    """
    from policy_nlp import store

    conn = store.open_store(db)
    run = store.start_run(conn, argv)
    summary = BatchSummary(os.fspath(db), run, files=len(paths))
    t0 = time.perf_counter()
    known = set() if reanalyze else store.known_hashes(conn, analyzer=store.ANALYZER, instruments=instruments)
    stale = store.known_hashes(conn) - known  # stored, but to be analyzed again and replaced
    waiting: dict[str, list[tuple[int, str]]] = {}  # sha256 in flight → later paths with that content
    failed_content: dict[str, tuple[str, Failure]] = {}  # sha256 → (first path, its failure)
    item_paths: dict[int, tuple[str, str]] = {}

    def tick() -> None:
        summary.seconds = time.perf_counter() - t0
        if progress is not None:
            progress(summary)

    def fail(index: int, path: str, exc_type: str, message: str, sha: str | None) -> None:
        summary.failed += 1
        summary.failures.append(Failure(index, path, exc_type, message, sha))
        store.record_failure(conn, path, exc_type, message, sha256=sha, run=run)

    def to_analyze() -> Iterator[tuple[int, Item]]:
        for i, path in enumerate(paths):
            try:
                _check_size(path, max_bytes)  # never hash what would not be read
                sha = _sha256_file(path)
            except (OSError, LoadError) as exc:
                err = exc if isinstance(exc, LoadError) else _os_error(path, exc)
                fail(i, path, type(err).__name__, str(err), None)
                tick()
                continue
            if sha in waiting:  # same content as a file still in flight: settled when that one is
                waiting[sha].append((i, path))  # written (a duplicate) or fails (the same failure)
                continue
            if sha in failed_content:
                first, f = failed_content[sha]
                fail(i, path, f.error_type, f"same content as {first}: {f.message}", sha)
                tick()
                continue
            if sha in known:
                row = conn.execute("SELECT path FROM documents WHERE sha256 = ?", (sha,)).fetchone()
                summary.duplicates += row is not None and row[0] != path
                store.record_path(conn, path, sha, run=run)
                summary.skipped += 1
                tick()
                continue
            waiting[sha] = []
            item_paths[i] = (path, sha)
            yield i, path

    job = _Job(extract=tuple(extract), max_bytes=max_bytes, rows=True, instruments=instruments)
    batch: list[tuple[str, str, _Outcome]] = []

    def flush() -> None:
        if not batch:
            return
        with store.transaction(conn):
            for path, sha, out in batch:
                dups = waiting.pop(sha, [])
                if isinstance(out.result, Failure):
                    f = out.result
                    failed_content[sha] = (path, f)
                    store.record_failure(conn, path, f.error_type, f.message, sha256=sha, run=run)
                    for i, dup in dups:
                        message = f"same content as {path}: {f.message}"
                        summary.failed += 1
                        summary.failures.append(Failure(i, dup, f.error_type, message, sha))
                        store.record_failure(conn, dup, f.error_type, message, sha256=sha, run=run)
                    continue
                known.update((sha, out.result.sha256))
                replace = sha in stale
                stale.discard(sha)
                if not store.write_rows(conn, out.result, path=path, run=run, replace=replace):
                    summary.stored -= 1  # its content was stored meanwhile (another process)
                    summary.skipped += 1
                    summary.duplicates += 1
                for _, dup in dups:
                    store.record_path(conn, dup, out.result.sha256, run=run)
                summary.skipped += len(dups)
                summary.duplicates += len(dups)
        batch.clear()

    try:
        for out in _run(
            to_analyze(),
            job,
            n_process=n_process,
            chunk_size=chunk_size,
            scheduler=scheduler,
            mp_context=mp_context,
        ):
            path, sha = item_paths.pop(out.index)
            if isinstance(out.result, Failure):
                summary.failed += 1
                summary.failures.append(out.result)
            else:
                summary.stored += 1
            batch.append((path, sha, out))
            if len(batch) >= commit_every:
                flush()
            tick()
        flush()
        tick()
        store.finish_run(
            conn,
            run,
            files=summary.files,
            stored=summary.stored,
            skipped=summary.skipped,
            failed=summary.failed,
        )
    finally:
        conn.close()
    return summary
