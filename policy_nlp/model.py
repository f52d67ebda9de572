"""Frozen record types: the public contract of policy_nlp.

Every record that points into a document carries ``start``/``end`` offsets into ``Document.text``;
records with a ``text`` field satisfy ``doc.text[r.start:r.end] == r.text``. Records hold no
reference back to their document. ``Document.to_dict()`` writes the JSON schema (version 1,
documented in ``docs/schema.md``) and ``Document.from_dict()`` reads it back exactly.

>>> from policy_nlp.model import Document, Source, Meta
>>> doc = Document(id="d", source=Source(None, "0" * 64, "text", None), text="你好。", meta=Meta())
>>> Document.from_dict(doc.to_dict()) == doc
True
>>> doc.to_source(0, 2)
(0, 2)
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from policy_nlp.errors import SchemaError
from policy_nlp.offsets import OffsetMap

__all__ = [
    "RECORD_TYPES",
    "SCHEMA_VERSION",
    "Action",
    "Assignment",
    "Body",
    "BodyKind",
    "BodyRole",
    "Cell",
    "Citation",
    "CitationKind",
    "Comparator",
    "Condition",
    "Direction",
    "Document",
    "Goal",
    "Incentive",
    "IncentiveKind",
    "InstrumentType",
    "Meta",
    "RawCell",
    "RawTable",
    "RawText",
    "Section",
    "Sentence",
    "Source",
    "Table",
    "Target",
    "Token",
]

SCHEMA_VERSION = 1

Comparator = Literal["eq", "ge", "le", "gt", "lt", "approx"]
Direction = Literal["increase", "decrease"]
BodyKind = Literal["government", "party", "people_org", "enterprise", "committee", "collective", "other"]
BodyRole = Literal["issuer", "addressee", "lead", "cooperate", "mentioned"]
CitationKind = Literal["policy", "law", "plan", "meeting", "short", "other"]
CitationRelation = Literal["cites", "implements", "based_on", "formulates"]
#: Policy-instrument types (政策工具) of the codebook in ``docs/instruments.md``.
InstrumentType = Literal["supply", "environment", "demand", "none"]
IncentiveKind = Literal[
    "reward", "subsidy", "funding", "interest_subsidy", "tax", "fee", "loan", "land", "other"
]


@dataclass(frozen=True, slots=True)
class RawCell:
    """A table cell as a loader found it: grid position, spans, and its text as offsets into
    ``RawText.text`` (``start == end`` for an empty cell); ``header`` when the source marks it as a
    header cell (HTML ``<th>`` or ``<thead>``)."""

    row: int
    col: int
    start: int
    end: int
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


@dataclass(frozen=True, slots=True)
class RawTable:
    """A table as a loader found it (HTML ``<table>``, a pdfplumber table); ``page`` is 1-based for PDFs."""

    cells: tuple[RawCell, ...]
    page: int | None = None


@dataclass(frozen=True, slots=True)
class RawText:
    """A decoded source file, before normalization.

    ``text`` is the decoded source (HTML markup included for HTML; the extracted text layer for a
    PDF); every offset of ``Document.to_source`` is an offset into it. ``pages`` holds the start
    offset in ``text`` of each PDF page (empty for other formats).
    """

    text: str
    path: str | None = None
    sha256: str = ""
    format: Literal["txt", "html", "pdf", "text"] = "text"
    encoding: str | None = None
    pages: tuple[int, ...] = ()
    tables: tuple[RawTable, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """Where a document came from: ``path`` (None for a string), content ``sha256`` of the file bytes
    (of the UTF-8 text for a string), ``format`` (txt/html/pdf/text) and detected ``encoding``."""

    path: str | None
    sha256: str
    format: str
    encoding: str | None
    pages: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Meta:
    """GB/T 9704 header and footer elements. ``date`` is ISO: ``2011-02-15`` or ``2011-02``."""

    title: str | None = None
    doc_number: str | None = None
    issuers: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()
    date: str | None = None
    genre: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and everything up to the next heading of the same or a higher level.

    ``id`` is the dotted path of numbers (``"3"``, ``"3.2"``; ``"2/1"`` for the first section of a
    second document in the same text); ``level`` starts at 1; ``number`` is the numbering as written
    (``"三、"``, ``"（二）"``, ``"第五条"``); ``heading`` the heading text after it (may be empty for
    an article); ``start``/``end`` span the whole section, whose text starts with ``number``;
    ``parent`` is the parent's id or None.
    """

    id: str
    level: int
    number: str
    heading: str
    start: int
    end: int
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or line-level unit such as a heading) of ``Document.text``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a :class:`Table`: ``row``/``col`` of its top-left grid position (0-based),
    ``rowspan``/``colspan`` (HTML spans, merged PDF cells), ``header`` when it belongs to a header row.
    ``doc.text[start:end] == text`` (``start == end`` and ``text == ""`` for an empty cell)."""

    row: int
    col: int
    start: int
    end: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A table of ``Document.text``: laid out one row per line, cells separated by tabs.

    ``cells`` in row-major order; a cell spanning several rows or columns appears once, at its
    top-left position. ``header_rows`` counts the leading header rows (0 when none was detected);
    ``page`` is the 1-based PDF page of its first row (None for other sources).
    """

    id: str
    start: int
    end: int
    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...] = ()
    header_rows: int = 0
    page: int | None = None
    section: str | None = None
    rule: str = ""

    def grid(self) -> list[list[Cell | None]]:
        """Rows of cells with spans expanded: a spanning cell fills every position it covers.

        >>> t = Table("TB1", 0, 5, 2, 2, (Cell(0, 0, 0, 1, "a", rowspan=2), Cell(0, 1, 2, 3, "b"),
        ...                                 Cell(1, 1, 4, 5, "c")))
        >>> [[c.text if c else None for c in row] for row in t.grid()]
        [['a', 'b'], ['a', 'c']]
        """
        grid: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, min(self.n_rows, c.row + c.rowspan)):
                for k in range(c.col, min(self.n_cols, c.col + c.colspan)):
                    grid[r][k] = c
        return grid


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the jieba segmentation, with its span."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Assignment:
    """A responsible body attached to a target or action: ``canonical`` name and ``role``."""

    canonical: str
    role: BodyRole


