"""fast_constructor gives the very record the dataclass's own constructor gives, for every record type."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest

from policy_nlp import model
from policy_nlp.records import fast_constructor

RECORDS = [
    t
    for t in vars(model).values()
    if isinstance(t, type) and dataclasses.is_dataclass(t) and t.__module__ == model.__name__
]


@pytest.mark.parametrize("cls", RECORDS, ids=[t.__name__ for t in RECORDS])
def test_same_record_as_the_constructor(cls: type) -> None:
    values = [f"v{i}" for i, _ in enumerate(dataclasses.fields(cls))]
    made = fast_constructor(cls)(*values)
    assert type(made) is cls
    assert made == cls(*values)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.__setattr__(dataclasses.fields(cls)[0].name, "x")


def test_a_record_with_post_init_keeps_its_constructor() -> None:
    @dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError(self.a)

    assert fast_constructor(Checked) is Checked
    with pytest.raises(ValueError):
        fast_constructor(Checked)(-1)
