"""The record model: JSON schema round-trip and schema errors."""

from __future__ import annotations

import json

import pytest

from policy_nlp.errors import SchemaError
from policy_nlp.model import (
    Assignment,
    Citation,
    Document,
    Meta,
    Section,
    Sentence,
    Source,
    Target,
)
from policy_nlp.offsets import TextBuilder

TEXT = "关于推进工作的意见\n一、总体要求\n到2015年比重达到30%。"


def _doc() -> Document:
    b = TextBuilder("  " + TEXT)
    b.drop(0, 2)
    b.copy(2, 2 + len(TEXT))
    text, omap = b.build()
    t0 = text.index("到2015年")
    return Document(
        id="d1",
        source=Source("x.txt", "a" * 64, "txt", "gb18030"),
        text=text,
        meta=Meta(title="关于推进工作的意见", issuers=("上海市总工会",), date="2011-02", genre="意见"),
        sections=(Section("1", 1, "一、", "总体要求", text.index("一、"), len(text)),),
        sentences=(Sentence(t0, len(text)),),
        targets=(
            Target(
                "T1", t0, len(text) - 1, text[t0:-1], "比重", 30.0, unit="%", deadline_year=2015,
                bodies=(Assignment("上海市总工会", "lead"),), rule="targets.percent.v1",
            ),
        ),
        citations=(Citation("C1", 0, 2, text[0:2], "关于", planned=True),),
        offsets=omap,
    )


def test_round_trip_through_json_is_exact() -> None:
    doc = _doc()
    data = json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))
    assert Document.from_dict(data) == doc


def test_schema_fields_are_the_documented_ones() -> None:
    data = _doc().to_dict()
    assert list(data)[:5] == ["schema", "id", "source", "text", "meta"]
    assert {"sections", "sentences", "targets", "bodies", "goals", "citations"} <= set(data)
    assert list(data["meta"]) == ["title", "doc_number", "issuers", "addressees", "date", "genre"]
    assert list(data["sections"][0]) == ["id", "level", "number", "heading", "start", "end", "parent"]
    assert data["sentences"][0].keys() == {"start", "end"}
    assert data["targets"][0]["value"] == 30 and isinstance(data["targets"][0]["value"], int)
    assert data["targets"][0]["bodies"] == [{"canonical": "上海市总工会", "role": "lead"}]


def test_to_source_maps_through_dropped_prefix() -> None:
    doc = _doc()
    assert doc.to_source(0, 2) == (2, 4)


@pytest.mark.parametrize(
    "bad",
    [{"schema": 2}, {"schema": 1}, {"schema": 1, "id": "x", "source": {}, "text": "", "meta": {}}],
    ids=["wrong-version", "no-fields", "empty-source"],
)
def test_from_dict_rejects_bad_shapes(bad: dict[str, object]) -> None:
    with pytest.raises(SchemaError):
        Document.from_dict(bad)


def test_to_source_rejects_out_of_range_span() -> None:
    with pytest.raises(ValueError):
        _doc().to_source(0, 10_000)
    plain = Document("p", Source(None, "", "text", None), "abc", Meta())
    with pytest.raises(ValueError):
        plain.to_source(2, 1)
