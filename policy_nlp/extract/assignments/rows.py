"""Flat rows of the assignments of a document, one per action with bodies (the CLI's CSV)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policy_nlp.extract.assignments.rules import _RULES, RULE_SENTENCE
from policy_nlp.model import Document

#: the columns of :func:`assignment_rows`
ROW_COLUMNS = ("doc", "id", "section", "task", "lead", "cooperate", "deadline", "start", "end", "rule")


def assignment_rows(doc: Document) -> Iterator[dict[str, Any]]:
    """One dict per task of ``doc`` with a lead or a deadline (keys :data:`ROW_COLUMNS`); bodies
    joined with ``;``. A document with task actions (table rows, field blocks, tails) gives those and
    its assigning sentences (``assignments.sentence.v1``); one without gives its assigning sentences
    and the clause actions outside them that have a lead or a deadline."""
    tasks = [a for a in doc.actions if a.rule in _RULES]
    if all(a.rule == RULE_SENTENCE for a in tasks):
        sentences = [a for a in doc.actions if a.rule == RULE_SENTENCE]
        tasks = [
            a
            for a in doc.actions
            if a.rule == RULE_SENTENCE or not any(s.start < a.end and a.start < s.end for s in sentences)
        ]
    for a in tasks:
        lead = [b.canonical for b in a.bodies if b.role == "lead"]
        if not lead and not a.deadline:
            continue
        yield {
            "doc": doc.id,
            "id": a.id,
            "section": a.section,
            "task": a.text,
            "lead": ";".join(lead),
            "cooperate": ";".join(b.canonical for b in a.bodies if b.role == "cooperate"),
            "deadline": a.deadline,
            "start": a.start,
            "end": a.end,
            "rule": a.rule,
        }

