"""The documented JSON schema matches the dataclasses and the real output."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest

from policy_nlp import analyze
from policy_nlp.schema import RECORDS, _doc_for, json_schema, markdown

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_docs_are_current() -> None:
    assert (DOCS / "schema.md").read_text(encoding="utf-8") == markdown(), "run: python -m policy_nlp.schema docs"
    on_disk = json.loads((DOCS / "document.schema.json").read_text(encoding="utf-8"))
    assert on_disk == json_schema(), "run: python -m policy_nlp.schema docs"


@pytest.mark.parametrize("cls", list(RECORDS.values()), ids=lambda c: c.__name__)
def test_every_field_is_described(cls: type) -> None:
    missing = [f.name for f in dataclasses.fields(cls) if not _doc_for(cls, f.name)]
    assert not missing


def test_analyzed_documents_validate(seed_path: Path) -> None:
    for doc in (analyze(seed_path), analyze("关于推进工作的通知\n到2025年,覆盖率达到90%以上。")):
        jsonschema.validate(json.loads(json.dumps(doc.to_dict(), ensure_ascii=False)), json_schema())
