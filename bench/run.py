"""Benchmark of the batch pipeline: ``make bench`` (``.venv/bin/python bench/run.py [--quick | --docs N]``).

Builds a corpus at run time from ``../shared/corpora`` (laws in Markdown, the seed) and the bundled
``corpora/*.txt`` (falling back to the bundled corpus alone), never copying a document into the
repository, and reports in one run:

* analyze (all extractors) chars/s and docs/s in one process, next to raw ``jieba.lcut`` over the
  same texts (a private, initialized ``jieba.Tokenizer``) — without and with word segmentation;
* the speed-up from 1 to 2 worker processes and each worker's peak RSS;
* the SQLite write cost (docs/s writing the store vs. analyzing) and an end-to-end ``run_batch``;
* the top cProfile hot spots of the pipeline;
* a ~3 M-character text analyzed as it is (with its line breaks) and as ONE line (database exports,
  JSON fields and HTML without block tags arrive so): linear stages keep the two within 2× (issue 15).
  Each runs in its own process under a time limit (``--one-line-limit``); one that does not finish
  is reported as such, with the stage it was in.

It writes ``docs/performance.md`` (the table, the machine, the date) and prints it; dated notes
after the line ``<!-- bench/run.py keeps everything below this line -->`` are kept.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import cProfile
import datetime as dt
import io
import multiprocessing
import os
import platform
import pstats
import random
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
GOALS = {  # issue 15
    "analyze_vs_jieba": 3.0,
    "analyze_seg_vs_jieba": 1.0,
    "speedup_2": 1.85,
    "rss_mb": 100.0,
}


# -- corpus ----------------------------------------------------------------------------------------


def corpus_paths(n: int, *, seed: int = 0) -> tuple[list[str], str]:
    """``n`` paths (cycling when the sources are fewer) and a description of where they came from."""
    bundled = sorted(str(p) for p in (ROOT / "corpora").glob("*.txt"))
    if SHARED.is_dir():
        laws = sorted(str(p) for p in (SHARED / "laws").rglob("*.md") if p.name != "README.md")
        random.Random(seed).shuffle(laws)
        seed_doc = (
            [str(SHARED / "shanghai_acftu_2011.txt")] if (SHARED / "shanghai_acftu_2011.txt").exists() else []
        )
        pool = seed_doc + bundled + laws
        where = f"{len(laws)} laws of ../shared/corpora/laws, the seed and {len(bundled)} bundled documents"
    else:
        pool = bundled
        where = f"the {len(bundled)} bundled documents (../shared/corpora absent)"
    return [pool[i % len(pool)] for i in range(n)], where


def load_all(paths: Sequence[str]) -> list[Any]:
    from policy_nlp.io import load

    out = []
    for p in paths:
        try:
            out.append(load(p))
        except Exception as exc:  # a bench skips what cannot be read
            print(f"bench: skipping {p}: {exc}", file=sys.stderr)
    return out


# -- workers ---------------------------------------------------------------------------------------


def _rss_mb() -> float:
    """Peak RSS of this process in MB: ``VmHWM`` where /proc has it, else ``getrusage``'s
    ``ru_maxrss`` (which Linux carries over fork + exec from the parent, so a spawned worker would
    report the parent's peak)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _warm(_: int) -> int:
    from policy_nlp.pipeline import analyze

    analyze("关于开展劳动竞赛的意见\n一、总体要求\n到2015年,比重达到30%。")
    time.sleep(0.3)  # hold the worker so the next warm-up task starts the other one
    return os.getpid()


def _analyze_chunk(raws: list[Any]) -> tuple[int, float, int]:
    from policy_nlp.pipeline import analyze_raw

    for raw in raws:
        analyze_raw(raw)
    return os.getpid(), _rss_mb(), len(raws)


def pool_run(raws: Sequence[Any], workers: int, chunk: int = 8) -> dict[str, Any]:
    """Wall time of analyzing ``raws`` in a fresh pool of ``workers`` spawned processes (started and
    warmed up before timing, so the parent's memory is not counted in their RSS)."""
    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(workers, mp_context=ctx) as ex:
        list(ex.map(_warm, range(workers)))
        chunks = [list(raws[i : i + chunk]) for i in range(0, len(raws), chunk)]
        t0 = time.perf_counter()
        results = list(ex.map(_analyze_chunk, chunks))
        seconds = time.perf_counter() - t0
    rss: dict[int, float] = {}
    for pid, mb, _ in results:
        rss[pid] = max(rss.get(pid, 0.0), mb)
    return {"seconds": seconds, "rss": sorted(rss.values(), reverse=True)}


# -- one line ------------------------------------------------------------------------------------

ONE_LINE_CHARS = 3_000_000
ONE_LINE_GOAL = 2.0


def one_line_texts(raws: Sequence[Any], chars: int = ONE_LINE_CHARS) -> tuple[str, str]:
    """(text with its line breaks, the same text as one line), about ``chars`` characters: the
    corpus documents one after another, repeated as needed."""
    parts: list[str] = []
    total = 0
    k = 0
    while total < chars and raws:
        t = raws[k % len(raws)].text
        parts.append(t)
        total += len(t) + 1
        k += 1
    lined = "\n".join(parts)[:chars]
    return lined, lined.replace("\r", "").replace("\n", "")


def _stage_times(text: str, conn: Any) -> None:
    """Run analyze's stages on ``text`` one by one, sending (stage, seconds) as each ends, so a run
    stopped by the time limit still says where it was."""
    from policy_nlp.extract.actions import attach_bodies, find_actions
    from policy_nlp.extract.assignments import assign_tasks
    from policy_nlp.extract.bodies import attach_line_bodies, find_bodies
    from policy_nlp.extract.citations import find_citations
    from policy_nlp.extract.goals import find_goals
    from policy_nlp.extract.targets import find_targets
    from policy_nlp.model import RawText
    from policy_nlp.normalize import normalize
    from policy_nlp.structure.meta import parse_meta
    from policy_nlp.structure.outline import find_sections
    from policy_nlp.structure.sentences import find_sentences
    from policy_nlp.structure.tables import find_tables

    def step(name: str, fn: Any) -> Any:
        conn.send((name, None))
        t0 = time.perf_counter()
        out = fn()
        conn.send((name, time.perf_counter() - t0))
        return out

    raw = RawText(text=text, sha256="0" * 64, format="text")
    norm, _ = step("normalize", lambda: normalize(raw))
    meta = step("parse_meta", lambda: parse_meta(norm))
    tables = step("find_tables", lambda: find_tables(norm))
    sections = step("find_sections", lambda: find_sections(norm, tables=tables))
    sentences = step("find_sentences", lambda: find_sentences(norm, tables=tables))
    targets = step(
        "find_targets",
        lambda: find_targets(norm, sections=sections, sentences=sentences, year=None, title=meta.title),
    )
    citations = step("find_citations", lambda: find_citations(norm, sentences=sentences))
    bodies = step("find_bodies", lambda: find_bodies(norm, meta=meta, sections=sections, sentences=sentences))
    step("find_goals", lambda: find_goals(norm, sections=sections, sentences=sentences, targets=targets))
    actions = step(
        "find_actions",
        lambda: find_actions(
            norm, sections=sections, sentences=sentences, bodies=bodies, targets=targets, citations=citations
        ),
    )
    assigned = step(
        "assign_tasks",
        lambda: assign_tasks(
            norm, tables=tables, sections=sections, bodies=bodies, targets=targets, actions=actions, year=None
        ),
    )
    targets = step("attach_bodies", lambda: attach_bodies(targets, list(assigned.actions)))
    step("attach_line_bodies", lambda: attach_line_bodies(norm, targets, list(assigned.bodies)))
    conn.send(("done", None))


def staged_run(text: str, limit: float) -> tuple[dict[str, float], str | None]:
    """Seconds per stage of analyzing ``text`` in a spawned process, and the stage that was still
    running when ``limit`` seconds had passed (None when all finished)."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_stage_times, args=(text, child), daemon=True)
    proc.start()
    child.close()
    times: dict[str, float] = {}
    running: str | None = "start"
    deadline = time.perf_counter() + limit
    try:
        while True:
            left = deadline - time.perf_counter()
            if left <= 0 or not parent.poll(left):
                break
            name, seconds = parent.recv()
            if name == "done":
                running = None
                break
            if seconds is None:
                running = name
            else:
                times[name] = seconds
    except EOFError:  # the worker died
        pass
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join()
    return times, running


def one_line_rows(raws: Sequence[Any], limit: float, chars: int = ONE_LINE_CHARS) -> list[str]:
    """Markdown: the whole-text row (lines vs one line) and a row per stage."""
    lined, flat = one_line_texts(raws, chars)
    t_lines, stuck_lines = staged_run(lined, limit)
    t_flat, stuck_flat = staged_run(flat, limit)

    def total(times: dict[str, float], stuck: str | None) -> str:
        s = sum(times.values())
        return f"{s:.1f} s" if stuck is None else f"> {limit:.0f} s (stopped in `{stuck}`)"

    ratio = (
        sum(t_flat.values()) / sum(t_lines.values())
        if stuck_lines is None and stuck_flat is None and sum(t_lines.values()) > 0
        else float("nan")
    )
    met = "n/a" if ratio != ratio else ("yes" if ratio <= ONE_LINE_GOAL else "**no**")
    rows = [
        f"## One line (issue 15): {len(lined):,} characters with line breaks vs {len(flat):,} as one line",
        "",
        "| stage | with line breaks, s | one line, s | ratio | goal | met |",
        "|---|---:|---:|---:|---|---|",
        f"| all stages | {total(t_lines, stuck_lines)} | {total(t_flat, stuck_flat)} |"
        f" {'n/a' if ratio != ratio else f'{ratio:.2f}×'} | ≤ {ONE_LINE_GOAL:.0f}× | {met} |",
    ]
    for name in dict.fromkeys([*t_lines, *t_flat, *(s for s in (stuck_lines, stuck_flat) if s)]):
        a = f"{t_lines[name]:.2f}" if name in t_lines else ("stopped" if name == stuck_lines else "")
        b = f"{t_flat[name]:.2f}" if name in t_flat else ("stopped" if name == stuck_flat else "")
        r = f"{t_flat[name] / t_lines[name]:.2f}×" if name in t_lines and name in t_flat and t_lines[name] > 0 else ""
        rows.append(f"| `{name}` | {a} | {b} | {r} | | |")
    rows.append("")
    return rows


# -- measures --------------------------------------------------------------------------------------


def timed(fn: Any, items: Sequence[Any], repeat: int = 1) -> float:
    """Seconds for ``fn`` over ``items``: the fastest of ``repeat`` passes (noise only slows down)."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        for x in items:
            fn(x)
        best = min(best, time.perf_counter() - t0)
    return best


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = f", load average {os.getloadavg()[0]:.1f} at start" if hasattr(os, "getloadavg") else ""
    return (
        f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()},"
        f" Python {platform.python_version()}{load}"
    )


