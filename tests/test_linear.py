"""Every stage runs in linear time, whatever the line structure (issue 15).

Whole texts often arrive as ONE line (database exports, JSON fields, HTML without block tags); a
stage that looks up "the start of the line" or "is this inside brackets" by scanning back to the
line start, or that compares every record with every other one on the line, turns quadratic there.
Each stage is timed on a base of about 5,000 characters (six bundled documents, newlines removed)
and on the same text repeated 8 times: linear time gives a ratio near 8, quadratic near 64; the test
fails above 12. Each time is the fastest of a few repeats (noise on a shared machine only slows a
run down), with enough calls per repeat to last 20 ms and the garbage collector off; a ratio above
12 is measured again, up to three times, since a busy machine can slow one measure (a quadratic
stage stays near 64 every time).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from policy_nlp.extract.actions import find_actions
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

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
BASE_FILES = (
    "targets_guihua_2025.txt",
    "assign_action_plan_fields.txt",
    "bodies_city_plan.txt",
    "cite_training_opinion.txt",
    "tasks_province_plan.txt",
    "gov_notice_skills.txt",
)
FACTOR = 8
MAX_RATIO = 12.0
ATTEMPTS = 3


@cache
def base_text() -> str:
    text = "".join((CORPORA / name).read_text(encoding="utf-8") for name in BASE_FILES)
    return text.replace("\r", "").replace("\n", "")  # one line


@cache
def inputs(factor: int) -> dict[str, Any]:
    """Every stage's input at ``factor`` times the base, computed once (outside the timing)."""
    raw_text = base_text() * factor
    raw = RawText(text=raw_text, sha256="0" * 64, format="text")
    text, _offsets = normalize(raw)
    meta = parse_meta(text)
    tables = find_tables(text)
    sections = find_sections(text, tables=tables)
    sentences = find_sentences(text, tables=tables)
    targets = find_targets(text, sections=sections, sentences=sentences, year=None, title=meta.title)
    citations = find_citations(text, sentences=sentences)
    bodies = find_bodies(text, meta=meta, sections=sections, sentences=sentences)
    actions = find_actions(
        text, sections=sections, sentences=sentences, bodies=bodies, targets=targets, citations=citations
    )
    return {
        "raw": raw,
        "text": text,
        "meta": meta,
        "tables": tables,
        "sections": sections,
        "sentences": sentences,
        "targets": targets,
        "citations": citations,
        "bodies": bodies,
        "actions": actions,
    }


def _stage_calls() -> dict[str, Callable[[dict[str, Any]], object]]:
    return {
        "normalize": lambda d: normalize(d["raw"]),
        "meta": lambda d: parse_meta(d["text"]),
        "tables": lambda d: find_tables(d["text"]),
        "sections": lambda d: find_sections(d["text"], tables=d["tables"]),
        "sentences": lambda d: find_sentences(d["text"], tables=d["tables"]),
        "targets": lambda d: find_targets(
            d["text"], sections=d["sections"], sentences=d["sentences"], year=None, title=d["meta"].title
        ),
        "citations": lambda d: find_citations(d["text"], sentences=d["sentences"]),
        "bodies": lambda d: find_bodies(d["text"], meta=d["meta"], sections=d["sections"], sentences=d["sentences"]),
        "goals": lambda d: find_goals(d["text"], sections=d["sections"], sentences=d["sentences"], targets=d["targets"]),
        "actions": lambda d: find_actions(
            d["text"],
            sections=d["sections"],
            sentences=d["sentences"],
            bodies=d["bodies"],
            targets=d["targets"],
            citations=d["citations"],
        ),
        "assignments": lambda d: assign_tasks(
            d["text"],
            tables=d["tables"],
            sections=d["sections"],
            bodies=d["bodies"],
            targets=d["targets"],
            actions=d["actions"],
            year=None,
        ),
        "attach_line_bodies": lambda d: attach_line_bodies(d["text"], d["targets"], d["bodies"]),
    }


def seconds_per_call(fn: Callable[[], object], *, min_time: float = 0.02, repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs of ``fn``, each of enough calls to last ``min_time``; the garbage
    collector is off meanwhile (as in ``timeit``: its passes cost by all live objects, not by ``fn``)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _best(fn, min_time, repeat)
    finally:
        if was_enabled:
            gc.enable()


def _best(fn: Callable[[], object], min_time: float, repeat: int) -> float:
    loops = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(loops):
            fn()
        elapsed = time.perf_counter() - t0
        if elapsed >= min_time or loops >= 1 << 12:
            break
        loops *= 2
    best = elapsed / loops
    for _ in range(repeat - 1):
        t0 = time.perf_counter()
        for _ in range(loops):
            fn()
        best = min(best, (time.perf_counter() - t0) / loops)
    return best


STAGES = [
    "normalize",
    "meta",
    "tables",
    "sections",
    "sentences",
    "targets",
    "citations",
    "bodies",
    "goals",
    "actions",
    "assignments",
    "attach_line_bodies",
]


def test_base_is_one_line_of_a_few_kb() -> None:
    text = inputs(1)["text"]
    assert "\n" not in text and 3000 < len(text) < 10000
    assert inputs(1)["targets"] and inputs(1)["bodies"] and inputs(1)["citations"] and inputs(1)["actions"]


@pytest.mark.parametrize("stage", STAGES)
def test_stage_is_linear_on_one_line(stage: str) -> None:
    call = _stage_calls()[stage]
    small, large = inputs(1), inputs(FACTOR)
    call(small)  # warm the caches (dictionaries, compiled patterns)
    ratios = []
    for _attempt in range(ATTEMPTS):  # a busy machine can slow one measure; quadratic stays ~64×
        t1 = seconds_per_call(lambda: call(small))
        t8 = seconds_per_call(lambda: call(large), repeat=3)
        ratios.append(t8 / t1)
        if ratios[-1] < MAX_RATIO:
            break
    assert min(ratios) < MAX_RATIO, (
        f"{stage}: {FACTOR}× the input took {', '.join(f'{r:.1f}' for r in ratios)}× the time"
        f" ({t1:.4f} s → {t8:.4f} s in the last attempt)"
    )


def test_timer_sees_a_quadratic_stage() -> None:
    """The measure itself can fail: a stage that compares every character with every other one is
    caught."""

    def quadratic(d: dict[str, Any]) -> int:
        text = d["text"][:2000] * (len(d["text"]) // len(base_text()))
        return sum(text.count(text[i : i + 1], 0, i) for i in range(0, len(text), 4))

    small, large = inputs(1), inputs(FACTOR)
    ratio = seconds_per_call(lambda: quadratic(large), repeat=2) / seconds_per_call(lambda: quadratic(small))
    assert ratio > MAX_RATIO
