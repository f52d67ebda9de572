"""The analysis pipeline: load → normalize → structure → extract → resolve, one stage per module.

>>> from policy_nlp import analyze
>>> doc = analyze("上海市总工会关于开展劳动竞赛的意见\\n各区县局(产业)工会:\\n一、总体要求\\n到2015年，比重达到30%。")
>>> doc.meta.genre
'意见'
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection
from pathlib import Path

from policy_nlp.model import Document, RawText, Source, sort_records

__all__ = ["EXTRACTORS", "analyze", "analyze_raw"]

EXTRACTORS: tuple[str, ...] = ("targets", "citations", "bodies", "goals", "actions", "incentives")


def _looks_like_path(value: str) -> bool:
    return "\n" not in value and len(value) < 1024 and os.path.isfile(value)


def analyze(
    text_or_path: str | os.PathLike[str] | RawText,
    *,
    id: str | None = None,
    extract: Collection[str] = EXTRACTORS,
    instruments: bool = False,
) -> Document:
    """Analyze one document given as a path, a :class:`RawText` or the text itself.

    ``extract`` names the extractors to run (default: all of :data:`EXTRACTORS`); structure (meta,
    sections, sentences) is always parsed. ``instruments``: the actions carry their policy
    instrument (:meth:`Document.with_instruments`; loads the model of :mod:`policy_nlp.learn`). A ``str`` is read as a path when it names an existing file
    (and has no newline), otherwise as the document text. Raises :class:`~policy_nlp.errors.LoadError`
    for a file that cannot be read.
    """
    unknown = set(extract) - set(EXTRACTORS)
    if unknown:
        raise ValueError(f"unknown extractor(s) {sorted(unknown)}; valid: {list(EXTRACTORS)}")
    if isinstance(text_or_path, RawText):
        raw = text_or_path
    elif isinstance(text_or_path, os.PathLike) or _looks_like_path(text_or_path):
        from policy_nlp.io import load

        raw = load(text_or_path)
    else:
        data = str(text_or_path)
        raw = RawText(text=data, sha256=hashlib.sha256(data.encode("utf-8")).hexdigest(), format="text")
    return analyze_raw(raw, id=id, extract=extract, instruments=instruments)


def analyze_raw(
    raw: RawText, *, id: str | None = None, extract: Collection[str] = EXTRACTORS, instruments: bool = False
) -> Document:
    """Run every stage on an already loaded :class:`RawText` (options as in :func:`analyze`)."""
    from policy_nlp.extract.actions import attach_bodies, find_actions
    from policy_nlp.extract.bodies import attach_line_bodies, find_bodies
    from policy_nlp.extract.citations import find_citations
    from policy_nlp.extract.goals import find_goals
    from policy_nlp.extract.incentives import attach_actions, drop_incentive_numbers, find_incentives
    from policy_nlp.extract.targets import find_targets
    from policy_nlp.normalize import normalize
    from policy_nlp.structure.docyear import document_year
    from policy_nlp.structure.meta import parse_meta
    from policy_nlp.structure.outline import find_sections
    from policy_nlp.structure.sentences import find_sentences
    from policy_nlp.structure.tables import find_tables, in_sections, outside_headers

    text, offsets = normalize(raw)
    meta = parse_meta(text)
    raw_tables = raw.tables
    if raw.format == "html" and not raw_tables:  # a RawText built by hand: find its tables now
        from policy_nlp.io.html import html_tables

        raw_tables = html_tables(raw.text)
    tables = find_tables(text, raw_tables=raw_tables, offsets=offsets, source_format=raw.format)
    sections = find_sections(text, tables=tables)  # table rows (一、医疗质量<TAB>…) are no headings
    tables = in_sections(tables, sections)
    sentences = find_sentences(text, tables=tables)
    year = document_year(text, meta)
    targets = (
        find_targets(text, sections=sections, sentences=sentences, year=year, title=meta.title)
        if "targets" in extract
        else []
    )
    incentives = (
        find_incentives(text, sections=sections, sentences=sentences) if "incentives" in extract else []
    )
    if incentives and targets:  # targets and incentives never share a number
        targets = drop_incentive_numbers(targets, incentives)
    citations = find_citations(text, sentences=sentences) if "citations" in extract else []
    bodies = (
        find_bodies(text, meta=meta, sections=sections, sentences=sentences) if "bodies" in extract else []
    )
    goals = (
        find_goals(text, sections=sections, sentences=sentences, targets=targets, year=year)
        if "goals" in extract
        else []
    )
    actions = (
        find_actions(
            text, sections=sections, sentences=sentences, bodies=bodies, targets=targets, citations=citations,
            title=meta.title,
        )
        if "actions" in extract
        else []
    )
    if tables:  # a header row (序号 重点任务 牵头单位 …) states no target, goal or action
        targets = outside_headers(targets, tables)
        goals = outside_headers(goals, tables)
        actions = outside_headers(actions, tables)
    if "actions" in extract:
        from policy_nlp.extract.assignments import assign_tasks

        assigned = assign_tasks(
            text, tables=tables, sections=sections, bodies=bodies, targets=targets, actions=actions, year=year
        )
        actions, bodies = list(assigned.actions), list(assigned.bodies)
    if incentives and actions:
        incentives = attach_actions(incentives, actions)
    if actions:
        targets = attach_bodies(targets, actions)
    if bodies and targets:
        targets = attach_line_bodies(text, targets, bodies)
    doc_id = id or (Path(raw.path).stem if raw.path else raw.sha256[:12])
    doc = Document(
        id=doc_id,
        source=Source(raw.path, raw.sha256, raw.format, raw.encoding, raw.pages),
        text=text,
        meta=meta,
        sections=sort_records(sections),
        sentences=sort_records(sentences),
        tables=tuple(tables),
        targets=sort_records(targets),
        bodies=sort_records(bodies),
        goals=sort_records(goals),
        citations=sort_records(citations),
        actions=sort_records(actions),
        incentives=sort_records(incentives),
        offsets=offsets,
    )
    return doc.with_instruments() if instruments else doc
