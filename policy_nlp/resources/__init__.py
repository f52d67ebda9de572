"""Bundled data files: dictionaries and pattern tables, as UTF-8 TSV/TXT with examples.

A ``.tsv`` resource has a header row; lines starting with ``#`` are comments. Multi-valued cells
separate values with ``|``. Every table that can have an ``examples`` column has one, and a test
checks that each example is found by the code using the table.

>>> rows = read_tsv("terms.tsv")
>>> rows[0].keys() >= {"term"}
True
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from policy_nlp.errors import ResourceError

__all__ = ["read_json", "read_lines", "read_tsv", "resource_path"]


def resource_path(name: str) -> str:
    """Filesystem path of a bundled resource."""
    return str(resources.files(__package__).joinpath(name))


@cache
def _read(name: str) -> str:
    try:
        return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ResourceError(f"missing resource {name!r}: {exc}") from exc


def read_json(name: str) -> Any:
    """A JSON resource, parsed; not cached (the callers keep what they build from it, and the model
    files are megabytes). Raises ResourceError naming the file when it is missing or not JSON.

    >>> read_json("no_such_file.json")
    Traceback (most recent call last):
    ...
    policy_nlp.errors.ResourceError: cannot read resource 'no_such_file.json': ...
    """
    try:
        with resources.files(__package__).joinpath(name).open(encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        raise ResourceError(f"cannot read resource {name!r}: {exc}") from exc


def read_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a text resource."""
    return tuple(ln.strip() for ln in _read(name).splitlines() if ln.strip() and not ln.lstrip().startswith("#"))


@cache
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV resource as dicts keyed by the header; raises ResourceError on a ragged row."""
    lines = [ln for ln in _read(name).splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise ResourceError(f"resource {name!r} is empty")
    header = lines[0].split("\t")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) > len(header):
            raise ResourceError(f"{name}: row {n} has {len(cells)} cells, header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells, strict=True)))
    return tuple(rows)
