"""``policy-nlp graph``. (Placeholder until its issue lands.)"""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser("graph", help="(not yet available)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print("policy-nlp graph: not yet available")
    return 2