STAGES = (  # in the pipeline's order (policy_nlp.pipeline.analyze_raw)
    "normalize",
    "parse_meta",
    "find_tables",
    "find_sections",
    "find_sentences",
    "find_targets",
    "find_incentives",
    "find_citations",
    "find_bodies",
    "find_goals",
    "find_actions",
    "assign_tasks",
    "attach_bodies",
    "attach_line_bodies",
)


def profile(
    raws: Sequence[Any], top: int = 15
) -> tuple[list[tuple[str, float, float, int]], list[tuple[str, float]]]:
    from policy_nlp.pipeline import analyze_raw

    prof = cProfile.Profile()
    prof.enable()
    for raw in raws:
        analyze_raw(raw)
    prof.disable()
    stats = pstats.Stats(prof, stream=io.StringIO())
    rows = []
    for (file, line, name), (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rel = os.path.relpath(file, ROOT) if file.startswith(str(ROOT)) else os.path.basename(file)
        rows.append((f"{rel}:{line}({name})", tt, ct, nc))
    rows.sort(key=lambda r: r[1], reverse=True)
    stages: dict[str, float] = {}
    for (file, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if name in STAGES and "policy_nlp" in file:
            stages[name] = max(stages.get(name, 0.0), ct)
    return rows[:top], [(name, stages[name]) for name in STAGES if name in stages]


def best_pool_run(raws: Sequence[Any], workers: int, repeat: int) -> dict[str, Any]:
    """The fastest of ``repeat`` pool runs (a shared machine adds noise, never speed)."""
    runs = [pool_run(raws, workers) for _ in range(max(1, repeat))]
    return min(runs, key=lambda r: float(r["seconds"]))


def run(
    n_docs: int, sample: int, out: Path | None, *, repeat: int = 1, one_line_limit: float = 300.0
) -> str:
    import jieba

    from policy_nlp.batch import run_batch
    from policy_nlp.pipeline import analyze_raw
    from policy_nlp.store import document_rows, open_store, transaction, write_rows

    host = machine()
    paths, where = corpus_paths(n_docs)
    t_load = time.perf_counter()
    raws = load_all(paths)
    t_load = time.perf_counter() - t_load
    chars = sum(len(r.text) for r in raws)
    sample_raws = raws[: min(sample, len(raws))]
    sample_chars = sum(len(r.text) for r in sample_raws)

    # 1. one process, same sample: raw jieba, analyze, analyze + segmentation
    tok = jieba.Tokenizer()
    tok.initialize()
    analyze_raw(sample_raws[0])
    t_jieba = timed(lambda r: tok.lcut(r.text), sample_raws, repeat)
    t_analyze = timed(analyze_raw, sample_raws, repeat)
    docs = [analyze_raw(r) for r in sample_raws]
    try:
        from policy_nlp.segment import segment

        segment("测试分词")
        t_seg = timed(lambda r: segment(analyze_raw(r).text), sample_raws, repeat)
        t_seg_only = timed(lambda d: segment(d.text), docs, repeat)
    except ImportError:
        t_seg = t_seg_only = float("nan")

    # 2. SQLite write cost
    with tempfile.TemporaryDirectory() as tmp:
        conn = open_store(Path(tmp) / "w.sqlite")
        t0 = time.perf_counter()
        for i in range(0, len(docs), 16):
            with transaction(conn):
                for d in docs[i : i + 16]:
                    write_rows(conn, document_rows(d))
        t_write = time.perf_counter() - t0
        conn.close()

        # 3. scaling 1 → 2 processes over the whole corpus
        one = best_pool_run(raws, 1, repeat)
        two = best_pool_run(raws, 2, repeat)

        # 4. end to end: files → store, 2 processes
        t0 = time.perf_counter()
        summary = run_batch(paths, Path(tmp) / "e2e.sqlite", n_process=2)
        t_e2e = time.perf_counter() - t0

    hot, stages = profile(sample_raws[: min(150, len(sample_raws))])
    one_line = one_line_rows(raws, one_line_limit) if one_line_limit > 0 else []
    total_stage = sum(t for _, t in stages) or 1.0

    rate = lambda n, s: n / s if s > 0 else float("nan")  # noqa: E731
    jieba_cps = rate(sample_chars, t_jieba)
    an_cps = rate(sample_chars, t_analyze)
    seg_cps = rate(sample_chars, t_seg)
    speedup = one["seconds"] / two["seconds"]
    rss = max(one["rss"] + two["rss"])

    def ok(value: float, goal: float, *, below: bool = False) -> str:
        if value != value:  # NaN
            return "n/a"
        return "yes" if (value < goal if below else value >= goal) else "**no**"

    lines = [
        "# Performance",
        "",
        f"Measured by `make bench` (`bench/run.py --docs {n_docs} --repeat {repeat}`) on {dt.date.today().isoformat()}.",
        f"Machine: {host}.",
        f"Corpus: {len(raws)} documents, {chars:,} characters, drawn from {where} (read at run time;"
        f" loading took {t_load:.1f} s). Single-process figures use the first {len(sample_raws)} documents"
        f" ({sample_chars:,} characters) for every row, so the rows are comparable. Every row is the"
        f" fastest of {repeat} run(s): the machine is shared, and noise only ever slows a run down.",
        "",
        "| measure | chars/s | docs/s | vs. raw jieba | goal | met |",
        "|---|---:|---:|---:|---|---|",
        f"| raw `jieba.lcut` (private Tokenizer, initialized), 1 process | {jieba_cps:,.0f} |"
        f" {rate(len(sample_raws), t_jieba):.1f} | 1.00× | baseline | |",
        f"| analyze, all extractors, no segmentation, 1 process | {an_cps:,.0f} | {rate(len(sample_raws), t_analyze):.1f} |"
        f" {an_cps / jieba_cps:.2f}× | ≥ {GOALS['analyze_vs_jieba']}× | {ok(an_cps / jieba_cps, GOALS['analyze_vs_jieba'])} |",
        f"| `policy_nlp.segment.segment(text)` alone, 1 process | {rate(sample_chars, t_seg_only):,.0f} |"
        f" {rate(len(sample_raws), t_seg_only):.1f} | {rate(sample_chars, t_seg_only) / jieba_cps:.2f}× | | |",
        f"| analyze + `segment(text)`, 1 process | {seg_cps:,.0f} | {rate(len(sample_raws), t_seg):.1f} |"
        f" {seg_cps / jieba_cps:.2f}× | ≥ {GOALS['analyze_seg_vs_jieba']}× |"
        f" {ok(seg_cps / jieba_cps, GOALS['analyze_seg_vs_jieba'])} |",
        f"| analyze, pool of 1 process, whole corpus | {rate(chars, one['seconds']):,.0f} |"
        f" {rate(len(raws), one['seconds']):.1f} | | | |",
        f"| analyze, pool of 2 processes, whole corpus | {rate(chars, two['seconds']):,.0f} |"
        f" {rate(len(raws), two['seconds']):.1f} | speed-up {speedup:.2f}× | ≥ {GOALS['speedup_2']}× |"
        f" {ok(speedup, GOALS['speedup_2'])} |",
        f"| SQLite write (`document_rows` + `write_rows`, 16 docs/transaction) | |"
        f" {rate(len(docs), t_write):.1f} | {t_write / t_analyze:.0%} of analyze time | | |",
        f"| end to end `run_batch`, files → store, 2 processes | {rate(chars, t_e2e):,.0f} |"
        f" {rate(summary.files, t_e2e):.1f} | {summary.failed} failed | | |",
        "",
        f"Peak RSS per worker (spawned; `VmHWM` read in the worker — `getrusage().ru_maxrss` would"
        f" report the parent's peak, which Linux carries over fork + exec): "
        f"{', '.join(f'{m:.0f} MB' for m in one['rss'] + two['rss'])} — goal < {GOALS['rss_mb']:.0f} MB:"
        f" {ok(rss, GOALS['rss_mb'], below=True)}.",
        "",
        f"## Stages (cProfile, analyze of {min(150, len(sample_raws))} documents, cumulative time)",
        "",
        "| stage | s | share |",
        "|---|---:|---:|",
        *(f"| `{name}` | {t:.3f} | {t / total_stage:.0%} |" for name, t in stages),
        "",
        "## Hot spots (same profile, by own time)",
        "",
        "| function | own s | cumulative s | calls |",
        "|---|---:|---:|---:|",
        *(f"| `{name}` | {tt:.3f} | {ct:.3f} | {nc:,} |" for name, tt, ct, nc in hot),
        "",
        *one_line,
    ]
    text = "\n".join(lines)
    if out is not None:
        out.write_text(text + kept_notes(out), encoding="utf-8")
    return text


NOTES_MARK = "<!-- bench/run.py keeps everything below this line -->"


def kept_notes(out: Path) -> str:
    """The dated notes at the end of ``out`` (from :data:`NOTES_MARK` on), which a new run keeps."""
    try:
        old = out.read_text(encoding="utf-8")
    except OSError:
        return ""
    k = old.find(NOTES_MARK)
    return "" if k < 0 else "\n" + old[k:]


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--docs", type=int, default=2000, metavar="N", help="corpus size (default 2000)")
    p.add_argument("--quick", action="store_true", help="200 documents")
    p.add_argument(
        "--sample", type=int, default=400, help="documents for the single-process rows (default 400)"
    )
    p.add_argument("--repeat", type=int, default=2, help="runs of each measure; the fastest is reported")
    p.add_argument(
        "--one-line-limit",
        type=float,
        default=300.0,
        metavar="S",
        help="seconds allowed to each run of the one-line row (default 300; 0 skips the row)",
    )
    p.add_argument("--one-line-only", action="store_true", help="print only the one-line row")
    p.add_argument("-o", "--output", default=str(ROOT / "docs" / "performance.md"), help="'-' for none")
    args = p.parse_args(argv)
    n = 200 if args.quick else args.docs
    out = None if args.output == "-" else Path(args.output)
    if args.one_line_only:
        paths, _where = corpus_paths(n)
        print("\n".join(one_line_rows(load_all(paths), args.one_line_limit)))
        return 0
    print(run(n, min(args.sample, n), out, repeat=args.repeat, one_line_limit=args.one_line_limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
