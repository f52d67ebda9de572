"""``policy-nlp batch``. (Placeholder until its issue lands.)"""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser("batch", help="(not yet available)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print("policy-nlp batch: not yet available")
    return 2
