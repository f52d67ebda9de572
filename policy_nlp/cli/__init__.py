"""The ``policy-nlp`` command: a thin layer over the library, one module per subcommand.

Each subcommand module exposes ``register(subparsers)``, which adds its parser and sets
``func`` to a function ``(argparse.Namespace) -> int`` (the exit code).
Exit codes: 0 success, 1 some input failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

__all__ = ["main"]

#: modules under policy_nlp.cli that register subcommands (``batch`` registers ``batch`` and ``export``)
SUBCOMMANDS = ("analyze", "targets", "assignments", "incentives", "instruments", "graph", "reuse", "batch", "view")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policy-nlp", description="Structured, citable data from Chinese policy documents."
    )
    from policy_nlp import __version__

    parser.add_argument("--version", action="version", version=f"policy-nlp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in SUBCOMMANDS:
        importlib.import_module(f"policy_nlp.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (argparse exits with 2 on usage errors)."""
    from policy_nlp.errors import PolicyNLPError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except PolicyNLPError as exc:  # a store of another version, an unreadable catalog …: one line
        print(f"policy-nlp {args.command}: {exc}", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
