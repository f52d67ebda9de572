"""A faster constructor for the frozen record types, for the loops that make thousands of them.

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``; for a record type
with slots, :func:`fast_constructor` returns a function that takes the same positional arguments and
sets the slots through their descriptors instead — about twice as fast, and the very same record.
Record types with a ``__post_init__`` (or without slots) get their own constructor back.

>>> from policy_nlp.model import Section
>>> make = fast_constructor(Section)
>>> make("1", 1, "一、", "总则", 0, 5, None) == Section("1", 1, "一、", "总则", 0, 5, None)
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from functools import cache
from typing import Any, TypeVar

__all__ = ["fast_constructor"]

R = TypeVar("R")


@cache
def fast_constructor(cls: type[R]) -> Callable[..., R]:
    """``cls(*fields)`` without the frozen ``__init__``: one descriptor call per slot, written out
    (as :mod:`dataclasses` writes its ``__init__``), since a loop over the slots costs what it saves."""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    if hasattr(cls, "__post_init__") or set(names) - set(getattr(cls, "__slots__", ())):
        return cls
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    namespace.update((f"set_{n}", getattr(cls, n).__set__) for n in names)
    sets = "".join(f"    set_{n}(x, {n})\n" for n in names)
    exec(f"def make({', '.join(names)}):\n    x = new(cls)\n{sets}    return x\n", namespace)
    return namespace["make"]  # type: ignore[no-any-return]
