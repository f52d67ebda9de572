"""pandas DataFrames of analyzed documents: one frame per record type, typed, with context on every row.

:func:`frames` takes documents (or a file, a folder or a glob, analyzed on the way) and returns a dict
of DataFrames: ``documents`` (one row per document: id, path, format, title, 发文字号, issuers, date,
genre and record counts) and one per record table of the store (``sections``, ``tables``,
``targets``, ``bodies``, ``goals``, ``citations``, ``actions`` and any later record type). Record
frames have the columns of the store's exports (``docs/store.md``) with the document's ``doc_id`` in
place of the store's row key, followed by the source ``path``, ``title``, ``date`` and ``section_path`` (the headings
from the outermost section down to the record's own, joined by `` > ``). Columns are typed: nullable
integers (``Int64``), ``boolean``, ``float64``, categoricals for closed vocabularies (roles, kinds,
comparators, relations); list-valued fields stay Python lists. Action rows also get ``lead`` and
``cooperate``: the canonical names of their bodies with that role; ``frames(..., instruments=True)``
fills their ``instrument_type`` (category), ``instrument_tool`` (string) and ``instrument_score``
(``Float64``).

pandas is the optional extra ``frames`` (``pip install "policy_nlp[frames]"``), imported on first use.

>>> from policy_nlp import analyze
>>> doc = analyze("关于加强培训的意见\\n一、目标任务\\n到2025年,培训职工1万人次。", id="d1")
>>> f = frames(doc)
>>> f["targets"][["doc_id", "section_path", "value", "unit", "deadline_year"]].to_dict("records")
[{'doc_id': 'd1', 'section_path': '一、目标任务', 'value': 1.0, 'unit': '万人次', 'deadline_year': 2025}]
>>> str(f["targets"]["deadline_year"].dtype), str(f["targets"]["comparator"].dtype)
('Int64', 'category')
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

from policy_nlp.model import RECORD_TYPES, Document, Section

__all__ = ["frames", "iter_documents"]

_HINT = 'pip install "policy_nlp[frames]"'
Source = Document | str | os.PathLike[str] | Iterable[Document | str | os.PathLike[str]]


def _pandas() -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError as exc:
        raise ImportError(f"frames need pandas, which is not installed: {_HINT}") from exc


def iter_documents(source: Source, *, n_process: int = 1, instruments: bool = False) -> Iterator[Document]:
    """Documents from a Document, a file, a folder (searched recursively), a glob, or an iterable of
    those; files are analyzed on the way (bad files raise :class:`~policy_nlp.errors.LoadError`).
    ``instruments``: actions carry their policy instrument (a Document given uncoded is coded)."""
    from policy_nlp.batch import analyze_many, iter_files

    if isinstance(source, Document):
        yield source.with_instruments() if instruments else source
        return
    if isinstance(source, (str, os.PathLike)):
        paths = list(iter_files([os.fspath(source)]))
        yield from analyze_many(paths, n_process=n_process, instruments=instruments)
        return
    for item in source:
        yield from iter_documents(item, n_process=n_process, instruments=instruments)


def _dtype(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = args[0] if len(args) == 1 else object
        origin = typing.get_origin(hint)
    if origin is Literal:
        return "category"
    if hint is bool:
        return "boolean"
    if hint is int:
        return "Int64"
    if hint is float:
        return "float64"
    if hint is str:
        return "string"
    return "object"


#: Fields typed apart from their type hint: a score that is missing until asked for is a nullable float.
_DTYPES = {"instrument_score": "Float64"}


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [dataclasses.asdict(v) if dataclasses.is_dataclass(v) else v for v in value]  # type: ignore[arg-type]
    return value


def _section_paths(doc: Document) -> dict[str, str]:
    by_id = {s.id: s for s in doc.sections}
    paths: dict[str, str] = {}

    def path(s: Section) -> str:
        if s.id not in paths:
            own = (s.number + s.heading).strip()
            parent = by_id.get(s.parent) if s.parent else None
            paths[s.id] = f"{path(parent)} > {own}" if parent else own
        return paths[s.id]

    for s in doc.sections:
        path(s)
    return paths


def _record_rows(doc: Document, name: str, typ: type[Any], paths: dict[str, str]) -> list[dict[str, Any]]:
    fields = [f.name for f in dataclasses.fields(typ)]
    rows = []
    for i, rec in enumerate(getattr(doc, name, ())):
        section = getattr(rec, "section", None) if name != "sections" else rec.id
        row: dict[str, Any] = {
            "doc_id": doc.id,
            "path": doc.source.path,
            "title": doc.meta.title,
            "date": doc.meta.date,
            "section_path": paths.get(section) if section else None,
            "ord": i,
        }
        row.update((f, _plain(getattr(rec, f))) for f in fields)
        if name == "actions":
            row["lead"] = [b.canonical for b in rec.bodies if b.role == "lead"]
            row["cooperate"] = [b.canonical for b in rec.bodies if b.role == "cooperate"]
        rows.append(row)
    return rows


def _frame(pd: Any, rows: list[dict[str, Any]], columns: Sequence[str], dtypes: dict[str, str]) -> Any:
    df = pd.DataFrame.from_records(rows, columns=list(columns))
    for col, dtype in dtypes.items():
        if col in df.columns and dtype != "object":
            df[col] = df[col].astype(dtype)
    return df


_DOC_COLUMNS = (
    "doc_id",
    "path",
    "format",
    "title",
    "doc_number",
    "issuers",
    "addressees",
    "date",
    "year",
    "genre",
    "length",
)


def _document_row(doc: Document) -> dict[str, Any]:
    m = doc.meta
    row: dict[str, Any] = {
        "doc_id": doc.id,
        "path": doc.source.path,
        "format": doc.source.format,
        "title": m.title,
        "doc_number": m.doc_number,
        "issuers": list(m.issuers),
        "addressees": list(m.addressees),
        "date": m.date,
        "year": int(m.date[:4]) if m.date else None,
        "genre": m.genre,
        "length": len(doc.text),
    }
    row.update((f"n_{name}", len(getattr(doc, name, ()))) for name in RECORD_TYPES)
    return row


def frames(source: Source, *, n_process: int = 1, instruments: bool = False) -> dict[str, Any]:
    """DataFrames of ``source`` (a Document, a path, a folder, a glob or an iterable of those):
    ``documents`` and one frame per record type (see the module docstring for the columns).
    ``instruments``: the actions frame's ``instrument_*`` columns are filled (documents are coded
    with :meth:`~policy_nlp.model.Document.with_instruments`); otherwise they hold what the
    documents carry (missing values for uncoded ones)."""
    pd = _pandas()
    docs = list(iter_documents(source, n_process=n_process, instruments=instruments))
    paths = [_section_paths(d) for d in docs]  # once per document, for every record frame
    out: dict[str, Any] = {}
    doc_rows = [_document_row(d) for d in docs]
    doc_cols = [*_DOC_COLUMNS, *(f"n_{n}" for n in RECORD_TYPES)]
    out["documents"] = _frame(
        pd,
        doc_rows,
        doc_cols,
        {
            **dict.fromkeys(("doc_id", "path", "title", "doc_number", "date"), "string"),
            "year": "Int64",
            "length": "Int64",
            "format": "category",
            "genre": "category",
            **{f"n_{n}": "Int64" for n in RECORD_TYPES},
        },
    )
    for name, typ in RECORD_TYPES.items():
        hints = typing.get_type_hints(typ)
        fields = [f.name for f in dataclasses.fields(typ)]
        columns = ["doc_id", "path", "title", "date", "section_path", "ord", *fields]
        if name == "actions":
            columns += ["lead", "cooperate"]
        dtypes = {
            **dict.fromkeys(("doc_id", "path", "title", "date", "section_path"), "string"),
            "ord": "Int64",
            **{f: _DTYPES.get(f, _dtype(hints[f])) for f in fields},
        }
        rows = [r for d, p in zip(docs, paths, strict=True) for r in _record_rows(d, name, typ, p)]
        out[name] = _frame(pd, rows, columns, dtypes)
    return out