@dataclass(frozen=True, slots=True)
class Target:
    """A quantified target (see ``docs/schema.md`` for each field)."""

    id: str
    start: int
    end: int
    text: str
    indicator: str | None
    value: float | None
    value_max: float | None = None
    unit: str | None = None
    comparator: Comparator = "eq"
    direction: Direction | None = None
    deadline_year: int | None = None
    base_year: int | None = None
    per_year: bool = False
    period: str | None = None
    section: str | None = None
    rule: str = ""
    bodies: tuple[Assignment, ...] = ()


@dataclass(frozen=True, slots=True)
class Body:
    """A mention of an organization or collective of bodies."""

    id: str
    start: int
    end: int
    text: str
    name: str
    canonical: str
    kind: BodyKind
    role: BodyRole
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Goal:
    """A stated goal or task; ``targets`` are ids of the targets inside its span."""

    id: str
    start: int
    end: int
    text: str
    section: str | None = None
    deadline_year: int | None = None
    targets: tuple[str, ...] = ()
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Citation:
    """A cited policy, law, plan or meeting.

    ``text`` is the mention as written (the title without 《》 for a bracketed title); ``title`` the
    normalized title; ``action`` the governing verb as written and ``relation`` what it means;
    ``resolved`` the key of the policy node it resolves to (see ``policy_nlp.resolve``).
    """

    id: str
    start: int
    end: int
    text: str
    title: str
    doc_number: str | None = None
    issuer: str | None = None
    kind: CitationKind = "policy"
    articles: tuple[str, ...] = ()
    action: str | None = None
    relation: CitationRelation = "cites"
    planned: bool = False
    resolved: str | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Action:
    """A clause-level action: ``verb`` governing ``object``, done by ``bodies``; ids of the targets and
    citations inside its span.

    ``instrument_type``, ``instrument_tool`` and ``instrument_score`` are the action's policy
    instrument, set only when asked (``analyze(..., instruments=True)`` or
    :meth:`Document.with_instruments`); None otherwise."""

    id: str
    start: int
    end: int
    text: str
    verb: str
    object: str
    bodies: tuple[Assignment, ...] = ()
    targets: tuple[str, ...] = ()
    citations: tuple[str, ...] = ()
    section: str | None = None
    deadline: str | None = None
    rule: str = ""
    instrument_type: InstrumentType | None = None
    instrument_tool: str | None = None
    instrument_score: float | None = None


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition an incentive is granted on (固定资产投资1000万元及以上, 年销售额在1亿元及以上).

    ``subject`` is what is measured, ``comparator``, ``value`` (``value_max`` for a band such as
    1000万元及以上至5000万元) and ``unit``; ``doc.text[start:end] == text``."""

    start: int
    end: int
    text: str
    subject: str | None = None
    comparator: Comparator = "eq"
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Incentive:
    """What a support policy gives, to whom, on what condition (see ``docs/schema.md``).

    ``amount`` is the sum given (null when only a rate or a cap is stated); ``cap`` the ceiling in
    the same ``unit``; ``rate`` a percent of ``basis``. One record per item of a distribution
    (分别奖励100万元、50万元) or tier, each with its ``object`` or its own ``conditions``.
    """

    id: str
    start: int
    end: int
    text: str
    kind: IncentiveKind = "other"
    amount: float | None = None
    amount_max: float | None = None
    unit: str | None = None
    cap: float | None = None
    rate: float | None = None
    rate_max: float | None = None
    per: str | None = None
    duration: str | None = None
    basis: str | None = None
    beneficiary: str | None = None
    object: str | None = None
    negotiated: bool = False
    conditions: tuple[Condition, ...] = ()
    payers: tuple[str, ...] = ()
    action: str | None = None
    article: str | None = None
    section: str | None = None
    rule: str = ""


R = TypeVar("R")

#: The record lists of a Document, in schema order: field name → record type.
RECORD_TYPES: dict[str, type[Any]] = {
    "sections": Section,
    "sentences": Sentence,
    "tables": Table,
    "targets": Target,
    "bodies": Body,
    "goals": Goal,
    "citations": Citation,
    "actions": Action,
    "incentives": Incentive,
}


@dataclass(frozen=True, slots=True)
class Document:
    """An analyzed policy document. Build one with :func:`policy_nlp.analyze`."""

    id: str
    source: Source
    text: str
    meta: Meta
    sections: tuple[Section, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    tables: tuple[Table, ...] = ()
    targets: tuple[Target, ...] = ()
    bodies: tuple[Body, ...] = ()
    goals: tuple[Goal, ...] = ()
    citations: tuple[Citation, ...] = ()
    actions: tuple[Action, ...] = ()
    incentives: tuple[Incentive, ...] = ()
    offsets: OffsetMap | None = field(default=None, repr=False)

    # -- offsets -------------------------------------------------------------------------------
    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``text`` to character offsets of the source (``RawText.text``)."""
        if self.offsets is None:
            if not 0 <= start <= end <= len(self.text):
                raise ValueError(f"span ({start}, {end}) outside text of length {len(self.text)}")
            return start, end
        return self.offsets.to_source(start, end)

    def page_of(self, start: int) -> int | None:
        """1-based PDF page of the character at ``text[start]`` (None for non-PDF sources)."""
        pages = self.source.pages
        if not pages:
            return None
        src, _ = self.to_source(start, start)
        from bisect import bisect_right

        return max(1, bisect_right(pages, src))

    def span(self, record: Section | Sentence) -> str:
        """The text of a record that stores no ``text`` field (sections, sentences)."""
        return self.text[record.start : record.end]

    def sentence_of(self, pos: int) -> Sentence | None:
        """The sentence containing offset ``pos``."""
        from bisect import bisect_right

        k = bisect_right([s.start for s in self.sentences], pos) - 1
        if k >= 0 and self.sentences[k].start <= pos < self.sentences[k].end:
            return self.sentences[k]
        return None

    def section_by_id(self, section_id: str | None) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    # -- words ---------------------------------------------------------------------------------
    def tokens(self) -> list[Token]:
        """jieba words of ``text`` with offsets (policy-domain dictionaries loaded)."""
        from policy_nlp.segment import segment

        return segment(self.text)

    def to_spacy(self) -> Any:
        """A spaCy ``Doc`` (blank ``zh``) whose tokens are :meth:`tokens`; records as ``doc.spans``."""
        from policy_nlp.segment import to_spacy

        return to_spacy(self)

    def instruments(self) -> list[Any]:
        """Policy-instrument label (supply/environment/demand type, tool) of each of :attr:`actions`,
        in order: the labels the actions carry when they were coded (:meth:`with_instruments`), else
        :func:`policy_nlp.learn.instruments.code_document` (imported on first use)."""
        from policy_nlp.learn.instruments import InstrumentLabel, code_document

        carried = [(a.instrument_type, a.instrument_tool or "", a.instrument_score or 0.0) for a in self.actions
                   if a.instrument_type is not None]  # fmt: skip
        if carried and len(carried) == len(self.actions):
            return [InstrumentLabel(*lab) for lab in carried]
        return list(code_document(self))

    def with_instruments(self) -> Document:
        """A copy whose :attr:`actions` carry their policy instrument (``instrument_type``,
        ``instrument_tool``, ``instrument_score``): the labels of :meth:`instruments`, in order; the
        document itself when every action carries one already.

        >>> from policy_nlp import analyze
        >>> doc = analyze("关于促进消费的通知\\n一、开展汽车以旧换新活动。").with_instruments()
        >>> [(a.text, a.instrument_type, a.instrument_tool) for a in doc.actions]
        [('开展汽车以旧换新活动', 'demand', 'consumption')]
        >>> doc.with_instruments() is doc  # coded already: nothing to do
        True
        """
        if all(a.instrument_type is not None for a in self.actions):
            return self  # no actions, or every one coded already
        labels = self.instruments()
        actions = tuple(
            dataclasses.replace(
                a, instrument_type=lab.type, instrument_tool=lab.tool, instrument_score=lab.score
            )
            for a, lab in zip(self.actions, labels, strict=True)
        )
        return dataclasses.replace(self, actions=actions)

    # -- display -------------------------------------------------------------------------------
    def _repr_html_(self) -> str:
        """Jupyter's rich display: the highlighted text (:func:`policy_nlp.view.render`)."""
        from policy_nlp.view import render

        return render(self)

    # -- serialization -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The JSON schema, version 1 (``docs/schema.md``)."""
        source: dict[str, Any] = {
            "path": self.source.path,
            "sha256": self.source.sha256,
            "format": self.source.format,
            "encoding": self.source.encoding,
        }
        if self.source.pages:
            source["pages"] = list(self.source.pages)
        if self.offsets is not None:
            source["offsets"] = self.offsets.to_list()
            source["length"] = self.offsets.src_length
        out: dict[str, Any] = {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "source": source,
            "text": self.text,
            "meta": _record_to_dict(self.meta),
        }
        for name in RECORD_TYPES:
            out[name] = [_record_to_dict(r) for r in getattr(self, name)]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Document:
        """Inverse of :meth:`to_dict`; raises :class:`~policy_nlp.errors.SchemaError` on a bad shape."""
        if data.get("schema") != SCHEMA_VERSION:
            raise SchemaError(f"unsupported schema version {data.get('schema')!r}, expected {SCHEMA_VERSION}")
        try:
            src = data["source"]
            text = data["text"]
            offsets = None
            if "offsets" in src:
                offsets = OffsetMap.from_list(src["offsets"], len(text), int(src["length"]))
            lists = {
                name: tuple(_record_from_dict(typ, r) for r in data.get(name, ()))
                for name, typ in RECORD_TYPES.items()
            }
            return cls(
                id=data["id"],
                source=Source(
                    src["path"], src["sha256"], src["format"], src["encoding"], tuple(src.get("pages", ()))
                ),
                text=text,
                meta=_record_from_dict(Meta, data["meta"]),
                offsets=offsets,
                **lists,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise SchemaError(f"not a policy_nlp document: {exc!r}") from exc

    def records(self) -> Iterator[Target | Body | Goal | Citation | Action | Incentive]:
        """All span records with a ``text`` field, in field order."""
        yield from self.targets
        yield from self.bodies
        yield from self.goals
        yield from self.citations
        yield from self.actions
        yield from self.incentives


def _record_to_dict(record: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, tuple):
            value = [_record_to_dict(v) if dataclasses.is_dataclass(v) else v for v in value]
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        out[f.name] = value
    return out


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _field_types(typ: type[Any]) -> dict[str, Any]:
    hints = _HINTS.get(typ)
    if hints is None:
        hints = _HINTS[typ] = typing.get_type_hints(typ)
    return hints


def _record_from_dict(typ: type[R], data: Mapping[str, Any]) -> R:
    hints = _field_types(typing.cast(type[Any], typ))
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(typ):  # type: ignore[arg-type]
        if f.name not in data:
            continue
        value = data[f.name]
        hint = hints[f.name]
        if typing.get_origin(hint) is tuple:
            (item,) = {a for a in typing.get_args(hint) if a is not Ellipsis}
            value = tuple(
                _record_from_dict(item, v) if isinstance(item, type) and dataclasses.is_dataclass(item) else v
                for v in value
            )
        elif _is_float(hint) and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        kwargs[f.name] = value
    return typ(**kwargs)


def _is_float(hint: Any) -> bool:
    if hint is float:
        return True
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return float in typing.get_args(hint)
    return False


def sort_records(records: Sequence[R]) -> tuple[R, ...]:
    """Records in document order (start, then longer first)."""
    return tuple(sorted(records, key=lambda r: (r.start, -r.end)))  # type: ignore[attr-defined]
