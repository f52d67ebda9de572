"""``policy-nlp batch PATH_OR_GLOB... --db results.sqlite`` and ``policy-nlp export --db ... --table T``.

``batch`` walks folders (``.txt .md .html .htm .pdf``), analyzes in ``--jobs`` processes (default:
all CPUs) or on Dask (``--scheduler tcp://host:8786`` or ``--dask`` for a local cluster), writes the
SQLite store, skips content already stored, records every failure and exits 1 when anything failed.
``--instruments`` codes each action's policy instrument; a rerun with the other setting analyzes the
stored content again, so a store never mixes coded and uncoded documents.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from policy_nlp.batch import DEFAULT_MAX_BYTES, BatchSummary, iter_files, run_batch
from policy_nlp.export import EXPORTS, FORMATS, export_table, format_from_path
from policy_nlp.progress import Progress

__all__ = ["register", "run", "run_export"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "batch",
        help="analyze many files into an SQLite store (resumable)",
        description="Analyze files, folders and glob patterns into an SQLite store. Content already "
        "stored by this version of policy_nlp is skipped, so a killed run can simply be restarted; "
        "content stored by another version is analyzed again. Exit 1 when any file failed.",
    )
    p.add_argument("inputs", nargs="+", metavar="PATH_OR_GLOB", help="files, folders or glob patterns")
    p.add_argument("--db", required=True, metavar="results.sqlite", help="the store (created if missing)")
    p.add_argument(
        "-j", "--jobs", type=int, default=None, metavar="N", help="worker processes (default: all CPUs)"
    )
    p.add_argument(
        "--export", metavar="OUT", help="afterwards, export --export-table to OUT (.csv/.jsonl/.parquet)"
    )
    p.add_argument(
        "--export-table", default="targets", choices=EXPORTS, help="table for --export (default: targets)"
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="run on this Dask scheduler")
    where.add_argument("--dask", action="store_true", help="run on a local Dask cluster of --jobs workers")
    p.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"files larger than N bytes fail instead of being read (default {DEFAULT_MAX_BYTES}; 0: no limit)",
    )
    p.add_argument(
        "--progress-interval",
        type=float,
        default=10.0,
        metavar="S",
        help="seconds between lines when not a terminal",
    )
    p.add_argument("--reanalyze", action="store_true", help="analyze stored content again and replace it")
    p.add_argument(
        "--instruments",
        action="store_true",
        help="code each action's policy instrument (type, tool, score); content stored with the other "
        "setting is analyzed again",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    p.set_defaults(func=run)

    e = sub.add_parser("export", help="export a table of a store as CSV, JSON Lines or Parquet")
    e.add_argument("--db", required=True, metavar="results.sqlite", help="the store")
    e.add_argument("--table", required=True, choices=EXPORTS, help="table to export")
    e.add_argument("--format", choices=FORMATS, help="default: from the -o suffix, else csv")
    e.add_argument("-o", "--output", metavar="FILE", help="default: standard output (csv/jsonl)")
    e.set_defaults(func=run_export)


def run(args: argparse.Namespace) -> int:
    jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    if jobs < 1:
        print("policy-nlp batch: --jobs must be >= 1", file=sys.stderr)
        return 2
    if args.export:
        try:
            format_from_path(args.export)
        except ValueError as exc:
            print(f"policy-nlp batch: {exc}", file=sys.stderr)
            return 2
    paths = list(iter_files(args.inputs))
    scheduler = args.scheduler or ("local" if args.dask else None)
    progress = None if args.quiet else Progress(len(paths), interval=args.progress_interval)

    def show(s: BatchSummary) -> None:
        if progress is not None:
            progress.update(done=s.done, failed=s.failed, skipped=s.skipped)

    try:
        summary = run_batch(
            paths,
            args.db,
            n_process=jobs,
            scheduler=scheduler,
            max_bytes=args.max_bytes,
            argv=sys.argv,
            progress=show,
            reanalyze=args.reanalyze,
            instruments=args.instruments,
        )
    except KeyboardInterrupt:
        if progress is not None:
            progress.close()
        print(
            "policy-nlp batch: interrupted; documents written so far are kept, rerun to resume",
            file=sys.stderr,
        )
        return 130
    if progress is not None:
        progress.close(done=summary.done, failed=summary.failed, skipped=summary.skipped)
    for f in summary.failures[:20]:
        print(f"policy-nlp batch: FAILED {f.path}: {f.error_type}: {f.message}", file=sys.stderr)
    if len(summary.failures) > 20:
        print(f"policy-nlp batch: … {len(summary.failures) - 20} more in the failures table", file=sys.stderr)
    print(f"policy-nlp batch: {summary.line()}", file=sys.stderr)
    if args.export:
        n = export_table(args.db, args.export_table, args.export)
        print(f"policy-nlp batch: exported {n} rows of {args.export_table} -> {args.export}", file=sys.stderr)
    return 1 if summary.failed else 0


def run_export(args: argparse.Namespace) -> int:
    fmt = args.format or (format_from_path(args.output) if args.output else "csv")
    if fmt == "parquet" and not args.output:
        print("policy-nlp export: parquet needs -o FILE", file=sys.stderr)
        return 2
    if not os.path.exists(args.db):
        print(f"policy-nlp export: no store at {args.db}", file=sys.stderr)
        return 2
    n = export_table(args.db, args.table, args.output or sys.stdout, format=fmt)
    if args.output:
        print(f"policy-nlp export: {n} rows of {args.table} -> {args.output}", file=sys.stderr)
    return 0
